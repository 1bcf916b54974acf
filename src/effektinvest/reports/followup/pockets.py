"""`follow-up`'s savings (followup.md, "Savings"): per pocket the expected savings of the continued projects at the
file's `realisation` (as `savings` realises them), against the realised ones (the accounts of the closed years; the
expected savings of the open years), and the realised rate over the closed years. Pure; all money in kr."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import NamedTuple

from effektinvest.core.arithmetic import ORE, ZERO, coverage
from effektinvest.model import Scenario
from effektinvest.model.numbers import EXACT
from effektinvest.reports.savings.analysis import realised


class Pocket(NamedTuple):
    """A pocket's savings per year: expected (at the file's realisation) and realised (the accounts in a
    closed year, the expected figure standing in where missing; the expected figure in an open year), and
    the realised rate over the closed years (4 decimals; None where the expected sum is 0)."""

    expected: dict[int, Decimal]
    realised: dict[int, Decimal]
    rate: Decimal | None


def pockets(scenario: Scenario, active: dict) -> tuple[dict[str, Pocket], list[tuple[str, str, int]]]:
    """Each pocket's expected and realised savings (see `Pocket`) from the continued projects (ACTIVE), and
    each (project, pocket, closed year) whose expected saving stood in for a missing actual."""
    if not any(project.savings or project.realised_savings for project in active.values()):
        return {}, []
    realisation = Decimal(1) if scenario.realisation is None else scenario.realisation
    booked, missing = _booked(scenario, active, realisation)
    expected = realised(scenario, realisation)
    through = scenario.actuals_through
    pockets = {}
    for sid in scenario.sources:
        if sid in expected or sid in booked:
            planned, accounts = expected.get(sid, {}), booked.get(sid, {})
            years = sorted({*planned, *accounts})
            actual = {year: accounts.get(year, ZERO) if year <= through else planned.get(year, ZERO) for year in years}
            closed = [year for year in years if year <= through]
            with localcontext(EXACT):
                realised_sum = sum((actual[year] for year in closed), ZERO)
                rate = coverage(realised_sum, sum((planned.get(year, ZERO) for year in closed), ZERO))
            pockets[sid] = Pocket({year: planned.get(year, ZERO) for year in years}, actual, rate)
    return pockets, missing


def _booked(scenario: Scenario, active: dict, realisation: Decimal) -> tuple[dict, list[tuple[str, str, int]]]:
    """The realised savings per pocket and year of the closed years, in kr.: the accounts, and where a closed
    year's expected saving has none, that saving at REALISATION (to whole øre, as `savings` realises it)."""
    to_kr, through = scenario.unit.to_kr, scenario.actuals_through
    booked: dict[str, dict[int, Decimal]] = {}
    missing = []
    with localcontext(EXACT):
        for pid, project in active.items():
            accounts = project.realised_savings or {}
            for sid, by_year in accounts.items():
                sums = booked.setdefault(sid, {})
                for year, amount in by_year.items():
                    sums[year] = sums.get(year, ZERO) + to_kr(amount)
            for sid, by_year in (project.savings or {}).items():
                for year, amount in sorted(by_year.items()):
                    if year <= through and year not in accounts.get(sid, {}):
                        sums = booked.setdefault(sid, {})
                        standing = (to_kr(amount) * realisation).quantize(ORE, ROUND_HALF_EVEN)
                        sums[year] = sums.get(year, ZERO) + standing
                        missing.append((pid, sid, year))
    return booked, missing
