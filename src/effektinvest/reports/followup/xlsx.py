"""`follow-up --format xlsx`: the table's rows as a sheet, every figure a number cell; a figure where the plan
stood in for a missing actual in italics, said under the table (`formats.workbook`)."""

from __future__ import annotations

from openpyxl import Workbook

from effektinvest.core.display_context import caption, visible
from effektinvest.formats.workbook import PERCENT, Sheet, amount_format, font, label_width, save
from effektinvest.reports import Options
from effektinvest.reports.followup.rows import MARK_NOTE, decimals_for, heads, lines, notes
from effektinvest.reports.followup.view import FollowUpReport

ITALIC_NOTE = "Kursiv: planen står i stedet for et regnskabstal, der mangler i filen (advarslen actual-missing)."


def xlsx(report: FollowUpReport, options: Options) -> bytes:
    table = lines(report)
    shown = decimals_for(report, table, options.decimals)
    formats = {"amount": amount_format(shown), "change": amount_format(shown, signed=True), "count": "#,##0"}
    formats["rate"] = PERCENT
    workbook = Workbook(write_only=True)
    count = len(report.years) + 1
    widths = {1: label_width(visible(line.label) for line in table), 2: 30, **{i: 14 for i in range(3, count + 3)}}
    sheet = Sheet(workbook, f"Opfølgning {report.budget_year}", widths)
    header = [f"Budget {report.budget_year}", "", *heads(report)]
    sheet.head(report.title, caption(report.unit, report.price_level), header, labels=2)
    for line in table:
        values = []
        for value, marked in zip(line.values, line.marked, strict=True):
            number = sheet.number(value, formats[line.kind], line.bold)
            if marked and number is not None:
                number.font = font(line.bold, italic=True)
            values.append(number)
        sheet.ws.append([sheet.text(line.label, line.bold), sheet.text(line.detail, line.bold), *values])
    sheet.foot([ITALIC_NOTE if note == MARK_NOTE else note for note in notes(report, table, shown)])
    return save(workbook, report.title)
