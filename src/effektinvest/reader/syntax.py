"""YAML syntax errors in words, at the line where the mistake is.

libyaml reports where it noticed a problem, often one line after the mistake, in its own terms
("mapping values are not allowed in this context"). For the mistakes an analyst makes by hand — a tab
for indentation, no space after a key's colon, a line indented wrongly — this says what is wrong at
the line that is wrong. Anything else keeps libyaml's words and place.
"""

from __future__ import annotations

import re

# a `key:value` line, with no space after the colon (not a URL, a time or a quoted string)
_NO_SPACE_RE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w.\- ]*?):(?=[^\s:/])")
# What libyaml (and PyYAML's own parser, in its words) says of a key where none can stand.
_MISPLACED = (
    "mapping values are not allowed",
    "did not find expected key",
    "expected <block end>, but found '<block mapping start>'",
)
_KEY_RE = re.compile(r"^(\s*(?:-\s+)?)[^\s#'\"{\[][^#]*?:(\s|$)")


def explain(lines: list[str], line: int, column: int, problem: str) -> tuple[int, int, str] | None:
    """(line, column, message), from 1, for a syntax error libyaml found at LINE:COLUMN (from 1) with
    PROBLEM, in LINES (the file's text split in lines); None to keep libyaml's own."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[: len(here) - len(here.lstrip())] or here[column - 1 : column] == "\t":
        tab = here.index("\t") + 1
        return line, tab, "YAML does not allow a tab for indentation; use spaces"
    if not problem.startswith(_MISPLACED):
        return None
    above = _previous(lines, line)
    if above is not None:
        match = _NO_SPACE_RE.match(lines[above])
        if match:
            key = match.group(2)
            colon = match.end(2) + 1
            value = lines[above][colon:].strip()
            return above + 1, colon, f"no space after the colon of {key!r}: write '{key}: {value}'"
    return _indentation(lines, line, above)


def _previous(lines: list[str], line: int) -> int | None:
    """The index (from 0) of the last line before LINE (from 1) with content."""
    for index in range(line - 2, -1, -1):
        text = lines[index].strip()
        if text and not text.startswith("#"):
            return index
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _indentation(lines: list[str], line: int, above: int | None) -> tuple[int, int, str] | None:
    """A key indented so that it belongs to no mapping above it: deeper than a key that has its value
    already, or at a depth no key above it has."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if above is None or not _KEY_RE.match(here):
        return None
    own, parent = _indent(here), _indent(lines[above])
    if own > parent and not lines[above].rstrip().endswith(":"):
        key = lines[above].split(":")[0].strip().removeprefix("- ").strip()
        return line, 1, (
            f"line {line} is indented {own} spaces, deeper than {key!r} above it, which has its value already: "
            f"indent it {parent} spaces, like {key!r}"
        )
    levels = sorted({_indent(lines[index]) for index in range(line - 1) if _KEY_RE.match(lines[index])})
    if own not in levels:
        shown = ", ".join(str(level) for level in levels)
        message = f"line {line} is indented {own} spaces, as no key above it is ({shown}): indent it as its siblings"
        return line, 1, message
    return None
