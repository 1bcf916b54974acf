"""The report as CSV: year,category,id,name,amount, one row per figure (cli.md).

Rows with an empty id are sums (the year's total cost, financed, residual).
Decimal point, no thousands separators; amounts exact in the output unit.
"""

from __future__ import annotations

import csv
import io

from effektinvest.numbers import plain
from effektinvest.render.rows import SIDES, CompareReport, DueRow, Report, side_value


def to_csv(report: Report, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["year", "category", "id", "name", "amount"])
    columns = [*(str(y) for y in report.years), "total"]
    for index, column in enumerate(columns):
        for row in report.rows:
            value = row.values[index]
            if row.category == "coverage" or value is None:
                continue
            writer.writerow([column, row.category, row.id, row.label if row.id else "", plain(value)])
    return out.getvalue()


def comparison_csv(report: CompareReport, delimiter: str = ",") -> str:
    """year,category,id,name,before,after,change: one row per figure (a missing side is 0), then one row
    per project or source present in only one file (category added-project, removed-source, ...)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["year", "category", "id", "name", "before", "after", "change"])
    for index, column in enumerate([*(str(y) for y in report.years), "total"]):
        for row in report.rows:
            change = row.values[index]
            if change is None:
                continue
            sides = [plain(side_value(change, side)) for side, _ in SIDES]
            writer.writerow([column, row.category, row.id, row.label if row.id else "", *sides])
    # projects and sources in only one of the files: year empty, no figures
    for category, items in (
        ("added-project", report.added_projects),
        ("removed-project", report.removed_projects),
        ("added-source", report.added_sources),
        ("removed-source", report.removed_sources),
    ):
        for item, name in items.items():
            writer.writerow(["", category, item, name, "", "", ""])
    return out.getvalue()


def due_csv(rows: list[DueRow], delimiter: str = ",") -> str:
    """path,project,name,reason,year,cost,unit: one row per cost year (one with no year where none is given)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["path", "project", "name", "reason", "year", "cost", "unit"])
    for row in rows:
        head = [row.path, row.project, row.name, row.reason]
        for year, amount in row.costs.items() or [("", None)]:
            writer.writerow([*head, year, "" if amount is None else plain(amount), row.unit.value])
    return out.getvalue()
