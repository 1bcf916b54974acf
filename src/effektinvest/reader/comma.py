"""`{2024: 10,35}` and `{2024: 1.234.567,89}`: inside `{...}` YAML reads a decimal comma as two entries, a
number (10) and a key with no value (35). How the walker sees the pattern, and what it tells."""

from __future__ import annotations

import re

from yaml.events import ScalarEvent

from effektinvest.reader.record import Record
from effektinvest.reader.scalars import is_plain

_WHOLE_RE = re.compile(r"[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+")  # 10, or 1.234.567 with Danish thousands


def split_decimal_comma(previous, key, value) -> bool:
    """`{2024: 10,35}` or `{2024: 1.234.567,89}`: the flow mapping has read 10 (1.234.567) as a value and 35
    (89) as a key with no value."""
    return (
        previous.__class__ is ScalarEvent
        and is_plain(previous)
        and _WHOLE_RE.fullmatch(previous.value) is not None
        and key.__class__ is ScalarEvent
        and is_plain(key)
        and key.value.isdigit()
        and key.start_mark.index == previous.end_mark.index + 1
        and value.__class__ is ScalarEvent
        and is_plain(value)
        and value.value == ""
    )


def split_at_comma(record: Record, number, key, decimals) -> None:
    """Report NUMBER, the value of KEY, split at its decimal comma (DECIMALS: the key after it), at its own
    entry; and not as Danish thousands too: 1.234,5 is not an ambiguous 1.234."""
    record.trail.append(key)
    record.poison(number, *split_number(number.value, decimals.value))
    record.trail.pop()
    mark = number.start_mark
    if record.thousands and record.thousands[-1][1:3] == (mark.line + 1, mark.column + 1):
        record.thousands.pop()


def split_number(whole: str, decimals: str) -> tuple[str, str]:
    """The code and message for a number that a flow mapping split at its decimal comma."""
    meant = f"{whole.replace('.', '')}.{decimals}"
    if "." in whole:
        code, what = "thousands-separator", "thousands separators"
    else:
        code, what = "decimal-comma", "a decimal comma"
    return code, f"{whole},{decimals} has {what} (in {{...}} it reads as {whole} and a key {decimals}): write {meant}"
