"""The checks of the sources: a source that nothing uses (no financing line, no project's savings)."""

from __future__ import annotations

from effektinvest.checks.lines import all_lines
from effektinvest.checks.savings import saved_in
from effektinvest.model import Scenario
from effektinvest.model.diagnostics import Finding
from effektinvest.model.partial import UNREAD_SOURCE, Gaps


def unused_sources(scenario: Scenario, gaps: Gaps) -> list[Finding]:
    """A source that no financing line uses and no project's savings name."""
    if gaps and not _lines_complete(scenario, gaps):
        return []  # a line left out may be the one that uses the source
    used = {line.source for _, line in all_lines(scenario)} | saved_in(scenario)
    used |= {sid for _, line in all_lines(scenario) if line.repay is not None for sid in line.repay.by}
    message = "source {!r} is not used by any financing line, nor named by any project's savings"
    return [
        Finding(("sources", sid), "unused-source", message.format(sid), at_key=True)
        for sid in scenario.sources
        if sid not in used
    ]


def _lines_complete(scenario: Scenario, gaps: Gaps) -> bool:
    """Whether every financing line of the file is there, with its source."""
    if gaps.covers(("financing",)) or gaps.covers(("projects",)):
        return False
    if any(gaps.covers(("projects", pid, "financing")) for pid in scenario.projects):
        return False
    if any(path[-1] == "repay" for path in gaps.paths):
        return False  # a repayment left out (format 1.3) names its paying pockets
    return not any(line.source == UNREAD_SOURCE for _, line in all_lines(scenario))
