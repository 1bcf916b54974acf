"""What `gap --by project` shows: each continued project's cost, financing per source, financed, coverage and
residual (by_project.by_project, in kr.) in the report's unit, as rows (gap_view.Row) a project at a time,
for the table, Markdown and CSV; and each project's fields in JSON (`json_fields`, `fields`)."""

from __future__ import annotations

from collections.abc import Iterator

from effektinvest.core.display_context import amount, coverage_cell, shown_coverage
from effektinvest.formats.json import HOLE, numbers
from effektinvest.reports.gap.view import LABELS, Report, Row

HEADING = "Finansiering pr. projekt"


def project_rows(report: Report) -> list[tuple[str, tuple[Row, ...]]]:
    """(project id, its rows) per continued project, in file order (`each_project`)."""
    return list(each_project(report))


def each_project(report: Report) -> Iterator[tuple[str, tuple[Row, ...]]]:
    """(project id, its rows) per continued project, in file order, one at a time: cost, each source that pays it,
    financed, coverage (to 0.1 %, for people), residual; a value a year, then the total. (The table goes through
    them twice rather than keep 20 amounts a project: docs/performance.md, "Large tables".)"""
    names = {s.id: s.name for s in report.all_sources}
    scaled = report.scaled
    for pid, gap in report.by_project.items():
        total = gap.total
        figures = [*gap.years.values(), total]
        sources = list(total.financing)

        def across(get, figures=figures) -> tuple:
            return tuple(scaled(get(f)) for f in figures)

        rows = [Row("cost", pid, report.names[pid], across(lambda f: f.cost))]
        rows += [
            Row("financing", sid, names.get(sid, sid), across(lambda f, sid=sid: f.financing.get(sid)))
            for sid in sources
        ]
        rows.append(Row("financed", "", LABELS["financed"], across(lambda f: f.financed)))
        rows.append(Row("coverage", "", LABELS["coverage"], tuple(shown_coverage(f.financed, f.cost) for f in figures)))
        rows.append(Row("residual", "", LABELS["residual"], across(lambda f: f.residual)))
        yield pid, tuple(rows)


def json_fields(report: Report, gap) -> tuple[tuple, list[str]]:
    """A continued project's fields in JSON (GAP: its by_project.ProjectGap): the shape of `fields` (its years
    and the sources that pay in each) and the JSON text of each amount in the report's unit, in the order of
    the holes of `fields`: financing year by year and source by source, then financed, then residual."""
    shape, financing, financed, residual = [], [], [], []
    for year, f in gap.years.items():
        shape.append((year, *f.financing))
        financing += f.financing.values()
        financed.append(f.financed)
        residual.append(f.residual)
    return tuple(shape), numbers(financing + financed + residual, report.unit.from_kr)


def fields(shape: tuple) -> dict:
    """A continued project's `financing`, `financed`, `residual` per year ({"YEAR": ...}; SHAPE: `json_fields`),
    each amount a hole (`formats.json.template`)."""
    return {
        "financing": {str(year): dict.fromkeys(sources, HOLE) for year, *sources in shape},
        "financed": {str(year): HOLE for year, *_ in shape},
        "residual": {str(year): HOLE for year, *_ in shape},
    }


def project_cells(row: Row, decimals: int) -> list[str]:
    """The cells of a project's ROW for people: amounts to DECIMALS places, coverage as a percentage."""
    if row.category == "coverage":
        return [coverage_cell(value) for value in row.values]
    return [amount(value, decimals) for value in row.values]
