"""`follow-up` (format 1.3, followup.md): the plan against the accounts. Pure; all money in kr.

Two computations of one file, each with the gap arithmetic of `core.arithmetic`:
- the plan: exactly `gap` of the file (the actual keys ignored): the Gap the file was loaded with;
- the actual computation (`actual_gap`): in the closed years (up to `actuals_through`) each continued
  project's actual cost, and each line's `paid`, else its rule on the actual figures (a share of the covered
  projects' actual cost, an amount as planned, an outcome line tariff x achieved within what is left of its
  cap); in the open years the forecast (an outcome line tariff x its planned count within what is left of
  its cap after everything it paid before; every other line as planned).

Where a closed year lacks an actual the file should hold (a planned cost, a planned outcome count, an
expected saving without its actual), the plan stands in: the figure is listed in `missing` and every figure
it went into is `marked`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import NamedTuple

from effektinvest.core.arithmetic import (
    ORE,
    ZERO,
    Figures,
    Gap,
    LineRef,
    PaidLines,
    compute,
    costs_kr,
    coverage,
    covered_cost,
    outcome_pays,
    paid_lines,
    pays,
)
from effektinvest.model import Scenario
from effektinvest.model.numbers import EXACT
from effektinvest.reports.savings.analysis import realised


class Compared(NamedTuple):
    """One figure of one column: the plan, the actual (the accounts in a closed year, the forecast in an
    open one), and actual - plan."""

    plan: Decimal
    actual: Decimal

    @property
    def deviation(self) -> Decimal:
        return EXACT.subtract(self.actual, self.plan)


class Missing(NamedTuple):
    """An actual a closed year lacks, for which the plan (or the expected saving) stood in."""

    what: str  # "cost", "achieved" or "savings"
    year: int
    project: str | None  # the project (None: a pooled outcome line)
    source: str | None = None  # the line's source (achieved), the pocket (savings)
    path: tuple | None = None  # the outcome line's place in the file (achieved)


class OutcomeFollowUp(NamedTuple):
    """An outcome line: its planned counts, the counts of its closed years (achieved, or planned where that
    is missing), what it pays in the plan and in the actual computation, its cap and what is left of it."""

    ref: LineRef
    expected: dict[int, int]
    achieved: dict[int, int]
    plan_paid: dict[int, Decimal]
    paid: dict[int, Decimal]  # closed years: the accounts; open years: the forecast
    cap: Decimal | None
    cap_left: Decimal | None  # the cap less everything paid in the actual computation


class Pocket(NamedTuple):
    """A pocket's savings per year: expected (at the file's realisation) and realised (the accounts in a
    closed year, the expected figure standing in where missing; the expected figure in an open year), and
    the realised rate over the closed years (4 decimals; None where the expected sum is 0)."""

    expected: dict[int, Decimal]
    realised: dict[int, Decimal]
    rate: Decimal | None


@dataclass(frozen=True, slots=True)
class FollowUp:
    actuals_through: int
    years: tuple[int, ...]  # every reported year, ascending: a cost in either computation, or a saving
    plan: Gap
    actual: Gap
    sources: tuple[str, ...]  # every source that pays in either computation, in file order
    outcomes: tuple[OutcomeFollowUp, ...]  # every counting outcome line, in file order
    savings: dict[str, Pocket]  # every pocket with savings of a continued project, in file order
    missing: tuple[Missing, ...]  # costs, then achieved counts, then savings; each in file order, then by year
    marked: frozenset  # (row, id, year) of each figure a planned one went into: ("cost", "", Y),
    # ("financing", SOURCE, Y), ("residual", "", Y), ("savings", POCKET, Y), ("achieved", LINE INDEX, Y)

    @property
    def closed(self) -> tuple[int, ...]:
        return tuple(year for year in self.years if year <= self.actuals_through)

    def compared(self, get) -> tuple[Compared, ...]:
        """GET (of a `Figures`; None counts as 0) in the plan and the actual computation: a year at a time,
        then the total."""

        def pair(plan: Figures | None, actual: Figures | None) -> Compared:
            return Compared(_value(get, plan), _value(get, actual))

        columns = [pair(self.plan.years.get(year), self.actual.years.get(year)) for year in self.years]
        return (*columns, pair(self.plan.total, self.actual.total))


def _value(get, figures: Figures | None) -> Decimal:
    value = None if figures is None else get(figures)
    return ZERO if value is None else value


class _Actual(NamedTuple):
    costs: dict[str, dict[int, Decimal]]  # per continued project, in kr.
    paid: list[tuple[LineRef, dict[int, Decimal]]]  # what each counting line pays per year, in kr.
    stood: set[tuple[str, int]]  # (project, year): a closed year's cost for which the plan stood in


def actual_gap(scenario: Scenario, paid: PaidLines | None = None) -> Gap:
    """The actual computation of SCENARIO (followup.md, "Arithmetic") as a `Gap`, the structure
    `core.arithmetic.compute` returns: per budget year and in total the cost, the financing per source, the
    residual and the coverage; in each closed year (up to `actuals_through`) from the accounts, in each open
    year the forecast. A file without `actuals_through` (and so without actual keys) gives its plan, the
    figures of `gap`. PAID: the plan's lines with what they pay (`arithmetic.paid_lines`, `Loaded.paid`),
    if already made. For `compare` across budget years: BEFORE's actual figures of its closed years."""
    actual = _actual(scenario, paid_lines(scenario) if paid is None else paid)
    return compute(scenario, actual.paid, actual.costs)


