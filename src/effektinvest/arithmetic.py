"""The arithmetic of ../shared/spec/scenario-format.md ("Arithmetic"), as pure functions.

All money is exact `Decimal` in kr. here; renderers convert to the output unit.
Rounding happens in three places only, as the spec says: a share line's
payment (to whole øre, half to even), a scalar amount's split over years
(whole øre, largest remainder, ties to the earlier year), and coverage (4
decimals, half to even).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

from effektinvest.model import FinancingLine, PooledLine, Scenario, Status
from effektinvest.numbers import EXACT

ORE = Decimal("0.01")
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class LineRef:
    """A financing line, where it stands in the file, and the continued projects it covers."""

    path: tuple
    line: FinancingLine
    covers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Figures:
    """One column of the report: a budget year, or the total. Amounts in kr."""

    costs: dict[str, Decimal]  # per continued project with a cost in the column
    financing: dict[str, Decimal]  # per source that pays anything in the column
    cost: Decimal
    financed: Decimal
    residual: Decimal
    coverage: Decimal | None


@dataclass(frozen=True, slots=True)
class Gap:
    years: dict[int, Figures]  # ascending
    total: Figures


def financing_lines(scenario: Scenario) -> Iterator[LineRef]:
    """Every line that counts, in file order: project lines of continued projects, then pooled lines."""
    for pid, project in scenario.projects.items():
        if project.status is Status.CONTINUE:
            for index, line in enumerate(project.financing):
                yield LineRef(("projects", pid, "financing", index), line, (pid,))
    active = scenario.active
    for index, line in enumerate(scenario.financing):
        yield LineRef(("financing", index), line, pooled_cover(line, active))


def pooled_cover(line: PooledLine, active: dict) -> tuple[str, ...]:
    if line.projects is None:
        return tuple(active)
    return tuple(dict.fromkeys(pid for pid in line.projects if pid in active))


def costs_kr(scenario: Scenario) -> dict[str, dict[int, Decimal]]:
    """Each continued project's cost per year, in kr."""
    to_kr = scenario.unit.to_kr
    return {
        pid: {year: to_kr(amount) for year, amount in (project.costs or {}).items()}
        for pid, project in scenario.active.items()
    }


def covered_cost(costs: dict[str, dict[int, Decimal]], covers: tuple[str, ...]) -> dict[int, Decimal]:
    """Covered cost per year of the projects COVERS, only years with a cost above 0."""
    out: dict[int, Decimal] = {}
    for pid in covers:
        for year, amount in costs.get(pid, {}).items():
            out[year] = EXACT.add(out.get(year, ZERO), amount)
    return {year: out[year] for year in sorted(out) if out[year] > 0}


def split(amount_ore: int, weights: dict[int, int]) -> dict[int, int]:
    """AMOUNT_ORE split over the keys in proportion to WEIGHTS, by largest remainder.

    The parts are whole and add up to AMOUNT_ORE exactly; a tie in remainder
    goes to the earlier key. WEIGHTS must be non-negative with a positive sum.
    """
    total = sum(weights.values())
    if total <= 0:
        raise ValueError("nothing to split over")
    parts: dict[int, int] = {}
    remainders = []
    for key in sorted(weights):
        quotient, remainder = divmod(amount_ore * weights[key], total)
        parts[key] = quotient
        remainders.append((-remainder, key))
    for _, key in sorted(remainders)[: amount_ore - sum(parts.values())]:
        parts[key] += 1
    return parts


def _ore(amount: Decimal) -> int:
    return int(amount.scaleb(2, EXACT))


def pays(line: FinancingLine, covered: dict[int, Decimal], to_kr) -> dict[int, Decimal]:
    """What LINE pays per year, in kr., given the covered cost per year (in kr.)."""
    if line.share is not None:
        with localcontext(EXACT):
            return {year: (line.share * cost).quantize(ORE, ROUND_HALF_EVEN) for year, cost in covered.items()}
    if isinstance(line.amount, dict):
        return {year: to_kr(amount) for year, amount in sorted(line.amount.items())}
    parts = split(_ore(to_kr(line.amount)), {year: _ore(cost) for year, cost in covered.items()})
    return {year: Decimal(part).scaleb(-2, EXACT) for year, part in parts.items()}


def payments(scenario: Scenario) -> list[tuple[LineRef, dict[int, Decimal]]]:
    """Every counting line with what it pays per year, in kr."""
    costs = costs_kr(scenario)
    to_kr = scenario.unit.to_kr
    return [(ref, pays(ref.line, covered_cost(costs, ref.covers), to_kr)) for ref in financing_lines(scenario)]


def coverage(financed: Decimal, cost: Decimal, places: int = 4) -> Decimal | None:
    """financed / cost to PLACES decimals (the spec's 4 by default), half to even, rounded once from the
    exact ratio; None when cost is 0."""
    if cost == 0:
        return None
    ratio = round(Fraction(financed) / Fraction(cost), places)
    return Decimal(ratio.numerator * (10**places // ratio.denominator)).scaleb(-places, EXACT)


def _figures(costs: dict[str, Decimal], financing: dict[str, Decimal]) -> Figures:
    with localcontext(EXACT):
        cost = sum(costs.values(), ZERO)
        financed = sum(financing.values(), ZERO)
        return Figures(costs, financing, cost, financed, cost - financed, coverage(financed, cost))


def _add(into: dict, key, amount: Decimal) -> None:
    with localcontext(EXACT):
        into[key] = into.get(key, ZERO) + amount


def compute(scenario: Scenario, paid: list[tuple[LineRef, dict[int, Decimal]]] | None = None) -> Gap:
    """Cost, financing per source, financed, residual and coverage per budget year, and their total.

    The years are those in which a continued project has a cost entry. The
    total column adds up the years; coverage is the only ratio.
    """
    if paid is None:
        paid = payments(scenario)
    costs = costs_kr(scenario)
    years = sorted({year for by_year in costs.values() for year in by_year})
    year_costs: dict[int, dict[str, Decimal]] = {year: {} for year in years}
    for pid, by_year in costs.items():
        for year, amount in by_year.items():
            year_costs[year][pid] = amount
    order = {sid: i for i, sid in enumerate(scenario.sources)}
    year_financing: dict[int, dict[str, Decimal]] = {year: {} for year in years}
    for ref, by_year in paid:
        for year, amount in by_year.items():
            if amount and year in year_financing:
                _add(year_financing[year], ref.line.source, amount)
    columns = {
        year: _figures(
            {pid: year_costs[year][pid] for pid in costs if pid in year_costs[year]},
            dict(sorted(year_financing[year].items(), key=lambda item: order.get(item[0], len(order)))),
        )
        for year in years
    }
    total_costs: dict[str, Decimal] = {}
    total_financing: dict[str, Decimal] = {}
    for column in columns.values():
        for pid, amount in column.costs.items():
            _add(total_costs, pid, amount)
        for sid, amount in column.financing.items():
            _add(total_financing, sid, amount)
    total = _figures(
        {pid: total_costs[pid] for pid in costs if pid in total_costs},
        dict(sorted(total_financing.items(), key=lambda item: order.get(item[0], len(order)))),
    )
    return Gap(columns, total)
