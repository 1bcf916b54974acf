"""The terminal table: budget years as columns, as in a Danish budget note (Rich)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from effektinvest.render.rows import LABELS, Report, caption, danish, decimals_for, inactive_lines, percent


def table(report: Report, decimals: int | None = None) -> Group:
    """A Rich renderable. Every name a user wrote goes in as Text, never as markup."""
    places = decimals_for(report, decimals)
    grid = Table(
        title=Text(report.title),
        caption=Text(caption(report)),
        caption_justify="right",
    )
    grid.add_column(Text(f"Budget {report.budget_year}"), no_wrap=False)
    for year in report.years:
        grid.add_column(Text(str(year)), justify="right", no_wrap=True)
    grid.add_column(Text(LABELS["total"]), justify="right", no_wrap=True)
    previous = None
    for row in report.rows:
        if previous is not None and row.category != previous and row.category in {"financing", "financed", "residual"}:
            grid.add_section()
        previous = row.category
        if row.category == "coverage":
            cells = [percent(v) if v is not None else "-" for v in row.values]
        else:
            cells = [danish(v, places) if v is not None else "-" for v in row.values]
        style = {"residual": "bold", "cost": "bold" if not row.id else "", "financed": "bold"}.get(row.category, "")
        grid.add_row(Text(row.label), *(Text(cell) for cell in cells), style=style or None)
    foot = [Text(line) for line in inactive_lines(report, places)]
    return Group(grid, *foot)


def print_table(report: Report, console: Console, decimals: int | None = None) -> None:
    renderable = table(report, decimals)
    if not console.is_terminal:
        # In a pipe or a file, never wrap: as wide as the table needs.
        console.width = max(80, console.measure(renderable).maximum)
    console.print(renderable)
