"""`due --format csv|csv-da`: path,project,name,reason,year,cost,unit (`formats.csv`)."""

from __future__ import annotations

from effektinvest.formats.csv import Table
from effektinvest.reports import Options
from effektinvest.reports.due.view import DueReport


def csv(report: DueReport, options: Options) -> str:
    """One row per cost year (one with no year where none is given)."""
    out = Table(options, ["path", "project", "name", "reason", "year", "cost", "unit"])
    for row in report.rows:
        head = [out.text(row.path), out.text(row.project), out.text(row.name), row.reason]
        for year, amount in row.costs.items() or [("", None)]:
            out.row([*head, year, "" if amount is None else out.number(amount), row.unit.value])
    return out.value()
