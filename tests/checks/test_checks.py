"""The checks of scenario-format.md: each fixture file, the exit code and every diagnostic's code and line.

The checks are driven as a user meets them: through `load_bytes` (what `check` and `gap` read) and the
command line in this process (`invoke`), never through `checks.check` itself."""

import pytest

from conftest import DECENTRAL_HEAD, KINDS_HEAD, ROOT, diagnostics_of, invoke, messages_of, write_scenario
from effektinvest.edges.load import load_bytes

FIXTURES = ROOT / "tests" / "fixtures"


def load(name: str):
    path = FIXTURES / name
    return load_bytes(path.read_bytes(), str(path))


# file -> [(severity, code, line)], all of them, in the order they are reported
EXPECTED = {
    "base.yaml": [],
    "unknown_source.yaml": [("warning", "unused-source", 4), ("error", "unknown-source", 10)],
    "unknown_project.yaml": [("error", "unknown-project", 12)],
    "shares_over_100.yaml": [("error", "shares-over-100", 7)],
    "both_amount_and_share.yaml": [("error", "amount-or-share", 10)],
    "neither_amount_nor_share.yaml": [("error", "amount-or-share", 10)],
    "defer_without_decide_at.yaml": [("error", "decide-at-missing", 8)],
    "decide_at_too_early.yaml": [("error", "decide-at-too-early", 11)],
    "amount_in_year_without_cost.yaml": [("error", "amount-without-cost", 13)],
    "amount_without_any_cost.yaml": [("error", "amount-without-cost", 14), ("warning", "covers-inactive-project", 15)],
    "continue_without_costs.yaml": [("error", "missing-key", 5)],
    "cost_before_budget_year.yaml": [("error", "year-before-budget", 8)],
    "sub_ore.yaml": [("error", "ambiguous-thousands", 8), ("error", "too-precise", 8)],
    "sub_ore_costs.yaml": [("error", "too-precise", 10), ("error", "too-precise", 11), ("error", "too-precise", 15)],
    "missing_required.yaml": [("error", "missing-key", 1), ("error", "missing-key", 4)],
    "wrong_types.yaml": [("error", "wrong-type", 3), ("error", "invalid-value", 7), ("error", "wrong-type", 9)],
    "unknown_unit.yaml": [("error", "unknown-unit", 3)],
    "bad_year_key.yaml": [("error", "invalid-year", 9), ("error", "invalid-year", 10)],
    "warnings.yaml": [
        ("warning", "unused-source", 5),
        ("warning", "surplus", 11),
        ("warning", "covers-inactive-project", 21),
    ],
    # 1.500 and 2.075 are ambiguous in any unit (format 1.2): 2.075 mio. kr. is written 2.0750
    "unit_mio_thousands.yaml": [("error", "ambiguous-thousands", 8), ("error", "ambiguous-thousands", 8)],
    "empty_costs.yaml": [("error", "missing-key", 7)],
    "pooled_list_problems.yaml": [("warning", "empty-projects", 10), ("error", "duplicate-project", 13)],
    "decide_at_on_continue.yaml": [("warning", "decide-at-ignored", 8)],
    # a deferred or stopped project's own lines pay nothing: a warning at each (their source is still checked)
    "inactive_lines.yaml": [
        ("warning", "inactive-line", 16),
        ("warning", "inactive-line", 21),
        ("warning", "inactive-line", 21),
        ("error", "unknown-source", 21),
    ],
    "every_family.yaml": [  # every finding in the first check (see test_partial.py)
        ("warning", "unused-source", 8),
        ("error", "shares-over-100", 10),
        ("error", "wrong-type", 13),
        ("warning", "surplus", 15),
        ("error", "unknown-source", 15),
        ("error", "amount-without-cost", 23),
        ("error", "unknown-project", 30),
    ],
    # a share line before an amount line must not end the check of the lines after it
    "share_then_amount_in_year_without_cost.yaml": [("error", "amount-without-cost", 16)],
    "share_then_amount_without_any_cost.yaml": [("error", "amount-without-cost", 13)],
    # financing amounts finer than one øre: 2 decimals in kr., 5 in t.kr., 8 in mio. kr. are whole øre
    "too_precise_amounts_kr.yaml": [
        ("error", "ambiguous-thousands", 14),
        ("error", "too-precise", 14),
        ("error", "too-precise", 16),
        ("warning", "inactive-line", 21),  # a stopped project's own line: it pays nothing, yet is checked
        ("error", "too-precise", 21),
        ("error", "too-precise", 26),
    ],
    "too_precise_amounts_tkr.yaml": [("error", "too-precise", 12), ("error", "too-precise", 18)],
    "too_precise_amounts_mio.yaml": [("error", "too-precise", 12), ("error", "too-precise", 14)],
    # a wrong type in a's costs hides the years of the lines that cover a, not of the line on b (test_partial.py)
    "wrong_type_cost_beside_a_line_on_another_project.yaml": [
        ("error", "not-a-number", 11),
        ("error", "amount-without-cost", 20),
    ],
}


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in FIXTURES.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_diagnostics(name):
    loaded = load(name)
    got = [(d.severity.value, d.code, d.line) for d in loaded.diagnostics]
    assert got == EXPECTED[name]
    assert (loaded.scenario is None) == any(sev == "error" for sev, _, _ in EXPECTED[name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_exit_code(name):
    result = invoke("check", str(FIXTURES / name))
    errors = any(sev == "error" for sev, _, _ in EXPECTED[name])
    assert result.returncode == (1 if errors else 0), result.stderr
    assert result.stdout == ""
    for severity, code, line in EXPECTED[name]:
        assert f"{FIXTURES / name}:{line}:" in result.stderr
        assert f": {severity}[{code}]: " in result.stderr
    assert "Traceback" not in result.stderr


def test_suggestions_name_the_nearest():
    messages = {d.code: d.message for d in load("unknown_source.yaml").diagnostics}
    assert "did you mean 'outcomefonden'?" in messages["unknown-source"]
    messages = {d.code: d.message for d in load("unknown_project.yaml").diagnostics}
    assert "did you mean 'havnen'?" in messages["unknown-project"]


def test_shares_message_gives_the_total():
    (d,) = load("shares_over_100.yaml").diagnostics
    assert "110 %" in d.message


def test_surplus_message_gives_the_figures():
    surplus = next(d for d in load("warnings.yaml").diagnostics if d.code == "surplus")
    assert "in 2024" in surplus.message and "a surplus of 60 kr." in surplus.message


def test_strict_makes_warnings_fail():
    path = str(FIXTURES / "warnings.yaml")
    assert invoke("check", path).code == 0
    strict = invoke("check", path, "--strict")
    assert strict.code == 1
    assert ": warning[surplus]: " in strict.stderr


def test_three_decimals_are_ambiguous_in_millions_too():
    # format 1.2: 2.075 mio. kr. may be meant as 2.075.000 kr. or as 2.075 million kr.; write 2.0750 or 2075
    first, second = load("unit_mio_thousands.yaml").diagnostics
    assert (first.column, second.column) == (19, 32)
    assert first.message.endswith("write 2075 or 2.0750") and second.message.endswith("write 1500 or 1.5")


# where each new finding points: (code, line, column); amounts at their value, a year without cost at its key
POSITIONS = {
    "share_then_amount_in_year_without_cost.yaml": [("amount-without-cost", 16, 11)],
    "share_then_amount_without_any_cost.yaml": [("amount-without-cost", 13, 13)],
    "too_precise_amounts_kr.yaml": [
        ("ambiguous-thousands", 14, 17),  # 10.005: three decimals in kr. are also ambiguous (format 1.2)
        ("too-precise", 14, 17),
        ("too-precise", 16, 36),
        ("too-precise", 21, 32),
        ("too-precise", 26, 13),
    ],
    "too_precise_amounts_tkr.yaml": [("too-precise", 12, 32), ("too-precise", 18, 13)],
    "too_precise_amounts_mio.yaml": [("too-precise", 12, 57), ("too-precise", 14, 28)],
}


@pytest.mark.parametrize("name", sorted(POSITIONS))
def test_findings_point_at_the_amount(name):
    loaded = load(name)
    assert [(d.code, d.line, d.column) for d in loaded.errors] == POSITIONS[name]
    assert loaded.gap is None  # no figures from a file with errors: no amount dropped or rounded unseen


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("too_precise_amounts_kr.yaml", ["10.005 kr.", "0.0001 kr.", "2.5001 kr.", "3.3333 kr."]),
        ("too_precise_amounts_tkr.yaml", ["1.000005 t.kr.", "0.123456 t.kr."]),
        ("too_precise_amounts_mio.yaml", ["0.000000005 mio. kr.", "1.000000005 mio. kr."]),
    ],
)
def test_too_precise_names_the_amount_as_written(name, written):
    messages = [d.message for d in load(name).errors if d.code == "too-precise"]
    assert messages == [f"{amount} is finer than one øre (0.01 kr.); amounts are whole øre" for amount in written]


