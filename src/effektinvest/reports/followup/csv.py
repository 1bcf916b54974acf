"""`follow-up --format csv|csv-da`: year,category,id,name,plan,actual,deviation, a row per figure, a year at a time
and then the total (`formats.csv`)."""

from __future__ import annotations

from decimal import Decimal

from effektinvest.core.exact import exactly
from effektinvest.formats.csv import Table, year_labels
from effektinvest.reports import Options
from effektinvest.reports.followup.repayments import in_year
from effektinvest.reports.followup.view import FollowUpReport, figures, outcomes, savings

_ZERO = Decimal(0)


@exactly  # the deviations and totals of the outcome lines' rows
def csv(report: FollowUpReport, options: Options) -> str:
    """Per column: cost (empty id), each source's financing, the residual (empty id), each outcome line's counts
    (id SOURCE/LINE/count; the actual of an open year its planned count) and payments (SOURCE/LINE/paid) in the
    years where it has either, and in the total what is left of its cap (SOURCE/LINE/cap_left), then each
    pocket's savings (expected as plan, realised as actual). Amounts exact in the output unit."""
    out = Table(options, ["year", "category", "id", "name", "plan", "actual", "deviation"])
    table, pockets = figures(report), tuple(figure for figure, _ in savings(report))
    lines = outcomes(report)
    count = len(report.years)
    for index, column in enumerate(year_labels(report.years)):
        year = report.years[index] if index < count else None
        for figure in table:
            _figure(out, column, figure, index)
        for o in lines:
            for suffix, plan, actual in _outcome_rows(report, o, year):
                shown = str if suffix == "count" else out.number
                values = [shown(plan), shown(actual), shown(actual - plan)]
                out.row([column, "outcomes", out.text(f"{o.id}/{suffix}"), out.text(o.name), *values])
        for entry in report.repayments:  # format 1.3: per pocket, then in all (id INVESTOR/LINE/POCKET or .../total)
            counts, cap_left = _repayment_counts(report, entry, year)
            if counts is not None:  # the counts first, as the table shows them
                plan, actual = counts
                key = out.text(f"{entry.investor}/{entry.line}/count")
                out.row([column, "repayments", key, out.text(entry.name), *map(str, (plan, actual, actual - plan))])
            for sid in [*entry.pockets, None]:
                if year is not None and year not in entry.plan and year not in entry.actual:
                    continue
                plan, actual = in_year(entry.plan, year, sid), in_year(entry.actual, year, sid)
                key = f"{entry.investor}/{entry.line}/{sid or 'total'}"
                name = entry.pockets[sid] if sid else entry.name
                values = [out.number(plan), out.number(actual), out.number(actual - plan)]
                out.row([column, "repayments", out.text(key), out.text(name), *values])
            if cap_left is not None:  # in the total: what is left of the cap
                plan, actual = cap_left
                values = [out.number(plan), out.number(actual), out.number(actual - plan)]
                key = out.text(f"{entry.investor}/{entry.line}/cap_left")
                out.row([column, "repayments", key, out.text(entry.name), *values])
        for figure in pockets:
            _figure(out, column, figure, index)
    return out.value()


def _figure(out: Table, column: str, figure, index: int) -> None:
    c = figure.columns[index]
    name = out.text(figure.label) if figure.id else ""
    out.row([column, figure.category, out.text(figure.id), name, *map(out.number, (*c, c.deviation))])


def _outcome_rows(report: FollowUpReport, o, year: int | None) -> list[tuple]:
    """An outcome line's rows in YEAR (None: the total): (what, plan, actual)."""
    closed = report.result.actuals_through
    if year is None:
        counted = {y: o.achieved.get(y, 0) if y <= closed else o.expected.get(y, 0) for y in {*o.expected, *o.achieved}}
        rows = [
            ("count", sum(o.expected.values()), sum(counted.values())),
            ("paid", sum(o.plan_paid.values(), _ZERO), sum(o.paid.values(), _ZERO)),
        ]
        if o.cap is not None:
            rows.append(("cap_left", max(o.cap - sum(o.plan_paid.values(), _ZERO), _ZERO), o.cap_left))
        return rows
    if not any(year in part for part in (o.expected, o.achieved, o.plan_paid, o.paid)):
        return []
    actual = o.achieved.get(year, 0) if year <= closed else o.expected.get(year, 0)
    return [
        ("count", o.expected.get(year, 0), actual),
        ("paid", o.plan_paid.get(year, _ZERO), o.paid.get(year, _ZERO)),
    ]


def _repayment_counts(report: FollowUpReport, entry, year: int | None) -> tuple[tuple | None, tuple | None]:
    """A repayment per outcome's (plan, actual) in YEAR (None: the total), as an outcome line's (`_outcome_rows`):
    the expected count against the achieved (the expected standing in for an open year), and in the total what
    is left of its cap; None where there is none (a fixed schedule has neither)."""
    if not entry.expected:
        return None, None
    closed = report.result.actuals_through
    if year is None:
        years = {*entry.expected, *entry.achieved}
        counted = sum(entry.achieved.get(y, 0) if y <= closed else entry.expected.get(y, 0) for y in years)
        cap_left = None
        if entry.cap is not None:
            cap_left = (max(entry.cap - in_year(entry.plan, None), _ZERO), entry.cap_left)
        return (sum(entry.expected.values()), counted), cap_left
    if year not in entry.expected and year not in entry.achieved:
        return None, None
    actual = entry.achieved.get(year, 0) if year <= closed else entry.expected.get(year, 0)
    return (entry.expected.get(year, 0), actual), None
