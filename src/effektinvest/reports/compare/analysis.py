"""`compare`: two scenarios' figures per budget year, before and after, in kr. (format 1.1). Pure.

When BEFORE's budget year is earlier than AFTER's, each of BEFORE's years before AFTER's budget year is *closed*
(docs/cli.md): it has run out, not been cut. Its figures are BEFORE's plan and, where BEFORE records the year's
accounts (`actuals_through`) and its actual computation is given, the actual; it has no after and no change, and
the total column compares only the open years."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from effektinvest.core.arithmetic import Figures, Gap, coverage
from effektinvest.model import Scenario
from effektinvest.model.numbers import EXACT


@dataclass(frozen=True, slots=True)
class Change:
    """One figure before and after; a side where it does not exist counts as 0 in the change. A closed year's
    figure has BEFORE's plan, its ACTUAL (None where not recorded), no after and no change."""

    before: Decimal | None
    after: Decimal | None
    actual: Decimal | None = None
    closed: bool = False

    @property
    def change(self) -> Decimal | None:
        if self.closed:
            return None
        return EXACT.subtract(self.after or Decimal(0), self.before or Decimal(0))


@dataclass(frozen=True, slots=True)
class ColumnChange:
    cost: Change
    financing: dict[str, Change]  # every source that pays in either scenario, in this column
    financed: Change
    residual: Change
    costs: dict[str, Change] = field(default_factory=dict)  # per project with a cost in either, in this column
    coverage: Change | None = None  # the 4-decimal fractions; a side without cost is None
    closed: bool = False  # a closed year (before AFTER's budget year): BEFORE's figures only


@dataclass(frozen=True, slots=True)
class Comparison:
    years: dict[int, ColumnChange]  # ascending: every year of either scenario
    total: ColumnChange
    sources: dict[str, str]  # id -> name, every source that pays in either scenario (after's name first)
    added_projects: dict[str, str]  # id -> name: in AFTER only
    removed_projects: dict[str, str]  # in BEFORE only
    added_sources: dict[str, str]  # in AFTER only, and paying in AFTER
    removed_sources: dict[str, str]  # in BEFORE only, and paying in BEFORE
    projects: dict[str, str] = field(default_factory=dict)  # id -> name, every project with a cost in either
    titles: tuple[str, str] = ("", "")  # the scenarios' titles (`scenario:`), before and after
    closed: tuple[int, ...] = ()  # BEFORE's years before AFTER's budget year, when BEFORE's budget year is earlier
    opens: int | None = None  # AFTER's budget year when some year is closed: the total compares from it on
    finished_projects: dict[str, str] = field(default_factory=dict)  # in BEFORE only, every cost year closed


def _column(before: Figures | None, after: Figures | None, sources: list[str], projects: list[str]) -> ColumnChange:
    def figure(name: str) -> Change:
        return Change(getattr(before, name) if before else None, getattr(after, name) if after else None)

    costs = {
        pid: Change(before.costs.get(pid) if before else None, after.costs.get(pid) if after else None)
        for pid in projects
        if (before and pid in before.costs) or (after and pid in after.costs)
    }

    financing = {
        sid: Change(before.financing.get(sid) if before else None, after.financing.get(sid) if after else None)
        for sid in sources
        if (before and sid in before.financing) or (after and sid in after.financing)
    }
    return ColumnChange(figure("cost"), financing, figure("financed"), figure("residual"), costs, figure("coverage"))


def _closed_column(plan: Figures, actual: Figures | None, sources: list[str], projects: list[str]) -> ColumnChange:
    """A closed year: BEFORE's PLAN and its ACTUAL (None: not recorded; then every actual is None, else a
    figure the accounts lack is 0), no after, no change."""

    def closed(planned: Decimal | None, name: str, key: str | None = None) -> Change:
        if actual is None:
            return Change(planned, None, None, True)
        value = getattr(actual, name)
        return Change(planned, None, value if key is None else value.get(key, Decimal(0)), True)

    def keyed(name: str, ids: list[str]) -> dict[str, Change]:
        present = [i for i in ids if i in getattr(plan, name) or (actual and i in getattr(actual, name))]
        return {i: closed(getattr(plan, name).get(i), name, i) for i in present}

    coverage_change = Change(plan.coverage, None, actual.coverage if actual else None, True)
    figures = (closed(getattr(plan, name), name) for name in ("cost", "financed", "residual"))
    cost, financed, residual = figures
    return ColumnChange(cost, keyed("financing", sources), financed, residual, keyed("costs", projects),
                        coverage_change, closed=True)


