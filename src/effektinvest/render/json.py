"""The report as one JSON object (cli.md), amounts written from the exact decimal."""

from __future__ import annotations

import json
import secrets
from decimal import Decimal
from json.encoder import encode_basestring  # the encoder's own (C) string escaper, as with ensure_ascii=False

from effektinvest.numbers import plain
from effektinvest.render.rows import SIDES, CompareReport, DueRow, Report, side_value


def _column(rows, index: int, figure) -> dict:
    """One column (a year, or the total) of report rows: each sum by its category, and each paying
    source under "financing"; FIGURE turns a row's value into what JSON shows."""
    out: dict = {"financing": {}}
    for row in rows:
        value = row.values[index]
        if row.category == "financing":
            if value is not None:
                out["financing"][row.id] = figure(value)
        elif not row.id:
            out[row.category] = figure(value)
    return out


def report_data(report: Report, projects: bool = True) -> dict:
    """The JSON shape of cli.md, with Decimal amounts; without "projects" and "deferred" unless PROJECTS."""

    def column(index: int) -> dict:
        figures = _column(report.rows, index, lambda value: value)
        return {key: figures[key] for key in ("cost", "financing", "financed", "residual", "coverage")}

    data = {
        "scenario": report.title,
        "budget_year": report.budget_year,
        "unit": report.unit.value,
        "price_level": report.price_level,
        "years": [{"year": year, **column(i)} for i, year in enumerate(report.years)],
        "total": column(len(report.years)),
    }
    if projects:
        data["projects"] = [
            {"id": p.id, "name": p.name, "status": p.status.value, "costs": {str(y): a for y, a in p.costs.items()}}
            for p in report.projects
        ]
        data["deferred"] = _deferred(report)
    return data


def _deferred(report: Report) -> list[dict]:
    return [
        {"id": p.id, "name": p.name, "decide_at": p.decide_at}
        for p in report.projects
        if p.decide_at is not None and p.status.value == "defer"
    ]


def _projects_array(report: Report) -> str:
    """report_data's "projects", written directly: one fixed shape per project, so that a file's 100,000
    projects do not each go through the general encoder and its callback (three times slower). The
    tests hold it to what `dumps` writes."""
    out = []
    for p in report.projects:
        costs = [f'"{year}": {_number(amount)}' for year, amount in p.costs.items()]
        out.append(
            f'{{"id": {encode_basestring(p.id)}, "name": {encode_basestring(p.name)}, '
            f'"status": "{p.status.value}", "costs": {{{", ".join(costs)}}}}}'
        )
    return "[" + ", ".join(out) + "]"


# A Decimal goes through the (fast, C) JSON encoder as a string carrying this mark, which is then
# taken off with the quotes: the number is written from its exact digits, never through a float.
# The mark holds a private-use character and a random nonce, so no text a user wrote can carry it.
_OPEN = '"\ue000' + secrets.token_hex(8)  # what the encoder writes before a marked number...
_CLOSE = "\ue001" + secrets.token_hex(8) + '"'  # ... and after it


def _number(value: Decimal) -> str:
    text = str(value)  # as written, for a value read from the file: 10.35
    if "E" in text or ("." in text and text.endswith("0")):
        text = plain(value)  # 1.0025E+5 -> 100250, 2.00000000 -> 2
    return text


def _mark(value):
    if isinstance(value, Decimal):
        return _OPEN[1:] + _number(value) + _CLOSE[:-1]
    raise TypeError(f"{type(value).__name__} is not JSON")


def dumps(value) -> str:
    """JSON text on one line, in which every Decimal is a number written from its exact digits."""
    return json.dumps(value, ensure_ascii=False, default=_mark).replace(_OPEN, "").replace(_CLOSE, "")


def to_json(report: Report) -> str:
    """dumps(report_data(report)), with "projects" written by `_projects_array`."""
    head = dumps(report_data(report, projects=False))
    return f'{head[:-1]}, "projects": {_projects_array(report)}, "deferred": {dumps(_deferred(report))}}}\n'


def comparison_data(report: CompareReport) -> dict:
    """The compare shape of cli.md: each figure as {before, after, change}; a missing side is 0."""

    def figure(change) -> dict:
        return {side: side_value(change, side) for side, _ in SIDES}

    def column(index: int) -> dict:
        figures = _column(report.rows, index, figure)
        return {key: figures[key] for key in ("cost", "financed", "residual", "financing")}

    return {
        "before": report.before,
        "after": report.after,
        "unit": report.unit.value,
        "price_level": report.price_level,
        "years": [{"year": year, **column(i)} for i, year in enumerate(report.years)],
        "total": column(len(report.years)),
        "projects": {"added": list(report.added_projects), "removed": list(report.removed_projects)},
        "sources": {"added": list(report.added_sources), "removed": list(report.removed_sources)},
    }


def comparison_json(report: CompareReport) -> str:
    return dumps(comparison_data(report)) + "\n"


def due_json(rows: list[DueRow]) -> str:
    """An array of {path, project, name, reason, costs} (and status, unit)."""
    items = [
        {
            "path": row.path,
            "project": row.project,
            "name": row.name,
            "reason": row.reason,
            "costs": {str(year): amount for year, amount in row.costs.items()},
            "status": row.status.value,
            "unit": row.unit.value,
        }
        for row in rows
    ]
    return dumps(items) + "\n"
