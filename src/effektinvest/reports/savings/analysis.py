"""Where the savings land (format 1.2, docs/scenario-format.md, "Savings"): realised savings per pocket and year
against what each pocket pays, the municipal and public nets, the wrong-pocket share, break-even, present
values, and the backing of each paying pocket. Pure; all money in kr.

Realised savings are each (project, pocket, year) amount x the realisation, rounded to whole øre half to
even, amount by amount; every other figure is a sum of those and of the gap's figures, exact, but for the
present values and the ratios (`discount`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import NamedTuple

from effektinvest.core.arithmetic import ORE, ZERO, Gap, coverage
from effektinvest.core.discount import factors, npv, present_value, ratio
from effektinvest.core.exact import exact_sum
from effektinvest.core.realisation import at_realisation, outcome_payments
from effektinvest.core.repayment import flows, repayments
from effektinvest.model import Scenario
from effektinvest.model.numbers import EXACT
from effektinvest.model.values import OUTSIDE

FROM_OUTSIDE = frozenset({"refund", "external"})  # financing that is money from outside the municipality
NOT_REPAID = frozenset({"fund", "refund", "external"})  # paying pockets not repaid from savings landing in them


class Pocket(NamedTuple):
    """One source in one column: its realised savings, what it pays, and its net: savings - paid - repaid +
    received (format 1.3: what a pocket repays an investor, what an investor gets back; 0 without `repay`)."""

    savings: Decimal
    paid: Decimal
    net: Decimal
    repaid: Decimal = ZERO
    received: Decimal = ZERO


class Column(NamedTuple):
    """A reported year, or the total."""

    cost: Decimal
    municipal_cost: Decimal  # cost - financing from refund and external sources + repayments to external ones
    savings: Decimal
    municipal_savings: Decimal
    outside_savings: Decimal  # in state and region
    municipal_net: Decimal  # municipal_savings - municipal_cost
    public_net: Decimal  # savings - cost
    sources: dict[str, Pocket]  # every source with savings or payments in the scenario, in file order


class Backing(NamedTuple):
    """A source's backing (realised savings / paid, 4 decimals) and shortfall; both None for a source that
    does not pay, or is not repaid from the savings that land in it."""

    kind: str | None
    backing: Decimal | None
    shortfall: Decimal | None


class Pair(NamedTuple):
    municipal: object
    public: object


@dataclass(frozen=True, slots=True)
class Savings:
    """The savings view of one scenario at one realisation. Amounts in kr."""

    realisation: Decimal
    rate: Decimal | None  # a flat discount rate; None: the Finance Ministry's schedule
    years: dict[int, Column]  # ascending
    cumulative: dict[int, Pair]  # per year: the running sums of municipal_net and public_net
    total: Column
    sources: dict[str, Backing]
    wrong_pocket_share: Decimal | None
    break_even: Pair  # of years, or None
    npv: Pair  # of amounts, rounded to whole øre
    benefit_cost: Pair  # of ratios, or None
    gap: Gap  # the gap at the realisation: its outcome lines' counts scaled (core/realisation.py)
    outcomes_paid: Decimal | None  # what the outcome lines pay in all at the realisation; None: no outcome line
    repaid: Decimal | None = None  # format 1.3: what the pockets repay investors in all; None: no `repay`


def realised(scenario: Scenario, realisation: Decimal) -> dict[str, dict[int, Decimal]]:
    """Realised savings in kr. per source and year, summed over the continued projects: each amount x
    REALISATION rounded to whole øre (half to even) on its own. A (source, year) that the file names has an
    entry, even when it comes to 0."""
    to_kr = scenario.unit.to_kr
    if realisation == 1:  # x 1 rounds nothing when every amount is whole øre: add up, then look at the sums
        sums = _sums(scenario, lambda amount: amount)
        scaled = {sid: {year: to_kr(a) for year, a in by.items()} for sid, by in sums.items()}
        if all(a.as_tuple().exponent >= -2 for by_year in scaled.values() for a in by_year.values()):
            return scaled  # an exact sum has the decimals of its finest term: every amount was whole øre
    factor = to_kr(realisation)  # from the file's unit to kr., and realised, in one product
    return _sums(scenario, lambda amount: (amount * factor).quantize(ORE, ROUND_HALF_EVEN))


def _sums(scenario: Scenario, realise) -> dict[str, dict[int, Decimal]]:
    """Per source and year, the sum over the continued projects of REALISE(amount), in an EXACT context."""
    out: dict[str, dict[int, Decimal]] = {}
    with localcontext(EXACT):
        for project in scenario.active.values():
            for sid, by_year in (project.savings or {}).items():
                sums = out.get(sid)
                if sums is None:
                    sums = out[sid] = {}
                for year, amount in by_year.items():
                    sums[year] = sums.get(year, ZERO) + realise(amount)
    return out


def analyse(
    scenario: Scenario, gap: Gap, realisation: Decimal | None = None, rate: Decimal | None = None, planned=None
) -> Savings:
    """The savings view of SCENARIO, whose figures are GAP (the plan as written), at REALISATION (default: the
    file's `realisation`, else 1), discounted at the flat RATE (default: the Finance Ministry's schedule). The
    realisation scales the savings and the outcome lines' counts alike (savings.md, "Outcome-contract risk").
    PLANNED: what the outcome lines pay as written (`realisation.outcome_payments`), if already made."""
    if realisation is None:
        realisation = Decimal(1) if scenario.realisation is None else scenario.realisation
    saved = realised(scenario, realisation)
    found = repayments(scenario, realisation)
    moves = flows(found)
    years = sorted({*gap.years, *(year for by_year in saved.values() for year in by_year), *moves})
    kinds = {sid: _kind(source) for sid, source in scenario.sources.items()}
    moved = {sid for column in moves.values() for sid in column}
    listed = [sid for sid in scenario.sources if sid in saved or sid in gap.total.financing or sid in moved]
    planned = outcome_payments(scenario) if planned is None else planned
    outcomes = planned if realisation == 1 else outcome_payments(scenario, realisation)
    gap = at_realisation(scenario, gap, realisation, planned, outcomes)  # the plan's sources stay listed
    columns = {year: _year(year, gap, saved, listed, kinds, moves.get(year, {})) for year in years}
    with localcontext(EXACT):
        total = _total(columns.values(), listed)
        cumulative, running = {}, Pair(ZERO, ZERO)
        first_cost = min(gap.years, default=None)
        for year, column in columns.items():
            running = Pair(running.municipal + column.municipal_net, running.public + column.public_net)
            cumulative[year] = running
    df = factors(years, scenario.budget_year, rate)

    def pv(name: str) -> dict[int, Decimal]:
        return {year: getattr(column, name) for year, column in columns.items()}

    return Savings(
        realisation,
        rate,
        columns,
        cumulative,
        total,
        {sid: _backing(kinds[sid], total.sources[sid]) for sid in listed},
        coverage(total.outside_savings, total.savings),
        Pair(_break_even(cumulative, "municipal", first_cost), _break_even(cumulative, "public", first_cost)),
        Pair(npv(pv("municipal_net"), df), npv(pv("public_net"), df)),
        Pair(
            ratio(present_value(pv("municipal_savings"), df), present_value(pv("municipal_cost"), df)),
            ratio(present_value(pv("savings"), df), present_value(pv("cost"), df)),
        ),
        gap,
        exact_sum(paid for by_source in outcomes.values() for paid in by_source.values()) if outcomes else None,
        exact_sum(one.total for one in found) if found else None,
    )


def _break_even(cumulative: dict[int, Pair], side: str, first_cost: int | None) -> int | None:
    """The first reported year, from FIRST_COST (the first year with a cost) on, from which the cumulative net on
    SIDE is 0 or more in that year and every later one; None when there is none (savings.md: a running sum that
    turns negative again, a repayment, moves it on)."""
    found = None
    for year, sums in cumulative.items():
        if getattr(sums, side) < 0:
            found = None
        elif found is None and (first_cost is None or year >= first_cost):
            found = year
    return found


def _kind(source) -> str | None:
    return None if source.kind is None else str(source.kind)


def _year(
    year: int, gap: Gap, saved: dict, listed: list[str], kinds: dict[str, str | None], flows: dict | None = None
) -> Column:
    figures = gap.years.get(year)
    cost = ZERO if figures is None else figures.cost
    financing = {} if figures is None else figures.financing
    flows = flows or {}
    sources, outside, municipal, from_outside = {}, ZERO, ZERO, ZERO
    with localcontext(EXACT):
        for sid in listed:
            savings, paid = saved.get(sid, {}).get(year, ZERO), financing.get(sid, ZERO)
            repaid, received = flows.get(sid, (ZERO, ZERO))
            sources[sid] = Pocket(savings, paid, savings - paid - repaid + received, repaid, received)
            if kinds[sid] in OUTSIDE:
                outside += savings
            else:
                municipal += savings
            if kinds[sid] in FROM_OUTSIDE:
                from_outside += paid - received  # a repayment to an investor from outside is a municipal cost
        municipal_cost = cost - from_outside
        return Column(
            cost,
            municipal_cost,
            municipal + outside,
            municipal,
            outside,
            municipal - municipal_cost,
            municipal + outside - cost,
            sources,
        )


def _total(columns, listed: list[str]) -> Column:
    """The total column: the sum of the years, figure by figure (in an EXACT context)."""
    columns = list(columns)
    sums = [sum((column[i] for column in columns), ZERO) for i in range(7)]
    sources = {
        sid: Pocket(*(sum((column.sources[sid][i] for column in columns), ZERO) for i in range(5))) for sid in listed
    }
    return Column(*sums, sources)


def _backing(kind: str | None, pocket: Pocket) -> Backing:
    """Backing and shortfall of a source that pays (or repays an investor: format 1.3) and is repaid from the
    savings landing in it: its savings against paid + repaid."""
    outlay = EXACT.add(pocket.paid, pocket.repaid)
    if kind in NOT_REPAID or kind in OUTSIDE or outlay <= 0:
        return Backing(kind, None, None)
    return Backing(kind, coverage(pocket.savings, outlay), max(EXACT.subtract(outlay, pocket.savings), ZERO))


def sensitivity(scenario: Scenario, gap: Gap, realisations: list[Decimal], rate: Decimal | None = None) -> list:
    """The savings view at each of REALISATIONS, in the order given (None: the file's realisation)."""
    planned = outcome_payments(scenario)  # what the outcome lines pay as written: once for every realisation
    return [analyse(scenario, gap, realisation, rate, planned) for realisation in realisations]
