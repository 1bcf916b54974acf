"""Loading: a scenario file's bytes to a validated Scenario, its figures and every diagnostic, located.

The pipeline, each step in its own module (docs/architecture.md):

    bytes -> reader (events -> plain data) -> model.partial (plain data -> Scenario)
          -> arithmetic.ledger -> checks -> arithmetic (payments, gap) -> checks.surpluses
          -> Locator (every finding at its line and column)

Never raises for bad input: a problem is a diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from effektinvest.checks import check, paying, surpluses
from effektinvest.core.arithmetic import Gap, PaidLines, compute, ledger, paid_lines
from effektinvest.edges.locator import Locator
from effektinvest.model import Scenario
from effektinvest.model.diagnostics import Diagnostic, Finding
from effektinvest.model.errors import holds_amount, model_findings
from effektinvest.model.numbers import ambiguous_thousands
from effektinvest.model.partial import NO_GAPS, Gaps, validate
from effektinvest.reader import MAX_BYTES, too_large

STDIN_NAME = "<stdin>"

# Reading errors after which the data cannot be trusted at all.
_FATAL = frozenset({"alias-expansion", "too-deep"})


@dataclass
class Loaded:
    path: str
    scenario: Scenario | None  # None when the file has an error
    gap: Gap | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    where: Locator | None = None  # to locate findings made later (--prices)
    # the counting lines, each with its covered cost and what it pays per year, in kr. (`arithmetic.paid_lines`):
    # what the figures were made from, kept when asked (KEEP_PAID: gap --explain and --by project), else None
    paid: PaidLines | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def load_bytes(
    data: bytes, path: str, prices: int | None = None, marks: bool = False, keep_paid: bool = False
) -> Loaded:
    """Read, validate and check one scenario file (restated in PRICES's prices, if given); with MARKS, read
    where every key and value stands at once (see `Locator.reading`); with KEEP_PAID, keep `Loaded.paid`."""
    result, where = Locator.reading(data, path, marks)
    diagnostics = list(result.diagnostics)  # reading problems carry their own positions
    if result.data is None or any(d.code in _FATAL for d in diagnostics):
        return Loaded(path, None, None, sorted(diagnostics, key=Diagnostic.sort_key), where)
    raw, result.data = result.data, None
    scenario, invalid, gaps = validate(raw, [where for where, *_ in result.thousands if holds_amount(where)])
    del raw  # the model holds the values; the raw containers can go
    findings = model_findings(invalid, result.poisoned) if invalid else []
    gap = paid = None
    if scenario is not None:
        findings, gap, paid = checked(scenario, gaps, findings)
    diagnostics += where.diagnostics(findings)
    diagnostics += _thousands(result.thousands, path)
    diagnostics.sort(key=Diagnostic.sort_key)
    if invalid or any(d.is_error for d in diagnostics):
        scenario = gap = paid = None
    loaded = Loaded(path, scenario, gap, diagnostics, where, paid if keep_paid else None)
    return loaded if prices is None or scenario is None else with_prices(loaded, prices)


def checked(
    scenario: Scenario, gaps: Gaps = NO_GAPS, found: list[Finding] = ()
) -> tuple[list[Finding], Gap, PaidLines]:
    """FOUND (the model's findings, if any) and every check's, the figures of SCENARIO and the lines they
    were made from (see `Loaded.paid`): of the lines that can be trusted, when the file has problems (see
    `checks.paying`); None and None when not even those."""
    costs, lines = ledger(scenario)
    findings = [*found, *check(scenario, lines, gaps)]
    counting = paying(lines, findings, gaps)
    if counting is None:
        return findings, None, None
    paid = paid_lines(scenario, counting)
    by_line = [(ref, pays) for ref, _, pays in paid]
    gap = compute(scenario, by_line, costs)
    return [*findings, *surpluses(scenario, gap, by_line)], gap, paid


def _thousands(numbers: list[tuple], path: str) -> list[Diagnostic]:
    """The ambiguous-thousands errors: NUMBERS are the reader's (path, line, column, text) of each plain
    number written like 1.500; an error where it stands for an amount or an index number."""
    out, seen = [], set()
    for where, line, column, text in numbers:
        message = ambiguous_thousands(text) if holds_amount(where) else None
        if message and (line, column) not in seen:  # a value repeated by aliases is reported once
            seen.add((line, column))
            out.append(Diagnostic(path, line, column, "ambiguous-thousands", message))
    return out


def with_prices(loaded: Loaded, year: int) -> Loaded:
    """LOADED restated in YEAR prices (--prices YEAR) and checked again, or with a diagnostic saying why not;
    with `Loaded.paid` if LOADED has it."""
    from effektinvest.core.prices import PriceProblem, restate  # --prices only: not on every command's start-up

    where = loaded.where or Locator(b"", loaded.path)
    try:
        scenario = restate(loaded.scenario, year)
    except PriceProblem as problem:
        found = where.diagnostics([Finding(problem.path, "prices-unavailable", problem.message, at_key=True)])
        return Loaded(loaded.path, None, None, [*loaded.diagnostics, *found], where)
    findings, gap, paid = checked(scenario)
    # The warnings of the file as written are already in loaded.diagnostics. What restating changed is said in
    # YEAR prices: a finding that only it made, and one whose figures it changed (a surplus: the report shows
    # the restated figures, and a warning beside it must not quote the file's).
    written = {(d.line, d.column, d.code): d for d in loaded.diagnostics}
    restated = {}
    for d in where.diagnostics(findings):
        before = written.get((d.line, d.column, d.code))
        if before is None or before.message != d.message:
            restated[d.line, d.column, d.code] = replace(d, message=f"in {year}-priser: {d.message}")
    kept = [d for d in loaded.diagnostics if (d.line, d.column, d.code) not in restated]
    new = list(restated.values())
    diagnostics = sorted([*kept, *new], key=Diagnostic.sort_key)
    if any(d.is_error for d in new):
        return Loaded(loaded.path, None, None, diagnostics, where)
    return Loaded(loaded.path, scenario, gap, diagnostics, where, paid if loaded.paid is not None else None)


def load_path(
    path: str, stdin=None, prices: int | None = None, marks: bool = False, keep_paid: bool = False
) -> Loaded:
    """Load a file by name, or standard input for '-' (see `load_bytes`). OSError propagates (the CLI's
    usage error): so does a path that is not a regular file (`paths.read_file`), and running out of memory,
    as OSError(ENOMEM), also before parsing when the address-space limit is below what the file may need
    (`paths.over_memory_limit`). At most MAX_BYTES + 1 bytes are read from anything (docs/cli.md, "Limits")."""
    from effektinvest.edges.paths import over_memory_limit, read_file, read_stream

    if path == "-":
        import sys

        if stdin is None and sys.stdin is None:
            raise FileNotFoundError(2, "standard input is closed")
        name, size = STDIN_NAME, None
        data = read_stream(stdin if stdin is not None else sys.stdin.buffer, MAX_BYTES)
    else:
        name, (data, size) = path, read_file(path, MAX_BYTES)
    if data is None or len(data) > MAX_BYTES:
        what = "standard input holds" if path == "-" else "the file holds"
        if data is not None or size is None:  # read to one byte past the limit: how far it goes is not known
            message = f"{what} more than {MAX_BYTES:,} bytes (64 MiB), the limit: refused before parsing"
            return Loaded(name, None, None, [Diagnostic(name, 1, 1, "file-too-large", message)])
        return Loaded(name, None, None, [too_large(name, size)])
    try:
        if not over_memory_limit(len(data)):  # else refused as if memory ran out: it might, where it aborts
            return load_bytes(data, name, prices, marks, keep_paid)
    except MemoryError:
        pass  # out of the handler first: the half-built data goes with the exception, before anything is said
    import errno
    import gc

    gc.collect()  # the collector is paused for a run (cli.main): what the exception left in cycles goes too
    raise OSError(
        errno.ENOMEM, f"not enough memory for it ({len(data):,} bytes; docs/performance.md says what a file needs)"
    )
