"""The walker: one pass over libyaml's events, building plain data under the format's YAML rules and the
marks of where every key and value stands. It reads mappings and lists itself, and reports what only their
shape shows: a key given twice, a key that is not text, a tag on a mapping or list, nesting too deep.

What it calls, each with one job: `scalars` reads a key or a single value; its `Record` holds what the walk
has counted and said, at the path it is reading; its `Anchors` record an anchored value and give it again
at each alias; its `Duplicates` tell where a key given twice first stands; `comma` tells a number that a
flow mapping split at its decimal comma; its `Flows` read a flow mapping written alike once.
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

from effektinvest.model.lexical import DECIMAL_RE, FALSES, NULLS, TRUES, looks_like_thousands, resolve_plain
from effektinvest.reader.anchors import Anchors
from effektinvest.reader.comma import split_at_comma, split_decimal_comma
from effektinvest.reader.duplicates import Duplicates
from effektinvest.reader.flow import Flows
from effektinvest.reader.limits import ALIAS_NODE_ALLOWANCE, MAX_DEPTH, MAX_KEY_CHARS, MAX_SCALAR_CHARS
from effektinvest.reader.marks import Marks, new_marks, spot
from effektinvest.reader.record import Record
from effektinvest.reader.scalars import T, is_plain, key_text, plain_value, scalar_value, tag_message
from effektinvest.reader.signals import Abort, NeedMarks, Refused

_NUMBER_START = frozenset("0123456789-+")
_QUOTES = frozenset({'"', "'"})  # the styles of quoted text (not a block, | or >: see `scalars.scalar_value`)
_MAP_TAG = T + "map"
_SEQ_TAG = T + "seq"

_NOT_TEXT = "a key must be text or a year, not a list or mapping"
_EMPTY = "the file is empty: a scenario needs at least 'scenario:', 'budget_year:', 'sources:' and 'projects:'"


class Walker:
    """One pass over the parser's events, building plain data and marks. An anchored value is read once and
    recorded; an alias shares it (its `anchors`)."""

    def __init__(self, path: str, size: int, get, marks: bool = True, watch: frozenset = frozenset()):
        self.marking = marks
        self.record = Record(path, ALIAS_NODE_ALLOWANCE + 4 * size)
        self.record.watch = watch
        self.get = get
        self.anchors = Anchors(self.record, get)
        self.duplicates = Duplicates()
        self.flows = Flows()

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

    def quietly(self, read, event, depth: int) -> None:
        """READ a value that is not used (refused, or under a refused key), for its events and anchors;
        what it would report is not reported, but for a reason to stop reading at all."""
        if event.__class__ is AliasEvent:
            self.anchors.named(event)  # it must name an anchor, but is not expanded: nothing to read
            return
        record = self.record
        kept = record.mark()
        stopped = False
        try:
            read(event, depth)
        except Abort:
            stopped = True
            raise
        finally:
            record.forget(kept, but_the_last=stopped)  # on Abort, the reason to stop only

    def value(self, event, depth: int) -> tuple[object, Marks | None]:
        """The value that starts with EVENT, and the marks of what it holds (None for a single value)."""
        if event.__class__ is AliasEvent:
            return self.anchors.alias(event, depth, self.node)
        self.record.tick(event)
        if event.anchor is not None and event.__class__ is not ScalarEvent:
            return self.anchored(event, depth)
        if event.anchor is not None:
            self.anchors.define(event)
        return self.node(event, depth)

    def anchored(self, event, depth: int) -> tuple[object, Marks | None]:
        """A mapping or list with an anchor: its anchors read it (with `node`) and record it, the parser's
        events coming through their `watch` meanwhile, to measure how deep it nests."""
        outer = self.get
        self.get = self.anchors.watch
        try:
            return self.anchors.anchored(event, depth, self.node)
        finally:
            self.get = outer

    def key(self, event, depth: int) -> str | None:
        """A mapping key as text (NFC), or None after reporting why it cannot be one (`scalars.key_text`)."""
        if event.__class__ is AliasEvent:  # (an alias to a value still being read names a mapping or list)
            text = self.anchors.named(event)
            if text.__class__ is not ScalarEvent:
                self.record.poison(event, "key-not-text", _NOT_TEXT)
                return None
        elif event.__class__ is not ScalarEvent:
            self.record.poison(event, "key-not-text", _NOT_TEXT)
            self.quietly(self.value, event, depth + 1)
            return None
        else:
            text = event
            if event.anchor is not None:
                self.anchors.define(event)
        return key_text(text, event, self.record)

    def node(self, event, depth: int) -> tuple[object, Marks | None]:
        if event.__class__ is ScalarEvent:
            return scalar_value(event, self.record), None
        if depth > MAX_DEPTH:
            self.record.report(event, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
            raise Abort
        tag = event.tag
        if event.__class__ is MappingStartEvent:
            if tag is None or tag == "!" or tag == _MAP_TAG:
                if event.flow_style and event.anchor is None and not self.marking and self.flows.open:
                    return self.flows.mapping(self, event, depth), None  # read once if written alike
                return self.mapping(event, depth)
            self.record.poison(event, "unsupported-tag", tag_message(tag))
            self.quietly(self.mapping, event, depth)
            return None, None
        if tag is None or tag == "!" or tag == _SEQ_TAG:
            return self.sequence(event, depth)
        self.record.poison(event, "unsupported-tag", tag_message(tag))
        self.quietly(self.sequence, event, depth)
        return None, None

    def sequence(self, start, depth: int) -> tuple[list, Marks | None]:
        # A plain value that the list has held before is the same object again (values are immutable): a
        # list of ten million 1s holds one Decimal, not ten million (docs/performance.md, "Memory").
        get = self.get
        out: list = []
        spots = array("q")
        children = {}
        record = self.record
        trail = record.trail
        marking = self.marking
        index = 0
        known: dict = {}  # plain text -> its value, for at most 256 texts of this list
        plain = 0  # plain values read here, counted at the end (as `mapping` counts its own)
        while True:
            event = get()
            if event.__class__ is SequenceEndEvent:
                break
            if marking:
                here = spot(event.start_mark)
                spots.append(here)
                spots.append(here)
            if event.__class__ is ScalarEvent and event.implicit[0] and event.tag is None and event.anchor is None:
                value = known.get(event.value, known)
                if value is known:  # (KNOWN itself stands for "not known")
                    said = record.mark()
                    trail.append(index)
                    value = scalar_value(event, record)
                    trail.pop()
                    if len(known) < 256 and said == record.mark():
                        known[event.value] = value  # nothing was said of it: the next one is the same
                out.append(value)
                plain += 1
                index += 1
                continue
            trail.append(index)
            value, child = self.value(event, depth + 1)
            out.append(value)
            if child is not None:
                children[index] = child
            trail.pop()
            index += 1
        record.count += plain
        if not marking:
            return out, None
        return out, new_marks(Marks, (None, spots, children or None, spot(start.start_mark)))

    def mapping(self, start, depth: int) -> tuple[dict, Marks | None]:
        # The hot loop of reading a large file: the common cases (a plain ASCII key, a plain value)
        # are inline; everything else goes through `key`, `plain_value` and `value`. Kept whole on purpose:
        # inlining them made reading a quarter faster (docs/performance.md); test_numbers.py holds the
        # inline reading of a plain value to `lexical.resolve_plain` on generated input.
        get = self.get
        out: dict = {}
        spots: list[int] = []  # the keys are `out`'s, in the same order
        children: dict[int, Marks] = {}
        record = self.record
        trail = record.trail
        marking = self.marking
        watch = record.watch
        previous = previous_key = None
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
                if previous is not None and split_decimal_comma(previous, key_event, value_event):
                    split_at_comma(record, previous, previous_key, key_event)
                    out[previous_key] = None
                    self.quietly(self.value, value_event, depth + 1)  # the empty value, for its anchor if any
                    continue
                previous, previous_key = value_event, key
            if key is None:
                self.quietly(self.value, value_event, depth + 1)
                continue
            if key in out:
                if not marking:
                    raise NeedMarks
                record.report(key_event, "duplicate-key", self.duplicates.told(out, spots, key, key_event))
                self.quietly(self.value, value_event, depth + 1)
                continue
            if marking:
                mark = key_event.start_mark
                spots.append(mark.line << 32 | mark.column)
                mark = value_event.start_mark
                spots.append(mark.line << 32 | mark.column)
            if (  # a plain value (scalars.is_plain: `! 10.35` is text, not plain)
                value_event.__class__ is ScalarEvent
                and value_event.implicit[0]
                and value_event.tag is None
                and value_event.anchor is None
            ):
                text = value_event.value
                if text in NULLS:
                    out[key] = None
                elif text[0] in _NUMBER_START and DECIMAL_RE.fullmatch(text):
                    out[key] = Decimal(text)
                    if text[-4:-3] == "." and looks_like_thousands(text):
                        mark = value_event.start_mark
                        record.thousands.append(((*trail, key), mark.line + 1, mark.column + 1, text))
                elif len(text) > MAX_SCALAR_CHARS or not text.isascii() or text in TRUES or text in FALSES:
                    trail.append(key)
                    out[key] = plain_value(value_event, record)
                    trail.pop()
                else:
                    out[key] = text
            elif (
                value_event.__class__ is ScalarEvent
                and value_event.tag is None
                and value_event.anchor is None
                and value_event.style in _QUOTES
                and value_event.value.isascii()
                and len(value_event.value) <= MAX_SCALAR_CHARS
            ):
                out[key] = value_event.value  # quoted text (ASCII: already NFC), as `scalar_value` reads it
            else:
                trail.append(key)
                if key in watch:  # a mapping or list under a watched key: its key's place, without marks
                    mark = key_event.start_mark
                    record.watched[tuple(trail)] = (mark.line + 1, mark.column + 1)
                out[key], child = self.value(value_event, depth + 1)
                trail.pop()
                if child is not None:
                    children[len(out) - 1] = child
        record.count += len(out)  # the plain values read inline (and each other value once more): see `value`
        if not marking:
            return out, None
        return out, new_marks(Marks, (tuple(out), array("q", spots), children or None, spot(start.start_mark)))
