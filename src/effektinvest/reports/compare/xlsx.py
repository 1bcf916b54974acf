"""`compare --format xlsx`: before, after and change per row, a row each, as the table shows them
(`formats.workbook`). A closed year's head is its year as a number shown '2024 afsl.'; its after and change
cells are empty."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook

from effektinvest.core.display_context import TOTAL, visible
from effektinvest.formats.workbook import PERCENT, POINTS, Sheet, amount_format, label_width, save
from effektinvest.model.numbers import EXACT
from effektinvest.reports import Options
from effektinvest.reports.compare.analysis import Change
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


def xlsx(report: CompareReport, options: Options) -> bytes:
    """Coverage before and after as JSON has it (the 4-decimal fractions, percent cells); its change in
    percentage points (JSON's fraction times 100: 0.0307 -> 3.07), shown '+3,1 pct.-point' as in the table."""
    table = rows(report)
    shown = decimals_for(report, table, options.decimals)
    formats = {side: amount_format(shown, signed=side == "change") for side, _ in (*SIDES, ACTUAL)}
    percents = {side: POINTS if side == "change" else PERCENT for side, _ in (*SIDES, ACTUAL)}
    coverages = [_coverage(column.coverage) for column in report.columns]
    workbook = Workbook(write_only=True)
    count = len(report.years)
    widths = {1: label_width(visible(row.label) for row in table), 2: 10, **{i: 14 for i in range(3, count + 4)}}
    sheet = Sheet(workbook, "Sammenligning", widths)
    closed = {year: f'0" {CLOSED}"' for year in report.comparison.closed}  # each year a number, '2024 afsl.'
    sheet.head(report.title, caption(report), ["", "", *report.years, TOTAL], labels=2, formats=closed)
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


def _coverage(change: Change) -> dict[str, Decimal | None]:
    """A column's coverage by side: before, after and the actual as fractions, the change in points."""
    before, after, moved = coverage_sides(change)
    points = None if moved is None else moved.scaleb(2, EXACT)
    return {"before": before, "after": after, "change": points, "actual": change.actual}
