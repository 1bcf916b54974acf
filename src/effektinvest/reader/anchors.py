"""Anchors and aliases, with no node tree and no events kept: an anchored mapping or list is read once, and
what reading it gave is recorded (a `Repeat`: its value and marks, how deep it nests, and what the walk
counted and said inside it); an alias gives that value again, shared as PyYAML's own loader shares it, and
says again what was said inside it, at its own path. So an alias costs neither memory nor time for the
values it repeats, and the record's `tick` counts them all at once, before anything else is done: the alias
bound (docs/scenario-format.md) acts before a byte is spent on growth. Cycles are reported here.

The walker owns one `Anchors` and calls it; it reads nothing itself: it is handed the walker's `node` to
read an anchored value with, and the walker takes the parser's events through `watch` meanwhile."""

from __future__ import annotations

from typing import NamedTuple

from yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent

from effektinvest.reader.limits import MAX_DEPTH
from effektinvest.reader.marks import Marks
from effektinvest.reader.record import Record, Said
from effektinvest.reader.signals import Abort, Refused


class Repeat(NamedTuple):
    """What reading an anchored mapping or list gave, for each alias that repeats it."""

    value: object
    marks: Marks | None
    height: int  # levels of mappings and lists, its own included
    said: Said  # what reading it counted and said, which each alias counts and says again at its own path


class Anchors:
    """The anchors of one file: the first event of the value each names, and for a mapping or list, once
    read, its `Repeat`; which are being read (an alias inside one of them is a cycle)."""

    def __init__(self, record: Record, parse):
        self.record = record  # the walk's, which an anchored value's `Said` is taken from and added to
        self.parse = parse  # the parser's events, which `watch` passes on
        self.first: dict[str, object] = {}  # an anchor's name: the first event of its value
        self.repeats: dict[str, Repeat] = {}  # an anchored mapping or list's name, once it is read
        self.open: set[str] = set()  # anchors whose value is being read
        # While an anchored value is read, the parser's events come through `watch`, which counts the
        # mappings and lists open (LEVEL) and the most that have been (DEEPEST): the height of each Repeat.
        self.anchoring = self.level = self.deepest = 0

    def define(self, event) -> None:
        """Record the anchor of EVENT, its value's first event; Refused when an anchor has its name already."""
        name = event.anchor
        first = self.first.get(name)
        if first is not None:
            mark = event.start_mark
            raise Refused(
                mark.line + 1,
                mark.column + 1,
                "yaml-syntax",
                f"anchor &{name} is defined twice: first on line {first.start_mark.line + 1}, again here "
                "(PyYAML refuses that); give each anchor its own name",
            )
        self.first[name] = event

    def named(self, alias):
        """The first event of the value ALIAS names; Refused when no anchor before it has its name."""
        first = self.first.get(alias.anchor)
        if first is None:
            mark = alias.start_mark
            raise Refused(
                mark.line + 1,
                mark.column + 1,
                "yaml-syntax",
                f"the alias *{alias.anchor} names no anchor before it (write &{alias.anchor} on the value first)",
            )
        return first

    def anchored(self, event, depth: int, read) -> tuple[object, Marks | None]:
        """READ (the walker's `node`) a mapping or list with an anchor, its events coming through `watch`,
        and record what it gave for the aliases that repeat it."""
        name = event.anchor
        self.define(event)
        if not self.anchoring:  # the outermost anchored value: its start came from the parser itself
            self.level = 1
        first, deepest = self.level, self.deepest
        self.deepest = first
        before = self.record.mark()
        self.anchoring += 1
        self.open.add(name)
        try:
            value, marks = read(event, depth)
        finally:
            self.anchoring -= 1
            self.open.discard(name)
        height = self.deepest - first + 1
        self.deepest = max(deepest, self.deepest)
        self.repeats[name] = Repeat(value, marks, height, self.record.since(before))
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

    def alias(self, event, depth: int, read) -> tuple[object, Marks | None]:
        """An alias gives its anchor's value again: a single value READ again (the walker's `node`) from its
        one event; a mapping or list as it was read (the same objects), with what was said inside it said
        again at this alias's path. Its values are counted first, all at once: past the bound, nothing is
        repeated."""
        record = self.record
        record.tick(event)
        name = event.anchor
        if name in self.open:
            record.poison(event, "alias-cycle", f"the alias *{name} stands inside the value it repeats (&{name})")
            return None, None
        first = self.named(event)
        repeat = self.repeats.get(name)
        if repeat is None:
            return read(first, depth)
        if depth + repeat.height - 1 > MAX_DEPTH:  # where it stands, it nests deeper than where it is written
            record.report(event, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
            raise Abort
        record.tick(event, repeat.said.values)
        if self.anchoring and self.level + repeat.height > self.deepest:  # inside another anchored value
            self.deepest = self.level + repeat.height
        record.repeat(repeat.said)
        return repeat.value, repeat.marks
