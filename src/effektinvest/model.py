"""The scenario model (format version 1): pydantic models with extra keys forbidden.

Each value type delegates to the lexical rules in `numbers` and `units`, so a
wrongly written value gets the code and message those rules give. Rules that
span several values (references, shares per project, years) are in `checks`.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum, StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PlainValidator, StringConstraints, Tag, WithJsonSchema
from pydantic_core import PydanticCustomError

from effektinvest.numbers import (
    MAX_DIGITS,
    YEAR_KEYS,
    YEAR_MAX,
    YEAR_MIN,
    ValueProblem,
    describe,
    parse_amount,
    parse_index,
    parse_share,
    parse_year,
)
from effektinvest.units import Unit, parse_unit


def _validator(parse):
    def validate(value: Any):
        try:
            return parse(value)
        except ValueProblem as problem:
            raise PydanticCustomError(problem.code, "{message}", {"message": problem.message}) from None

    return PlainValidator(validate)


def _year_amounts(value: Any) -> dict[int, Decimal]:
    """A mapping year -> amount (costs, or a financing line's amounts by year), validated in one call.

    Every bad entry is reported: the problems travel in one error whose context lists them as
    (key, at_key, code, message); `load` turns each into its own located diagnostic.
    """
    if not isinstance(value, dict):
        raise ValueProblem("wrong-type", f"expected a mapping year -> amount, not {describe(value)}")
    out: dict[int, Decimal] = {}
    problems = []
    for key, amount in value.items():
        year = YEAR_KEYS.get(key)
        if year is None:
            try:
                year = parse_year(key)
            except ValueProblem as problem:
                problems.append((key, True, problem.code, problem.message))
                continue
        if amount.__class__ is Decimal and not amount.is_signed() and len(str(amount)) <= MAX_DIGITS:
            out[year] = amount  # what parse_amount returns for it, without two calls per amount
            continue
        try:
            out[year] = parse_amount(amount)
        except ValueProblem as problem:  # an empty amount has no place of its own: point at its year
            problems.append((key, amount is None, problem.code, problem.message))
    if problems:
        raise PydanticCustomError("entries", "{message}", {"message": problems[0][3], "problems": problems})
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


_YEAR_SCHEMA = {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX}
YEAR_KEY_PATTERN = "^(19[0-9]{2}|2[01][0-9]{2}|2200)$"

# Text is pydantic's own str (numbers are kept as written: see coerce_numbers_to_str below); a name must
# have a character that is not white space.
Text = str
Name = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
Year = Annotated[int, _validator(parse_year), WithJsonSchema(_YEAR_SCHEMA)]
Amount = Annotated[
    Decimal,
    _validator(parse_amount),
    WithJsonSchema({"type": "number", "minimum": 0, "description": "a plain decimal, such as 10.35"}),
]
Share = Annotated[
    Decimal,
    _validator(parse_share),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "string", "pattern": r"^\s*[0-9]+([.,][0-9]+)?\s*%\s*$"},
                {"type": "number", "minimum": 0, "maximum": 1},
            ],
            "description": 'a percentage such as "30%" or "42,5 %", or a fraction from 0 to 1 such as 0.3',
        }
    ),
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
YearAmounts = Annotated[
    dict[int, Decimal],
    _validator(_year_amounts),
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"pattern": YEAR_KEY_PATTERN},
            "additionalProperties": {"type": "number", "minimum": 0},
        }
    ),
]

# A financing amount: one number for the whole period, or one per year. The
# tags name the two forms in pydantic's error paths; `load` removes them.
AMOUNT_TAGS = ("total", "by-year")
AmountSpec = Annotated[
    Annotated[Amount, Tag("total")] | Annotated[YearAmounts, Tag("by-year")],
    Discriminator(lambda v: "by-year" if isinstance(v, dict) else "total"),
]

# coerce_numbers_to_str: a name or note written as a number (name: 2024) is kept as written.
_FROZEN = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Source(BaseModel):
    """A budget pocket that can pay part of the cost."""

    model_config = _FROZEN

    name: Name = Field(description="the pocket's name as the budget note says it")
    kind: KindField = Field(None, description="decentral, non_decentral, fund, refund or external")
    note: Text = Field(None, description="free text")


class FinancingLine(BaseModel):
    """One source pays part of the cost of the project it belongs to."""

    model_config = _FROZEN

    source: Text = Field(description="an id from sources")
    amount: AmountSpec = Field(
        None,
        description="the total the source pays over the covered cost years, or a mapping year -> amount",
    )
    share: Share = Field(None, description='a percentage of the covered cost per year: "30%" or 0.3')
    note: Text = Field(None, description="free text, e.g. what savings the money is expected from")


class PooledLine(FinancingLine):
    """A top-level financing line: covers several projects at once."""

    projects: list[Text] = Field(None, description="the project ids covered; default all projects with status continue")


class Project(BaseModel):
    """A project whose financing is up for decision."""

    model_config = _FROZEN

    name: Name = Field(description="the project's name")
    status: StatusField = Field(Status.CONTINUE, description="continue, defer (decision postponed) or stop")
    decide_at: Year = Field(None, description="with defer: the budget year at which the decision is taken")
    funding_ends: Year = Field(
        None,
        description="the last budget year covered by the project's current financing; "
        "the decision on it is due at the budget of that year",
    )
    costs: YearAmounts = Field(None, description="mapping year -> what continuing costs in that budget year")
    financing: list[FinancingLine] = Field((), description="financing lines that cover this project alone")
    note: Text = Field(None, description="free text")


class Scenario(BaseModel):
    """One budget decision: projects, what continuing costs, and who pays."""

    model_config = _FROZEN

    scenario: Name = Field(description="title, shown above every report")
    budget_year: Year = Field(description="the budget at which the decision is taken, e.g. 2024")
    unit: UnitField = Field(Unit.KR, description="the unit of every amount in this file")
    price_level: Year = Field(None, description="the price level of the amounts, e.g. 2024 (2024-priser)")
    price_index: PriceIndex = Field(
        None,
        description="year -> price index number (e.g. KL's pris- og lønskøn), to restate amounts in another "
        "year's prices with --prices",
    )
    sources: dict[str, Source] = Field(description="the budget pockets that can pay, by id")
    projects: dict[str, Project] = Field(description="the projects, by id")
    financing: list[PooledLine] = Field((), description="lines that cover several projects at once")

    @property
    def active(self) -> dict[str, Project]:
        """The projects that count: status continue."""
        return {pid: p for pid, p in self.projects.items() if p.status is Status.CONTINUE}


def model_at(path: tuple) -> type[BaseModel] | None:
    """The model that the mapping at PATH (in a scenario file) is read as."""
    match path:
        case ():
            return Scenario
        case ("sources", _):
            return Source
        case ("projects", _):
            return Project
        case ("projects", _, "financing", int()):
            return FinancingLine
        case ("financing", int()):
            return PooledLine
    return None


def owner(where: tuple) -> str:
    """How a message names the mapping at WHERE: "project 'havnen'", "financing line 2", ..."""
    match where:
        case ():
            return "the top level"
        case ("sources", sid):
            return f"source {sid!r}"
        case ("projects", pid):
            return f"project {pid!r}"
        case ("projects", pid, "financing", int(index)):
            return f"financing line {index + 1} of project {pid!r}"
        case ("financing", int(index)):
            return f"financing line {index + 1}"
        case (*parent, int(index)):
            return f"item {index + 1} of {name_of(tuple(parent))}"
    return repr(str(where[-1]))


def name_of(where: tuple) -> str:
    if where and isinstance(where[-1], int):
        return owner(where)
    return repr(str(where[-1])) if where else "the top level"
