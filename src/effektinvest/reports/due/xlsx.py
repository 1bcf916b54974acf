"""`due --format xlsx`: a row per decision (`formats.workbook`)."""

from __future__ import annotations

from openpyxl import Workbook

from effektinvest.core.display_context import TOTAL
from effektinvest.core.exact import exact_sum
from effektinvest.formats.workbook import Sheet, amount_format, save
from effektinvest.reports import Options
from effektinvest.reports.due.view import DueReport, decimals, decision, reason_text


def xlsx(report: DueReport, options: Options) -> bytes:
    """File, project, id, reason, decision, unit, the cost per year (in the report's unit) and its total."""
    years = sorted({year for row in report.rows for year in row.costs})
    workbook = Workbook(write_only=True)
    widths = {1: 30, 2: 30, 3: 16, 4: 34, 5: 26, 6: 10, **{i: 14 for i in range(7, len(years) + 8)}}
    sheet = Sheet(workbook, f"Beslutninger {report.budget}", widths)
    title = f"Beslutninger ved budget {report.budget}"
    header = ["Fil", "Projekt", "Id", "Årsag", "Beslutning", "Enhed", *years, TOTAL]
    sheet.head(title, report.unit.value, header, labels=6)
    number_format = amount_format(decimals(report, options.decimals))
    for row in report.rows:
        total = exact_sum(row.costs.values()) if row.costs else None
        costs = [sheet.number(row.costs.get(year), number_format) for year in years]
        head = [sheet.text(row.path), sheet.text(row.name), sheet.text(row.project)]
        words = [sheet.text(reason_text(row)), sheet.text(decision(row)), sheet.text(row.unit.value)]
        sheet.ws.append([*head, *words, *costs, sheet.number(total, number_format)])
    return save(workbook, title)
