"""The workbook toolkit (openpyxl, write-only): a sheet written a row at a time, with exact number cells,
number formats and text that is never a formula. It knows no report; each report's `xlsx.py` fills a sheet
(docs/cli.md, "--format xlsx"). Imported only when xlsx is asked for: openpyxl is not loaded by any other format.

A sheet is a table: the title and the caption (unit, price level) above it, the budget years as columns and a
total column. Every amount is a number cell holding the exact figure, with a number format showing its
decimals and a thousands separator; a fraction is a number cell with a percent format. Values, never
formulas; text a user wrote is shown by `display_context.visible` (no control character reaches the file) and
is always a text cell, even when it begins with '='.

Exact numbers: openpyxl writes a number cell's value through a float (`%.16g`). Here the cell is made a
number cell from the Decimal, then given the Decimal's exact digits as its text (`numbers.plain`:
`<v>10.35</v>`), so the file holds the figure exactly; Excel and every reader then read it as a binary double,
which gives the figure back exactly up to 15 significant digits (every amount below 10,000 billion kr. to
the øre).
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from effektinvest.core.display_context import decimals_needed, visible
from effektinvest.model.numbers import EXACT, plain

PERCENT = "0.0%"
_BOLD = Font(bold=True)
HEAD_ROW = 4  # title, caption, an empty row, then the header


def amount_format(decimals: int, signed: bool = False) -> str:
    """The number format of an amount: a thousands separator and DECIMALS places ('#,##0.00'); SIGNED: a
    change, shown with its sign."""
    shown = "#,##0" + ("." + "0" * decimals if decimals else "")
    return f"+{shown};-{shown};{shown}" if signed else shown


class Sheet:
    """One write-only sheet, written a row at a time."""

    def __init__(self, workbook: Workbook, title: str, widths: dict[int, float]):
        self.ws = workbook.create_sheet(title)
        for column, width in widths.items():  # before any row: a write-only sheet writes its columns first
            self.ws.column_dimensions[get_column_letter(column)].width = width

    def text(self, value: str, bold: bool = False):
        """A text cell, never a formula: openpyxl takes a text beginning with '=' for one, unless told."""
        cell = WriteOnlyCell(self.ws, value=visible(value))
        cell.data_type = "s"
        if bold:
            cell.font = _BOLD
        return cell

    def number(self, value: Decimal | int | None, number_format: str, bold: bool = False):
        """A number cell holding VALUE exactly (see the module's docstring); None: an empty cell."""
        if value is None:
            return None
        cell = WriteOnlyCell(self.ws, value=value)  # a number cell ('n')...
        cell._value = plain(Decimal(value))  # ... whose text in the file is the exact digits
        cell.number_format = number_format
        if bold:
            cell.font = _BOLD
        return cell

    def head(self, title: str, caption_text: str, header: list) -> None:
        self.ws.append([self.text(title, bold=True)])
        self.ws.append([self.text(caption_text)])
        self.ws.append([])
        self.ws.append([self.number(h, "0", True) if isinstance(h, int) else self.text(h, True) for h in header])

    def foot(self, lines: list[str]) -> None:
        if lines:
            self.ws.append([])
        for line in lines:
            self.ws.append([self.text(line)])


def label_width(labels) -> float:
    return min(60, max([12, *(len(label) + 2 for label in labels)]))


def save(workbook: Workbook, title: str) -> bytes:
    workbook.properties.title = visible(title)  # docProps/core.xml: no control character, or it is not XML
    workbook.properties.creator = "effektinvest"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def percent_format(value: Decimal) -> str:
    """A percent format with the decimals VALUE needs as a percentage: 1 -> '0%', 0.1932 -> '0.00%'."""
    needed = decimals_needed(value.scaleb(2, EXACT))
    return "0" + ("." + "0" * needed if needed else "") + "%"
