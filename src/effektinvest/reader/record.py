"""What one walk over a file has read and said so far: the values it has counted against the alias bound,
its diagnostics, the paths it could not read as written (poisoned), the numbers written like Danish
thousands, and the path it is reading, at which each of them is said.

A part of it can be taken back (`mark`, then `forget`: a value read only for its events), or taken out
(`since`: what reading an anchored value gave) and said again elsewhere (`repeat`: at an alias)."""

from __future__ import annotations

from typing import NamedTuple

from effektinvest.model.diagnostics import Diagnostic
from effektinvest.reader.signals import Abort


class Said(NamedTuple):
    """What reading one value added to the record, with its paths below that value's own."""

    values: int  # values read (the record's count)
    diagnostics: list  # as they were reported, where the value is written
    poisoned: list  # paths that the data does not hold as written
    thousands: list  # (path, line, column, text) of each number such as 1.500


class Record:
    """The running record of one walk (see the module's docstring). The walker reads its lists and its
    trail directly in its hot loops; everything else goes through these methods."""

    def __init__(self, path: str, budget: int):
        self.path = path
        self.budget = budget  # values the walk may count before it stops (the alias bound)
        self.count = 0
        self.diagnostics: list[Diagnostic] = []
        self.poisoned: list[tuple] = []
        self.thousands: list[tuple[tuple, int, int, str]] = []  # numbers such as 1.500, with their paths
        self.trail: list = []  # the path to the value being read
        self.watch: frozenset = frozenset()  # keys whose place is kept even without marks (`watched`)
        self.watched: dict[tuple, tuple[int, int]] = {}  # path of a watched key -> its line and column (from 1)

    def report(self, event, code: str, message: str) -> None:
        mark = event.start_mark
        self.diagnostics.append(Diagnostic(self.path, mark.line + 1, mark.column + 1, code, message))

    def poison(self, event, code: str, message: str) -> None:
        """Report, and mark the path being read as not held as written."""
        self.report(event, code, message)
        self.poisoned.append(tuple(self.trail))

    def thousand(self, event, text: str) -> None:
        """Note a plain number written like Danish thousands (1.500), at the path being read."""
        mark = event.start_mark
        self.thousands.append((tuple(self.trail), mark.line + 1, mark.column + 1, text))

    def tick(self, event, values: int = 1) -> None:
        """Count one more value read (or the VALUES an alias repeats, at once: `anchors.Anchors.alias`); past
        the budget, stop, before anything of them is built: aliases are making the document grow."""
        self.count += values
        if self.count > self.budget:
            self.report(
                event,
                "alias-expansion",
                f"aliases make the document grow past {self.budget:,} values; write the values out",
            )
            raise Abort

    def mark(self) -> tuple[int, int, int, int]:
        """Where the record stands now, for `forget` and `since`."""
        return self.count, len(self.diagnostics), len(self.poisoned), len(self.thousands)

    def forget(self, mark: tuple[int, int, int, int], but_the_last: bool = False) -> None:
        """Take back what was said since MARK (not what was counted), but the last diagnostic if asked: the
        reason to stop reading at all."""
        _, said, poisoned, thousands = mark
        if but_the_last:
            said += 1
            self.diagnostics[said - 1 :] = self.diagnostics[-1:]
        del self.diagnostics[said:], self.poisoned[poisoned:], self.thousands[thousands:]

    def since(self, mark: tuple[int, int, int, int]) -> Said:
        """What was counted and said since MARK, its paths below the path being read."""
        count, said, poisoned, thousands = mark
        below = len(self.trail)
        return Said(
            self.count - count,
            self.diagnostics[said:],
            [path[below:] for path in self.poisoned[poisoned:]],
            [(path[below:], line, column, text) for path, line, column, text in self.thousands[thousands:]],
        )

    def repeat(self, said: Said) -> None:
        """Say again, at the path being read, what SAID holds (its values are counted by `tick`)."""
        if said.diagnostics:
            self.diagnostics += said.diagnostics
        if said.poisoned or said.thousands:
            here = tuple(self.trail)
            self.poisoned += [here + path for path in said.poisoned]
            self.thousands += [(here + path, line, column, text) for path, line, column, text in said.thousands]
