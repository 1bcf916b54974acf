"""`due` on a terminal: a row per decision due at the budget: why it is due, what the file decides, and its
costs, in the report's one unit (the caption)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from effektinvest.core.display_context import NONE, caption, danish, visible
from effektinvest.formats.grid import text_grid
from effektinvest.reports import Options
from effektinvest.reports.due.view import DueReport, decimals, decision, reason_text


def table(report: DueReport, options: Options) -> Table:
    shown = decimals(report, options.decimals)
    body = [
        [
            visible(row.path),
            visible(f"{row.name} ({row.project})"),
            reason_text(row),
            decision(row),
            "; ".join(f"{y}: {danish(a, shown)}" for y, a in row.costs.items()) or NONE,
        ]
        for row in report.rows
    ]
    heads = ["Fil", "Projekt", "Årsag", "Beslutning", "Udgift pr. år"]
    unit = caption(report.unit, None) if report.rows else None
    out = text_grid(Text(f"Beslutninger ved budget {report.budget}"), unit, heads, body)
    for cells in body:
        out.add_row(*(Text(cell) for cell in cells))
    return out
