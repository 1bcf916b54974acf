"""What the line of a deferred or stopped project says of its repayments (repayment.md, format 1.3): the `repay` of
such a project is listed with it and counts nowhere, like its costs. For gap's and follow-up's lines under the
table. Pure."""

from __future__ import annotations

from effektinvest.core.display_context import joined
from effektinvest.model import Scenario


def repaid_to(scenario: Scenario, project) -> tuple[str, ...]:
    """The names of the investors the own financing lines of PROJECT would repay (format 1.3), each once, in file
    order."""
    found = (line.source for line in project.financing if line.repay is not None)
    return tuple(scenario.sources[sid].name if sid in scenario.sources else sid for sid in dict.fromkeys(found))


def not_repaid(investors: tuple[str, ...]) -> str:
    """What a deferred or stopped project's line adds when its own lines have `repay` (repayment.md: listed with it,
    counted nowhere); '' without one."""
    if not investors:
        return ""
    return f"; intet tilbagebetales til {joined(investors)}, så længe projektet ikke videreføres"
