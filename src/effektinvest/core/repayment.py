"""The repayment to an investor (repayment.md, format 1.3), as pure functions: what each paying pocket repays,
year by year.

Year by year, ascending, a repayment per achieved outcome is tariff x count (x a realisation, when one is in
force), rounded to whole øre half to even and bounded by what is left of the cap: exactly what an outcome line
pays (`arithmetic.outcome_pays`, which this reuses); a fixed schedule repays its amounts. Each year's repayment
is split over the paying pockets by their shares, to the øre, by the largest remainder, ties to the pocket
listed first (`arithmetic.split_in_order`). Only the lines that count (of `continue` projects, and pooled
lines that cover one: `repaid_lines`) repay. Repayments change neither the cost, the financing nor the
residual: they are outlays in later budgets. All money in kr., exact (`core/exact.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import lru_cache
from math import lcm

from effektinvest.core.arithmetic import ZERO, LineRef, financing_lines, outcome_pays
from effektinvest.core.exact import exact_sum
from effektinvest.core.ore import from_ore, split_in_order, to_ore
from effektinvest.model import Repay, Scenario
from effektinvest.model.numbers import EXACT


@dataclass(frozen=True, slots=True)
class Repayment:
    """One line's repayment, in kr.: per year, what each paying pocket repays (in `by`'s order) and the year's
    total; over all years, per pocket and in all; tariff x count before the cap (UNCAPPED: the schedule's sum,
    for a fixed schedule) and the cap (None: none, or a fixed schedule)."""

    ref: LineRef
    years: dict[int, dict[str, Decimal]]  # ascending; every pocket of `by` in every year
    totals: dict[int, Decimal]  # year -> the year's repayment
    by: dict[str, Decimal]  # pocket -> what it repays in all
    total: Decimal
    uncapped: Decimal
    cap: Decimal | None

    @property
    def investor(self) -> str:
        return self.ref.line.source

    @property
    def per_outcome(self) -> bool:
        return self.ref.line.repay.tariff is not None


def weights(by: dict[str, Decimal]) -> list[int]:
    """The shares of BY as whole numbers in the same proportion (for the largest remainder)."""
    return list(_weights(tuple(by.values())))


@lru_cache(maxsize=1024)
def _weights(shares: tuple[Decimal, ...]) -> tuple[int, ...]:
    """`weights` of SHARES, made once per set of shares (a file of 100,000 lines has a handful)."""
    fractions = [Fraction(share) for share in shares]
    common = lcm(*(f.denominator for f in fractions)) if fractions else 1
    return tuple(int(f * common) for f in fractions)


def split_over(amount: Decimal, by: dict[str, Decimal], scale: list[int] | None = None) -> dict[str, Decimal]:
    """AMOUNT (whole øre) split over the pockets of BY by their shares, to the øre: the largest remainder, a tie to
    the pocket listed first. SCALE: `weights(by)`, if already made. Every pocket 0 when the shares add up to 0."""
    scale = weights(by) if scale is None else scale
    if not sum(scale):
        return {sid: ZERO for sid in by}
    return dict(zip(by, map(from_ore, split_in_order(to_ore(amount), scale)), strict=True))


def schedule(
    repay: Repay, to_kr, realisation: Decimal | None = None, counts: dict[int, int] | None = None
) -> tuple[dict[int, Decimal], Decimal]:
    """What REPAY repays per year, in kr., and its total before the cap: per achieved outcome as an outcome line
    pays (counts scaled by REALISATION, None: as written; COUNTS: the counts to repay for, default the expected
    ones), or its fixed schedule (which no realisation scales)."""
    if repay.tariff is not None:
        return outcome_pays(repay, to_kr, counts, realisation=realisation)
    by_year = {year: to_kr(amount) for year, amount in sorted((repay.amount or {}).items())}
    return by_year, exact_sum(by_year.values())


def repayment(
    ref: LineRef, to_kr, realisation: Decimal | None = None, counts: dict[int, int] | None = None, memo=None
) -> Repayment:
    """The repayment of the line REF (which has a `repay`), its counts scaled by REALISATION (None: as written);
    COUNTS: the counts to repay for (the follow-up: achieved in the closed years), default the expected ones.
    MEMO: a dict in which the figures of each contract are kept (see `contract`), so that the lines of the same
    contract share them, made once (a file of 100,000 lines may have a handful); None: made for this line."""
    repay: Repay = ref.line.repay
    if memo is None or counts is not None:
        return Repayment(ref, *_figures(repay, to_kr, realisation, counts))
    held = memo.get(id(repay))  # the same Repay (model/scenario.py SharedRepay): its key is not made again
    if held is not None and held[0] is repay:
        return Repayment(ref, *held[1])
    key = contract(repay)
    figures = memo.get(key)
    if figures is None:
        figures = memo[key] = _figures(repay, to_kr, realisation, None)
    memo[id(repay)] = (repay, figures)  # (which keeps REPAY alive: its id names no other)
    return Repayment(ref, *figures)


def contract(repay: Repay) -> tuple:
    """What the repayment of REPAY is made of, as a key: two lines with equal keys repay the same (to the
    digits: a value is keyed by its text, so 0.5 and 0.50 differ), whoever the investor."""
    tariff = repay.tariff
    return (
        tuple(map(str, tariff.items())) if isinstance(tariff, dict) else str(tariff),
        tuple(repay.outcomes.items()) if repay.outcomes else None,
        str(repay.cap),
        tuple(map(str, repay.amount.items())) if repay.amount else None,
        tuple(map(str, repay.by.items())),
    )


def _figures(repay: Repay, to_kr, realisation: Decimal | None, counts: dict[int, int] | None) -> tuple:
    """`Repayment`'s fields after its REF: years, totals, by, total, uncapped, cap."""
    by_year, uncapped = schedule(repay, to_kr, realisation, counts)
    scale = weights(repay.by)
    years = {year: split_over(amount, repay.by, scale) for year, amount in by_year.items()}
    by = {sid: exact_sum(parts[sid] for parts in years.values()) for sid in repay.by}
    total = exact_sum(by_year.values())
    cap = to_kr(repay.cap) if repay.tariff is not None and repay.cap is not None else None
    return years, by_year, by, total, uncapped, cap


