"""`savings --format csv|csv-da`: realisation,year,category,id,name,amount (`formats.csv`)."""

from __future__ import annotations

from effektinvest.formats.csv import Table, year_labels
from effektinvest.reports import Options
from effektinvest.reports.savings.keys import key_figures
from effektinvest.reports.savings.view import rows

FOR_PEOPLE = frozenset({"residual", "outside_paid"})  # rows of the table only: the categories stay the contract's


def csv(report, options: Options) -> str:
    """Per realisation, every figure a year at a time (the total column as year `total`), then the key figures
    with an empty year; last, the savings of each deferred or stopped project as written, with an empty
    realisation (docs/cli.md, `savings`)."""
    out = Table(options, ["realisation", "year", "category", "id", "name", "amount"])
    for result in report.results:
        realisation = out.number(result.realisation)
        table = rows(report, result)
        for index, column in enumerate(year_labels(result.years)):
            for row in table:
                value = row.values[index]
                if value is not None and row.category not in FOR_PEOPLE:
                    name = out.text(report.names[row.id]) if row.id else ""
                    out.row([realisation, column, row.category, out.text(row.id), name, out.number(value)])
        for category, key, value in key_figures(report, result):
            name = out.text(report.names[key]) if key in report.names else ""
            shown = "" if value is None else str(value) if isinstance(value, int) else out.number(value)
            out.row([realisation, "", category, out.text(key), name, shown])
    for project in report.inactive:  # as written, not realised: an empty realisation
        for sid, by_year in project.savings.items():
            for year, value in by_year.items():
                figure = [out.text(f"{project.id}/{sid}"), out.text(project.name)]
                out.row(["", year, "inactive_savings", *figure, out.number(value)])
    return out.value()
