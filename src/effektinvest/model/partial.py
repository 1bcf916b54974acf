"""Validation that keeps every part of a scenario that is valid, so a file shows all its findings at once.

When a file does not validate, the checks that span several values (`checks`) still run on the parts
that did: each invalid value is left out, or stood in for by a value that costs and pays nothing, and
`Gaps` records where. A check consults the gaps before it reports, so that nothing is reported that
only follows from a part left out (an id is still known when its entry was invalid; a project whose
costs are incomplete decides no surplus).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from pydantic import ValidationError

from effektinvest.model.errors import errors
from effektinvest.model.scenario import FinancingLine, PooledLine, Project, Scenario

UNREAD_SOURCE = ""  # the source of a financing line whose own `source` is not valid
_ROUNDS = 3  # stand-ins are valid by construction; a second round is needed only for nested errors


@dataclass(frozen=True)
class Gaps:
    """The paths of the parts that validation left out or stood in for (empty: the file validated)."""

    paths: frozenset[tuple] = frozenset()

    def __post_init__(self) -> None:
        # every prefix of every path, and whether the costs are complete: asked once per line or project, so
        # each answer is a look-up, not a pass over the paths (a file with thousands of broken lines)
        object.__setattr__(self, "_prefixes", frozenset(p[:i] for p in self.paths for i in range(1, len(p) + 1)))
        object.__setattr__(self, "_costs_complete", not any(_costs(p) for p in self.paths))
        object.__setattr__(self, "_statuses_known", not any(_status(p) for p in self.paths))

    def __bool__(self) -> bool:
        return bool(self.paths)

    def covers(self, path: tuple) -> bool:
        """Whether PATH, or a part that holds it, was left out or stood in for."""
        paths = self.paths
        return bool(paths) and any(path[:i] in paths for i in range(1, len(path) + 1))

    def within(self, prefix: tuple) -> bool:
        """Whether anything at or below PREFIX was left out or stood in for."""
        return prefix in self._prefixes

    def costs_complete(self, pid: str | None = None) -> bool:
        """Whether the costs of project PID (None: of every project, and which projects continue) are all
        there: a status or a project stood in for, or a cost left out, makes them incomplete."""
        if pid is not None:
            return not self.covers(("projects", pid, "costs"))
        return self._costs_complete

    def statuses_known(self, pids: Iterable[str] | None = None) -> bool:
        """Whether it is known which of the projects PIDS (None: of every project) are continued, and so which
        of them a line that lists them covers: a project or its status stood in for leaves its own unknown
        (its costs do not: see `costs_complete`)."""
        if pids is None:
            return self._statuses_known
        return not any(self.covers(("projects", pid)) for pid in pids)


def _costs(path: tuple) -> bool:
    """Whether a gap at PATH leaves some cost unknown: the projects, the unit, a project, its status or costs."""
    return path in (("projects",), ("unit",)) or (path[0] == "projects" and (len(path) == 2 or path[2] == "costs"))


def _status(path: tuple) -> bool:
    """Whether a gap at PATH leaves some project's status unknown: the projects, or a project (or its status)."""
    return path[0] == "projects" and len(path) <= 2


NO_GAPS = Gaps()


def validate(raw: dict, refused: Iterable[tuple] = ()) -> tuple[Scenario | None, ValidationError | None, Gaps]:
    """RAW (plain data from the reader) as a Scenario; if it is invalid, also pydantic's errors, and the
    scenario made of the parts that are valid, with the gaps (None when even that cannot be made). REFUSED:
    the paths of values that read as numbers but are errors all the same (an ambiguous 1.850, which the
    reader finds): gaps too, so that no finding is made from them (a surplus of 1.85 that may be 1850)."""
    gaps: set[tuple] = set(refused)
    try:
        return Scenario.model_validate(raw), None, Gaps(frozenset(gaps)) if gaps else NO_GAPS
    except ValidationError as exc:
        first = problem = exc
    for _ in range(_ROUNDS):
        for where, _, _, _ in errors(problem):
            _stand_in(raw, where, gaps)
        try:
            return Scenario.model_validate(raw), first, Gaps(frozenset(gaps))
        except ValidationError as again:
            problem = again
    return None, first, Gaps(frozenset(gaps))


# Top-level keys that must have a value, and the stand-in that lets the rest validate.
_REQUIRED = {"scenario": lambda: "?", "budget_year": lambda: "2000", "sources": dict, "projects": dict}


def _stand_in(data: dict, where: tuple, gaps: set[tuple]) -> None:
    """Leave out, or stand in for, the invalid value at WHERE in DATA (changed in place)."""
    top = where[0]
    inner = where[1:]
    part = data.get(top)
    if inner and top == "sources" and isinstance(part, dict):
        _source(part, inner[0], inner[1:], gaps)
    elif inner and top == "projects" and isinstance(part, dict):
        _project(part, inner[0], inner[1:], gaps)
    elif inner and top == "financing" and isinstance(part, list) and isinstance(inner[0], int):
        _line(part, inner[0], inner[1:], ("financing", inner[0]), gaps)
    elif top in _REQUIRED:
        data[top] = _REQUIRED[top]()
        gaps.add((top,))
    else:  # an optional key (unit, price_level, price_index, financing) or an unknown one
        data.pop(top, None)
        if top in ("unit", "financing", "actuals_through"):
            gaps.add((top,))
        elif top not in Scenario.model_fields:
            _misspelt(data, top, Scenario, (), gaps)


