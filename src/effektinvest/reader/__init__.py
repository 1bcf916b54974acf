"""Strict YAML reading: bytes to plain data, with the line and column of every key and value.

libyaml's C parser reads the file once, as a stream of events; one pass over
the events builds plain Python data (dict, list, str, Decimal, bool, None)
under the YAML 1.2 core rules of docs/scenario-format.md ("How the file is
read") and a compact index of where each key and value stands
(`Marks`, for `locate`), and reports duplicate keys, merge keys, foreign tags,
alias cycles, alias growth and depth. No node tree is built: an anchored value
is read once, and an alias shares it (`reader/anchors.py`).
"""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass, field

import yaml

from effektinvest.model.diagnostics import Diagnostic
from effektinvest.reader import syntax
from effektinvest.reader.limits import ALIAS_NODE_ALLOWANCE, MAX_BYTES, MAX_DEPTH, MAX_KEY_CHARS, MAX_SCALAR_CHARS
from effektinvest.reader.lines import LineMap, line_map
from effektinvest.reader.marks import Marks, locate
from effektinvest.reader.signals import Abort, NeedMarks, Refused
from effektinvest.reader.walker import Walker

__all__ = [
    "ALIAS_NODE_ALLOWANCE",
    "C_LOADER",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_SCALAR_CHARS",
    "Marks",
    "ReadResult",
    "locate",
    "read",
    "too_large",
]

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
    # where the file holds a line break only YAML 1.1 counts (U+2028, ...): the marks' lines as an editor's
    lines: LineMap | None = None
    # the path of each watched key (`read`'s WATCH) holding a mapping or list -> the key's line and column
    watched: dict[tuple, tuple[int, int]] = field(default_factory=dict)


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
        name = encoding.removesuffix("-sig").upper()
        if encoding == "utf-8-sig":
            line, column = _line_col(data, exc.start)
            what = f"byte 0x{data[exc.start]:02x}"
        else:  # count lines and columns in the text before the fault, not in its UTF-16/32 bytes
            line, column = _text_line_col(data[: exc.start].decode(encoding, "replace"), None)
            what = _DECODE_REASONS.get(exc.reason, exc.reason)
        return None, (line, column, f"the file is not valid {name} ({what}); save it as UTF-8")
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


def _text_line_col(text: str, offset: int | None) -> tuple[int, int]:
    """Line and column (from 1) of a character offset into TEXT (None: its end), as `_line_col` counts."""
    before = text if offset is None else text[:offset]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    return line, len(before) - max(before.rfind("\n"), before.rfind("\r"))


# Python's words for a UTF-16/32 decoding fault, as a user would say them.
_DECODE_REASONS = {
    "illegal UTF-16 surrogate": "an unpaired surrogate",
    "illegal encoding": "an unpaired surrogate or a code point past U+10FFFF",
    "code point in surrogate code point range(0xd800, 0xe000)": "a surrogate",
    "code point not in range(0x110000)": "a code point past U+10FFFF",
    "truncated data": "it ends inside a character",
    "unexpected end of data": "it ends inside a character",
}


def _unclosed(exc: yaml.MarkedYAMLError) -> str | None:
    """What to say of a quoted value that the file ends inside (the parser names the end of the file, a
    line past the mistake), or None for any other syntax error."""
    if exc.context == "while scanning a quoted scalar" and "end of stream" in (exc.problem or ""):
        if exc.context_mark is not None:
            return "a quoted value starts here and is never closed: add its closing quote"
    return None


def _not_allowed(exc: yaml.YAMLError, text: str | bytes) -> tuple[int, int, str, str]:
    """Where and why the parser refused a character (a reader error, which has no mark): its line and
    column, and one line that names it. libyaml counts the offset in the UTF-8 bytes it read; PyYAML's own
    reader, in characters."""
    position = getattr(exc, "position", None)
    code = getattr(exc, "character", None)
    if not isinstance(position, int) or not isinstance(code, int):
        return 1, 1, "yaml-syntax", " ".join(str(exc).split())  # never more than one line
    if C_LOADER:
        data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
        line, column = _line_col(data, position)
    else:
        line, column = _text_line_col(text if isinstance(text, str) else text.decode("utf-8", "replace"), position)
    if 0xD800 <= code < 0xE000:
        kind = "a lone surrogate"
    elif code in (0xFFFE, 0xFFFF):
        kind = "not a character"
    else:
        kind = "a control character"
    return line, column, "yaml-syntax", (
        f"the character U+{code:04X} ({kind}) is not allowed in a YAML file; remove it "
        f'(in a double-quoted value it may be written as "\\u{code:04x}")'
    )


