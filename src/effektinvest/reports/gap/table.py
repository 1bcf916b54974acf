"""`gap` on a terminal: the table (budget years as columns), the lines under it, and with --by project and
--explain their own parts below (`formats.grid`)."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from effektinvest.core.display_context import visible, year_heads
from effektinvest.formats.grid import grid, texts
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
    blocks = []
    if report.by_project is not None:  # --by project
        from effektinvest.reports.gap.by_project_view import project_rows

        blocks = project_rows(report)
    shown = decimals_for(report, options.decimals, (*table_rows, *(row for _, block in blocks for row in block)))
    body = [[visible(row.label), *cells(report, row, shown)] for row in table_rows]
    out = grid(report.title, caption(report), [f"Budget {report.budget_year}", *year_heads(report.years)], body)
    previous = None
    for row, line in zip(table_rows, body, strict=True):
        if previous is not None and row.category != previous and row.category in _SECTIONS:
            out.add_section()
        previous = row.category
        style = "bold" if row.category == "cost" and not row.id else _STYLES.get(row.category)
        out.add_row(*(Text(cell) for cell in line), style=style)
    note = rounding_note(table_rows, shown)
    foot = [*([note] if note else []), *funding_lines(report), *repayment_lines(report, shown)]
    foot += inactive_lines(report, shown)
    more = [_by_project(report, blocks, shown)] if blocks else []
    if report.explained is not None:  # --explain: one Text, however many lines (a Text each is slow)
        from effektinvest.reports.gap.explain_view import text as explain_text

        more.append(Text("\n".join(visible(line) for line in explain_text(report))))
    return Group(out, *texts(foot), *more)


def _by_project(report: Report, blocks: list, shown: int) -> Group:
    """--by project: one table, a section per project (its cost in bold, then what pays it, financed,
    coverage and residual), every amount with the report's decimals."""
    from effektinvest.reports.gap.by_project_view import HEADING as BY_PROJECT
    from effektinvest.reports.gap.by_project_view import project_cells

    lines = [
        (row, [visible(row.label if row.category == "cost" else "  " + row.label), *project_cells(row, shown)])
        for _, block in blocks
        for row in block
    ]
    out = grid(BY_PROJECT, caption(report), ["Projekt", *year_heads(report.years)], [line for _, line in lines])
    for row, line in lines:
        if row.category == "cost" and row is not blocks[0][1][0]:
            out.add_section()
        style = "bold" if row.category in ("cost", "residual") else None
        out.add_row(*(Text(cell) for cell in line), style=style)
    notes = {rounding_note(block, shown) for _, block in blocks} - {None}
    return Group(out, *(Text(note) for note in notes))
