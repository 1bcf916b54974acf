"""`compare`: two scenarios' figures per budget year, before and after, in kr. (format 1.1). Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from effektinvest.core.arithmetic import Figures, Gap
from effektinvest.model import Scenario
from effektinvest.model.numbers import EXACT


@dataclass(frozen=True, slots=True)
class Change:
    """One figure before and after; a side where it does not exist counts as 0 in the change."""

    before: Decimal | None
    after: Decimal | None

    @property
    def change(self) -> Decimal:
        return EXACT.subtract(self.after or Decimal(0), self.before or Decimal(0))


@dataclass(frozen=True, slots=True)
class ColumnChange:
    cost: Change
    financing: dict[str, Change]  # every source that pays in either scenario, in this column
    financed: Change
    residual: Change
    costs: dict[str, Change] = field(default_factory=dict)  # per project with a cost in either, in this column
    coverage: Change | None = None  # the 4-decimal fractions; a side without cost is None


@dataclass(frozen=True, slots=True)
class Comparison:
    years: dict[int, ColumnChange]  # ascending: every year of either scenario
    total: ColumnChange
    sources: dict[str, str]  # id -> name, every source that pays in either scenario (after's name first)
    added_projects: dict[str, str]  # id -> name: in AFTER only
    removed_projects: dict[str, str]  # in BEFORE only
    added_sources: dict[str, str]
    removed_sources: dict[str, str]
    projects: dict[str, str] = field(default_factory=dict)  # id -> name, every project with a cost in either
    titles: tuple[str, str] = ("", "")  # the scenarios' titles (`scenario:`), before and after


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


def compare(before: Scenario, before_gap: Gap, after: Scenario, after_gap: Gap) -> Comparison:
    years = sorted(set(before_gap.years) | set(after_gap.years))
    names = {**{sid: s.name for sid, s in before.sources.items()}, **{sid: s.name for sid, s in after.sources.items()}}
    paying = [sid for sid in names if sid in before_gap.total.financing or sid in after_gap.total.financing]
    order = list(after.sources) + [sid for sid in before.sources if sid not in after.sources]
    paying.sort(key=order.index)
    projects = {pid: p.name for pid, p in before.projects.items() if pid in before_gap.total.costs}
    projects = {**projects, **{pid: p.name for pid, p in after.projects.items() if pid in after_gap.total.costs}}
    ids = [*(pid for pid in after.projects if pid in projects), *(pid for pid in before.projects if pid in projects)]
    ids = list(dict.fromkeys(ids))  # the AFTER file's order, then projects only BEFORE has
    return Comparison(
        years={y: _column(before_gap.years.get(y), after_gap.years.get(y), paying, ids) for y in years},
        total=_column(before_gap.total, after_gap.total, paying, ids),
        sources={sid: names[sid] for sid in paying},
        added_projects={pid: p.name for pid, p in after.projects.items() if pid not in before.projects},
        removed_projects={pid: p.name for pid, p in before.projects.items() if pid not in after.projects},
        added_sources={sid: s.name for sid, s in after.sources.items() if sid not in before.sources},
        removed_sources={sid: s.name for sid, s in before.sources.items() if sid not in after.sources},
        projects={pid: projects[pid] for pid in ids},
        titles=(before.scenario, after.scenario),
    )
