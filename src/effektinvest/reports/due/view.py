"""What `due` shows: each decision due at a budget, with its file and its costs in the file's unit."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from effektinvest.model import Status
from effektinvest.model.units import Unit
from effektinvest.reports.due.analysis import DueItem

REASONS = {"funding_ends": "finansiering udløber", "deferred": "udskudt beslutning"}


class DueRow(NamedTuple):
    path: str
    project: str
    name: str
    status: Status
    reason: str  # funding_ends or deferred
    unit: Unit  # the file's unit
    costs: dict[int, Decimal]  # in the file's unit


def due_row(path: str, unit: Unit, item: DueItem) -> DueRow:
    costs = {year: unit.from_kr(amount) for year, amount in item.costs.items()}
    return DueRow(path, item.project, item.name, item.status, item.reason, unit, costs)


class DueReport(NamedTuple):
    budget: int  # the budget year asked about
    rows: list[DueRow]
