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
it went into is `marked`. The savings per pocket are `pockets`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from effektinvest.core.arithmetic import (
    ZERO,
    Figures,
    Gap,
    LineRef,
    PaidLines,
    compute,
    costs_kr,
    covered_cost,
    financing_lines,
    outcome_pays,
    pays,
)
from effektinvest.core.exact import exact_sum
from effektinvest.model import Scenario
from effektinvest.model.numbers import EXACT
from effektinvest.reports.followup.pockets import Pocket, pockets
from effektinvest.reports.followup.repayments import RepaymentFollowUp, repayment_follow_ups


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

    what: str  # "cost", "achieved", "repay_achieved" (a repayment's count) or "savings"
    year: int
    project: str | None  # the project (None: a pooled outcome line)
    source: str | None = None  # the line's source (achieved), the pocket (savings)
    path: tuple | None = None  # the outcome line's place in the file (achieved), its `repay`'s (repay_achieved)


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


@dataclass(frozen=True, slots=True)
class FollowUp:
    actuals_through: int
    years: tuple[int, ...]  # every reported year, ascending: a cost in either computation, or a saving
    plan: Gap
    actual: Gap
    sources: tuple[str, ...]  # every source that pays in either computation, in file order
    outcomes: tuple[OutcomeFollowUp, ...]  # every counting outcome line, in file order
    savings: dict[str, Pocket]  # every pocket with savings of a continued project, in file order
    missing: tuple[Missing, ...]  # costs, achieved counts, repayments' counts, savings; each in file order, by year
    marked: frozenset  # (row, id, year) of each figure a planned one went into: ("cost", "", Y),
    # ("financing", SOURCE, Y), ("residual", "", Y), ("savings", POCKET, Y), ("achieved", LINE INDEX, Y)
    repayments: tuple[RepaymentFollowUp, ...] = ()  # format 1.3: every counting line with `repay`, in file order

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


def actual_gap(scenario: Scenario, paid: PaidLines | None = None, plan: Gap | None = None) -> Gap:
    """The actual computation of SCENARIO (followup.md, "Arithmetic") as a `Gap`, the structure
    `core.arithmetic.compute` returns: per budget year and in total the cost, the financing per source, the
    residual and the coverage; in each closed year (up to `actuals_through`) from the accounts, in each open
    year the forecast. A file without `actuals_through` (and so without actual keys) gives its plan, the
    figures of `gap`. PAID: the plan's lines with what they pay (`arithmetic.paid_lines`, `Loaded.paid`), and
    PLAN: the plan's figures (`Loaded.gap`), if already made. For `compare` across budget years: BEFORE's
    actual figures of its closed years."""
    actual = _actual(scenario, plan, paid)
    return compute(scenario, actual.paid, actual.costs)


def _plan_costs(scenario: Scenario, plan: Gap | None, active: dict) -> dict[str, dict[int, Decimal]]:
    """Each continued project's planned cost per year in kr. (`arithmetic.costs_kr`), in file order, each in a
    dictionary of its own: read from PLAN's columns when given, where they are already in kr."""
    if plan is None:
        return costs_kr(scenario, active)
    found: dict[str, dict[int, Decimal]] = {}
    for year, figures in plan.years.items():  # ascending
        for pid, amount in figures.costs.items():
            by_year = found.get(pid)
            if by_year is None:
                by_year = found[pid] = {}
            by_year[year] = amount
    return {pid: found.get(pid, {}) for pid in active}


def _actual(scenario: Scenario, plan: Gap | None, paid: PaidLines | None, active: dict | None = None) -> _Actual:
    """The costs and the lines' payments of the actual computation (PLAN and PAID: see `actual_gap`; ACTIVE:
    `scenario.active`, if already made)."""
    active = scenario.active if active is None else active
    to_kr = scenario.unit.to_kr
    through = scenario.actuals_through
    projects = scenario.projects
    costs = _plan_costs(scenario, plan, active)  # fresh dictionaries: made actual in place, after
    planned = list(_planned(scenario, costs, paid, active, plan))  # the plan's payments are taken from them
    stood = set()
    for pid, by_year in costs.items():
        accounts = projects[pid].actual_costs
        if through is not None:
            for year in by_year:
                if year <= through and (accounts is None or year not in accounts):
                    stood.add((pid, year))
        if accounts:
            known = len(by_year)
            for year, amount in accounts.items():
                by_year[year] = to_kr(amount)
            if len(by_year) > known:  # a year without a planned cost: in its place
                costs[pid] = dict(sorted(by_year.items()))
    lines = [(ref, _line_pays(ref, amounts, costs, to_kr)) for ref, amounts in planned]
    return _Actual(costs, lines, stood)


