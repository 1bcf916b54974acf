"""The scenario model (formats 1 to 1.3): pydantic models with extra keys forbidden.

The value types are in `model.values`; what pydantic's errors say to a user is in `model.errors`.
Rules that span several values (references, shares per project, years) are in `checks`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, WrapValidator

from effektinvest.model.shared import shared_by_pydantic
from effektinvest.model.units import Unit
from effektinvest.model.values import (
    AchievedCounts,
    Amount,
    AmountsByYear,
    AmountSpec,
    Decimals,
    KindField,
    Name,
    PaidByYear,
    PriceIndex,
    Realisation,
    RepayShares,
    Savings,
    Share,
    SourceKind,
    Status,
    StatusField,
    TariffSpec,
    Text,
    UnitField,
    Year,
    YearAmounts,
    YearCounts,
)

__all__ = ["FinancingLine", "PooledLine", "Project", "Repay", "Scenario", "Source", "SourceKind", "Status"]


# coerce_numbers_to_str: a name or note written as a number (name: 2024) is kept as written.
# defer_build: a model's validator is built when it is first used, not when the class is made. Only `Scenario`
# is validated (the others inside it), so the four validators of its parts are never built; 2 to 3 ms of
# every command's start-up (docs/performance.md, "Start-up").
_FROZEN = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True, defer_build=True)


class Source(BaseModel):
    """A budget pocket that can pay part of the cost."""

    model_config = _FROZEN

    name: Name = Field(description="the pocket's name as the budget note says it")
    kind: KindField = Field(
        None,
        description="decentral, non_decentral, fund, refund or external; format 1.2: state or region, pockets outside "
        "the municipality that receive savings and never pay",
    )
    note: Text = Field(None, description="free text")


# Exactly one kind per financing line (checks/lines.py `kinds`), said in draft-07 for an editor: one of amount, share
# and tariff; outcomes and a cap only with a tariff, and a tariff only with outcomes.
_ONE_KIND = {
    "oneOf": [{"required": ["amount"]}, {"required": ["share"]}, {"required": ["tariff"]}],
    "dependencies": {"tariff": ["outcomes"], "outcomes": ["tariff"], "cap": ["tariff"], "achieved": ["tariff"]},
}


# How an investor's line is repaid (repayment.md), said in draft-07 for an editor: per achieved outcome (tariff with
# outcomes, an optional cap) or a fixed schedule (amount), and always who repays (`by`); `repay-kind` in the checks.
_ONE_REPAYMENT = {
    "oneOf": [{"required": ["tariff"]}, {"required": ["amount"]}],
    "dependencies": {"tariff": ["outcomes"], "outcomes": ["tariff"], "cap": ["tariff"], "achieved": ["tariff"]},
}


class Repay(BaseModel):
    """format 1.3: how an investor (a `fund` or `external` source) is repaid, and by which pockets."""

    model_config = ConfigDict(**_FROZEN, json_schema_extra=_ONE_REPAYMENT)

    tariff: TariffSpec = Field(
        None, description="the repayment per achieved outcome, or a rate card (mapping year -> the tariff that year)"
    )
    outcomes: YearCounts = Field(None, description="with tariff: mapping year -> expected outcome count")
    cap: Amount = Field(None, description="with tariff: the most repaid in all (principal plus any return)")
    amount: AmountsByYear = Field(None, description="or a fixed schedule: mapping year -> the amount repaid")
    by: RepayShares = Field(
        description='the paying pockets: mapping source id -> its share of each repayment ("60%" or 0.6), '
        "adding up to 100 %"
    )
    achieved: AchievedCounts = Field(
        None, description="with tariff: mapping closed year -> the outcomes actually achieved (the follow-up)"
    )


# A `repay` written alike on many lines (to the letter) is one Repay, validated once (model/shared.py)
SharedRepay = Annotated[Repay, WrapValidator(shared_by_pydantic(nested=True))]


class FinancingLine(BaseModel):
    """One source pays part of the cost of the project it belongs to."""

    model_config = ConfigDict(**_FROZEN, json_schema_extra=_ONE_KIND)

    source: Text = Field(description="an id from sources")
    amount: AmountSpec = Field(
        None,
        description="the total the source pays over the covered cost years, or a mapping year -> amount",
    )
    share: Share = Field(None, description='a percentage of the covered cost per year: "30%" or 0.3')
    tariff: TariffSpec = Field(
        None,
        description="format 1.2: an outcome payment line pays this per achieved outcome; format 1.3: or a rate card, "
        "mapping year -> the tariff in that year (a year with a count needs one)",
    )
    outcomes: YearCounts = Field(None, description="format 1.2: with tariff, mapping year -> expected outcome count")
    cap: Amount = Field(None, description="format 1.2: with tariff, the most the outcome line pays in all")
    achieved: AchievedCounts = Field(
        None, description="format 1.3: with tariff, mapping closed year -> the outcomes actually achieved"
    )
    paid: PaidByYear = Field(
        None, description="format 1.3: mapping closed year -> what the line actually paid; replaces its rule there"
    )
    repay: SharedRepay = Field(
        None,
        description="format 1.3: on a line of a fund or external source (the investor), how the municipality repays "
        "it: per achieved outcome or on a fixed schedule, and each paying pocket's share",
    )
    note: Text = Field(None, description="free text, e.g. what savings the money is expected from")


class PooledLine(FinancingLine):
    """A top-level financing line: covers several projects at once."""

    projects: list[Text] = Field(
        None,
        description="the project ids covered; default all projects with status continue",
        json_schema_extra={"uniqueItems": True},  # `duplicate-project`
    )


# What a project's status asks of it (checks/projects.py), said in draft-07 for an editor: a continued project (the
# default) has costs in at least one year (`missing-key`); a deferred one, the budget year of the decision
# (`decide-at-missing`).
_BY_STATUS = {
    "allOf": [
        {
            "if": {"properties": {"status": {"const": Status.CONTINUE.value}}},
            "then": {"required": ["costs"], "properties": {"costs": {"minProperties": 1}}},
        },
        {
            "if": {"properties": {"status": {"const": Status.DEFER.value}}, "required": ["status"]},
            "then": {"required": ["decide_at"]},
        },
    ]
}


class Project(BaseModel):
    """A project whose financing is up for decision."""

    model_config = ConfigDict(**_FROZEN, json_schema_extra=_BY_STATUS)

    name: Name = Field(description="the project's name")
    status: StatusField = Field(Status.CONTINUE, description="continue, defer (decision postponed) or stop")
    decide_at: Year = Field(None, description="with defer: the budget year at which the decision is taken")
    funding_ends: Year = Field(
        None,
        description="the year in which the project's current financing runs out (finansieringen udløber); "
        "the decision on it is due at the budget of that year",
    )
    costs: YearAmounts = Field(None, description="mapping year -> what continuing costs in that budget year")
    financing: list[FinancingLine] = Field((), description="financing lines that cover this project alone")
    savings: Savings = Field(
        None,
        description="format 1.2: mapping source id -> year -> the gross saving (negative: an extra cost) the "
        "project is expected to bring to that pocket in that year",
    )
    actual_costs: YearAmounts = Field(
        None, description="format 1.3: mapping closed year -> what the project actually cost (regnskab)"
    )
    realised_savings: Savings = Field(
        None,
        description="format 1.3: mapping source id -> closed year -> the saving actually booked in that pocket",
    )
    note: Text = Field(None, description="free text")


class Scenario(BaseModel):
    """One budget decision: projects, what continuing costs, and who pays."""

    model_config = _FROZEN

    scenario: Name = Field(description="title, shown above every report")
    budget_year: Year = Field(description="the budget at which the decision is taken, e.g. 2024")
    unit: UnitField = Field(Unit.KR, description="the unit of every amount in this file")
    price_level: Year = Field(None, description="the price level of the amounts, e.g. 2024 (2024-priser)")
    decimals: Decimals = Field(
        None,
        description="format 1.2: how many decimals the table and Markdown show (the house style of a department); "
        "figures are rounded half away from zero (as a spreadsheet shows them) for display only",
    )
    price_index: PriceIndex = Field(
        None,
        description="year -> price index number (e.g. KL's pris- og lønskøn), to restate amounts in another "
        "year's prices with --prices",
    )
    sources: dict[str, Source] = Field(description="the budget pockets that can pay, by id")
    projects: dict[str, Project] = Field(description="the projects, by id")
    financing: list[PooledLine] = Field((), description="lines that cover several projects at once")
    actuals_through: Year = Field(
        None,
        description="format 1.3: the last closed accounting year whose actual figures the file holds; years up "
        "to it are closed, later years open",
    )
    realisation: Realisation = Field(
        None,
        description='format 1.2: the share of the expected savings assumed to materialise, "75%" or 0.75, '
        "from 0 to 200 %; default 100 %",
    )

    @property
    def active(self) -> dict[str, Project]:
        """The projects that count: status continue."""
        return {pid: p for pid, p in self.projects.items() if p.status is Status.CONTINUE}
