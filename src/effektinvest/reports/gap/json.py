"""`gap --format json`: the gap object of docs/cli.md (`report_data`), written by `formats.json.dumps`; the
projects (with their --by project fields: `by_project_view`) and --explain's "lines" (`explain_view`) as
arrays made from a template per shape of object (`formats.json.template`)."""

from __future__ import annotations

from effektinvest.formats.json import HOLE, Raw, array, dumps, exact, numbers, string, template
from effektinvest.reports.gap.by_project_view import fields, json_fields
from effektinvest.reports.gap.view import Column, Report


def _column(column: Column) -> dict:
    return {
        "cost": exact(column.cost),
        "financing": {sid: exact(paid) for sid, paid in column.financing.items()},
        "financed": exact(column.financed),
        "residual": exact(column.residual),
        "coverage": exact(column.coverage),
    }


def _tariff(tariff) -> object:
    """A tariff, or a rate card as {"YEAR": C}."""
    return {str(year): exact(value) for year, value in tariff.items()} if isinstance(tariff, dict) else exact(tariff)


def _repayment(shape: tuple) -> dict:
    """A repayment as repayment.md pins it (PATH:LINE where its `repay` stands), each value a HOLE; SHAPE: its
    pockets, its years, whether it has a tariff (a rate card: its years) and a cap."""
    pockets, years, tariff, cap = shape
    out = {"investor": HOLE, "path": HOLE, "line": HOLE}
    if tariff is not None:
        out["tariff"] = {str(year): HOLE for year in tariff} if tariff else HOLE
    by = dict.fromkeys(pockets, HOLE)
    out["years"] = {str(year): {"by": by, "total": HOLE} for year in years}
    out["total"] = {"by": by, "total": HOLE}
    out["uncapped"] = HOLE
    out["cap"] = HOLE if cap else None
    return out


def _repayments(report: Report) -> str:
    """The "repayments" array: each repayment as `_repayment`, with the JSON text of its values; with --explain,
    each with `explain`, each year's rule (`repayment_explain`)."""
    templates: dict[tuple, str] = {}
    filled: dict[tuple, list[str]] = {}  # the text around the line's own three values, per set of figures
    out = []
    for entry in report.repayments:
        # lines of one contract share their figures (`repayment_view.entries`): their text is made once
        figures = tuple(map(id, entry[2:9]))  # tariff, years, totals, by, total, uncapped, cap: alive throughout
        parts = filled.get(figures)
        if parts is None:
            parts = filled[figures] = _filled(entry, templates).split(_OWN)
        own = (string(entry.investor), string(entry.file) if entry.file is not None else "null", str(entry.line))
        done = "".join((parts[0], own[0], parts[1], own[1], parts[2], own[2], parts[3]))
        if report.explained is not None:  # --explain: each year's rule, after the pinned keys
            from effektinvest.reports.gap.repayment_explain import explain_json

            done = done[:-1] + ", " + dumps({"explain": explain_json(entry)})[1:]
        out.append(done)
    return array(out)


_OWN = "\0"  # stands for a line's own value (investor, path, line) while its figures are filled in: JSON text
# never holds a NUL character itself (a string writes it \u0000)


def _filled(entry, templates: dict[tuple, str]) -> str:
    """The JSON text of ENTRY's repayment (`_repayment`, its template kept in TEMPLATES per shape), its investor,
    path and line each `_OWN`."""
    card = tuple(entry.tariff) if isinstance(entry.tariff, dict) else None if entry.tariff is None else ()
    shape = (tuple(entry.by), tuple(entry.years), card, entry.cap is not None)
    text = templates.get(shape) or templates.setdefault(shape, template(_repayment(shape)))
    values = [_OWN, _OWN, _OWN]
    if card:
        values += numbers(entry.tariff.values())
    elif card is not None:
        values += numbers((entry.tariff,))
    for year, parts in entry.years.items():
        values += numbers(parts.values())
        values += numbers((entry.totals[year],))
    values += numbers((*entry.by.values(), entry.total, entry.uncapped))
    if entry.cap is not None:
        values += numbers((entry.cap,))
    return text % tuple(values)


def report_data(report: Report) -> dict:
    """The JSON shape of docs/cli.md, every amount an `exact` number; "lines" only with --explain."""
    *years, total = report.columns
    data = {
        "scenario": report.title,
        "budget_year": report.budget_year,
        "unit": report.unit.value,
        "price_level": report.price_level,
        **({} if report.realisation is None else {"realisation": exact(report.realisation)}),  # gap --realisation
        "years": [{"year": year, **_column(column)} for year, column in zip(report.years, years, strict=True)],
        "total": _column(total),
    }
    if report.outcome_lines:  # format 1.2; left out when there are none, so a 1.1 file's JSON is unchanged
        data["outcome_lines"] = [
            {
                "source": o.source,
                "tariff": _tariff(o.tariff),
                "outcomes": {str(year): count for year, count in o.outcomes.items()},
                "uncapped": exact(o.uncapped),
                "paid": exact(o.paid),
                "capped_by": exact(o.capped_by),
            }
            for o in report.outcome_lines
        ]
    if report.repayments:  # format 1.3; left out when there are none, so an older file's JSON is unchanged
        data["repayments"] = Raw(_repayments(report))
    data["projects"] = Raw(_projects(report))
    data["deferred"] = [{"id": p.id, "name": p.name, "decide_at": p.decide_at} for p in report.deferred]
    data["sources"] = [s._asdict() for s in report.all_sources]
    if report.explained is not None:
        from effektinvest.reports.gap.explain_view import lines

        data["lines"] = Raw(lines(report))
    return data


def _project(shape: tuple) -> dict:
    """The object of a project whose cost years, status, funding end (None: none) and --by project fields
    (`by_project_view.fields`; None: none) are SHAPE, each value a HOLE."""
    years, status, ends, by_project = shape
    entry = {
        "id": HOLE,
        "name": HOLE,
        "status": status,  # a StrEnum: written as its text
        "costs": {str(year): HOLE for year in years},
        "funding_ends": HOLE if ends else None,
    }
    if by_project is not None:
        entry.update(fields(by_project))
    return entry


def _projects(report: Report) -> str:
    """The "projects" array: each project as `_project`, with the JSON text of its values in the order of the
    holes (id, name, costs, funding_ends, and --by project's: `by_project_view.json_fields`)."""
    own = report.by_project or {}
    templates: dict[tuple, str] = {}
    out = []
    for p in report.projects:
        gap = own.get(p.id)
        shape, amounts = (None, ()) if gap is None else json_fields(report, gap)
        ends = p.funding_ends is not None
        key = (tuple(p.costs), p.status, ends, shape)
        text = templates.get(key) or templates.setdefault(key, template(_project(key)))
        values = [string(p.id), string(p.name), *numbers(p.costs.values())]
        if ends:
            values.append(str(p.funding_ends))
        out.append(text % (*values, *amounts))
    return array(out)


def json(report: Report, options=None) -> str:
    return dumps(report_data(report)) + "\n"
