"""`due`: the decisions due at a budget (format 1.1): projects whose funding_ends is that year (their financing
runs out in it), and deferred projects whose decide_at is that year. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from effektinvest.model import Scenario, Status


@dataclass(frozen=True, slots=True)
class DueItem:
    project: str
    name: str
    status: Status  # what the file decides: continue, defer (to decide_at) or stop
    reason: str  # "funding_ends" or "deferred": why the decision falls at the budget asked about
    costs: dict[int, Decimal]  # in kr., as written (empty where none are given)
    decide_at: int | None  # a deferred project's budget of decision; None for any other
    funding_ends: int | None  # the year the project's current financing runs out, where the file says


def due(scenario: Scenario, year: int) -> list[DueItem]:
    """The decisions in SCENARIO that fall due at the budget of YEAR, in file order."""
    out = []
    to_kr = scenario.unit.to_kr
    for pid, project in scenario.projects.items():
        costs = {y: to_kr(a) for y, a in sorted((project.costs or {}).items())}
        decide_at = project.decide_at if project.status is Status.DEFER else None
        head = (pid, project.name, project.status)
        if project.funding_ends == year:
            out.append(DueItem(*head, "funding_ends", costs, decide_at, project.funding_ends))
        if decide_at == year:
            out.append(DueItem(*head, "deferred", costs, decide_at, project.funding_ends))
    return out
