"""What `due` shows: each decision due at a budget, with its file, why it is due and what the file decides,
in words (`reason_text`, `decision`), and its costs, every file's in one unit (`build`)."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from effektinvest.core.display_context import places
from effektinvest.model import Status
from effektinvest.model.units import Unit
from effektinvest.reports.due.analysis import DueItem


class DueRow(NamedTuple):
    path: str
    project: str
    name: str
    status: Status
    reason: str  # funding_ends or deferred
    unit: Unit  # the report's unit
    costs: dict[int, Decimal]  # in the report's unit
    decide_at: int | None  # a deferred project's budget of decision
    funding_ends: int | None  # the year the current financing runs out


def due_row(path: str, unit: Unit, item: DueItem) -> DueRow:
    costs = {year: unit.from_kr(amount) for year, amount in item.costs.items()}
    head = (path, item.project, item.name, item.status, item.reason)
    return DueRow(*head, unit, costs, item.decide_at, item.funding_ends)


def reason_text(row: DueRow) -> str:
    """Why the decision falls at this budget, as the budget note words it: 'Finansieringen udløber i 2024',
    'Beslutningen er udskudt til budget 2025'."""
    if row.reason == "funding_ends":
        return f"Finansieringen udløber i {row.funding_ends}"
    return f"Beslutningen er udskudt til budget {row.decide_at}"


def decision(row: DueRow) -> str:
    """What the file decides for the project: 'Videreført', 'Udskudt til budget 2026' or 'Standset'."""
    if row.status is Status.DEFER:
        return f"Udskudt til budget {row.decide_at}"
    return "Standset" if row.status is Status.STOP else "Videreført"


class DueReport(NamedTuple):
    budget: int  # the budget year asked about
    unit: Unit  # the one unit of every amount
    rows: list[DueRow]


def build(budget: int, found: list[tuple[str, Unit, list[DueItem]]], asked: Unit | None) -> DueReport:
    """The report of the decisions FOUND in each valid file (its path, its unit and its decisions, in the order
    the files were read), every amount in ASKED (--unit), else in the unit of the first file with a decision
    due: the decisions of one file, or of files in one unit, are shown as written. (With no decision due
    nothing is shown; the unit is then mio. kr.)"""
    unit = asked or next((file_unit for _, file_unit, items in found if items), Unit.MIO)
    return DueReport(budget, unit, [due_row(path, unit, item) for path, _, items in found for item in items])


def decimals(report: DueReport, asked: int | None = None) -> int:
    """How many decimals every amount of the report is shown with: ASKED, else as many as the figures need
    (`display_context.places`), the same for every row."""
    return places(report.unit, (amount for row in report.rows for amount in row.costs.values()), asked)
