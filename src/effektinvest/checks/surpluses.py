"""The one check that needs the figures: a year in which financing exceeds cost (`surplus`, a warning).
`paying` chooses, from the findings of `check`, the lines that can decide it; `surpluses` reads the gap made
of what they pay.
"""

from __future__ import annotations

from decimal import Decimal

from effektinvest.checks.lines import Lines
from effektinvest.core.arithmetic import Gap, LineRef
from effektinvest.model import Scenario
from effektinvest.model.diagnostics import Finding
from effektinvest.model.numbers import plain
from effektinvest.model.partial import NO_GAPS, Gaps


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
        elif finding.code == "missing-tariff":  # a count without a tariff: the line cannot be paid as written
            unpaid.add(finding.path[:-2])
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


def _money(amount: Decimal, unit) -> str:
    return f"{plain(amount)} {unit.value}"