def _actual(scenario: Scenario, plan_paid: PaidLines) -> _Actual:
    to_kr = scenario.unit.to_kr
    through = scenario.actuals_through
    costs, stood = {}, set()
    for pid, by_year in costs_kr(scenario).items():
        accounts = scenario.projects[pid].actual_costs
        if through is not None:
            stood.update((pid, year) for year in by_year if year <= through and year not in (accounts or {}))
        if accounts:
            by_year = dict(sorted({**by_year, **{year: to_kr(a) for year, a in accounts.items()}}.items()))
        costs[pid] = by_year
    lines = [(ref, _line_pays(ref, planned, costs, to_kr)) for ref, _, planned in plan_paid]
    return _Actual(costs, lines, stood)


def _line_pays(ref: LineRef, planned: dict[int, Decimal], costs: dict, to_kr) -> dict[int, Decimal]:
    """What the line REF pays per year in the actual computation: `paid` where the accounts give it, else
    its rule on the actual COSTS (a share line), on the counts achieved (an outcome line), or as PLANNED."""
    line = ref.line
    fixed = {year: to_kr(amount) for year, amount in line.paid.items()} if line.paid else {}
    if line.tariff is not None:
        return outcome_pays(line, to_kr, {**(line.outcomes or {}), **(line.achieved or {})}, fixed)[0]
    by_year = pays(line, covered_cost(costs, ref.covers), to_kr) if line.share is not None else planned
    return dict(sorted({**by_year, **fixed}.items())) if fixed else by_year


def follow_up(scenario: Scenario, plan: Gap, paid: PaidLines | None = None) -> FollowUp:
    """The follow-up of SCENARIO (it has `actuals_through`), whose plan is PLAN (`gap`'s figures); PAID: the
    plan's lines with what they pay (`Loaded.paid`), if already made."""
    through = scenario.actuals_through
    plan_paid = paid_lines(scenario) if paid is None else paid
    actual = _actual(scenario, plan_paid)
    actual_figures = compute(scenario, actual.paid, actual.costs)
    outcomes = _outcomes(scenario, plan_paid, actual.paid)
    savings, saving_missing = _savings(scenario)
    years = {*plan.years, *actual_figures.years, *(year for p in savings.values() for year in p.expected)}
    paying = {*plan.total.financing, *actual_figures.total.financing}
    missing = [Missing("cost", year, pid) for pid, year in sorted(actual.stood, key=_in_order(scenario.projects))]
    missing += [
        Missing("achieved", year, o.ref.path[1] if o.ref.path[0] == "projects" else None, o.ref.line.source, o.ref.path)
        for o in outcomes
        for year in o.expected
        if year <= through and year not in (o.ref.line.achieved or {})
    ]
    return FollowUp(
        through,
        tuple(sorted(years)),
        plan,
        actual_figures,
        tuple(sid for sid in scenario.sources if sid in paying),
        outcomes,
        savings,
        (*missing, *saving_missing),
        _marks(actual, outcomes, saving_missing, through),
    )


