"""xlsx: the report as an Excel workbook (openpyxl, write-only), one sheet per report (docs/cli.md, "--format
xlsx"). Imported only when xlsx is asked for: openpyxl is not loaded by any other format.

The sheet is the table: the title and the caption (unit, price level) above it, the budget years as columns
and a total column. Every amount is a number cell holding the exact figure, with a number format showing
its decimals and a thousands separator; coverage is a number cell with a percent format. Values, never
formulas; text a user wrote is shown by `cells.visible` (no control character reaches the file) and is always
a text cell, even when it begins with '='. The gap sheet has a native stacked column chart.

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
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from effektinvest.core.display_context import places, visible
from effektinvest.model.numbers import plain
from effektinvest.reports import Options
from effektinvest.reports.compare.view import SIDES, CompareReport, coverage_sides, side_value
from effektinvest.reports.compare.view import decimals_for as compare_decimals
from effektinvest.reports.compare.view import rounding_note as compare_rounding_note
from effektinvest.reports.compare.view import rows as compare_rows
from effektinvest.reports.due.view import REASONS, DueReport
from effektinvest.reports.gap.view import (
    LABELS,
    Report,
    caption,
    decimals_for,
    funding_lines,
    inactive_lines,
    rounding_note,
    rows,
)

PERCENT = "0.0%"
_BOLD = Font(bold=True)
_HEAD_ROW = 4  # title, caption, an empty row, then the header


def amount_format(decimals: int, signed: bool = False) -> str:
    """The number format of an amount: a thousands separator and DECIMALS places ('#,##0.00'); SIGNED: a
    change, shown with its sign."""
    shown = "#,##0" + ("." + "0" * decimals if decimals else "")
    return f"+{shown};-{shown};{shown}" if signed else shown


class _Sheet:
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


def _label_width(labels) -> float:
    return min(60, max([12, *(len(label) + 2 for label in labels)]))


def _save(workbook: Workbook, title: str) -> bytes:
    workbook.properties.title = visible(title)  # docProps/core.xml: no control character, or it is not XML
    workbook.properties.creator = "effektinvest"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def gap(report: Report, options: Options) -> bytes:
    """The gap table, and a stacked column chart of the financing per source and the residual per year."""
    table = rows(report)
    shown = decimals_for(report, options.decimals, table)
    number_format = amount_format(shown)
    workbook = Workbook(write_only=True)
    count = len(report.years)
    widths = {1: _label_width(visible(row.label) for row in table), **{i: 14 for i in range(2, count + 3)}}
    sheet = _Sheet(workbook, f"Budget {report.budget_year}", widths)
    sheet.head(report.title, caption(report), [f"Budget {report.budget_year}", *report.years, LABELS["total"]])
    for row in table:
        bold = not row.id
        if row.category == "coverage":
            values = [sheet.number(value, PERCENT, bold) for value in row.values]
        else:
            values = [sheet.number(value, number_format, bold) for value in row.values]
        sheet.ws.append([sheet.text(row.label, bold), *values])
    note = rounding_note(table, shown)
    sheet.foot([*([note] if note else []), *funding_lines(report), *inactive_lines(report, shown)])
    if count:
        series = [_HEAD_ROW + 1 + i for i, row in enumerate(table) if row.category in ("financing", "residual")]
        sheet.ws.add_chart(_chart(sheet.ws, report, series, count), f"{get_column_letter(count + 4)}{_HEAD_ROW}")
    return _save(workbook, report.title)


def _chart(ws, report: Report, series: list[int], count: int) -> BarChart:
    """Stacked columns, one per budget year: each paying source's row and the residual's row (SERIES)."""
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = "Finansiering og restfinansiering"
    chart.y_axis.title = caption(report)
    chart.y_axis.numFmt = "#,##0.00"
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides the axes unless told
    chart.width, chart.height = 18, 9
    for row in series:
        data = Reference(ws, min_col=1, max_col=count + 1, min_row=row, max_row=row)
        chart.add_data(data, from_rows=True, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, max_col=count + 1, min_row=_HEAD_ROW, max_row=_HEAD_ROW))
    return chart


def compare(report: CompareReport, options: Options) -> bytes:
    """Before, after and change per row, a row each, as the table shows them; coverage as JSON has it (the
    4-decimal fractions; the change in percentage points, shown signed)."""
    table = compare_rows(report)
    shown = compare_decimals(report, table, options.decimals)
    formats = {side: amount_format(shown, signed=side == "change") for side, _ in SIDES}
    percents = {side: "+0.0%;-0.0%;0.0%" if side == "change" else PERCENT for side, _ in SIDES}
    coverages = [dict(zip(formats, coverage_sides(column.coverage), strict=True)) for column in report.columns]
    workbook = Workbook(write_only=True)
    count = len(report.years)
    widths = {1: _label_width(visible(row.label) for row in table), 2: 10, **{i: 14 for i in range(3, count + 4)}}
    sheet = _Sheet(workbook, "Sammenligning", widths)
    sheet.head(report.title, caption(report), ["", "", *report.years, LABELS["total"]])
    for row in table:
        bold = not row.id
        for side, label in SIDES:
            first = sheet.text(row.label, bold) if side == "before" else None
            if row.category == "coverage":
                values = [sheet.number(column[side], percents[side], bold) for column in coverages]
            else:
                values = [sheet.number(side_value(change, side), formats[side], bold) for change in row.values]
            sheet.ws.append([first, sheet.text(label), *values])
    note = compare_rounding_note(table, shown)
    sheet.foot([*([note] if note else []), *report.notes()])
    return _save(workbook, report.title)


def due(report: DueReport, options: Options) -> bytes:
    """A row per decision: file, project, id, reason, unit, the cost per year (in the file's unit) and its
    total."""
    years = sorted({year for row in report.rows for year in row.costs})
    workbook = Workbook(write_only=True)
    widths = {1: 30, 2: 30, 3: 16, 4: 20, 5: 10, **{i: 14 for i in range(6, len(years) + 7)}}
    sheet = _Sheet(workbook, f"Beslutninger {report.budget}", widths)
    title = f"Beslutninger ved budget {report.budget}"
    header = ["Fil", "Projekt", "Id", "Årsag", "Enhed", *years, LABELS["total"]]
    sheet.head(title, "beløb i hver fils enhed", header)
    for row in report.rows:
        number_format = amount_format(places(row.unit, row.costs.values()))
        total = sum(row.costs.values(), Decimal(0)) if row.costs else None
        costs = [sheet.number(row.costs.get(year), number_format) for year in years]
        head = [sheet.text(row.path), sheet.text(row.name), sheet.text(row.project), sheet.text(REASONS[row.reason])]
        sheet.ws.append([*head, sheet.text(row.unit.value), *costs, sheet.number(total, number_format)])
    return _save(workbook, title)


def savings(report, options: Options) -> bytes:
    """The savings table and its key figures, or the sensitivity table (render/xlsx_savings.py)."""
    from effektinvest.reports.savings.xlsx import savings as savings_sheet

    return savings_sheet(report, options)
