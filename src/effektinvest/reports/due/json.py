"""`due --format json`: an array of decisions (`formats.json`)."""

from __future__ import annotations

from effektinvest.formats.json import dumps, exact
from effektinvest.reports.due.view import DueReport, decision, reason_text


def json(report: DueReport, options=None) -> str:
    """An array of {path, project, name, reason, costs, status, unit}, then (issue 18) decide_at, funding_ends
    and the words of the table: decision, reason_text."""
    items = [
        {
            "path": row.path,
            "project": row.project,
            "name": row.name,
            "reason": row.reason,
            "costs": {str(year): exact(amount) for year, amount in row.costs.items()},
            "status": row.status.value,
            "unit": row.unit.value,
            "decide_at": row.decide_at,
            "funding_ends": row.funding_ends,
            "decision": decision(row),
            "reason_text": reason_text(row),
        }
        for row in report.rows
    ]
    return dumps(items) + "\n"
