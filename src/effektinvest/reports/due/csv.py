"""`due --format csv|csv-da`: path,project,name,reason,year,cost,unit, then status,decide_at,funding_ends,
decision,reason_text (`formats.csv`)."""

from __future__ import annotations

from effektinvest.formats.csv import Table
from effektinvest.reports import Options
from effektinvest.reports.due.view import DueReport, decision, reason_text

HEADER = ["path", "project", "name", "reason", "year", "cost", "unit"]
WHAT = ["status", "decide_at", "funding_ends", "decision", "reason_text"]  # issue 18, after the columns before it


def csv(report: DueReport, options: Options) -> str:
    """One row per cost year (one with no year where none is given)."""
    out = Table(options, [*HEADER, *WHAT])
    for row in report.rows:
        head = [out.text(row.path), out.text(row.project), out.text(row.name), row.reason]
        years = ("" if year is None else str(year) for year in (row.decide_at, row.funding_ends))
        what = [row.status.value, *years, decision(row), reason_text(row)]
        for year, amount in row.costs.items() or [("", None)]:
            out.row([*head, year, "" if amount is None else out.number(amount), row.unit.value, *what])
    return out.value()
