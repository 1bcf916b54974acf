"""Financing and residual per project (`gap --by project`): which project carries the residual. Pure.

A pooled line's payment in a year is split over the projects it covers in proportion to their cost in that
year, in whole øre, by `arithmetic.split` (largest remainder; a tie goes to the project defined first in the
file); a line that covers one project goes to it whole. The payments are `arithmetic.payments`'s, so the
projects' figures add up exactly to the scenario's in every cell. Amounts in kr.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import NamedTuple

from effektinvest.core.arithmetic import ZERO, Gap, PaidLines, paid_lines
from effektinvest.core.ore import from_ore, split_in_order, to_ore
from effektinvest.model import Scenario
from effektinvest.model.numbers import EXACT


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
    sources: dict[str, int]  # each source's place in the file (the order of the total's financing)

    @property
    def total(self) -> Share:
        """The total column, the sum of the years: made when asked (JSON shows only the years)."""
        totals: dict[str, Decimal] = {}
        with localcontext(EXACT):
            cost = sum((share.cost for share in self.years.values()), ZERO)
            for share in self.years.values():
                for sid, amount in share.financing.items():
                    totals[sid] = totals.get(sid, ZERO) + amount
            financed = sum(totals.values(), ZERO)
            return Share(cost, _in_order(totals, self.sources), financed, cost - financed)


def by_project(scenario: Scenario, gap: Gap, paid: PaidLines | None = None) -> dict:
    """Each continued project's ProjectGap in every year of GAP and in total, in file order. PAID: the lines
    GAP was made from (`arithmetic.paid_lines`: `load.Loaded.paid`), if already made."""
    if paid is None:
        paid = paid_lines(scenario)
    columns = gap.years
    order = {pid: index for index, pid in enumerate(scenario.projects)}.__getitem__
    got: dict[str, dict[int, dict[str, Decimal]]] = {pid: {} for pid in scenario.active}
    kr: dict[int, Decimal] = {}  # whole øre -> kr., each part made a Decimal once (far fewer than the parts)
    # Kept long for speed (10,000 projects: 40,000 own payments and a pooled line split 10,000 ways a year):
    # no call per payment, the split in whole øre (ints) over lists.
    with localcontext(EXACT):
        for ref, _, by_year in paid:
            source, covers = ref.line.source, ref.covers
            if len(covers) > 1:  # a pooled line: the projects in the order they were defined (ties go first)
                covers = sorted(covers, key=order)
            for year, amount in by_year.items():
                if not amount or year not in columns:  # as `compute`: a payment in no report year counts nowhere
                    continue
                if len(covers) == 1:  # a project's own line: the payment is its own, whole
                    parts = ((covers[0], amount),)
                else:
                    parts = zip(covers, _parts(amount, covers, columns[year].costs, kr), strict=True)
                for pid, part in parts:
                    if part:  # a source is listed only where it pays something (as in the report)
                        received = got[pid]
                        financing = received.get(year)
                        if financing is None:
                            received[year] = {source: part}
                        elif source in financing:
                            financing[source] += part
                        else:
                            financing[source] = part
        sources = {sid: index for index, sid in enumerate(scenario.sources)}
        costs = [(year, column.costs) for year, column in columns.items()]
        # lines whose sources come in the file's order of sources (own lines on one source, then a pooled
        # line on another: the common case) put every year's financing in that order as they pay
        ranks = [sources[ref.line.source] for ref, _, _ in paid]
        ordered = all(a <= b for a, b in zip(ranks, ranks[1:], strict=False))
        return {pid: _gap(pid, received, costs, sources, ordered) for pid, received in got.items()}


def _parts(amount: Decimal, covers: list[str], costs: dict[str, Decimal], kr: dict[int, Decimal]) -> list[Decimal]:
    """AMOUNT (kr., whole øre) split over COVERS (in the order a tie goes) by their COSTS in that year, in
    whole øre: each part in kr. (KR: øre -> kr., each made once)."""
    # (never all 0: an amount in a year whose covered projects cost nothing is `amount-without-cost`, also
    # under --prices, so the gap is not made)
    weights = [to_ore(costs[pid]) if pid in costs else 0 for pid in covers]
    out = []
    for part in split_in_order(to_ore(amount), weights):
        value = kr.get(part)
        if value is None:
            value = kr[part] = from_ore(part)
        out.append(value)
    return out


def _in_order(financing: dict[str, Decimal], sources: dict[str, int]) -> dict[str, Decimal]:
    if len(financing) == 2:  # the common case (a project's own line and a pooled one), without a list
        first, second = financing
        if sources[first] < sources[second]:
            return financing
    ranks = [sources[sid] for sid in financing]
    if all(a < b for a, b in zip(ranks, ranks[1:], strict=False)):  # the common case: already in order
        return financing
    return dict(sorted(financing.items(), key=lambda item: sources[item[0]]))


def _gap(
    pid: str,
    received: dict[int, dict[str, Decimal]],
    costs: list[tuple[int, dict]],
    sources: dict[str, int],
    ordered: bool,
) -> ProjectGap:
    """PID's columns: COSTS is each report year's costs per project, RECEIVED what it was paid per year and
    source (ORDERED: each year's already in the order of SOURCES). Kept long for speed (a call per project,
    four years each): a Share is made with `tuple.__new__` (no Python `__new__`)."""
    years = {}
    for year, by_project in costs:
        cost = by_project.get(pid, ZERO)
        financing = received.get(year)
        if financing is None:
            years[year] = _new(Share, (cost, {}, ZERO, cost - ZERO))
            continue
        if len(financing) > 1 and not ordered:
            financing = _in_order(financing, sources)
        financed = sum(financing.values(), ZERO)
        years[year] = _new(Share, (cost, financing, financed, cost - financed))
    return ProjectGap(years, sources)


_new = tuple.__new__
