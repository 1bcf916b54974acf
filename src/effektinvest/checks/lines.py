"""The checks of the financing lines: each line on its own (its kind, its source, a top-level line's list of
projects), and the shares that cover one project together. Pure, as the other checks: a Scenario (or the
ledger's lines) in, findings with paths out. `all_lines` is every line of the file, for the other checks.
"""

from __future__ import annotations

from decimal import Decimal

from effektinvest.core.arithmetic import LineRef
from effektinvest.model import FinancingLine, Scenario, Status
from effektinvest.model.diagnostics import Finding
from effektinvest.model.numbers import EXACT, plain
from effektinvest.model.partial import Gaps
from effektinvest.model.suggest import nearest
from effektinvest.model.values import OUTSIDE

Lines = list[tuple[LineRef, dict[int, Decimal]]]  # every counting line with its covered cost per year

_KINDS = ("amount", "share", "tariff")
KINDS_RULE = "a financing line has exactly one kind: 'amount', 'share', or 'tariff' with 'outcomes'"


def all_lines(scenario: Scenario):
    """Every financing line in the file, with its path, whatever its project's status."""
    for pid, project in scenario.projects.items():
        for index, line in enumerate(project.financing):
            yield ("projects", pid, "financing", index), line
    for index, line in enumerate(scenario.financing):
        yield ("financing", index), line


def each_line(scenario: Scenario, gaps: Gaps) -> list[Finding]:
    """The findings about each financing line on its own: its kind, its source (defined, and one that can
    pay), and a top-level line's list of projects."""
    out = []
    sources_known = not gaps.covers(("sources",))
    for path, line in all_lines(scenario):
        out += kinds(path, line, gaps)
        if sources_known and line.source not in scenario.sources and not gaps.covers((*path, "source")):
            message = f"source {line.source!r} is not defined under 'sources'" + nearest(line.source, scenario.sources)
            out.append(Finding((*path, "source"), "unknown-source", message))
        out += unharvestable(scenario, path, line)
        if path[0] == "financing":  # only top-level lines have 'projects'
            out += _listed(scenario, path, line.projects, gaps)
    return out


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


def _listed(scenario: Scenario, path: tuple, listed: list[str] | None, gaps: Gaps) -> list[Finding]:
    """The findings about a top-level line's list of projects."""
    if listed == []:
        message = (
            "'projects: []' covers no project, so this line pays nothing; leave 'projects' out to cover "
            "every continued project"
        )
        return [Finding((*path, "projects"), "empty-projects", message)]
    out = []
    projects_known = not gaps.covers(("projects",))
    seen: set[str] = set()  # the ids before this one: a lookup, not a search of the list (linear in all)
    for index, pid in enumerate(listed or ()):
        where = (*path, "projects", index)
        project = scenario.projects.get(pid)
        repeated = pid in seen
        seen.add(pid)
        if repeated:
            out.append(Finding(where, "duplicate-project", f"project {pid!r} is listed twice in this line"))
        elif project is None and projects_known:
            message = f"project {pid!r} is not defined under 'projects'" + nearest(pid, scenario.projects)
            out.append(Finding(where, "unknown-project", message))
        elif project is not None and project.status is not Status.CONTINUE and not gaps.covers(("projects", pid)):
            message = (
                f"project {pid!r} has status {project.status.value}: its cost does not count, so this line "
                "covers less than its list says"
            )
            out.append(Finding(where, "covers-inactive-project", message))
    return out


def shares(lines: Lines) -> list[Finding]:
    """A project whose shares, of every counting line that covers it, add up to more than 100 % of its cost."""
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
