"""Price conversion (format 1.1): restate every amount of a scenario in another year's prices.

Each amount is multiplied by index[YEAR] / index[price_level] and rounded to
whole øre, half to even, amount by amount, before any other arithmetic.
Shares are ratios and are not restated. Pure.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from effektinvest.model import FinancingLine, Scenario
from effektinvest.numbers import EXACT


class PriceProblem(ValueError):
    """--prices cannot be applied to this scenario: where in the file, and why."""

    def __init__(self, path: tuple, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


def restate(scenario: Scenario, year: int) -> Scenario:
    """SCENARIO with every amount in YEAR prices and price_level YEAR. Raises PriceProblem."""
    if scenario.price_level is None:
        raise PriceProblem((), f"--prices {year} needs 'price_level:', the price level the amounts are in")
    if not scenario.price_index:
        raise PriceProblem(
            (), f"--prices {year} needs 'price_index:', e.g. {{{scenario.price_level}: 100, {year}: 103.2}}"
        )
    for needed in (scenario.price_level, year):
        if needed not in scenario.price_index:
            known = ", ".join(str(y) for y in sorted(scenario.price_index))
            raise PriceProblem(
                ("price_index",),
                f"--prices {year}: price_index has no index for {needed} (it has {known})",
            )
    ratio = Fraction(scenario.price_index[year]) / Fraction(scenario.price_index[scenario.price_level])
    unit = scenario.unit

    def convert(amount: Decimal) -> Decimal:
        ore = round(Fraction(unit.to_kr(amount)) * ratio * 100)  # round() on a Fraction: half to even
        return unit.from_kr(Decimal(ore).scaleb(-2, EXACT))

    def line(financing: FinancingLine) -> FinancingLine:
        if financing.amount is None:
            return financing
        if isinstance(financing.amount, dict):
            return financing.model_copy(update={"amount": {y: convert(a) for y, a in financing.amount.items()}})
        return financing.model_copy(update={"amount": convert(financing.amount)})

    projects = {
        pid: project.model_copy(
            update={
                "costs": None if project.costs is None else {y: convert(a) for y, a in project.costs.items()},
                "financing": [line(f) for f in project.financing],
            }
        )
        for pid, project in scenario.projects.items()
    }
    return scenario.model_copy(
        update={"projects": projects, "financing": [line(f) for f in scenario.financing], "price_level": year}
    )
