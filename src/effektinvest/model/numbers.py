"""How amounts, shares, realisations, years and price index numbers are written in a scenario file, and
what to tell a user who wrote one some other way (`misread` words why a text is not a number). Which plain
YAML scalars are numbers at all is `lexical`. Pure functions; no YAML, no pydantic.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow

# DECIMAL_RE, looks_like_thousands, ValueProblem and describe are imported from here by other modules too
from effektinvest.model.lexical import DECIMAL_RE, looks_like_thousands, readings
from effektinvest.model.problem import ValueProblem, describe

MAX_DIGITS = 30
# The context of all money arithmetic: wide enough that sums and products of
# 30-digit amounts are exact; rounding happens only by explicit quantize.
EXACT = Context(prec=200, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow])
YEAR_MIN, YEAR_MAX = 1900, 2200
YEAR_KEYS = {str(year): year for year in range(YEAR_MIN, YEAR_MAX + 1)}  # "2024" -> 2024, the fast path


def plain(value: Decimal) -> str:
    """An exact decimal as plain text, without trailing zeros or an exponent: 10.35, 2, 0.8068."""
    return format(value.normalize(EXACT), "f")


def ambiguous_thousands(text: str) -> str | None:
    """What to tell a user who wrote a number such as 1.500, which a Danish reader takes for fifteen hundred
    and YAML for one and a half (format 1.2: an error, in any unit); None for any other number."""
    if not looks_like_thousands(text):
        return None
    thousands, decimal = readings(text)
    return (
        f"{text} is ambiguous: Danish thousands ({thousands}) or a decimal point ({decimal})? "
        f"write {thousands} or {decimal}"
    )


def parse_amount(value: object, what: str = "an amount") -> Decimal:
    """A non-negative exact amount, as written. Raises ValueProblem."""
    if isinstance(value, Decimal):
        digits = _digits(value)
        if digits > MAX_DIGITS:
            raise ValueProblem("too-many-digits", f"{what} has {digits} digits; at most {MAX_DIGITS} are allowed")
        if value.is_signed():
            if value < 0:
                raise ValueProblem("negative-amount", f"{what} cannot be negative ({value})")
            return value.copy_abs()  # -0 is 0
        return value
    if value is None:
        raise ValueProblem(
            "missing-amount", f"{what} is missing: an empty value is not 0 (write 0, or leave the entry out)"
        )
    if isinstance(value, str):
        from effektinvest.model.misread import explain_text_as_number  # the error path only

        raise explain_text_as_number(value, what)
    raise ValueProblem("not-a-number", f"{what} must be a number, not {describe(value)}")


def parse_signed_amount(value: object, what: str = "an amount") -> Decimal:
    """An exact amount that may be negative (a saving that is an extra cost), as written; every other rule
    as `parse_amount`. Raises ValueProblem. (`copy_negate`, not `-`: a minus rounds in the ambient context, 28
    digits by default; copy_negate never rounds, so too many digits are refused, not rounded away.)"""
    if isinstance(value, Decimal) and value < 0:
        return parse_amount(value.copy_negate(), what).copy_negate()
    return parse_amount(value, what)


_PERCENT_RE = re.compile(r"\s*([-+]?[0-9]+(?:[.,][0-9]+)?)\s*%\s*")


def _digits(value: Decimal) -> int:
    """How many digits VALUE has; the cheap str() bound first, since as_tuple() is slow in bulk."""
    text = str(value)
    if len(text) <= MAX_DIGITS:
        return len(text)  # an upper bound, and enough to say "not too many"
    return len(value.as_tuple().digits)


def decimals(value: Decimal) -> int:
    """How many decimals VALUE is written with (2 for 10.35, 0 for 1500, -3 for 2E+3)."""
    text = str(value)
    if "E" in text or "e" in text:
        return -value.as_tuple().exponent
    point = text.find(".")
    return 0 if point < 0 else len(text) - point - 1


def _share_digits(value: Decimal, what: str = "share") -> None:
    if _digits(value) > MAX_DIGITS:
        raise ValueProblem("too-many-digits", f"a {what} has at most {MAX_DIGITS} digits")


def parse_share(value: object) -> Decimal:
    """A share as a fraction from 0 to 1: "30%", "42,5 %", or 0.3. A number written as text says so, as
    for a realisation. Raises ValueProblem."""
    if isinstance(value, str) and not _PERCENT_RE.fullmatch(value):
        _fraction_text(value, "a share")
    return _fraction(value, "share", "30%", 1, ("share-range", "share-percent"))


def parse_realisation(value: object) -> Decimal:
    """A realisation as a fraction from 0 to 2: "75%", "150 %", 0.75 or 1.5 (a bare number is always a
    fraction, as a share is). A number written as text says so: "0.75" (quoted) is a number, 0,75 has a decimal
    comma, 0x1, 0_5, 1e0 and .nan are not plain decimals (the codes of an amount). Raises ValueProblem."""
    if isinstance(value, str) and not _PERCENT_RE.fullmatch(value):
        _fraction_text(value, "a realisation")
    return _fraction(value, "realisation", "75%", 2, ("realisation-range", "realisation-range"))


# What `misread` says of a text that is a number written some other way, which a share or a realisation says
# too; any other text (a word, a unit, a date) is told what a share or a realisation is (`not-a-share`).
MISREAD_CODES = frozenset(
    {"not-finite", "decimal-comma", "thousands-separator", "digit-separator", "exponent", "not-plain-decimal"}
)


def _fraction_text(text: str, what: str) -> None:
    """Raise what to tell a user whose share or realisation (WHAT) is TEXT that is meant as a number: a quoted
    number (once it is one a fraction may be), or one written as no amount may be either (a decimal comma,
    an underscore, an exponent, hex, .nan: the amount's code and message); return for any other text."""
    from effektinvest.model.misread import explain_text_as_number  # the error path only

    t = text.strip()
    if DECIMAL_RE.fullmatch(t):
        parse = parse_share if what == "a share" else parse_realisation
        parse(Decimal(t))  # out of range: that, rather than the quotes
        raise explain_text_as_number(text, what)
    problem = explain_text_as_number(text, what)
    if problem.code in MISREAD_CODES or problem.message.startswith(f"{what} has a"):  # an invisible character
        raise problem


def _fraction(value: object, what: str, example: str, most: int, codes: tuple[str, str]) -> Decimal:
    """A percentage or a bare fraction from 0 to MOST; CODES: (out of range, a bare number above MOST)."""
    top = f"{what} must be from 0 to {most * 100} %"
    if isinstance(value, str):
        m = _PERCENT_RE.fullmatch(value)
        if not m:
            raise ValueProblem("not-a-share", f"a {_fraction_is(what, example)}, not {describe(value)}")
        percent = Decimal(m.group(1).replace(",", "."))
        _share_digits(percent, what)
        if not 0 <= percent <= most * 100:
            raise ValueProblem(codes[0], f"a {top}, not {value.strip()}")
        return percent.copy_abs().scaleb(-2, EXACT)  # -0% is 0
    if isinstance(value, Decimal):
        _share_digits(value, what)
        if value.is_zero():
            return value.copy_abs()  # -0 is 0
        if value < 0:
            raise ValueProblem(codes[0], f"a {top}, not {value}")
        if value > most:
            raise _above(value, what, most, codes)
        return value
    raise ValueProblem("not-a-share", f"a {_fraction_is(what, example)}, not {describe(value)}")


def _above(value: Decimal, what: str, most: int, codes: tuple[str, str]) -> ValueProblem:
    """A bare number above MOST: a percentage written without % when it reads as one (75, 42.5: at most two
    decimals, as a percentage is written), else a fraction just past the bound (2.0001 is 200.01 %, not a
    percentage of 2.0001 %)."""
    as_percent = f"{what} {value} is read as a fraction ({plain(value.scaleb(2, EXACT))} %)"
    if decimals(value) <= 2:
        return ValueProblem(codes[1], f'{as_percent}; a percentage is written "{value}%"')
    return ValueProblem(
        codes[0],
        f"{as_percent}, above {most * 100} %: a {what} is a fraction from 0 to {most} or a percentage "
        f"from 0 to {most * 100} %",
    )


def _fraction_is(what: str, example: str) -> str:
    fraction = plain(Decimal(example[:-1]).scaleb(-2))
    return f'{what} is a percentage such as "{example}" or a fraction such as {fraction}'


_YEAR_TEXT_RE = re.compile(r"[0-9]{1,6}")


def parse_year(value: object) -> int:
    """A year from 1900 to 2200, written 2024 or "2024". Raises ValueProblem."""
    year = None
    if isinstance(value, Decimal) and value == value.to_integral_value() and value.as_tuple().exponent == 0:
        if len(value.as_tuple().digits) <= 6:
            year = int(value)
    elif isinstance(value, str) and _YEAR_TEXT_RE.fullmatch(value) and not value.startswith("0"):
        year = int(value)  # exactly as written: "2024 " is not a year, so it cannot shadow 2024
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueProblem(
            "invalid-year", f"a year is a whole number from {YEAR_MIN} to {YEAR_MAX}, not {describe(value)}"
        )
    return year


def parse_index(value: object) -> Decimal:
    """A price index number: a positive plain decimal, such as 100 or 103.2, of at most MAX_DIGITS digits in
    all, the zeros after the point too (0.000…0003 would make --prices round to the context's 200 digits,
    or overflow, instead of to øre). Raises ValueProblem."""
    if isinstance(value, Decimal) and value > 0:
        _, digits, exponent = value.as_tuple()
        written = len(digits) + exponent if exponent >= 0 else max(len(digits), -exponent)  # 0.003: 3
        if written > MAX_DIGITS:
            raise ValueProblem(
                "invalid-index", f"a price index has {written:,} digits; at most {MAX_DIGITS} are allowed"
            )
        return value
    if isinstance(value, str):
        from effektinvest.model.misread import explain_text_as_number  # the error path only

        raise ValueProblem("invalid-index", explain_text_as_number(value, "a price index").message)
    raise ValueProblem("invalid-index", f"a price index is a positive number such as 103.2, not {describe(value)}")
