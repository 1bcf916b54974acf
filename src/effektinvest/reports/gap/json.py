"""`gap --format json`: the gap object of docs/cli.md (`report_data`), with "projects" (and --explain's
"lines") written directly for speed (`formats.json`)."""

from __future__ import annotations

from effektinvest.core.display_context import json_visible
from effektinvest.formats.json import by_year, dumps, encode_basestring, number, numbers
from effektinvest.model.numbers import EXACT
from effektinvest.reports.gap.view import Column, Report


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
        from effektinvest.reports.gap.by_project_view import json_fields

        entry.update(json_fields(report, report.by_project[p.id]))
    return entry


def _described(report: Report) -> dict:
    """What the file says beyond the figures: every source (id, name, kind, note), and with --explain
    each financing line (`explain_view.entries`)."""
    data = {"sources": [s._asdict() for s in report.all_sources]}
    if report.explained is not None:
        from effektinvest.reports.gap.explain_view import entries

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
    shapes: dict[tuple, str] = {}  # see `_by_project_fields`
    for p in report.projects:
        costs = [f'"{year}": {number(amount)}' for year, amount in p.costs.items()]
        ends = "null" if p.funding_ends is None else p.funding_ends
        own = by_project.get(p.id)
        more = "" if own is None else _by_project_fields(own, shift, keys, shapes)
        out.append(
            f'{{"id": {encode_basestring(p.id)}, "name": {encode_basestring(p.name)}, '
            f'"status": "{p.status.value}", "costs": {{{", ".join(costs)}}}, "funding_ends": {ends}{more}}}'
        )
    return json_visible("[" + ", ".join(out) + "]")


def _by_project_fields(own, shift: int, keys: dict[str, str], shapes: dict[tuple, str]) -> str:
    """`_project`'s --by project fields of one project (OWN, in kr.; SHIFT: to the report's unit; KEYS: each
    source id as JSON), written as the encoder writes `by_project_view.json_fields` (a test holds the two to
    the same text). Kept long for speed (10,000 projects, 160,000 amounts): every amount of the project is
    made text in one pass (`numbers`) and put in the text of the project's shape (its years and the
    sources of each: SHAPES, made once per shape)."""
    values, financed, residual, shape = [], [], [], []
    for year, f in own.years.items():
        values += f.financing.values()
        financed.append(f.financed)
        residual.append(f.residual)
        shape.append((year, *f.financing))
    shape = tuple(shape)
    text = shapes.get(shape) or _shape(shape, keys, shapes)
    return text % tuple(numbers(values + financed + residual, shift))


def _shape(shape: tuple, keys: dict[str, str], shapes: dict[tuple, str]) -> str:
    """The --by project fields of a project whose years and sources are SHAPE, each amount a %s."""
    financing = ", ".join(
        f'"{year}": {{' + ", ".join(f"{keys[sid].replace('%', '%%')}: %s" for sid in sids) + "}"
        for year, *sids in shape
    )
    years = ", ".join(f'"{year}": %s' for year, *_ in shape)
    shapes[shape] = text = f', "financing": {{{financing}}}, "financed": {{{years}}}, "residual": {{{years}}}'
    return text


def _lines_array(report: Report) -> str:
    """_described's "lines" (--explain: `explain_view.entries`), written directly as `_projects_array` is: a
    file's 10,001 lines do not each go through the general encoder and its callback (three times slower).
    Kept long for speed; the tests hold it to what `dumps` writes."""
    from effektinvest.reports.gap.explain import AMOUNT, AMOUNTS, SHARE
    from effektinvest.reports.gap.explain_view import prices_entry

    shift = -report.unit.exponent
    texts = {}  # the file's name and each source id, as JSON (one each for 10,001 lines)
    out = []
    for item in report.explained:
        e = item.entry
        file = texts.get(item.file) or texts.setdefault(item.file, encode_basestring(item.file))
        source = texts.get(e.source) or texts.setdefault(e.source, encode_basestring(e.source))
        projects = ", ".join([encode_basestring(pid) for pid in e.projects])
        text = f'{{"path": {file}, "line": {item.line}, "source": {source}, "projects": [{projects}], '
        text += f'"kind": "{e.kind}", '
        if e.kind == SHARE:
            text += f'"share": {number(e.share)}, '
        elif e.kind == AMOUNT:
            text += f'"amount": {number(e.amount.scaleb(shift, EXACT))}, '
        elif e.kind == AMOUNTS:
            text += f'"amount": {by_year(e.amount, numbers(e.amount.values(), shift))}, '
        else:
            tariff, counts, cap = e.outcomes
            cap = "null" if cap is None else number(cap.scaleb(shift, EXACT))
            outcomes = by_year(counts, counts.values())
            text += f'"tariff": {number(tariff.scaleb(shift, EXACT))}, "outcomes": {outcomes}, "cap": {cap}, '
        amounts = numbers([*e.covered.values(), *e.paid.values()], shift)
        covered, paid = by_year(e.covered, amounts[: len(e.covered)]), by_year(e.paid, amounts[len(e.covered) :])
        note = "null" if e.note is None else encode_basestring(e.note)
        text += f'"covered": {covered}, "paid": {paid}, "note": {note}'
        out.append(text + ("}" if e.prices is None else f', "prices": {dumps(prices_entry(report, e))}}}'))
    return json_visible("[" + ", ".join(out) + "]")


def json(report: Report, options=None) -> str:
    """dumps(report_data(report)), with "projects" written by `_projects_array` (and "lines" by `_lines_array`)."""
    head = dumps(report_data(report, projects=False))
    sources = dumps({"sources": [s._asdict() for s in report.all_sources]})[1:-1]  # as in `_described`
    lines = "" if report.explained is None else f', "lines": {_lines_array(report)}'
    deferred = dumps(_deferred(report))
    return f'{head[:-1]}, "projects": {_projects_array(report)}, "deferred": {deferred}, {sources}{lines}}}\n'
