"""What several commands share: the help of their common options, usage errors, loading one file or many,
and printing diagnostics."""

from __future__ import annotations

import errno
import os
import sys
from enum import StrEnum
from typing import Annotated

import typer

from effektinvest.cli.app import EXIT_INVALID, EXIT_USAGE
from effektinvest.model.numbers import YEAR_MAX, YEAR_MIN
from effektinvest.reports import compare, due, gap

GapFormat = StrEnum("GapFormat", {name: name for name in gap.FORMATS})
CompareFormat = StrEnum("CompareFormat", {name: name for name in compare.FORMATS})
DueFormat = StrEnum("DueFormat", {name: name for name in due.FORMATS})

PRICES_HELP = "Restate every amount in this year's prices by the file's price_index (format 1.1)."
DECIMALS_HELP = (
    "Table and Markdown only: round the amounts shown to this many decimals "
    "(default: as many as the amounts need, at least the unit's usual)."
)
QUIET_HELP = "No summary or notes on standard error; diagnostics are always printed."

# The options several report commands share, declared once.
ScenarioFile = Annotated[str, typer.Argument(metavar="SCENARIO", help="The scenario file; '-' reads standard input.")]
UnitOption = Annotated[
    str | None,
    typer.Option("--unit", help="Report in this unit: kr., t.kr. or mio. kr. (default: the file's unit)."),
]
PricesOption = Annotated[
    int | None, typer.Option("--prices", min=YEAR_MIN, max=YEAR_MAX, metavar="YEAR", help=PRICES_HELP)
]
DecimalsOption = Annotated[int | None, typer.Option("--decimals", min=0, max=12, metavar="N", help=DECIMALS_HELP)]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help=QUIET_HELP)]

# --output and --force of every report command (issue 12; written by `output.deliver`).
OutputFile = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to FILE (atomically) instead of standard output; '-' is standard output.",
    ),
]
Force = Annotated[bool, typer.Option("--force", help="With --output: overwrite FILE if it exists.")]


def fail_usage(message: str) -> typer.Exit:
    from effektinvest.core.display_context import visible  # a path a user gave, shown on one line, nothing raw

    print(f"effektinvest: error: {visible(message)}", file=sys.stderr)
    return typer.Exit(EXIT_USAGE)


def unit_option(value: str | None):
    if value is None:
        return None
    from effektinvest.model.numbers import ValueProblem
    from effektinvest.model.units import parse_unit

    try:
        return parse_unit(value)
    except ValueProblem as problem:
        raise typer.BadParameter(problem.message, param_hint="'--unit'") from None


def load(path: str, prices: int | None = None, marks: bool = False, keep_paid: bool = False):
    from effektinvest.edges.load import load_path

    try:
        return load_path(path, prices=prices, marks=marks, keep_paid=keep_paid)
    except IsADirectoryError:
        raise fail_usage(f"{path}: is a folder; give a scenario file") from None
    except OSError as exc:
        raise fail_usage(f"{path}: {exc.strerror or exc}") from None


def load_one_of_many(path: str):
    """`load` for a command that reads many files (check, due): a file that cannot be read, or a folder
    (`expand`'s UnreadableFolder), is a finding of its own (unreadable-file, at PATH:1:1), and the other
    files are still read."""
    from effektinvest.edges.load import load_path
    from effektinvest.edges.paths import UnreadableFolder

    if isinstance(path, UnreadableFolder):
        return _unreadable(str(path), path.error, "folder")
    try:
        return load_path(path)
    except OSError as exc:
        return _unreadable(path, exc, "file")


def _unreadable(path: str, exc: OSError, what: str):
    from effektinvest.edges.load import Loaded
    from effektinvest.model.diagnostics import Diagnostic

    reason = exc.strerror or str(exc)
    if exc.errno == errno.ELOOP:
        reason += " (a symbolic link that leads back to itself)"
    elif exc.errno == errno.EISDIR:
        reason = "it is a folder"
    elif exc.errno == errno.ENOENT and os.path.islink(path):
        reason = "it is a symbolic link to a file that does not exist"
    message = f"the {what} cannot be read: {reason[:1].lower()}{reason[1:]}"
    return Loaded(path, None, None, [Diagnostic(path, 1, 1, "unreadable-file", message)])


def expand(paths: list[str]) -> list[str]:
    from effektinvest.edges.paths import UsageError
    from effektinvest.edges.paths import expand as expand_paths

    try:
        return expand_paths(paths)
    except UsageError as problem:
        raise fail_usage(str(problem)) from None


def emit_diagnostics(diagnostics) -> None:
    if not diagnostics:  # a clean file: nothing to say, and the reporters (and json) are not imported
        return
    from effektinvest.reports.check.reporters import text

    sys.stderr.write(text(diagnostics))


def usable(loaded):
    """LOADED's diagnostics on standard error, then LOADED; a file with errors ends the command with exit 1."""
    emit_diagnostics(loaded.diagnostics)
    if loaded.scenario is None:
        raise typer.Exit(EXIT_INVALID)
    return loaded
