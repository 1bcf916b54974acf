"""`due` on a terminal: a row per decision due at the budget: why it is due, what the file decides, and its
costs, in the report's one unit (the caption)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from effektinvest.core.display_context import NONE, caption, danish, visible
from effektinvest.reports import Options
from effektinvest.reports.due.view import DueReport, decimals, decision, reason_text


def table(report: DueReport, options: Options) -> Table:
    shown = decimals(report, options.decimals)
    out = Table(
        title=Text(f"Beslutninger ved budget {report.budget}"),
        caption=Text(caption(report.unit, None)) if report.rows else None,
        caption_justify="right",
    )
    for head in ("Fil", "Projekt", "Årsag", "Beslutning", "Udgift pr. år"):
        out.add_column(Text(head))
    for row in report.rows:
        costs = "; ".join(f"{y}: {danish(a, shown)}" for y, a in row.costs.items())
        out.add_row(
            Text(visible(row.path)),
            Text(visible(f"{row.name} ({row.project})")),
            Text(reason_text(row)),
            Text(decision(row)),
            Text(costs or NONE),
        )
    return out
