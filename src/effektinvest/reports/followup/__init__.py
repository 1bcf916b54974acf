"""`effektinvest follow-up` (format 1.3): the plan against the accounts of the closed years and the forecast of
the open ones, per year and in total (`analysis`, `view`, `rows`)."""

from __future__ import annotations

from effektinvest.reports import Options

FORMATS = ("table", "json", "csv", "markdown", "csv-da", "xlsx")


def render(format: str, view, decimals: int | None = None):
    """VIEW (a `view.FollowUpReport`) in FORMAT, with DECIMALS if asked: text; for the table a Rich renderable,
    for xlsx bytes."""
    match format:
        case "table":
            from effektinvest.reports.followup.table import table as write
        case "json":
            from effektinvest.reports.followup.json import json as write
        case "csv" | "csv-da":
            from effektinvest.reports.followup.csv import csv as write
        case "markdown":
            from effektinvest.reports.followup.markdown import markdown as write
        case "xlsx":
            from effektinvest.reports.followup.xlsx import xlsx as write
        case _:
            raise ValueError(f"follow-up has no format {format!r}")
    return write(view, Options.of(format, decimals))