def _source(sources: dict, sid: str, rest: tuple, gaps: set[tuple]) -> None:
    entry = sources.get(sid)
    if not rest or not isinstance(entry, dict):
        sources[sid] = {"name": str(sid)}
        gaps.add(("sources", sid))
    elif rest[0] == "name":
        entry["name"] = str(sid)
    else:
        entry.pop(rest[0], None)


def _project(projects: dict, pid: str, rest: tuple, gaps: set[tuple]) -> None:
    here = ("projects", pid)
    entry = projects.get(pid)
    if not rest or not isinstance(entry, dict):  # not a mapping: a stand-in that counts nowhere
        projects[pid] = {"name": str(pid), "status": "stop"}
        gaps.add(here)
        return
    field, deeper = rest[0], rest[1:]
    if field == "name":
        entry["name"] = str(pid)
    elif field == "status":
        entry["status"] = "stop"
        gaps.add(here)
    elif field in ("costs", "actual_costs"):
        costs = entry.get(field)
        if deeper and isinstance(costs, dict):
            costs.pop(deeper[0], None)
        else:
            entry[field] = {}
        gaps.add((*here, field))
    elif field == "financing":
        lines = entry.get("financing")
        if deeper and isinstance(lines, list) and isinstance(deeper[0], int):
            _line(lines, deeper[0], deeper[1:], (*here, "financing", deeper[0]), gaps)
        else:
            entry["financing"] = []
            gaps.add((*here, "financing"))
    elif field in ("savings", "realised_savings") and deeper and isinstance(entry.get(field), dict):
        by_year = entry[field].get(deeper[0])
        if len(deeper) > 1 and isinstance(by_year, dict):
            by_year.pop(deeper[1], None)  # one bad saving: the others still count
        else:
            entry[field].pop(deeper[0], None)
        gaps.add((*here, field, deeper[0]))
    elif field in Project.model_fields:  # decide_at, funding_ends, note, savings, realised_savings
        entry.pop(field, None)
        if field in ("decide_at", "savings", "realised_savings"):
            gaps.add((*here, field))
    else:
        entry.pop(field, None)
        _misspelt(entry, field, Project, here, gaps)


def _line(lines: list, index: int, rest: tuple, path: tuple, gaps: set[tuple]) -> None:
    if index >= len(lines):
        return
    entry = lines[index]
    if not rest or not isinstance(entry, dict):  # a line that pays nothing, from no known source
        lines[index] = {"source": UNREAD_SOURCE, "share": Decimal(0)}
        gaps.add(path)
        return
    field = rest[0]
    if (
        field in ("amount", "tariff", "outcomes", "achieved", "paid")
        and len(rest) > 1
        and isinstance(entry.get(field), dict)
    ):
        entry[field].pop(rest[1], None)  # one bad year: the others are still checked (a year without cost)
        gaps.add((*path, field, rest[1]))
        return
    if field == "repay":  # format 1.3: a bad year or share stands in as 0 (a gap), any other bad part: no repay
        if _repay_part(entry.get("repay"), rest[1:], (*path, "repay"), gaps):
            return
        entry.pop("repay", None)
    elif field == "source":
        entry["source"] = UNREAD_SOURCE
    elif field in ("amount", "share", "tariff", "cap"):
        entry[field] = Decimal(0)
    elif field in ("projects", "outcomes", "achieved", "paid"):
        entry.pop(field, None)
    else:  # note, an unknown key
        entry.pop(field, None)
        _misspelt(entry, field, PooledLine if path[0] == "financing" else FinancingLine, path, gaps)
        return
    gaps.add((*path, field))


def _repay_part(repay, rest: tuple, path: tuple, gaps: set[tuple]) -> bool:
    """Stand in 0 for the bad value of a year (of `tariff`, `outcomes`, `amount` or `achieved`) or of a paying
    pocket's share (in `by`) at REST in REPAY, a gap, so that the rest of the repayment is still checked (its
    kind, its years, its payers; not its shares, with a share unknown); False for any other part (then the whole
    `repay` is left out). Not left out: a mapping of one year would be empty, and the repayment lost."""
    if not isinstance(repay, dict) or len(rest) < 2:
        return False
    key, part = rest[0], rest[1]
    values = repay.get(key)
    if key not in ("tariff", "outcomes", "amount", "achieved", "by") or not isinstance(values, dict):
        return False
    if part not in values:
        return False
    values[part] = Decimal(0)
    gaps.add((*path, key, part))
    return True


# What a key, missing because it was misspelt, leaves unknown: per model, the gap its absence makes.
_LINE = {
    key: (key,)
    for key in ("source", "amount", "share", "projects", "tariff", "outcomes", "cap", "achieved", "paid", "repay")
}
_MISSING = {
    Scenario: {"unit": ("unit",), "financing": ("financing",), "actuals_through": ("actuals_through",)},
    Project: {
        "costs": ("costs",),
        "status": (),
        "decide_at": ("decide_at",),
        "financing": ("financing",),
        "savings": ("savings",),
        "actual_costs": ("actual_costs",),
        "realised_savings": ("realised_savings",),
    },
    FinancingLine: _LINE,
    PooledLine: _LINE,
}


def _misspelt(entry: dict, key: object, model, here: tuple, gaps: set[tuple]) -> None:
    """An unknown KEY left out of ENTRY (at HERE, read as MODEL) may be a key that ENTRY now lacks, misspelt
    (`cots:`): then what that key would have said is not known."""
    absent = [name for name in model.model_fields if name not in entry]
    match = difflib.get_close_matches(str(key), absent, n=1, cutoff=0.6)
    if not match:
        return
    gap = _MISSING[model].get(match[0])
    if gap is not None:
        gaps.add((*here, *gap))
