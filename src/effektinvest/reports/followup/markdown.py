"""`follow-up --format markdown`: the table's rows (cost and the residual in bold), the legend and the notes as a
list (`formats.markdown`)."""

from __future__ import annotations

from effektinvest.core.display_context import caption
from effektinvest.formats.markdown import bold, document, foot, head, markdown_text, row
from effektinvest.reports import Options
from effektinvest.reports.followup.rows import cell, decimals_for, heads, lines, notes
from effektinvest.reports.followup.view import FollowUpReport


def markdown(report: FollowUpReport, options: Options) -> str:
    table = lines(report)
    places = decimals_for(report, table, options.decimals)
    title = f"{report.title} (opfølgning, budget {report.budget_year})"
    out = head(title, [caption(report.unit, report.price_level), ""], heads(report)[:-1])
    for line in table:
        label = markdown_text(line.label)
        cells = [markdown_text(cell(line, i, places)) for i in range(len(line.values))]
        if line.bold:
            label, cells = bold([label])[0], bold(cells)
        out.append(row([label, line.detail, *cells]))
    return document(out + foot(notes(report, table, places)))
