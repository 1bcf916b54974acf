"""What `follow-up` shows: the analysis (`analysis.FollowUp`, in kr.) in the output unit, as figures (a figure's
plan, actual and deviation per column: a year at a time, then the total) for every format, and the outcome
lines, the savings per pocket and the missing actuals. The rows for people are in `rows`. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from effektinvest.core.exact import exact_sum
from effektinvest.model import Scenario, Status
from effektinvest.model.units import Unit
from effektinvest.reports.followup.analysis import Compared, FollowUp, Missing, OutcomeFollowUp
from effektinvest.reports.followup.repayments import entries as repayment_entries
from effektinvest.reports.gap.inactive_repay import repaid_to


class Figure(NamedTuple):
    """One figure over the report's columns, in the report's unit."""

    category: str  # cost, financing, residual, savings
    id: str  # the source's or pocket's id; "" for cost and residual
    label: str  # the source's or pocket's name, or a Danish label
    columns: tuple[Compared, ...]  # a year at a time, then the total (savings: expected and realised)
    marked: tuple[bool, ...]  # per column: a planned figure stood in for a missing actual


class OutcomeEntry(NamedTuple):
    """An outcome line, in the report's unit."""

    id: str  # SOURCE/LINE: the source and the line of the file where the line stands
    source: str
    name: str  # the source's name
    line: int
    expected: dict[int, int]
    achieved: dict[int, int]  # the closed years (planned where the actual is missing: `marked`)
    plan_paid: dict[int, Decimal]
    paid: dict[int, Decimal]  # the accounts of the closed years, the forecast of the open ones
    cap: Decimal | None
    cap_left: Decimal | None
    marked: frozenset[int]  # the closed years whose count the plan stood in for


class Inactive(NamedTuple):
    """A deferred or stopped project: listed with its costs and actual costs (in the report's unit), counted
    nowhere."""

    id: str
    name: str
    status: Status
    decide_at: int | None
    costs: dict[int, Decimal]
    actual_costs: dict[int, Decimal]
    investors: tuple[str, ...] = ()  # format 1.3: the investors its own lines would repay (`gap.inactive_repay`)


@dataclass(frozen=True)
class FollowUpReport:
    path: str  # the file as given
    title: str
    budget_year: int
    unit: Unit
    price_level: int | None
    result: FollowUp  # in kr.
    names: dict[str, str]  # id -> name of every source
    lines: tuple[int, ...]  # the line in the file of each outcome line, in the order of `result.outcomes`
    inactive: tuple[Inactive, ...] = ()
    decimals: int | None = None  # the scenario's house style (`decimals:`)
    repayments: tuple = ()  # format 1.3: repayments.RepaymentEntry per line with `repay`, in file order

    @property
    def years(self) -> tuple[int, ...]:
        return self.result.years

    @property
    def closed(self) -> tuple[int, ...]:
        return self.result.closed

    def scaled(self, kr: Decimal | None) -> Decimal | None:
        return None if kr is None else self.unit.from_kr(kr)


def build(
    scenario: Scenario, result: FollowUp, unit: Unit, path: str, lines: tuple[int, ...], repay_lines: tuple = ()
) -> FollowUpReport:
    """The report of RESULT (the follow-up of SCENARIO, read from PATH) in UNIT; LINES: the line of each of
    its outcome lines in the file."""
    written = scenario.unit

    def restated(amounts: dict | None) -> dict[int, Decimal]:
        return {year: written.to(value, unit) for year, value in sorted((amounts or {}).items())}

    inactive = tuple(
        Inactive(
            pid, p.name, p.status, p.decide_at, restated(p.costs), restated(p.actual_costs), repaid_to(scenario, p)
        )
        for pid, p in scenario.projects.items()
        if p.status is not Status.CONTINUE
    )
    names = {sid: source.name for sid, source in scenario.sources.items()}
    head = (path, scenario.scenario, scenario.budget_year, unit, scenario.price_level, result, names)
    names = {sid: source.name for sid, source in scenario.sources.items()}
    repaid = repayment_entries(result.repayments, repay_lines, names, unit.from_kr) if result.repayments else ()
    return FollowUpReport(*head, tuple(lines), inactive, scenario.decimals, repaid)


LABELS = {"cost": "Udgift i alt", "residual": "Restfinansiering"}


def figures(report: FollowUpReport) -> tuple[Figure, ...]:
    """Cost, the financing from each source that pays in either computation, the residual."""
    result, years = report.result, report.years

    def figure(category: str, sid: str, label: str, get) -> Figure:
        columns = tuple(Compared(*map(report.scaled, c)) for c in result.compared(get))
        return Figure(category, sid, label, columns, _marks(result.marked, category, sid, years))

    out = [figure("cost", "", LABELS["cost"], lambda f: f.cost)]
    out += [
        figure("financing", sid, report.names[sid], lambda f, sid=sid: f.financing.get(sid)) for sid in result.sources
    ]
    out.append(figure("residual", "", LABELS["residual"], lambda f: f.residual))
    return tuple(out)


def savings(report: FollowUpReport) -> tuple[tuple[Figure, Decimal | None], ...]:
    """Each pocket's savings, expected (plan) and realised (actual) per year and in total, with its realised
    rate."""
    out = []
    zero = Decimal(0)
    for sid, pocket in report.result.savings.items():
        pairs = [(pocket.expected.get(year, zero), pocket.realised.get(year, zero)) for year in report.years]
        total = Compared(exact_sum(p for p, _ in pairs), exact_sum(a for _, a in pairs))
        columns = tuple(Compared(*map(report.scaled, c)) for c in (*pairs, total))
        marked = _marks(report.result.marked, "savings", sid, report.years)
        out.append((Figure("savings", sid, report.names[sid], columns, marked), pocket.rate))
    return tuple(out)


def _marks(marked: frozenset, category: str, sid: str, years: tuple[int, ...]) -> tuple[bool, ...]:
    """Per year whether (CATEGORY, SID, year) is MARKED, then the total: whether any year is."""
    per_year = tuple((category, sid, year) in marked for year in years)
    return (*per_year, any(per_year))


def outcomes(report: FollowUpReport) -> tuple[OutcomeEntry, ...]:
    result = report.result
    return tuple(
        _outcome(report, index, o, line)
        for index, (o, line) in enumerate(zip(result.outcomes, report.lines, strict=True))
    )


def _outcome(report: FollowUpReport, index: int, o: OutcomeFollowUp, line: int) -> OutcomeEntry:
    source = o.ref.line.source
    marked = frozenset(year for year in o.achieved if ("achieved", index, year) in report.result.marked)

    def scaled(amounts: dict[int, Decimal]) -> dict[int, Decimal]:
        return {year: report.scaled(value) for year, value in amounts.items()}

    return OutcomeEntry(
        f"{source}/{line}",
        source,
        report.names[source],
        line,
        o.expected,
        o.achieved,
        scaled(o.plan_paid),
        scaled(o.paid),
        report.scaled(o.cap),
        report.scaled(o.cap_left),
        marked,
    )


def missing(report: FollowUpReport) -> tuple[tuple[Missing, int | None], ...]:
    """Each missing actual with the line of its outcome line in the file (an achieved count) or of its `repay` (a
    repayment's count), else None."""
    result = report.result
    at = {o.ref.path: line for o, line in zip(result.outcomes, report.lines, strict=True)}
    at.update({(*r.ref.path, "repay"): e.line for r, e in zip(result.repayments, report.repayments, strict=True)})
    return tuple((m, at.get(m.path)) for m in result.missing)
