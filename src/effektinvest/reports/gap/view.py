"""What `gap` shows: the computed gap in the output unit, as columns (a budget year each, then the total)
for the JSON renderer, and as rows (`rows`) for the table, Markdown and CSV renderers. Figures go one
way only: Gap (kr.) -> columns in the unit -> rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from itertools import chain
from typing import NamedTuple

from effektinvest.core.arithmetic import ZERO, Figures, Gap, outcome_lines
from effektinvest.core.display_context import TOTAL, amount, coverage_cell, percent, places, shown_coverage
from effektinvest.core.display_context import caption as unit_caption
from effektinvest.core.display_context import rounded as display_rounded
from effektinvest.core.exact import exactly
from effektinvest.model import Scenario, Status
from effektinvest.model.units import Unit
from effektinvest.reports.gap.inactive_repay import not_repaid, repaid_to
from effektinvest.reports.gap.repayment_view import entries as repayment_entries
from effektinvest.reports.gap.repayment_view import rows as repayment_rows
from effektinvest.reports.gap.repayment_view import tariff_in

# Danish labels, as in a budget note.
LABELS = {
    "cost": "Udgift i alt",
    "financed": "Finansiering i alt",
    "coverage": "Dækningsgrad",
    "residual": "Restfinansiering",
    "total": TOTAL,
}


class Row(NamedTuple):
    category: str  # cost, financing, financed, coverage, residual
    id: str  # project or source id; "" for a sum
    label: str  # the name a user wrote, or a Danish label for a sum
    values: tuple[Decimal | None, ...]  # one per year, then the total; None: nothing in that year


class Column(NamedTuple):
    """One column of the report in its unit: the sums, and what each paying source pays."""

    cost: Decimal
    financing: dict[str, Decimal]
    financed: Decimal
    residual: Decimal
    coverage: Decimal | None


class ProjectEntry(NamedTuple):  # a tuple: one per project, made ten times faster than a frozen dataclass
    id: str
    name: str
    status: Status
    decide_at: int | None
    costs: dict[int, Decimal]  # in the report's unit
    funding_ends: int | None = None  # the last budget year of the project's current financing


class SourceEntry(NamedTuple):
    """A source as the file describes it (JSON `sources`)."""

    id: str
    name: str
    kind: str | None
    note: str | None


class OutcomeEntry(NamedTuple):
    """An outcome payment line (format 1.2; JSON `outcome_lines`), amounts in the report's unit."""

    source: str
    tariff: Decimal | dict[int, Decimal]  # a rate card: year -> tariff
    outcomes: dict[int, int]
    uncapped: Decimal  # tariff x count, summed over the years
    paid: Decimal  # what the cap lets it pay
    capped_by: Decimal  # uncapped - paid


@dataclass(frozen=True)
class Report:
    title: str
    budget_year: int
    unit: Unit
    price_level: int | None
    years: tuple[int, ...]
    gap: Gap  # in kr.
    sources: dict[str, str]  # id -> name of every source that pays, in file order
    names: dict[str, str]  # id -> name of every project
    projects: tuple[ProjectEntry, ...]  # every project, in file order
    decimals: int | None = None  # the scenario's house style (`decimals:`), for people's formats
    all_sources: tuple[SourceEntry, ...] = ()  # every source of the file, in file order
    explained: tuple | None = None  # gap --explain: explain_view.ExplainLine per financing line, in file order
    by_project: dict | None = None  # gap --by project: project id -> its own Gap (by_project.by_project), in kr.
    outcome_lines: tuple[OutcomeEntry, ...] = ()  # every counting outcome line, in file order
    realisation: Decimal | None = None  # gap --realisation R: the outcome lines' counts scaled by R; None: the plan
    repayments: tuple = ()  # format 1.3: repayment_view.RepaymentEntry per line with `repay`, in file order
    repayment_block: bool = False  # gap: the repayment years are columns, and the block "Tilbagebetaling" shows
    inactive_repaid: tuple = ()  # format 1.3: (project id, its investors' names) per deferred or stopped project
    # whose own lines have `repay` (`repaid_to`): listed with it, counted nowhere

    def scaled(self, kr: Decimal | None) -> Decimal | None:
        return None if kr is None else self.unit.from_kr(kr)

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        """A column a year, then the total."""
        return tuple(self._column(figures) for figures in (*self.gap.years.values(), self.gap.total))

    def _column(self, f: Figures) -> Column:
        scaled = self.scaled
        financing = {sid: scaled(paid) for sid, paid in f.financing.items()}
        return Column(scaled(f.cost), financing, scaled(f.financed), scaled(f.residual), f.coverage)

    @property
    def inactive(self) -> tuple[ProjectEntry, ...]:
        return tuple(p for p in self.projects if p.status is not Status.CONTINUE)

    @property
    def deferred(self) -> tuple[ProjectEntry, ...]:
        return tuple(p for p in self.projects if p.status is Status.DEFER and p.decide_at is not None)


