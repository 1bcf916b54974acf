"""What pydantic's validation errors say to a user: each error as a `Finding` with a stable code, the path
of the key or value at fault, and a message in words. Also how a message names a part of the file.

The only module that knows pydantic's error types and the model's own error forms (the union tags of an
amount, the "entries" error of a year mapping).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ValidationError

from effektinvest.model.codes import CODES
from effektinvest.model.diagnostics import Finding
from effektinvest.model.numbers import describe
from effektinvest.model.scenario import FinancingLine, PooledLine, Project, Repay, Scenario, Source
from effektinvest.model.suggest import nearest, nearest_name
from effektinvest.model.values import AMOUNT_TAGS, ENTRIES

_MAPPING_TYPES = frozenset({"dict_type", "mapping_type", "model_type", "model_attributes_type"})


def model_at(path: tuple) -> type[BaseModel] | None:
    """The model that the mapping at PATH (in a scenario file) is read as."""
    match path:
        case ():
            return Scenario
        case ("sources", _):
            return Source
        case ("projects", _):
            return Project
        case ("projects", _, "financing", int()):
            return FinancingLine
        case ("financing", int()):
            return PooledLine
        case ("projects", _, "financing", int(), "repay") | ("financing", int(), "repay"):
            return Repay
    return None


def owner(where: tuple) -> str:
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
        case (*parent, int(index)):
            return f"item {index + 1} of {name_of(tuple(parent))}"
        case (*parent, "repay") if parent and parent[0] in ("projects", "financing"):
            return f"the repayment of {owner(tuple(parent))}"
    return repr(str(where[-1]))


def name_of(where: tuple) -> str:
    if where and isinstance(where[-1], int):
        return owner(where)
    return repr(str(where[-1])) if where else "the top level"


def missing_key(where: tuple, key: str, hint: str = "") -> Finding:
    """The `missing-key` finding: the mapping at WHERE lacks KEY (pointed at the mapping's own key)."""
    return Finding(where, "missing-key", f"{owner(where)} is missing the required key {key!r}{hint}", at_key=True)


def holds_amount(path: tuple) -> bool:
    """Whether PATH holds an amount or an index number: where a number like 1.500 may be meant as thousands."""
    match path:
        case ("projects", _, "costs", _) | ("projects", _, "savings", _, _) | ("price_index", _):
            return True
        case (*_, "amount") | (*_, "amount", _) | (*_, "tariff") | (*_, "tariff", _) | (*_, "cap"):
            return path[0] in ("projects", "financing")
    return False


def errors(exc: ValidationError) -> Iterator[tuple[tuple, bool, str, dict]]:
    """Pydantic's errors as (path in the file, at_key, type, error); a year mapping's several problems (one
    "entries" error) as one each."""
    for error in exc.errors(include_url=False, include_context=True, include_input=True):
        loc = error["loc"]
        if error["type"] != ENTRIES:
            yield _clean(loc), "[key]" in loc, error["type"], error
            continue
        for key, at_key, code, message in error["ctx"]["problems"]:
            yield (*_clean(loc), key), at_key, code, {"ctx": {"message": message}, "msg": message}


def _clean(loc: tuple) -> tuple:
    """A pydantic error location as a path in the file: no union tags, no '[key]' markers."""
    out = []
    for i, step in enumerate(loc):
        if step == "[key]":
            continue
        if step in AMOUNT_TAGS and i > 0 and loc[i - 1] in ("amount", "tariff"):
            continue
        out.append(step)
    return tuple(out)


def model_findings(exc: ValidationError, poisoned: list[tuple]) -> list[Finding]:
    """Every validation error as a finding, but those under a value the reader has already reported
    (POISONED: it read that value as nothing)."""
    out = []
    refused = set(poisoned)
    found = list(errors(exc))
    misspelt = {_meant(where) for where, _, kind, _ in found if kind == "extra_forbidden"}
    for where, at_key, kind, error in found:
        if any(where[:i] in refused for i in range(len(where) + 1)):
            continue
        if kind == "missing" and where in misspelt:
            continue  # `nme:` for `name:`: one finding, the unknown key's, which suggests it (as `cots:` is)
        out.append(_finding(where, at_key, kind, error))
    return out


def _meant(where: tuple) -> tuple:
    """The path of the key that the unknown key at WHERE is suggested for (`nme` in a source: its `name`)."""
    model = model_at(where[:-1])
    return (*where[:-1], model and nearest_name(str(where[-1]), list(model.model_fields)))


def _finding(where: tuple, at_key: bool, kind: str, error: dict) -> Finding:
    given = describe(error.get("input"))
    if kind == "extra_forbidden":
        model = model_at(where[:-1])
        known = list(model.model_fields) if model else []
        listed = nearest(str(where[-1]), known) or f"; known keys: {', '.join(known)}" if known else ""
        return Finding(where, "unknown-key", f"unknown key {where[-1]!r}{listed}", at_key=True)
    if kind == "missing":
        return missing_key(where[:-1], where[-1])
    if kind in _MAPPING_TYPES:
        return Finding(where, "wrong-type", f"{name_of(where)} must be a mapping of keys, not {given}", at_key)
    if kind == "string_type":
        return Finding(where, "wrong-type", f"{name_of(where)}: expected text, not {given}", at_key)
    if kind in {"string_too_short", "string_pattern_mismatch"}:
        return Finding(where, "wrong-type", f"{name_of(where)}: a name cannot be empty", at_key)
    if kind in {"list_type", "tuple_type"}:
        message = f"{name_of(where)} must be a list (lines starting with '- '), not {given}"
        return Finding(where, "wrong-type", message, at_key)
    if kind in CODES:  # a value type's own code (numbers, units, years, choices)
        message = error["ctx"]["message"] if error.get("ctx") else error["msg"]
        if kind == "wrong-type" and where:
            message = f"{name_of(where)}: {message}"
        return Finding(where, kind, message, at_key)
    return Finding(where, "wrong-type", f"{name_of(where)}: {error['msg']}", at_key)
