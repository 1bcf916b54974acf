"""The command line: parses options and wires loading, arithmetic and renderers. Nothing else."""

from __future__ import annotations

import errno
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from effektinvest import __version__
from effektinvest.numbers import YEAR_MAX, YEAR_MIN
from effektinvest.render import FORMATS, render
from effektinvest.streams import cannot_write, emit, finish, guard, quiet_stdout, writing

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_GAP = 0, 1, 2, 3

app = typer.Typer(
    name="effektinvest",
    help="Financing calculator for municipal social impact investments (sociale effektinvesteringer).",
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=True,
)


GapFormat = StrEnum("GapFormat", {name: name for name in FORMATS["gap"]})
CompareFormat = StrEnum("CompareFormat", {name: name for name in FORMATS["compare"]})
DueFormat = StrEnum("DueFormat", {name: name for name in FORMATS["due"]})


PRICES_HELP = "Restate every amount in this year's prices by the file's price_index (format 1.1)."
DECIMALS_HELP = (
    "Table and Markdown only: round the amounts shown to this many decimals "
    "(default: as many as the amounts need, at least the unit's usual)."
)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


QUIET_HELP = "No summary or notes on standard error; diagnostics are always printed."


def _version(value: bool) -> None:
    if value:
        print(f"effektinvest {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Financing calculator for municipal social impact investments (sociale effektinvesteringer)."""


def _fail_usage(message: str) -> typer.Exit:
    from effektinvest.render.cells import visible  # a path a user gave, shown on one line, nothing raw

    print(f"effektinvest: error: {visible(message)}", file=sys.stderr)
    return typer.Exit(EXIT_USAGE)


def _unit_option(value: str | None):
    if value is None:
        return None
    from effektinvest.numbers import ValueProblem
    from effektinvest.units import parse_unit

    try:
        return parse_unit(value)
    except ValueProblem as problem:
        raise typer.BadParameter(problem.message) from None


def _load(path: str, prices: int | None = None):
    from effektinvest.load import load_path

    try:
        return load_path(path, prices=prices)
    except IsADirectoryError:
        raise _fail_usage(f"{path}: is a folder; give a scenario file") from None
    except OSError as exc:
        raise _fail_usage(f"{path}: {exc.strerror or exc}") from None


def _load_one_of_many(path: str):
    """`_load` for a command that reads many files (check, due): a file that cannot be read is a finding
    of its own (unreadable-file, at PATH:1:1), and the other files are still read."""
    from effektinvest.diagnostics import Diagnostic
    from effektinvest.load import Loaded, load_path

    try:
        return load_path(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.ELOOP:
            reason += " (a symbolic link that leads back to itself)"
        elif exc.errno == errno.EISDIR:
            reason = "it is a folder"
        elif exc.errno == errno.ENOENT and os.path.islink(path):
            reason = "it is a symbolic link to a file that does not exist"
        message = f"the file cannot be read: {reason[:1].lower()}{reason[1:]}"
        return Loaded(path, None, None, [Diagnostic(path, 1, 1, "unreadable-file", message)])


def _expand(paths: list[str]) -> list[str]:
    from effektinvest.paths import UsageError, expand

    try:
        return expand(paths)
    except UsageError as problem:
        raise _fail_usage(str(problem)) from None


def _emit_diagnostics(diagnostics) -> None:
    from effektinvest.render.diagnostics import text

    sys.stderr.write(text(diagnostics))


@app.command()
def gap(
    scenario: Annotated[str, typer.Argument(metavar="SCENARIO", help="The scenario file; '-' reads standard input.")],
    format: Annotated[GapFormat, typer.Option("--format", "-f", help="Output format.")] = GapFormat.table,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="Report in this unit: kr., t.kr. or mio. kr. (default: the file's unit)."),
    ] = None,
    fail_on_gap: Annotated[
        bool, typer.Option("--fail-on-gap", help="Exit 3 when some year has a positive residual.")
    ] = False,
    decimals: Annotated[int | None, typer.Option("--decimals", min=0, max=12, metavar="N", help=DECIMALS_HELP)] = None,
    prices: Annotated[
        int | None, typer.Option("--prices", min=YEAR_MIN, max=YEAR_MAX, metavar="YEAR", help=PRICES_HELP)
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=QUIET_HELP)] = False,
) -> None:
    """Cost, financing, coverage and residual per budget year for one scenario."""
    out_unit = _unit_option(unit)
    loaded = _load(scenario, prices)
    _emit_diagnostics(loaded.diagnostics)
    if loaded.scenario is None:
        raise typer.Exit(EXIT_INVALID)
    from effektinvest.render.gap_view import build

    report = build(loaded.scenario, loaded.gap, out_unit or loaded.scenario.unit)
    with writing():
        emit(render("gap", format.value, report, decimals))
    if fail_on_gap:
        _fail_on_gap(report, quiet)


