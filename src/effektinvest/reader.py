"""Strict YAML reading: bytes to plain data, keeping libyaml's node tree for line marks.

One parse with libyaml's C parser composes the node tree; one walk over it
builds plain Python data (dict, list, str, Decimal, bool, None) under the YAML
1.2 core rules of ../shared/spec/scenario-format.md ("How the file is read"),
and reports duplicate keys, merge keys, foreign tags, alias cycles, alias
growth and depth. The node tree is kept so that any later finding can be
located by its path (see `locate`) without a second parse.
"""

from __future__ import annotations

import codecs
import sys
from array import array
from dataclasses import dataclass, field
from decimal import Decimal
from unicodedata import normalize as _normalize

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

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
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    C_LOADER = False


class _Composer(_Parser, BaseResolver):
    """libyaml's parser and composer; plain scalars keep a tag of their own, resolved by the walk."""

    def __init__(self, stream):
        _Parser.__init__(self, stream)
        BaseResolver.__init__(self)

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0]:
            return PLAIN
        return BaseResolver.resolve(self, kind, value, implicit)


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


def _spot(mark) -> int:
    return mark.line << 32 | mark.column


class Marks:
    """Where the keys and values of one mapping or list stand in the file, compactly.

    libyaml's node tree takes some 500 bytes a value; this keeps a line and column for each key and
    value in 16 bytes, so the tree can go as soon as it has been walked once. KEYS is None for a list.
    SPOTS holds two packed positions (line << 32 | column, from 0) per entry: its key's and its value's.
    """

    __slots__ = ("keys", "spots", "children", "start")

    def __init__(self, keys: tuple | None, spots: array, children: dict | None, start: int):
        self.keys, self.spots, self.children, self.start = keys, spots, children, start


class _Abort(Exception):
    pass


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


