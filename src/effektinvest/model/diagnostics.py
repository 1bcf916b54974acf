"""Diagnostics as data: every problem found in a scenario file, what it is about, and where it is.

A `Finding` names the path of the key or value it is about (("projects", "havnen", "costs", 2024));
loading turns it into a `Diagnostic`, located at a line and column of the file. What each code means
is the one table of model/codes.py, CODES.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from effektinvest.model.codes import CODES, Severity


class _Coded:
    """What a finding's code tells: how grave it is (the CODES table)."""

    __slots__ = ()
    code: str

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def is_error(self) -> bool:
        return CODES[self.code].severity is Severity.ERROR


@dataclass(frozen=True, slots=True)
class Finding(_Coded):
    """A problem with a value of a scenario, not yet located: PATH is the value's path in the file."""

    path: tuple
    code: str
    message: str
    at_key: bool = False  # point at the key of PATH rather than its value
    also: tuple[tuple, ...] = ()  # other places the finding is about, named in the message by line and column


@dataclass(frozen=True, slots=True)
class Diagnostic(_Coded):
    """One finding, located in a file. LINE and COLUMN count from 1."""

    path: str
    line: int
    column: int
    code: str
    message: str

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)


def merge_repeats(findings: list[Finding], located: list[Diagnostic]) -> list[Diagnostic]:
    """LOCATED, one diagnostic per finding of FINDINGS, where a value repeated by aliases (`p2: *p`) gave the
    same diagnostic at the same place more than once: one diagnostic, which names each place the value
    stands in ("the same value in projects p1, p2 and p3"), instead of identical lines."""
    groups: dict[Diagnostic, list[tuple]] = {}
    for finding, diagnostic in zip(findings, located, strict=True):
        groups.setdefault(diagnostic, []).append(finding.path)
    if len(groups) == len(located):
        return located
    out = []
    for diagnostic, paths in groups.items():
        places = _places(paths)
        if places:
            diagnostic = replace(diagnostic, message=f"{diagnostic.message} (the same value in {places})")
        out.append(diagnostic)
    return out


def _places(paths: list[tuple]) -> str:
    """'projects p1, p2 and p3', 'financing lines 1 and 3': where PATHS first differ, or '' if they do not."""
    paths = list(dict.fromkeys(paths))
    if len(paths) < 2:
        return ""
    first = next((i for i in range(min(map(len, paths))) if len({p[i] for p in paths}) > 1), None)
    if first is None:
        return ", ".join(".".join(map(str, p)) for p in paths)
    names = [str(p[first] + 1) if isinstance(p[first], int) else str(p[first]) for p in paths]
    parent = str(paths[0][first - 1]) if first else ""
    kind = f"{parent} lines" if names and isinstance(paths[0][first], int) else parent
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    return f"{kind} {listed}".strip()
