"""Every code a user can see, in one table (CODES): how grave it is, what it means, how to fix it. The checks,
the reporters and the docs generator (tools/gen_diagnostics_doc.py, docs/diagnostics.md) read it."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(NamedTuple):
    """One kind of finding: how grave it is, what it means, and how to fix it (docs/diagnostics.md)."""

    severity: Severity
    title: str
    fix: str


E, W = Severity.ERROR, Severity.WARNING

# Every code a user can see: the one table that the checks, the reporters and the docs generator
# (tools/gen_diagnostics_doc.py) read. Errors first, then warnings. Codes are stable: never rename one.
CODES: dict[str, Code] = {
    # reading the file
    "file-too-large": Code(
        E,
        "the file is larger than the 64 MiB limit; refused before parsing",
        "Split the file; a scenario is one budget decision, far below 64 MiB.",
    ),
    "unreadable-file": Code(
        E,
        "a file that `check` or `due` cannot read (no permission, a symbolic link that leads nowhere or to "
        "itself), or a folder below one given that cannot be listed; the other files are still read",
        "Fix the file's or the folder's permissions or the link, or leave the file out.",
    ),
    "not-utf8": Code(
        E,
        "the file is not UTF-8 text (nor UTF-16/32 with a byte-order mark)",
        "Save the file as UTF-8 (in Excel: *CSV UTF-8*; in an editor: *Save with encoding*).",
    ),
    "yaml-syntax": Code(E, "the YAML does not parse", "Fix the indentation or quoting at the line named."),
    "multiple-documents": Code(
        E, "the file holds more than one YAML document", "One decision per file: split at `---`."
    ),
    "empty-file": Code(E, "the file is empty, comments only, or just '---'", "Start from `effektinvest init FILE`."),
    "top-level-not-mapping": Code(
        E,
        "the top level is a list or a single value, not a mapping of keys",
        "Remove the leading `- `: the top level is keys such as `scenario:`.",
    ),
    "too-deep": Code(
        E,
        "nesting deeper than 64 levels",
        "Nothing in the format nests deeper than a few levels; remove the extra brackets.",
    ),
    "too-long": Code(
        E, "a key or value longer than the limit", "Keys are ids and years; values at most 1 MiB of text. Shorten them."
    ),
    "duplicate-key": Code(
        E,
        "a key given twice in one mapping (after NFC and year normalisation)",
        "Give each id once; rename one of the two.",
    ),
    "merge-key": Code(
        E,
        "a YAML merge key '<<'",
        "Write the keys out in each project (an alias of a whole value, `costs: *c`, is fine).",
    ),
    "unsupported-tag": Code(
        E,
        "a YAML tag other than the standard scalar, mapping and sequence tags",
        "Remove the tag: write plain values, mappings and lists.",
    ),
    "alias-cycle": Code(
        E, "an alias that makes a value contain itself", "An alias can repeat a value, not contain its own value."
    ),
    "alias-expansion": Code(
        E,
        "aliases that make the document grow past the bound",
        "Write the values out; aliases may repeat, but not multiply, a document.",
    ),
    "key-not-text": Code(E, "a mapping key that is a list or mapping", "Keys are ids or years."),
    # the model
    "unknown-key": Code(
        E, "a key the format does not know", "Use the key suggested, or one from docs/scenario-format.md."
    ),
    "missing-key": Code(E, "a required key is missing", "Add the key."),
    "wrong-type": Code(
        E,
        "a value of the wrong type (text where a mapping is expected, etc.)",
        "Write a list: each line starts with `- `.",
    ),
    "invalid-value": Code(E, "a value outside the allowed set (status, kind)", "Use one of the values listed."),
    "invalid-year": Code(
        E, "a year that is not a whole number from 1900 to 2200", "Write the year in full, from 1900 to 2200."
    ),
    "unknown-unit": Code(
        E, "a unit that is not kr., t.kr. or mio. kr. (or a known spelling of one)", "Use kr., t.kr. or mio. kr."
    ),
    "not-a-number": Code(
        E, "an amount that is text, a boolean, a date or a quoted number", "Write the amount as a plain decimal."
    ),
    "missing-amount": Code(
        E,
        "an empty amount ('2024:' with nothing after it, ~, null, or `amount: {}`): it is not 0",
        "Write 0 if the amount is nothing; otherwise the amount.",
    ),
    "not-finite": Code(E, "an amount that is .nan or .inf", "Write a finite amount."),
    "decimal-comma": Code(
        E, "an amount written with a decimal comma, such as 10,35", "Write a decimal point: `10.35`."
    ),
    "thousands-separator": Code(
        E, "an amount with thousands separators, such as 2.000.000", "Write the digits alone: `2000000`."
    ),
    "digit-separator": Code(E, "an amount with underscores, such as 1_000", "Write the digits alone: `1000`."),
    "exponent": Code(E, "an amount with an exponent, such as 1e3", "Write the number out: `1000`."),
    "not-plain-decimal": Code(
        E,
        "an amount in octal, hexadecimal, binary, with leading zeros, or like .5",
        "Write the number without leading zeros, in decimal.",
    ),
    "unit-in-amount": Code(
        E, "an amount with a unit in it, such as '2,5 mio. kr.'", "Write `2.5` and put the unit in `unit: mio. kr.`."
    ),
    "too-many-digits": Code(E, "an amount with more than 30 digits", "Use a larger unit; at most 30 digits."),
    "negative-amount": Code(
        E, "a negative cost or financing amount", "Costs and financing are amounts paid: write them positive."
    ),
    "too-precise": Code(
        E,
        "an amount finer than one øre (0.01 kr.)",
        "Round the amount to whole øre yourself, so the figures are yours.",
    ),
    "share-range": Code(E, "a share outside 0 to 100 %", "A share is from 0 to 100 %."),
    "share-percent": Code(
        E, 'a share written as a bare number above 1, such as 60 (write "60%")', 'Write `"60%"` (quoted) or `0.6`.'
    ),
    "not-a-share": Code(
        E, "a share or realisation that is neither a percentage nor a fraction", 'Write `"50%"` or `0.5`.'
    ),
    "realisation-range": Code(
        E,
        'a realisation outside 0 to 200 %, or a bare number above 2 such as 75 (write "75%")',
        'A realisation is from 0 to 200 %: write `"75%"` (quoted) or `0.75`.',
    ),
    "invalid-count": Code(
        E,
        "an outcome count that is not a whole number of 0 or more, such as 2.5 or -1",
        "Write the expected number of outcomes as a whole number: `40`.",
    ),
    "amount-or-share": Code(
        E,
        "a financing line with none, or more than one, of the three kinds: amount, share, tariff with outcomes "
        "(also outcomes or cap without tariff, tariff without outcomes)",
        "Keep one kind: an amount, a share, or a tariff with its outcomes (and an optional cap).",
    ),
    "shares-over-100": Code(
        E,
        "shares that make one project's financing exceed 100 % of its cost",
        "Lower the shares, or turn one into an amount.",
    ),
    "unknown-source": Code(
        E,
        "a financing line, a project's `savings` or `realised_savings`, or a repayment's `by`, naming a source that "
        "is not defined",
        "Use an id from `sources`, or add the source.",
    ),
    "unharvestable-source": Code(
        E,
        "a financing line on a source of kind state or region, or such a source among a repayment's payers: "
        "savings there cannot be harvested by the municipality, so it cannot pay (format 1.2)",
        "Pay from a municipal pocket; a refund from the state or region is a source of kind `refund`.",
    ),
    "repay-not-investor": Code(
        E,
        "`repay` on a financing line whose source is not an investor (of kind fund or external) (format 1.3)",
        "Leave `repay` out, or give the investor's source `kind: fund` or `kind: external`.",
    ),
    "repay-kind": Code(
        E,
        "a `repay` with both, or neither, of the two kinds: tariff with outcomes (and an optional cap), or amount "
        "(a fixed schedule) (format 1.3)",
        "Keep one kind: `tariff` with `outcomes` (and `cap`), or `amount` by year.",
    ),
    "repay-shares": Code(
        E,
        "the shares under a repayment's `by` do not add up to 100 % (format 1.3)",
        "Give the paying pockets shares that add up to 100 %.",
    ),
    "repay-payer": Code(
        E,
        "a repayment paid by the investor itself, or by a source of kind refund or external (format 1.3)",
        "Name the municipal pockets that repay: of kind decentral, non_decentral or fund, or without a kind.",
    ),
    "unknown-project": Code(
        E, "a financing line that names a project that is not defined", "Use an id from `projects`."
    ),
    "duplicate-project": Code(E, "a top-level line that lists one project twice", "List each project once."),
    "amount-without-cost": Code(
        E,
        "an amount in a year (or for projects) with no cost to cover",
        "Pay only in years with a cost, or add the cost.",
    ),
    "missing-tariff": Code(
        E,
        "an outcome count (expected or achieved) in a year for which the line's rate card (tariff by year) has no "
        "tariff (format 1.3)",
        "Give the rate card a tariff for that year, or use one tariff for every year.",
    ),
    "decide-at-missing": Code(
        E, "a deferred project without decide_at", "Add `decide_at:` with the budget year of the coming decision."
    ),
    "decide-at-too-early": Code(E, "decide_at not after budget_year", "A deferred decision falls at a later budget."),
    "year-before-budget": Code(
        E,
        "a cost year (or an actual figure's year) before the budget year at which the decision is taken",
        "Leave out years before the budget year: they are not part of this decision.",
    ),
    "invalid-index": Code(
        E,
        "a price index number that is not a positive number of at most 30 digits (zeros after the point count)",
        "Give a positive index number for every year, such as 103.2.",
    ),
    "ambiguous-thousands": Code(
        E,
        "a number written like Danish thousands, such as 1.500: fifteen hundred, or one and a half?",
        "Write `1500` if you mean fifteen hundred; `1.5` if you mean one and a half.",
    ),
    "actuals-without-close": Code(
        E,
        "an actual figure (actual_costs, realised_savings, achieved, paid) in a file without actuals_through "
        "(format 1.3)",
        "Set `actuals_through:` to the last closed accounting year whose figures the file holds.",
    ),
    "actuals-through-too-early": Code(
        E,
        "actuals_through before budget_year",
        "The closed years a file follows up are its own budget years: actuals_through is budget_year or later.",
    ),
    "actual-in-open-year": Code(
        E,
        "an actual figure for a year after actuals_through: that year has not closed",
        "Leave the year out until it has closed, then raise actuals_through.",
    ),
    "achieved-not-outcome": Code(
        E,
        "achieved on a financing line that is no outcome line (no tariff and outcomes), or in a `repay` that is "
        "not per achieved outcome (format 1.3)",
        "Leave achieved out; record what the line paid under `paid`.",
    ),
    "prices-unavailable": Code(
        E,
        "--prices YEAR without price_level, with a year missing from price_index, or with index numbers "
        "that would make an amount too large to restate exactly",
        "Add `price_level:` and a `price_index:` with both years, or leave out `--prices`.",
    ),
    # warnings
    "surplus": Code(
        W, "a year in which financing exceeds cost", "Check the financing; a surplus may be intended, e.g. a repayment."
    ),
    "inactive-line": Code(
        W,
        "a deferred or stopped project with financing lines or savings of its own: they pay nothing and count "
        "nowhere (format 1.2)",
        "Remove the lines, or set the project's status to continue.",
    ),
    "unused-source": Code(
        W,
        "a source that no financing line uses and no project's savings name",
        "Remove the source, or add the line (or the savings) that uses it.",
    ),
    "covers-inactive-project": Code(
        W,
        "a top-level line names a deferred or stopped project",
        "Remove the stopped or deferred project from the list.",
    ),
    "decide-at-ignored": Code(
        W, "decide_at on a project that is not deferred", "Remove decide_at, or set status: defer."
    ),
    "actual-missing": Code(
        W,
        "a closed year without the actual figure: a continued project's cost, an outcome line's (or a "
        "repayment's) achieved outcomes, or a pocket's realised savings; the planned figure stands in (format 1.3)",
        "Add the figure from the accounts; where the plan is right, write it as the actual.",
    ),
    "empty-projects": Code(
        W,
        "a top-level line with 'projects: []', which covers nothing",
        "List the projects the line covers, or leave out 'projects:' to cover all.",
    ),
}
