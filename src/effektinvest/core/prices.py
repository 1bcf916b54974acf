"""Price conversion (format 1.1): restate every amount of a scenario in another year's prices.

Each amount is multiplied by index[YEAR] / index[price_level] and rounded to
whole øre, half to even, amount by amount, before any other arithmetic.
Shares are ratios and are not restated; nor are outcome counts (format 1.2) or achieved ones (1.3), only
their tariff and cap (and savings, and format 1.3's actual costs, realised savings, what a line paid, and a
repayment's tariff, cap and schedule). Pure.
"""

from __future__ import annotations

from decimal import Decimal, Inexact, Overflow
from fractions import Fraction

from effektinvest.model import FinancingLine, Repay, Scenario
from effektinvest.model.numbers import EXACT

# EXACT, which also refuses to round: an amount restated past its 200 digits is an error, not a rounding.
# (Index numbers have at most 30 digits, `numbers.parse_index`, so a file never gets this far.)
_STRICT = EXACT.copy()
_STRICT.traps[Inexact] = True
# A ratio of index numbers past 2**400 (about 10**120) makes an amount of 30 digits more than 200 digits of
# øre; it is refused before the division that would take minutes for a million-digit index.
_MAX_RATIO_BITS = 400
_TOO_LARGE = "--prices {year}: the index numbers make an amount too large to restate exactly"


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
    if ratio.numerator.bit_length() - ratio.denominator.bit_length() > _MAX_RATIO_BITS:
        raise PriceProblem(("price_index",), _TOO_LARGE.format(year=year))  # before any big division
    unit = scenario.unit

    def convert(amount: Decimal) -> Decimal:
        ore = round(Fraction(unit.to_kr(amount)) * ratio * 100)  # round() on a Fraction: half to even
        try:  # exact or not at all: never rounded to the context's 200 digits, never an Overflow traceback
            return unit.from_kr(_STRICT.create_decimal(ore).scaleb(-2, _STRICT))
        except (Inexact, Overflow):
            raise PriceProblem(("price_index",), _TOO_LARGE.format(year=year)) from None

    def by_year(amounts: dict | None) -> dict | None:
        return None if amounts is None else {y: convert(a) for y, a in amounts.items()}

    def line(financing: FinancingLine | Repay) -> FinancingLine | Repay:
        update = {}
        for key in ("tariff", "cap"):  # a rate card (a tariff by year) as a year-mapped amount
            value = getattr(financing, key)
            if value is not None:
                update[key] = by_year(value) if isinstance(value, dict) else convert(value)
        if isinstance(financing.amount, dict):
            update["amount"] = by_year(financing.amount)
        elif financing.amount is not None:
            update["amount"] = convert(financing.amount)
        if getattr(financing, "paid", None) is not None:  # format 1.3 (`achieved` is a count)
            update["paid"] = by_year(financing.paid)
        if getattr(financing, "repay", None) is not None:  # format 1.3: a repayment's tariff, cap and schedule
            update["repay"] = line(financing.repay)
        return financing.model_copy(update=update) if update else financing

    def pockets(savings: dict | None) -> dict | None:
        return None if savings is None else {sid: by_year(by) for sid, by in savings.items()}

    projects = {
        pid: project.model_copy(
            update={
                "costs": by_year(project.costs),
                "financing": [line(f) for f in project.financing],
                "savings": pockets(project.savings),
                "actual_costs": by_year(project.actual_costs),  # format 1.3
                "realised_savings": pockets(project.realised_savings),
            }
        )
        for pid, project in scenario.projects.items()
    }
    return scenario.model_copy(
        update={"projects": projects, "financing": [line(f) for f in scenario.financing], "price_level": year}
    )
