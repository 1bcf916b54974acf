"""Loading: a scenario file's bytes to a validated Scenario and every diagnostic, located.

The one place that joins the reader (YAML to data, with line marks), the model
(pydantic) and the checks, and turns every finding's path into a line and
column of the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pydantic import ValidationError
from yaml.nodes import Node

from effektinvest.arithmetic import Gap, compute
from effektinvest.checks import check, nearest
from effektinvest.diagnostics import CODES, Diagnostic, Severity
from effektinvest.model import AMOUNT_TAGS, Scenario, model_at
from effektinvest.numbers import danish_thousands_warning, describe
from effektinvest.prices import PriceProblem, restate
from effektinvest.reader import MAX_BYTES, locate, read, too_large
from effektinvest.units import Unit

STDIN_NAME = "<stdin>"


@dataclass
class Loaded:
    path: str
    scenario: Scenario | None
    gap: Gap | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    root: Node | None = None  # libyaml's node tree, to locate later findings

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def load_bytes(data: bytes, path: str) -> Loaded:
    """Read, validate and check one scenario file. Never raises for bad input."""
    result = read(data, path)
    diagnostics = list(result.diagnostics)
    scenario = gap = None
    if result.data is not None and not any(d.is_error and d.code in _FATAL for d in diagnostics):
        try:
            scenario = Scenario.model_validate(result.data)
        except ValidationError as exc:
            diagnostics += _model_diagnostics(exc, result, path)
        in_millions = scenario is not None and scenario.unit is Unit.MIO
        for node in result.thousands:
            message = danish_thousands_warning(node.value, in_millions)
            if message:
                mark = node.start_mark
                diagnostics.append(
                    Diagnostic(path, mark.line + 1, mark.column + 1, Severity.WARNING, "danish-thousands", message)
                )
        if scenario is not None:
            findings, gap = check(scenario)
            for finding in findings:
                line, column = locate(result.root, finding.path, finding.at_key)
                diagnostics.append(Diagnostic(path, line, column, finding.severity, finding.code, finding.message))
            if any(d.is_error for d in diagnostics):
                scenario = gap = None
    diagnostics.sort(key=Diagnostic.sort_key)
    return Loaded(path, scenario, gap, diagnostics, result.root)


def with_prices(loaded: Loaded, year: int) -> Loaded:
    """LOADED restated in YEAR prices (--prices YEAR), or with a diagnostic saying why it cannot be."""
    try:
        scenario = restate(loaded.scenario, year)
    except PriceProblem as problem:
        line, column = locate(loaded.root, problem.path, at_key=True)
        found = Diagnostic(loaded.path, line, column, Severity.ERROR, "prices-unavailable", problem.message)
        return Loaded(loaded.path, None, None, [*loaded.diagnostics, found], loaded.root)
    return Loaded(loaded.path, scenario, compute(scenario), loaded.diagnostics, loaded.root)


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


def _model_diagnostics(exc: ValidationError, result, path: str) -> list[Diagnostic]:
    out = []
    for error in exc.errors(include_url=False, include_context=True, include_input=True):
        loc = error["loc"]
        where = _clean(loc)
        if _under(where, result.poisoned):
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
            message = f"{_owner(where[:-1])} is missing the required key {where[-1]!r}"
            where = where[:-1]
        elif kind in {"dict_type", "mapping_type", "model_type", "model_attributes_type"}:
            code = "wrong-type"
            message = f"{_name(where)} must be a mapping of keys, not {describe(error.get('input'))}"
        elif kind in {"list_type", "tuple_type"}:
            code = "wrong-type"
            message = f"{_name(where)} must be a list (lines starting with '- '), not {describe(error.get('input'))}"
        elif kind in CODES:
            code = kind
            message = error["ctx"]["message"] if error.get("ctx") else error["msg"]
        else:
            code = "wrong-type"
            message = f"{_name(where)}: {error['msg']}"
        line, column = locate(result.root, where, at_key)
        out.append(Diagnostic(path, line, column, Severity.ERROR, code, message))
    return out


def _owner(where: tuple) -> str:
    """How a message names the mapping at WHERE: "project 'havnen'", "financing line 2", ..."""
    match where:
        case ():
            return "the top level"
        case ("sources", sid):
            return f"source {sid!r}"
        case ("projects", pid):
            return f"project {pid!r}"
        case ("projects", pid, "financing", int(index)):
            return f"financing line {index + 1} of project {pid!r}"
        case ("financing", int(index)):
            return f"financing line {index + 1}"
    return repr(str(where[-1]))


def _name(where: tuple) -> str:
    return repr(str(where[-1])) if where else "the top level"


def load_path(path: str, stdin=None) -> Loaded:
    """Load a file by name, or standard input for '-'. OSError propagates (the CLI's usage error)."""
    if path == "-":
        import sys

        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return Loaded(STDIN_NAME, None, None, [too_large(STDIN_NAME, None)])
        return load_bytes(data, STDIN_NAME)
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_BYTES:
            return Loaded(path, None, None, [too_large(path, size)])
        data = handle.read()
    return load_bytes(data, path)
