"""Anchors and aliases: an anchored value's events are kept once, and an alias reads them again, so no
node tree is ever built. Cycles (a value that contains itself) are reported here; growth is bounded by
the walker's `tick`."""

from __future__ import annotations

from itertools import islice

from yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent

from effektinvest.reader.marks import Marks
from effektinvest.reader.signals import Refused


class Anchors:
    """The walker's methods for anchors and aliases (see `walker.Walker`, whose state they share)."""

    def anchored(self, event, depth: int) -> tuple[object, Marks | None]:
        """Read a mapping or list with an anchor, keeping its events for the aliases that repeat it.

        While any anchored value is open, every event the parser gives is kept once, in one log; an
        anchor's events are a slice of it, from its start to where it ends.
        """
        name = event.anchor
        if self.get is self.parse:  # no anchored value open: a new log
            self.log = [event]
        log = self.log
        entry = self.define(name, log, len(log) - 1, None)
        outer = self.get
        self.open.add(name)
        self.get = self.keep
        try:
            return self.node(event, depth)
        finally:
            self.get = outer
            self.open.discard(name)
            entry[2] = len(log)

    def reread(self, event, depth: int) -> tuple[object, Marks | None]:
        """A mapping or list with an anchor, read again through an alias: the anchor is open while it
        is read, so that an alias to it inside is a cycle here too; and if it is open already, the
        value contains itself."""
        name = event.anchor
        if name in self.open:
            self.poison(event, "alias-cycle", f"an alias makes the value of &{name} contain itself")
            level = 1  # its kept events, passed over
            while level:
                kind = self.get().__class__
                level += (kind is MappingStartEvent or kind is SequenceStartEvent) - (
                    kind is MappingEndEvent or kind is SequenceEndEvent
                )
            return None, None
        self.open.add(name)
        try:
            return self.node(event, depth)
        finally:
            self.open.discard(name)

    def define(self, name: str, log: list, start: int, stop: int | None) -> list:
        """Record anchor NAME: its value's events are LOG[START:STOP] (STOP is None while it is read)."""
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

    def keep(self):
        event = self.parse()
        self.log.append(event)
        return event

    def alias(self, event, depth: int) -> tuple[object, Marks | None]:
        """An alias reads its anchor's value again, from the kept events."""
        self.tick(event)
        name = event.anchor
        if name in self.open:
            self.poison(event, "alias-cycle", f"the alias *{name} stands inside the value it repeats (&{name})")
            return None, None
        log, start, stop = self.anchored_events(event)
        outer = self.get
        self.get = islice(log, start + 1, stop).__next__
        self.open.add(name)
        self.again += 1
        try:
            return self.node(log[start], depth)
        finally:
            self.get = outer
            self.open.discard(name)
            self.again -= 1

    def anchored_events(self, alias) -> list:
        """The anchor an alias names, as [log, start, stop]; Refused when it has none before it."""
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
