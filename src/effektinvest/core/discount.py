"""Discounting for `savings` (docs/scenario-format.md, "Savings"): the discount factor of a year, present values
and the ratios of the savings view. Pure.

Present values are computed at 50 significant digits (`PRECISE`) and rounded once: a net present value to
whole øre, a ratio to 4 decimals, half to even. The default discount is the Finance Ministry's stepped
schedule (`SCHEDULE`: 3.5 % a year for years 1 to 35, 2.5 % for 36 to 70, 1.5 % after); a flat rate replaces
it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow

from effektinvest.core.arithmetic import ORE, ZERO

PRECISE = Context(prec=50, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow])
RATIO = Decimal("0.0001")  # ratios: 4 decimals
_ONE = Decimal(1)
# The Finance Ministry's schedule, the one place it is written: each rate and the number of years it runs
# (None: every year after). Its words in the help and the reports are made from it (`schedule_words`).
SCHEDULE = ((Decimal("0.035"), 35), (Decimal("0.025"), 35), (Decimal("0.015"), None))


def factor(t: int, rate: Decimal | None = None) -> Decimal:
    """DF(t) at 50 digits: 1 / (1 + RATE)^t for a flat RATE; by default the Finance Ministry's schedule,
    1.035^-min(t,35) x 1.025^-min(max(t-35,0),35) x 1.015^-max(t-70,0), and for a year before the budget
    year (t < 0) 1.035^-t."""
    if rate is not None:
        return _discounted(PRECISE.add(_ONE, rate), t)
    if t < 0:
        return _discounted(PRECISE.add(_ONE, SCHEDULE[0][0]), t)
    out, left = _ONE, t
    for step_rate, years in SCHEDULE:
        step = left if years is None else min(left, years)
        if step <= 0:
            break
        out = PRECISE.multiply(out, _discounted(PRECISE.add(_ONE, step_rate), step))
        left -= step
    return out


def schedule_spans() -> list[tuple[Decimal, int, int | None]]:
    """The Finance Ministry's schedule as (rate, first year, last year or None): (0.035, 1, 35), ..."""
    spans, first = [], 1
    for rate, years in SCHEDULE:
        spans.append((rate, first, None if years is None else first + years - 1))
        first += years or 0
    return spans


def _discounted(base: Decimal, years: int) -> Decimal:
    return PRECISE.power(base, -years)


def present_value(amounts: dict[int, Decimal], factors: dict[int, Decimal]) -> Decimal:
    """The sum of amount x DF over the years of AMOUNTS, at 50 digits, unrounded. FACTORS: year -> DF."""
    total = ZERO
    for year, amount in amounts.items():
        total = PRECISE.add(total, PRECISE.multiply(amount, factors[year]))
    return total


def npv(amounts: dict[int, Decimal], factors: dict[int, Decimal]) -> Decimal:
    """The present value of AMOUNTS (kr.), rounded once to whole øre, half to even."""
    return _rounded(present_value(amounts, factors), ORE)


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """NUMERATOR / DENOMINATOR at 50 digits, rounded once to 4 decimals, half to even; None when the
    denominator is 0."""
    if denominator == 0:
        return None
    return _rounded(PRECISE.divide(numerator, denominator), RATIO)


def _rounded(value: Decimal, places: Decimal) -> Decimal:
    """VALUE rounded to the decimals of PLACES, half to even, in a context as wide as the result: a figure the
    file allows may have many more than 50 digits before the point (30-digit amounts x 30-digit counts, or
    restated by a wide price index), and the rounding to øre or 4 decimals must never fail."""
    digits = max(value.adjusted(), 0) + 1 - places.as_tuple().exponent
    wide = Context(prec=max(digits, PRECISE.prec), rounding=ROUND_HALF_EVEN, traps=PRECISE.traps)
    out = value.quantize(places, ROUND_HALF_EVEN, wide)
    return out.copy_abs() if out.is_zero() else out  # -0.0000 (0 / a negative cost, -0.001 kr.) is 0


def factors(years, budget_year: int, rate: Decimal | None = None) -> dict[int, Decimal]:
    """DF of each of YEARS, t = year - BUDGET_YEAR."""
    return {year: factor(year - budget_year, rate) for year in years}
