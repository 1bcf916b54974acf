"""The report as rows in the output unit: shared by the table, Markdown and CSV renderers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import NamedTuple

from effektinvest.arithmetic import Figures, Gap, coverage
from effektinvest.model import Scenario, Status
from effektinvest.numbers import EXACT
from effektinvest.portfolio import Change, Comparison, DueItem
from effektinvest.units import Unit

# Danish labels, as in a budget note.
LABELS = {
    "cost": "Udgift i alt",
    "financed": "Finansiering i alt",
    "coverage": "Dækningsgrad",
    "residual": "Restfinansiering",
    "total": "I alt",
}


@dataclass(frozen=True)
class Row:
    category: str  # cost, financing, financed, coverage, residual
    id: str  # project or source id; "" for a sum
    label: str  # the name a user wrote, or a Danish label for a sum
    values: tuple[Decimal | None, ...]  # one per year, then the total; None: nothing in that year


class ProjectEntry(NamedTuple):  # a tuple: one per project, made ten times faster than a frozen dataclass
    id: str
    name: str
    status: Status
    decide_at: int | None
    costs: dict[int, Decimal]  # in the report's unit


@dataclass(frozen=True)
class Report:
    title: str
    budget_year: int
    unit: Unit
    price_level: int | None
    years: tuple[int, ...]
    rows: tuple[Row, ...]
    projects: tuple[ProjectEntry, ...]  # every project, in file order

    @property
    def inactive(self) -> tuple[ProjectEntry, ...]:
        return tuple(p for p in self.projects if p.status is not Status.CONTINUE)


def build(scenario: Scenario, gap: Gap, unit: Unit, project_rows: bool = True) -> Report:
    """The report of GAP in UNIT: project costs, sources, financed, coverage, residual.

    PROJECT_ROWS=False leaves out the rows of cost per project and year, for a renderer that
    shows each project's costs from `Report.projects` instead (JSON)."""
    years = tuple(gap.years)
    columns: list[Figures] = [*gap.years.values(), gap.total]

    scale = -unit.exponent

    def amounts(get) -> tuple[Decimal | None, ...]:
        return tuple(None if (value := get(column)) is None else value.scaleb(scale, EXACT) for column in columns)

    rows = [
        Row("cost", pid, scenario.projects[pid].name, amounts(lambda c, pid=pid: c.costs.get(pid)))
        for pid in (gap.total.costs if project_rows else ())
    ]
    rows.append(Row("cost", "", LABELS["cost"], amounts(lambda c: c.cost)))
    rows += [
        Row("financing", sid, scenario.sources[sid].name, amounts(lambda c, sid=sid: c.financing.get(sid)))
        for sid in gap.total.financing
    ]
    rows.append(Row("financed", "", LABELS["financed"], amounts(lambda c: c.financed)))
    rows.append(Row("coverage", "", LABELS["coverage"], tuple(c.coverage for c in columns)))
    rows.append(Row("residual", "", LABELS["residual"], amounts(lambda c: c.residual)))
    shift = scenario.unit.exponent - unit.exponent  # from the file's unit to the report's
    projects = tuple(
        ProjectEntry(
            pid,
            p.name,
            p.status,
            p.decide_at,
            dict(sorted(p.costs.items()))
            if shift == 0 and p.costs
            else {year: amount.scaleb(shift, EXACT) for year, amount in sorted((p.costs or {}).items())},
        )
        for pid, p in scenario.projects.items()
    )
    return Report(scenario.scenario, scenario.budget_year, unit, scenario.price_level, years, tuple(rows), projects)


def caption(report: Report | CompareReport) -> str:
    """'mio. kr., 2024-priser': the unit and price level, as a Danish budget table says them."""
    if report.price_level is None:
        return report.unit.value
    return f"{report.unit.value}, {report.price_level}-priser"


# Decimals a table shows at least, per unit, as Danish budget notes do.
MIN_DECIMALS = {Unit.KR: 0, Unit.TKR: 0, Unit.MIO: 2}


def places(unit: Unit, values, asked: int | None = None) -> int:
    """How many decimals a table shows: ASKED, or enough to show every one of VALUES exactly."""
    if asked is not None:
        return asked
    needed = MIN_DECIMALS[unit]
    for value in values:
        if value is not None:
            needed = max(needed, -value.normalize(EXACT).as_tuple().exponent)
    return needed


def decimals_for(report: Report, asked: int | None) -> int:
    amounts = (value for row in report.rows if row.category != "coverage" for value in row.values)
    return places(report.unit, amounts, asked)


