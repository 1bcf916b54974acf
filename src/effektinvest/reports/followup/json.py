"""`follow-up --format json`: the object of followup.md, amounts as numbers in the output unit (`formats.json`)."""

from __future__ import annotations

from effektinvest.formats.json import dumps, exact
from effektinvest.reports.followup.repayments import in_year
from effektinvest.reports.followup.rows import SIDES
from effektinvest.reports.followup.view import FollowUpReport, Inactive, figures, missing, outcomes, savings


def followup_data(report: FollowUpReport) -> dict:
    """The follow-up shape of followup.md: each figure as {plan, actual, deviation}, each a year at a time
    (a key per reported year) and "total"; then the outcome lines, the savings per pocket and the missing
    actuals. Added at the end: the scenario's title, budget year and price level, and (when a deferred or
    stopped project has actual costs) `inactive`."""
    keys = [*(str(year) for year in report.years), "total"]

    def sides(columns) -> dict:
        return {side: dict(zip(keys, (exact(getattr(c, side)) for c in columns), strict=True)) for side, _ in SIDES}

    cost, *sources, residual = figures(report)
    data = {
        "actuals_through": report.result.actuals_through,
        "closed": list(report.closed),
        "reported_years": list(report.years),
        "unit": report.unit.value,
        "cost": sides(cost.columns),
        "financing": {figure.id: sides(figure.columns) for figure in sources},
        "residual": sides(residual.columns),
        "outcome_followup": [_outcome(report, o) for o in outcomes(report)],
        "savings": {
            figure.id: {
                "expected": dict(zip(keys, (exact(c.plan) for c in figure.columns), strict=True)),
                "realised": dict(zip(keys, (exact(c.actual) for c in figure.columns), strict=True)),
                "rate": exact(rate),
            }
            for figure, rate in savings(report)
        },
        "missing": [_missing(m, line) for m, line in missing(report)],
        "scenario": report.title,
        "budget_year": report.budget_year,
        "price_level": report.price_level,
    }
    if report.repayments:  # format 1.3; left out without `repay`, so such a file's JSON is unchanged
        data["repayment_followup"] = [_repayment(report, entry) for entry in report.repayments]
    inactive = [_inactive(project) for project in report.inactive if project.actual_costs]
    if inactive:
        data["inactive"] = inactive
    return data


def _by_year(values: dict) -> dict:
    return {str(year): exact(value) if not isinstance(value, int) else value for year, value in values.items()}


def _outcome(report: FollowUpReport, o) -> dict:
    return {
        "source": o.source,
        "path": report.path,
        "line": o.line,
        "expected": _by_year(o.expected),
        "achieved": _by_year(o.achieved),
        "paid": _by_year(o.paid),
        "cap": exact(o.cap),
        "cap_left": exact(o.cap_left),
        "plan_paid": _by_year(o.plan_paid),
    }


def _repayment(report: FollowUpReport, entry) -> dict:
    """A repayment's plan against the actual computation, per year and pocket (repayments.RepaymentEntry)."""

    def side(split: dict) -> dict:
        years = {
            str(year): {"by": {sid: exact(v) for sid, v in parts.items()}, "total": exact(in_year(split, year))}
            for year, parts in split.items()
        }
        total = {
            "by": {sid: exact(in_year(split, None, sid)) for sid in entry.pockets},
            "total": exact(in_year(split, None)),
        }
        return {**years, "total": total}

    return {
        "investor": entry.investor,
        "path": report.path,
        "line": entry.line,
        "expected": _by_year(entry.expected),
        "achieved": _by_year(entry.achieved),
        "plan": side(entry.plan),
        "actual": side(entry.actual),
        "cap": exact(entry.cap),
        "cap_left": exact(entry.cap_left),
    }


def _missing(m, line: int | None) -> dict:
    if m.what == "cost":
        return {"project": m.project, "year": m.year, "what": m.what}
    if m.what in ("achieved", "repay_achieved"):
        return {"project": m.project, "source": m.source, "line": line, "year": m.year, "what": m.what}
    return {"project": m.project, "source": m.source, "year": m.year, "what": m.what}


def _inactive(project: Inactive) -> dict:
    return {
        "id": project.id,
        "name": project.name,
        "status": project.status.value,
        "decide_at": project.decide_at,
        "actual_costs": _by_year(project.actual_costs),
    }


def json(report: FollowUpReport, options=None) -> str:
    return dumps(followup_data(report)) + "\n"
