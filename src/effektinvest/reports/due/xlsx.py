"""`due --format xlsx`: a row per decision (`formats.workbook`)."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook

from effektinvest.core.display_context import TOTAL, places
from effektinvest.formats.workbook import Sheet, amount_format, save
from effektinvest.reports import Options
from effektinvest.reports.due.view import REASONS, DueReport


def xlsx(report: DueReport, options: Options) -> bytes:
    """File, project, id, reason, unit, the cost per year (in the file's unit) and its total."""
    years = sorted({year for row in report.rows for year in row.costs})
    workbook = Workbook(write_only=True)
    widths = {1: 30, 2: 30, 3: 16, 4: 20, 5: 10, **{i: 14 for i in range(6, len(years) + 7)}}
    sheet = Sheet(workbook, f"Beslutninger {report.budget}", widths)
    title = f"Beslutninger ved budget {report.budget}"
    header = ["Fil", "Projekt", "Id", "Årsag", "Enhed", *years, TOTAL]
    sheet.head(title, "beløb i hver fils enhed", header)
    for row in report.rows:
        number_format = amount_format(places(row.unit, row.costs.values()))
        total = sum(row.costs.values(), Decimal(0)) if row.costs else None
        costs = [sheet.number(row.costs.get(year), number_format) for year in years]
        head = [sheet.text(row.path), sheet.text(row.name), sheet.text(row.project), sheet.text(REASONS[row.reason])]
        sheet.ws.append([*head, sheet.text(row.unit.value), *costs, sheet.number(total, number_format)])
    return save(workbook, title)
