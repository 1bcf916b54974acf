"""Diagnostics as data: every problem found in a scenario file, with where it is.

Every code a user can see is listed in CODES, with the one-line meaning that
docs/diagnostics.md expands on. Codes are stable: never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding, located in a file. LINE and COLUMN count from 1."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)


# The codes that are warnings; every other code is an error.
WARNING_CODES = frozenset(
    {"danish-thousands", "surplus", "unused-source", "covers-inactive-project", "decide-at-ignored", "empty-projects"}
)

# code -> what it means. Errors first, then warnings.
CODES: dict[str, str] = {
    # reading the file
    "file-too-large": "the file is larger than the 64 MiB limit; refused before parsing",
    "not-utf8": "the file is not UTF-8 text (nor UTF-16/32 with a byte-order mark)",
    "yaml-syntax": "the YAML does not parse",
    "multiple-documents": "the file holds more than one YAML document",
    "empty-file": "the file is empty, comments only, or just '---'",
    "top-level-not-mapping": "the top level is a list or a single value, not a mapping of keys",
    "too-deep": "nesting deeper than 64 levels",
    "too-long": "a key or value longer than the limit",
    "duplicate-key": "a key given twice in one mapping (after NFC and year normalisation)",
    "merge-key": "a YAML merge key '<<'",
    "unsupported-tag": "a YAML tag other than the standard scalar, mapping and sequence tags",
    "alias-cycle": "an alias that makes a value contain itself",
    "alias-expansion": "aliases that make the document grow past the bound",
    "key-not-text": "a mapping key that is a list or mapping",
    # the model
    "unknown-key": "a key the format does not know",
    "missing-key": "a required key is missing",
    "wrong-type": "a value of the wrong type (text where a mapping is expected, etc.)",
    "invalid-value": "a value outside the allowed set (status, kind)",
    "invalid-year": "a year that is not a whole number from 1900 to 2200",
    "unknown-unit": "a unit that is not kr., t.kr. or mio. kr. (or a known spelling of one)",
    "not-a-number": "an amount that is text, a boolean, a date or a quoted number",
    "missing-amount": "an empty amount ('2024:' with nothing after it, ~, null): it is not 0",
    "not-finite": "an amount that is .nan or .inf",
    "decimal-comma": "an amount written with a decimal comma, such as 10,35",
    "thousands-separator": "an amount with thousands separators, such as 2.000.000",
    "digit-separator": "an amount with underscores, such as 1_000",
    "exponent": "an amount with an exponent, such as 1e3",
    "not-plain-decimal": "an amount in octal, hexadecimal, binary, with leading zeros, or like .5",
    "unit-in-amount": "an amount with a unit in it, such as '2,5 mio. kr.'",
    "too-many-digits": "an amount with more than 30 digits",
    "negative-amount": "a negative cost or financing amount",
    "too-precise": "an amount finer than one øre (0.01 kr.)",
    "share-range": "a share outside 0 to 100 %",
    "share-percent": 'a share written as a bare number above 1, such as 60 (write "60%")',
    "not-a-share": "a share that is neither a percentage nor a fraction",
    "amount-or-share": "a financing line with both or neither of amount and share",
    "shares-over-100": "shares that make one project's financing exceed 100 % of its cost",
    "unknown-source": "a financing line whose source is not defined",
    "unknown-project": "a financing line that names a project that is not defined",
    "duplicate-project": "a top-level line that lists one project twice",
    "amount-without-cost": "an amount in a year (or for projects) with no cost to cover",
    "decide-at-missing": "a deferred project without decide_at",
    "decide-at-too-early": "decide_at not after budget_year",
    "year-before-budget": "a cost year before the budget year at which the decision is taken",
    "invalid-index": "a price index number that is not a positive number",
    "prices-unavailable": "--prices YEAR without price_level, or with a year missing from price_index",
    # warnings
    "danish-thousands": "a number that looks like Danish thousands, such as 1.500 (read as 1.5)",
    "surplus": "a year in which financing exceeds cost",
    "unused-source": "a source that no financing line uses",
    "covers-inactive-project": "a top-level line names a deferred or stopped project",
    "decide-at-ignored": "decide_at on a project that is not deferred",
    "empty-projects": "a top-level line with 'projects: []', which covers nothing",
}
