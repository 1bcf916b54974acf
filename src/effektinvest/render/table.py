"""The terminal table (Rich): budget years as columns, as in a Danish budget note. Every text a user
wrote goes in as a Rich Text, never as markup."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Group
from rich.table import Table
from rich.text import Text

from effektinvest.render import Options
from effektinvest.render.cells import danish, places, signed
from effektinvest.render.compare_view import SIDES, CompareReport, side_value
from effektinvest.render.compare_view import decimals_for as compare_decimals
from effektinvest.render.compare_view import rows as compare_rows
from effektinvest.render.due_view import REASONS, DueReport
from effektinvest.render.gap_view import LABELS, Report, caption, cells, decimals_for, inactive_lines, rows

_SECTIONS = {"financing", "financed", "residual"}  # a rule above the first row of each
_STYLES = {"residual": "bold", "financed": "bold"}


def _grid(title: str, caption_text: str, labels: int, years: tuple[int, ...]) -> Table:
    """A table with LABELS left-hand columns (the first wraps), then a right-aligned column a year and the total."""
    grid = Table(title=Text(title), caption=Text(caption_text), caption_justify="right")
    for index in range(labels):
        grid.add_column(Text(""), no_wrap=index > 0)
    for head in [*(str(year) for year in years), LABELS["total"]]:
        grid.add_column(Text(head), justify="right", no_wrap=True)
    return grid


def gap(report: Report, options: Options) -> Group:
    table = rows(report)
    shown = decimals_for(report, options.decimals, table)
    grid = _grid(report.title, caption(report), 1, report.years)
    grid.columns[0].header = Text(f"Budget {report.budget_year}")
    previous = None
    for row in table:
        if previous is not None and row.category != previous and row.category in _SECTIONS:
            grid.add_section()
        previous = row.category
        style = "bold" if row.category == "cost" and not row.id else _STYLES.get(row.category)
        grid.add_row(Text(row.label), *(Text(cell) for cell in cells(report, row, shown)), style=style)
    return Group(grid, *(Text(line) for line in inactive_lines(report, shown)))


def _styled_change(category: str, value: Decimal, decimals: int) -> Text:
    """A signed change, red where it makes the gap worse and green where it helps (on a terminal)."""
    text = signed(value, decimals)
    if value == 0:
        return Text(text)
    worse = (value > 0) == (category in {"cost", "residual"})
    return Text(text, style="red" if worse else "green")


def compare(report: CompareReport, options: Options) -> Group:
    table = compare_rows(report)
    shown = compare_decimals(report, table, options.decimals)
    grid = _grid(f"{report.before} → {report.after}", caption(report), 2, report.years)
    for index, row in enumerate(table):
        if index:
            grid.add_section()
        for side, label in SIDES:
            if side == "change":
                values = [_styled_change(row.category, side_value(c, side), shown) for c in row.values]
            else:
                values = [Text(danish(side_value(c, side), shown)) for c in row.values]
            first = Text(row.label) if side == "before" else Text("")
            grid.add_row(first, Text(label), *values, style="bold" if row.category == "residual" else None)
    return Group(grid, *(Text(line) for line in report.notes()))


def due(report: DueReport, options: Options) -> Table:
    grid = Table(title=Text(f"Beslutninger ved budget {report.budget}"))
    for head in ("Fil", "Projekt", "Årsag", "Udgift pr. år"):
        grid.add_column(Text(head))
    for row in report.rows:
        shown = places(row.unit, row.costs.values())
        costs = "; ".join(f"{y}: {danish(a, shown)}" for y, a in row.costs.items())
        grid.add_row(
            Text(row.path),
            Text(f"{row.name} ({row.project})"),
            Text(REASONS[row.reason]),
            Text(f"{costs} {row.unit.value}" if costs else "-"),
        )
    return grid
