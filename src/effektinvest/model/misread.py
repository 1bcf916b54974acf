"""What a text that is not a number was probably meant to be: why a YAML scalar is not a plain decimal
(a decimal comma, thousands separators, a unit, an exponent, an invisible character, ...), and the number
to write. The rules of what IS a number are in `lexical`; this module only words the refusals."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from effektinvest.model.lexical import DECIMAL_RE, looks_like_thousands, readings
from effektinvest.model.problem import ValueProblem, short

_UNIT_WORDS = re.compile(r"(mio|mia|mill|kr|dkk|t\.kr|tkr)", re.IGNORECASE)
_EXPONENT_RE = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+")
_DECIMAL_COMMA_RE = re.compile(r"([-+]?[0-9]+),([0-9]+)")
_THOUSANDS_RE = re.compile(r"[-+]?[0-9]{1,3}(?:([.,])[0-9]{3})(?:\1[0-9]{3})+(?:[.,][0-9]+)?")
_UNDERSCORE_RE = re.compile(r"[-+]?[0-9_]+(?:\.[0-9_]+)?")
_RADIX_RE = re.compile(r"[-+]?0[xXoObB][0-9a-fA-F_]+")
_LEADING_ZERO_RE = re.compile(r"[-+]?0[0-9]+(?:\.[0-9]+)?")
_BARE_POINT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.)")
_SEXAGESIMAL_RE = re.compile(r"[-+]?[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9]*)?")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?")
_NONFINITE = frozenset(
    {
        ".nan",
        ".NaN",
        ".NAN",
        ".inf",
        ".Inf",
        ".INF",
        "+.inf",
        "+.Inf",
        "+.INF",
        "-.inf",
        "-.Inf",
        "-.INF",
        "nan",
        "NaN",
        "inf",
        "Infinity",
        "-inf",
        "-Infinity",
    }
)


# Characters a reader does not see in a number: spaces other than ' ' (a no-break space from a word processor,
# a thin space), zero-width and direction marks, a byte-order mark, control characters.
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cf", "Cc"})


def _invisible(text: str, what: str) -> ValueProblem | None:
    """The problem of a value with a character in it that cannot be seen, named in words with its code
    point (never a Python escape such as \\xa0), and the number to write; None if there is none."""
    found = next((c for c in text if c not in " \t\n\r" and unicodedata.category(c) in _INVISIBLE_CATEGORIES), None)
    if found is None:
        return None
    name = unicodedata.name(found, "control character").lower()
    named = ("an " if name[0] in "aeiou" else "a ") + name
    meant = "".join(c for c in text if c not in " \t" and unicodedata.category(c) not in _INVISIBLE_CATEGORIES)
    if not DECIMAL_RE.fullmatch(meant):  # 12 000,5: what to write is what 12000,5 would be told
        suggested = re.search(r"write ([-+0-9.]+)$", explain_text_as_number(meant, what).message) if meant else None
        meant = suggested.group(1) if suggested else None
    hint = f": write {meant}" if meant else ""
    return ValueProblem("not-a-number", f"{what} has {named} (U+{ord(found):04X}) in it{hint}")


def explain_text_as_number(text: str, what: str = "an amount") -> ValueProblem:
    """Why TEXT (a YAML scalar that is not a plain decimal) is not a number, and what to write."""
    hidden = _invisible(text, what)
    if hidden:
        return hidden
    t = text.strip()
    shown = short(text)
    if t in _NONFINITE:
        return ValueProblem("not-finite", f"{what} must be a finite number, not {shown!r}")
    if DECIMAL_RE.fullmatch(t):
        if looks_like_thousands(t):  # "2.200": without quotes it would be ambiguous, so say both readings
            t = " or ".join(readings(t))
        if getattr(text, "how", None) == "block" or "\n" in text or "\r" in text:  # a block (| or >) is text
            return ValueProblem(
                "not-a-number", f"{what} is a number, not a block of text: write {t} after the key, without | or >"
            )
        if getattr(text, "how", None) == "tag":
            said = f"{what} is a number, not text: write {t} without the ! tag (or quotes)"
            return ValueProblem("not-a-number", said)
        return ValueProblem("not-a-number", f"{what} is a number, not text: write {t} without quotes")
    m = _THOUSANDS_RE.fullmatch(t)
    if m:
        sep = m.group(1)
        plain = t.replace(sep, "").replace("," if sep == "." else ".", ".")
        return ValueProblem("thousands-separator", f"{shown!r} has thousands separators: write {plain}")
    m = _DECIMAL_COMMA_RE.fullmatch(t)
    if m:
        return ValueProblem("decimal-comma", f"{shown!r} has a decimal comma: write {m.group(1)}.{m.group(2)}")
    if _UNIT_WORDS.search(t) and re.search(r"[0-9]", t):
        num = re.search(r"[-+]?[0-9]+(?:[.,][0-9]+)?", t)
        hint = f"write {num.group(0).replace(',', '.')} and " if num else ""
        return ValueProblem("unit-in-amount", f"{shown!r} has a unit in it: {hint}give the unit once, in 'unit:'")
    if "_" in t and _UNDERSCORE_RE.fullmatch(t):
        meant = t.replace("_", "")
        if re.fullmatch(r"[-+]?[0-9]+(?:\.[0-9]+)?", meant):
            meant = format(Decimal(meant), "f")  # 0_5 is 5, not 05 (a leading zero to be told next)
        return ValueProblem("digit-separator", f"{shown!r} has underscores: write {meant}")
    if _EXPONENT_RE.fullmatch(t):
        hint = "write the number out in full"
        exp = t.lower().partition("e")[2]
        if len(exp.lstrip("+-")) <= 2:
            hint = f"write {format(Decimal(t), 'f')}"
        return ValueProblem("exponent", f"{shown!r} has an exponent; numbers are plain decimals: {hint}")
    if _RADIX_RE.fullmatch(t):
        return ValueProblem("not-plain-decimal", f"{shown!r} is not a plain decimal number (hex, octal or binary)")
    if _LEADING_ZERO_RE.fullmatch(t):
        sign = "-" if t.startswith("-") else ""
        return ValueProblem(
            "not-plain-decimal",
            f"{shown!r} has a leading zero (YAML 1.1 reads it as octal): write {sign}{Decimal(t.lstrip('+-'))}",
        )
    if _BARE_POINT_RE.fullmatch(t):
        return ValueProblem("not-plain-decimal", f"{shown!r} is not a plain decimal: write {format(Decimal(t), 'f')}")
    if _SEXAGESIMAL_RE.fullmatch(t):
        return ValueProblem(
            "not-a-number", f"{shown!r} is not a number (YAML 1.1 read it as base 60); write a plain decimal"
        )
    if _DATE_RE.fullmatch(t):
        return ValueProblem("not-a-number", f"{what} must be a number, not the date {shown!r}")
    return ValueProblem("not-a-number", f"{what} must be a number, not the text {shown!r}")
