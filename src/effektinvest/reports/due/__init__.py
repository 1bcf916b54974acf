"""`effektinvest due`: the decisions due at a budget across scenario files (`analysis`, `view`)."""

from __future__ import annotations

from effektinvest.reports import Options

FORMATS = ("table", "json", "csv", "csv-da", "xlsx")


def render(format: str, view, decimals: int | None = None):
    """VIEW (a `view.DueReport`) in FORMAT, with DECIMALS if asked: text; for the table a Rich renderable,
    for xlsx bytes."""
    match format:
        case "table":
            from effektinvest.reports.due.table import table as write
        case "json":
            from effektinvest.reports.due.json import json as write
        case "csv" | "csv-da":
            from effektinvest.reports.due.csv import csv as write
        case "xlsx":
            from effektinvest.reports.due.xlsx import xlsx as write
        case _:
            raise ValueError(f"due has no format {format!r}")
    return write(view, Options.of(format, decimals))
