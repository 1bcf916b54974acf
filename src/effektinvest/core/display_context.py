"""How one figure or text is shown: Danish numbers for people (tables and Markdown), and text a user wrote:
its hidden characters shown (`visible`, `json_visible`) and its escaping for Markdown. Every renderer shows
its cells through these functions."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_EVEN, Decimal

from effektinvest.model.numbers import EXACT
from effektinvest.model.units import Unit

NONE = "-"  # a cell with no figure
TOTAL = "I alt"  # the head of the total column, after the budget years


def places(unit: Unit, values, asked: int | None = None) -> int:
    """How many decimals a table shows: ASKED, or as many as every one of VALUES needs to be shown exactly
    (at most the unit's whole øre: kr. 2, t.kr. 5, mio. kr. 8, since amounts are whole øre)."""
    if asked is not None:
        return asked
    needed = 0
    for value in values:
        if value is not None:
            needed = max(needed, -value.normalize(EXACT).as_tuple().exponent)
    return needed


def danish(value: Decimal, decimals: int) -> str:
    """10,35 and 1.234.567,89: a decimal comma and thousands points, DECIMALS places (half to even)."""
    text = f"{value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_EVEN, EXACT):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(coverage: Decimal) -> str:
    """A coverage fraction as a Danish percentage to one decimal: 0.807 -> '80,7 %'."""
    return danish(coverage.scaleb(2, EXACT), 1) + " %"


def signed(value: Decimal, decimals: int) -> str:
    """A change with its sign: +0,50, -1,20, and 0,00 for no change (nor one that rounds away)."""
    if value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_EVEN, EXACT) == 0:
        return danish(abs(value) * 0, decimals)
    text = danish(value, decimals)
    return text if text.startswith("-") else "+" + text


def amount(value: Decimal | None, decimals: int) -> str:
    """One amount cell: a Danish number, or '-' where there is no figure."""
    return NONE if value is None else danish(value, decimals)


def coverage_cell(value: Decimal | None) -> str:
    """One coverage cell: a Danish percentage, or '-' where there is no cost."""
    return NONE if value is None else percent(value)


def markdown_cell(text: str) -> str:
    """TEXT for a Markdown table cell or list item: a backslash, a pipe and a line break cannot break it, and
    every other hidden character is shown (`visible`)."""
    text = visible(text.replace("\r\n", " ").replace("\r", " ").replace("\n", " "))
    return text.replace("\\", "\\\\").replace("|", "\\|")


# --- text a user wrote, on a terminal or in a file (docs/cli.md, "How text you wrote is shown") ---------------------

# The one rule: a character is hidden when a terminal acts on it or it cannot be seen: the controls (C0, DEL,
# C1: ESC starts colours, titles and hyperlinks), the format characters (bidi overrides and isolates,
# zero-width spaces and joiners, the BOM), the line and paragraph separators, and lone surrogates (a file
# name that is not UTF-8), and U+FFFE and U+FFFF (not characters at all: no font shows them, and XML, so an
# xlsx file, has no place for them). Names, titles, ids and paths are shown with each of them written as its
# escape.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_NONCHARACTERS = frozenset("\ufffe\uffff")
_MAYBE_HIDDEN = re.compile(r"[^\x20-\x7e]")  # what the slow path looks at: all but printable ASCII
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def hidden(character: str) -> bool:
    """Whether CHARACTER is one a terminal acts on or that cannot be seen (the one rule, above)."""
    return unicodedata.category(character) in _HIDDEN_CATEGORIES or character in _NONCHARACTERS


def visible(text: str) -> str:
    """TEXT with every hidden character written as its escape, as Python writes it: `\\x1b`, `\\n`, `\\u202e`,
    `\\udcff`. Everything else, Danish letters and a backslash too, as it is. For the table, Markdown, CSV and
    TSV, and every diagnostic: one line, nothing a terminal acts on, nothing that reads differently than it
    looks."""
    if text.isprintable():  # no hidden character (str.isprintable is False for each): the common case
        return text
    return _MAYBE_HIDDEN.sub(_escape_hidden, text)


def _escape_hidden(match: re.Match) -> str:
    character = match.group()
    if not hidden(character):
        return character
    code = ord(character)
    if character in _NAMED:
        return _NAMED[character]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_FORMULA_START = ("=", "+", "-", "@")


def spreadsheet_text(text: str) -> str:
    """TEXT for a cell of a spreadsheet that reads CSV (csv-da): `visible`, and text that the spreadsheet would
    run as a formula (it begins with = + - @) gets a leading ' (numbers never go through here)."""
    text = visible(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def json_visible(text: str) -> str:
    """JSON TEXT (a whole document) with every hidden character that the encoder leaves raw (DEL, C1, bidi,
    U+2028, lone surrogates; it escapes only C0) written as a JSON escape: a reader gets the exact string a
    user wrote, a terminal shows only what is visible. Outside strings JSON has no such character, so the
    whole text can be treated at once."""
    if text.isprintable() or ("\n" in text and text.replace("\n", "").isprintable()):  # the common case
        return text
    return _MAYBE_HIDDEN.sub(_json_escape, text)


def _json_escape(match: re.Match) -> str:
    character = match.group()
    if character == "\n" or not hidden(character):  # a line break between items (indent=2)
        return character
    code = ord(character)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON writes a character past the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
