"""`effektinvest gap`: one scenario's cost, financing, coverage and residual per budget year."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from effektinvest.cli.app import EXIT_GAP, app
from effektinvest.cli.common import (
    DecimalsOption,
    Force,
    GapFormat,
    OutputFile,
    PricesOption,
    QuietOption,
    ScenarioFile,
    UnitOption,
    fail_usage,
    load,
    unit_option,
    usable,
)
from effektinvest.cli.options import ONE_REALISATION_HELP, parse_one_realisation
from effektinvest.edges.output import deliver, refuse
from effektinvest.reports import gap as gap_report


@app.command()
def gap(
    scenario: ScenarioFile,
    format: Annotated[GapFormat, typer.Option("--format", "-f", help="Output format.")] = GapFormat.table,
    unit: UnitOption = None,
    fail_on_gap: Annotated[
        bool, typer.Option("--fail-on-gap", help="Exit 3 when some year has a positive residual.")
    ] = False,
    decimals: DecimalsOption = None,
    prices: PricesOption = None,
    quiet: QuietOption = False,
    chart: Annotated[
        bool, typer.Option("--chart", help="Below the table: a stacked bar per budget year and for the total.")
    ] = False,
    output: OutputFile = None,
    force: Force = False,
    explain: Annotated[bool, typer.Option("--explain", help=EXPLAIN_HELP)] = False,
    by: Annotated[By | None, typer.Option("--by", help=BY_HELP)] = None,
    realisation: Annotated[str | None, typer.Option("--realisation", metavar="R", help=ONE_REALISATION_HELP)] = None,
) -> None:
    """Cost, financing, coverage and residual per budget year for one scenario."""
    out_unit = unit_option(unit)
    realised = None if realisation is None else parse_one_realisation(realisation, "gap")
    _check_views(format.value, explain, by)
    if realised is not None and (explain or by is not None):
        raise fail_usage("--realisation shows the gap at a realisation; --explain and --by project show the plan")
    if chart and format is not GapFormat.table:
        raise fail_usage(f"--chart draws below the table; it cannot go with --format {format.value}")
    refuse(format, output, force)
    # --explain: every line is located (marks read at once), and with --prices the amounts as written are shown;
    # both views start from the lines the figures were made from (`Loaded.paid`)
    located = explain or format is GapFormat.json  # where each repayment stands: shown in JSON and --explain only
    written = load(scenario, None if explain else prices, marks=explain, keep_paid=explain or by is not None)
    loaded = _restated(written, prices) if explain and prices is not None else written
    usable(loaded)
    report = _with_repayments(realised_report(loaded, out_unit, realised), loaded, located)
    scaled = report.outcome_lines or any(entry.tariff is not None for entry in report.repayments)
    if realised is not None and not scaled and not quiet:
        _no_outcome_lines(loaded.path)
    if explain or by is not None:
        report = _views(report, loaded, written if prices is not None else None, prices, explain, by)
    def rendered():
        return _with_chart(gap_report.render(format.value, report, decimals), report, chart)

    deliver(rendered, format, output, force)
    if fail_on_gap:
        _fail_on_gap(report, quiet)


def _no_outcome_lines(path: str) -> None:
    """The note on standard error when --realisation has nothing to scale (no outcome line, no repayment per
    outcome): the gap is the plan's."""
    from effektinvest.core.display_context import visible  # the path as given: one line, nothing raw

    note = (
        f"{path} has no outcome lines (tariff and outcomes) and no repayment per outcome: --realisation changes "
        "nothing in the gap"
    )
    print(f"effektinvest: note: {visible(note)}", file=sys.stderr)


def _with_repayments(report, loaded, locate: bool):
    """REPORT with the repayment years among its columns (format 1.3) and, to LOCATE, each repayment at its line
    in the file (JSON and --explain show it)."""
    if not report.repayments:
        return report
    from dataclasses import replace

    from effektinvest.reports.gap.repayment_view import in_gap, located

    if locate:
        report = replace(report, repayments=located(report.repayments, loaded.path, loaded.where))
    return in_gap(report)


def realised_report(loaded, unit, realisation):
    """The gap report of LOADED in UNIT (else the file's): the plan, or with REALISATION (--realisation) the gap
    at it (savings.md, "Outcome-contract risk")."""
    from effektinvest.reports.gap.view import build

    gap = loaded.gap
    if realisation is not None:
        from effektinvest.core.realisation import at_realisation

        gap = at_realisation(loaded.scenario, gap, realisation)
    return build(loaded.scenario, gap, unit or loaded.scenario.unit, realisation)


EXPLAIN_HELP = "Below the report (JSON: 'lines'): each financing line, where it stands, and the rule of each figure."
BY_HELP = "'project': financing and residual per project (a pooled line split by cost, largest remainder)."
By = StrEnum("By", {"project": "project"})
_EXPLAIN_FORMATS = ("table", "json", "markdown")
_BY_FORMATS = ("table", "json", "csv", "tsv", "csv-da", "markdown")


def _check_views(format: str, explain: bool, by) -> None:
    """--explain and --by project in the formats that can show them; else a usage error (exit 2)."""
    if explain and format not in _EXPLAIN_FORMATS:
        raise fail_usage(f"--explain shows in --format table, json or markdown, not {format}")
    if by is not None and format not in _BY_FORMATS:
        raise fail_usage(f"--by project shows in --format table, json, csv, tsv, csv-da or markdown, not {format}")


def _restated(written, prices: int):
    from effektinvest.edges.load import with_prices

    return written if written.scenario is None else with_prices(written, prices)


def _views(report, loaded, written, prices: int | None, explain: bool, by):
    """REPORT with --explain's lines (at their lines in the file; with --prices, each amount also as WRITTEN,
    the file loaded as it says it) and --by project's figures, from the lines LOADED's figures were made of."""
    from dataclasses import replace

    explained = by_project = None
    if explain:
        from effektinvest.reports.gap.explain import explain as explained_lines
        from effektinvest.reports.gap.explain import with_prices
        from effektinvest.reports.gap.explain_view import placed

        entries = explained_lines(loaded.scenario, loaded.paid)
        if prices is not None:
            entries = with_prices(entries, written.scenario, prices, written.paid)
        explained = placed(entries, loaded.path, loaded.where)
    if by is not None:
        from effektinvest.reports.gap.by_project import by_project as split

        by_project = split(loaded.scenario, report.gap, loaded.paid)  # the repayment years too (format 1.3)
    return replace(report, explained=explained, by_project=by_project)


def _with_chart(table, report, chart: bool):
    """The table, and with --chart the bars below it (render/chart.py)."""
    if not chart:
        return table
    from rich.console import Group

    from effektinvest.reports.gap.chart import Chart

    return Group(table, "", Chart(report))


def _fail_on_gap(report, quiet: bool) -> None:
    """--fail-on-gap: exit 3 when some year has a positive residual, saying which on one line."""
    from effektinvest.model.numbers import plain

    years = [(year, column.residual) for year, column in zip(report.years, report.columns, strict=False)]
    gaps = [f"{year} ({plain(residual)} {report.unit.value})" for year, residual in years if residual > 0]
    if not gaps:
        return
    if not quiet:
        shown = ", ".join(gaps[:-1]) + (" and " if len(gaps) > 1 else "") + gaps[-1]
        print(f"effektinvest: a residual remains in {shown} (--fail-on-gap)", file=sys.stderr)
    raise typer.Exit(EXIT_GAP)
