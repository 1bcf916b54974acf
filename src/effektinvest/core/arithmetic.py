"""The arithmetic of the scenario format (docs/scenario-format.md, "Arithmetic"), as pure functions.

All money is exact `Decimal` in kr. here; renderers convert to the output unit. Rounding happens in four places
only, as the spec says: a share line's payment (to whole øre, half to even), an outcome line's tariff x count
(the same), a scalar amount's split over years (whole øre, largest remainder, ties to the earlier year), and
coverage (4 decimals, half to even).
Every operation on money here is exact, by the rule in `core/exact.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from typing import NamedTuple

from effektinvest.core.ore import from_ore, split, to_ore
from effektinvest.model import FinancingLine, PooledLine, Scenario, Status
from effektinvest.model.numbers import EXACT

ORE = Decimal("0.01")
ZERO = Decimal(0)


class LineRef(NamedTuple):
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


def financing_lines(scenario: Scenario, active: dict | None = None) -> Iterator[LineRef]:
    """Every line that counts, in file order: project lines of continued projects, then pooled lines.
    ACTIVE: `scenario.active`, if already made."""
    for pid, project in scenario.projects.items():
        if project.status is Status.CONTINUE:
            for index, line in enumerate(project.financing):
                yield LineRef(("projects", pid, "financing", index), line, (pid,))
    if active is None:
        active = scenario.active
    for index, line in enumerate(scenario.financing):
        yield LineRef(("financing", index), line, pooled_cover(line, active))


def pooled_cover(line: PooledLine, active: dict) -> tuple[str, ...]:
    if line.projects is None:
        return tuple(active)
    return tuple(dict.fromkeys(pid for pid in line.projects if pid in active))


def costs_kr(scenario: Scenario, active: dict | None = None) -> dict[str, dict[int, Decimal]]:
    """Each continued project's cost per year, in kr. ACTIVE: `scenario.active`, if already made."""
    to_kr = scenario.unit.to_kr
    out = {}
    for pid, project in (scenario.active if active is None else active).items():
        costs = project.costs or {}
        out[pid] = dict(costs) if scenario.unit.exponent == 0 else {year: to_kr(a) for year, a in costs.items()}
    return out


def covered_cost(costs: dict[str, dict[int, Decimal]], covers: tuple[str, ...]) -> dict[int, Decimal]:
    """Covered cost per year of the projects COVERS, only years with a cost above 0."""
    if len(covers) == 1:  # a project's own line: no sums to make
        by_year = costs.get(covers[0], {})
        if by_year and min(by_year.values()) > 0 and list(by_year) == sorted(by_year):
            return by_year  # already what is asked for (callers only read it)
        return {year: by_year[year] for year in sorted(by_year) if by_year[year] > 0}
    out: dict[int, Decimal] = {}
    with localcontext(EXACT):
        for pid in covers:
            for year, amount in costs.get(pid, {}).items():
                out[year] = out.get(year, ZERO) + amount
    return {year: out[year] for year in sorted(out) if out[year] > 0}


def ledger(scenario: Scenario) -> tuple[dict[str, dict[int, Decimal]], list[tuple[LineRef, dict[int, Decimal]]]]:
    """The costs in kr., and every counting line with its covered cost per year: what the checks and the
    arithmetic both start from, computed once."""
    active = scenario.active
    costs = costs_kr(scenario, active)
    return costs, [(ref, covered_cost(costs, ref.covers)) for ref in financing_lines(scenario, active)]


def pays(
    line: FinancingLine, covered: dict[int, Decimal], to_kr, realisation: Decimal | None = None
) -> dict[int, Decimal]:
    """What LINE pays per year, in kr., given the covered cost per year (in kr.); an outcome line's counts
    scaled by REALISATION (None: as written)."""
    if line.tariff is not None:
        return outcome_pays(line, to_kr, realisation=realisation)[0]
    if line.share is not None:
        share = line.share
        return {
            year: EXACT.multiply(share, cost).quantize(ORE, ROUND_HALF_EVEN, EXACT) for year, cost in covered.items()
        }
    if isinstance(line.amount, dict):
        return {year: to_kr(amount) for year, amount in sorted(line.amount.items())}
    parts = split(to_ore(to_kr(line.amount)), {year: to_ore(cost) for year, cost in covered.items()})
    return {year: from_ore(part) for year, part in parts.items()}


def tariff_in(line: FinancingLine, year: int) -> Decimal | None:
    """The outcome line LINE's tariff in YEAR, in the file's unit: its one tariff, or its rate card's for that
    year (None: the card has none, `missing-tariff`)."""
    tariff = line.tariff
    return tariff.get(year) if isinstance(tariff, dict) else tariff


