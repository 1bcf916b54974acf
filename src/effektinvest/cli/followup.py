"""`effektinvest follow-up`: one scenario's plan against its accounts (format 1.3, followup.md)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from effektinvest.cli.app import app
from effektinvest.cli.common import (
    DecimalsOption,
    Force,
    OutputFile,
    PricesOption,
    ScenarioFile,
    UnitOption,
    fail_usage,
    load,
    unit_option,
    usable,
)
from effektinvest.edges.output import deliver, refuse
from effektinvest.reports import followup as followup_report

FollowUpFormat = StrEnum("FollowUpFormat", {name: name for name in followup_report.FORMATS})
NO_CLOSED_YEARS = "no closed years: set actuals_through and the actual figures"


@app.command("follow-up")
def follow_up(
    scenario: ScenarioFile,
    format: Annotated[FollowUpFormat, typer.Option("--format", "-f", help="Output format.")] = FollowUpFormat.table,
    unit: UnitOption = None,
    decimals: DecimalsOption = None,
    prices: PricesOption = None,
    output: OutputFile = None,
    force: Force = False,
) -> None:
    """The plan against the accounts (closed years) and the forecast (open years), per budget year."""
    out_unit = unit_option(unit)
    refuse(format, output, force)
    loaded = load(scenario, prices)
    usable(loaded)
    if loaded.scenario.actuals_through is None:
        raise fail_usage(NO_CLOSED_YEARS)
    from effektinvest.reports.followup.analysis import follow_up as analyse
    from effektinvest.reports.followup.view import build

    result = analyse(loaded.scenario, loaded.gap)
    lines = tuple(loaded.where(o.ref.path)[0] for o in result.outcomes)  # read the marks only for outcome lines
    repay_lines = tuple(loaded.where((*one.ref.path, "repay"), at_key=True)[0] for one in result.repayments)
    report = build(loaded.scenario, result, out_unit or loaded.scenario.unit, loaded.path, lines, repay_lines)
    deliver(lambda: followup_report.render(format.value, report, decimals), format, output, force)
