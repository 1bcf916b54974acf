"""How a figure or a text is shown, in one place (as beancount's display context): how many decimals a value
needs, the one display rounding, Danish numbers, percentages and percentage points, coverage for people, the
caption of a table; and text a user wrote, neutralised for each output (a terminal and plain text, JSON, a
spreadsheet; Markdown escapes on top of `visible` in `formats/markdown.py`). Every report shows its figures and
texts through these functions; rounding here is for people only, never of a figure that is computed further."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from effektinvest.core.arithmetic import ZERO, coverage
from effektinvest.model.numbers import EXACT
from effektinvest.model.units import Unit

NONE = "-"  # a cell with no figure
TOTAL = "I alt"  # the head of the total column, after the budget years


# --- figures for people -------------------------------------------------------------------------------------------


def decimals_needed(value: Decimal) -> int:
    """How many decimals VALUE needs to be shown exactly: 2.050 -> 2, 800000 -> 0, 1E+3 -> 0."""
    return max(0, -value.normalize(EXACT).as_tuple().exponent)


def places(unit: Unit, values, asked: int | None = None) -> int:
    """How many decimals a table shows: ASKED, or as many as every one of VALUES needs to be shown exactly
    (at most the unit's whole øre: kr. 2, t.kr. 5, mio. kr. 8, since amounts are whole øre)."""
    if asked is not None:
        return asked
    return max((decimals_needed(value) for value in values if value is not None), default=0)


def rounded(value: Decimal, decimals: int) -> Decimal:
    """VALUE as shown with DECIMALS places: the one display rounding, half away from zero as a spreadsheet shows
    a cell (2.05 -> 2.1, -2.05 -> -2.1; Decimal's ROUND_HALF_UP), and a zero without a sign (-0.04 -> 0.0).
    For people only: the money arithmetic keeps its own rounding, half to even."""
    shown = value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP, EXACT)
    return shown.copy_abs() if shown.is_zero() else shown


def joined(items) -> str:
    """A, A og B, A, B og C: a Danish list of ITEMS (one or more)."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def danish(value: Decimal, decimals: int) -> str:
    """10,35 and 1.234.567,89: a decimal comma and thousands points, DECIMALS places (`rounded`)."""
    text = f"{rounded(value, decimals):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def figure(value: Decimal) -> str:
    """VALUE in Danish style with the decimals it has (no more, no fewer): 0,744; 2,05; 800.000."""
    return danish(value, decimals_needed(value))


def percent(fraction: Decimal, decimals: int | None = 1) -> str:
    """A fraction as a Danish percentage: to DECIMALS places (0.807 -> '80,7 %'), or with None as many as it
    needs (0.425 -> '42,5 %', 0.75 -> '75 %')."""
    value = fraction.scaleb(2, EXACT)
    return (figure(value) if decimals is None else danish(value, decimals)) + " %"


def signed(value: Decimal, decimals: int) -> str:
    """A change with its sign: +0,50, -1,20, and 0,00 for no change (nor one that rounds away)."""
    if rounded(value, decimals) == 0:
        return danish(ZERO, decimals)  # no sign, and no arithmetic on VALUE (core/exact.py's rule)
    text = danish(value, decimals)
    return text if text.startswith("-") else "+" + text


def points(change: Decimal) -> str:
    """A change of two fractions in percentage points, to one decimal: 0.012 -> '+1,2 pct.-point'."""
    return signed(change.scaleb(2, EXACT), 1) + " pct.-point"


def amount(value: Decimal | None, decimals: int) -> str:
    """One amount cell: a Danish number, or '-' where there is no figure."""
    return NONE if value is None else danish(value, decimals)


def shown_coverage(financed: Decimal, cost: Decimal | None) -> Decimal | None:
    """Coverage for people: to 0.1 % (3 decimals of the fraction), the 4-decimal coverage the machine formats
    carry (the arithmetic's, half to even) through the one display rounding, so that the table shows what a
    spreadsheet shows of the workbook's cell; None without cost (or without a ratio: cost 0)."""
    if cost is None:
        return None
    ratio = coverage(financed, cost)
    return None if ratio is None else rounded(ratio, 3)


def coverage_cell(value: Decimal | None) -> str:
    """One coverage cell: a Danish percentage, or '-' where there is no cost."""
    return NONE if value is None else percent(value)


def year_heads(years) -> list[str]:
    """The heads of a table's number columns, as a Danish budget table has them: each budget year, then the
    total ('I alt')."""
    return [*(str(year) for year in years), TOTAL]


def caption(unit: Unit, price_level: int | None) -> str:
    """'mio. kr., 2024-priser': the unit and price level, as a Danish budget table says them."""
    return unit.value if price_level is None else f"{unit.value}, {price_level}-priser"


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
