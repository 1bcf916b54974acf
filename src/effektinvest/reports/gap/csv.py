"""`gap --format csv|tsv|csv-da`: year,category,id,name,amount, one row per figure (`formats.csv`). Rows with
an empty id are sums (the year's total cost, financed, residual)."""

from __future__ import annotations

from effektinvest.formats.csv import Table, year_labels
from effektinvest.reports import Options
from effektinvest.reports.gap.view import Report, rows


def csv(report: Report, options: Options) -> str:
    """Every figure but coverage, a year at a time; with --by project, each project's figures after them."""
    out = Table(options, ["year", "category", "id", "name", "amount"])
    table = rows(report)
    for index, column in enumerate(year_labels(report.years)):
        for row in table:
            value = row.values[index]
            if row.category == "coverage" or value is None:
                continue
            label = out.text(row.label) if row.id else ""
            out.row([column, row.category, out.text(row.id), label, out.number(value)])
    if report.by_project is not None:
        _by_project(report, out)
    return out.value()


def _by_project(report: Report, out: Table) -> None:
    """--by project: a year at a time, per project, what each source pays it (category project_financing,
    id project/source, name 'project name / source name') and its residual (project_residual, id project)."""
    from effektinvest.reports.gap.by_project_view import project_rows

    blocks = project_rows(report)
    for index, column in enumerate(year_labels(report.years)):
        for pid, block in blocks:
            name = report.names[pid]
            for row in block:
                value = row.values[index]
                if row.category == "financing" and value is not None:
                    ids, label = f"{pid}/{row.id}", f"{name} / {row.label}"
                    out.row([column, "project_financing", out.text(ids), out.text(label), out.number(value)])
                elif row.category == "residual":
                    out.row([column, "project_residual", out.text(pid), out.text(name), out.number(value)])