def outcome_pays(
    line: FinancingLine,
    to_kr,
    counts: dict[int, int] | None = None,
    fixed: dict[int, Decimal] | None = None,
    realisation: Decimal | None = None,
) -> tuple[dict[int, Decimal], Decimal]:
    """What the outcome line LINE pays per year, in kr., and its uncapped total: year by year, ascending,
    tariff x count (x REALISATION, when given: savings.md, "Outcome-contract risk") rounded to whole øre (half
    to even), never more than is left of the cap. The tariff is the year's, for a rate card (a year without
    one pays nothing: `missing-tariff`).

    COUNTS: the count per year to pay for (default: the line's `outcomes`; follow-up: what was achieved in
    the closed years). FIXED: year -> what the line paid, in kr. (follow-up's `paid`): it replaces tariff x
    count in that year, is not bounded by the cap but counts against it (what is left is never below 0),
    and is not part of the uncapped total."""
    left = None if line.cap is None else to_kr(line.cap)
    counts = (line.outcomes or {}) if counts is None else counts
    fixed = fixed or {}
    scale = None if realisation is None or realisation == 1 else realisation
    out: dict[int, Decimal] = {}
    uncapped = ZERO
    with localcontext(EXACT):
        for year in sorted({*counts, *fixed}):
            if year in fixed:
                due = fixed[year]
            else:
                tariff = tariff_in(line, year)
                product = ZERO if tariff is None else to_kr(tariff) * counts[year]
                due = (product if scale is None else product * scale).quantize(ORE, ROUND_HALF_EVEN)
                uncapped += due
            if left is not None:
                due = due if year in fixed else min(due, left)
                left = max(left - due, ZERO)
            out[year] = due
    return out, uncapped


class OutcomeLine(NamedTuple):
    """An outcome line's totals, in kr.: what tariff x count comes to, what the cap lets it pay, the
    difference."""

    ref: LineRef
    uncapped: Decimal
    paid: Decimal
    capped_by: Decimal


def outcome_lines(scenario: Scenario, realisation: Decimal | None = None) -> list[OutcomeLine]:
    """Every counting outcome line (tariff and outcomes) of SCENARIO, in file order, with its totals; the
    counts scaled by REALISATION (None: as written)."""
    to_kr = scenario.unit.to_kr
    out = []
    for ref in financing_lines(scenario):
        if ref.line.tariff is not None:
            by_year, uncapped = outcome_pays(ref.line, to_kr, realisation=realisation)
            with localcontext(EXACT):
                paid = sum(by_year.values(), ZERO)
                out.append(OutcomeLine(ref, uncapped, paid, uncapped - paid))
    return out


def payments(scenario: Scenario, lines=None) -> list[tuple[LineRef, dict[int, Decimal]]]:
    """Every counting line with what it pays per year, in kr. LINES: from `ledger`, if already made."""
    if lines is None:
        _, lines = ledger(scenario)
    to_kr = scenario.unit.to_kr
    return [(ref, pays(ref.line, covered, to_kr)) for ref, covered in lines]


# Each counting line with its covered cost and what it pays per year, in kr.
PaidLines = list[tuple[LineRef, dict[int, Decimal], dict[int, Decimal]]]


def paid_lines(scenario: Scenario, lines=None) -> PaidLines:
    """Every counting line with its covered cost and what it pays per year, in kr. (what `load.Loaded.paid`
    keeps for --explain and --by project). LINES: from `ledger`, if already made."""
    if lines is None:
        _, lines = ledger(scenario)
    to_kr = scenario.unit.to_kr
    return [(ref, covered, pays(ref.line, covered, to_kr)) for ref, covered in lines]


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


def compute(
    scenario: Scenario,
    paid: list[tuple[LineRef, dict[int, Decimal]]] | None = None,
    costs: dict[str, dict[int, Decimal]] | None = None,
) -> Gap:
    """Cost, financing per source, financed, residual and coverage per budget year, and their total.

    The years are those in which a continued project has a cost entry. The
    total column adds up the years; coverage is the only ratio. PAID and COSTS:
    from `payments` and `costs_kr`, if already made.
    """
    if costs is None:
        costs = costs_kr(scenario)
    if paid is None:
        paid = payments(scenario)
    order = {sid: i for i, sid in enumerate(scenario.sources)}
    year_costs: dict[int, dict[str, Decimal]] = {}
    total_costs: dict[str, Decimal] = {}
    total_financing: dict[str, Decimal] = {}
    with localcontext(EXACT):
        for pid, by_year in costs.items():  # file order of the projects
            if not by_year:
                continue
            for year, amount in by_year.items():
                column = year_costs.get(year)
                if column is None:
                    column = year_costs[year] = {}
                column[pid] = amount
            total_costs[pid] = sum(by_year.values(), ZERO)  # the total column: the sum of the years
        years = sorted(year_costs)
        year_financing: dict[int, dict[str, Decimal]] = {year: {} for year in years}
        for ref, by_year in paid:
            source = ref.line.source
            for year, amount in by_year.items():
                column = year_financing.get(year)
                if amount and column is not None:
                    column[source] = column.get(source, ZERO) + amount
        for column in year_financing.values():
            for sid, amount in column.items():
                total_financing[sid] = total_financing.get(sid, ZERO) + amount

    def in_order(financing: dict[str, Decimal]) -> dict[str, Decimal]:
        return dict(sorted(financing.items(), key=lambda item: order.get(item[0], len(order))))

    columns = {year: _figures(year_costs[year], in_order(year_financing[year])) for year in years}
    total = _figures(total_costs, in_order(total_financing))
    return Gap(columns, total)
