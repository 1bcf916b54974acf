"""What `compare` shows: two scenarios' figures per budget year, before, after and change, in one unit;
as columns for JSON and as rows (`rows`) for the table, Markdown and CSV renderers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from effektinvest.core.display_context import NONE, TOTAL, percent, places, points, shown_coverage
from effektinvest.model.numbers import EXACT
from effektinvest.model.units import Unit
from effektinvest.reports.compare.analysis import Change, ColumnChange, Comparison
from effektinvest.reports.gap.view import LABELS, Row
from effektinvest.reports.gap.view import rounding_note as gap_rounding_note

SIDES = (("before", "før"), ("after", "efter"), ("change", "ændring"))
ACTUAL = ("actual", "regnskab")  # a closed year's accounts, where BEFORE records them
CLOSED = "afsl."  # after a closed year in a column's head: "2024 afsl."
# the sign legend under the table, in follow-up's words (followup/rows.py SIGNS)
SIGNS = (
    "Ændring = efter - før: + = merudgift / mere finansiering / større restfinansiering, "
    "- = mindreudgift / mindre finansiering / mindre restfinansiering; dækningsgrad i procentpoint."
)
FIGURES = ("cost", "financed", "residual")  # the sums of a column, besides financing per source


class CompareRow(NamedTuple):
    category: str  # cost, financing, financed, coverage, residual
    id: str  # project id for a project's cost, source id for financing; "" for a sum
    label: str
    values: tuple[Change | None, ...]  # one per year, then the total, in the report's unit; None: in neither
    # (coverage: fractions to 0.1 %, for people, and a side without cost None)


@dataclass(frozen=True)
class CompareReport:
    before: str  # paths, as given (JSON); people see the titles (`title`)
    after: str
    unit: Unit
    price_level: int | None
    comparison: Comparison  # in kr.

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(self.comparison.years)

    @property
    def title(self) -> str:
        """'Budget 2024 → Budget 2025': the scenarios' titles; with their paths when the titles are the same."""
        before, after = self.comparison.titles
        if before == after:
            return f"{before} ({self.before}) → {after} ({self.after})"
        return f"{before} → {after}"

    @property
    def columns(self) -> tuple[ColumnChange, ...]:
        return (*self.comparison.years.values(), self.comparison.total)

    def scaled(self, change: Change | None) -> Change | None:
        """CHANGE (in kr.) in the report's unit."""
        if change is None:
            return None
        def convert(value: Decimal | None) -> Decimal | None:
            return None if value is None else self.unit.from_kr(value)

        return Change(convert(change.before), convert(change.after), convert(change.actual), change.closed)

    @property
    def sides(self) -> tuple[tuple[str, str], ...]:
        """The rows of a figure (side, Danish label): before, its accounts where a closed year has them, after
        and change."""
        if any(column.closed and column.cost.actual is not None for column in self.columns):
            return (SIDES[0], ACTUAL, *SIDES[1:])
        return SIDES

    def heads(self) -> list[str]:
        """The number columns' heads for people: each year ('2024 afsl.' when closed), then 'I alt'."""
        return [*(f"{y} {CLOSED}" if y in self.comparison.closed else str(y) for y in self.years), TOTAL]

    def closed_note(self) -> str | None:
        """The line under the table that says which years are closed and what the total compares."""
        closed, opens = self.comparison.closed, self.comparison.opens
        if not closed:
            return None
        *first, last = map(str, closed)
        years = f"{', '.join(first)} og {last}" if first else last
        what = "året" if len(closed) == 1 else "årene"
        return (
            f"{years} {CLOSED}: afsluttet før budget {opens}; {what} står med før-tal, men indgår hverken i "
            f"ændringerne eller i {TOTAL}, der kun sammenligner årene fra {opens}"
        )

    def one_sided(self) -> list[tuple[str, str, dict[str, str]]]:
        """Projects and sources present in only one of the two files: (category, Danish title, id -> name)."""
        cmp = self.comparison
        return [
            ("added-project", "Nye projekter", cmp.added_projects),
            ("removed-project", "Udgåede projekter", cmp.removed_projects),
            ("finished-project", "Afsluttede projekter (alle udgiftsår afsluttet)", cmp.finished_projects),
            ("added-source", "Nye finansieringskilder", cmp.added_sources),
            ("removed-source", "Udgåede finansieringskilder", cmp.removed_sources),
        ]

    def notes(self) -> list[str]:
        """The sign legend, the closed years' line, then a line for each kind of project or source present in
        only one of the two files."""
        closed = self.closed_note()
        sided = [
            f"{title}: " + ", ".join(f"{name} ({pid})" for pid, name in items.items())
            for _, title, items in self.one_sided()
            if items
        ]
        return [SIGNS, closed, *sided] if closed else [SIGNS, *sided]


