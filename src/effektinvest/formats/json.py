"""The JSON toolkit: one JSON document on one line (docs/cli.md), every amount written from the exact decimal,
and text exactly as written, with every hidden character as a JSON escape (`display_context.json_visible`). It
knows no report; each report's `json.py` builds its object and writes it with `dumps`."""

from __future__ import annotations

import json
import secrets
from decimal import Decimal
from json.encoder import encode_basestring  # the encoder's own (C) string escaper, as with ensure_ascii=False

from effektinvest.core.display_context import json_visible
from effektinvest.model.numbers import EXACT, plain

__all__ = ["by_year", "dumps", "encode_basestring", "number", "numbers"]

# A Decimal goes through the (fast, C) JSON encoder as a string carrying this mark, which is then
# taken off with the quotes: the number is written from its exact digits, never through a float.
# The mark holds a private-use character and a random nonce, so no text a user wrote can carry it.
_OPEN = '"\ue000' + secrets.token_hex(8)  # what the encoder writes before a marked number...
_CLOSE = "\ue001" + secrets.token_hex(8) + '"'  # ... and after it


def number(value: Decimal) -> str:
    """VALUE as a JSON number, from its exact digits: 10.35 as written, 1.0025E+5 -> 100250, 2.00 -> 2."""
    text = str(value)  # as written, for a value read from the file: 10.35
    if "E" in text or ("." in text and text.endswith("0")):
        text = plain(value)
    return text


def numbers(values, shift: int) -> list[str]:
    """`number` of each of VALUES scaled by SHIFT (to a report's unit), with a call only for a text that
    `number` would change."""
    texts = [str(value.scaleb(shift, EXACT)) for value in values]
    return [_plain_text(t) if "E" in t or ("." in t and t[-1] == "0") else t for t in texts]


def _plain_text(text: str) -> str:
    """`plain` of the Decimal whose str() is TEXT: 1.0025E+5 -> 100250, 2.50 -> 2.5, 2.00 -> 2, 0.00 -> 0."""
    return plain(Decimal(text)) if "E" in text else text.rstrip("0").rstrip(".")


def by_year(years, texts) -> str:
    """{"YEAR": text} of each of YEARS with each of TEXTS, as the encoder writes it."""
    return "{" + ", ".join([f'"{year}": {text}' for year, text in zip(years, texts, strict=True)]) + "}"


def _mark(value):
    if isinstance(value, Decimal):
        return _OPEN[1:] + number(value) + _CLOSE[:-1]
    raise TypeError(f"{type(value).__name__} is not JSON")


def dumps(value) -> str:
    """JSON text on one line, in which every Decimal is a number written from its exact digits (and every
    hidden character of a text a JSON escape: `json_visible`)."""
    return json_visible(json.dumps(value, ensure_ascii=False, default=_mark).replace(_OPEN, "").replace(_CLOSE, ""))
