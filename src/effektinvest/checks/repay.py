"""The checks of format 1.3's `repay` (repayment.md): a repayment on an investor's line only (`fund` or
`external`), of one kind (per achieved outcome, or a fixed schedule; `achieved` with the first only), paid by
defined municipal pockets whose shares add up to 100 %, in the budget year or later. Pure, as the other checks.
"""

from __future__ import annotations

from effektinvest.checks.lines import all_lines
from effektinvest.core.exact import exact_sum
from effektinvest.model import Repay, Scenario
from effektinvest.model.diagnostics import Finding
from effektinvest.model.errors import owner
from effektinvest.model.numbers import EXACT, plain
from effektinvest.model.partial import Gaps
from effektinvest.model.suggest import nearest
from effektinvest.model.values import OUTSIDE, SourceKind

INVESTORS = frozenset({SourceKind.FUND, SourceKind.EXTERNAL})
# Who cannot repay: money from outside the municipality (besides state and region: `unharvestable-source`)
_NOT_PAYERS = frozenset({SourceKind.REFUND, SourceKind.EXTERNAL})
_YEAR_KEYS = ("tariff", "outcomes", "amount")  # a tariff by year (a rate card); achieved: an actual (actuals.py)
REPAY_KINDS_RULE = (
    "a repayment is either per achieved outcome ('tariff' with 'outcomes', an optional 'cap') or a fixed schedule "
    "('amount': year -> amount)"
)


def repay_lines(scenario: Scenario):
    """Every financing line of the file with a `repay`, as (path of the repay, the line), whatever its status."""
    for path, line in all_lines(scenario):
        if line.repay is not None:
            yield (*path, "repay"), line


def repayments(scenario: Scenario, gaps: Gaps) -> list[Finding]:
    """The findings about each `repay`: its line's source, its kind, its payers and their shares, its years."""
    out = []
    sources_known = not gaps.covers(("sources",))
    # Without gaps, what is found of a repay depends on it and its investor only, not on where it stands: a
    # contract that says nothing is checked once for each investor, not on each of its 100,000 lines (the
    # model shares one Repay among the lines that write it alike: model/scenario.py SharedRepay).
    clean: dict[tuple, Repay] = {}
    for path, line in repay_lines(scenario):
        repay: Repay = line.repay
        investor = scenario.sources.get(line.source)
        no_investor = investor is not None and investor.kind not in INVESTORS
        if no_investor and not gaps.covers((*path[:-1], "source")):
            kind = f"is of kind {investor.kind.value}" if investor.kind else "has no kind"
            message = (
                f"{owner(path[:-1])} is repaid, but its source {line.source!r} {kind}: only an investor (a "
                "source of kind fund or external) is repaid; leave 'repay' out, or give the source its kind"
            )
            out.append(Finding(path, "repay-not-investor", message, at_key=True))
        contract = (id(repay), line.source)
        if contract in clean:  # (CLEAN keeps each Repay alive: its id names no other)
            continue
        found = _kind(path, repay, gaps)
        if sources_known:  # a source that is no investor (repay-not-investor) is no "investor itself" among them
            found += _payers(scenario, path, None if no_investor else line.source, repay)
        found += _shares(path, repay, gaps)
        found += _years(scenario, path, repay, gaps)
        if not found and not gaps:
            clean[contract] = repay
        out += found
    return out


def _kind(path: tuple, repay: Repay, gaps: Gaps) -> list[Finding]:
    """Exactly one of tariff + outcomes (with an optional cap) or amount; `achieved` (an actual figure, no kind)
    only with a tariff, as on a financing line (followup.md: `achieved-not-outcome`, at `achieved`)."""
    if gaps.covers(path) or any(gaps.covers((*path, key)) for key in (*_YEAR_KEYS, "cap", "achieved")):
        return []  # (a year left out of a key leaves the key: its kind is known)
    out = []
    if repay.achieved is not None and repay.tariff is None:
        what = "is a fixed schedule" if repay.amount is not None else "has no tariff"
        message = (
            "achieved counts the outcomes a repayment per achieved outcome is repaid for (tariff and outcomes); "
            f"{owner(path)} {what}: leave achieved out"
        ) + (" (its amounts are repaid as planned)" if repay.amount is not None else "")
        out.append(Finding((*path, "achieved"), "achieved-not-outcome", message, at_key=True))
    outcome_keys = [key for key in ("tariff", "outcomes", "cap") if getattr(repay, key) is not None]
    per_outcome = repay.tariff is not None and repay.outcomes is not None
    if repay.amount is None and per_outcome or repay.amount is not None and not outcome_keys:
        return out
    given = ", ".join(f"'{key}'" for key in (*outcome_keys, *(["amount"] if repay.amount is not None else [])))
    return [*out, Finding(path, "repay-kind", f"{REPAY_KINDS_RULE}; this one has {given or 'neither'}", at_key=True)]


def _payers(scenario: Scenario, path: tuple, investor: str | None, repay: Repay) -> list[Finding]:
    """Each paying pocket: defined, municipal, not the investor (INVESTOR: None when the line's source is
    none), not money from outside."""
    out = []
    for sid in repay.by:
        where = (*path, "by", sid)
        source = scenario.sources.get(sid)
        if source is None:
            message = f"paying pocket {sid!r} is not defined under 'sources'" + nearest(sid, scenario.sources)
            out.append(Finding(where, "unknown-source", message, at_key=True))
        elif source.kind in OUTSIDE:
            message = (
                f"source {sid!r} is of kind {source.kind.value}: savings in the {source.kind.value} cannot be "
                "harvested by the municipality, so it cannot repay; name the municipal pockets that repay"
            )
            out.append(Finding(where, "unharvestable-source", message, at_key=True))
        elif sid == investor or source.kind in _NOT_PAYERS:
            why = "the investor itself" if sid == investor else f"of kind {source.kind.value}, money from outside"
            message = (
                f"source {sid!r} is {why}: it cannot repay; a repayment is paid by municipal pockets (kind "
                "decentral, non_decentral or fund, or none)"
            )
            out.append(Finding(where, "repay-payer", message, at_key=True))
    return out


def _shares(path: tuple, repay: Repay, gaps: Gaps) -> list[Finding]:
    """The paying pockets' shares add up to 100 %, at `by`."""
    if gaps.within((*path, "by")):
        return []
    total = exact_sum(repay.by.values())
    if total == 1:
        return []
    message = (
        f"the shares of the paying pockets add up to {plain(total.scaleb(2, EXACT))} %: a repayment is split over "
        "them in full, so they add up to 100 %"
    )
    return [Finding((*path, "by"), "repay-shares", message, at_key=True)]


def _years(scenario: Scenario, path: tuple, repay: Repay, gaps: Gaps) -> list[Finding]:
    """No repayment year (of a rate card, expected or scheduled) before the budget year."""
    if gaps.covers(("budget_year",)):
        return []
    budget_year = scenario.budget_year
    out = []
    for key in _YEAR_KEYS:
        by_year = getattr(repay, key)
        for year in by_year if isinstance(by_year, dict) else ():  # a tariff may be one amount for every year
            if year < budget_year:
                message = (
                    f"repayment year {year} ({key}) is before budget_year {budget_year}: a decision at that budget "
                    f"repays in its own and later years"
                )
                out.append(Finding((*path, key, year), "year-before-budget", message, at_key=True))
    return out