def danish(value: Decimal, decimals: int) -> str:
    """10,35 and 1.234.567,89: a decimal comma and thousands points, DECIMALS places (half to even)."""
    text = f"{value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_EVEN, EXACT):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(coverage: Decimal) -> str:
    """A coverage fraction as a Danish percentage to one decimal: 0.807 -> '80,7 %'."""
    return danish(coverage.scaleb(2, EXACT), 1) + " %"


def shown_coverage(report: Report) -> tuple[Decimal | None, ...]:
    """Coverage per column for a table: to 0.1 %, rounded once from the exact financed / cost
    (not from the 4-decimal coverage, which would round twice)."""
    sums = {row.category: row.values for row in report.rows if not row.id}
    return tuple(
        None if cost is None else coverage(financed, cost, places=3)
        for financed, cost in zip(sums["financed"], sums["cost"], strict=True)
    )


def inactive_lines(report: Report, decimals: int) -> list[str]:
    """One line per deferred or stopped project, for the foot of a report."""
    out = []
    for project in report.inactive:
        if project.status is Status.DEFER:
            line = f"Udskudt: {project.name} (beslutning ved budget {project.decide_at})"
        else:
            line = f"Standset: {project.name}"
        if project.costs:
            shown = ", ".join(f"{year}: {danish(amount, decimals)}" for year, amount in project.costs.items())
            line += f"; udgift {shown} {report.unit.value}"
        out.append(line)
    return out


# --- compare -----------------------------------------------------------------------------------------------------

SIDES = (("before", "før"), ("after", "efter"), ("change", "ændring"))


@dataclass(frozen=True)
class CompareRow:
    category: str  # cost, financing, financed, residual
    id: str  # source id for financing; "" for a sum
    label: str
    values: tuple[Change | None, ...]  # one per year, then the total; None: in neither scenario


@dataclass(frozen=True)
class CompareReport:
    before: str  # paths, as given
    after: str
    unit: Unit
    price_level: int | None
    years: tuple[int, ...]
    rows: tuple[CompareRow, ...]
    added_projects: dict[str, str]
    removed_projects: dict[str, str]
    added_sources: dict[str, str]
    removed_sources: dict[str, str]


def build_comparison(cmp: Comparison, unit: Unit, before: str, after: str, price_level: int | None) -> CompareReport:
    """The comparison in UNIT, as rows: cost, each paying source, financed, residual."""
    columns = [*cmp.years.values(), cmp.total]

    def convert(change: Change | None) -> Change | None:
        if change is None:
            return None
        before, after = change.before, change.after
        return Change(None if before is None else unit.from_kr(before), None if after is None else unit.from_kr(after))

    rows = [CompareRow("cost", "", LABELS["cost"], tuple(convert(c.cost) for c in columns))]
    rows += [
        CompareRow("financing", sid, name, tuple(convert(c.financing.get(sid)) for c in columns))
        for sid, name in cmp.sources.items()
    ]
    rows.append(CompareRow("financed", "", LABELS["financed"], tuple(convert(c.financed) for c in columns)))
    rows.append(CompareRow("residual", "", LABELS["residual"], tuple(convert(c.residual) for c in columns)))
    return CompareReport(
        before,
        after,
        unit,
        price_level,
        tuple(cmp.years),
        tuple(rows),
        cmp.added_projects,
        cmp.removed_projects,
        cmp.added_sources,
        cmp.removed_sources,
    )


def side_value(change: Change | None, side: str) -> Decimal:
    """before, after or change of CHANGE; a figure missing on a side counts as 0."""
    if change is None:
        return Decimal(0)
    if side == "change":
        return change.change
    return getattr(change, side) or Decimal(0)


def comparison_decimals(report: CompareReport, asked: int | None) -> int:
    values = (side_value(change, side) for row in report.rows for change in row.values for side, _ in SIDES)
    return places(report.unit, values, asked)


def signed(value: Decimal, decimals: int) -> str:
    """A change with its sign: +0,50, -1,20, and 0,00 for no change (nor one that rounds away)."""
    if value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_EVEN, EXACT) == 0:
        return danish(abs(value) * 0, decimals)
    text = danish(value, decimals)
    return text if text.startswith("-") else "+" + text


def comparison_notes(report: CompareReport) -> list[str]:
    """Projects and sources present in only one of the two files."""
    out = []
    for title, items in (
        ("Nye projekter", report.added_projects),
        ("Udgåede projekter", report.removed_projects),
        ("Nye finansieringskilder", report.added_sources),
        ("Udgåede finansieringskilder", report.removed_sources),
    ):
        if items:
            out.append(f"{title}: " + ", ".join(f"{name} ({pid})" for pid, name in items.items()))
    return out


# --- due ---------------------------------------------------------------------------------------------------------

REASONS = {"funding_ends": "finansiering udløber", "deferred": "udskudt beslutning"}


@dataclass(frozen=True)
class DueRow:
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
