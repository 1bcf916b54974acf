"""Whole øre (scenario-format.md, "Arithmetic"): an amount in kr. as a whole number of øre and back, and a whole
number of øre split by weights, the largest remainder, a tie to the earlier one: a scalar amount over its years
(`arithmetic.pays`), a pooled line over its projects (`reports/gap/by_project.py`), a repayment over its paying
pockets (`core/repayment.py`). Pure; exact (`core/exact.py`)."""

from __future__ import annotations

from decimal import Decimal

from effektinvest.model.numbers import EXACT


def split(amount_ore: int, weights: dict[int, int]) -> dict[int, int]:
    """AMOUNT_ORE split over the keys in proportion to WEIGHTS, by largest remainder.

    The parts are whole and add up to AMOUNT_ORE exactly; a tie in remainder
    goes to the earlier key. WEIGHTS must be non-negative with a positive sum.
    """
    keys = sorted(weights)
    return dict(zip(keys, split_in_order(amount_ore, [weights[key] for key in keys]), strict=True))


def split_in_order(amount_ore: int, weights: list[int]) -> list[int]:
    """`split` over positions: AMOUNT_ORE in proportion to WEIGHTS, a tie in remainder to the earlier one.
    (Lists, not dicts: `by_project` splits a pooled line over 10,000 projects a year.)"""
    total = sum(weights)
    if total <= 0:
        raise ValueError("nothing to split over")
    products = [amount_ore * weight for weight in weights]
    parts = [product // total for product in products]
    short = amount_ore - sum(parts)
    if short:
        remainders = [product % total for product in products]
        # the largest remainders; sorted() is stable, also in reverse, so a tie keeps the earlier first
        for index in sorted(range(len(parts)), key=remainders.__getitem__, reverse=True)[:short]:
            parts[index] += 1
    return parts


def to_ore(amount: Decimal) -> int:
    """An amount in kr. (whole øre) as a whole number of øre."""
    return int(amount.scaleb(2, EXACT))


def from_ore(part: int) -> Decimal:
    """A whole number of øre as an amount in kr."""
    return Decimal(part).scaleb(-2, EXACT)
