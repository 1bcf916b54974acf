"""`due` on a terminal: a row per decision due at the budget: why it is due, what the file decides, and its
costs in the file's unit."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from effektinvest.core.display_context import danish, places, visible
from effektinvest.reports import Options
from effektinvest.reports.due.view import DueReport, decision, reason_text


def table(report: DueReport, options: Options) -> Table:
    out = Table(title=Text(f"Beslutninger ved budget {report.budget}"))
    for head in ("Fil", "Projekt", "Årsag", "Beslutning", "Udgift pr. år"):
        out.add_column(Text(head))
    for row in report.rows:
        shown = places(row.unit, row.costs.values())
        costs = "; ".join(f"{y}: {danish(a, shown)}" for y, a in row.costs.items())
        out.add_row(
            Text(visible(row.path)),
            Text(visible(f"{row.name} ({row.project})")),
            Text(reason_text(row)),
            Text(decision(row)),
            Text(f"{costs} {row.unit.value}" if costs else "-"),
        )
    return out
