"""`gap --format xlsx`: the gap table as a sheet, and a native stacked column chart of the financing per source
and the residual per year (`formats.workbook`)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import NumFmt
from openpyxl.utils import get_column_letter

from effektinvest.core.display_context import TOTAL, visible
from effektinvest.formats.workbook import HEAD_ROW, PERCENT, Sheet, amount_format, label_width, save
from effektinvest.reports import Options
from effektinvest.reports.gap.repayment_view import foot_lines as repayment_lines
from effektinvest.reports.gap.view import (
    Report,
    caption,
    decimals_for,
    funding_lines,
    inactive_lines,
    rounding_note,
    rows,
)


def xlsx(report: Report, options: Options) -> bytes:
    table = rows(report)
    shown = decimals_for(report, options.decimals, table)
    number_format = amount_format(shown)
    workbook = Workbook(write_only=True)
    count = len(report.years)
    widths = {1: label_width(visible(row.label) for row in table), **{i: 14 for i in range(2, count + 3)}}
    sheet = Sheet(workbook, f"Budget {report.budget_year}", widths)
    sheet.head(report.title, caption(report), [f"Budget {report.budget_year}", *report.years, TOTAL])
    for row in table:
        bold = not row.id
        if row.category == "coverage":
            values = [sheet.number(value, PERCENT, bold) for value in row.values]
        else:
            values = [sheet.number(value, number_format, bold) for value in row.values]
        sheet.ws.append([sheet.text(row.label, bold), *values])
    note = rounding_note(table, shown)
    sheet.foot(
        [
            *([note] if note else []),
            *funding_lines(report),
            *repayment_lines(report, shown),
            *inactive_lines(report, shown),
        ]
    )
    if count:
        series = [HEAD_ROW + 1 + i for i, row in enumerate(table) if row.category in ("financing", "residual")]
        chart = _chart(sheet.ws, report, series, count, number_format)
        sheet.ws.add_chart(chart, f"{get_column_letter(count + 4)}{HEAD_ROW}")
    return save(workbook, report.title)


def _chart(ws, report: Report, series: list[int], count: int, number_format: str) -> BarChart:
    """Stacked columns, one per budget year: each paying source's row and the residual's row (SERIES); the
    value axis in the cells' NUMBER_FORMAT."""
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = "Finansiering og restfinansiering"
    chart.y_axis.title = caption(report)
    chart.y_axis.numFmt = NumFmt(formatCode=number_format, sourceLinked=False)  # the cells' format
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides the axes unless told
    chart.width, chart.height = 18, 9
    for row in series:
        data = Reference(ws, min_col=1, max_col=count + 1, min_row=row, max_row=row)
        chart.add_data(data, from_rows=True, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, max_col=count + 1, min_row=HEAD_ROW, max_row=HEAD_ROW))
    return chart
