"""Financing and residual per project (`gap --by project`): which project carries the residual. Pure.

A pooled line's payment in a year is split over the projects it covers in proportion to their cost in that
year, in whole øre, by `arithmetic.split` (largest remainder; a tie goes to the project defined first in the
file); a line that covers one project goes to it whole. The payments are `arithmetic.payments`'s, so the
projects' figures add up exactly to the scenario's in every cell. Amounts in kr.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import NamedTuple

from effektinvest.arithmetic import ZERO, Gap, LineRef, payments, split
from effektinvest.model import Scenario
from effektinvest.numbers import EXACT


class Share(NamedTuple):
    """One project's column (a budget year, or the total): its cost, what each source pays it (in the file's
    order of sources, only those that pay something), financed and residual. No coverage: a ratio of exact
    Fractions would be most of the time of 10,000 projects, and only people see it (the view computes it)."""

    cost: Decimal
    financing: dict[str, Decimal]
    financed: Decimal
    residual: Decimal


class ProjectGap(NamedTuple):
    years: dict[int, Share]  # every year of the report
    total: Share


def by_project(scenario: Scenario, gap: Gap, paid: list[tuple[LineRef, dict[int, Decimal]]] | None = None) -> dict:
    """Each continued project's ProjectGap in every year of GAP and in total, in file order. PAID: from
    `arithmetic.payments`, if already made."""
    if paid is None:
        paid = payments(scenario)
    order = {pid: index for index, pid in enumerate(scenario.projects)}  # the earlier key wins a tie in `split`
    got: dict[str, dict[int, dict[str, Decimal]]] = {pid: {} for pid in scenario.active}
    with localcontext(EXACT):
        for ref, by_year in paid:
            source, covers = ref.line.source, ref.covers
            for year, amount in by_year.items():
                column = gap.years.get(year)
                if not amount or column is None:  # as `compute`: a payment in no report year counts nowhere
                    continue
                parts = ((covers[0], amount),) if len(covers) == 1 else _parts(amount, covers, column.costs, order)
                for pid, part in parts:
                    if part:  # a source is listed only where it pays something (as in the report)
                        financing = got[pid].setdefault(year, {})
                        financing[source] = financing.get(source, ZERO) + part
        sources = {sid: index for index, sid in enumerate(scenario.sources)}
        return {pid: _gap(pid, received, gap, sources) for pid, received in got.items()}


def _parts(amount: Decimal, covers: tuple[str, ...], costs: dict[str, Decimal], order: dict[str, int]):
    """AMOUNT (kr., whole øre) split over COVERS by their COSTS in that year: (project, part) pairs."""
    weights = {order[pid]: int(costs.get(pid, ZERO).scaleb(2, EXACT)) for pid in covers}
    if not any(weights.values()):  # no covered project costs anything that year: an equal split
        weights = dict.fromkeys(weights, 1)
    parts = split(int(amount.scaleb(2, EXACT)), weights)
    return [(pid, Decimal(parts[order[pid]]).scaleb(-2, EXACT)) for pid in covers]


def _in_order(financing: dict[str, Decimal], sources: dict[str, int]) -> dict[str, Decimal]:
    if len(financing) < 2:
        return financing
    if len(financing) == 2:  # the common case (a project's own line and a pooled one), without a list
        first, second = financing
        if sources[first] < sources[second]:
            return financing
    ranks = [sources[sid] for sid in financing]
    if all(a < b for a, b in zip(ranks, ranks[1:], strict=False)):  # the common case: already in order
        return financing
    return dict(sorted(financing.items(), key=lambda item: sources[item[0]]))


def _gap(pid: str, received: dict[int, dict[str, Decimal]], gap: Gap, sources: dict[str, int]) -> ProjectGap:
    years = {}
    totals: dict[str, Decimal] = {}
    total_cost = ZERO
    for year, column in gap.years.items():
        cost = column.costs.get(pid, ZERO)
        financing = _in_order(received[year], sources) if year in received else {}
        financed = sum(financing.values(), ZERO)
        years[year] = Share(cost, financing, financed, cost - financed)
        total_cost += cost
        for sid, amount in financing.items():
            totals[sid] = totals.get(sid, ZERO) + amount
    financed = sum(totals.values(), ZERO)
    return ProjectGap(years, Share(total_cost, _in_order(totals, sources), financed, total_cost - financed))
