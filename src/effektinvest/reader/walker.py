"""The walker: one pass over libyaml's events, building plain data under the format's YAML rules and the
marks of where every key and value stands, and reporting duplicate keys, merge keys, foreign tags, depth
and length. What an anchor and an alias do is in `anchors`.
"""

from __future__ import annotations

from array import array
from decimal import Decimal

from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

from effektinvest.diagnostics import Diagnostic
from effektinvest.numbers import DECIMAL_RE, FALSES, NULLS, TRUES, looks_like_thousands, resolve_plain
from effektinvest.reader.anchors import Anchors
from effektinvest.reader.marks import Marks, new_marks, spot
from effektinvest.reader.scalars import MAX_KEY_CHARS, MAX_SCALAR_CHARS, Scalars, T, is_plain, tag_message
from effektinvest.reader.signals import Abort, NeedMarks, Refused

MAX_DEPTH = 64
# Aliases may repeat values, but the walked document may hold at most this many
# nodes beyond four per byte of the file: a billion-laughs file stops here.
ALIAS_NODE_ALLOWANCE = 100_000

_NUMBER_START = frozenset("0123456789-+")
_MAP_TAG = T + "map"
_SEQ_TAG = T + "seq"

_EMPTY = "the file is empty: a scenario needs at least 'scenario:', 'budget_year:', 'sources:' and 'projects:'"


