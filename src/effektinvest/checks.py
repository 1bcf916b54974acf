"""The checks of ../shared/spec/scenario-format.md that span several values.

Pure: a validated Scenario in, findings out, each with the path of the key or
value it is about (the loader turns paths into lines). Per-value rules (how an
amount, share, year or unit is written) live in `numbers` and `units`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal, localcontext

from effektinvest.arithmetic import ORE, ZERO, Gap, compute, ledger, payments
from effektinvest.diagnostics import Severity
from effektinvest.model import FinancingLine, Scenario, Status, owner
from effektinvest.numbers import EXACT, decimals, plain


@dataclass(frozen=True, slots=True)
class Finding:
    path: tuple
    code: str
    message: str
    severity: Severity = Severity.ERROR
    at_key: bool = False  # point at the key of PATH rather than its value


def nearest(word: str, choices) -> str:
    """' (did you mean X?)' for the closest of CHOICES, or ''."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


def _money(amount: Decimal, unit) -> str:
    return f"{plain(amount)} {unit.value}"


def check(scenario: Scenario) -> tuple[list[Finding], Gap | None]:
    """Every cross-value finding, and the computed gap when there is no error."""
    findings: list[Finding] = []
    findings += _projects(scenario)
    findings += _precision(scenario)
    findings += _lines(scenario)
    costs, lines = ledger(scenario)
    findings += _shares(lines)
    findings += _amounts_need_cost(lines)
    findings += _unused_sources(scenario)
    if any(f.severity is Severity.ERROR for f in findings):
        return findings, None
    paid = payments(scenario, lines)
    gap = compute(scenario, paid, costs)
    findings += _surpluses(scenario, gap, paid)
    return findings, gap


def _projects(scenario: Scenario) -> list[Finding]:
    out = []
    for pid, project in scenario.projects.items():
        here = ("projects", pid)
        if project.status is Status.DEFER:
            if project.decide_at is None:
                out.append(
                    Finding(
                        here,
                        "decide-at-missing",
                        f"project {pid!r} is deferred: give decide_at, the budget year at which "
                        f"the decision will be taken (after {scenario.budget_year})",
                        at_key=True,
                    )
                )
        if project.decide_at is not None and project.decide_at <= scenario.budget_year:
            out.append(
                Finding(
                    here + ("decide_at",),
                    "decide-at-too-early",
                    f"decide_at {project.decide_at} must be after budget_year {scenario.budget_year}",
                )
            )
        if project.status is Status.CONTINUE and not project.costs:
            out.append(
                Finding(
                    here if project.costs is None else here + ("costs",),
                    "missing-key",
                    f"project {pid!r} is continued but has no {'costs' if project.costs is None else 'cost years'}: "
                    f"give what continuing costs per budget year, e.g. costs: {{{scenario.budget_year}: 1.5}}",
                    at_key=True,
                )
            )
        if project.decide_at is not None and project.status is not Status.DEFER:
            out.append(
                Finding(
                    here + ("decide_at",),
                    "decide-at-ignored",
                    f"decide_at is for deferred projects; project {pid!r} has status {project.status.value}, "
                    "so it is ignored (did you mean status: defer?)",
                    Severity.WARNING,
                    at_key=True,
                )
            )
        for year in project.costs or {}:
            if year < scenario.budget_year:
                out.append(
                    Finding(
                        here + ("costs", year),
                        "year-before-budget",
                        f"cost year {year} is before budget_year {scenario.budget_year}: the "
                        "decision at that budget can only concern its own and later years",
                        at_key=True,
                    )
                )
    return out


def _precision(scenario: Scenario) -> list[Finding]:
    """Amounts must be whole øre in kr., so splits and sums are exact."""
    to_kr = scenario.unit.to_kr
    finest = 2 + scenario.unit.exponent  # how many decimals one øre has in the file's unit
    out = []

    def visit(path: tuple, amount: Decimal) -> None:
        if to_kr(amount).quantize(ORE, context=EXACT) != to_kr(amount):
            out.append(
                Finding(
                    path,
                    "too-precise",
                    f"{_money(amount, scenario.unit)} is finer than one øre (0.01 kr.); amounts are whole øre",
                )
            )

    with localcontext(EXACT):
        for pid, project in scenario.projects.items():
            costs = project.costs
            # An exact sum has as many decimals as its finest term: one look a project, not one a cost.
            if costs and decimals(sum(costs.values(), ZERO)) > finest:
                for year, amount in costs.items():
                    if decimals(amount) > finest:
                        visit(("projects", pid, "costs", year), amount)
    for path, line in _all_lines(scenario):
        if isinstance(line.amount, dict):
            for year, amount in line.amount.items():
                if decimals(amount) > finest:
                    visit(path + ("amount", year), amount)
        elif line.amount is not None and decimals(line.amount) > finest:
            visit(path + ("amount",), line.amount)
    return out


