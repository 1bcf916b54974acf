"""`compare` on a terminal: before, after and change per row, a change red where it makes the gap worse
and green where it helps (`formats.grid`)."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Group
from rich.text import Text

from effektinvest.core.display_context import danish, signed, visible
from effektinvest.formats.grid import grid, texts
from effektinvest.formats.lean import pieces
from effektinvest.reports import Options
from effektinvest.reports.compare.view import (
    CompareReport,
    coverage_text,
    decimals_for,
    rounding_note,
    rows,
    side_value,
)
from effektinvest.reports.gap.view import caption


def _styled_change(category: str, value: Decimal | None, decimals: int) -> Text | str:
    """A signed change, red where it makes the gap worse and green where it helps (on a terminal); a closed
    year's: empty. (A cell without a colour is its text: a grid shows it as its Text, and keeps it lean.)"""
    if value is None:
        return ""
    text = signed(value, decimals)
    if value == 0:
        return text
    worse = (value > 0) == (category in {"cost", "residual"})
    return Text(text, style="red" if worse else "green")


def _coverage_change(change, side: str) -> Text | str:
    """A coverage cell; its change green where coverage rises, red where it falls (on a terminal)."""
    text = coverage_text(change, side)
    if side != "change" or text == "-" or text.startswith("0"):
        return text
    return Text(text, style="green" if text.startswith("+") else "red")


def _amount(value: Decimal | None, decimals: int) -> str:
    return "" if value is None else danish(value, decimals)


def table(report: CompareReport, options: Options) -> Group:
    table_rows = rows(report)
    shown = decimals_for(report, table_rows, options.decimals)
    lines = []  # (row, side, cells: a str, or a Text with a colour)
    for row in table_rows:
        for side, label in report.sides:
            if row.category == "coverage":
                values = [_coverage_change(c, side) for c in row.values]
            elif side == "change":
                values = [_styled_change(row.category, side_value(c, side), shown) for c in row.values]
            else:
                values = [_amount(side_value(c, side), shown) for c in row.values]
            lines.append((row, side, [visible(row.label) if side == "before" else "", label, *values]))
    body = [[cell if type(cell) is str else cell.plain for cell in cells] for _, _, cells in lines]
    out = grid(report.title, caption(report), ["", "", *report.heads()], body, 2)
    for row, side, cells in lines:
        if side == "before" and row is not table_rows[0]:
            out.add_section()
        out.add_row(*cells, style="bold" if row.category == "residual" else None)
    note = rounding_note(table_rows, shown)
    return Group(*pieces(out), *texts([*([note] if note else []), *report.notes()]))  # (pieces: a chunk at a time)
