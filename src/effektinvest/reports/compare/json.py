"""`compare --format json`: the compare object of docs/cli.md (`formats.json`)."""

from __future__ import annotations

from effektinvest.formats.json import dumps, exact
from effektinvest.reports.compare.view import FIGURES, SIDES, CompareReport, coverage_sides, side_value

CLOSED_SIDES = ("before", "actual", "after", "change")  # a closed year's figure, in this order


def comparison_data(report: CompareReport) -> dict:
    """The compare shape of docs/cli.md: each figure as {before, after, change}, an `exact` number; a missing
    side is 0. A closed year has "closed": true and each figure {before, actual, after: null, change: null}."""

    def figure(change) -> dict:
        shown = report.scaled(change)
        if change.closed:
            return {side: exact(side_value(shown, side)) for side in CLOSED_SIDES}
        return {side: exact(side_value(shown, side)) for side, _ in SIDES}

    def column(change) -> dict:
        out = {name: figure(getattr(change, name)) for name in FIGURES}
        out["financing"] = {sid: figure(paid) for sid, paid in change.financing.items()}
        out["costs"] = {pid: figure(cost) for pid, cost in change.costs.items()}
        sides = map(exact, coverage_sides(change.coverage))
        out["coverage"] = dict(zip(("before", "after", "change"), sides, strict=True))
        if change.closed:
            before, actual = change.coverage.before, change.coverage.actual
            out["coverage"] = {"before": exact(before), "actual": exact(actual), "after": None, "change": None}
        return out

    def year(number: int, change) -> dict:
        return {"year": number, **({"closed": True} if change.closed else {}), **column(change)}

    *years, total = report.columns
    cmp = report.comparison
    return {
        "before": report.before,
        "after": report.after,
        "unit": report.unit.value,
        "price_level": report.price_level,
        "years": [year(number, c) for number, c in zip(report.years, years, strict=True)],
        "total": column(total),
        "projects": {
            "added": list(cmp.added_projects),
            "removed": list(cmp.removed_projects),
            **({"finished": list(cmp.finished_projects)} if cmp.closed else {}),
        },
        "sources": {"added": list(cmp.added_sources), "removed": list(cmp.removed_sources)},
        "titles": {"before": cmp.titles[0], "after": cmp.titles[1]},
    }


def json(report: CompareReport, options=None) -> str:
    return dumps(comparison_data(report)) + "\n"
