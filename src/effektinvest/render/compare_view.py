"""What `compare` shows: two scenarios' figures per budget year, before, after and change, in one unit;
as columns for JSON and as rows (`rows`) for the table, Markdown and CSV renderers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from effektinvest.portfolio import Change, ColumnChange, Comparison
from effektinvest.render.cells import places
from effektinvest.render.gap_view import LABELS
from effektinvest.units import Unit

SIDES = (("before", "før"), ("after", "efter"), ("change", "ændring"))
FIGURES = ("cost", "financed", "residual")  # the sums of a column, besides financing per source


class CompareRow(NamedTuple):
    category: str  # cost, financing, financed, residual
    id: str  # source id for financing; "" for a sum
    label: str
    values: tuple[Change | None, ...]  # one per year, then the total, in the report's unit; None: in neither


@dataclass(frozen=True)
class CompareReport:
    before: str  # paths, as given
    after: str
    unit: Unit
    price_level: int | None
    comparison: Comparison  # in kr.

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(self.comparison.years)

    @property
    def columns(self) -> tuple[ColumnChange, ...]:
        return (*self.comparison.years.values(), self.comparison.total)

    def scaled(self, change: Change | None) -> Change | None:
        """CHANGE (in kr.) in the report's unit."""
        if change is None:
            return None
        convert = self.unit.from_kr
        before, after = change.before, change.after
        return Change(None if before is None else convert(before), None if after is None else convert(after))

    def one_sided(self) -> list[tuple[str, str, dict[str, str]]]:
        """Projects and sources present in only one of the two files: (category, Danish title, id -> name)."""
        cmp = self.comparison
        return [
            ("added-project", "Nye projekter", cmp.added_projects),
            ("removed-project", "Udgåede projekter", cmp.removed_projects),
            ("added-source", "Nye finansieringskilder", cmp.added_sources),
            ("removed-source", "Udgåede finansieringskilder", cmp.removed_sources),
        ]

    def notes(self) -> list[str]:
        """A line for each kind of project or source present in only one of the two files."""
        return [
            f"{title}: " + ", ".join(f"{name} ({pid})" for pid, name in items.items())
            for _, title, items in self.one_sided()
            if items
        ]


def rows(report: CompareReport) -> tuple[CompareRow, ...]:
    """The comparison as rows: cost, each paying source, financed, residual."""
    columns = report.columns

    def across(get) -> tuple:
        return tuple(report.scaled(get(column)) for column in columns)

    out = [CompareRow("cost", "", LABELS["cost"], across(lambda c: c.cost))]
    out += [
        CompareRow("financing", sid, name, across(lambda c, sid=sid: c.financing.get(sid)))
        for sid, name in report.comparison.sources.items()
    ]
    out.append(CompareRow("financed", "", LABELS["financed"], across(lambda c: c.financed)))
    out.append(CompareRow("residual", "", LABELS["residual"], across(lambda c: c.residual)))
    return tuple(out)


def side_value(change: Change | None, side: str) -> Decimal:
    """before, after or change of CHANGE; a figure missing on a side counts as 0."""
    if change is None:
        return Decimal(0)
    if side == "change":
        return change.change
    return getattr(change, side) or Decimal(0)


def decimals_for(report: CompareReport, table: tuple[CompareRow, ...], asked: int | None) -> int:
    values = (side_value(change, side) for row in table for change in row.values for side, _ in SIDES)
    return places(report.unit, values, asked)
