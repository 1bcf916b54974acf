"""`effektinvest compare`: two scenarios side by side per budget year."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from effektinvest.cli.app import EXIT_INVALID, app
from effektinvest.cli.common import (
    CompareFormat,
    DecimalsOption,
    Force,
    OutputFile,
    PricesOption,
    QuietOption,
    emit_diagnostics,
    fail_usage,
    load,
    unit_option,
)
from effektinvest.edges.output import deliver, refuse
from effektinvest.reports import compare as compare_report


@app.command()
def compare(
    before: Annotated[str, typer.Argument(metavar="BEFORE", help="The earlier scenario file.")],
    after: Annotated[
        str, typer.Argument(metavar="AFTER", help="The later scenario file. Either side may be '-' (standard input).")
    ],
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = CompareFormat.table,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Report in this unit (default: the AFTER file's unit).")
    ] = None,
    prices: PricesOption = None,
    decimals: DecimalsOption = None,
    quiet: QuietOption = False,
    output: OutputFile = None,
    force: Force = False,
) -> None:
    """Two scenarios side by side per budget year: before, after and change."""
    from effektinvest.reports.compare.analysis import compare as compare_gaps
    from effektinvest.reports.compare.view import CompareReport

    out_unit = unit_option(unit)
    refuse(format, output, force)
    if before == "-" and after == "-":
        raise fail_usage("only one of BEFORE and AFTER can be '-'")
    old, new = load(before, prices), load(after, prices)
    for loaded in (old, new):
        emit_diagnostics(loaded.diagnostics)
    if old.scenario is None or new.scenario is None:
        raise typer.Exit(EXIT_INVALID)
    levels = {old.scenario.price_level, new.scenario.price_level}
    if len(levels) > 1 and not quiet:
        shown = " and ".join("none" if level is None else str(level) for level in sorted(levels, key=str))
        print(
            f"effektinvest: warning: the files are at different price levels ({shown}); "
            "use --prices YEAR to compare them in one year's prices",
            file=sys.stderr,
        )
    level = levels.pop() if len(levels) == 1 else None
    comparison = compare_gaps(old.scenario, old.gap, new.scenario, new.gap, before_actual=_accounts(old, new))
    report = CompareReport(old.path, new.path, out_unit or new.scenario.unit, level, comparison)
    deliver(lambda: compare_report.render(format.value, report, decimals), format, output, force)


def _accounts(old, new):
    """BEFORE's actual computation (the follow-up's: its accounts in the closed years), where the comparison
    has closed years that BEFORE has accounts for (format 1.3); else None."""
    before = old.scenario
    if before.actuals_through is None or before.budget_year >= new.scenario.budget_year:
        return None
    from effektinvest.reports.followup.analysis import actual_gap

    return actual_gap(before, plan=old.gap)