def _fail_on_gap(report, quiet: bool) -> None:
    """--fail-on-gap: exit 3 when some year has a positive residual, saying which on one line."""
    from effektinvest.numbers import plain

    years = [(year, column.residual) for year, column in zip(report.years, report.columns, strict=False)]
    gaps = [f"{year} ({plain(residual)} {report.unit.value})" for year, residual in years if residual > 0]
    if not gaps:
        return
    if not quiet:
        shown = ", ".join(gaps[:-1]) + (" and " if len(gaps) > 1 else "") + gaps[-1]
        print(f"effektinvest: a residual remains in {shown} (--fail-on-gap)", file=sys.stderr)
    raise typer.Exit(EXIT_GAP)


@app.command()
def check(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Scenario files or folders; '-' reads standard input.")
    ],
    format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (standard error), json or github (standard output). "
            "Default: github when GITHUB_ACTIONS is set, else text.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=QUIET_HELP)] = False,
) -> None:
    """Validate scenario files: diagnostics, a one-line summary on standard error, an exit code."""

    from effektinvest.render import diagnostics as reporters

    if format is None:
        format = CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text
    files = _expand(paths)
    found = []
    for path in files:
        loaded = _load_one_of_many(path)
        found += loaded.diagnostics
        if format is CheckFormat.text:
            sys.stderr.write(reporters.text(loaded.diagnostics))
    errors = sum(d.is_error for d in found)
    warnings = len(found) - errors
    with writing():
        if format is CheckFormat.json:
            sys.stdout.write(reporters.to_json(found))
        elif format is CheckFormat.github:
            sys.stdout.write(reporters.github(found))
    if not quiet:
        print(reporters.summary(len(files), errors, warnings), file=sys.stderr)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as handle:
                handle.write(reporters.step_summary(found, len(files)))
        except OSError as exc:
            print(f"effektinvest: warning: GITHUB_STEP_SUMMARY {summary_file}: {exc.strerror or exc}", file=sys.stderr)
    if errors or (strict and warnings):
        raise typer.Exit(EXIT_INVALID)


@app.command()
def due(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Scenario files or folders; '-' reads standard input.")
    ],
    budget: Annotated[
        int, typer.Option("--budget", min=YEAR_MIN, max=YEAR_MAX, metavar="YEAR", help="The budget year.")
    ],
    format: Annotated[DueFormat, typer.Option("--format", "-f", help="Output format.")] = DueFormat.table,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=QUIET_HELP)] = False,
) -> None:
    """The decisions due at a budget: funding that ends that year, and decisions deferred to it."""
    from effektinvest.portfolio import due as due_items
    from effektinvest.render.due_view import DueReport, due_row

    rows, invalid = [], False
    for path in _expand(paths):
        loaded = _load_one_of_many(path)
        _emit_diagnostics(loaded.diagnostics)
        if loaded.scenario is None:
            invalid = True
            continue
        rows += [due_row(loaded.path, loaded.scenario.unit, item) for item in due_items(loaded.scenario, budget)]
    with writing():
        emit(render("due", format.value, DueReport(budget, rows)))
    if invalid:
        raise typer.Exit(EXIT_INVALID)


