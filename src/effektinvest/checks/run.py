"""The checks of the scenario format that span several values (docs/scenario-format.md, "Checks").

Pure: a validated Scenario (perhaps only the parts of a file that are valid: see `model.partial`) in,
findings out, each with the path of the key or value it is about (loading turns paths into lines).
Per-value rules (how an amount, share, year or unit is written) live in `numbers` and `units`; the
arithmetic is in `arithmetic`, and the one check that needs its figures, `surpluses`, takes them.
"""

from __future__ import annotations

from decimal import Decimal

from effektinvest.checks.amounts import amounts_need_cost, whole_ore
from effektinvest.checks.lines import Lines, each_line, shares
from effektinvest.checks.savings import savings
from effektinvest.checks.sources import unused_sources
from effektinvest.core.arithmetic import Gap, LineRef
from effektinvest.model import Scenario, Status
from effektinvest.model.diagnostics import Finding
from effektinvest.model.errors import missing_key
from effektinvest.model.numbers import plain
from effektinvest.model.partial import NO_GAPS, Gaps


def _money(amount: Decimal, unit) -> str:
    return f"{plain(amount)} {unit.value}"


def check(scenario: Scenario, lines: Lines, gaps: Gaps = NO_GAPS) -> list[Finding]:
    """Every cross-value finding but surpluses. LINES: from `arithmetic.ledger`. GAPS: the parts of the
    file that did not validate, about which nothing is reported."""
    return [
        *_projects(scenario, gaps),
        *whole_ore(scenario, gaps),
        *each_line(scenario, gaps),
        *savings(scenario, gaps),
        *shares(lines),
        *amounts_need_cost(lines, gaps),
        *unused_sources(scenario, gaps),
    ]


def paying(lines: Lines, findings: list[Finding], gaps: Gaps = NO_GAPS) -> Lines | None:
    """The lines whose payments decide whether a year has a surplus: every line of a valid file; in a file
    with problems, every line that can be paid as written and is not itself the mistake (none stood in
    for, none without one of amount and share, no single amount without cost to split it over, no share
    of a project whose shares pass 100 %). None when the costs are incomplete (a cost left out could
    make a surplus that is not there), or when an amount is finer than an øre (the arithmetic is in
    whole øre)."""
    unpaid, over = set(), set()
    for finding in findings:
        if finding.code == "too-precise":
            return None
        if finding.code in ("amount-or-share", "unharvestable-source"):  # the line, or a key of it
            unpaid.add(finding.path if isinstance(finding.path[-1], int) else finding.path[:-1])
        elif finding.code == "amount-without-cost" and finding.path[-1] == "amount":
            unpaid.add(finding.path[:-1])
        elif finding.code == "shares-over-100":
            over.add(finding.path[1])
    if not gaps and not unpaid and not over:
        return lines
    if not gaps.costs_complete():
        return None

    def paid(ref: LineRef) -> bool:
        if ref.path in unpaid or gaps.within(ref.path):
            return False
        return ref.line.share is None or over.isdisjoint(ref.covers)

    return [(ref, covered) for ref, covered in lines if paid(ref)]


def _projects(scenario: Scenario, gaps: Gaps) -> list[Finding]:
    out = []
    budget_year = scenario.budget_year
    year_known = not gaps.covers(("budget_year",))
    for pid, project in scenario.projects.items():
        here = ("projects", pid)
        if gaps.covers(here):
            continue  # its status is not known
        if project.status is Status.DEFER and project.decide_at is None and not gaps.covers((*here, "decide_at")):
            message = f"project {pid!r} is deferred: give decide_at, the budget year at which the decision will be "
            out.append(Finding(here, "decide-at-missing", message + f"taken (after {budget_year})", at_key=True))
        if year_known and project.decide_at is not None and project.decide_at <= budget_year:
            message = f"decide_at {project.decide_at} must be after budget_year {budget_year}"
            out.append(Finding((*here, "decide_at"), "decide-at-too-early", message))
        if project.status is Status.CONTINUE and not project.costs and gaps.costs_complete(pid):
            hint = f" per budget year, e.g. costs: {{{budget_year}: 1.5}}"
            if project.costs is None:
                out.append(missing_key(here, "costs", f": it is continued, so give what continuing costs{hint}"))
            else:
                message = f"project {pid!r} is continued but has no cost years: give what continuing costs{hint}"
                out.append(Finding((*here, "costs"), "missing-key", message, at_key=True))
        if project.status is not Status.CONTINUE:
            for index, _ in enumerate(project.financing):
                message = (
                    f"project {pid!r} has status {project.status.value}: its own financing lines pay nothing and "
                    "count nowhere (remove the line, or continue the project)"
                )
                out.append(Finding((*here, "financing", index), "inactive-line", message))
        if project.decide_at is not None and project.status is not Status.DEFER:
            message = (
                f"decide_at is for deferred projects; project {pid!r} has status {project.status.value}, "
                "so it is ignored (did you mean status: defer?)"
            )
            out.append(Finding((*here, "decide_at"), "decide-at-ignored", message, at_key=True))
        for year in project.costs or {} if year_known else ():
            if year < budget_year:
                message = (
                    f"cost year {year} is before budget_year {budget_year}: the decision at that budget "
                    "can only concern its own and later years"
                )
                out.append(Finding((*here, "costs", year), "year-before-budget", message, at_key=True))
    return out


def surpluses(scenario: Scenario, gap: Gap, paid) -> list[Finding]:
    """A warning for each year in which financing exceeds cost, pointing at the financing lines that pay in
    that year: at the first, naming the others (`also`)."""
    out = []
    unit = scenario.unit
    for year, column in gap.years.items():
        if column.residual < 0:
            payers = [ref.path for ref, by_year in paid if by_year.get(year)]
            message = (
                f"in {year} financing ({_money(unit.from_kr(column.financed), unit)}) exceeds cost "
                f"({_money(unit.from_kr(column.cost), unit)}): a surplus of "
                f"{_money(unit.from_kr(column.residual.copy_negate()), unit)}, paid by the financing line"
                f"{'s' if len(payers) > 1 else ''} here"
            )
            out.append(Finding(payers[0], "surplus", message, also=tuple(payers[1:])))
    return out
