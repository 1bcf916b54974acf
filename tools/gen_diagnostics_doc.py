# ruff: noqa: E501  (example scenarios are clearer on one line)
"""Writes docs/diagnostics.md: every diagnostic code, what triggers it, an example, what it prints, the fix.

Run: .venv/bin/python tools/gen_diagnostics_doc.py > docs/diagnostics.md
tests/test_docs.py re-runs every example and checks the printed line is still what the page says.
"""

from effektinvest.diagnostics import CODES, WARNING_CODES
from effektinvest.load import load_bytes
from effektinvest.render.diagnostics import line

HEAD = """scenario: Eksempel
budget_year: 2024
sources:
  fund: {name: Outcomefonden}
projects:
"""


def p(body: str) -> str:
    return HEAD + body


EXAMPLES = {
    "file-too-large": (None, "Split the file; a scenario is one budget decision, far below 64 MiB."),
    "not-utf8": (None, "Save the file as UTF-8 (in Excel: *CSV UTF-8*; in an editor: *Save with encoding*)."),
    "yaml-syntax": (
        p("  a:\n    name: A\n     costs: {2024: 1}\n"),
        "Fix the indentation or quoting at the line named.",
    ),
    "multiple-documents": (
        p("  a: {name: A, costs: {2024: 1}}\n---\nscenario: Igen\n"),
        "One decision per file: split at `---`.",
    ),
    "empty-file": ("# kun en kommentar\n", "Start from `effektinvest init FILE`."),
    "top-level-not-mapping": (
        "- scenario: Eksempel\n",
        "Remove the leading `- `: the top level is keys such as `scenario:`.",
    ),
    "too-deep": (None, "Nothing in the format nests deeper than a few levels; remove the extra brackets."),
    "too-long": (None, "Keys are ids and years; values at most 1 MiB of text. Shorten them."),
    "duplicate-key": (
        p("  a: {name: A, costs: {2024: 1}}\n  a: {name: A igen, costs: {2024: 2}}\n"),
        "Give each id once; rename one of the two.",
    ),
    "merge-key": (
        "base: &base {name: A, costs: {2024: 1}}\n" + p("  a:\n    <<: *base\n"),
        "Write the keys out in each project (an alias of a whole value, `costs: *c`, is fine).",
    ),
    "unsupported-tag": (
        p("  a: {name: A, costs: !!binary aGVq}\n"),
        "Remove the tag: write plain values, mappings and lists.",
    ),
    "alias-cycle": (
        p("  a: &a {name: A, costs: {2024: 1}, note: *a}\n"),
        "An alias can repeat a value, not contain its own value.",
    ),
    "alias-expansion": (None, "Write the values out; aliases may repeat, but not multiply, a document."),
    "key-not-text": (p("  ? [a, b]\n  : {name: A, costs: {2024: 1}}\n"), "Keys are ids or years."),
    "unknown-key": (
        p("  a: {name: A, cots: {2024: 1}}\n"),
        "Use the key suggested, or one from docs/scenario-format.md.",
    ),
    "missing-key": (p("  a: {costs: {2024: 1}}\n"), "Add the key."),
    "wrong-type": (
        p("  a: {name: A, costs: {2024: 1}, financing: {source: fund, amount: 1}}\n"),
        "Write a list: each line starts with `- `.",
    ),
    "invalid-value": (p("  a: {name: A, status: pause, costs: {2024: 1}}\n"), "Use one of the values listed."),
    "invalid-year": (p("  a: {name: A, costs: {24: 1}}\n"), "Write the year in full, from 1900 to 2200."),
    "unknown-unit": ("unit: mia. kr.\n" + p("  a: {name: A, costs: {2024: 1}}\n"), "Use kr., t.kr. or mio. kr."),
    "not-a-number": (p("  a: {name: A, costs: {2024: ja}}\n"), "Write the amount as a plain decimal."),
    "missing-amount": (
        p("  a:\n    name: A\n    costs:\n      2024:\n"),
        "Write 0 if the amount is nothing; otherwise the amount.",
    ),
    "not-finite": (p("  a: {name: A, costs: {2024: .inf}}\n"), "Write a finite amount."),
    "decimal-comma": (p("  a:\n    name: A\n    costs:\n      2024: 10,35\n"), "Write a decimal point: `10.35`."),
    "thousands-separator": (
        p("  a:\n    name: A\n    costs:\n      2024: 2.000.000\n"),
        "Write the digits alone: `2000000`.",
    ),
    "digit-separator": (p("  a: {name: A, costs: {2024: 1_000}}\n"), "Write the digits alone: `1000`."),
    "exponent": (p("  a: {name: A, costs: {2024: 1e3}}\n"), "Write the number out: `1000`."),
    "not-plain-decimal": (
        p("  a: {name: A, costs: {2024: 010}}\n"),
        "Write the number without leading zeros, in decimal.",
    ),
    "unit-in-amount": (
        p("  a:\n    name: A\n    costs:\n      2024: 2,5 mio. kr.\n"),
        "Write `2.5` and put the unit in `unit: mio. kr.`.",
    ),
    "too-many-digits": (
        p("  a: {name: A, costs: {2024: 1234567890123456789012345678901}}\n"),
        "Use a larger unit; at most 30 digits.",
    ),
    "negative-amount": (
        p("  a: {name: A, costs: {2024: -5}}\n"),
        "Costs and financing are amounts paid: write them positive.",
    ),
    "too-precise": (
        p("  a: {name: A, costs: {2024: 1.005}}\n").replace("budget_year: 2024", "budget_year: 2024\nunit: kr."),
        "Round the amount to whole øre yourself, so the figures are yours.",
    ),
    "share-range": (
        p('  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fund, share: "120%"}\n'),
        "A share is from 0 to 100 %.",
    ),
    "share-percent": (
        p("  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fund, share: 60}\n"),
        'Write `"60%"` (quoted) or `0.6`.',
    ),
    "not-a-share": (
        p("  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fund, share: halvdelen}\n"),
        'Write `"50%"` or `0.5`.',
    ),
    "amount-or-share": (
        p(
            '  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fund, amount: 5, share: "50%"}\n'
        ),
        "Keep one of the two.",
    ),
    "shares-over-100": (
        p(
            '  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fund, share: "60%"}\n      - {source: fund, share: "50%"}\n'
        ),
        "Lower the shares, or turn one into an amount.",
    ),
    "unknown-source": (
        p("  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fond, amount: 5}\n"),
        "Use an id from `sources`, or add the source.",
    ),
    "unknown-project": (
        p("  a: {name: A, costs: {2024: 10}}\nfinancing:\n  - {source: fund, amount: 5, projects: [a, b]}\n"),
        "Use an id from `projects`.",
    ),
    "duplicate-project": (p("  a: {name: A, costs: {2024: 10}}\nfinancing:\n  - {source: fund, amount: 5, projects: [a, a]}\n"), "List each project once."),
    "decide-at-ignored": (p("  a: {name: A, costs: {2024: 10}, decide_at: 2025, financing: [{source: fund, share: 0.5}]}\n"), "Remove decide_at, or set status: defer."),
    "empty-projects": (p("  a: {name: A, costs: {2024: 10}}\nfinancing:\n  - {source: fund, share: 0.5, projects: []}\n"), "List the projects the line covers, or leave out 'projects:' to cover all."),
    "amount-without-cost": (
        p(
            "  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - source: fund\n        amount: {2024: 5, 2025: 5}\n"
        ),
        "Pay only in years with a cost, or add the cost.",
    ),
    "decide-at-missing": (
        p("  a: {name: A, costs: {2024: 10}}\n  b: {name: B, status: defer}\n"),
        "Add `decide_at:` with the budget year of the coming decision.",
    ),
    "decide-at-too-early": (
        p("  a: {name: A, costs: {2024: 10}}\n  b: {name: B, status: defer, decide_at: 2024}\n"),
        "A deferred decision falls at a later budget.",
    ),
    "year-before-budget": (
        p("  a: {name: A, costs: {2023: 10, 2024: 10}}\n"),
        "Leave out years before the budget year: they are not part of this decision.",
    ),
    "invalid-index": ("price_index: {2024: 100, 2025: 0}\n" + p("  a: {name: A, costs: {2024: 10}}\n"), "Give a positive index number for every year."),
    "prices-unavailable": (None, "Add `price_level:` and a `price_index:` with both years, or leave out `--prices`."),
    "danish-thousands": (
        p("  a: {name: A, costs: {2024: 1.500}}\n"),
        "Write `1500` if you mean fifteen hundred; `1.5` if you mean one and a half.",
    ),
    "surplus": (
        p("  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fund, amount: 12}\n"),
        "Check the financing; a surplus may be intended, e.g. a repayment.",
    ),
    "unused-source": (
        "scenario: Eksempel\nbudget_year: 2024\nsources:\n  fund: {name: Outcomefonden}\nprojects:\n  a: {name: A, costs: {2024: 10}}\n",
        "Remove the source, or add the line that uses it.",
    ),
    "covers-inactive-project": (
        p(
            '  a: {name: A, costs: {2024: 10}}\n  b: {name: B, status: stop}\nfinancing:\n  - {source: fund, share: "10%", projects: [a, b]}\n'
        ),
        "Remove the stopped or deferred project from the list.",
    ),
}

