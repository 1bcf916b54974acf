"""`savings --format json`: the savings object of docs/cli.md (`data`): one realisation, or a `sensitivity` array
(`formats.json`)."""

from __future__ import annotations

from effektinvest.formats.json import dumps
from effektinvest.reports.savings.analysis import Pocket, Savings
from effektinvest.reports.savings.view import FIGURES, Inactive, SavingsReport


def json(report, options=None) -> str:
    return dumps(data(report)) + "\n"


def data(report: SavingsReport) -> dict:
    """The JSON object of docs/cli.md: one realisation's figures, or a `sensitivity` array of them; then, when
    a deferred or stopped project has savings, `inactive`: those savings as written."""
    head = {
        "scenario": report.title,
        "budget_year": report.budget_year,
        "unit": report.unit.value,
        "price_level": report.price_level,
    }
    if report.sensitivity:
        out = {**head, "sensitivity": [_result_data(report, result) for result in report.results]}
    else:
        out = {**head, **_result_data(report, report.results[0])}
    if report.inactive:  # left out when there is none, so the contract's shape is unchanged
        out["inactive"] = [_inactive_data(project) for project in report.inactive]
    return out


def _inactive_data(project: Inactive) -> dict:
    return {
        "id": project.id,
        "name": project.name,
        "status": project.status.value,
        "decide_at": project.decide_at,
        "savings": {sid: {str(year): value for year, value in by.items()} for sid, by in project.savings.items()},
    }


def _result_data(report: SavingsReport, result: Savings) -> dict:
    scaled = report.scaled

    fields = Pocket._fields if result.repaid is not None else Pocket._fields[:3]  # repaid, received: format 1.3

    def column(figures) -> dict:
        out = {name: scaled(getattr(figures, name)) for name in FIGURES}
        out["sources"] = {sid: {k: scaled(getattr(p, k)) for k in fields} for sid, p in figures.sources.items()}
        return out

    years = []
    for year, figures in result.years.items():
        entry = {"year": year, **column(figures)}
        sources, cumulative = entry.pop("sources"), result.cumulative[year]
        entry["municipal_cumulative"] = scaled(cumulative.municipal)
        entry["public_cumulative"] = scaled(cumulative.public)
        years.append({**entry, "sources": sources})
    return {
        "realisation": result.realisation,
        "discount": "finance-ministry" if result.rate is None else result.rate,
        "years": years,
        "total": column(result.total),
        "sources": {
            sid: {"kind": b.kind, "backing": b.backing, "shortfall": scaled(b.shortfall)}
            for sid, b in result.sources.items()
        },
        "wrong_pocket_share": result.wrong_pocket_share,
        "break_even": result.break_even._asdict(),
        "npv": {side: scaled(value) for side, value in result.npv._asdict().items()},
        "benefit_cost": result.benefit_cost._asdict(),
        **_outcome_data(report, result),
    }


def _outcome_data(report: SavingsReport, result: Savings) -> dict:
    """With outcome lines (savings.md, "Outcome-contract risk"): what they pay in all at the realisation and the
    residual it leaves; nothing without, so that such a file's JSON is unchanged."""
    if result.outcomes_paid is None:
        return {}
    return {"outcomes_paid": report.scaled(result.outcomes_paid), "residual": report.scaled(result.gap.total.residual)}