def test_an_amount_after_a_share_line_names_its_year():
    (error,) = load("share_then_amount_in_year_without_cost.yaml").errors
    assert "has an amount in 2025" in error.message and "financing line 2 of project 'a'" in error.message


# --- what each finding says, word for word, and where it points: (code, line, column, message) -------------------

HINT = "per budget year, e.g. costs: {2024: 1.5}"
MESSAGES = {
    "continue_without_costs.yaml": [
        (
            "missing-key", 5, 3,
            f"project 'a' is missing the required key 'costs': it is continued, so give what continuing costs {HINT}",
        ),
    ],
    "empty_costs.yaml": [  # at the key `costs:`, since there is no year to point at
        ("missing-key", 7, 5, f"project 'a' is continued but has no cost years: give what continuing costs {HINT}"),
    ],
    "both_amount_and_share.yaml": [
        (
            "amount-or-share", 10, 9,
            "a financing line has exactly one kind: 'amount', 'share', or 'tariff' with 'outcomes'; "
            "this one has 'amount' and 'share'",
        ),
    ],
    "neither_amount_nor_share.yaml": [
        (
            "amount-or-share", 10, 9,
            "a financing line has exactly one kind: 'amount', 'share', or 'tariff' with 'outcomes'; "
            "this one has none",
        ),
    ],
    "amount_without_any_cost.yaml": [
        (
            "amount-without-cost", 14, 13,
            "the projects that financing line 1 covers have no cost in any year: there is nothing to split the "
            "amount over",
        ),
        (
            "covers-inactive-project", 15, 16,
            "project 'b' has status stop: its cost does not count, so this line covers less than its list says",
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_messages_word_for_word(name):
    assert [(d.code, d.line, d.column, d.message) for d in load(name).diagnostics] == MESSAGES[name]


HEAD = "scenario: T\nbudget_year: 2024\nsources: {f: {name: F}, g: {name: G}}\n"


def found(text: str) -> list[tuple[str, int, str]]:
    return [(d.code, d.line, d.message) for d in load_bytes(text.encode(), "t.yaml").diagnostics]


@pytest.mark.parametrize(
    "line",
    [
        "{source: f, note: to be decided}",  # neither
        "{source: f, share: 0.1, amount: {2030: 5}}",  # both, and 2030 has no cost
    ],
)
def test_a_line_that_is_the_amount_or_share_mistake_is_not_also_without_cost(line):
    text = HEAD.replace(", g: {name: G}", "") + "projects:\n  p:\n    name: P\n    costs: {2024: 0}\n"
    text += f"    financing: [{line}]\n"
    assert [code for code, _, _ in found(text)] == ["amount-or-share"]


def test_a_fine_cost_beside_a_thirty_digit_one_is_finer_than_an_ore():
    # the project's costs add up to 34 digits, which a 28-digit sum would round to whole kr.
    text = HEAD + (
        "projects:\n  p:\n    name: P\n    costs: {2024: 123456789012345678901234567890, 2025: 0.0001}\n"
        "    financing: [{source: f, share: 0.5}, {source: g, share: 0.5}]\n"
    )
    assert found(text) == [
        ("too-precise", 7, "0.0001 kr. is finer than one øre (0.01 kr.); amounts are whole øre"),
    ]


def test_a_thirty_digit_amount_finer_than_an_ore_is_reported_not_a_crash():
    # 123456789012345678901234.567891 t.kr. is 123456789012345678901234567.891 kr.: 29 digits to the øre
    text = HEAD.replace("budget_year: 2024\n", "budget_year: 2024\nunit: t.kr.\n") + (
        "projects:\n  p:\n    name: P\n    costs: {2024: 999999999999999999999999}\n"
        "    financing: [{source: f, amount: 123456789012345678901234.567891}, {source: g, share: 0.1}]\n"
    )
    assert found(text) == [
        (
            "too-precise", 9,
            "123456789012345678901234.567891 t.kr. is finer than one øre (0.01 kr.); amounts are whole øre",
        ),
    ]


def test_shares_over_100_give_their_exact_total():
    text = HEAD + (
        "projects:\n  p:\n    name: P\n    costs: {2024: 10}\n"
        "    financing: [{source: f, share: 0.60000000000000000000000000001}, {source: g, share: 0.5}]\n"
    )
    assert found(text) == [
        (
            "shares-over-100", 5,
            "the shares that cover project 'p' add up to 110.000000000000000000000000001 % of its cost; at most 100 %",
        ),
    ]


def test_a_surplus_names_every_line_that_pays_in_its_year():
    text = HEAD + (
        "projects:\n  p:\n    name: P\n    costs: {2024: 100, 2025: 100}\n"
        "    financing: [{source: f, amount: {2024: 80}}, {source: g, amount: {2024: 70, 2025: 150}}]\n"
    )
    diagnostics = load_bytes(text.encode(), "t.yaml").diagnostics
    assert [(d.code, d.line, d.column, d.message) for d in diagnostics] == [
        (
            "surplus", 8, 17,
            "in 2024 financing (150 kr.) exceeds cost (100 kr.): a surplus of 50 kr., paid by the financing lines "
            "here; also at 8:50",
        ),
        (
            "surplus", 8, 50,
            "in 2025 financing (150 kr.) exceeds cost (100 kr.): a surplus of 50 kr., paid by the financing line here",
        ),
    ]


# --- an outcome line's tariff without outcomes (found untested by mutation testing: docs/testing.md) ------------------


def test_a_tariff_without_outcomes_is_told_word_for_word(tmp_path):
    path = write_scenario(
        tmp_path,
        DECENTRAL_HEAD + "projects:\n  p:\n    name: P\n    costs: {2024: 100}\n    financing:\n"
        "      - {source: dec, tariff: 10}\n",
    )
    result = invoke("check", path)
    assert result.code == 1
    assert f"{path}:11:23: error[amount-or-share]: an outcome line has 'outcomes' with its 'tariff': a mapping " \
        "year -> expected count\n" in result.stdout + result.stderr  # fmt: skip


# --- outcome lines, and state and region sources (format 1.2) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sid", "where", "refund"), [("stat", "state", "a state refund"), ("reg", "region", "a refund from the region")]
)
def test_a_financing_line_on_a_state_or_region_source_is_unharvestable(sid, where, refund):
    text = KINDS_HEAD + f"    financing:\n      - {{source: dec, share: 0.1}}\n      - {{source: {sid}, amount: 100}}\n"
    assert diagnostics_of(text) == [("error", "unharvestable-source", 16, 18)]
    assert messages_of(text) == [
        f"source {sid!r} is of kind {where}: savings in the {where} cannot be harvested by the municipality; "
        f"{refund} is kind `refund`"
    ]
    pooled = KINDS_HEAD + f"financing:\n  - source: {sid}\n    share: 0.5\n"
    assert diagnostics_of(pooled) == [("error", "unharvestable-source", 15, 13)]
    assert invoke("gap", "-", input=pooled).returncode == 1


def test_the_state_refund_message_is_the_contracts():
    text = KINDS_HEAD + "    financing:\n      - {source: stat, share: 0.1}\n"
    assert (
        "savings in the state cannot be harvested by the municipality; a state refund is kind `refund`"
        in (messages_of(text)[0])
    )


@pytest.mark.parametrize(
    ("line", "expected", "message"),
    [
        ("{source: fond}", [("amount-or-share", 15, 9)], "this one has none"),
        (
            "{source: fond, amount: 5, share: 0.1}",
            [("amount-or-share", 15, 9)],
            "a financing line has exactly one kind: 'amount', 'share', or 'tariff' with 'outcomes'; this one has "
            "'amount' and 'share'",
        ),
        (
            "{source: fond, amount: 5, tariff: 1, outcomes: {2024: 1}}",
            [("amount-or-share", 15, 9)],
            "this one has 'amount' and 'tariff'",
        ),
        (
            "{source: fond, amount: 5, share: 0.1, tariff: 1, outcomes: {2024: 1}}",
            [("amount-or-share", 15, 9)],
            "this one has 'amount', 'share' and 'tariff'",
        ),
        (
            "{source: fond, tariff: 1}",
            [("amount-or-share", 15, 24)],
            "an outcome line has 'outcomes' with its 'tariff': a mapping year -> expected count",
        ),
        (
            "{source: fond, outcomes: {2024: 1}, cap: 5}",
            [("amount-or-share", 15, 24), ("amount-or-share", 15, 45)],
            "'outcomes' is for an outcome line: give its 'tariff' too, or leave 'outcomes' out",
        ),
        (
            "{source: fond, share: 0.1, cap: 5}",
            [("amount-or-share", 15, 36)],
            "'cap' is for an outcome line, and this line has 'share': leave 'cap' out",
        ),
    ],
)
def test_exactly_one_kind_per_line(line, expected, message):
    text = KINDS_HEAD + f"    financing:\n      - {line}\n"
    assert [(code, ln, col) for _, code, ln, col in diagnostics_of(text)] == expected
    assert message in messages_of(text)[0]
    assert invoke("check", "-", input=text).returncode == 1


def test_outcome_counts_in_a_year_without_cost_are_amount_without_cost_at_the_year():
    text = KINDS_HEAD + "    financing:\n      - source: fond\n        tariff: 10\n"
    text += "        outcomes: {2024: 1, 2026: 0}\n"
    assert diagnostics_of(text) == [("error", "amount-without-cost", 17, 29)]
    assert messages_of(text) == [
        "financing line 1 of project 'a' has outcome counts in 2026, but the projects it covers have no cost in that "
        "year"
    ]
    pooled = KINDS_HEAD + (
        "  b: {name: B, status: stop, costs: {2026: 5}}\nfinancing:\n"
        "  - {source: fond, tariff: 1, outcomes: {2026: 3}, projects: [a]}\n"
    )
    assert ("error", "amount-without-cost", 16, 42) in diagnostics_of(pooled)


def test_tariff_cap_and_savings_finer_than_an_ore_are_too_precise():
    text = KINDS_HEAD.replace("{stat: {2025: 1}, reg: {2025: 1}}", "{stat: {2025: 0.001}, reg: {2025: -0.125}}") + (
        "    financing:\n      - {source: fond, tariff: 0.015, outcomes: {2024: 1}, cap: 10.0001}\n"
    )
    assert diagnostics_of(text) == [
        ("error", "too-precise", 13, 28),
        ("error", "too-precise", 13, 48),
        ("error", "too-precise", 15, 32),
        ("error", "too-precise", 15, 65),
    ]
    tkr = text.replace("unit: kr.", "unit: t.kr.")  # one øre is 0.00001 t.kr.: each of them is whole øre there
    assert diagnostics_of(tkr) == []


def test_an_outcome_line_pays_and_so_can_make_a_surplus():
    text = KINDS_HEAD + "    financing:\n      - {source: fond, tariff: 600, outcomes: {2024: 2, 2025: 1}, cap: 1500}\n"
    assert diagnostics_of(text) == [("warning", "surplus", 15, 9)]


OUTCOME_FIXTURES = {  # tests/fixtures/format12: every diagnostic, in order, as (code, line, column)
    "outcome_cap.yaml": [],
    "bad_counts_and_realisation.yaml": [
        ("realisation-range", 4, 14),
        ("invalid-count", 15, 54),
        ("invalid-count", 15, 65),
    ],
    "bad_realisation_percent.yaml": [("realisation-range", 3, 14)],
}


@pytest.mark.parametrize("name", sorted(OUTCOME_FIXTURES))
def test_the_outcome_and_realisation_fixtures_through_check(name):
    folder = ROOT / "tests" / "fixtures" / "format12"
    assert sorted(p.name for p in folder.glob("*.yaml")) == sorted(OUTCOME_FIXTURES)
    result = invoke("check", folder / name)
    assert result.returncode == (1 if OUTCOME_FIXTURES[name] else 0)
    shown = [line.split(": ")[0:2] for line in result.stderr.splitlines()[:-1]]
    expected = [[f"{folder / name}:{line}:{column}", f"error[{code}]"] for code, line, column in OUTCOME_FIXTURES[name]]
    assert shown == expected


_REPAID = """scenario: Tilbagebetaling
budget_year: 2025
sources:
  dsi: {name: Den Sociale Investeringsfond, kind: external}
  fond: {name: Fonden, kind: fund}
  sof: {name: Socialforvaltningen, kind: decentral}
  ikke: {name: Ikke-decentrale midler, kind: non_decentral}
projects:
"""


def _repaid_projects(by: str, investors=("dsi", "dsi", "fond", "dsi")) -> str:
    repay = f"{{tariff: 50, outcomes: {{2026: 10}}, by: {by}}}"
    return _REPAID + "".join(
        f"  p{i}:\n    name: P{i}\n    costs: {{2025: 100}}\n    financing:\n"
        f"      - {{source: {investor}, share: 100%, repay: {repay}}}\n"
        for i, investor in enumerate(investors)
    )


def test_a_repay_written_alike_is_checked_once_for_each_investor_and_a_problem_told_at_each_line(monkeypatch):
    """issue 22: 100,000 lines of one contract are checked once (per investor: `repay-payer` depends on it), not
    once a line; a contract with a problem is checked, and told, at each line."""
    import effektinvest.checks.repay as module

    checked, payers = [], module._payers
    monkeypatch.setattr(
        module, "_payers", lambda scenario, path, *rest: checked.append(path[1]) or payers(scenario, path, *rest)
    )
    assert diagnostics_of(_repaid_projects("{sof: 60%, ikke: 40%}")) == []
    assert checked == ["p0", "p2"]
    checked.clear()
    told = diagnostics_of(_repaid_projects("{sof: 60%, ikke: 50%}"))
    assert told == [("error", "repay-shares", line, col) for line, col in ((13, 78), (18, 78), (23, 79), (28, 78))]
    assert checked == ["p0", "p1", "p2", "p3"]


def test_a_repay_written_alike_finer_than_an_ore_is_told_at_each_line():
    """The øre check visits a Repay shared by the lines that write it alike once when it is whole, but each time
    when it is not: every line is told."""
    text = _repaid_projects("{sof: 60%, ikke: 40%}").replace("tariff: 50,", "tariff: 50.0051,")
    told = [("error", "too-precise", line, col) for line, col in ((13, 52), (18, 52), (23, 53), (28, 52))]
    assert diagnostics_of(text) == told


def _repay_line(line: str, head: str = _REPAID, costs: str = "costs: {2025: 100}") -> str:
    """HEAD (lines 1 to 8 of _REPAID) and one project whose financing line (line 13 on) is LINE."""
    return head + f"  p:\n    name: P\n    {costs}\n    financing:\n" + line


_NO_KIND = _REPAID.replace("sources:\n", "sources:\n  fund: {name: Outcomefonden}\n")  # a line further down


@pytest.mark.parametrize(("sid", "kind"), [("fund", "has no kind"), ("sof", "is of kind decentral")])
def test_a_repay_on_no_investors_line_names_that_and_not_its_source_as_the_investor_paying_itself(sid, kind):
    """A source that is no investor is not "the investor itself" among the payers: one finding, at `repay`."""
    line = f"      - {{source: {sid}, share: 100%, repay: {{amount: {{2025: 10}}, by: {{{sid}: 100%}}}}}}\n"
    text = _repay_line(line, _NO_KIND)
    assert diagnostics_of(text) == [("error", "repay-not-investor", 14, line.index("repay") + 1)]
    assert messages_of(text) == [
        f"financing line 1 of project 'p' is repaid, but its source {sid!r} {kind}: only an investor (a source of "
        "kind fund or external) is repaid; leave 'repay' out, or give the source its kind"
    ]


def _diagnostics_page_example(code: str) -> str:
    section = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8").split(f"## `{code}`")[1]
    return section.split("```yaml\n")[1].split("```")[0]


def test_the_diagnostics_pages_repay_not_investor_example_prints_its_one_line_and_its_fix_makes_it_valid():
    example = _diagnostics_page_example("repay-not-investor")
    assert [d.code for d in load_bytes(example.encode(), "example.yaml").diagnostics] == ["repay-not-investor"]
    fixed = example.replace("fund: {name: Outcomefonden}", "fund: {name: Outcomefonden, kind: fund}")
    assert fixed != example
    assert load_bytes(fixed.encode(), "example.yaml").diagnostics == []


def test_achieved_under_a_fixed_schedule_is_achieved_not_outcome_at_achieved_and_no_kind():
    head = _REPAID.replace("budget_year: 2025\n", "budget_year: 2025\nactuals_through: 2025\n")
    line = "      - {source: dsi, share: 100%, repay: {amount: {2026: 10}, achieved: {2025: 3}, by: {sof: 100%}}}\n"
    text = _repay_line(line, head, "costs: {2025: 100}\n    actual_costs: {2025: 100}")
    assert diagnostics_of(text) == [("error", "achieved-not-outcome", 15, line.index("achieved") + 1)]
    assert messages_of(text) == [
        "achieved counts the outcomes a repayment per achieved outcome is repaid for (tariff and outcomes); the "
        "repayment of financing line 1 of project 'p' is a fixed schedule: leave achieved out (its amounts are "
        "repaid as planned)"
    ]


@pytest.mark.parametrize(
    ("key", "value", "column"),
    [("tariff", "{2024: 50, 2026: 50}", 20), ("outcomes", "{2024: 1, 2026: 10}", 22), ("amount", "{2024: 10}", 20)],
)
def test_a_repayment_year_before_the_budget_year_is_year_before_budget_at_that_year(key, value, column):
    other = {"tariff": "outcomes: {2026: 10}", "outcomes": "tariff: 50", "amount": ""}[key]
    line = f"      - source: dsi\n        share: 100%\n        repay:\n          {key}: {value}\n"
    line += f"          {other}\n" if other else ""
    text = _repay_line(line + "          by: {sof: 100%}\n")
    assert diagnostics_of(text) == [("error", "year-before-budget", 16, column)]
    assert messages_of(text) == [
        f"repayment year 2024 ({key}) is before budget_year 2025: a decision at that budget repays in its own and "
        "later years"
    ]


@pytest.mark.parametrize(
    ("repay", "written", "meant"),
    [
        ("{tarif: 50, outcomes: {2026: 10}, by: {sof: 100%}}", "tarif", "tariff"),
        ("{tariff: 50, outcome: {2026: 10}, by: {sof: 100%}}", "outcome", "outcomes"),
        ("{amounts: {2026: 10}, by: {sof: 100%}}", "amounts", "amount"),
        ("{amount: {2026: 10}, bye: {sof: 100%}}", "bye", "by"),  # one finding: no missing 'by' besides
    ],
)
def test_a_misspelt_key_under_repay_is_told_the_key_it_is_nearest(repay, written, meant):
    line = f"      - {{source: dsi, share: 100%, repay: {repay}}}\n"
    text = _repay_line(line)
    assert diagnostics_of(text) == [("error", "unknown-key", 13, line.index(written) + 1)]
    assert messages_of(text) == [f"unknown key {written!r}; did you mean {meant!r}?"]