def _planned(scenario: Scenario, plan_costs: dict, paid: PaidLines | None, active: dict, plan: Gap | None = None):
    """Each counting line with what it pays in the plan where the actual computation takes it as planned (an
    amount line), else None: from PAID if given, else computed on PLAN_COSTS (a line over every continued
    project: on PLAN's cost per year, if given, which is its covered cost)."""
    if paid is not None:
        yield from ((ref, planned) for ref, _, planned in paid)
        return
    to_kr = scenario.unit.to_kr
    every = None if plan is None else {year: f.cost for year, f in plan.years.items() if f.cost > 0}
    for ref in financing_lines(scenario, active):
        if ref.line.share is None and ref.line.tariff is None:
            whole = every is not None and len(ref.covers) == len(active)
            yield ref, pays(ref.line, every if whole else covered_cost(plan_costs, ref.covers), to_kr)
        else:
            yield ref, None


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
    """The follow-up of SCENARIO (it has `actuals_through`), whose plan is PLAN (`gap`'s figures, `Loaded.gap`);
    PAID: the plan's lines with what they pay (`Loaded.paid`), if kept (else what is needed of it is computed
    again, which takes less memory than keeping it)."""
    through = scenario.actuals_through
    active = scenario.active
    actual = _actual(scenario, plan, paid, active)
    actual_figures = compute(scenario, actual.paid, actual.costs)
    outcomes = _outcomes(scenario, actual.paid)
    savings, stood_in = pockets(scenario, active)
    saving_missing = [Missing("savings", year, pid, sid) for pid, sid, year in stood_in]
    repaid = repayment_follow_ups(scenario)
    years = {*plan.years, *actual_figures.years, *(year for p in savings.values() for year in p.expected)}
    years.update(year for one in repaid for year in one.years)
    paying = {*plan.total.financing, *actual_figures.total.financing}
    missing = [Missing("cost", year, pid) for pid, year in sorted(actual.stood, key=_in_order(scenario.projects))]
    missing += [
        Missing("achieved", year, _project_of(o.ref), o.ref.line.source, o.ref.path)
        for o in outcomes
        for year in o.expected
        if year <= through and year not in (o.ref.line.achieved or {})
    ]
    missing += [
        Missing("repay_achieved", year, _project_of(one.ref), one.ref.line.source, (*one.ref.path, "repay"))
        for one in repaid
        for year in one.stood
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
        repaid,
    )


def _project_of(ref: LineRef) -> str | None:
    """The project a line stands under (None: a pooled line)."""
    return ref.path[1] if ref.path[0] == "projects" else None


def _in_order(projects: dict):
    order = {pid: index for index, pid in enumerate(projects)}
    return lambda item: (order[item[0]], item[1])


def _outcomes(scenario: Scenario, paid: list) -> tuple[OutcomeFollowUp, ...]:
    to_kr, through = scenario.unit.to_kr, scenario.actuals_through
    out = []
    for ref, actual in paid:
        line = ref.line
        if line.tariff is None:
            continue
        counts = {**line.outcomes, **(line.achieved or {})}
        achieved = {year: count for year, count in sorted(counts.items()) if year <= through}
        cap = None if line.cap is None else to_kr(line.cap)
        left = None if cap is None else max(EXACT.subtract(cap, exact_sum(actual.values())), ZERO)
        planned = outcome_pays(line, to_kr)[0]
        out.append(OutcomeFollowUp(ref, dict(sorted(line.outcomes.items())), achieved, planned, actual, cap, left))
    return tuple(out)


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