def _open_total(gap: Gap, closed: tuple[int, ...]) -> Figures:
    """GAP's total column over its years that are not CLOSED: each sum again, coverage from the sums."""
    costs: dict[str, Decimal] = {}
    financing: dict[str, Decimal] = {}
    cost = financed = residual = Decimal(0)
    with localcontext(EXACT):
        for year, figures in gap.years.items():
            if year in closed:
                continue
            for pid, amount in figures.costs.items():
                costs[pid] = costs.get(pid, Decimal(0)) + amount
            for sid, amount in figures.financing.items():
                financing[sid] = financing.get(sid, Decimal(0)) + amount
            cost, financed, residual = cost + figures.cost, financed + figures.financed, residual + figures.residual
    return Figures(costs, financing, cost, financed, residual, coverage(financed, cost))


def closed_years(before: Scenario, before_gap: Gap, after: Scenario) -> tuple[int, ...]:
    """BEFORE's years before AFTER's budget year, when BEFORE's budget year is the earlier one."""
    if before.budget_year >= after.budget_year:
        return ()
    return tuple(year for year in before_gap.years if year < after.budget_year)


def _recorded(before: Scenario, before_actual: Gap | None, year: int) -> Figures | None:
    """BEFORE's actual figures of YEAR where BEFORE records its accounts (up to `actuals_through`)."""
    through = before.actuals_through
    if before_actual is None or through is None or year > through:
        return None
    return before_actual.years.get(year)


def _paying(gap: Gap) -> set[str]:
    """The sources that pay something (more than 0 kr., in total) in GAP."""
    return {sid for sid, amount in gap.total.financing.items() if amount}


def _run_its_course(pid: str, project, before_gap: Gap, closed: tuple[int, ...]) -> bool:
    """Whether a project only BEFORE has counted there, and every one of its cost years has closed: it has run
    its course, not been cut."""
    counted = pid in before_gap.total.costs
    return bool(closed) and counted and all(year in closed for year in project.costs or ())


def compare(
    before: Scenario, before_gap: Gap, after: Scenario, after_gap: Gap, before_actual: Gap | None = None
) -> Comparison:
    """BEFORE_ACTUAL: BEFORE's actual computation (the follow-up's), for its closed years' accounts; or None."""
    years = sorted(set(before_gap.years) | set(after_gap.years))
    closed = closed_years(before, before_gap, after)
    names = {**{sid: s.name for sid, s in before.sources.items()}, **{sid: s.name for sid, s in after.sources.items()}}
    paying = [sid for sid in names if sid in before_gap.total.financing or sid in after_gap.total.financing]
    # a source only one file has is a financing source gained or lost only if it pays there (state and region never do)
    pays_before, pays_after = _paying(before_gap), _paying(after_gap)
    order = list(after.sources) + [sid for sid in before.sources if sid not in after.sources]
    paying.sort(key=order.index)
    projects = {pid: p.name for pid, p in before.projects.items() if pid in before_gap.total.costs}
    projects = {**projects, **{pid: p.name for pid, p in after.projects.items() if pid in after_gap.total.costs}}
    ids = [*(pid for pid in after.projects if pid in projects), *(pid for pid in before.projects if pid in projects)]
    ids = list(dict.fromkeys(ids))  # the AFTER file's order, then projects only BEFORE has
    columns = {
        y: _closed_column(before_gap.years[y], _recorded(before, before_actual, y), paying, ids)
        if y in closed
        else _column(before_gap.years.get(y), after_gap.years.get(y), paying, ids)
        for y in years
    }
    before_total = _open_total(before_gap, closed) if closed else before_gap.total
    only_before = {pid: p for pid, p in before.projects.items() if pid not in after.projects}
    finished = [pid for pid, project in only_before.items() if _run_its_course(pid, project, before_gap, closed)]
    return Comparison(
        years=columns,
        total=_column(before_total, after_gap.total, paying, ids),
        sources={sid: names[sid] for sid in paying},
        added_projects={pid: p.name for pid, p in after.projects.items() if pid not in before.projects},
        removed_projects={pid: p.name for pid, p in only_before.items() if pid not in finished},
        added_sources={sid: s.name for sid, s in after.sources.items() if sid in pays_after - set(before.sources)},
        removed_sources={sid: s.name for sid, s in before.sources.items() if sid in pays_before - set(after.sources)},
        projects={pid: projects[pid] for pid in ids},
        titles=(before.scenario, after.scenario),
        closed=closed,
        opens=after.budget_year if closed else None,
        finished_projects={pid: only_before[pid].name for pid in finished},
    )
