"""`effektinvest savings`: where the savings land, per pocket and year, and the key figures (`analysis`,
`view`, `keys`), or a row per realisation (`sensitivity`)."""

from __future__ import annotations

from effektinvest.reports import Options

FORMATS = ("table", "json", "csv", "markdown", "csv-da", "xlsx")


def render(format: str, view, decimals: int | None = None):
    """VIEW (a `view.SavingsReport`) in FORMAT, with DECIMALS if asked: text; for the table a Rich renderable,
    for xlsx bytes."""
    match format:
        case "table":
            from effektinvest.reports.savings.table import table as write
        case "json":
            from effektinvest.reports.savings.json import json as write
        case "csv" | "csv-da":
            from effektinvest.reports.savings.csv import csv as write
        case "markdown":
            from effektinvest.reports.savings.markdown import markdown as write
        case "xlsx":
            from effektinvest.reports.savings.xlsx import xlsx as write
        case _:
            raise ValueError(f"savings has no format {format!r}")
    return write(view, Options.of(format, decimals))
