"""Strict YAML reading: bytes to plain data, with the line and column of every key and value.

libyaml's C parser reads the file once, as a stream of events; one pass over
the events builds plain Python data (dict, list, str, Decimal, bool, None)
under the YAML 1.2 core rules of ../shared/spec/scenario-format.md ("How the
file is read") and a compact index of where each key and value stands
(`Marks`, for `locate`), and reports duplicate keys, merge keys, foreign tags,
alias cycles, alias growth and depth. No node tree is built: the events of an
anchored value are kept, and an alias reads them again.
"""

from __future__ import annotations

import codecs
import sys
from array import array
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import NamedTuple
from unicodedata import normalize as _normalize

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from effektinvest.diagnostics import Diagnostic, Severity
from effektinvest.numbers import DANISH_THOUSANDS_RE, DECIMAL_RE, FALSES, NULLS, TRUES, nfc, resolve_plain

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
MAX_KEY_CHARS = 1024
MAX_SCALAR_CHARS = 1024 * 1024
# Aliases may repeat values, but the walked document may hold at most this many
# nodes beyond four per byte of the file: a billion-laughs file stops here.
ALIAS_NODE_ALLOWANCE = 100_000

PLAIN = "!effektinvest/plain"
_NUMBER_START = frozenset("0123456789-+")
_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset({_T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"})
_MAP_TAG = _T + "map"
_SEQ_TAG = _T + "seq"

try:
    from yaml._yaml import CParser as _Parser

    C_LOADER = True
except ImportError:  # PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

    C_LOADER = False


@dataclass
class ReadResult:
    data: dict | None
    marks: Marks | None  # where every key and value stands, for `locate`
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # paths below which the data is not what the file says (a value was dropped)
    poisoned: list[tuple] = field(default_factory=list)
    # plain numbers written like Danish thousands (1.500), as (path, line, column, text); whether to warn
    # depends on the unit and on what the number is
    thousands: list[tuple[tuple, int, int, str]] = field(default_factory=list)


_EMPTY = "the file is empty: a scenario needs at least 'scenario:', 'budget_year:', 'sources:' and 'projects:'"


def _spot(mark) -> int:
    return mark.line << 32 | mark.column


class Marks(NamedTuple):
    """Where the keys and values of one mapping or list stand in the file, compactly.

    A node tree (PyYAML's takes some 500 bytes a value) is never built: this keeps a line and column
    for each key and value in 16 bytes. KEYS is None for a list.
    SPOTS holds two packed positions (line << 32 | column, from 0) per entry: its key's and its value's.
    (A tuple, made by `_marks` without a Python call: one is made for every mapping and list.)
    """

    keys: tuple | None
    spots: array
    children: dict | None
    start: int


_marks = tuple.__new__


class _Abort(Exception):
    """The walk stops: its reason is already among the walker's diagnostics."""


class _NeedMarks(Exception):
    """A reading without marks met a problem that is told by a mark."""


class _Refused(Exception):
    """The file cannot be read at all: (line, column, code, message), from 1."""


def decode(data: bytes) -> tuple[str | bytes | None, tuple[int, int, str] | None]:
    """The text to parse, or a (line, column, message) saying why the bytes are not text."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
        nul = data.find(b"\x00")
        if nul >= 0:  # before decoding: UTF-16 text without a BOM is mostly valid UTF-8
            line, column = _line_col(data, nul)
            return None, (line, column, "the file has NUL bytes (UTF-16 without a byte-order mark?); save it as UTF-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line, column = _line_col(data, exc.start)
        return None, (
            line,
            column,
            f"the file is not valid {encoding.removesuffix('-sig').upper()} "
            f"(byte 0x{data[exc.start]:02x}); save it as UTF-8",
        )
    if encoding == "utf-8-sig":
        # libyaml reads UTF-8 bytes itself: hand it the bytes, without the BOM.
        return (data[3:] if data.startswith(codecs.BOM_UTF8) else data), None
    return text, None


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of a byte offset; CRLF, LF and CR each end a line."""
    before = data[:offset]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    return line, len(before[line_start:].decode("utf-8", "replace")) + 1


def read(data: bytes, path: str, marks: bool = True) -> ReadResult:
    """Read a scenario file's bytes into plain data, with every reading problem as a diagnostic.

    Without MARKS the result has no marks (`locate` gives 1:1): a quarter faster, for a caller that reads
    again with them only when it has something to locate (see load.py). Reading problems are located
    either way."""

    def fail(line: int, column: int, code: str, message: str) -> ReadResult:
        return ReadResult(None, None, [Diagnostic(path, line, column, Severity.ERROR, code, message)])

    if len(data) > MAX_BYTES:
        return ReadResult(None, None, [too_large(path, len(data))])
    text, problem = decode(data)
    if problem:
        return fail(problem[0], problem[1], "not-utf8", problem[2])
    walker = _Walker(path, len(data), _Parser(text).get_event, marks)
    gc_was_enabled = _pause_gc()
    try:
        value, marks = walker.document()
    except _NeedMarks:
        # A duplicate key names its first line: read again, with marks (below, once this reading's
        # half-built data has gone with the exception).
        value = marks = _NeedMarks
    except _Abort:
        value = marks = None
    except _Refused as exc:
        return fail(*exc.args)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(p for p in (exc.context, exc.problem) if p)
        if exc.problem == "exceeded maximum nesting depth":
            return fail(line, column, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
        if _long_key(text, mark):
            return fail(line, column, "too-long", f"a key is at most {MAX_KEY_CHARS} characters; {message}")
        return fail(line, column, "yaml-syntax", message)
    except yaml.YAMLError as exc:  # reader errors have no mark
        return fail(1, 1, "yaml-syntax", str(exc))
    finally:
        _resume_gc(gc_was_enabled)
    if value is _NeedMarks:
        return read(data, path)
    return ReadResult(value, marks, walker.diagnostics, walker.poisoned, walker.thousands)


def _long_key(text: str | bytes, mark) -> bool:
    """Whether a scanner error comes from a key longer than libyaml's 1024-character limit."""
    if mark is None:
        return False
    lines = text.splitlines() if isinstance(text, str) else text.decode("utf-8", "replace").splitlines()
    if mark.line >= len(lines):
        return False
    row = lines[mark.line].strip().removeprefix("- ")
    return len(row.split(": ", 1)[0].rstrip(":")) > MAX_KEY_CHARS


def too_large(path: str, size: int | None) -> Diagnostic:
    told = f"{size:,} bytes" if size is not None else "more than that"
    return Diagnostic(
        path,
        1,
        1,
        Severity.ERROR,
        "file-too-large",
        f"the file is {told}; the limit is {MAX_BYTES:,} bytes (64 MiB): refused before parsing",
    )


def _pause_gc() -> bool:
    import gc

    was = gc.isenabled()
    gc.disable()
    return was


def _resume_gc(was: bool) -> None:
    if was:
        import gc

        gc.enable()


def _plain(event) -> bool:
    """Whether a scalar event is plain (its type is read from its text), as PyYAML's resolver decides."""
    return event.implicit[0]


class _Walker:
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
        """The one document of the stream, with its marks; _Refused when there is none to read."""
        get = self.get
        get()  # the stream's start
        start = get()
        if start.__class__ is StreamEndEvent:
            raise _Refused(1, 1, "empty-file", _EMPTY)
        root = get()
        value, marks = self.value(root, 1)
        get()  # the document's end
        after = get()
        if after.__class__ is not StreamEndEvent:
            mark = after.start_mark
            raise _Refused(
                mark.line + 1,
                mark.column + 1,
                "multiple-documents",
                "the file holds more than one YAML document ('---'); a scenario is one document",
            )
        if root.__class__ is MappingStartEvent:
            return value, marks
        if root.__class__ is ScalarEvent and _plain(root) and resolve_plain(root.value) is None:
            raise _Refused(1, 1, "empty-file", _EMPTY)
        mark = root.start_mark
        kind = "a list" if root.__class__ is not ScalarEvent else "a single value"
        raise _Refused(
            mark.line + 1,
            mark.column + 1,
            "top-level-not-mapping",
            f"the top level is {kind}; it must be a mapping of keys such as 'scenario:'",
        )

    def report(self, event, code: str, message: str, severity: Severity = Severity.ERROR) -> None:
        mark = event.start_mark
        self.diagnostics.append(Diagnostic(self.path, mark.line + 1, mark.column + 1, severity, code, message))

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
        except _Abort:
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
            raise _Abort

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
            raise _Abort
        tag = event.tag
        if event.__class__ is MappingStartEvent:
            if tag is None or tag == "!" or tag == _MAP_TAG:
                return self.mapping(event, depth)
            self.poison(event, "unsupported-tag", _tag_message(tag))
            self.quietly(self.mapping, event, depth)
            return None, None
        if tag is None or tag == "!" or tag == _SEQ_TAG:
            return self.sequence(event, depth)
        self.poison(event, "unsupported-tag", _tag_message(tag))
        self.quietly(self.sequence, event, depth)
        return None, None

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
            raise _Refused(
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
        """The anchor an alias names, as [log, start, stop]; _Refused when it has none before it."""
        entry = self.anchors.get(alias.anchor)
        if entry is None:
            mark = alias.start_mark
            raise _Refused(
                mark.line + 1,
                mark.column + 1,
                "yaml-syntax",
                f"the alias *{alias.anchor} names no anchor before it (write &{alias.anchor} on the value first)",
            )
        return entry

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
                spot = _spot(event.start_mark)
                spots.append(spot)
                spots.append(spot)
            value, child = self.value(event, depth + 1)
            out.append(value)
            if child is not None:
                children[index] = child
            trail.pop()
            index += 1
        if not marking:
            return out, None
        return out, _marks(Marks, (None, spots, children or None, _spot(start.start_mark)))

    def mapping(self, start, depth: int) -> tuple[dict, Marks | None]:
        # The hot loop of reading a large file: the common cases (a plain ASCII key, a plain value)
        # are inline; everything else goes through `key`, `plain` and `value`.
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
                    raise _NeedMarks
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
                    if text[-4:-3] == "." and DANISH_THOUSANDS_RE.fullmatch(text):
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
        return out, _marks(Marks, (tuple(out), array("q", spots), children or None, _spot(start.start_mark)))

    def key(self, event, depth: int) -> str | None:
        """A mapping key as text (NFC), or None after reporting why it cannot be one."""
        if event.__class__ is AliasEvent:  # (an alias to a value still being read names a mapping or list)
            log, start, _ = self.anchored_events(event)
            text = log[start]
            if text.__class__ is not ScalarEvent:
                self.poison(event, "key-not-text", "a key must be text or a year, not a list or mapping")
                return None
        elif event.__class__ is not ScalarEvent:
            self.poison(event, "key-not-text", "a key must be text or a year, not a list or mapping")
            self.quietly(self.value, event, depth + 1)
            return None
        else:
            text = event
            if event.anchor is not None and not self.again:
                self.define(event.anchor, [event], 0, 1)
        key = text.value
        if _plain(text):
            if key == "<<":
                self.poison(
                    event,
                    "merge-key",
                    "merge keys ('<<') are not supported (PyYAML releases disagree on them): write the keys out",
                )
                return None
        elif text.tag is not None and text.tag != "!" and text.tag not in _SCALAR_TAGS:
            self.poison(event, "unsupported-tag", _tag_message(text.tag))
            return None
        if not key.isascii():
            key = _normalize("NFC", key)
        if len(key) > MAX_KEY_CHARS:
            self.poison(event, "too-long", f"a key is at most {MAX_KEY_CHARS} characters; this one has {len(key):,}")
            return None
        return key

    def plain(self, event):
        """A plain scalar's value: YAML 1.2 core, numbers as exact decimals (see numbers.resolve_plain)."""
        text = event.value
        if len(text) > MAX_SCALAR_CHARS:
            self.poison(
                event, "too-long", f"a value is at most {MAX_SCALAR_CHARS:,} characters; this one has {len(text):,}"
            )
            return None
        value = resolve_plain(text)
        if value.__class__ is Decimal and "." in text and DANISH_THOUSANDS_RE.fullmatch(text):
            mark = event.start_mark
            self.thousands.append((tuple(self.trail), mark.line + 1, mark.column + 1, text))
        return value

    def scalar(self, event):
        if _plain(event):
            return self.plain(event)
        text = event.value
        if len(text) > MAX_SCALAR_CHARS:
            self.poison(
                event, "too-long", f"a value is at most {MAX_SCALAR_CHARS:,} characters; this one has {len(text):,}"
            )
            return None
        tag = event.tag
        if tag is None or tag == "!" or tag == _T + "str":  # quoted, or the non-specific tag: text
            return nfc(text)
        if tag in _SCALAR_TAGS:
            value = resolve_plain(text)
            if not _matches(tag, value):
                self.poison(event, "unsupported-tag", f"!!{tag[len(_T) :]} {text} does not match its tag")
                return None
            return value
        self.poison(event, "unsupported-tag", _tag_message(tag))
        return None


def _matches(tag: str, value: object) -> bool:
    """Whether a value read by the plain rules is of the standard type its explicit tag names."""
    kind = tag[len(_T) :]
    if kind == "null":
        return value is None
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, Decimal) and value.as_tuple().exponent == 0
    return isinstance(value, Decimal)  # float


def _split_decimal_comma(previous, key, value) -> bool:
    """`{2024: 10,35}`: the flow mapping has read 10 as a value and 35 as a key with no value."""
    return (
        previous.__class__ is ScalarEvent
        and _plain(previous)
        and previous.value.isdigit()
        and key.__class__ is ScalarEvent
        and _plain(key)
        and key.value.isdigit()
        and key.start_mark.index == previous.end_mark.index + 1
        and value.__class__ is ScalarEvent
        and _plain(value)
        and value.value == ""
    )


def _tag_message(tag: str) -> str:
    shown = "!!" + tag[len(_T) :] if tag.startswith(_T) else tag
    if shown.startswith("!!python/"):
        return f"tag {shown} is refused: a scenario is data, and nothing in it is run"
    return f"tag {shown} is not supported; use plain values, mappings and lists"


def locate(marks: Marks | None, path: tuple, at_key: bool = False) -> tuple[int, int]:
    """The line and column (from 1) of the value at PATH, or of its key when AT_KEY.

    Walks as far down the path as the file goes; a missing step points at the
    deepest value found (for a missing key with AT_KEY: the key of the mapping that lacks it).
    """
    if marks is None:
        return 1, 1
    spot, key_spot = marks.start, None
    for step in path:
        if marks is None:
            break
        if marks.keys is not None:
            try:
                index = marks.keys.index(str(step))
            except ValueError:
                break
        elif isinstance(step, int) and 0 <= step < len(marks.spots) // 2:
            index = step
        else:
            break
        key_spot = marks.spots[2 * index] if marks.keys is not None else None
        spot = marks.spots[2 * index + 1]
        marks = marks.children.get(index) if marks.children else None
    target = key_spot if (at_key and key_spot is not None) else spot
    return (target >> 32) + 1, (target & 0xFFFFFFFF) + 1


def c_loader_warning() -> str | None:
    if C_LOADER:
        return None
    return (
        "effektinvest: warning: PyYAML has no libyaml C parser here; using the pure-Python parser "
        "(about ten times slower). Reinstall PyYAML with libyaml."
    )


if not C_LOADER:  # said once, where the parser is chosen
    print(c_loader_warning(), file=sys.stderr)
