"""The JSON toolkit: one JSON document on one line (docs/cli.md), every amount written from the exact decimal,
and text exactly as written, with every hidden character as a JSON escape (`display_context.json_visible`). It
knows no report; each report's `json.py` builds its object and writes it with `dumps`, the one writer.

An array of many objects (a file's 100,000 projects) goes in as `Raw` text made by `template`: each distinct
shape of object (its keys; say, a project's years) is written once by `dumps`, with a hole for each value,
and each object is that text with the JSON text of its values put in (`string`, `numbers`): making a
dictionary for each object and writing it took two to three times as long (10,000 projects)."""

from __future__ import annotations

import json
import secrets
from decimal import Decimal
from json.encoder import encode_basestring as string  # the encoder's own (C) string escaper (ensure_ascii=False)

from effektinvest.core.display_context import json_visible
from effektinvest.model.numbers import plain

__all__ = ["HOLE", "Raw", "array", "dumps", "exact", "number", "numbers", "string", "template"]

# A number goes through the (fast, C) JSON encoder as a string carrying this mark (`exact`), which `dumps` then
# takes off with the quotes: the number is written from its exact digits, never through a float.
# The mark is a random nonce, so no text a user wrote can carry it; so are a hole (`template`) and a `Raw`
# text's place. ASCII: a private-use character, as before, makes the encoder write in two bytes a character
# (`compare --format json` of two 10,000-project files: 0.1 s more of 0.8 s).
_MARK, _END, _HOLE, _RAW = (secrets.token_hex(8) for _ in range(4))
_OPEN, _CLOSE = '"' + _MARK, _END + '"'  # what the encoder writes before a marked number, and after it
HOLE = _MARK + _HOLE + _END  # a value of a `template`'s object: written as _HOLE, then made %s


class Raw:
    """JSON text that `dumps` writes as it is (an array made by `template`)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def number(value: Decimal) -> str:
    """VALUE as a JSON number, from its exact digits: 10.35 as written, 1.0025E+5 -> 100250, 2.00 -> 2."""
    return numbers((value,))[0]


def numbers(values, convert=None) -> list[str]:
    """`number` of each of VALUES after CONVERT (a unit's `from_kr`, or none): its str() (10.35 as written),
    with the trailing zeros of a fraction taken off (2.50 -> 2.5, 2.00 -> 2) and an exponent written out
    (1.0025E+5 -> 100250). Kept to two comprehensions and no other call for speed (a file's 160,000 amounts
    in --by project)."""
    texts = [str(value) for value in values] if convert is None else [str(convert(value)) for value in values]
    return [
        t  # as it is, or:
        if "E" not in t and (t[-1] != "0" or "." not in t)
        else t.rstrip("0").rstrip(".")  # a fraction that ends in 0
        if "E" not in t
        else plain(Decimal(t))  # an exponent
        for t in texts
    ]


def exact(value: Decimal | None) -> str | None:
    """VALUE as `dumps` writes it: a JSON number from its exact digits (`number`); None stays None (null)."""
    return None if value is None else _MARK + number(value) + _END


def template(skeleton) -> str:
    """What `dumps` writes of SKELETON, a value in which some values are HOLE, with %s for each HOLE (and %%
    for each %): `template(skeleton) % texts` is the text of SKELETON with each HOLE the JSON value of the next
    of TEXTS."""
    return dumps(skeleton).replace("%", "%%").replace(_HOLE, "%s")


def array(texts) -> str:
    """The JSON array of TEXTS (each a JSON value), as the encoder writes an array."""
    return "[" + ", ".join(texts) + "]"


def dumps(value) -> str:
    """VALUE as JSON text on one line, in which every `exact` text and every Decimal is a number written from
    its exact digits, every `Raw` its text, and every hidden character of a text a JSON escape
    (`json_visible`)."""
    raws: list[str] = []

    def default(value):
        if isinstance(value, Decimal):
            return exact(value)
        if isinstance(value, Raw):
            raws.append(value.text)
            return _RAW + str(len(raws) - 1)
        raise TypeError(f"{type(value).__name__} is not JSON")

    text = json.dumps(value, ensure_ascii=False, check_circular=False, default=default)  # (a tree: no cycle)
    text = text.replace(_OPEN, "").replace(_CLOSE, "")
    if raws:  # each in its place, in the order the encoder met them
        pieces, start = [], 0
        for index, raw in enumerate(raws):
            token = f'"{_RAW}{index}"'
            at = text.index(token, start)
            pieces += (text[start:at], raw)
            start = at + len(token)
        text = "".join([*pieces, text[start:]])
    # The encoder (and `string`) write every control character below a space as an escape, so ASCII text can
    # hide only a DEL: that is checked at once, where json_visible looks at each character (--by project,
    # 100,000 projects: 53 MB, 0.39 s).
    return text if text.isascii() and "\x7f" not in text else json_visible(text)
