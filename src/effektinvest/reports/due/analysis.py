"""`due`: the decisions due at a budget (format 1.1): projects whose funding_ends is that year, and deferred
projects whose decide_at is that year. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from effektinvest.model import Scenario, Status


@dataclass(frozen=True, slots=True)
class DueItem:
    project: str
    name: str
    status: Status
    reason: str  # "funding_ends" or "deferred"
    costs: dict[int, Decimal]  # in kr., as written (empty where none are given)


def due(scenario: Scenario, year: int) -> list[DueItem]:
    """The decisions in SCENARIO that fall due at the budget of YEAR, in file order."""
    out = []
    to_kr = scenario.unit.to_kr
    for pid, project in scenario.projects.items():
        costs = {y: to_kr(a) for y, a in sorted((project.costs or {}).items())}
        if project.funding_ends == year:
            out.append(DueItem(pid, project.name, project.status, "funding_ends", costs))
        if project.status is Status.DEFER and project.decide_at == year:
            out.append(DueItem(pid, project.name, project.status, "deferred", costs))
    return out
