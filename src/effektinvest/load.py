"""Loading: a scenario file's bytes to a validated Scenario and every diagnostic, located.

The one place that joins the reader (YAML to data, with line marks), the model
(pydantic) and the checks, and turns every finding's path into a line and
column of the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pydantic import ValidationError

from effektinvest.arithmetic import Gap
from effektinvest.checks import check, nearest
from effektinvest.diagnostics import CODES, Diagnostic, Severity
from effektinvest.model import AMOUNT_TAGS, Scenario, model_at, name_of, owner
from effektinvest.numbers import danish_thousands_warning, describe
from effektinvest.prices import PriceProblem, restate
from effektinvest.reader import MAX_BYTES, Marks, locate, read, too_large
from effektinvest.units import Unit

STDIN_NAME = "<stdin>"


@dataclass
class Loaded:
    path: str
    scenario: Scenario | None
    gap: Gap | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    marks: Marks | None = None  # where keys and values stand in the file, to locate later findings

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def load_bytes(data: bytes, path: str, prices: int | None = None, keep_marks: bool = True) -> Loaded:
    """Read, validate and check one scenario file (restated in PRICES's prices, if given). Never raises for
    bad input. KEEP_MARKS=False lets the marks go once every finding is located: a large file's
    report is then rendered without them in memory.

    Without KEEP_MARKS (and PRICES) the file is first read without marks, which is a quarter faster, and
    read again for them only if some finding has to be located: a clean file is read once."""
    eager = keep_marks or prices is not None
    result = read(data, path, marks=eager)
    marks = result.marks

    def located() -> Marks | None:
        nonlocal marks
        if marks is None and not eager:
            marks = read(data, path).marks
        return marks

    diagnostics = list(result.diagnostics)
    scenario = gap = None
    if result.data is not None and not any(d.is_error and d.code in _FATAL for d in diagnostics):
        raw, result.data = result.data, None
        try:
            scenario = Scenario.model_validate(raw)
        except ValidationError as exc:
            diagnostics += _model_diagnostics(exc, result.poisoned, located, path)
        del raw  # the model holds the values; the raw containers can go
        diagnostics += _thousands(result, path, scenario is not None and scenario.unit is Unit.MIO)
        if scenario is not None:
            found, gap = _checked(scenario, located, path)
            diagnostics += found
            if any(d.is_error for d in diagnostics):
                scenario = gap = None
    diagnostics.sort(key=Diagnostic.sort_key)
    loaded = Loaded(path, scenario, gap, diagnostics, marks)
    if prices is not None and scenario is not None:
        loaded = with_prices(loaded, prices)
    if not keep_marks:
        loaded.marks = None
    return loaded


def _checked(scenario: Scenario, located, path: str) -> tuple[list[Diagnostic], Gap | None]:
    """The cross-value checks of SCENARIO, located in the file (LOCATED() gives the marks; it is called
    only if there is a finding), and its gap when there is no error."""
    findings, gap = check(scenario)
    marks = located() if findings else None
    out = []
    for finding in findings:
        line, column = locate(marks, finding.path, finding.at_key)
        out.append(Diagnostic(path, line, column, finding.severity, finding.code, finding.message))
    return out, gap


def _amount_path(path: tuple) -> bool:
    """Whether PATH holds an amount or index: where a number like 1.500 may be meant as thousands."""
    match path:
        case ("projects", _, "costs", _) | ("price_index", _):
            return True
        case (*_, "amount") | (*_, "amount", _):
            return path[0] in ("projects", "financing")
    return False


def _thousands(result, path: str, in_millions: bool) -> list[Diagnostic]:
    out, seen = [], set()
    for where, line, column, text in result.thousands:
        message = danish_thousands_warning(text, in_millions) if _amount_path(where) else None
        if message and (line, column) not in seen:  # a value repeated by aliases is warned about once
            seen.add((line, column))
            out.append(Diagnostic(path, line, column, Severity.WARNING, "danish-thousands", message))
    return out


def with_prices(loaded: Loaded, year: int) -> Loaded:
    """LOADED restated in YEAR prices (--prices YEAR) and checked again, or with a diagnostic saying why not."""
    try:
        scenario = restate(loaded.scenario, year)
    except PriceProblem as problem:
        line, column = locate(loaded.marks, problem.path, at_key=True)
        found = Diagnostic(loaded.path, line, column, Severity.ERROR, "prices-unavailable", problem.message)
        return Loaded(loaded.path, None, None, [*loaded.diagnostics, found], loaded.marks)
    found, gap = _checked(scenario, lambda: loaded.marks, loaded.path)
    # warnings of the file as written are already in loaded.diagnostics; add what restating changed
    known = {(d.line, d.column, d.code) for d in loaded.diagnostics}
    new = [
        Diagnostic(d.path, d.line, d.column, d.severity, d.code, f"in {year}-priser: {d.message}")
        for d in found
        if (d.line, d.column, d.code) not in known
    ]
    diagnostics = sorted([*loaded.diagnostics, *new], key=Diagnostic.sort_key)
    if any(d.is_error for d in new):
        return Loaded(loaded.path, None, None, diagnostics, loaded.marks)
    return Loaded(loaded.path, scenario, gap, diagnostics, loaded.marks)


# Reading errors after which the data cannot be trusted at all.
_FATAL = frozenset({"alias-expansion", "too-deep"})


def _clean(loc: tuple) -> tuple:
    """A pydantic error location as a path in the file: no union tags, no '[key]' markers."""
    out = []
    for i, step in enumerate(loc):
        if step == "[key]":
            continue
        if step in AMOUNT_TAGS and i > 0 and loc[i - 1] == "amount":
            continue
        out.append(step)
    return tuple(out)


def _under(path: tuple, prefixes: list[tuple]) -> bool:
    return any(path[: len(p)] == p for p in prefixes)


def _errors(exc: ValidationError):
    """Pydantic's errors, with a year mapping's several problems (one "entries" error) as one error each."""
    for error in exc.errors(include_url=False, include_context=True, include_input=True):
        if error["type"] != "entries":
            yield error
            continue
        for key, at_key, code, message in error["ctx"]["problems"]:
            loc = (*error["loc"], key, "[key]") if at_key else (*error["loc"], key)
            yield {"type": code, "loc": loc, "ctx": {"message": message}, "msg": message}


def _model_diagnostics(exc: ValidationError, poisoned: list[tuple], located, path: str) -> list[Diagnostic]:
    """Pydantic's errors as located diagnostics; LOCATED() gives the marks, called only if one is reported
    (an error under a value the reader has already reported is not)."""
    out = []
    for error in _errors(exc):
        loc = error["loc"]
        where = _clean(loc)
        if _under(where, poisoned):
            continue  # the reader has reported what is wrong here
        kind = error["type"]
        at_key = "[key]" in loc
        if kind == "extra_forbidden":
            code, at_key = "unknown-key", True
            model = model_at(where[:-1])
            known = list(model.model_fields) if model else []
            message = f"unknown key {where[-1]!r}" + (
                nearest(str(where[-1]), known) or f"; known keys: {', '.join(known)}" if known else ""
            )
        elif kind == "missing":
            code, at_key = "missing-key", True
            message = f"{owner(where[:-1])} is missing the required key {where[-1]!r}"
            where = where[:-1]
        elif kind in {"dict_type", "mapping_type", "model_type", "model_attributes_type"}:
            code = "wrong-type"
            message = f"{name_of(where)} must be a mapping of keys, not {describe(error.get('input'))}"
        elif kind == "string_type":
            code = "wrong-type"
            message = f"{name_of(where)}: expected text, not {describe(error.get('input'))}"
        elif kind in {"string_too_short", "string_pattern_mismatch"}:
            code = "wrong-type"
            message = f"{name_of(where)}: a name cannot be empty"
        elif kind in {"list_type", "tuple_type"}:
            code = "wrong-type"
            message = f"{name_of(where)} must be a list (lines starting with '- '), not {describe(error.get('input'))}"
        elif kind in CODES:
            code = kind
            message = error["ctx"]["message"] if error.get("ctx") else error["msg"]
            if code == "wrong-type" and where:
                message = f"{name_of(where)}: {message}"
        else:
            code = "wrong-type"
            message = f"{name_of(where)}: {error['msg']}"
        line, column = locate(located(), where, at_key)
        out.append(Diagnostic(path, line, column, Severity.ERROR, code, message))
    return out


def load_path(path: str, stdin=None, prices: int | None = None, keep_marks: bool = True) -> Loaded:
    """Load a file by name, or standard input for '-' (see `load_bytes`). OSError propagates (the CLI's
    usage error)."""
    if path == "-":
        import sys

        if stdin is None and sys.stdin is None:
            raise FileNotFoundError(2, "standard input is closed")
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return Loaded(STDIN_NAME, None, None, [too_large(STDIN_NAME, None)])
        return load_bytes(data, STDIN_NAME, prices, keep_marks)
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_BYTES:
            return Loaded(path, None, None, [too_large(path, size)])
        data = handle.read()
    return load_bytes(data, path, prices, keep_marks)
