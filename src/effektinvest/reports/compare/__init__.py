"""`effektinvest compare`: two scenarios' figures per budget year, before, after and change (`analysis`,
`view`)."""

from __future__ import annotations

from effektinvest.reports import Options

FORMATS = ("table", "json", "csv", "markdown", "csv-da", "xlsx")


def render(format: str, view, decimals: int | None = None):
    """VIEW (a `view.CompareReport`) in FORMAT, with DECIMALS if asked: text; for the table a Rich renderable,
    for xlsx bytes."""
    match format:
        case "table":
            from effektinvest.reports.compare.table import table as write
        case "json":
            from effektinvest.reports.compare.json import json as write
        case "csv" | "csv-da":
            from effektinvest.reports.compare.csv import csv as write
        case "markdown":
            from effektinvest.reports.compare.markdown import markdown as write
        case "xlsx":
            from effektinvest.reports.compare.xlsx import xlsx as write
        case _:
            raise ValueError(f"compare has no format {format!r}")
    return write(view, Options.of(format, decimals))