def read(data: bytes, path: str) -> ReadResult:
    """Read a scenario file's bytes into plain data, with every reading problem as a diagnostic."""

    def fail(line: int, column: int, code: str, message: str) -> ReadResult:
        return ReadResult(None, None, [Diagnostic(path, line, column, Severity.ERROR, code, message)])

    if len(data) > MAX_BYTES:
        return ReadResult(None, None, [too_large(path, len(data))])
    text, problem = decode(data)
    if problem:
        return fail(problem[0], problem[1], "not-utf8", problem[2])
    try:
        root = _Composer(text).get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if exc.context == "expected a single document in the stream":
            return fail(
                line,
                column,
                "multiple-documents",
                "the file holds more than one YAML document ('---'); a scenario is one document",
            )
        message = " ".join(p for p in (exc.context, exc.problem) if p)
        if exc.problem == "exceeded maximum nesting depth":
            return fail(line, column, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
        if _long_key(text, mark):
            return fail(line, column, "too-long", f"a key is at most {MAX_KEY_CHARS} characters; {message}")
        return fail(line, column, "yaml-syntax", message)
    except yaml.YAMLError as exc:  # reader errors have no mark
        return fail(1, 1, "yaml-syntax", str(exc))
    if root is None or (isinstance(root, ScalarNode) and root.tag == PLAIN and resolve_plain(root.value) is None):
        return fail(
            1,
            1,
            "empty-file",
            "the file is empty: a scenario needs at least 'scenario:', 'budget_year:', 'sources:' and 'projects:'",
        )
    if not isinstance(root, MappingNode):
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        return fail(
            root.start_mark.line + 1,
            root.start_mark.column + 1,
            "top-level-not-mapping",
            f"the top level is {kind}; it must be a mapping of keys such as 'scenario:'",
        )
    walker = _Walker(path, len(data))
    gc_was_enabled = _pause_gc()
    try:
        value, marks = walker.value(root, 1)
    except _Abort:
        value = marks = None
    finally:
        _resume_gc(gc_was_enabled)
    del root  # the node tree goes here; `marks` keeps what `locate` needs
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


class _Walker:
    def __init__(self, path: str, size: int):
        self.path = path
        self.budget = ALIAS_NODE_ALLOWANCE + 4 * size
        self.count = 0
        self.diagnostics: list[Diagnostic] = []
        self.poisoned: list[tuple] = []
        self.thousands: list[tuple[tuple, ScalarNode]] = []  # numbers such as 1.500, with their paths
        self.trail: list = []  # the path to the node being walked
        self.active: set[int] = set()  # collection nodes being walked (cycle detection)

    def report(self, node: Node, code: str, message: str, severity: Severity = Severity.ERROR) -> None:
        mark = node.start_mark
        self.diagnostics.append(Diagnostic(self.path, mark.line + 1, mark.column + 1, severity, code, message))

    def poison(self, node: Node, code: str, message: str) -> None:
        self.report(node, code, message)
        self.poisoned.append(tuple(self.trail))

    def value(self, node: Node, depth: int) -> tuple[object, Marks | None]:
        """The value of NODE, and the marks of what it holds (None for a single value)."""
        self.count += 1
        if self.count > self.budget:
            self.report(
                node,
                "alias-expansion",
                f"aliases make the document grow past {self.budget:,} values; write the values out",
            )
            raise _Abort
        if node.__class__ is ScalarNode:
            return self.scalar(node), None
        if depth > MAX_DEPTH:
            self.report(node, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
            raise _Abort
        key = id(node)
        if key in self.active:
            self.poison(node, "alias-cycle", "an alias makes this value contain itself")
            return None, None
        self.active.add(key)
        try:
            if node.__class__ is MappingNode:
                if node.tag != _MAP_TAG:
                    self.poison(node, "unsupported-tag", _tag_message(node.tag))
                    return None, None
                return self.mapping(node, depth)
            if node.tag != _SEQ_TAG:
                self.poison(node, "unsupported-tag", _tag_message(node.tag))
                return None, None
            out = []
            spots = array("q")
            children = {}
            trail = self.trail
            for index, item in enumerate(node.value):
                trail.append(index)
                spot = _spot(item.start_mark)
                spots.append(spot)
                spots.append(spot)
                value, child = self.value(item, depth + 1)
                out.append(value)
                if child is not None:
                    children[index] = child
                trail.pop()
            return out, Marks(None, spots, children or None, _spot(node.start_mark))
        finally:
            self.active.discard(key)

    def mapping(self, node: MappingNode, depth: int) -> tuple[dict, Marks]:
        # The hot loop of reading a large file: the common cases (a plain ASCII key, a plain value)
        # are inline; everything else goes through `key`, `plain` and `value`.
        out: dict = {}
        keys: list[str] = []
        spots: list[int] = []
        children: dict[int, Marks] = {}
        trail = self.trail
        previous = None
        previous_end = -2
        flow = node.flow_style
        for key_node, value_node in node.value:
            if flow:
                if previous is not None and _split_decimal_comma(previous, previous_end, key_node, value_node):
                    trail.append(key_node.value)
                    self.poison(
                        previous,
                        "decimal-comma",
                        f"{previous.value},{key_node.value} has a decimal comma (in {{...}} it reads as "
                        f"{previous.value} and a key {key_node.value}): write {previous.value}.{key_node.value}",
                    )
                    trail.pop()
                    continue
                previous = value_node
                previous_end = value_node.end_mark.index
            if key_node.__class__ is ScalarNode and key_node.tag is PLAIN:
                key = key_node.value
                if key == "<<" or not key.isascii() or len(key) > MAX_KEY_CHARS:
                    key = self.key(key_node)
            else:
                key = self.key(key_node)
            if key is None:
                continue
            if key in out:
                first = next(k for k, _ in node.value if k.__class__ is ScalarNode and nfc(k.value) == key)
                again = (
                    f"again on line {key_node.start_mark.line + 1}"
                    if first is not key_node
                    else "again through an alias of it (libyaml does not say where an alias stands)"
                )
                self.report(
                    key_node,
                    "duplicate-key",
                    f"key {key!r} is given twice in this mapping: first on line {first.start_mark.line + 1}, {again}",
                )
                continue
            keys.append(key)
            mark = key_node.start_mark
            spots.append(mark.line << 32 | mark.column)
            mark = value_node.start_mark
            spots.append(mark.line << 32 | mark.column)
            if value_node.__class__ is ScalarNode and value_node.tag is PLAIN:
                self.count += 1
                text = value_node.value
                if text in NULLS:
                    out[key] = None
                elif text[0] in _NUMBER_START and DECIMAL_RE.fullmatch(text):
                    out[key] = Decimal(text)
                    if "." in text and DANISH_THOUSANDS_RE.fullmatch(text):
                        self.thousands.append(((*trail, key), mark.line + 1, mark.column + 1, text))
                elif len(text) > MAX_SCALAR_CHARS or not text.isascii() or text in TRUES or text in FALSES:
                    trail.append(key)
                    out[key] = self.plain(value_node)
                    trail.pop()
                else:
                    out[key] = text
            elif id(value_node) in self.active:  # point at the key whose value is its own ancestor
                trail.append(key)
                self.poison(key_node, "alias-cycle", f"an alias makes {key!r} contain itself")
                trail.pop()
                out[key] = None
            else:
                trail.append(key)
                out[key], child = self.value(value_node, depth + 1)
                trail.pop()
                if child is not None:
                    children[len(keys) - 1] = child
        return out, Marks(tuple(keys), array("q", spots), children or None, _spot(node.start_mark))

    def key(self, node: Node) -> str | None:
        """A mapping key as text (NFC), or None after reporting why it cannot be one."""
        if node.__class__ is ScalarNode and node.tag is PLAIN:
            key = node.value
            if key == "<<":
                self.poison(
                    node,
                    "merge-key",
                    "merge keys ('<<') are not supported (PyYAML releases disagree on them): write the keys out",
                )
                return None
        elif node.__class__ is not ScalarNode:
            self.poison(node, "key-not-text", "a key must be text or a year, not a list or mapping")
            return None
        elif node.tag not in _SCALAR_TAGS:
            self.poison(node, "unsupported-tag", _tag_message(node.tag))
            return None
        else:
            key = node.value
        if not key.isascii():
            key = _normalize("NFC", key)
        if len(key) > MAX_KEY_CHARS:
            self.poison(node, "too-long", f"a key is at most {MAX_KEY_CHARS} characters; this one has {len(key):,}")
            return None
        return key

    def plain(self, node: ScalarNode):
        """A plain scalar's value: YAML 1.2 core, numbers as exact decimals (see numbers.resolve_plain)."""
        text = node.value
        if len(text) > MAX_SCALAR_CHARS:
            self.poison(
                node, "too-long", f"a value is at most {MAX_SCALAR_CHARS:,} characters; this one has {len(text):,}"
            )
            return None
        value = resolve_plain(text)
        if value.__class__ is Decimal and "." in text and DANISH_THOUSANDS_RE.fullmatch(text):
            mark = node.start_mark
            self.thousands.append((tuple(self.trail), mark.line + 1, mark.column + 1, text))
        return value

    def scalar(self, node: ScalarNode):
        tag = node.tag
        if tag is PLAIN:
            return self.plain(node)
        text = node.value
        if len(text) > MAX_SCALAR_CHARS:
            self.poison(
                node, "too-long", f"a value is at most {MAX_SCALAR_CHARS:,} characters; this one has {len(text):,}"
            )
            return None
        if tag == _T + "str":
            return nfc(text)
        if tag in _SCALAR_TAGS:
            value = resolve_plain(text)
            if not _matches(tag, value):
                self.poison(node, "unsupported-tag", f"!!{tag[len(_T) :]} {text} does not match its tag")
                return None
            return value
        self.poison(node, "unsupported-tag", _tag_message(tag))
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


def _split_decimal_comma(previous: Node, previous_end: int, key: Node, value: Node) -> bool:
    """`{2024: 10,35}`: the flow mapping has read 10 as a value and 35 as a key with no value."""
    return (
        previous.__class__ is ScalarNode
        and previous.tag == PLAIN
        and previous.value.isdigit()
        and key.__class__ is ScalarNode
        and key.tag == PLAIN
        and key.value.isdigit()
        and key.start_mark.index == previous_end + 1
        and value.__class__ is ScalarNode
        and value.tag == PLAIN
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
