"""`gap` on a terminal: the table (budget years as columns), the lines under it, and with --by project and
--explain their own parts below (`formats.grid`)."""

from __future__ import annotations

from itertools import chain

from rich.console import Group
from rich.text import Text

from effektinvest.core.display_context import visible, year_heads
from effektinvest.formats.grid import grid, texts
from effektinvest.formats.lean import Lines, pieces
from effektinvest.reports import Options
from effektinvest.reports.gap.repayment_view import foot_lines as repayment_lines
from effektinvest.reports.gap.view import (
    Report,
    caption,
    cells,
    decimals_for,
    funding_lines,
    inactive_lines,
    rounding_note,
    rows,
)

# (The views of --explain and --by project are imported where they are used: `gap`, the command a user
# runs most, starts without them; docs/performance.md, "Start-up".)

_SECTIONS = {"financing", "financed", "residual", "repayment"}  # a rule above the first row of each
_STYLES = {"residual": "bold", "financed": "bold", "repaid": "bold"}


def table(report: Report, options: Options) -> Group:
    table_rows = rows(report)
    every = table_rows
    if report.by_project:  # --by project, with a continued project
        from effektinvest.reports.gap.by_project_view import each_project

        every = chain(table_rows, (row for _, block in each_project(report) for row in block))
    shown = decimals_for(report, options.decimals, every)
    body = [[visible(row.label), *cells(report, row, shown)] for row in table_rows]
    out = grid(report.title, caption(report), [f"Budget {report.budget_year}", *year_heads(report.years)], body)
    previous = None
    for row, line in zip(table_rows, body, strict=True):
        if previous is not None and row.category != previous and row.category in _SECTIONS:
            out.add_section()
        previous = row.category
        style = "bold" if row.category == "cost" and not row.id else _STYLES.get(row.category)
        out.add_row(*line, style=style)  # (text: a grid shows a str as its Text)
    note = rounding_note(table_rows, shown)
    foot = [*([note] if note else []), *funding_lines(report), *repayment_lines(report, shown)]
    foot += inactive_lines(report, shown)
    more = _by_project(report, shown) if report.by_project else []
    if report.explained is not None:  # --explain: printed as one Text of its lines, a chunk of them at a time
        from effektinvest.reports.gap.explain_view import text as explain_text

        more += pieces(Lines([visible(line) for line in explain_text(report)]))
    # (a large table or text as pieces, each printed by itself: docs/performance.md, "Large tables")
    return Group(*pieces(out), *texts(foot), *more)


def _by_project(report: Report, shown: int) -> list:
    """--by project: one table, a section per project (its cost in bold, then what pays it, financed,
    coverage and residual), every amount with the report's decimals. Made from the projects' rows one project
    at a time, keeping only their texts (docs/performance.md, "Large tables")."""
    from effektinvest.reports.gap.by_project_view import HEADING as BY_PROJECT
    from effektinvest.reports.gap.by_project_view import each_project, project_cells

    lines = []  # (a section starts, bold, the cells)
    notes, labels = set(), {}  # (labels: each text once, not once a project: a source, "Finansieret", ...)
    for _, block in each_project(report):
        notes.add(rounding_note(block, shown))
        for row in block:
            label = visible(row.label if row.category == "cost" else "  " + row.label)
            label = labels.setdefault(label, label) if row.category != "cost" else label
            bold = row.category in ("cost", "residual")
            lines.append((row.category == "cost" and bool(lines), bold, [label, *project_cells(row, shown)]))
    out = grid(BY_PROJECT, caption(report), ["Projekt", *year_heads(report.years)], [line for *_, line in lines])
    for section, bold, line in lines:
        if section:
            out.add_section()
        out.add_row(*line, style="bold" if bold else None)
    return [*pieces(out), *(Text(note) for note in notes - {None})]
