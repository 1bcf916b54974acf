"""What every amount needs: to be in whole øre (costs, savings, a line's amount, tariff and cap, and format
1.3's actual costs, realised savings and what a line paid), and,
on a financing line, cost to be paid against in its years (`amount-without-cost`); an outcome line's rate card
a tariff in each year it counts outcomes in (`missing-tariff`).
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from effektinvest.checks.lines import Lines, all_lines
from effektinvest.core.arithmetic import LineRef
from effektinvest.model import FinancingLine, Scenario
from effektinvest.model.diagnostics import Finding
from effektinvest.model.errors import owner
from effektinvest.model.numbers import EXACT, decimals, plain
from effektinvest.model.partial import Gaps


def whole_ore(scenario: Scenario, gaps: Gaps) -> list[Finding]:
    """Amounts must be whole øre in kr., so splits and sums are exact."""
    if gaps.covers(("unit",)):
        return []  # the unit is not known, so neither is an øre
    unit = scenario.unit
    finest = 2 + unit.exponent  # how many decimals one øre has in the file's unit
    ore = Decimal("0.01")
    out = []

    def visit(path: tuple, amount: Decimal) -> None:
        if decimals(amount) > finest and unit.to_kr(amount).quantize(ore, context=EXACT) != unit.to_kr(amount):
            message = f"{plain(amount)} {unit.value} is finer than one øre (0.01 kr.); amounts are whole øre"
            out.append(Finding(path, "too-precise", message))

    def visit_years(path: tuple, by_year: dict[int, Decimal] | None) -> None:
        # An exact sum has as many decimals as its finest term: one look a mapping, not one an amount.
        if by_year and decimals(sum(by_year.values(), Decimal(0))) > finest:
            for year, amount in by_year.items():
                visit((*path, year), amount)

    with localcontext(EXACT):
        for pid, project in scenario.projects.items():
            visit_years(("projects", pid, "costs"), project.costs)
            visit_years(("projects", pid, "actual_costs"), project.actual_costs)
            for key in ("savings", "realised_savings"):
                for sid, by_year in (getattr(project, key) or {}).items():
                    visit_years(("projects", pid, key, sid), by_year)
    clean: dict[int, object] = {}  # a Repay shared by lines written alike (SharedRepay) found whole: not again
    for path, line in _priced(scenario):
        if id(line) in clean:  # (CLEAN keeps it alive: its id names no other)
            continue
        found = len(out)
        for key in ("amount", "paid", "tariff"):
            by_year = getattr(line, key, None)
            if isinstance(by_year, dict):
                for year, amount in by_year.items():
                    visit((*path, key, year), amount)
        for key in ("amount", "tariff", "cap"):
            value = getattr(line, key, None)
            if value is not None and not isinstance(value, dict):
                visit((*path, key), value)
        if path[-1] == "repay" and len(out) == found:
            clean[id(line)] = line
    return out


def _priced(scenario: Scenario):
    """Every financing line, and every line's `repay` (format 1.3), with its path: what holds amounts and
    tariffs."""
    for path, line in all_lines(scenario):
        yield path, line
        if line.repay is not None:
            yield (*path, "repay"), line.repay


def rate_cards(scenario: Scenario, gaps: Gaps) -> list[Finding]:
    """An outcome line (or a repayment per outcome) whose tariff is a rate card (year -> tariff) needs a tariff
    in every year in which it counts outcomes, expected or achieved: `missing-tariff`, at the count."""
    out = []
    for path, line in _priced(scenario):
        card = line.tariff
        if not isinstance(card, dict) or gaps.within((*path, "tariff")) or gaps.covers((*path, "tariff")):
            continue  # one tariff for every year, or a rate card not wholly known
        for key in ("outcomes", "achieved"):
            for year, count in (getattr(line, key) or {}).items():
                if year not in card:
                    known = ", ".join(str(y) for y in sorted(card))
                    message = (
                        f"{owner(path)} counts {count} outcomes in {year} ({key}), but its rate card has no tariff "
                        f"for {year} (it has {known}): give 'tariff' a {year} entry"
                    )
                    out.append(Finding((*path, key, year), "missing-tariff", message, at_key=True))
    return out


def amounts_need_cost(lines: Lines, gaps: Gaps) -> list[Finding]:
    """An amount must have cost to be paid against: in each of its years, or (a scalar) in some year; so must
    an outcome line's counts, in each of their years."""
    out = []
    for ref, covered in lines:
        line: FinancingLine = ref.line
        key, what = ("amount", "an amount") if line.tariff is None else ("outcomes", "outcome counts")
        by_year = getattr(line, key)
        if by_year is None or line.share is not None or line.tariff is not None and line.amount is not None:
            continue  # a share line, or one that the amount-or-share check reports
        if gaps and not (_years_checkable(ref, key, gaps) if isinstance(by_year, dict) else _cover_complete(ref, gaps)):
            continue
        if isinstance(by_year, dict):
            for year in by_year:
                if year not in covered:
                    message = (
                        f"{owner(ref.path)} has {what} in {year}, but the projects it covers have no cost in "
                        "that year"
                    )
                    out.append(Finding((*ref.path, key, year), "amount-without-cost", message, at_key=True))
        elif not covered:
            message = (
                f"the projects that {owner(ref.path)} covers have no cost in any year: there is nothing to split "
                "the amount over"
            )
            out.append(Finding((*ref.path, "amount"), "amount-without-cost", message))
    return out


def _years_checkable(ref: LineRef, key: str, gaps: Gaps) -> bool:
    """Whether the years of the line REF's mapping KEY (amount or outcomes) can be checked against its covered
    cost in a file with gaps: its projects and their costs are all there, and so is the mapping, but for
    entries that were left out one by one (`model.partial`: a bad year does not hide the others)."""
    path = ref.path
    if gaps.covers(path) or gaps.covers((*path, "projects")) or gaps.covers((*path, key)):
        return False
    return _costs_known(ref, gaps)


def _cover_complete(ref: LineRef, gaps: Gaps) -> bool:
    """Whether the line REF and the costs it covers are all there (a file with gaps)."""
    return not gaps.within(ref.path) and _costs_known(ref, gaps)


def _costs_known(ref: LineRef, gaps: Gaps) -> bool:
    """Whether the projects the line REF covers, and their costs, are all known (a file with gaps). Which
    projects a top-level line covers depends on the status of each project it lists (of every project, when
    it lists none); what is not known of a project it cannot cover hides nothing of it."""
    if ref.path[0] == "financing" and not gaps.statuses_known(ref.line.projects):
        return False
    return all(gaps.costs_complete(pid) for pid in ref.covers)
