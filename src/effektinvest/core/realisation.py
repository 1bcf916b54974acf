"""The realisation on outcome lines (savings.md, "Outcome-contract risk"): the outcomes that trigger an outcome
line's payments are the outcomes that bring the savings, so a realisation R scales each outcome line's
expected counts: the line pays tariff x count x R a year, rounded to whole øre half to even, then bounded by
what is left of its cap. Every other line pays as planned, so only the outcome lines' sources, the financed
sum, the residual and coverage change: `at_realisation` makes the gap at R from the plan's, without computing
the rest again (a sensitivity view asks it once per realisation, of a file of 100,000 projects). Pure; all
money in kr., exact (`core/exact.py`).
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from effektinvest.core.arithmetic import ZERO, Figures, Gap, coverage, financing_lines, outcome_pays
from effektinvest.model import Scenario
from effektinvest.model.numbers import EXACT

# What the outcome lines pay: year -> source -> amount in kr. (None: not made yet)
Payments = dict[int, dict[str, Decimal]] | None


def outcome_payments(scenario: Scenario, realisation: Decimal | None = None) -> dict[int, dict[str, Decimal]]:
    """What the outcome lines of SCENARIO pay per year and source, in kr., their counts scaled by REALISATION
    (None: as written)."""
    to_kr = scenario.unit.to_kr
    out: dict[int, dict[str, Decimal]] = {}
    with localcontext(EXACT):
        for ref in financing_lines(scenario):
            if ref.line.tariff is None:
                continue
            for year, paid in outcome_pays(ref.line, to_kr, realisation=realisation)[0].items():
                column = out.setdefault(year, {})
                column[ref.line.source] = column.get(ref.line.source, ZERO) + paid
    return out


def at_realisation(
    scenario: Scenario, gap: Gap, realisation: Decimal, planned: Payments = None, scaled: Payments = None
) -> Gap:
    """GAP, the plan of SCENARIO as written, with every outcome line's counts scaled by REALISATION: each
    outcome line's source pays what the line pays at REALISATION in place of what it pays as planned (a
    source that then pays 0 in a year keeps its 0, so the plan's rows stay); the financed sum, the residual
    and coverage follow. GAP itself at 100 % (or with no outcome line). PLANNED and SCALED: `outcome_payments`
    as written and at REALISATION, if already made (a sensitivity view makes the plan's once)."""
    if realisation == 1:
        return gap
    planned = outcome_payments(scenario) if planned is None else planned
    scaled = outcome_payments(scenario, realisation) if scaled is None else scaled
    if planned == scaled:
        return gap
    order = list(scenario.sources)
    years = {}
    with localcontext(EXACT):
        for year, figures in gap.years.items():
            before, after = planned.get(year, {}), scaled.get(year, {})
            if before == after:
                years[year] = figures
                continue
            financing = dict(figures.financing)
            for sid, paid in before.items():
                value = financing.get(sid, ZERO) - paid + after.get(sid, ZERO)
                if sid in financing or value:
                    financing[sid] = value
            ordered = {sid: financing[sid] for sid in order if sid in financing}
            years[year] = _figures(figures.costs, figures.cost, ordered)
        total: dict[str, Decimal] = {}
        for figures in years.values():
            for sid, paid in figures.financing.items():
                total[sid] = total.get(sid, ZERO) + paid
    return Gap(years, _figures(gap.total.costs, gap.total.cost, {sid: total[sid] for sid in order if sid in total}))


def _figures(costs: dict[str, Decimal], cost: Decimal, financing: dict[str, Decimal]) -> Figures:
    """A column with the cost COST of COSTS and FINANCING: financed, residual and coverage made again."""
    with localcontext(EXACT):
        financed = sum(financing.values(), ZERO)
        return Figures(costs, financing, cost, financed, cost - financed, coverage(financed, cost))
