"""The checks of a project: decide_at for a deferred project only, and after the budget year; costs for a
continued project, none before the budget year; no financing lines of its own when it is not continued.
"""

from __future__ import annotations

from effektinvest.model import Scenario, Status
from effektinvest.model.diagnostics import Finding
from effektinvest.model.errors import missing_key
from effektinvest.model.partial import Gaps


def projects(scenario: Scenario, gaps: Gaps) -> list[Finding]:
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
