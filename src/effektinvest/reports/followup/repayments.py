"""`follow-up` of the repayments to investors (followup.md, repayment.md; format 1.3): each repayment's plan
against the actual computation, per paying pocket. A repayment per outcome repays tariff x `achieved` in the
closed years (the expected count where `achieved` lacks a closed year: the plan stands in), the forecast (tariff x
the expected count) in the open years, all within its cap; a fixed schedule repays as planned. Pure; money in kr.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from effektinvest.core.arithmetic import ZERO, LineRef
from effektinvest.core.exact import exact_sum
from effektinvest.core.repayment import Repayment, repaid_lines, repayment
from effektinvest.model import Scenario
from effektinvest.model.numbers import EXACT


class RepaymentFollowUp(NamedTuple):
    """A line's repayment in the plan and in the actual computation (closed years: the accounts; open: the
    forecast); per outcome its expected counts, the counts of its closed years, and what is left of its cap."""

    ref: LineRef
    expected: dict[int, int]  # per outcome: year -> expected count; a schedule: {}
    achieved: dict[int, int]  # per outcome: closed year -> the count repaid for (achieved, else expected)
    plan: Repayment
    actual: Repayment
    cap_left: Decimal | None  # the cap less everything repaid in the actual computation
    stood: tuple[int, ...] = ()  # per outcome: the closed years without `achieved`, whose expected count stood in

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({*self.plan.years, *self.actual.years}))


def repayment_follow_ups(scenario: Scenario) -> tuple[RepaymentFollowUp, ...]:
    """Every line of SCENARIO whose `repay` counts (`repaid_lines`), its plan against the actual computation."""
    to_kr, through = scenario.unit.to_kr, scenario.actuals_through
    out = []
    for ref in repaid_lines(scenario):
        repay = ref.line.repay
        plan = repayment(ref, to_kr)
        if repay.tariff is None:
            out.append(RepaymentFollowUp(ref, {}, {}, plan, plan, None))
            continue
        counts = {**repay.outcomes, **{y: n for y, n in (repay.achieved or {}).items() if y <= through}}
        actual = repayment(ref, to_kr, counts=counts)
        achieved = {year: count for year, count in sorted(counts.items()) if year <= through}
        stood = tuple(year for year in achieved if year not in (repay.achieved or {}))
        left = None if plan.cap is None else max(EXACT.subtract(plan.cap, exact_sum(actual.totals.values())), ZERO)
        expected = dict(sorted(repay.outcomes.items()))
        out.append(RepaymentFollowUp(ref, expected, achieved, plan, actual, left, stood))
    return tuple(out)


class RepaymentEntry(NamedTuple):
    """A repayment's follow-up in the report's unit, for every format."""

    investor: str
    name: str  # the investor's name
    line: int  # where its `repay` stands
    expected: dict[int, int]
    achieved: dict[int, int]
    plan: dict[int, dict[str, Decimal]]  # year -> pocket -> planned repayment
    actual: dict[int, dict[str, Decimal]]  # year -> pocket -> the accounts (closed) or the forecast (open)
    pockets: dict[str, str]  # pocket id -> its name, in `by`'s order
    cap: Decimal | None
    cap_left: Decimal | None
    marked: frozenset[int] = frozenset()  # the closed years whose expected count stood in for `achieved`


def entries(found: tuple[RepaymentFollowUp, ...], lines: tuple[int, ...], names: dict[str, str], scaled):
    """FOUND in the report's unit (SCALED: kr. -> the unit), each at its line (LINES, in FOUND's order)."""
    out = []
    for one, line in zip(found, lines, strict=True):
        investor = one.ref.line.source

        def shown(years: dict[int, dict[str, Decimal]]) -> dict[int, dict[str, Decimal]]:
            return {year: {sid: scaled(v) for sid, v in parts.items()} for year, parts in years.items()}

        pockets = {sid: names.get(sid, sid) for sid in one.ref.line.repay.by}
        cap = one.plan.cap
        out.append(
            RepaymentEntry(
                investor,
                names.get(investor, investor),
                line,
                one.expected,
                one.achieved,
                shown(one.plan.years),
                shown(one.actual.years),
                pockets,
                None if cap is None else scaled(cap),
                None if one.cap_left is None else scaled(one.cap_left),
                frozenset(one.stood),
            )
        )
    return tuple(out)


def in_year(split: dict[int, dict[str, Decimal]], year: int | None, sid: str | None = None) -> Decimal:
    """What SPLIT repays in YEAR (None: in all), by the pocket SID (None: by all pockets)."""
    years = split.values() if year is None else [split.get(year, {})]
    return exact_sum(value for parts in years for pocket, value in parts.items() if sid is None or pocket == sid)
