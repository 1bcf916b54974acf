"""`compare --format xlsx`: before, after and change per row, a row each, as the table shows them
(`formats.workbook`). A closed year's head is its year as a number shown '2024 afsl.'; its after and change
cells are empty."""

from __future__ import annotations

from openpyxl import Workbook

from effektinvest.core.display_context import TOTAL, visible
from effektinvest.formats.workbook import PERCENT, Sheet, amount_format, label_width, save
from effektinvest.reports import Options
from effektinvest.reports.compare.view import (
    ACTUAL,
    CLOSED,
    SIDES,
    CompareReport,
    coverage_sides,
    decimals_for,
    rounding_note,
    rows,
    side_value,
)
from effektinvest.reports.gap.view import caption


def _head(sheet: Sheet, report: CompareReport) -> None:
    """Title, caption, an empty row, then the header: each year a number ('2024 afsl.' when closed), 'I alt'."""
    if not report.comparison.closed:
        sheet.head(report.title, caption(report), ["", "", *report.years, TOTAL])
        return
    sheet.ws.append([sheet.text(report.title, bold=True)])
    sheet.ws.append([sheet.text(caption(report))])
    sheet.ws.append([])
    closed = report.comparison.closed
    years = [sheet.number(y, f'0" {CLOSED}"' if y in closed else "0", True) for y in report.years]
    sheet.ws.append([sheet.text("", True), sheet.text("", True), *years, sheet.text(TOTAL, True)])


def xlsx(report: CompareReport, options: Options) -> bytes:
    """Coverage as JSON has it (the 4-decimal fractions; the change in percentage points, shown signed)."""
    table = rows(report)
    shown = decimals_for(report, table, options.decimals)
    formats = {side: amount_format(shown, signed=side == "change") for side, _ in (*SIDES, ACTUAL)}
    percents = {side: "+0.0%;-0.0%;0.0%" if side == "change" else PERCENT for side, _ in (*SIDES, ACTUAL)}
    coverages = [
        {**dict(zip((side for side, _ in SIDES), coverage_sides(column.coverage), strict=True)),
         "actual": column.coverage.actual}
        for column in report.columns
    ]
    workbook = Workbook(write_only=True)
    count = len(report.years)
    widths = {1: label_width(visible(row.label) for row in table), 2: 10, **{i: 14 for i in range(3, count + 4)}}
    sheet = Sheet(workbook, "Sammenligning", widths)
    _head(sheet, report)
    for row in table:
        bold = not row.id
        for side, label in report.sides:
            first = sheet.text(row.label, bold) if side == "before" else None
            if row.category == "coverage":
                values = [sheet.number(column[side], percents[side], bold) for column in coverages]
            else:
                values = [sheet.number(side_value(change, side), formats[side], bold) for change in row.values]
            sheet.ws.append([first, sheet.text(label), *values])
    note = rounding_note(table, shown)
    sheet.foot([*([note] if note else []), *report.notes()])
    return save(workbook, report.title)
