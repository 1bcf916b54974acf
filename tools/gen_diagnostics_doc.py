# ruff: noqa: E501  (example scenarios are clearer on one line)
"""Writes docs/diagnostics.md: every diagnostic code, what triggers it, an example, what it prints, the fix.

Run: .venv/bin/python tools/gen_diagnostics_doc.py > docs/diagnostics.md
tests/acceptance/test_docs.py re-runs every example and checks it prints exactly what the page says: its one line.
"""

from effektinvest.edges.load import load_bytes
from effektinvest.model.codes import CODES
from effektinvest.reports.check.reporters import line

FUND = "  fund: {name: Outcomefonden}\n"


def p(body: str, sources: str | None = None) -> str:
    """A scenario of BODY's projects (and what follows them), with SOURCES (default: the outcome fund, where BODY
    names it; else none, so that the example prints its own finding and no `unused-source`)."""
    if sources is None:
        sources = FUND if "fund" in body else ""
    listed = f"sources:\n{sources}" if sources else "sources: {}\n"
    return f"scenario: Eksempel\nbudget_year: 2024\n{listed}projects:\n{body}"


def closed(through: int, body: str) -> str:
    """P(BODY) in a file whose accounts run to THROUGH (format 1.3)."""
    return p(body).replace("budget_year: 2024\n", f"budget_year: 2024\nactuals_through: {through}\n")


# a project financed by an investor (format 1.3), its `repay` to follow
INVESTOR = p(
    "  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - source: dsi\n        share: 100%\n",
    "  dsi: {name: DSI, kind: external}\n" + FUND,
)


