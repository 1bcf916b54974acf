"""How one figure or text is shown: Danish numbers for people (tables and Markdown), and the escaping of
text a user wrote for Markdown. Every human renderer shows its cells through these functions."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from effektinvest.numbers import EXACT
from effektinvest.units import Unit

NONE = "-"  # a cell with no figure

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
    """TEXT for a Markdown table cell or list item: a backslash, a pipe and a line break cannot break it."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
