"""The checks of a project: decide_at for a deferred project only, and after the budget year; costs for a
continued project, none before the budget year; no financing lines of its own when it is not continued.
"""

from __future__ import annotations

from effektinvest.model import Project, Scenario, Status
from effektinvest.model.diagnostics import Finding
from effektinvest.model.errors import missing_key
from effektinvest.model.partial import Gaps


def projects(scenario: Scenario, gaps: Gaps) -> list[Finding]:
    """The findings about each project whose status is known (of a project stood in for, nothing)."""
    budget_year = scenario.budget_year
    year_known = not gaps.covers(("budget_year",))
    out = []
    for pid, project in scenario.projects.items():
        if gaps.covers(("projects", pid)):
            continue  # its status is not known
        out += _decision(pid, project, budget_year, year_known, gaps)
        out += _costs(pid, project, budget_year, year_known, gaps)
        out += _inactive_lines(pid, project)
    return out


def _decision(pid: str, project: Project, budget_year: int, year_known: bool, gaps: Gaps) -> list[Finding]:
    """A deferred project needs decide_at, after the budget year; any other has none."""
    here = ("projects", pid)
    out = []
    if project.status is Status.DEFER and project.decide_at is None and not gaps.covers((*here, "decide_at")):
        message = f"project {pid!r} is deferred: give decide_at, the budget year at which the decision will be "
        out.append(Finding(here, "decide-at-missing", message + f"taken (after {budget_year})", at_key=True))
    if year_known and project.decide_at is not None and project.decide_at <= budget_year:
        message = f"decide_at {project.decide_at} must be after budget_year {budget_year}"
        out.append(Finding((*here, "decide_at"), "decide-at-too-early", message))
    if project.decide_at is not None and project.status is not Status.DEFER:
        message = (
            f"decide_at is for deferred projects; project {pid!r} has status {project.status.value}, "
            "so it is ignored (did you mean status: defer?)"
        )
        out.append(Finding((*here, "decide_at"), "decide-at-ignored", message, at_key=True))
    return out


def _costs(pid: str, project: Project, budget_year: int, year_known: bool, gaps: Gaps) -> list[Finding]:
    """A continued project needs cost years; no project has one before the budget year."""
    here = ("projects", pid)
    out = []
    if project.status is Status.CONTINUE and not project.costs and gaps.costs_complete(pid):
        hint = f" per budget year, e.g. costs: {{{budget_year}: 1.5}}"
        if project.costs is None:
            out.append(missing_key(here, "costs", f": it is continued, so give what continuing costs{hint}"))
        else:
            message = f"project {pid!r} is continued but has no cost years: give what continuing costs{hint}"
            out.append(Finding((*here, "costs"), "missing-key", message, at_key=True))
    for year in project.costs or {} if year_known else ():
        if year < budget_year:
            message = (
                f"cost year {year} is before budget_year {budget_year}: the decision at that budget "
                "can only concern its own and later years"
            )
            out.append(Finding((*here, "costs", year), "year-before-budget", message, at_key=True))
    return out


def _inactive_lines(pid: str, project: Project) -> list[Finding]:
    """A project that is not continued: its own financing lines pay nothing (a warning at each)."""
    if project.status is Status.CONTINUE:
        return []
    message = (
        f"project {pid!r} has status {project.status.value}: its own financing lines pay nothing and "
        "count nowhere (remove the line, or continue the project)"
    )
    lines = range(len(project.financing))
    return [Finding(("projects", pid, "financing", index), "inactive-line", message) for index in lines]
