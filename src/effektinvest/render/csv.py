"""CSV and TSV (options.delimiter): one row per figure, through the csv module (docs/cli.md).

Rows with an empty id are sums (the year's total cost, financed, residual). Decimal point, no thousands
separators; amounts exact in the output unit. Text a user wrote is shown by `cells.visible` (a control
character as its escape: no raw carriage return, tab or ESC), then quoted by the csv module where it holds
the delimiter, a quote or a line break.
"""

from __future__ import annotations

import csv
import io

from effektinvest.numbers import plain
from effektinvest.render import Options
from effektinvest.render.cells import visible
from effektinvest.render.compare_view import SIDES, CompareReport, side_value
from effektinvest.render.compare_view import rows as compare_rows
from effektinvest.render.due_view import DueReport
from effektinvest.render.gap_view import Report
from effektinvest.render.gap_view import rows as gap_rows


def _writer(options: Options, header: list[str]) -> tuple[io.StringIO, csv.writer]:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=options.delimiter, lineterminator="\n")
    writer.writerow(header)
    return out, writer


def _labels(years: tuple[int, ...]) -> list[str]:
    return [*(str(y) for y in years), "total"]


def gap(report: Report, options: Options) -> str:
    """year,category,id,name,amount: every figure but coverage, a year at a time."""
    out, writer = _writer(options, ["year", "category", "id", "name", "amount"])
    table = gap_rows(report)
    for index, column in enumerate(_labels(report.years)):
        for row in table:
            value = row.values[index]
            if row.category == "coverage" or value is None:
                continue
            writer.writerow([column, row.category, visible(row.id), visible(row.label) if row.id else "", plain(value)])
    return out.getvalue()


def compare(report: CompareReport, options: Options) -> str:
    """year,category,id,name,before,after,change: one row per figure (a missing side is 0), then one row
    per project or source present in only one file (category added-project, removed-source, ...)."""
    out, writer = _writer(options, ["year", "category", "id", "name", "before", "after", "change"])
    table = compare_rows(report)
    for index, column in enumerate(_labels(report.years)):
        for row in table:
            change = row.values[index]
            if change is None:
                continue
            sides = [plain(side_value(change, side)) for side, _ in SIDES]
            writer.writerow([column, row.category, visible(row.id), visible(row.label) if row.id else "", *sides])
    for category, _, items in report.one_sided():
        for item, name in items.items():
            writer.writerow(["", category, visible(item), visible(name), "", "", ""])
    return out.getvalue()


def due(report: DueReport, options: Options) -> str:
    """path,project,name,reason,year,cost,unit: one row per cost year (one with no year where none is given)."""
    out, writer = _writer(options, ["path", "project", "name", "reason", "year", "cost", "unit"])
    for row in report.rows:
        head = [visible(row.path), visible(row.project), visible(row.name), row.reason]
        for year, amount in row.costs.items() or [("", None)]:
            writer.writerow([*head, year, "" if amount is None else plain(amount), row.unit.value])
    return out.getvalue()