INTRO = """# Diagnostics

Every problem effektinvest finds is one line on standard error (`check --format json`
and `--format github` print the same findings on standard output):

```text
PATH:LINE:COLUMN: error[CODE]: MESSAGE
PATH:LINE:COLUMN: warning[CODE]: MESSAGE
```

LINE and COLUMN count from 1 and point at the key or value at fault. Errors make the
file unusable (exit 1); warnings are printed, and fail only with `check --strict`. The
codes below are stable: scripts may match on them. Each example is run by the test
suite (`tests/test_docs.py`), which checks that it still prints what is shown here.
"""


def main() -> None:
    assert set(EXAMPLES) == set(CODES), set(CODES) ^ set(EXAMPLES)
    out = [INTRO]
    for code, meaning in CODES.items():
        example, fix = EXAMPLES[code]
        severity = "warning" if code in WARNING_CODES else "error"
        out.append(f"## `{code}` ({severity})\n\n{meaning[0].upper() + meaning[1:]}.\n")
        if example is not None:
            found = [d for d in load_bytes(example.encode(), "example.yaml").diagnostics if d.code == code]
            assert found, code
            out.append("```yaml\n" + example + "```\n\nprints\n\n```text\n" + line(found[0]) + "\n```\n")
        else:
            out.append("This one needs a file or an option that a page cannot show; the test suite has its case.\n")
        out.append(f"**Fix:** {fix}\n")
    print("\n".join(out), end="")


if __name__ == "__main__":
    main()
