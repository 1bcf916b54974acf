"""The value types of the scenario model: years, amounts, shares, index numbers, units and choices.

Each delegates to the lexical rules in `numbers` and `units`, so a wrongly written value gets the code
and message those rules give. A mapping year -> amount reports every bad entry at once, as one
"entries" error that `model.errors` unpacks.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum, StrEnum
from typing import Annotated, Any

from pydantic import Discriminator, PlainValidator, StringConstraints, Tag, WithJsonSchema, WrapValidator
from pydantic_core import PydanticCustomError

from effektinvest.model.numbers import (
    MAX_DIGITS,
    YEAR_KEYS,
    YEAR_MAX,
    YEAR_MIN,
    ValueProblem,
    describe,
    looks_like_thousands,
    parse_amount,
    parse_index,
    parse_realisation,
    parse_share,
    parse_signed_amount,
    parse_year,
)
from effektinvest.model.shared import shared, shared_by_pydantic
from effektinvest.model.units import Unit, parse_unit

ENTRIES = "entries"  # the error type of a year mapping's several problems (see `_year_amounts`)


def _validator(parse):
    def validate(value: Any):
        try:
            return parse(value)
        except ValueProblem as problem:
            raise PydanticCustomError(problem.code, "{message}", {"message": problem.message}) from None

    return PlainValidator(validate)


def _year_amounts(value: Any, parse=parse_amount, what: str = "amount") -> dict[int, Decimal]:
    """A mapping year -> amount (costs, or a financing line's amounts by year), validated in one call;
    PARSE reads one value (a signed amount for savings, a count for outcomes).

    Every bad entry is reported: the problems travel in one error whose context lists them as
    (key, at_key, code, message); `model.errors` makes each its own finding.
    """
    if not isinstance(value, dict):
        raise ValueProblem("wrong-type", f"expected a mapping year -> {what}, not {describe(value)}")
    out: dict = {}
    signed = parse is parse_signed_amount
    fast = signed or parse is parse_amount
    problems = []
    for key, amount in value.items():
        year = YEAR_KEYS.get(key)
        if year is None:
            try:
                year = parse_year(key)
            except ValueProblem as problem:
                problems.append((key, True, problem.code, problem.message))
                continue
        if fast and amount.__class__ is Decimal and (not amount.is_signed() or signed and amount):
            if len(str(amount)) <= MAX_DIGITS:
                out[year] = amount  # what PARSE returns for it, without two calls per amount
                continue
        try:
            out[year] = parse(amount)
        except ValueProblem as problem:  # an empty amount has no place of its own: point at its year
            problems.append((key, amount is None, problem.code, problem.message))
    if problems:
        raise PydanticCustomError(ENTRIES, "{message}", {"message": problems[0][3], "problems": problems})
    return out


def _choice(enum: type[Enum], what: str):
    allowed = ", ".join(member.value for member in enum)

    def parse(value: Any):
        try:
            return enum(value)
        except ValueError:
            raise ValueProblem("invalid-value", f"{what} must be one of {allowed}, not {describe(value)}") from None

    return parse


class Status(StrEnum):
    CONTINUE = "continue"
    DEFER = "defer"
    STOP = "stop"


class SourceKind(StrEnum):
    DECENTRAL = "decentral"
    NON_DECENTRAL = "non_decentral"
    FUND = "fund"
    REFUND = "refund"
    EXTERNAL = "external"
    STATE = "state"  # format 1.2: pockets outside the municipality; savings land there, they never pay
    REGION = "region"


OUTSIDE = frozenset({SourceKind.STATE, SourceKind.REGION})


YEAR_KEY_PATTERN = "^(19[0-9]{2}|2[01][0-9]{2}|2200)$"
# A year may be written 2024 or "2024" (docs/scenario-format.md), as a key or as a value.
_YEAR_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
        {"type": "string", "pattern": YEAR_KEY_PATTERN},
    ]
}

# Text is pydantic's own str (numbers are kept as written: see coerce_numbers_to_str below); a name must
# have a character that is not white space.
Text = str
Name = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
Year = Annotated[int, _validator(parse_year), WithJsonSchema(_YEAR_SCHEMA)]
MAX_DECIMALS = 12


def _decimals(value: Any) -> int:
    if isinstance(value, Decimal) and value == value.to_integral_value() and 0 <= value <= MAX_DECIMALS:
        return int(value)
    raise ValueProblem(
        "invalid-value", f"decimals is a whole number of decimals from 0 to {MAX_DECIMALS}, not {describe(value)}"
    )


Decimals = Annotated[
    int,
    _validator(_decimals),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_DECIMALS}),
]
Amount = Annotated[
    Decimal,
    _validator(parse_amount),
    WithJsonSchema({"type": "number", "minimum": 0, "description": "a plain decimal, such as 10.35"}),
]


def _fraction(parse, percent: str, most: int, description: str):
    """A percentage (text matching PERCENT, signed as the loader takes it: `+` before any, `-` before 0 only)
    or a bare fraction from 0 to MOST, as PARSE reads it."""
    signed = rf"(\+?{percent}|-0+([.,]0+)?)"
    string = {"type": "string", "pattern": rf"^\s*{signed}\s*%\s*$"}
    number = {"type": "number", "minimum": 0, "maximum": most}
    return Annotated[
        Decimal, _validator(parse), WithJsonSchema({"oneOf": [string, number], "description": description})
    ]


Share = _fraction(
    parse_share,
    "0*(100([.,]0+)?|[0-9]{1,2}([.,][0-9]+)?)",
    1,
    'a percentage such as "30%" or "42,5 %", or a fraction from 0 to 1 such as 0.3',
)
# format 1.3: the paying pockets of a repayment, source id -> share (at least one; they add up to 100 %: `repay-shares`)
RepayShares = Annotated[
    dict[str, Share],
    WrapValidator(shared_by_pydantic()),
    WithJsonSchema({"type": "object", "minProperties": 1, "additionalProperties": Share.__metadata__[1].json_schema}),
]
Index = Annotated[
    Decimal,
    _validator(parse_index),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "description": "an index number, e.g. 103.2"}),
]
PriceIndex = Annotated[
    dict[Year, Index],
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"pattern": YEAR_KEY_PATTERN},
            "additionalProperties": {"type": "number", "exclusiveMinimum": 0},
        }
    ),
]
UnitField = Annotated[
    Unit,
    _validator(parse_unit),
    WithJsonSchema({"type": "string", "description": "kr., t.kr. (1.000 kr.) or mio. kr."}),
]
StatusField = Annotated[
    Status,
    _validator(_choice(Status, "status")),
    WithJsonSchema({"enum": [s.value for s in Status]}),
]
KindField = Annotated[
    SourceKind,
    _validator(_choice(SourceKind, "kind")),
    WithJsonSchema({"enum": [k.value for k in SourceKind]}),
]
Realisation = _fraction(
    parse_realisation,
    "0*(200([.,]0+)?|1?[0-9]{1,2}([.,][0-9]+)?)",
    2,
    'a percentage from 0 to 200 % such as "75%", or a fraction from 0 to 2 such as 0.75',
)
_YEAR_AMOUNTS_SCHEMA = {
    "type": "object",
    "propertyNames": {"pattern": YEAR_KEY_PATTERN},
    "additionalProperties": {"type": "number", "minimum": 0},
}
YearAmounts = Annotated[dict[int, Decimal], _validator(_year_amounts), WithJsonSchema(_YEAR_AMOUNTS_SCHEMA)]

# A financing amount: one number for the whole period, or one per year. The
# tags name the two forms in pydantic's error paths; `model.errors` removes them.
AMOUNT_TAGS = ("total", "by-year")


def _not_empty(empty: str, parse):
    """PARSE of a year mapping that must have a year: `amount: {}` would pay nothing in no year, silently;
    an error says so, in the words EMPTY (costs: {} is the checks' business: a continued project needs costs)."""

    def validate(value: Any):
        if isinstance(value, dict) and not value:
            raise ValueProblem("missing-amount", empty)
        return parse(value)

    return validate


_NON_EMPTY_AMOUNTS_SCHEMA = {**_YEAR_AMOUNTS_SCHEMA, "minProperties": 1}


def _amounts_by_year(empty: str):
    """A mapping year -> amount, as costs, but with at least one year; EMPTY: what `{}` is told."""
    return Annotated[
        dict[int, Decimal], _validator(_not_empty(empty, _year_amounts)), WithJsonSchema(_NON_EMPTY_AMOUNTS_SCHEMA)
    ]


def _amount_or_years(by_year):
    """One amount, or BY_YEAR (a mapping year -> amount); tagged for pydantic's error paths (`AMOUNT_TAGS`)."""
    return Annotated[
        Annotated[Amount, Tag("total")] | Annotated[by_year, Tag("by-year")],
        Discriminator(lambda v: "by-year" if isinstance(v, dict) else "total"),
    ]


# A financing line's amounts by year.
AmountsByYear = _amounts_by_year(
    "an amount by year is empty ({}): it is not 0; give the years, such as {2024: 1.5}, or leave the line out"
)
# format 1.3: what a financing line actually paid in closed years (`paid`)
PaidByYear = _amounts_by_year(
    "paid is empty ({}): give what the line paid per closed year, such as {2024: 1.5}, or leave the key out"
)
AmountSpec = _amount_or_years(AmountsByYear)
# format 1.3: an outcome line's tariff, one amount for every year or a rate card (year -> tariff, at least one)
TariffSpec = _amount_or_years(
    _amounts_by_year(
        "a tariff by year is empty ({}): give the tariff per year, such as {2024: 20000}, or one tariff for every year"
    )
)


def _count(value: Any) -> int:
    """An outcome count: a whole number of 0 or more, written as one (40, not 40.0)."""
    if value.__class__ is Decimal:  # the usual count, 40: its text is its digits (one str, not an as_tuple)
        text = str(value)
        if text.isdigit() and len(text) <= MAX_DIGITS:
            return int(text)
    if isinstance(value, Decimal) and value >= 0 and value.as_tuple().exponent == 0:
        if len(value.as_tuple().digits) > MAX_DIGITS:
            raise ValueProblem("too-many-digits", f"an outcome count has at most {MAX_DIGITS} digits")
        return int(value)
    if isinstance(value, str):
        from effektinvest.model.misread import explain_text_as_number  # the error path only, as in `numbers`

        raise explain_text_as_number(value, "an outcome count")
    if value is None:
        raise ValueProblem(
            "missing-amount", "an outcome count is missing: an empty value is not 0 (write 0, or leave the year out)"
        )
    thousands = str(value).replace(".", "")
    hint = f" (if you mean Danish thousands, write {thousands})" if looks_like_thousands(str(value)) else ""
    raise ValueProblem("invalid-count", f"an outcome count is a whole number of 0 or more, not {describe(value)}{hint}")


def _year_counts(value: Any) -> dict[int, int]:
    """Outcome counts by year (`outcomes`, format 1.3's `achieved`)."""
    return _year_amounts(value, _count, "count")


def _signed_year_amounts(value: Any) -> dict[int, Decimal]:
    return _year_amounts(value, parse_signed_amount)


_YEAR_SIGNED_SCHEMA = {**_YEAR_AMOUNTS_SCHEMA, "additionalProperties": {"type": "number"}}
_YEAR_COUNTS_SCHEMA = {
    **_YEAR_AMOUNTS_SCHEMA,
    "additionalProperties": {"type": "integer", "minimum": 0},
    "minProperties": 1,  # `outcomes: {}` is an error, as `amount: {}` is
}
# An outcome line's expected counts: at least one year (`outcomes: {}` would pay nothing, silently).
YearCounts = Annotated[
    dict[int, int],
    _validator(
        shared(
            _not_empty("outcomes is empty ({}): give the expected count per year, such as {2024: 40}", _year_counts)
        )
    ),
    WithJsonSchema(_YEAR_COUNTS_SCHEMA),
]
# format 1.3: the outcomes an outcome line actually achieved in closed years (`achieved`)
AchievedCounts = Annotated[
    dict[int, int],
    _validator(
        _not_empty(
            "achieved is empty ({}): give the count achieved per closed year, such as {2024: 12}, or leave the key "
            "out",
            _year_counts,
        )
    ),
    WithJsonSchema(_YEAR_COUNTS_SCHEMA),
]
Savings = Annotated[
    dict[str, Annotated[dict[int, Decimal], _validator(_signed_year_amounts), WithJsonSchema(_YEAR_SIGNED_SCHEMA)]],
    WithJsonSchema({"type": "object", "additionalProperties": _YEAR_SIGNED_SCHEMA}),
]
