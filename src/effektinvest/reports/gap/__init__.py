"""`effektinvest gap`: one scenario's cost, financing, coverage and residual per budget year (`view`), with
--explain (`explain`, `explain_view`), --by project (`by_project`, `by_project_view`) and --chart (`chart`);
the figures themselves are `core.arithmetic`'s."""

from __future__ import annotations

from effektinvest.reports import Options

FORMATS = ("table", "json", "csv", "tsv", "markdown", "csv-da", "xlsx")


def render(format: str, view, decimals: int | None = None):
    """VIEW (a `view.Report`) in FORMAT, with DECIMALS if asked: text; for the table a Rich renderable,
    for xlsx bytes."""
    match format:
        case "table":
            from effektinvest.reports.gap.table import table as write
        case "json":
            from effektinvest.reports.gap.json import json as write
        case "csv" | "tsv" | "csv-da":
            from effektinvest.reports.gap.csv import csv as write
        case "markdown":
            from effektinvest.reports.gap.markdown import markdown as write
        case "xlsx":
            from effektinvest.reports.gap.xlsx import xlsx as write
        case _:
            raise ValueError(f"gap has no format {format!r}")
    return write(view, Options.of(format, decimals))