def repaid_lines(scenario: Scenario) -> Iterator[LineRef]:
    """The lines whose `repay` counts, in file order: a counting line (of a continued project, or pooled) with a
    `repay` that covers a continued project. A pooled line that covers none (only deferred or stopped
    projects, or `projects: []`) pays nothing, and its repayment counts nowhere, as a deferred or stopped
    project's own does (repayment.md)."""
    for ref in financing_lines(scenario):
        if ref.line.repay is not None and ref.covers:
            yield ref


def repayments(scenario: Scenario, realisation: Decimal | None = None) -> list[Repayment]:
    """Every line whose `repay` counts (`repaid_lines`), with its repayment; the counts scaled by REALISATION
    (None: as written)."""
    to_kr, memo = scenario.unit.to_kr, {}
    return [repayment(ref, to_kr, realisation, memo=memo) for ref in repaid_lines(scenario)]


def flows(found: list[Repayment]) -> dict[int, dict[str, tuple[Decimal, Decimal]]]:
    """Year -> source -> (what it repays, what it gets back) in that year, over every repayment of FOUND: a
    pocket repays its part, an investor gets the year's repayment (ascending years). The lines of one contract
    and investor that share their figures (`repayments`' memo) are added up as one, times their number: the
    same sums, in the same order of sources."""
    times: dict[tuple, list] = {}  # (investor, the figures' identity) -> [a repayment, how many]; first seen first
    for one in found:
        key = (one.investor, id(one.years), id(one.totals))  # FOUND keeps every figure alive throughout
        seen = times.get(key)
        if seen is None:
            times[key] = [one, 1]
        else:
            seen[1] += 1
    out: dict[int, dict[str, tuple[Decimal, Decimal]]] = {}
    with localcontext(EXACT):
        for one, n in times.values():
            for year, parts in one.years.items():
                column = out.setdefault(year, {})
                for sid, part in (
                    *((sid, (part * n, ZERO)) for sid, part in parts.items()),
                    (one.investor, (ZERO, one.totals[year] * n)),
                ):
                    before = column.get(sid, (ZERO, ZERO))
                    column[sid] = (before[0] + part[0], before[1] + part[1])
    return dict(sorted(out.items()))
