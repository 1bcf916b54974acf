"""JSON: the report as one JSON object (docs/cli.md), amounts written from the exact decimal, and text exactly
as written, with every hidden character as a JSON escape (`cells.json_visible`)."""

from __future__ import annotations

import json
import secrets
from decimal import Decimal
from json.encoder import encode_basestring  # the encoder's own (C) string escaper, as with ensure_ascii=False

from effektinvest.numbers import EXACT, plain
from effektinvest.render.cells import json_visible
from effektinvest.render.compare_view import FIGURES, SIDES, CompareReport, coverage_sides, side_value
from effektinvest.render.due_view import DueReport
from effektinvest.render.gap_view import Column, Report


def _column(column: Column) -> dict:
    return {
        "cost": column.cost,
        "financing": column.financing,
        "financed": column.financed,
        "residual": column.residual,
        "coverage": column.coverage,
    }


def report_data(report: Report, projects: bool = True) -> dict:
    """The JSON shape of docs/cli.md, with Decimal amounts; without "projects", "deferred" and what follows
    them ("sources", and "lines" with --explain: `_described`) unless PROJECTS."""
    *years, total = report.columns
    data = {
        "scenario": report.title,
        "budget_year": report.budget_year,
        "unit": report.unit.value,
        "price_level": report.price_level,
        "years": [{"year": year, **_column(column)} for year, column in zip(report.years, years, strict=True)],
        "total": _column(total),
    }
    if report.outcome_lines:  # format 1.2; left out when there are none, so a 1.1 file's JSON is unchanged
        data["outcome_lines"] = [
            {
                "source": o.source,
                "tariff": o.tariff,
                "outcomes": {str(year): count for year, count in o.outcomes.items()},
                "uncapped": o.uncapped,
                "paid": o.paid,
                "capped_by": o.capped_by,
            }
            for o in report.outcome_lines
        ]
    if projects:
        data["projects"] = [_project(report, p) for p in report.projects]
        data["deferred"] = _deferred(report)
        data.update(_described(report))
    return data


def _project(report: Report, p) -> dict:
    costs = {str(y): a for y, a in p.costs.items()}
    entry = {"id": p.id, "name": p.name, "status": p.status.value, "costs": costs, "funding_ends": p.funding_ends}
    if report.by_project is not None and p.id in report.by_project:
        from effektinvest.render.by_project_view import json_fields

        entry.update(json_fields(report, report.by_project[p.id]))
    return entry


def _described(report: Report) -> dict:
    """What the file says beyond the figures: every source (id, name, kind, note), and with --explain
    each financing line (`explain_view.entries`)."""
    data = {"sources": [s._asdict() for s in report.all_sources]}
    if report.explained is not None:
        from effektinvest.render.explain_view import entries

        data["lines"] = entries(report)
    return data


def _deferred(report: Report) -> list[dict]:
    return [{"id": p.id, "name": p.name, "decide_at": p.decide_at} for p in report.deferred]


def _projects_array(report: Report) -> str:
    """report_data's "projects", written directly: one fixed shape per project, so that a file's 100,000
    projects do not each go through the general encoder and its callback (three times slower). The
    tests hold it to what `dumps` writes."""
    out = []
    by_project = report.by_project or {}
    shift, keys = -report.unit.exponent, {s.id: encode_basestring(s.id) for s in report.all_sources}
    for p in report.projects:
        costs = [f'"{year}": {_number(amount)}' for year, amount in p.costs.items()]
        ends = "null" if p.funding_ends is None else p.funding_ends
        own = by_project.get(p.id)
        more = "" if own is None else _by_project_fields(own, shift, keys)
        out.append(
            f'{{"id": {encode_basestring(p.id)}, "name": {encode_basestring(p.name)}, '
            f'"status": "{p.status.value}", "costs": {{{", ".join(costs)}}}, "funding_ends": {ends}{more}}}'
        )
    return json_visible("[" + ", ".join(out) + "]")


def _by_project_fields(own, shift: int, keys: dict[str, str]) -> str:
    """`_project`'s --by project fields of one project (OWN, in kr.; SHIFT: to the report's unit; KEYS: each
    source id as JSON), written as the encoder writes `by_project_view.json_fields` (a test holds the two to
    the same text)."""
    financing, financed, residual = [], [], []
    for year, f in own.years.items():
        paid = ", ".join(f"{keys[sid]}: {_number(v.scaleb(shift, EXACT))}" for sid, v in f.financing.items())
        financing.append(f'"{year}": {{{paid}}}')
        financed.append(f'"{year}": {_number(f.financed.scaleb(shift, EXACT))}')
        residual.append(f'"{year}": {_number(f.residual.scaleb(shift, EXACT))}')
    return (
        f', "financing": {{{", ".join(financing)}}}, "financed": {{{", ".join(financed)}}}, '
        f'"residual": {{{", ".join(residual)}}}'
    )



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
    """JSON text on one line, in which every Decimal is a number written from its exact digits (and every
    hidden character of a text a JSON escape: `cells.json_visible`)."""
    return json_visible(json.dumps(value, ensure_ascii=False, default=_mark).replace(_OPEN, "").replace(_CLOSE, ""))


def gap(report: Report, options=None) -> str:
    """dumps(report_data(report)), with "projects" written by `_projects_array`."""
    head = dumps(report_data(report, projects=False))
    described = dumps(_described(report))[1:]  # '"sources": [...], "lines": [...]}'
    return f'{head[:-1]}, "projects": {_projects_array(report)}, "deferred": {dumps(_deferred(report))}, {described}\n'


def comparison_data(report: CompareReport) -> dict:
    """The compare shape of docs/cli.md: each figure as {before, after, change}; a missing side is 0."""

    def figure(change) -> dict:
        shown = report.scaled(change)
        return {side: side_value(shown, side) for side, _ in SIDES}

    def column(change) -> dict:
        out = {name: figure(getattr(change, name)) for name in FIGURES}
        out["financing"] = {sid: figure(paid) for sid, paid in change.financing.items()}
        out["costs"] = {pid: figure(cost) for pid, cost in change.costs.items()}
        out["coverage"] = dict(zip(("before", "after", "change"), coverage_sides(change.coverage), strict=True))
        return out

    *years, total = report.columns
    cmp = report.comparison
    return {
        "before": report.before,
        "after": report.after,
        "unit": report.unit.value,
        "price_level": report.price_level,
        "years": [{"year": year, **column(c)} for year, c in zip(report.years, years, strict=True)],
        "total": column(total),
        "projects": {"added": list(cmp.added_projects), "removed": list(cmp.removed_projects)},
        "sources": {"added": list(cmp.added_sources), "removed": list(cmp.removed_sources)},
        "titles": {"before": cmp.titles[0], "after": cmp.titles[1]},
    }


def compare(report: CompareReport, options=None) -> str:
    return dumps(comparison_data(report)) + "\n"


def due(report: DueReport, options=None) -> str:
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
        for row in report.rows
    ]
    return dumps(items) + "\n"


def savings(report, options=None) -> str:
    """The savings object of docs/cli.md (`savings_view.data`): one realisation, or a `sensitivity` array."""
    from effektinvest.render.savings_view import data

    return dumps(data(report)) + "\n"