class Walker(Anchors, Scalars):
    """One pass over the parser's events, building plain data and marks.

    `get` gives the next event: the parser's own; while an anchored value is being read, one that also
    keeps the events for its aliases; while an alias is being read, the kept events again.
    """

    def __init__(self, path: str, size: int, get, marks: bool = True):
        self.path = path
        self.marking = marks
        self.budget = ALIAS_NODE_ALLOWANCE + 4 * size
        self.count = 0
        self.diagnostics: list[Diagnostic] = []
        self.poisoned: list[tuple] = []
        self.thousands: list[tuple[tuple, int, int, str]] = []  # numbers such as 1.500, with their paths
        self.trail: list = []  # the path to the value being read
        self.get = get
        self.parse = get
        self.anchors: dict[str, list] = {}  # an anchor's name: [log, start, stop], its value's events
        self.log: list = []  # the events kept while an anchored value is read (see `anchored`)
        self.open: set[str] = set()  # anchors whose value is being read, or read again
        self.again = 0  # how many aliases deep the walk is

    def document(self) -> tuple[object, Marks | None]:
        """The one document of the stream, with its marks; Refused when there is none to read."""
        get = self.get
        get()  # the stream's start
        start = get()
        if start.__class__ is StreamEndEvent:
            raise Refused(1, 1, "empty-file", _EMPTY)
        root = get()
        value, marks = self.value(root, 1)
        get()  # the document's end
        after = get()
        if after.__class__ is not StreamEndEvent:
            mark = after.start_mark
            raise Refused(
                mark.line + 1,
                mark.column + 1,
                "multiple-documents",
                "the file holds more than one YAML document ('---'); a scenario is one document",
            )
        if root.__class__ is MappingStartEvent:
            return value, marks
        if root.__class__ is ScalarEvent and is_plain(root) and resolve_plain(root.value) is None:
            raise Refused(1, 1, "empty-file", _EMPTY)
        mark = root.start_mark
        kind = "a list" if root.__class__ is not ScalarEvent else "a single value"
        raise Refused(
            mark.line + 1,
            mark.column + 1,
            "top-level-not-mapping",
            f"the top level is {kind}; it must be a mapping of keys such as 'scenario:'",
        )

    def report(self, event, code: str, message: str) -> None:
        mark = event.start_mark
        self.diagnostics.append(Diagnostic(self.path, mark.line + 1, mark.column + 1, code, message))

    def poison(self, event, code: str, message: str) -> None:
        self.report(event, code, message)
        self.poisoned.append(tuple(self.trail))

    def quietly(self, read, event, depth: int) -> None:
        """READ a value that is not used (refused, or under a refused key), for its events and anchors;
        what it would report is not reported, but for a reason to stop reading at all."""
        if event.__class__ is AliasEvent:
            self.anchored_events(event)  # it must name an anchor, but is not expanded: nothing to read
            return
        kept = len(self.diagnostics), len(self.poisoned), len(self.thousands)
        try:
            read(event, depth)
        except Abort:
            kept = kept[0] + 1, *kept[1:]
            self.diagnostics[kept[0] - 1 :] = self.diagnostics[-1:]  # the reason to stop, only
            raise
        finally:
            del self.diagnostics[kept[0] :], self.poisoned[kept[1] :], self.thousands[kept[2] :]

    def tick(self, event) -> None:
        """Count one more value read; past the budget, stop: aliases are making the document grow."""
        self.count += 1
        if self.count > self.budget:
            self.report(
                event,
                "alias-expansion",
                f"aliases make the document grow past {self.budget:,} values; write the values out",
            )
            raise Abort

    def value(self, event, depth: int) -> tuple[object, Marks | None]:
        """The value that starts with EVENT, and the marks of what it holds (None for a single value)."""
        if event.__class__ is AliasEvent:
            return self.alias(event, depth)
        self.tick(event)
        if event.anchor is not None and event.__class__ is not ScalarEvent:
            return self.anchored(event, depth) if not self.again else self.reread(event, depth)
        if event.anchor is not None and not self.again:
            self.define(event.anchor, [event], 0, 1)
        return self.node(event, depth)

    def node(self, event, depth: int) -> tuple[object, Marks | None]:
        if event.__class__ is ScalarEvent:
            return self.scalar(event), None
        if depth > MAX_DEPTH:
            self.report(event, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
            raise Abort
        tag = event.tag
        if event.__class__ is MappingStartEvent:
            if tag is None or tag == "!" or tag == _MAP_TAG:
                return self.mapping(event, depth)
            self.poison(event, "unsupported-tag", tag_message(tag))
            self.quietly(self.mapping, event, depth)
            return None, None
        if tag is None or tag == "!" or tag == _SEQ_TAG:
            return self.sequence(event, depth)
        self.poison(event, "unsupported-tag", tag_message(tag))
        self.quietly(self.sequence, event, depth)
        return None, None

    def sequence(self, start, depth: int) -> tuple[list, Marks | None]:
        get = self.get
        out: list = []
        spots = array("q")
        children = {}
        trail = self.trail
        marking = self.marking
        index = 0
        while True:
            event = get()
            if event.__class__ is SequenceEndEvent:
                break
            trail.append(index)
            if marking:
                here = spot(event.start_mark)
                spots.append(here)
                spots.append(here)
            value, child = self.value(event, depth + 1)
            out.append(value)
            if child is not None:
                children[index] = child
            trail.pop()
            index += 1
        if not marking:
            return out, None
        return out, new_marks(Marks, (None, spots, children or None, spot(start.start_mark)))

    def mapping(self, start, depth: int) -> tuple[dict, Marks | None]:
        # The hot loop of reading a large file: the common cases (a plain ASCII key, a plain value)
        # are inline; everything else goes through `key`, `plain` and `value`. Kept whole on purpose:
        # inlining them made reading a quarter faster (docs/performance.md); test_numbers.py holds the
        # inline reading of a plain value to `numbers.resolve_plain` on generated input.
        get = self.get
        out: dict = {}
        spots: list[int] = []  # the keys are `out`'s, in the same order
        children: dict[int, Marks] = {}
        trail = self.trail
        marking = self.marking
        previous = None
        flow = start.flow_style
        while True:
            key_event = get()
            kind = key_event.__class__
            if kind is ScalarEvent and key_event.implicit[0] and key_event.anchor is None:
                key = key_event.value
                if key == "<<" or not key.isascii() or len(key) > MAX_KEY_CHARS:
                    key = self.key(key_event, depth)
            elif kind is MappingEndEvent:
                break
            else:
                key = self.key(key_event, depth)
            value_event = get()
            if flow:
                if previous is not None and _split_decimal_comma(previous, key_event, value_event):
                    trail.append(key_event.value)
                    self.poison(
                        previous,
                        "decimal-comma",
                        f"{previous.value},{key_event.value} has a decimal comma (in {{...}} it reads as "
                        f"{previous.value} and a key {key_event.value}): write {previous.value}.{key_event.value}",
                    )
                    trail.pop()
                    self.quietly(self.value, value_event, depth + 1)  # the empty value, for its anchor if any
                    continue
                previous = value_event
            if key is None:
                self.quietly(self.value, value_event, depth + 1)
                continue
            if key in out:
                if not marking:
                    raise NeedMarks
                first = spots[2 * list(out).index(key)] >> 32
                through = f" (through the alias *{key_event.anchor})" if kind is AliasEvent else ""
                self.report(
                    key_event,
                    "duplicate-key",
                    f"key {key!r} is given twice in this mapping: first on line {first + 1}, "
                    f"again on line {key_event.start_mark.line + 1}{through}",
                )
                self.quietly(self.value, value_event, depth + 1)
                continue
            if marking:
                mark = key_event.start_mark
                spots.append(mark.line << 32 | mark.column)
                mark = value_event.start_mark
                spots.append(mark.line << 32 | mark.column)
            if value_event.__class__ is ScalarEvent and value_event.implicit[0] and value_event.anchor is None:
                text = value_event.value
                if text in NULLS:
                    out[key] = None
                elif text[0] in _NUMBER_START and DECIMAL_RE.fullmatch(text):
                    out[key] = Decimal(text)
                    if text[-4:-3] == "." and looks_like_thousands(text):
                        mark = value_event.start_mark
                        self.thousands.append(((*trail, key), mark.line + 1, mark.column + 1, text))
                elif len(text) > MAX_SCALAR_CHARS or not text.isascii() or text in TRUES or text in FALSES:
                    trail.append(key)
                    out[key] = self.plain(value_event)
                    trail.pop()
                else:
                    out[key] = text
            elif (
                value_event.__class__ is ScalarEvent
                and value_event.tag is None
                and value_event.anchor is None
                and value_event.value.isascii()
                and len(value_event.value) <= MAX_SCALAR_CHARS
            ):
                out[key] = value_event.value  # quoted text (ASCII: already NFC), as `scalar` reads it
            else:
                trail.append(key)
                out[key], child = self.value(value_event, depth + 1)
                trail.pop()
                if child is not None:
                    children[len(out) - 1] = child
        self.count += len(out)  # the plain values read inline (and each other value once more): see `value`
        if not marking:
            return out, None
        return out, new_marks(Marks, (tuple(out), array("q", spots), children or None, spot(start.start_mark)))


def _split_decimal_comma(previous, key, value) -> bool:
    """`{2024: 10,35}`: the flow mapping has read 10 as a value and 35 as a key with no value."""
    return (
        previous.__class__ is ScalarEvent
        and is_plain(previous)
        and previous.value.isdigit()
        and key.__class__ is ScalarEvent
        and is_plain(key)
        and key.value.isdigit()
        and key.start_mark.index == previous.end_mark.index + 1
        and value.__class__ is ScalarEvent
        and is_plain(value)
        and value.value == ""
    )