def rows(report: CompareReport) -> tuple[CompareRow, ...]:
    """The comparison as rows: cost, each paying source, financed, residual."""
    columns = report.columns

    def across(get) -> tuple:
        return tuple(report.scaled(get(column) or _empty(column)) for column in columns)

    out = [
        CompareRow("cost", pid, name, across(lambda c, pid=pid: c.costs.get(pid)))
        for pid, name in report.comparison.projects.items()
    ]
    out.append(CompareRow("cost", "", LABELS["cost"], across(lambda c: c.cost)))
    out += [
        CompareRow("financing", sid, name, across(lambda c, sid=sid: c.financing.get(sid)))
        for sid, name in report.comparison.sources.items()
    ]
    out.append(CompareRow("financed", "", LABELS["financed"], across(lambda c: c.financed)))
    shown = tuple(
        Change(
            _coverage(c.financed.before, c.cost.before),
            _coverage(c.financed.after, c.cost.after),
            _coverage(c.financed.actual, c.cost.actual) if c.cost.actual is not None else None,
            c.closed,
        )
        for c in columns
    )
    out.append(CompareRow("coverage", "", LABELS["coverage"], shown))
    out.append(CompareRow("residual", "", LABELS["residual"], across(lambda c: c.residual)))
    return tuple(out)


def _empty(column: ColumnChange) -> Change | None:
    """A figure a closed column does not have: no figure before, none after; its accounts 0 where recorded."""
    if not column.closed:
        return None
    return Change(None, None, None if column.cost.actual is None else Decimal(0), True)


def rounding_note(table: tuple[CompareRow, ...], decimals: int) -> str | None:
    """The rounding-difference line of docs/cli.md under a comparison shown to DECIMALS places: when on some
    side (before, after or change) a shown total differs from the sum of its shown parts, as for `gap`. The
    total sums the open years only; each closed year is checked as a column of its own, before and actual."""
    amounts = tuple(row for row in table if row.category != "coverage")
    closed = [i for i, change in enumerate(amounts[0].values) if change is not None and change.closed]
    checks = [(side, [i for i in range(len(amounts[0].values)) if i not in closed]) for side, _ in SIDES]
    checks += [(side, [i, i]) for i in closed for side in ("before", "actual")]
    for side, indices in checks:
        one_side = tuple(
            Row(row.category, row.id, row.label, tuple(side_value(row.values[i], side) for i in indices))
            for row in amounts
        )
        note = gap_rounding_note(one_side, decimals)
        if note:
            return note
    return None


def _coverage(financed: Decimal | None, cost: Decimal | None) -> Decimal | None:
    """Coverage for people (`shown_coverage`: to 0.1 %, from the 4-decimal coverage); None on a side without the
    column or cost."""
    return shown_coverage(financed or Decimal(0), cost)


def coverage_sides(change: Change) -> list[Decimal | None]:
    """A coverage row's before, after and change (in fractions); None where a side has no cost, and then
    the change too, unless neither side has one (no change: 0). A closed year: before only."""
    before, after = change.before, change.after
    if change.closed:
        return [before, None, None]
    if before is None or after is None:
        return [before, after, Decimal(0) if before is after else None]
    return [before, after, EXACT.subtract(after, before)]


def side_value(change: Change | None, side: str) -> Decimal | None:
    """before, after or change of CHANGE; a figure missing on a side counts as 0. A closed year's after and
    change are None, and so is its actual where not recorded; an open year has no actual (None)."""
    if change is None:
        return None if side == "actual" else Decimal(0)
    if side == "change":
        return change.change
    if side == "actual" or change.closed and side == "after":
        return change.actual if side == "actual" else None
    return getattr(change, side) or Decimal(0)


def decimals_for(report: CompareReport, table: tuple[CompareRow, ...], asked: int | None) -> int:
    values = (
        side_value(change, side)
        for row in table
        if row.category != "coverage"
        for change in row.values
        for side, _ in (*SIDES, ACTUAL)
    )
    return places(report.unit, (value for value in values if value is not None), asked)


def coverage_text(change: Change | None, side: str) -> str:
    """A coverage cell for people: before and after as a percentage ('80,7 %'), the change in percentage
    points ('+1,2 pct.-point'); '-' where a side has no cost."""
    if change is None:
        return NONE
    if change.closed and side != "before":
        return "" if change.actual is None or side != "actual" else percent(change.actual)
    if side == "actual":
        return ""
    value = dict(zip((s for s, _ in SIDES), coverage_sides(change), strict=True))[side]
    if value is None:
        return NONE
    return percent(value) if side != "change" else points(value)
