"""The workbook toolkit (openpyxl, write-only): a sheet written a row at a time, with exact number cells,
number formats and text that is never a formula. It knows no report; each report's `xlsx.py` fills a sheet
(docs/cli.md, "--format xlsx"). Imported only when xlsx is asked for: openpyxl is not loaded by any other format.

A sheet is a table: the title and the caption (unit, price level) above it, the budget years as columns and a
total column. Every amount is a number cell holding the exact figure, with a number format showing its
decimals and a thousands separator; a fraction is a number cell with a percent format. Values, never
formulas; text a user wrote is shown by `display_context.visible` (no control character reaches the file) and
is always a text cell, even when it begins with '='.

As printed (docs/cli.md, "--format xlsx"): every cell names one font (FONT at SIZE, bold or not: a cell whose
font has no name prints in another typeface); the heads of number columns are right-aligned like their
numbers; every sheet is A4 landscape, fitted to one page wide (as many pages down as it needs), with the
title, the caption and the header (rows 1 to HEAD_ROW) repeated on each page.

Exact numbers: openpyxl writes a number cell's value through a float (`%.16g`). Here the cell is made a
number cell from the Decimal, then given the Decimal's exact digits as its text (`numbers.plain`:
`<v>10.35</v>`), so the file holds the figure exactly; Excel and every reader then read it as a binary double,
which gives the figure back exactly up to 15 significant digits (every amount below 10,000 billion kr. to
the øre).

Speed: a cell's style is set once per kind of cell (`Sheet.styled`): setting a font or a number format looks
it up in the workbook's list by hashing it, which was a third of writing a 5,000-project sheet; every further
cell of the kind takes a copy of the first one's style ids, the same ids the lookups would give
(docs/performance.md, "The workbook at 5,000 projects").
"""

from __future__ import annotations

import io
from decimal import Decimal
from functools import cache

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from effektinvest.core.display_context import decimals_needed, visible
from effektinvest.model.numbers import EXACT, plain

PERCENT = "0.0%"
POINTS = '+0.0" pct.-point";-0.0" pct.-point";0.0" pct.-point"'  # a change of a percentage, in points
FONT, SIZE = "Arial", 10  # the Word note's font (LibreOffice: the metric-equal Liberation Sans), on every cell
HEAD_ROW = 4  # title, caption, an empty row, then the header
_RIGHT = Alignment(horizontal="right")


@cache  # one Font a style: the workbook keeps one entry for each, however many cells
def font(bold: bool = False, italic: bool = False) -> Font:
    """The one font, with its name and size, bold or italic as asked."""
    return Font(name=FONT, size=SIZE, bold=bold, italic=italic)


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
        setup = self.ws.page_setup
        setup.orientation, setup.paperSize = "landscape", Worksheet.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = 1, 0  # one page wide, as many pages down as it needs
        self.ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        self.ws.print_title_rows = f"1:{HEAD_ROW}"
        self.styles: dict[tuple, StyleArray] = {}  # (number format, bold, right) -> the style ids of such a cell

    def styled(self, cell: WriteOnlyCell, number_format: str | None, bold: bool, right: bool = False):
        """CELL in the one font (bold or not), with NUMBER_FORMAT, right-aligned if RIGHT: the first cell of
        each kind through openpyxl's setters, every further one given a copy of its style ids."""
        key = (number_format, bold, right)
        style = self.styles.get(key)
        if style is None:
            if number_format is not None:
                cell.number_format = number_format
            cell.font = font(bold)
            if right:
                cell.alignment = _RIGHT
            self.styles[key] = StyleArray(cell._style)
        else:
            cell._style = StyleArray(style)
        return cell

    def text(self, value: str, bold: bool = False, right: bool = False):
        """A text cell, never a formula: openpyxl takes a text beginning with '=' for one, unless told. RIGHT:
        right-aligned, as a text in a column of numbers ('ingen')."""
        cell = WriteOnlyCell(self.ws, value=visible(value))
        cell.data_type = "s"
        return self.styled(cell, None, bold, right)

    def number(self, value: Decimal | int | None, number_format: str, bold: bool = False):
        """A number cell holding VALUE exactly (see the module's docstring); None: an empty cell."""
        if value is None:
            return None
        cell = WriteOnlyCell(self.ws, value=value)  # a number cell ('n')...
        cell._value = plain(Decimal(value))  # ... whose text in the file is the exact digits
        return self.styled(cell, number_format, bold)

    def head(self, title: str, caption_text: str, header: list, labels: int = 1, formats=None) -> None:
        """Title, caption, an empty row, then HEADER in bold: its first LABELS cells head text columns, the
        rest number columns and are right-aligned; a year is a number cell (format '0', or FORMATS[year])."""
        self.ws.append([self.text(title, bold=True)])
        self.ws.append([self.text(caption_text)])
        self.ws.append([])
        cells = []
        for index, h in enumerate(header):
            cell = self.number(h, (formats or {}).get(h, "0"), True) if isinstance(h, int) else self.text(h, True)
            if index >= labels:
                cell.alignment = _RIGHT
            cells.append(cell)
        self.ws.append(cells)

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