def build(scenario: Scenario, gap: Gap, unit: Unit, realisation: Decimal | None = None) -> Report:
    """The report of GAP (computed from SCENARIO) in UNIT; with REALISATION (gap --realisation), GAP is the gap at
    that realisation (`core.realisation.at_realisation`), and so are the outcome lines' figures."""
    written = scenario.unit  # the file's unit
    projects = tuple(
        ProjectEntry(
            pid,
            p.name,
            p.status,
            p.decide_at,
            dict(sorted(p.costs.items()))
            if written is unit and p.costs
            else {year: written.to(value, unit) for year, value in sorted((p.costs or {}).items())},
            p.funding_ends,
        )
        for pid, p in scenario.projects.items()
    )
    sources = {sid: scenario.sources[sid].name for sid in gap.total.financing}
    names = {pid: p.name for pid, p in scenario.projects.items()}
    head = (scenario.scenario, scenario.budget_year, unit, scenario.price_level, tuple(gap.years))
    described = tuple(
        SourceEntry(sid, s.name, None if s.kind is None else s.kind.value, s.note)
        for sid, s in scenario.sources.items()
    )
    outcomes = _outcome_entries(scenario, unit, realisation) if _has_outcomes(scenario) else ()
    return Report(
        *head,
        gap,
        sources,
        names,
        projects,
        scenario.decimals,
        described,
        outcome_lines=outcomes,
        realisation=realisation,
        repayments=repayment_entries(scenario, unit, realisation),
        inactive_repaid=tuple(
            (pid, repaid_to(scenario, p)) for pid, p in scenario.projects.items() if p.status is not Status.CONTINUE
        ),
    )


def _has_outcomes(scenario: Scenario) -> bool:
    lines = (line for p in scenario.projects.values() for line in p.financing)
    return any(line.tariff is not None for line in chain(scenario.financing, lines))


def _outcome_entries(scenario: Scenario, unit: Unit, realisation: Decimal | None) -> tuple[OutcomeEntry, ...]:
    """The outcome lines of SCENARIO in the report's UNIT, their counts scaled by REALISATION (None: as written)."""
    shown = unit.from_kr

    return tuple(
        OutcomeEntry(
            o.ref.line.source,
            tariff_in(o.ref.line.tariff, scenario.unit, unit),
            dict(sorted(o.ref.line.outcomes.items())),
            shown(o.uncapped),
            shown(o.paid),
            shown(o.capped_by),
        )
        for o in outcome_lines(scenario, realisation)
    )


def rows(report: Report) -> tuple[Row, ...]:
    """The report as rows: each project's cost, the cost, each source, financed, coverage, residual."""
    figures = [*report.gap.years.values(), report.gap.total]
    columns = report.columns
    scaled = report.scaled

    def across(get) -> tuple:
        return tuple(get(column) for column in columns)

    out = [
        Row("cost", pid, report.names[pid], tuple(scaled(f.costs.get(pid)) for f in figures))
        for pid in report.gap.total.costs
    ]
    out.append(Row("cost", "", LABELS["cost"], across(lambda c: c.cost)))
    out += [
        Row("financing", sid, name, across(lambda c, sid=sid: c.financing.get(sid)))
        for sid, name in report.sources.items()
    ]
    out.append(Row("financed", "", LABELS["financed"], across(lambda c: c.financed)))
    out.append(Row("coverage", "", LABELS["coverage"], across(lambda c: c.coverage)))
    out.append(Row("residual", "", LABELS["residual"], across(lambda c: c.residual)))
    if report.repayment_block:  # format 1.3: the block "Tilbagebetaling" (gap; the note keeps the cost years)
        out += repayment_rows(report, Row)
    return tuple(out)


def caption(report) -> str:
    """'mio. kr., 2024-priser': the unit and price level, as a Danish budget table says them; with gap
    --realisation, the realisation too ('kr., ved 50 % realisering')."""
    text = unit_caption(report.unit, report.price_level)
    realisation = getattr(report, "realisation", None)  # compare's report has none
    return text if realisation is None else f"{text}, {realisation_words(realisation)}"


