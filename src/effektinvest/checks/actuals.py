"""The checks of format 1.3's actual figures (docs/scenario-format.md, "Actual figures"): `actuals_through`
and the keys that hold the accounts of closed years (a project's `actual_costs` and `realised_savings`, a
line's `achieved` and `paid`).

Errors: an actual key without `actuals_through`; `actuals_through` before the budget year; an actual in an
open year, or before the budget year; `achieved` on a line that is no outcome line; a pocket in
`realised_savings` that is not defined; `paid` in a year without any cost of the projects it covers.
Warnings (`actual-missing`): a closed year for which the plan stands in because the accounts are missing.
"""

from __future__ import annotations

from collections.abc import Iterator

from effektinvest.checks.lines import Lines, all_lines
from effektinvest.model import Scenario, Status
from effektinvest.model.diagnostics import Finding
from effektinvest.model.errors import owner
from effektinvest.model.partial import Gaps
from effektinvest.model.suggest import nearest

CLOSE = "set actuals_through: the last closed year"


def actual_keys(scenario: Scenario) -> Iterator[tuple[tuple, dict]]:
    """Every actual key of the file with its path and its mapping (year -> figure; for `realised_savings`,
    one mapping per pocket), whatever the status of its project."""
    for pid, project in scenario.projects.items():
        here = ("projects", pid)
        if project.actual_costs is not None:
            yield (*here, "actual_costs"), project.actual_costs
        for sid, by_year in (project.realised_savings or {}).items():
            yield (*here, "realised_savings", sid), by_year
    for path, line in all_lines(scenario):
        for key in ("achieved", "paid"):
            if getattr(line, key) is not None:
                yield (*path, key), getattr(line, key)
        if line.repay is not None and line.repay.achieved is not None:
            yield (*path, "repay", "achieved"), line.repay.achieved


def actuals(scenario: Scenario, lines: Lines, gaps: Gaps) -> list[Finding]:
    """Every finding about the actual figures. LINES: from `arithmetic.ledger`."""
    out = _outcome_lines_only(scenario, gaps) + _pockets_defined(scenario, gaps)
    if gaps.covers(("actuals_through",)) or gaps.covers(("budget_year",)):
        return out  # which years are closed is not known
    through, budget_year = scenario.actuals_through, scenario.budget_year
    if through is None:
        for path in dict.fromkeys(_key(path) for path, _ in actual_keys(scenario)):
            message = f"{path[-1]} holds actual figures (the accounts of closed years): {CLOSE}"
            out.append(Finding(path, "actuals-without-close", message, at_key=True))
        return out
    if through < budget_year:
        message = (
            f"actuals_through {through} is before budget_year {budget_year}: the closed years a file follows up "
            f"are its own budget years, from {budget_year}"
        )
        return [*out, Finding(("actuals_through",), "actuals-through-too-early", message)]
    out += _years(scenario, budget_year, through)
    out += _paid_needs_cost(scenario, lines, range(budget_year, through + 1), gaps)
    return out + _missing(scenario, lines, budget_year, through, gaps)


def _key(path: tuple) -> tuple:
    """The path of the key an actual mapping stands under: `realised_savings`, not its pocket."""
    return path[:3] if path[2] == "realised_savings" else path


def _outcome_lines_only(scenario: Scenario, gaps: Gaps) -> list[Finding]:
    """`achieved` counts the outcomes of an outcome line; on any other line it means nothing."""
    out = []
    for path, line in all_lines(scenario):
        if line.achieved is not None and line.tariff is None and not gaps.covers((*path, "tariff")):
            message = (
                f"achieved counts the outcomes an outcome line paid for (tariff and outcomes); {owner(path)} is "
                "no outcome line: leave achieved out (what the line paid goes under paid)"
            )
            out.append(Finding((*path, "achieved"), "achieved-not-outcome", message, at_key=True))
    return out


def _pockets_defined(scenario: Scenario, gaps: Gaps) -> list[Finding]:
    """A pocket in `realised_savings` must be a defined source."""
    if gaps.covers(("sources",)):
        return []
    out = []
    for pid, project in scenario.projects.items():
        for sid in project.realised_savings or {}:
            if sid not in scenario.sources:
                message = (
                    f"the realised savings of project {pid!r} name source {sid!r}, which is not defined under "
                    "'sources'" + nearest(sid, scenario.sources)
                )
                path = ("projects", pid, "realised_savings", sid)
                out.append(Finding(path, "unknown-source", message, at_key=True))
    return out


