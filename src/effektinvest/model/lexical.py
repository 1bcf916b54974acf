"""The format's lexical rules: which plain YAML scalars are numbers, booleans and null (YAML 1.2 core,
stricter) and how each reads; text in NFC; text that the file made text by how it wrote it; numbers written
like Danish thousands. What the reader applies to every plain value. Pure functions; no YAML, no pydantic.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

# A plain decimal: 10.35, 1500, -3. No leading zeros, no exponent, no "5." or ".5".
DECIMAL_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
# 1.500, 12.500, 250.000: what a Danish writer means as thousands.
DANISH_THOUSANDS_RE = re.compile(r"[-+]?[1-9][0-9]{0,2}\.[0-9]{3}")

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
TRUES = frozenset({"true", "True", "TRUE"})
FALSES = frozenset({"false", "False", "FALSE"})


class Written(str):
    """Text that the file wrote in a way that made it text: as a YAML block (`| 100`) or with the `!` tag
    (`! 100`). HOW ("block" or "tag") tells a user who meant a number what to change."""

    __slots__ = ("how",)

    def __new__(cls, text: str, how: str):
        self = super().__new__(cls, text)
        self.how = how
        return self


def nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def resolve_plain(text: str) -> object:
    """The value of a plain (unquoted, untagged) YAML scalar under our rules.

    YAML 1.2 core, but a number is only a plain decimal and is read exactly;
    every other number-like text (1e3, 010, 0x1F, .inf, 1_000, 1:20) stays text
    and is explained where a number is expected.
    """
    if text in NULLS:
        return None
    first = text[0]
    if first in "0123456789-+" and DECIMAL_RE.fullmatch(text):
        return Decimal(text)
    if text in TRUES:
        return True
    if text in FALSES:
        return False
    return nfc(text)


def looks_like_thousands(text: str) -> bool:
    """Whether a plain number is written like Danish thousands: one dot and three digits, as 1.500."""
    return DANISH_THOUSANDS_RE.fullmatch(text) is not None


def readings(text: str) -> tuple[str, str]:
    """A number written like Danish thousands (`looks_like_thousands`: 1.500) as its two readings, each written
    so that it has only one: ('1500', '1.5'); ('2075', '2.0750'), as the decimal reading of 2.075 keeps three
    decimals; ('1000', '1') for 1.000."""
    whole, decimals = text.split(".")
    decimal = f"{whole}.{decimals.rstrip('0')}".rstrip(".")
    return whole + decimals, decimal + "0" if len(decimal) == len(text) else decimal
