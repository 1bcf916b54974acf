"""`effektinvest gap`: one scenario's cost, financing, coverage and residual per budget year."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from effektinvest.cli.app import EXIT_GAP, EXIT_INVALID, app
from effektinvest.cli.common import (
    DECIMALS_HELP,
    PRICES_HELP,
    QUIET_HELP,
    GapFormat,
    emit_diagnostics,
    load,
    unit_option,
)
from effektinvest.numbers import YEAR_MAX, YEAR_MIN
from effektinvest.render import render
from effektinvest.streams import emit, writing


@app.command()
def gap(
    scenario: Annotated[str, typer.Argument(metavar="SCENARIO", help="The scenario file; '-' reads standard input.")],
    format: Annotated[GapFormat, typer.Option("--format", "-f", help="Output format.")] = GapFormat.table,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="Report in this unit: kr., t.kr. or mio. kr. (default: the file's unit)."),
    ] = None,
    fail_on_gap: Annotated[
        bool, typer.Option("--fail-on-gap", help="Exit 3 when some year has a positive residual.")
    ] = False,
    decimals: Annotated[int | None, typer.Option("--decimals", min=0, max=12, metavar="N", help=DECIMALS_HELP)] = None,
    prices: Annotated[
        int | None, typer.Option("--prices", min=YEAR_MIN, max=YEAR_MAX, metavar="YEAR", help=PRICES_HELP)
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=QUIET_HELP)] = False,
) -> None:
    """Cost, financing, coverage and residual per budget year for one scenario."""
    out_unit = unit_option(unit)
    loaded = load(scenario, prices)
    emit_diagnostics(loaded.diagnostics)
    if loaded.scenario is None:
        raise typer.Exit(EXIT_INVALID)
    from effektinvest.render.gap_view import build

    report = build(loaded.scenario, loaded.gap, out_unit or loaded.scenario.unit)
    with writing():
        emit(render("gap", format.value, report, decimals))
    if fail_on_gap:
        _fail_on_gap(report, quiet)


def _fail_on_gap(report, quiet: bool) -> None:
    """--fail-on-gap: exit 3 when some year has a positive residual, saying which on one line."""
    from effektinvest.numbers import plain

    years = [(year, column.residual) for year, column in zip(report.years, report.columns, strict=False)]
    gaps = [f"{year} ({plain(residual)} {report.unit.value})" for year, residual in years if residual > 0]
    if not gaps:
        return
    if not quiet:
        shown = ", ".join(gaps[:-1]) + (" and " if len(gaps) > 1 else "") + gaps[-1]
        print(f"effektinvest: a residual remains in {shown} (--fail-on-gap)", file=sys.stderr)
    raise typer.Exit(EXIT_GAP)