def _in_order(projects: dict):
    order = {pid: index for index, pid in enumerate(projects)}
    return lambda item: (order[item[0]], item[1])


def _outcomes(scenario: Scenario, plan_paid: PaidLines, paid: list) -> tuple[OutcomeFollowUp, ...]:
    to_kr, through = scenario.unit.to_kr, scenario.actuals_through
    out = []
    for (ref, _, planned), (_, actual) in zip(plan_paid, paid, strict=True):
        line = ref.line
        if line.tariff is None:
            continue
        counts = {**line.outcomes, **(line.achieved or {})}
        achieved = {year: count for year, count in sorted(counts.items()) if year <= through}
        cap = None if line.cap is None else to_kr(line.cap)
        left = None if cap is None else max(EXACT.subtract(cap, sum(actual.values(), ZERO)), ZERO)
        out.append(OutcomeFollowUp(ref, dict(sorted(line.outcomes.items())), achieved, planned, actual, cap, left))
    return tuple(out)


def _savings(scenario: Scenario) -> tuple[dict[str, Pocket], list[Missing]]:
    """Each pocket's expected and realised savings (see `Pocket`), and the expected savings of closed years
    that stood in for a missing actual."""
    to_kr, through = scenario.unit.to_kr, scenario.actuals_through
    realisation = Decimal(1) if scenario.realisation is None else scenario.realisation
    expected = realised(scenario, realisation)
    booked: dict[str, dict[int, Decimal]] = {}
    missing = []
    with localcontext(EXACT):
        for pid, project in scenario.active.items():
            accounts = project.realised_savings or {}
            for sid, by_year in accounts.items():
                sums = booked.setdefault(sid, {})
                for year, amount in by_year.items():
                    sums[year] = sums.get(year, ZERO) + to_kr(amount)
            for sid, by_year in (project.savings or {}).items():
                for year, amount in sorted(by_year.items()):
                    if year <= through and year not in accounts.get(sid, {}):
                        sums = booked.setdefault(sid, {})
                        standing = (to_kr(amount) * realisation).quantize(ORE, ROUND_HALF_EVEN)
                        sums[year] = sums.get(year, ZERO) + standing
                        missing.append(Missing("savings", year, pid, sid))
    pockets = {}
    for sid in scenario.sources:
        if sid in expected or sid in booked:
            planned, accounts = expected.get(sid, {}), booked.get(sid, {})
            years = sorted({*planned, *accounts})
            actual = {year: accounts.get(year, ZERO) if year <= through else planned.get(year, ZERO) for year in years}
            closed = [year for year in years if year <= through]
            with localcontext(EXACT):
                realised_sum = sum((actual[year] for year in closed), ZERO)
                rate = coverage(realised_sum, sum((planned.get(year, ZERO) for year in closed), ZERO))
            pockets[sid] = Pocket({year: planned.get(year, ZERO) for year in years}, actual, rate)
    return pockets, missing


def _marks(actual: _Actual, outcomes: tuple[OutcomeFollowUp, ...], savings: list[Missing], through: int) -> frozenset:
    """Every figure a planned one went into (see `FollowUp.marked`)."""
    stood_years: dict[str, set[int]] = {}
    for pid, year in actual.stood:
        stood_years.setdefault(pid, set()).add(year)
    marks = {("cost", "", year) for _, year in actual.stood}
    for ref, _ in actual.paid:
        line, fixed = ref.line, ref.line.paid or {}
        if line.tariff is not None:
            years = {year for year in line.outcomes if year <= through and year not in (line.achieved or {})}
        elif line.share is not None and stood_years:
            years = {year for pid in ref.covers for year in stood_years.get(pid, ())}
        else:
            continue
        marks.update(("financing", line.source, year) for year in years if year not in fixed)
    for index, o in enumerate(outcomes):
        marks.update(("achieved", index, year) for year in o.achieved if year not in (o.ref.line.achieved or {}))
    marks.update(("residual", "", year) for row, _, year in list(marks) if row in ("cost", "financing"))
    marks.update(("savings", m.source, m.year) for m in savings)
    return frozenset(marks)
