"""`due --format json`: an array of decisions (`formats.json`)."""

from __future__ import annotations

from effektinvest.formats.json import dumps, exact
from effektinvest.reports.due.view import DueReport


def json(report: DueReport, options=None) -> str:
    """An array of {path, project, name, reason, costs} (and status, unit)."""
    items = [
        {
            "path": row.path,
            "project": row.project,
            "name": row.name,
            "reason": row.reason,
            "costs": {str(year): exact(amount) for year, amount in row.costs.items()},
            "status": row.status.value,
            "unit": row.unit.value,
        }
        for row in report.rows
    ]
    return dumps(items) + "\n"
