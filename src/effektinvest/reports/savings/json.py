"""`savings --format json`: the savings object of docs/cli.md (`view.data`): one realisation, or a
`sensitivity` array (`formats.json`)."""

from __future__ import annotations

from effektinvest.formats.json import dumps
from effektinvest.reports.savings.view import data


def json(report, options=None) -> str:
    return dumps(data(report)) + "\n"
