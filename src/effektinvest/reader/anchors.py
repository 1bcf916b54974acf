"""Anchors and aliases, with no node tree and no events kept: an anchored mapping or list is read once, and
what reading it gave is recorded (a `Repeat`: its value and marks, how many values it holds, how deep it
nests, what was reported inside it); an alias gives that value again, shared as PyYAML's own loader shares
it, and repeats what was reported inside it at its own path. So an alias costs neither memory nor time for
the values it repeats, and the walker's `tick` counts them all at once, before anything else is done: the
alias bound (docs/scenario-format.md) acts before a byte is spent on growth. Cycles are reported here."""

from __future__ import annotations

from typing import NamedTuple

from yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent

from effektinvest.reader.limits import MAX_DEPTH
from effektinvest.reader.marks import Marks
from effektinvest.reader.record import Said
from effektinvest.reader.signals import Abort, Refused


class Repeat(NamedTuple):
    """What reading an anchored mapping or list gave, for each alias that repeats it."""

    value: object
    marks: Marks | None
    height: int  # levels of mappings and lists, its own included
    said: Said  # what reading it counted and said, which each alias counts and says again at its own path


class Anchors:
    """The walker's methods for anchors and aliases (see `walker.Walker`, whose state they share)."""

    # While an anchored value is read, the parser's events come through `watch`, which counts the mappings
    # and lists open (LEVEL) and the most that have been (DEEPEST): the height of each Repeat.
    anchoring = level = deepest = 0

    def anchored(self, event, depth: int) -> tuple[object, Marks | None]:
        """Read a mapping or list with an anchor, and record what it gave for the aliases that repeat it."""
        name = event.anchor
        entry = self.define(name, [event], 0, None)
        outer = self.get
        if not self.anchoring:  # the outermost anchored value: its start came from the parser itself
            self.level = 1
            self.get = self.watch
        first, deepest = self.level, self.deepest
        self.deepest = first
        before = self.record.mark()
        self.anchoring += 1
        self.open.add(name)
        try:
            value, marks = self.node(event, depth)
        finally:
            self.anchoring -= 1
            self.open.discard(name)
            self.get = outer
        height = self.deepest - first + 1
        self.deepest = max(deepest, self.deepest)
        entry[2] = Repeat(value, marks, height, self.record.since(before))
        return value, marks

    def watch(self):
        """The parser's next event, counting the mappings and lists it opens and closes (see `anchored`)."""
        event = self.parse()
        kind = event.__class__
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            self.level += 1
            if self.level > self.deepest:
                self.deepest = self.level
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            self.level -= 1
        return event

    def define(self, name: str, log: list, start: int, stop) -> list:
        """Record anchor NAME, as [LOG, START, STOP]: LOG[START] is its value's first event; for a single
        value STOP is 1 (an alias reads that one event again), for a mapping or list None while it is read
        and then its `Repeat`."""
        if name in self.anchors:
            log_, first, _ = self.anchors[name]
            mark = log[start].start_mark
            raise Refused(
                mark.line + 1,
                mark.column + 1,
                "yaml-syntax",
                f"anchor &{name} is defined twice: first on line {log_[first].start_mark.line + 1}, again here "
                "(PyYAML refuses that); give each anchor its own name",
            )
        entry = self.anchors[name] = [log, start, stop]
        return entry

    def alias(self, event, depth: int) -> tuple[object, Marks | None]:
        """An alias gives its anchor's value again: a single value read again from its one event; a mapping
        or list as it was read (the same objects), with what was reported inside it repeated at this
        alias's path. Its values are counted first, all at once: past the bound, nothing is repeated."""
        record = self.record
        record.tick(event)
        name = event.anchor
        if name in self.open:
            record.poison(event, "alias-cycle", f"the alias *{name} stands inside the value it repeats (&{name})")
            return None, None
        log, start, repeat = self.anchored_events(event)
        if repeat.__class__ is not Repeat:
            return self.node(log[start], depth)
        deepest = depth + repeat.height - 1
        if deepest > MAX_DEPTH:  # where it stands, it nests deeper than where it is written
            record.report(event, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
            raise Abort
        record.tick(event, repeat.said.values)
        if self.anchoring and self.level + repeat.height > self.deepest:  # inside another anchored value
            self.deepest = self.level + repeat.height
        record.repeat(repeat.said)
        return repeat.value, repeat.marks

    def anchored_events(self, alias) -> list:
        """The anchor an alias names, as [log, start, stop] (see `define`); Refused when it has none before
        it."""
        entry = self.anchors.get(alias.anchor)
        if entry is None:
            mark = alias.start_mark
            raise Refused(
                mark.line + 1,
                mark.column + 1,
                "yaml-syntax",
                f"the alias *{alias.anchor} names no anchor before it (write &{alias.anchor} on the value first)",
            )
        return entry
