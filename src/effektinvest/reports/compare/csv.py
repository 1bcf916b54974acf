"""`compare --format csv|csv-da`: year,category,id,name,before,after,change (`formats.csv`)."""

from __future__ import annotations

from effektinvest.formats.csv import Table, year_labels
from effektinvest.reports import Options
from effektinvest.reports.compare.view import SIDES, CompareReport, rows, side_value


def csv(report: CompareReport, options: Options) -> str:
    """One row per figure (a missing side is 0), then one row per project or source present in only one file
    (category added-project, removed-source, ...)."""
    out = Table(options, ["year", "category", "id", "name", "before", "after", "change"])
    table = rows(report)
    for index, column in enumerate(year_labels(report.years)):
        for row in table:
            change = row.values[index]
            if change is None or row.category == "coverage":  # as in gap's CSV: amounts only
                continue
            sides = [out.number(side_value(change, side)) for side, _ in SIDES]
            label = out.text(row.label) if row.id else ""
            out.row([column, row.category, out.text(row.id), label, *sides])
    for category, _, items in report.one_sided():
        for item, name in items.items():
            out.row(["", category, out.text(item), out.text(name), "", "", ""])
    return out.value()
