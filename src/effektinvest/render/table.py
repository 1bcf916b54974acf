"""The terminal table: budget years as columns, as in a Danish budget note (Rich)."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from effektinvest.render.rows import (
    LABELS,
    REASONS,
    SIDES,
    CompareReport,
    DueRow,
    Report,
    caption,
    comparison_decimals,
    comparison_notes,
    danish,
    decimals_for,
    inactive_lines,
    percent,
    places,
    shown_coverage,
    side_value,
    signed,
)


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
            cells = [percent(v) if v is not None else "-" for v in shown_coverage(report)]
        else:
            cells = [danish(v, places) if v is not None else "-" for v in row.values]
        style = {"residual": "bold", "cost": "bold" if not row.id else "", "financed": "bold"}.get(row.category, "")
        grid.add_row(Text(row.label), *(Text(cell) for cell in cells), style=style or None)
    foot = [Text(line) for line in inactive_lines(report, places)]
    return Group(grid, *foot)


def print_table(report: Report, console: Console, decimals: int | None = None) -> None:
    print_wide(table(report, decimals), console)


def _styled_change(category: str, value: Decimal, decimals: int) -> Text:
    """A signed change, red where it makes the gap worse and green where it helps (on a terminal)."""
    text = signed(value, decimals)
    if value == 0:
        return Text(text)
    worse = (value > 0) == (category in {"cost", "residual"})
    return Text(text, style="red" if worse else "green")


def comparison_table(report: CompareReport, decimals: int | None = None) -> Group:
    places = comparison_decimals(report, decimals)
    grid = Table(
        title=Text(f"{report.before} → {report.after}"),
        caption=Text(caption(report)),
        caption_justify="right",
    )
    grid.add_column(Text(""), no_wrap=False)
    grid.add_column(Text(""), no_wrap=True)
    for year in report.years:
        grid.add_column(Text(str(year)), justify="right", no_wrap=True)
    grid.add_column(Text(LABELS["total"]), justify="right", no_wrap=True)
    for index, row in enumerate(report.rows):
        if index:
            grid.add_section()
        for side, label in SIDES:
            if side == "change":
                cells = [_styled_change(row.category, side_value(c, side), places) for c in row.values]
            else:
                cells = [Text(danish(side_value(c, side), places)) for c in row.values]
            first = Text(row.label) if side == "before" else Text("")
            style = "bold" if row.category == "residual" else None
            grid.add_row(first, Text(label), *cells, style=style)
    return Group(grid, *(Text(line) for line in comparison_notes(report)))


def due_table(rows: list[DueRow], year: int) -> Table:
    grid = Table(title=Text(f"Beslutninger ved budget {year}"))
    for head in ("Fil", "Projekt", "Årsag", "Udgift pr. år"):
        grid.add_column(Text(head))
    for row in rows:
        costs = "; ".join(f"{y}: {danish(a, places(row.unit, row.costs.values()))}" for y, a in row.costs.items())
        grid.add_row(
            Text(row.path),
            Text(f"{row.name} ({row.project})"),
            Text(REASONS[row.reason]),
            Text(f"{costs} {row.unit.value}" if costs else "-"),
        )
    return grid


def print_wide(renderable, console: Console) -> None:
    """Print RENDERABLE; in a pipe or a file, never wrap: as wide as it needs."""
    if not console.is_terminal:
        wide = console.options.update_width(100_000)
        console.width = max(80, console.measure(renderable, options=wide).maximum)
    console.print(renderable)
