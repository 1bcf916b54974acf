"""Where a finding stands in its file: a `Locator` turns a finding's path into a line and column.

The one home of an optimisation: reading a file without its marks (where each key and value stands) is
a quarter faster (docs/performance.md), so a file is first read without them, and the locator reads it
again, with marks, the first time something is to be located. A clean file is read once.
"""

from __future__ import annotations

from effektinvest.model.diagnostics import Diagnostic, Finding, merge_repeats
from effektinvest.reader import Marks, ReadResult, locate, read
from effektinvest.reader.lines import LineMap

WATCHED = frozenset({"repay"})  # format 1.3: each repayment is named by the line of its `repay` key


class Locator:
    """Lines and columns in one file (DATA, called PATH in diagnostics)."""

    def __init__(
        self,
        data: bytes,
        path: str,
        marks: Marks | None = None,
        lines: LineMap | None = None,
        watched: dict[tuple, tuple[int, int]] | None = None,
    ):
        self._data = data
        self._path = path
        self._marks = marks
        self._keys: dict = {}  # the keys of each large mapping, indexed once (see `marks.locate`)
        self.reads = 0  # how many times the file was read again for its marks
        self._lines = lines  # where the file has a line break only YAML 1.1 counts: lines as an editor's
        self._watched = watched or {}  # the keys read with their place without marks (`reader.read`'s WATCH)

    @classmethod
    def reading(cls, data: bytes, path: str, marks: bool = False) -> tuple[ReadResult, Locator]:
        """Read DATA as plain data without marks (they are read on first need), and the locator of it; with
        MARKS at once, for a caller that will locate many things (gap --explain: every financing line). The
        keys of WATCHED are placed either way: a report that names each `repay` by its line (gap's JSON, one
        per line of 100,000) then reads the file once, not again with the marks of all of it."""
        result = read(data, path, marks=marks, watch=WATCHED)
        return result, cls(data, path, result.marks, result.lines, result.watched)

    def __call__(self, where: tuple, at_key: bool = False) -> tuple[int, int]:
        """The line and column (from 1) of the value at WHERE, or of its key when AT_KEY."""
        if at_key and self._marks is None and where in self._watched:
            line, column = self._watched[where]
            return (line, column) if self._lines is None else self._lines.real(line, column)
        if self._marks is None:
            again = read(self._data, self._path)
            self._marks, self._lines = again.marks, again.lines
            self.reads += 1
        line, column = locate(self._marks, where, at_key, self._keys)
        return (line, column) if self._lines is None else self._lines.real(line, column)

    def diagnostics(self, findings: list[Finding]) -> list[Diagnostic]:
        """FINDINGS as diagnostics of this file, each at its line and column."""
        out = []
        for finding in findings:
            line, column = self(finding.path, finding.at_key)
            message = finding.message
            if finding.also:  # "...; also at 14:9 and 20:5"
                places = [f"{line}:{column}" for line, column in (self(path) for path in finding.also)]
                message += "; also at " + (", ".join(places[:-1]) + " and " if len(places) > 1 else "") + places[-1]
            out.append(Diagnostic(self._path, line, column, finding.code, message))
        return merge_repeats(findings, out)  # a value repeated by aliases: one line that names each place
