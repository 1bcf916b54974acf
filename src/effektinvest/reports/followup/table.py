"""`follow-up` on a terminal: plan, regnskab/forventet and afvigelse per figure, budget years as columns (closed
ones "2024 R", open ones "2026 B"), the outcome lines and the savings below, the legend under it
(`formats.grid`)."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from effektinvest.core.display_context import caption, visible
from effektinvest.formats.grid import grid, texts, wrapping
from effektinvest.reports import Options
from effektinvest.reports.followup.rows import cell, decimals_for, heads, lines, notes
from effektinvest.reports.followup.view import FollowUpReport


def table(report: FollowUpReport, options: Options) -> Group:
    table_lines = lines(report)
    shown = decimals_for(report, table_lines, options.decimals)
    count = len(report.years) + 1
    body = [[visible(line.label), line.detail, *(cell(line, i, shown) for i in range(count))] for line in table_lines]
    out = grid(
        report.title,
        caption(report.unit, report.price_level),
        [f"Budget {report.budget_year}", "", *heads(report)],
        body,
        2,
    )
    wrapping(out.columns[1], [cells[1] for cells in body])  # Plan, Regnskab / forventet, ...
    for index, (line, cells) in enumerate(zip(table_lines, body, strict=True)):
        if line.first and index:
            out.add_section()
        out.add_row(*(Text(text) for text in cells), style="bold" if line.bold else None)
    return Group(out, *texts(notes(report, table_lines, shown)))
