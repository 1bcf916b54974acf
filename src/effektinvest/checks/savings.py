"""The checks of a project's `savings` (format 1.2): the sources they name must be defined, and a project
that is not continued has savings that count nowhere. Also which sources savings make used (`sources`).
"""

from __future__ import annotations

from effektinvest.model import Scenario, Status
from effektinvest.model.diagnostics import Finding
from effektinvest.model.partial import Gaps
from effektinvest.model.suggest import nearest


def savings(scenario: Scenario, gaps: Gaps) -> list[Finding]:
    """A `savings` key naming an undefined source; savings of a project that is not continued."""
    out = []
    sources_known = not gaps.covers(("sources",))
    for pid, project in scenario.projects.items():
        here = ("projects", pid)
        if not project.savings or gaps.covers(here):
            continue
        if sources_known:
            for sid in project.savings:
                if sid not in scenario.sources:
                    message = f"the savings of project {pid!r} name source {sid!r}, which is not defined under "
                    message += "'sources'" + nearest(sid, scenario.sources)
                    out.append(Finding((*here, "savings", sid), "unknown-source", message, at_key=True))
        if project.status is not Status.CONTINUE:
            message = (
                f"project {pid!r} has status {project.status.value}: its savings count nowhere "
                "(remove them, or continue the project)"
            )
            out.append(Finding((*here, "savings"), "inactive-line", message, at_key=True))
    return out


def saved_in(scenario: Scenario) -> set[str]:
    """The sources in which some project's savings land, expected or realised (whatever its status): such a
    source is used."""
    return {
        sid
        for project in scenario.projects.values()
        for sid in (*(project.savings or ()), *(project.realised_savings or ()))
    }
