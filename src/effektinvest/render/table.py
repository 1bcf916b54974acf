"""The terminal table (Rich): budget years as columns, as in a Danish budget note. Every text a user
wrote goes in as a Rich Text, never as markup."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Group
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from effektinvest.render import Options
from effektinvest.render.cells import danish, places, signed, visible
from effektinvest.render.compare_view import SIDES, CompareReport, side_value
from effektinvest.render.compare_view import decimals_for as compare_decimals
from effektinvest.render.compare_view import rows as compare_rows
from effektinvest.render.due_view import REASONS, DueReport
from effektinvest.render.gap_view import (
    LABELS,
    Report,
    caption,
    cells,
    decimals_for,
    inactive_lines,
    rounding_note,
    rows,
)

_SECTIONS = {"financing", "financed", "residual"}  # a rule above the first row of each
_STYLES = {"residual": "bold", "financed": "bold"}


_LABEL_MIN = 10  # a label column is never narrower than this (or its longest word, up to _LABEL_WORD)
_LABEL_WORD = 16  # a longer word is folded


class _Grid(Table):
    """A table whose narrowest useful width is its number columns at full width and its label columns at
    their minimum (Rich would count each label's longest word): narrower than that, a number would be cut."""

    def __rich_measure__(self, console, options):
        natural = super().__rich_measure__(console, options)
        chrome = len(self.columns) + 1 + 2 * len(self.columns)  # the rules between columns, and padding
        least = chrome + sum(column.min_width or 0 for column in self.columns)
        return Measurement(min(least, natural.maximum), natural.maximum)


def _grid(title: str, caption_text: str, heads: list[str], body: list[list[str]], labels: int = 1) -> Table:
    """A table whose first LABELS columns hold text, then a right-aligned column a year and the total.

    On a narrow terminal a number is never cut: each number column is at least as wide as its widest
    cell, and the first label column wraps instead (words longer than _LABEL_WORD are folded). A table
    that cannot fit even so is printed at its natural width by `streams.emit`."""
    grid = _Grid(title=Text(visible(title)), caption=Text(caption_text), caption_justify="right")
    words = [len(word) for line in body for word in line[0].split()] or [0]
    grid.add_column(Text(heads[0]), min_width=max(_LABEL_MIN, min(max(words), _LABEL_WORD)), overflow="fold")
    for index in range(1, labels):
        width = max(len(line[index]) for line in body) if body else 0
        grid.add_column(Text(heads[index]), no_wrap=True, min_width=width)
    for index in range(labels, len(heads)):
        width = max([len(heads[index]), *(len(line[index]) for line in body)])
        grid.add_column(Text(heads[index]), justify="right", no_wrap=True, min_width=width)
    return grid


def _years(years: tuple[int, ...]) -> list[str]:
    return [*(str(year) for year in years), LABELS["total"]]


def gap(report: Report, options: Options) -> Group:
    table = rows(report)
    shown = decimals_for(report, options.decimals, table)
    body = [[visible(row.label), *cells(report, row, shown)] for row in table]
    grid = _grid(report.title, caption(report), [f"Budget {report.budget_year}", *_years(report.years)], body)
    previous = None
    for row, line in zip(table, body, strict=True):
        if previous is not None and row.category != previous and row.category in _SECTIONS:
            grid.add_section()
        previous = row.category
        style = "bold" if row.category == "cost" and not row.id else _STYLES.get(row.category)
        grid.add_row(*(Text(cell) for cell in line), style=style)
    note = rounding_note(table, shown)
    foot = [*([note] if note else []), *inactive_lines(report, shown)]
    return Group(grid, *(Text(visible(line)) for line in foot))


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
    lines = []  # (row, side, cells as Text)
    for row in table:
        for side, label in SIDES:
            if side == "change":
                values = [_styled_change(row.category, side_value(c, side), shown) for c in row.values]
            else:
                values = [Text(danish(side_value(c, side), shown)) for c in row.values]
            lines.append((row, side, [Text(visible(row.label) if side == "before" else ""), Text(label), *values]))
    body = [[cell.plain for cell in texts] for _, _, texts in lines]
    grid = _grid(f"{report.before} → {report.after}", caption(report), ["", "", *_years(report.years)], body, 2)
    for row, side, texts in lines:
        if side == "before" and row is not table[0]:
            grid.add_section()
        grid.add_row(*texts, style="bold" if row.category == "residual" else None)
    return Group(grid, *(Text(visible(line)) for line in report.notes()))


def due(report: DueReport, options: Options) -> Table:
    grid = Table(title=Text(f"Beslutninger ved budget {report.budget}"))
    for head in ("Fil", "Projekt", "Årsag", "Udgift pr. år"):
        grid.add_column(Text(head))
    for row in report.rows:
        shown = places(row.unit, row.costs.values())
        costs = "; ".join(f"{y}: {danish(a, shown)}" for y, a in row.costs.items())
        grid.add_row(
            Text(visible(row.path)),
            Text(visible(f"{row.name} ({row.project})")),
            Text(REASONS[row.reason]),
            Text(f"{costs} {row.unit.value}" if costs else "-"),
        )
    return grid