def read(data: bytes, path: str, marks: bool = True, watch: frozenset = frozenset()) -> ReadResult:
    """Read a scenario file's bytes into plain data, with every reading problem as a diagnostic.

    Without MARKS the result has no marks (`locate` gives 1:1): a quarter faster, for a caller that reads
    again with them only when it has something to locate (see load.py). Reading problems are located
    either way. WATCH: keys whose place is kept all the same, where they hold a mapping or a list (`watched`:
    a few keys a report names by line, such as `repay`, without the marks of the whole file)."""

    def fail(line: int, column: int, code: str, message: str) -> ReadResult:
        if lines is not None:
            line, column = lines.real(line, column)
        return ReadResult(None, None, [Diagnostic(path, line, column, code, message)])

    lines = None

    if len(data) > MAX_BYTES:
        return ReadResult(None, None, [too_large(path, len(data))])
    text, problem = decode(data)
    if problem:
        return fail(problem[0], problem[1], "not-utf8", problem[2])
    lines = line_map(text)
    try:
        parser = _Parser(text)
    except yaml.YAMLError as exc:  # PyYAML's own reader (no libyaml) checks the first characters at once
        return fail(*_not_allowed(exc, text))
    walker = Walker(path, len(data), parser.get_event, marks, watch)
    gc_was_enabled = _pause_gc()
    try:
        value, marks = walker.document()
    except NeedMarks:
        # A duplicate key names its first line: read again, with marks (below, once this reading's
        # half-built data has gone with the exception).
        value = marks = NeedMarks
    except Abort:
        value = marks = None
    except Refused as exc:
        return fail(*exc.args)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(p for p in (exc.context, exc.problem) if p)
        unclosed = _unclosed(exc)
        if unclosed:  # at the end of the file: name the line where the unclosed value starts
            return fail(exc.context_mark.line + 1, exc.context_mark.column + 1, "yaml-syntax", unclosed)
        if exc.problem == "exceeded maximum nesting depth":
            return fail(line, column, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
        if _long_key(text, mark):
            return fail(line, column, "too-long", f"a key is at most {MAX_KEY_CHARS} characters; {message}")
        said = syntax.explain(_lines(text), line, column, exc.problem or "")  # in words, where the mistake is
        if said:
            return fail(said[0], said[1], "yaml-syntax", said[2])
        return fail(line, column, "yaml-syntax", message)
    except yaml.YAMLError as exc:  # reader errors have no mark, but an offset
        return fail(*_not_allowed(exc, text))
    finally:
        _resume_gc(gc_was_enabled)
    if value is NeedMarks:
        return read(data, path, watch=watch)
    record = walker.record
    if lines is None:
        return ReadResult(value, marks, record.diagnostics, record.poisoned, record.thousands, None, record.watched)
    diagnostics = [Diagnostic(d.path, *lines.real(d.line, d.column), d.code, d.message) for d in record.diagnostics]
    thousands = [(where, *lines.real(line, column), said) for where, line, column, said in record.thousands]
    return ReadResult(value, marks, diagnostics, record.poisoned, thousands, lines, record.watched)


def _lines(text: str | bytes) -> list[str]:
    return text.splitlines() if isinstance(text, str) else text.decode("utf-8", "replace").splitlines()


def _long_key(text: str | bytes, mark) -> bool:
    """Whether a scanner error comes from a key longer than libyaml's 1024-character limit."""
    if mark is None:
        return False
    lines = _lines(text)
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


def c_loader_warning() -> str | None:
    if C_LOADER:
        return None
    return (
        "effektinvest: warning: PyYAML has no libyaml C parser here; using the pure-Python parser "
        "(about ten times slower). Reinstall PyYAML with libyaml."
    )


if not C_LOADER:  # said once, where the parser is chosen
    print(c_loader_warning(), file=sys.stderr)
