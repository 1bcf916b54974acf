"""`compare --format csv|csv-da`: year,category,id,name,before,after,change (`formats.csv`); when a year is
closed, a last column `actual`, and a closed year's after and change are empty."""

from __future__ import annotations

from effektinvest.formats.csv import Table, year_labels
from effektinvest.reports import Options
from effektinvest.reports.compare.view import SIDES, CompareReport, rows, side_value


def _absent(change) -> bool:
    """A figure the column does not have: none in either file, or a closed year's with no plan and no account."""
    return change is None or change.closed and change.before is None and not change.actual


def csv(report: CompareReport, options: Options) -> str:
    """One row per figure (a missing side is 0), then one row per project or source present in only one file
    (category added-project, removed-source, ...). With a closed year, the column `actual`: its accounts,
    empty where not recorded and in every open year."""
    closed = bool(report.comparison.closed)
    sides = [side for side, _ in SIDES] + (["actual"] if closed else [])
    out = Table(options, ["year", "category", "id", "name", *sides])
    table = rows(report)
    for index, column in enumerate(year_labels(report.years)):
        for row in table:
            change = row.values[index]
            if _absent(change) or row.category == "coverage":  # as in gap's CSV: amounts only
                continue
            values = [side_value(change, side) for side in sides]
            label = out.text(row.label) if row.id else ""
            cells = ["" if value is None else out.number(value) for value in values]
            out.row([column, row.category, out.text(row.id), label, *cells])
    for category, _, items in report.one_sided():
        for item, name in items.items():
            out.row(["", category, out.text(item), out.text(name), *[""] * len(sides)])
    return out.value()