@app.command()
def compare(
    before: Annotated[str, typer.Argument(metavar="BEFORE", help="The earlier scenario file.")],
    after: Annotated[
        str, typer.Argument(metavar="AFTER", help="The later scenario file. Either side may be '-' (standard input).")
    ],
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = CompareFormat.table,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Report in this unit (default: the AFTER file's unit).")
    ] = None,
    prices: Annotated[
        int | None, typer.Option("--prices", min=YEAR_MIN, max=YEAR_MAX, metavar="YEAR", help=PRICES_HELP)
    ] = None,
    decimals: Annotated[int | None, typer.Option("--decimals", min=0, max=12, metavar="N", help=DECIMALS_HELP)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=QUIET_HELP)] = False,
) -> None:
    """Two scenarios side by side per budget year: before, after and change."""
    from effektinvest.portfolio import compare as compare_gaps
    from effektinvest.render.compare_view import CompareReport

    out_unit = _unit_option(unit)
    if before == "-" and after == "-":
        raise _fail_usage("only one of BEFORE and AFTER can be '-'")
    old, new = _load(before, prices), _load(after, prices)
    for loaded in (old, new):
        _emit_diagnostics(loaded.diagnostics)
    if old.scenario is None or new.scenario is None:
        raise typer.Exit(EXIT_INVALID)
    levels = {old.scenario.price_level, new.scenario.price_level}
    if len(levels) > 1 and not quiet:
        shown = " and ".join("none" if level is None else str(level) for level in sorted(levels, key=str))
        print(
            f"effektinvest: warning: the files are at different price levels ({shown}); "
            "use --prices YEAR to compare them in one year's prices",
            file=sys.stderr,
        )
    level = levels.pop() if len(levels) == 1 else None
    comparison = compare_gaps(old.scenario, old.gap, new.scenario, new.gap)
    report = CompareReport(old.path, new.path, out_unit or new.scenario.unit, level, comparison)
    with writing():
        emit(render("compare", format.value, report, decimals))


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft-07) of the scenario format, for editors and other validators."""
    from effektinvest.schema import schema_text

    sys.stdout.write(schema_text())


@app.command()
def init(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="The scenario file to write; '-' prints it.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists.")] = False,
    budget_year: Annotated[
        int | None,
        typer.Option(
            "--budget-year",
            min=YEAR_MIN,
            max=YEAR_MAX - 1,
            metavar="YEAR",
            help="The budget year (default: a four-digit year in PATH's file name, else next year).",
        ),
    ] = None,
) -> None:
    """Write a commented starter scenario that passes check; never overwrites without --force."""
    import datetime

    from effektinvest.starter import NotRegularFile, starter_text, write_new, year_in_name

    year = budget_year or year_in_name(path.name) or datetime.date.today().year + 1
    if str(path) == "-":  # to standard output, for `effektinvest init - > file` or a pipe
        sys.stdout.write(starter_text("scenario.yaml", year))
        return
    try:
        write_new(path, starter_text(path.name, year), force)
    except FileExistsError:
        raise _fail_usage(f"{path} exists; use --force to overwrite it") from None
    except NotRegularFile as exc:
        raise _fail_usage(f"{path} is {exc}, not a regular file; init replaces only a regular file") from None
    except OSError as exc:
        raise _fail_usage(f"{path}: {exc.strerror or exc}") from None
    from effektinvest.render.cells import visible

    print(visible(f"wrote {path}; check it with: effektinvest check {path}"), file=sys.stderr)


def _show_usage_error(exc) -> None:
    """A usage error as a person would write it: without the 'Value error, ' of the validation library
    that typer checks option values with. (No command at all: the help is already printed, as typer does.)"""
    if exc.__class__.__name__ == "NoArgsIsHelpError":
        return
    if isinstance(getattr(exc, "message", None), str):
        exc.message = exc.message.replace("Value error, ", "")
    exc.show()


def _quiet_help_pipe() -> None:
    """Help into a pipe whose reader has gone (`effektinvest --help | head -1`) ends quietly with exit 0:
    Rich, which typer prints help with, would exit 1."""
    from rich.console import Console

    def gone(console) -> None:
        console.quiet = True
        quiet_stdout()

    Console.on_broken_pipe = gone


def _readable_help() -> None:
    """Help that reads like a person wrote it. Typer 0.2x shows each parameter's Python type (`<bool>`,
    `<str>`, `<list[str]>`) and a required argument in braces (`{SCENARIO}`); here a flag shows no value,
    an option its metavar or its choices, and an argument its name (test_cli.py reads every command's
    help)."""
    from typer import core

    def option_value(self, ctx):  # noqa: ARG001 (typer's signature)
        if self.is_flag or self.count:
            return None
        if self.metavar is not None:
            return self.metavar
        choices = self.type_descriptor.choices if self.type_descriptor.is_choice else None
        return "[" + "|".join(str(getattr(c, "value", c)) for c in choices) + "]" if choices else self.name.upper()

    def argument_name(self):
        name = self.display_name_raw
        name += "..." if self.nargs != 1 and not name.endswith("...") else ""
        return name if self.required else f"[{name}]"

    core.TyperOption.display_type_rich = option_value
    core.TyperArgument.display_type_rich = lambda self, ctx: None  # noqa: ARG005 (typer's signature)
    core.TyperArgument._usage_display_name = argument_name
    core.TyperArgument._rich_display_name = lambda self: self.display_name_raw


_readable_help()


def run(argv: list[str] | None = None) -> int:
    """Run one command in this process and return its exit code: what the tests drive, and what `main`
    wraps. Never exits the process."""
    if not argv or "--help" in argv:
        _quiet_help_pipe()
    try:
        code = app(args=argv, prog_name="effektinvest", standalone_mode=False)
        return code if isinstance(code, int) else EXIT_OK
    except typer.Abort:
        print("effektinvest: aborted", file=sys.stderr)
        return EXIT_INVALID
    except typer.TyperException as exc:  # a usage error: say it plainly, on standard error
        _show_usage_error(exc)
        return getattr(exc, "exit_code", EXIT_USAGE)
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
        return exc.code if isinstance(exc.code, int) else EXIT_OK if exc.code is None else EXIT_INVALID
    except OSError as exc:  # standard output cannot be written: a full disk, a closed descriptor
        quiet_stdout()  # what is still buffered goes nowhere: said once, here
        cannot_write(exc)
        return EXIT_USAGE
    except MemoryError:  # while rendering a report too large for the memory given (loading says so itself)
        print("effektinvest: error: out of memory while writing the report", file=sys.stderr)
        return EXIT_USAGE


def main() -> None:
    """The console script: `run`, then flush and leave at once (see below)."""
    import gc

    # A run is short and its data has no reference cycles to speak of: pausing the cycle collector
    # spares it from scanning the millions of objects a large scenario makes (see docs/performance.md).
    gc.disable()
    # Pydantic looks for plugins (an entry-point scan of every installed package) when the first model is
    # built; effektinvest uses none, and the scan is a tenth of its start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Out of memory inside pydantic-core (Rust) with RUST_BACKTRACE set hangs while it writes the backtrace;
    # without it, the process ends at once (docs/performance.md, "Memory").
    os.environ["RUST_BACKTRACE"] = "0"
    # A file name that is not valid UTF-8 is still printed (escaped), never a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    guard()  # a closed or full standard output or error: streams.guard
    code = finish(run())
    # Everything is written and every file closed: leave without tearing down the millions of objects a
    # large scenario made, which takes as long as reading it (see docs/performance.md).
    os._exit(code)
