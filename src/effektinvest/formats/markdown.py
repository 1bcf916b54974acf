"""The Markdown toolkit: the one escaper of text a user wrote (`markdown_text`), a GitHub-flavoured Markdown
table under a heading, and a list of lines under it. It knows no report; each report's `markdown.py`, the note
and `check`'s step summary fill it, and every name, title, id, note, path and message they show goes through
`markdown_text`: the only place that knows what Markdown and its HTML act on."""

from __future__ import annotations

import re

from effektinvest.core.display_context import visible, year_heads

# What Markdown or the HTML it allows acts on anywhere in a line: a backslash (an escape), code, emphasis,
# links and images, tags and autolinks, entities, strikethrough, and a table's cell border.
_INLINE = re.compile(r"([\\`*_\[\]<>~&|])")
# What Markdown acts on only where a block starts (after at most three spaces): a heading (#), a bullet (- or
# + and a space; --- a rule), an ordered item (1. or 1) and a space). The other block starts (> quote, ``` and
# ~~~ fences, < HTML, * and _ rules, | tables) are escaped inline; a setext underline (=== or ---) needs a
# paragraph's line above it, and a user's text never stands on a line under one.
_BLOCK_START = re.compile(r"^( *)(?:(#)|([-+])(?=\s|$|-)|(\d{1,9})([.)])(?=\s|$))")


_SPACED = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)  # a cell: its text and the spaces around it


def markdown_text(text: str) -> str:
    """TEXT for a line of Markdown, a list item, a heading or a table cell, wherever it stands: a line break
    cannot end it (it becomes a space), every hidden character is shown (`visible`), nothing in it is read as
    Markdown or HTML (no tag, entity, link, image, code or emphasis; no `|` ends a cell), and at its start
    nothing opens a heading, a list or a rule (`# x`, `- x`, `1. x` show as written)."""
    text = visible(text.replace("\r\n", " ").replace("\r", " ").replace("\n", " "))
    return _BLOCK_START.sub(_escape_block_start, _INLINE.sub(r"\\\1", text), count=1)


def _escape_block_start(match: re.Match) -> str:
    indent, mark, bullet, number, delimiter = match.groups()
    if number is not None:
        return f"{indent}{number}\\{delimiter}"
    return f"{indent}\\{mark or bullet}"


def row(cells: list[str]) -> str:
    """A table row of CELLS, each already Markdown (a user's text through `markdown_text`)."""
    return "| " + " | ".join(cells) + " |"


def bold(cells: list[str]) -> list[str]:
    """CELLS in bold, each already Markdown: the spaces around a cell's text stay outside the `**`, which next
    to a space would be shown as asterisks, not bold; an empty cell stays empty."""
    return [_SPACED.sub(r"\1**\2**\3", cell) if cell.strip() else cell for cell in cells]


def heading(title: str, level: int = 3) -> str:
    """TITLE (text a user may have written: `markdown_text`) as a heading of LEVEL."""
    return f"{'#' * level} {markdown_text(title)}"


def head(title: str, labels: list[str], years) -> list[str]:
    """A heading (TITLE, escaped), then a table's header: left-aligned LABELS columns, then a right-aligned
    column a year and the total."""
    numbers = year_heads(years)
    return [
        heading(title),
        "",
        row([markdown_text(h) for h in [*labels, *numbers]]),
        row([":--"] * len(labels) + ["--:"] * len(numbers)),
    ]


def item(text: str, depth: int = 0) -> str:
    """TEXT (escaped) as a list item, DEPTH levels in."""
    return f"{'  ' * depth}- {markdown_text(text)}"


def foot(lines: list[str]) -> list[str]:
    """Lines under a table, as a list (each escaped)."""
    return ["", *map(item, lines)] if lines else []


def document(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"