def _years(scenario: Scenario, budget_year: int, through: int) -> list[Finding]:
    """An actual is of a closed year: from the budget year to `actuals_through`."""
    out = []
    for path, by_year in actual_keys(scenario):
        for year in by_year:
            if year > through:
                message = (
                    f"an actual figure for {year}, after actuals_through {through}: actual figures are for closed "
                    f"years only (raise actuals_through once {year} has closed)"
                )
                out.append(Finding((*path, year), "actual-in-open-year", message, at_key=True))
            elif year < budget_year:
                message = (
                    f"actual year {year} is before budget_year {budget_year}: a file follows up its own budget "
                    f"years, from {budget_year}"
                )
                out.append(Finding((*path, year), "year-before-budget", message, at_key=True))
    return out


def _paid_needs_cost(scenario: Scenario, lines: Lines, closed: range, gaps: Gaps) -> list[Finding]:
    """`paid` in a closed year in which the projects the line covers have neither a planned nor an actual
    cost (an open year is `actual-in-open-year` already)."""
    out = []
    for ref, covered in lines:
        paid = ref.line.paid
        if not paid or gaps.within(ref.path) or not all(gaps.costs_complete(pid) for pid in ref.covers):
            continue
        actual = {
            year
            for pid in ref.covers
            for year, amount in (scenario.projects[pid].actual_costs or {}).items()
            if amount > 0
        }
        for year in paid:
            if year in closed and year not in covered and year not in actual:
                message = (
                    f"{owner(ref.path)} paid in {year}, but the projects it covers have neither a planned nor an "
                    "actual cost in that year"
                )
                out.append(Finding((*ref.path, "paid", year), "amount-without-cost", message, at_key=True))
    return out


def _missing(scenario: Scenario, lines: Lines, budget_year: int, through: int, gaps: Gaps) -> list[Finding]:
    """The closed years for which the plan stands in: a continued project's planned cost without an actual
    cost, an outcome line's (or a repayment's) planned outcomes without achieved ones, a pocket's expected
    savings without realised ones."""
    closed = range(budget_year, through + 1)
    out = []
    for pid, project in scenario.projects.items():
        here = ("projects", pid)
        if project.status is not Status.CONTINUE or gaps.covers(here):
            continue
        for year in project.costs or {}:
            if year in closed and year not in (project.actual_costs or {}) and not gaps.within((*here, "actual_costs")):
                message = f"project {pid!r} has no actual cost for {year}, a closed year: its planned cost stands in"
                out.append(Finding((*here, "costs", year), "actual-missing", message, at_key=True))
        realised = project.realised_savings or {}
        if gaps.within((*here, "realised_savings")):
            realised = None  # which realised savings the file holds is not known
        for sid, by_year in (project.savings or {}).items() if realised is not None else ():
            for year in by_year:
                if year in closed and year not in realised.get(sid, {}):
                    message = (
                        f"project {pid!r} has no realised savings in {sid!r} for {year}, a closed year: its "
                        "expected savings stand in"
                    )
                    out.append(Finding((*here, "savings", sid, year), "actual-missing", message, at_key=True))
    for ref, _ in lines:
        line = ref.line
        for year in line.outcomes or {} if line.tariff is not None else ():
            if year in closed and year not in (line.achieved or {}) and not gaps.within(ref.path):
                message = (
                    f"{owner(ref.path)} has no achieved outcomes for {year}, a closed year: its expected count "
                    "stands in"
                )
                out.append(Finding((*ref.path, "outcomes", year), "actual-missing", message, at_key=True))
        out += _repay_missing(ref.path, line.repay, closed, gaps)
    return out


def _repay_missing(path: tuple, repay, closed: range, gaps: Gaps) -> list[Finding]:
    """A repayment per outcome's expected counts of closed years without achieved ones: the expected count
    stands in, as for an outcome line."""
    if repay is None or repay.tariff is None or gaps.within((*path, "repay")):
        return []
    out = []
    for year in repay.outcomes or {}:
        if year in closed and year not in (repay.achieved or {}):
            message = (
                f"{owner((*path, 'repay'))} has no achieved outcomes for {year}, a closed year: its expected count "
                "stands in"
            )
            out.append(Finding((*path, "repay", "outcomes", year), "actual-missing", message, at_key=True))
    return out