# code -> an example scenario that shows it (None: it needs a file or an option a page cannot show). What each
# code means, and how to fix it, is in effektinvest.model.diagnostics.CODES.
EXAMPLES = {
    "file-too-large": None,
    "unreadable-file": None,  # a file that cannot be read: tests/test_hostile.py makes one
    "not-utf8": None,
    "yaml-syntax": p("  a:\n    name: A\n     costs: {2024: 1}\n"),
    "multiple-documents": p("  a: {name: A, costs: {2024: 1}}\n---\nscenario: Igen\n"),
    "empty-file": "# kun en kommentar\n",
    "top-level-not-mapping": "- scenario: Eksempel\n",
    "too-deep": None,
    "too-long": None,
    "duplicate-key": p("  a: {name: A, costs: {2024: 1}}\n  a: {name: A igen, costs: {2024: 2}}\n"),
    "merge-key": p("  a: &a {name: A, costs: {2024: 1}}\n  b:\n    <<: *a\n    name: B\n    costs: {2024: 2}\n"),
    "unsupported-tag": p("  a: {name: A, costs: !!binary aGVq}\n"),
    "alias-cycle": p("  a: &a {name: A, costs: {2024: 1}, note: *a}\n"),
    "alias-expansion": None,
    "key-not-text": p("  ? [a, b]\n  : {name: A, costs: {2024: 1}}\n"),
    "unknown-key": p("  a: {name: A, cots: {2024: 1}}\n"),
    "missing-key": p("  a: {costs: {2024: 1}}\n"),
    "wrong-type": p("  a: {name: A, costs: {2024: 1}, financing: {source: fund, amount: 1}}\n"),
    "invalid-value": p("  a: {name: A, status: pause, costs: {2024: 1}}\n"),
    "invalid-year": p("  a: {name: A, costs: {24: 1}}\n"),
    "unknown-unit": "unit: mia. kr.\n" + p("  a: {name: A, costs: {2024: 1}}\n"),
    "not-a-number": p("  a: {name: A, costs: {2024: ja}}\n"),
    "missing-amount": p("  a:\n    name: A\n    costs:\n      2024:\n"),
    "not-finite": p("  a: {name: A, costs: {2024: .inf}}\n"),
    "decimal-comma": p("  a:\n    name: A\n    costs:\n      2024: 10,35\n"),
    "thousands-separator": p("  a:\n    name: A\n    costs:\n      2024: 2.000.000\n"),
    "digit-separator": p("  a: {name: A, costs: {2024: 1_000}}\n"),
    "exponent": p("  a: {name: A, costs: {2024: 1e3}}\n"),
    "not-plain-decimal": p("  a: {name: A, costs: {2024: 010}}\n"),
    "unit-in-amount": p("  a:\n    name: A\n    costs:\n      2024: 2,5 mio. kr.\n"),
    "too-many-digits": p("  a: {name: A, costs: {2024: 1234567890123456789012345678901}}\n"),
    "negative-amount": p("  a: {name: A, costs: {2024: -5}}\n"),
    "too-precise": p("  a: {name: A, costs: {2024: 0.125}}\n").replace(
        "budget_year: 2024", "budget_year: 2024\nunit: kr."
    ),
    "share-range": p(
        '  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fund, share: "120%"}\n'
    ),
    "share-percent": p("  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fund, share: 60}\n"),
    "not-a-share": p(
        "  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fund, share: halvdelen}\n"
    ),
    "realisation-range": "realisation: 75\n" + p("  a: {name: A, costs: {2024: 10}}\n"),
    "invalid-count": p(
        "  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fund, tariff: 2, outcomes: {2024: 2.5}}\n"
    ),
    "unharvestable-source": p(
        "  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: stat, amount: 5}\n",
        "  stat: {name: Staten, kind: state}\n",
    ),
    "amount-or-share": p(
        '  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fund, amount: 5, share: "50%"}\n'
    ),
    "shares-over-100": p(
        '  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fund, share: "60%"}\n      - {source: fund, share: "50%"}\n'
    ),
    "unknown-source": p(
        "  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fond, amount: 5}\n"
    ),
    "unknown-project": p(
        "  a: {name: A, costs: {2024: 10}}\nfinancing:\n  - {source: fund, amount: 5, projects: [a, b]}\n"
    ),
    "duplicate-project": p(
        "  a: {name: A, costs: {2024: 10}}\nfinancing:\n  - {source: fund, amount: 5, projects: [a, a]}\n"
    ),
    "decide-at-ignored": p(
        "  a: {name: A, costs: {2024: 10}, decide_at: 2025, financing: [{source: fund, share: 0.5}]}\n"
    ),
    "empty-projects": p(
        "  a: {name: A, costs: {2024: 10}}\nfinancing:\n  - {source: fund, share: 0.5, projects: []}\n"
    ),
    "amount-without-cost": p(
        "  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - source: fund\n        amount: {2024: 5, 2025: 5}\n"
    ),
    "missing-tariff": p(
        "  a:\n    name: A\n    costs: {2024: 10, 2025: 10}\n    financing:\n      - source: fund\n        tariff: {2024: 2}\n        outcomes: {2024: 1, 2025: 2}\n"
    ),
    "repay-not-investor": p(
        "  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - source: fund\n        share: 100%\n"
        "        repay: {amount: {2025: 10}, by: {sof: 100%}}\n"
    ).replace("sources:\n", "sources:\n  sof: {name: Socialforvaltningen, kind: decentral}\n"),
    "repay-kind": INVESTOR
    + "        repay: {tariff: 5, amount: {2025: 10}, by: {fund: 100%}}\n",
    "repay-shares": INVESTOR
    + "        repay: {amount: {2025: 10}, by: {fund: 60%}}\n",
    "repay-payer": INVESTOR
    + "        repay: {amount: {2025: 10}, by: {dsi: 60%, fund: 40%}}\n",
    "decide-at-missing": p("  a: {name: A, costs: {2024: 10}}\n  b: {name: B, status: defer}\n"),
    "decide-at-too-early": p("  a: {name: A, costs: {2024: 10}}\n  b: {name: B, status: defer, decide_at: 2024}\n"),
    "year-before-budget": p("  a: {name: A, costs: {2023: 10, 2024: 10}}\n"),
    "invalid-index": "price_index: {2024: 100, 2025: 0}\n" + p("  a: {name: A, costs: {2024: 10}}\n"),
    "ambiguous-thousands": p("  a: {name: A, costs: {2024: 1.500}}\n"),
    "actuals-without-close": p("  a: {name: A, costs: {2024: 10}, actual_costs: {2024: 11}}\n"),
    "actuals-through-too-early": closed(2023, "  a: {name: A, costs: {2024: 10}}\n"),
    "actual-in-open-year": closed(2024, "  a: {name: A, costs: {2024: 10, 2025: 10}, actual_costs: {2024: 11, 2025: 9}}\n"),
    "achieved-not-outcome": closed(
        2024,
        "  a:\n    name: A\n    costs: {2024: 10}\n    actual_costs: {2024: 10}\n    financing:\n      - {source: fund, share: 0.5, achieved: {2024: 3}}\n"
    ),
    "prices-unavailable": None,
    "surplus": p("  a:\n    name: A\n    costs: {2024: 10}\n    financing:\n      - {source: fund, amount: 12}\n"),
    "inactive-line": p(
        "  a: {name: A, costs: {2024: 10}, financing: [{source: fund, share: 0.5}]}\n"
        "  b: {name: B, status: stop, financing: [{source: fund, amount: 5}]}\n"
    ),
    "actual-missing": closed(2024, "  a: {name: A, costs: {2024: 10, 2025: 10}}\n"),
    "unused-source": "scenario: Eksempel\nbudget_year: 2024\nsources:\n  fund: {name: Outcomefonden}\nprojects:\n  a: {name: A, costs: {2024: 10}}\n",
    "covers-inactive-project": p(
        '  a: {name: A, costs: {2024: 10}}\n  b: {name: B, status: stop}\nfinancing:\n  - {source: fund, share: "10%", projects: [a, b]}\n'
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
suite (`tests/acceptance/test_docs.py`), which checks that it still prints what is shown here.
"""


def main() -> None:
    assert set(EXAMPLES) == set(CODES), set(CODES) ^ set(EXAMPLES)
    out = [INTRO]
    for code, (severity, meaning, fix) in CODES.items():
        example = EXAMPLES[code]
        out.append(f"## `{code}` ({severity.value})\n\n{meaning[0].upper() + meaning[1:]}.\n")
        if example is not None:
            printed = [line(d) for d in load_bytes(example.encode(), "example.yaml").diagnostics]
            assert [d.split("[")[1].split("]")[0] for d in printed] == [code], (code, printed)  # its own, alone
            out.append("```yaml\n" + example + "```\n\nprints\n\n```text\n" + "\n".join(printed) + "\n```\n")
        else:
            out.append("This one needs a file or an option that a page cannot show; the test suite has its case.\n")
        out.append(f"**Fix:** {fix}\n")
    print("\n".join(out), end="")


if __name__ == "__main__":
    main()
