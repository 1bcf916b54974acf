"""The terminal table (Rich): budget years as columns, as in a Danish budget note. Every text a user
wrote goes in as a Rich Text, never as markup."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from rich.console import Group
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from effektinvest.core.display_context import amount, danish, places, signed, visible
from effektinvest.reports import Options
from effektinvest.reports.gap.view import (
    LABELS,
    Report,
    caption,
    cells,
    decimals_for,
    funding_lines,
    inactive_lines,
    rounding_note,
    rows,
)

if TYPE_CHECKING:
    from effektinvest.reports.compare.view import CompareReport
    from effektinvest.reports.due.view import DueReport

# (The views of compare, due, --explain and --by project are imported where they are used: `gap`, the
# command a user runs most, starts without them; docs/performance.md, "Start-up".)

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
    blocks = []
    if report.by_project is not None:  # --by project
        from effektinvest.reports.gap.by_project_view import project_rows

        blocks = project_rows(report)
    shown = decimals_for(report, options.decimals, (*table, *(row for _, block in blocks for row in block)))
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
    foot = [*([note] if note else []), *funding_lines(report), *inactive_lines(report, shown)]
    more = [_by_project(report, blocks, shown)] if blocks else []
    if report.explained is not None:  # --explain: one Text, however many lines (a Text each is slow)
        from effektinvest.reports.gap.explain_view import text as explain_text

        more.append(Text("\n".join(visible(line) for line in explain_text(report))))
    return Group(grid, *(Text(visible(line)) for line in foot), *more)


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
    grid = _grid(BY_PROJECT, caption(report), ["Projekt", *_years(report.years)], [line for _, line in lines])
    for row, line in lines:
        if row.category == "cost" and row is not blocks[0][1][0]:
            grid.add_section()
        style = "bold" if row.category in ("cost", "residual") else None
        grid.add_row(*(Text(cell) for cell in line), style=style)
    notes = {rounding_note(block, shown) for _, block in blocks} - {None}
    return Group(grid, *(Text(note) for note in notes))


def _styled_change(category: str, value: Decimal, decimals: int) -> Text:
    """A signed change, red where it makes the gap worse and green where it helps (on a terminal)."""
    text = signed(value, decimals)
    if value == 0:
        return Text(text)
    worse = (value > 0) == (category in {"cost", "residual"})
    return Text(text, style="red" if worse else "green")


def _coverage_change(change, side: str) -> Text:
    """A coverage cell; its change green where coverage rises, red where it falls (on a terminal)."""
    from effektinvest.reports.compare.view import coverage_text

    text = coverage_text(change, side)
    if side != "change" or text == "-" or text.startswith("0"):
        return Text(text)
    return Text(text, style="green" if text.startswith("+") else "red")


def compare(report: CompareReport, options: Options) -> Group:
    from effektinvest.reports.compare.view import SIDES, side_value
    from effektinvest.reports.compare.view import decimals_for as compare_decimals
    from effektinvest.reports.compare.view import rounding_note as compare_rounding_note
    from effektinvest.reports.compare.view import rows as compare_rows

    table = compare_rows(report)
    shown = compare_decimals(report, table, options.decimals)
    lines = []  # (row, side, cells as Text)
    for row in table:
        for side, label in SIDES:
            if row.category == "coverage":
                values = [_coverage_change(c, side) for c in row.values]
            elif side == "change":
                values = [_styled_change(row.category, side_value(c, side), shown) for c in row.values]
            else:
                values = [Text(danish(side_value(c, side), shown)) for c in row.values]
            lines.append((row, side, [Text(visible(row.label) if side == "before" else ""), Text(label), *values]))
    body = [[cell.plain for cell in texts] for _, _, texts in lines]
    grid = _grid(report.title, caption(report), ["", "", *_years(report.years)], body, 2)
    for row, side, texts in lines:
        if side == "before" and row is not table[0]:
            grid.add_section()
        grid.add_row(*texts, style="bold" if row.category == "residual" else None)
    note = compare_rounding_note(table, shown)
    return Group(grid, *(Text(visible(line)) for line in [*([note] if note else []), *report.notes()]))


def due(report: DueReport, options: Options) -> Table:
    from effektinvest.reports.due.view import REASONS

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


def savings(report, options: Options) -> Group:
    """One realisation: a column a year and the total, the municipal pockets above state and region, the key
    figures below. Several: the sensitivity table, a row per realisation."""
    from effektinvest.reports.savings import keys, sensitivity, view

    shown = view.decimals_for(report, options.decimals)
    foot_shown = keys.foot_decimals(report, shown, options.decimals)
    inactive = keys.inactive_lines(report, foot_shown)
    if report.sensitivity:
        lines = (sensitivity.cells(report, row, shown, foot_shown) for row in sensitivity.rows(report))
        body = [[visible(cell) for cell in line] for line in lines]
        grid = _grid(report.title, view.caption(report), list(sensitivity.HEADS), body)
        grid.columns[-1].justify = "left"  # the sources with a shortfall: text
        for line in body:
            grid.add_row(*(Text(cell) for cell in line))
        return Group(grid, *(Text(visible(line)) for line in inactive))
    result = report.results[0]
    table = view.rows(report, result)
    body = [[visible(row.label), row.detail, *(amount(v, shown) for v in row.values)] for row in table]
    heads = [f"Budget {report.budget_year}", "", *_years(tuple(result.years))]
    grid = _grid(report.title, view.caption(report, result), heads, body, 2)
    starts = view.section_starts(table)
    for index, (row, line) in enumerate(zip(table, body, strict=True)):
        if index in starts:
            grid.add_section()
        plain_row = row.id or row.category.endswith("cumulative")
        grid.add_row(*(Text(cell) for cell in line), style=None if plain_row else "bold")
    note = view.rounding_note(table, shown)
    foot = [*([note] if note else []), *keys.key_lines(report, result, shown, options.decimals), *inactive]
    return Group(grid, *(Text(visible(line)) for line in foot))
