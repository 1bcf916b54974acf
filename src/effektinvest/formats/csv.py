"""CSV, TSV and csv-da (options.delimiter, options.danish): one row per figure, through the csv module
(docs/cli.md).

Rows with an empty id are sums (the year's total cost, financed, residual). Decimal point, no thousands
separators; amounts exact in the output unit. Text a user wrote is shown by `cells.visible` (a control
character as its escape: no raw carriage return, tab or ESC), then quoted by the csv module where it holds
the delimiter, a quote or a line break.
"""

from __future__ import annotations

import csv
import io

from effektinvest.core.display_context import visible
from effektinvest.model.numbers import plain
from effektinvest.reports import Options
from effektinvest.reports.compare.view import SIDES, CompareReport, side_value
from effektinvest.reports.compare.view import rows as compare_rows
from effektinvest.reports.due.view import DueReport
from effektinvest.reports.gap.view import Report
from effektinvest.reports.gap.view import rows as gap_rows


def _writer(options: Options, header: list[str]) -> tuple[io.StringIO, csv.writer]:
    out = io.StringIO()
    if options.danish:  # csv-da: a byte-order mark and CRLF, as Danish Excel opens it with a double-click
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=options.delimiter, lineterminator="\r\n" if options.danish else "\n")
    writer.writerow(header)
    return out, writer


def _number(value, options: Options) -> str:
    """An amount, exact: a decimal point, or in csv-da a decimal comma (never a thousands separator)."""
    return plain(value).replace(".", ",") if options.danish else plain(value)


_FORMULA_START = ("=", "+", "-", "@")


def _text(text: str, options: Options) -> str:
    """Text a user wrote (`cells.visible`); in csv-da, text that a spreadsheet would run as a formula (it
    begins with = + - @) gets a leading ' (numbers never go through here)."""
    text = visible(text)
    return "'" + text if options.danish and text.startswith(_FORMULA_START) else text


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
            label = _text(row.label, options) if row.id else ""
            writer.writerow([column, row.category, _text(row.id, options), label, _number(value, options)])
    if report.by_project is not None:
        _by_project(report, writer, options)
    return out.getvalue()


def _by_project(report: Report, writer, options: Options) -> None:
    """--by project: a year at a time, per project, what each source pays it (category project_financing,
    id project/source, name 'project name / source name') and its residual (project_residual, id project)."""
    from effektinvest.reports.gap.by_project_view import project_rows

    blocks = project_rows(report)
    for index, column in enumerate(_labels(report.years)):
        for pid, block in blocks:
            name = report.names[pid]
            for row in block:
                value = row.values[index]
                if row.category == "financing" and value is not None:
                    ids, label = f"{pid}/{row.id}", f"{name} / {row.label}"
                    writer.writerow([column, "project_financing", _text(ids, options), _text(label, options),
                                     _number(value, options)])
                elif row.category == "residual":
                    writer.writerow([column, "project_residual", _text(pid, options), _text(name, options),
                                     _number(value, options)])


def compare(report: CompareReport, options: Options) -> str:
    """year,category,id,name,before,after,change: one row per figure (a missing side is 0), then one row
    per project or source present in only one file (category added-project, removed-source, ...)."""
    out, writer = _writer(options, ["year", "category", "id", "name", "before", "after", "change"])
    table = compare_rows(report)
    for index, column in enumerate(_labels(report.years)):
        for row in table:
            change = row.values[index]
            if change is None or row.category == "coverage":  # as in gap's CSV: amounts only
                continue
            sides = [_number(side_value(change, side), options) for side, _ in SIDES]
            label = _text(row.label, options) if row.id else ""
            writer.writerow([column, row.category, _text(row.id, options), label, *sides])
    for category, _, items in report.one_sided():
        for item, name in items.items():
            writer.writerow(["", category, _text(item, options), _text(name, options), "", "", ""])
    return out.getvalue()


def due(report: DueReport, options: Options) -> str:
    """path,project,name,reason,year,cost,unit: one row per cost year (one with no year where none is given)."""
    out, writer = _writer(options, ["path", "project", "name", "reason", "year", "cost", "unit"])
    for row in report.rows:
        head = [_text(row.path, options), _text(row.project, options), _text(row.name, options), row.reason]
        for year, amount in row.costs.items() or [("", None)]:
            writer.writerow([*head, year, "" if amount is None else _number(amount, options), row.unit.value])
    return out.getvalue()


def savings(report, options: Options) -> str:
    """realisation,year,category,id,name,amount: per realisation, every figure a year at a time (the total
    column as year `total`), then the key figures with an empty year; last, the savings of each deferred or
    stopped project as written, with an empty realisation (docs/cli.md, `savings`)."""
    from effektinvest.reports.savings.keys import key_figures
    from effektinvest.reports.savings.view import rows as savings_rows

    out, writer = _writer(options, ["realisation", "year", "category", "id", "name", "amount"])
    for result in report.results:
        realisation = _number(result.realisation, options)
        table = savings_rows(report, result)
        for index, column in enumerate(_labels(tuple(result.years))):
            for row in table:
                value = row.values[index]
                if value is not None:
                    name = _text(report.names[row.id], options) if row.id else ""
                    figure = [row.category, _text(row.id, options), name, _number(value, options)]
                    writer.writerow([realisation, column, *figure])
        for category, key, value in key_figures(report, result):
            name = _text(report.names[key], options) if key in report.names else ""
            shown = "" if value is None else str(value) if isinstance(value, int) else _number(value, options)
            writer.writerow([realisation, "", category, _text(key, options), name, shown])
    for project in report.inactive:  # as written, not realised: an empty realisation
        for sid, by_year in project.savings.items():
            for year, value in by_year.items():
                figure = [_text(f"{project.id}/{sid}", options), _text(project.name, options)]
                writer.writerow(["", year, "inactive_savings", *figure, _number(value, options)])
    return out.getvalue()