def _all_lines(scenario: Scenario):
    """Every financing line in the file, with its path, whatever its project's status."""
    for pid, project in scenario.projects.items():
        for index, line in enumerate(project.financing):
            yield ("projects", pid, "financing", index), line
    for index, line in enumerate(scenario.financing):
        yield ("financing", index), line


def _lines(scenario: Scenario) -> list[Finding]:
    out = []
    for path, line in _all_lines(scenario):
        if (line.amount is None) == (line.share is None):
            which = "both" if line.amount is not None else "neither"
            out.append(
                Finding(
                    path,
                    "amount-or-share",
                    f"a financing line has exactly one of 'amount' and 'share'; this one has {which}",
                )
            )
        if line.source not in scenario.sources:
            out.append(
                Finding(
                    path + ("source",),
                    "unknown-source",
                    f"source {line.source!r} is not defined under 'sources'" + nearest(line.source, scenario.sources),
                )
            )
        listed = line.projects if path[0] == "financing" else None  # only top-level lines have 'projects'
        if listed == []:
            out.append(
                Finding(
                    path + ("projects",),
                    "empty-projects",
                    "'projects: []' covers no project, so this line pays nothing; leave 'projects' out to "
                    "cover every continued project",
                    Severity.WARNING,
                )
            )
        for index, pid in enumerate(listed or ()):
            where = path + ("projects", index)
            project = scenario.projects.get(pid)
            if pid in listed[:index]:
                out.append(Finding(where, "duplicate-project", f"project {pid!r} is listed twice in this line"))
            elif project is None:
                out.append(
                    Finding(
                        where,
                        "unknown-project",
                        f"project {pid!r} is not defined under 'projects'" + nearest(pid, scenario.projects),
                    )
                )
            elif project.status is not Status.CONTINUE:
                out.append(
                    Finding(
                        where,
                        "covers-inactive-project",
                        f"project {pid!r} has status {project.status.value}: its cost does not "
                        "count, so this line covers less than its list says",
                        Severity.WARNING,
                    )
                )
    return out


def _shares(lines) -> list[Finding]:
    total: dict[str, Decimal] = {}
    for ref, _ in lines:
        share = ref.line.share
        if share is not None:
            for pid in ref.covers:
                before = total.get(pid)
                total[pid] = share if before is None else EXACT.add(before, share)
    return [
        Finding(
            ("projects", pid),
            "shares-over-100",
            f"the shares that cover project {pid!r} add up to {plain(share.scaleb(2, EXACT))} % "
            "of its cost; at most 100 %",
            at_key=True,
        )
        for pid, share in total.items()
        if share > 1
    ]


def _amounts_need_cost(lines) -> list[Finding]:
    out = []
    for ref, covered in lines:
        line: FinancingLine = ref.line
        if line.amount is None or line.share is not None:
            continue
        if isinstance(line.amount, dict):
            for year in line.amount:
                if year not in covered:
                    out.append(
                        Finding(
                            ref.path + ("amount", year),
                            "amount-without-cost",
                            f"{owner(ref.path)} has an amount in {year}, but the projects it covers have no "
                            "cost in that year",
                            at_key=True,
                        )
                    )
        elif not covered:
            out.append(
                Finding(
                    ref.path + ("amount",),
                    "amount-without-cost",
                    f"the projects that {owner(ref.path)} covers have no cost in any year: there is nothing to "
                    "split the amount over",
                )
            )
    return out


def _unused_sources(scenario: Scenario) -> list[Finding]:
    used = {line.source for _, line in _all_lines(scenario)}
    return [
        Finding(
            ("sources", sid),
            "unused-source",
            f"source {sid!r} is not used by any financing line",
            Severity.WARNING,
            at_key=True,
        )
        for sid in scenario.sources
        if sid not in used
    ]


def _surpluses(scenario: Scenario, gap: Gap, paid) -> list[Finding]:
    out = []
    unit = scenario.unit
    for year, column in gap.years.items():
        if column.residual < 0:
            path = next((ref.path for ref, by_year in paid if by_year.get(year)), ())
            out.append(
                Finding(
                    path,
                    "surplus",
                    f"in {year} financing ({_money(unit.from_kr(column.financed), unit)}) exceeds cost "
                    f"({_money(unit.from_kr(column.cost), unit)}): a surplus of "
                    f"{_money(unit.from_kr(column.residual.copy_negate()), unit)}",
                    Severity.WARNING,
                )
            )
    return out