def realisation_words(realisation: Decimal) -> str:
    """'ved 50 % realisering': the realisation a gap is computed at, as the caption and the note say it."""
    return f"ved {percent(realisation, None)} realisering"


def decimals_for(report: Report, asked: int | None, table: Iterable[Row] | None = None) -> int:
    """How many decimals every amount of the report is shown with: ASKED (--decimals), else the scenario's
    `decimals:`, else as many as the figures need (see `cells.places`); TABLE's rows (default `rows`) are gone
    through once."""
    table = rows(report) if table is None else table
    asked = report.decimals if asked is None else asked
    return places(report.unit, (v for row in table if row.category != "coverage" for v in row.values), asked)


ROUNDING_NOTE = "Afrundingsdifferencer kan forekomme."


@exactly
def rounding_note(table: tuple[Row, ...], decimals: int) -> str | None:
    """The line under a table whose shown totals differ from the sums of their shown parts (amounts rounded
    to DECIMALS places): a column's cost, financed or repayments (format 1.3) against its rows, the residual
    against cost less financed, a row's total against its years. None when every shown total adds up."""
    shown = {}  # category -> per row: the shown values
    for row in table:
        if row.category != "coverage":
            shown.setdefault(row.category, []).append([rounded(v, decimals) for v in row.values])
    differs = any(sum(values[:-1]) != values[-1] for rows_ in shown.values() for values in rows_)
    for index in range(len(table[0].values)):
        parts = {category: [values[index] for values in rows_] for category, rows_ in shown.items()}
        cost, financed, residual = parts["cost"][-1], parts["financed"][0], parts["residual"][0]
        differs = differs or sum(parts["cost"][:-1]) != cost and len(parts["cost"]) > 1
        differs = differs or sum(parts.get("financing", [])) != financed or cost - financed != residual
        if "repaid" in parts:  # format 1.3: the pockets' repayments against the block's total
            differs = differs or sum(parts.get("repayment", [])) != parts["repaid"][0]
    return ROUNDING_NOTE if differs else None


def rounded(value: Decimal | None, decimals: int) -> Decimal:
    """VALUE as shown with DECIMALS places (`display_context.rounded`); 0 where nothing is shown."""
    return ZERO if value is None else display_rounded(value, decimals)


def coverage_shown(report: Report) -> tuple[Decimal | None, ...]:
    """Coverage per column for people (`display_context.shown_coverage`)."""
    return tuple(shown_coverage(c.financed, c.cost) for c in report.columns)


def cells(report: Report, row: Row, decimals: int) -> list[str]:
    """The cells of ROW for people: amounts to DECIMALS places, coverage as a percentage."""
    if row.category == "coverage":
        return [coverage_cell(value) for value in coverage_shown(report)]
    return [amount(value, decimals) for value in row.values]


def funding_lines(report: Report) -> list[str]:
    """A line per `funding_ends` year, for the foot of a report: the projects (any status) whose current
    financing runs out (udløber) in that budget year, in file order, separated by "; " (a name may hold a comma).
    Worded as the budget note words it: "Finansieringen udløber i 2024", so the decision falls at budget 2024."""
    by_year: dict[int, list[str]] = {}
    for project in report.projects:
        if project.funding_ends is not None:
            by_year.setdefault(project.funding_ends, []).append(project.name)
    return [f"Finansieringen udløber i {year}: " + "; ".join(names) for year, names in sorted(by_year.items())]


def inactive_head(status: Status, name: str, decide_at: int | None) -> str:
    """How a deferred or stopped project begins its line: 'Udskudt: NAME (beslutning ved budget 2025)'."""
    if status is Status.DEFER:
        return f"Udskudt: {name} (beslutning ved budget {decide_at})"
    return f"Standset: {name}"


def inactive_lines(report: Report, decimals: int) -> list[str]:
    """One line per deferred or stopped project, for the foot of a report: its costs and (format 1.3) the investors
    its own lines would repay, which count nowhere."""
    repaid = dict(report.inactive_repaid)
    out = []
    for project in report.inactive:
        line = inactive_head(project.status, project.name, project.decide_at)
        if project.costs:
            shown = ", ".join(f"{year}: {amount(value, decimals)}" for year, value in project.costs.items())
            line += f"; udgift {shown} {report.unit.value}"
        out.append(line + not_repaid(repaid.get(project.id, ())))
    return out
