"""The units amounts are stated in: kr., t.kr. (1.000 kr.) and mio. kr."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from effektinvest.model.numbers import EXACT, ValueProblem


class Unit(StrEnum):
    KR = "kr."
    TKR = "t.kr."
    MIO = "mio. kr."

    @property
    def exponent(self) -> int:
        """The power of ten of one unit in kr."""
        return _EXPONENT[self]

    def to_kr(self, amount: Decimal) -> Decimal:
        return amount.scaleb(self.exponent, EXACT)

    def from_kr(self, amount: Decimal) -> Decimal:
        return amount.scaleb(-self.exponent, EXACT)

    def to(self, amount: Decimal, unit: Unit) -> Decimal:
        """AMOUNT, stated in this unit, stated in UNIT (exactly)."""
        return amount.scaleb(self.exponent - unit.exponent, EXACT)


_EXPONENT = {Unit.KR: 0, Unit.TKR: 3, Unit.MIO: 6}

# Spellings, compared in lower case with spaces and dots removed.
_SPELLINGS = {
    "kr": Unit.KR,
    "dkk": Unit.KR,
    "kroner": Unit.KR,
    "tkr": Unit.TKR,
    "1000kr": Unit.TKR,
    "tdkk": Unit.TKR,
    "tusindkr": Unit.TKR,
    "mio": Unit.MIO,
    "miokr": Unit.MIO,
    "mkr": Unit.MIO,
    "mdkk": Unit.MIO,
    "mill": Unit.MIO,
    "millkr": Unit.MIO,
    "mioDKK".lower(): Unit.MIO,
}

# what `parse_unit` knows, as it compares them (the JSON Schema's pattern for `unit`, edges/schema.py)
SPELLINGS = frozenset(_SPELLINGS)

ACCEPTED = "kr. (kr, DKK), t.kr. (1.000 kr., tkr, t.kr), mio. kr. (mio, mio. kr, mio.kr.)"


def parse_unit(value: object) -> Unit:
    """The unit a user wrote, in any of its obvious spellings. Raises ValueProblem."""
    if isinstance(value, Unit):
        return value
    if isinstance(value, str):
        unit = _SPELLINGS.get(value.lower().replace(" ", "").replace(".", ""))
        if unit is not None:
            return unit
    shown = value if isinstance(value, str) else str(value)
    raise ValueProblem("unknown-unit", f"unknown unit {shown!r}; accepted units: {ACCEPTED}")
