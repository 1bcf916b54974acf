"""The report as rows in the output unit: shared by the table, Markdown and CSV renderers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from effektinvest.arithmetic import Figures, Gap
from effektinvest.model import Scenario, Status
from effektinvest.numbers import EXACT
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


@dataclass(frozen=True)
class ProjectEntry:
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


def build(scenario: Scenario, gap: Gap, unit: Unit) -> Report:
    """The report of GAP in UNIT: project costs, sources, financed, coverage, residual."""
    years = tuple(gap.years)
    columns: list[Figures] = [*gap.years.values(), gap.total]

    def amounts(get) -> tuple[Decimal | None, ...]:
        return tuple(None if (value := get(column)) is None else unit.from_kr(value) for column in columns)

    rows = [
        Row("cost", pid, scenario.projects[pid].name, amounts(lambda c, pid=pid: c.costs.get(pid)))
        for pid in gap.total.costs
    ]
    rows.append(Row("cost", "", LABELS["cost"], amounts(lambda c: c.cost)))
    rows += [
        Row("financing", sid, scenario.sources[sid].name, amounts(lambda c, sid=sid: c.financing.get(sid)))
        for sid in gap.total.financing
    ]
    rows.append(Row("financed", "", LABELS["financed"], amounts(lambda c: c.financed)))
    rows.append(Row("coverage", "", LABELS["coverage"], tuple(c.coverage for c in columns)))
    rows.append(Row("residual", "", LABELS["residual"], amounts(lambda c: c.residual)))
    to_kr = scenario.unit.to_kr
    projects = tuple(
        ProjectEntry(
            pid,
            p.name,
            p.status,
            p.decide_at,
            {year: unit.from_kr(to_kr(amount)) for year, amount in sorted((p.costs or {}).items())},
        )
        for pid, p in scenario.projects.items()
    )
    return Report(scenario.scenario, scenario.budget_year, unit, scenario.price_level, years, tuple(rows), projects)


def caption(report: Report) -> str:
    """'mio. kr., 2024-priser': the unit and price level, as a Danish budget table says them."""
    if report.price_level is None:
        return report.unit.value
    return f"{report.unit.value}, {report.price_level}-priser"


# Decimals a table shows at least, per unit, as Danish budget notes do.
MIN_DECIMALS = {Unit.KR: 0, Unit.TKR: 0, Unit.MIO: 2}


def decimals_for(report: Report, asked: int | None) -> int:
    """How many decimals the amounts of a table show: ASKED, or enough to show every amount exactly."""
    if asked is not None:
        return asked
    places = MIN_DECIMALS[report.unit]
    for row in report.rows:
        if row.category != "coverage":
            for value in row.values:
                if value is not None:
                    places = max(places, -value.normalize(EXACT).as_tuple().exponent)
    return places


def danish(value: Decimal, decimals: int) -> str:
    """10,35 and 1.234.567,89: a decimal comma and thousands points, DECIMALS places (half to even)."""
    text = f"{value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_EVEN, EXACT):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(coverage: Decimal) -> str:
    """A coverage fraction as a Danish percentage to one decimal: 0.8068 -> '80,7 %'."""
    return danish(coverage.scaleb(2, EXACT), 1) + " %"


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
