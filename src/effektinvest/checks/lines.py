"""The checks of format 1.2's keys that span several values: the kind of a financing line (amount, share, or
tariff with outcomes), the pockets that cannot pay (state, region). Pure, as `checks` (which calls them): a
Scenario in, findings with paths out. The checks of a project's savings are in `checks.savings`; amounts in
whole øre in `checks.amounts`.
"""

from __future__ import annotations

from decimal import Decimal

from effektinvest.core.arithmetic import LineRef
from effektinvest.model import FinancingLine, Scenario
from effektinvest.model.diagnostics import Finding
from effektinvest.model.partial import Gaps
from effektinvest.model.values import OUTSIDE

Lines = list[tuple[LineRef, dict[int, Decimal]]]  # every counting line with its covered cost per year

_KINDS = ("amount", "share", "tariff")
KINDS_RULE = "a financing line has exactly one kind: 'amount', 'share', or 'tariff' with 'outcomes'"


def kinds(path: tuple, line: FinancingLine, gaps: Gaps) -> list[Finding]:
    """The `amount-or-share` findings of the line at PATH: none or several kinds, outcomes or a cap without
    a tariff, a tariff without outcomes. A part of an outcome line is pointed at by its key."""
    if gaps.within(path) or gaps.covers(path):
        return []
    given = [f"'{kind}'" for kind in _KINDS if getattr(line, kind) is not None]
    parts = [key for key in ("outcomes", "cap") if getattr(line, key) is not None]
    if len(given) > 1 or not given and not parts:
        which = "none" if not given else " and ".join((", ".join(given[:-1]), given[-1]))
        return [Finding(path, "amount-or-share", f"{KINDS_RULE}; this one has {which}")]
    if line.tariff is None:
        fix = ": give its 'tariff' too, or leave '{}' out"
        if given:
            fix = f", and this line has {given[0]}: leave '{{}}' out"
        return [
            Finding((*path, key), "amount-or-share", f"'{key}' is for an outcome line" + fix.format(key), True)
            for key in parts
        ]
    if line.outcomes is None:
        message = "an outcome line has 'outcomes' with its 'tariff': a mapping year -> expected count"
        return [Finding((*path, "tariff"), "amount-or-share", message, at_key=True)]
    return []


def unharvestable(scenario: Scenario, path: tuple, line: FinancingLine) -> list[Finding]:
    """A financing line on a state or region source: savings there cannot pay for the municipality."""
    source = scenario.sources.get(line.source)
    if source is None or source.kind not in OUTSIDE:
        return []
    refund = "a state refund" if source.kind.value == "state" else "a refund from the region"
    message = (
        f"source {line.source!r} is of kind {source.kind.value}: savings in the {source.kind.value} cannot be "
        f"harvested by the municipality; {refund} is kind `refund`"
    )
    return [Finding((*path, "source"), "unharvestable-source", message)]


def all_lines(scenario: Scenario):
    """Every financing line in the file, with its path, whatever its project's status."""
    for pid, project in scenario.projects.items():
        for index, line in enumerate(project.financing):
            yield ("projects", pid, "financing", index), line
    for index, line in enumerate(scenario.financing):
        yield ("financing", index), line
