"""model/partial.py: a file with mistakes in several places shows every finding in its first check, and
nothing that only follows from a part that did not validate."""


import pytest

from conftest import KINDS_HEAD, ROOT, diagnostics_of
from effektinvest.edges.load import load_bytes

FIXTURES = ROOT / "tests" / "fixtures"
HEAD = "scenario: T\nbudget_year: 2024\nunit: kr.\n"


def found(text: str) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in load_bytes(text.encode(), "t.yaml").diagnostics]


def test_one_mistake_of_each_family_all_in_the_first_check():
    loaded = load_bytes((FIXTURES / "every_family.yaml").read_bytes(), "every_family.yaml")
    assert [(d.severity.value, d.code, d.line, d.column) for d in loaded.diagnostics] == [
        ("warning", "unused-source", 8, 3),
        ("error", "shares-over-100", 10, 3),
        ("error", "wrong-type", 13, 11),
        ("warning", "surplus", 15, 9),
        ("error", "unknown-source", 15, 18),
        ("error", "amount-without-cost", 23, 28),
        ("error", "unknown-project", 30, 48),
    ]
    assert loaded.scenario is None and loaded.gap is None  # a file with errors gives no report
    surplus = [d.message for d in loaded.diagnostics if d.code == "surplus"]
    # what the lines that are not themselves the mistake pay in 2024: 5 + 50 + 300 + 2.50 (not the shares of a)
    assert surplus == [
        "in 2024 financing (357.5 kr.) exceeds cost (210 kr.): a surplus of 147.5 kr., paid by the financing lines "
        "here; also at 22:9, 28:9 and 30:5"  # every line that pays in 2024, by line and column
    ]


def test_a_misspelt_key_is_not_also_reported_as_missing():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n  p:\n    name: P\n    cots: {2024: 100}\n"
        "    financing: [{source: f, amount: 10}]\n"
    )
    assert found(text) == [("unknown-key", 8)]  # not missing-key costs, not amount-without-cost


def test_a_misspelt_status_leaves_the_project_unknown_but_the_rest_checked():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n  p: {name: P, stauts: stop, costs: {2024: 1}}\n"
        "  q: {name: Q, costs: {2024: 1}, financing: [{source: g, share: 0.5}]}\n"
        "financing:\n  - {source: f, share: 0.1, projects: [p]}\n"
    )
    assert found(text) == [("unknown-key", 6), ("unknown-source", 7)]


def test_an_invalid_status_hides_what_depends_on_it():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n  p: {name: P, status: pause, decide_at: 2020, costs: {2024: 1}}\n"
        "financing:\n  - {source: f, amount: 5, projects: [p, x]}\n"
    )
    # no decide-at-*, covers-inactive-project or amount-without-cost about p: its status is not known
    assert found(text) == [("invalid-value", 6), ("unknown-project", 8)]


def test_a_source_that_is_not_a_mapping_is_still_a_known_id():
    text = HEAD + (
        "sources:\n  f: Fonden\n  g: {name: G}\nprojects:\n  p:\n    name: P\n    costs: {2024: 10}\n"
        "    financing: [{source: f, share: '60%'}, {source: f, share: '50%'}]\n"
    )
    assert found(text) == [("wrong-type", 5), ("unused-source", 6), ("shares-over-100", 8)]


def test_sources_that_are_not_a_mapping_make_no_unknown_source():
    text = HEAD + (
        "sources: [f]\nprojects:\n  p:\n    name: P\n    costs: {2024: 10}\n"
        "    financing: [{source: f, share: '60%'}, {source: f, share: '50%'}]\n"
    )
    assert found(text) == [("wrong-type", 4), ("shares-over-100", 6)]


def test_a_cost_that_did_not_validate_decides_no_surplus():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n  p:\n    name: P\n    costs: {2024: 10, 2025: abc}\n"
        "    financing: [{source: f, amount: {2024: 300}}, {source: g, amount: 1}]\n"
    )
    assert found(text) == [("not-a-number", 8), ("unknown-source", 9)]


def test_a_line_whose_amount_did_not_validate_still_uses_its_source():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n  p:\n    name: P\n    costs: {2024: 10}\n"
        "    financing: [{source: f, amount: 10,5}]\n"
    )
    assert found(text) == [("decimal-comma", 9)]  # no unused-source, no amount-without-cost


def test_a_budget_year_that_did_not_validate_hides_the_year_checks_only():
    text = (
        "scenario: T\nbudget_year: 24\nsources: {f: {name: F}, g: {name: G}}\nprojects:\n"
        "  p: {name: P, costs: {2023: 1}, financing: [{source: f, share: 0.5}]}\n"
        "  q: {name: Q, status: defer, decide_at: 2020}\n"
    )
    # no year-before-budget, no decide-at-too-early: the budget year is not known
    assert found(text) == [("invalid-year", 2), ("unused-source", 3)]


def test_a_line_that_is_not_a_mapping_hides_unused_sources():
    text = HEAD + "sources: {f: {name: F}}\nprojects:\n  p: {name: P, costs: {2024: 1}, financing: [5]}\n"
    assert found(text) == [("wrong-type", 6)]  # the line left out may be the one that uses f


def test_a_misspelt_top_level_financing_hides_unused_sources():
    text = HEAD + "sources: {f: {name: F}}\nprojects:\n  p: {name: P, costs: {2024: 1}}\nfinanceing: []\n"
    assert found(text) == [("unknown-key", 7)]


def test_an_amount_finer_than_an_ore_decides_no_surplus_and_never_crashes():
    # found by the fuzz test: a cost of 0.00001 kr. is 0 øre, so an amount has nothing to be split over
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n  p:\n    name: P\n    costs: {2024: 0.00001}\n"
        "    financing: [{source: f, amount: 0}, {source: f, amount: {2024: 5}}]\n"
    )
    assert found(text) == [("too-precise", 8)]


# --- what a part left out hides, and what it does not ------------------------------------------------------------


def test_a_project_whose_status_is_not_known_does_not_end_the_checks_of_the_projects_after_it():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n  p: {name: P, status: pause, costs: {2024: 1}}\n"
        "  q: {name: Q, status: defer, costs: {2025: 1}}\nfinancing:\n  - {source: f, share: 0.5}\n"
    )
    assert found(text) == [("invalid-value", 6), ("decide-at-missing", 7)]


def test_a_decide_at_that_did_not_validate_is_not_also_missing():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n  p: {name: P, costs: {2024: 10}, financing: [{source: f, share: 0.5}]}\n"
        "  q: {name: Q, status: defer, decide_at: soon}\n"
    )
    assert found(text) == [("invalid-year", 7)]


def test_a_continued_project_without_costs_is_reported_beside_another_projects_bad_cost():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n  p: {name: P}\n"
        "  q: {name: Q, costs: {2024: abc}, financing: [{source: f, share: 0.5}]}\n"
    )
    assert found(text) == [("missing-key", 6), ("not-a-number", 7)]


def test_a_continued_project_without_costs_leaves_the_figures_of_the_projects_after_it():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n  a: {name: A}\n"
        "  b: {name: B, costs: {2024: 100}, financing: [{source: f, amount: {2024: 150}}]}\n"
    )
    loaded = load_bytes(text.encode(), "t.yaml")
    assert [(d.code, d.line) for d in loaded.diagnostics] == [("missing-key", 6), ("surplus", 7)]
    assert loaded.diagnostics[1].message.startswith(
        "in 2024 financing (150 kr.) exceeds cost (100 kr.): a surplus of 50 kr."
    )


def test_when_the_budget_year_is_not_known_no_year_is_too_early():
    # the years stand before 2000 on purpose: no stand-in budget year may make them "too early"
    text = (
        "scenario: T\nbudget_year: 2O24\nsources: {f: {name: F}}\nprojects:\n"
        "  p: {name: P, costs: {1999: 1, 2000: 2}, financing: [{source: f, share: 0.5}]}\n"
        "  q: {name: Q, status: defer, decide_at: 2000}\n"
    )
    assert found(text) == [("invalid-year", 2)]


def test_when_the_unit_is_not_known_no_amount_is_finer_than_an_ore():
    text = (
        "scenario: T\nbudget_year: 2024\nunit: kroner i tusind\nsources: {f: {name: F}}\nprojects:\n"
        "  p: {name: P, costs: {2024: 1.2345}, financing: [{source: f, amount: 0.0001}]}\n"
    )
    assert found(text) == [("unknown-unit", 3)]  # 1.2345 and 0.0001 t.kr. or mio. kr. are whole øre


def test_a_line_with_both_amount_and_share_is_reported_in_a_file_with_other_mistakes():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n"
        "  p: {name: P, costs: {2024: 10}, financing: [{source: f, amount: 1, share: 0.5}]}\n"
        "  q: {name: Q, status: defer, decide_at: soon}\n"
    )
    assert found(text) == [("amount-or-share", 6), ("invalid-year", 7)]


def test_a_source_that_did_not_validate_is_not_also_unknown():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n"
        "  p: {name: P, costs: {2024: 10}, financing: [{source: f, share: 0.5}, {source: [f], amount: 1}]}\n"
    )
    assert found(text) == [("wrong-type", 6)]


def test_projects_that_are_not_a_mapping_make_no_unknown_project_and_no_unused_source():
    text = HEAD + (
        "sources: {f: {name: F}, g: {name: G}}\nprojects: [a, b]\n"
        "financing:\n  - {source: f, amount: 5, projects: [a]}\n"
    )
    assert found(text) == [("wrong-type", 5)]


def test_a_projects_financing_that_is_not_a_list_hides_unused_sources():
    text = HEAD + (
        "sources: {f: {name: F}, g: {name: G}}\nprojects:\n  p: {name: P, costs: {2024: 10}, financing: 5}\n"
        "financing:\n  - {source: f, share: 0.1}\n"
    )
    assert found(text) == [("wrong-type", 6)]  # the lines left out may be the ones that use g


def test_amounts_without_cost_are_reported_in_a_file_with_other_mistakes():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n"
        "  p: {name: P, costs: {2024: 10}, financing: [{source: f, amount: {2030: 5}}]}\n"
        "  q: {name: Q, status: defer, decide_at: soon}\nfinancing:\n  - {source: f, amount: {2031: 1}}\n"
    )
    assert found(text) == [("amount-without-cost", 6), ("invalid-year", 7), ("amount-without-cost", 9)]


def test_a_project_with_a_bad_cost_hides_only_its_own_amounts_without_cost():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n"
        "  q: {name: Q, costs: {2024: 10, 2025: x}, financing: [{source: f, amount: {2030: 1}}]}\n"
        "  p: {name: P, costs: {2024: 10}, financing: [{source: f, amount: {2030: 5}}]}\n"
    )
    # q's cost in 2025 is not known, so whether q's line pays in a year without cost is not known; p's line is
    assert found(text) == [("not-a-number", 6), ("amount-without-cost", 7)]


def test_a_wrong_type_in_one_projects_costs_hides_no_year_of_a_line_on_another_project():
    name = "wrong_type_cost_beside_a_line_on_another_project.yaml"
    loaded = load_bytes((FIXTURES / name).read_bytes(), name)
    assert [(d.code, d.line, d.column, d.message) for d in loaded.diagnostics] == [
        ("not-a-number", 11, 19, "an amount must be a number, not the boolean true"),
        (  # the line on b alone: reported in the same pass; the lines that cover a (lines 2 and 3) are not
            "amount-without-cost",
            20,
            7,
            "financing line 1 has an amount in 2030, but the projects it covers have no cost in that year",
        ),
    ]


@pytest.mark.parametrize(
    ("project_a", "bad"),
    [
        ("{name: A, costs: {2024: true}}", "not-a-number"),  # a cost of a left out
        ("{name: A, costs: true}", "wrong-type"),  # every cost of a left out
        ("{name: A, cots: {2024: 1}}", "unknown-key"),  # a's costs misspelt
        ("{name: A, status: pause, costs: {2031: 1}}", "invalid-value"),  # whether a continues is not known
        ("[A]", "wrong-type"),  # nothing of a is known
    ],
)
def test_what_is_not_known_of_one_project_hides_only_the_years_of_the_lines_that_may_cover_it(project_a, bad):
    text = HEAD + (
        f"sources: {{f: {{name: F}}}}\nprojects:\n  a: {project_a}\n  b: {{name: B, costs: {{2024: 100}}}}\n"
        "financing:\n"
        "  - {source: f, projects: [b], amount: {2030: 5}}\n"  # on b alone: checked
        "  - {source: f, projects: [a, b], amount: {2031: 5}}\n"  # covers a, if a continues: not checked
        "  - {source: f, amount: {2031: 5}}\n"  # every continued project, perhaps a: not checked
        "  - {source: f, projects: [a], amount: 7}\n"  # a scalar on a alone: whether a has cost is not known
    )
    assert found(text) == [(bad, 6), ("amount-without-cost", 9)]


def test_a_unit_that_did_not_validate_hides_no_year_of_a_line():
    # which years have cost does not depend on the unit: a top-level line is checked as a project's own line is
    text = (
        "scenario: T\nbudget_year: 2024\nunit: kroner i tusind\nsources: {f: {name: F}}\nprojects:\n"
        "  p: {name: P, costs: {2024: 10}, financing: [{source: f, amount: {2030: 1}}]}\n"
        "financing:\n  - {source: f, amount: {2031: 1}}\n"
    )
    assert found(text) == [("unknown-unit", 3), ("amount-without-cost", 6), ("amount-without-cost", 8)]


def test_an_amount_that_did_not_validate_is_not_also_without_cost():
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n"
        "  p: {name: P, costs: {2024: 10}, financing: [{source: f, share: 0.1}]}\n  s: {name: S, status: stop}\n"
        "financing:\n  - {source: f, amount: 1O, projects: [s]}\n"
    )
    assert found(text) == [("not-a-number", 9), ("covers-inactive-project", 9)]


@pytest.mark.parametrize(("key", "value"), [("amont", "5"), ("shar", "0.5")])
def test_a_misspelt_amount_or_share_is_not_also_a_line_with_neither(key, value):
    text = HEAD + (
        "sources: {f: {name: F}}\nprojects:\n  p: {name: P, costs: {2024: 10}}\n"
        f"financing:\n  - {{source: f, {key}: {value}}}\n"
    )
    assert found(text) == [("unknown-key", 8)]  # not also amount-or-share: "this one has neither"


@pytest.mark.parametrize(
    ("entries", "bad"),
    [
        ("amount: {2024: x, 2023: 5}", "not-a-number"),
        ("amount: {20x4: 5, 2023: 5}", "invalid-year"),
        ("tariff: 1, outcomes: {2024: 2.5, 2023: 1}", "invalid-count"),
    ],
)
def test_a_bad_year_of_a_mapping_does_not_hide_a_year_without_cost_in_it(entries, bad):
    text = HEAD + (
        "sources: {a: {name: A}}\n"
        "projects:\n  p:\n    name: P\n    costs: {2024: 100, 2025: 100}\n"
        f"    financing: [{{source: a, {entries}}}]\n"
    )
    assert sorted(found(text)) == [("amount-without-cost", 9), (bad, 9)]


def test_the_other_years_of_a_mapping_with_a_bad_year_are_not_reported_when_the_costs_are_unknown():
    text = HEAD + (
        "sources: {a: {name: A}}\n"
        "projects:\n  p:\n    name: P\n    costs: {2024: 100, 2025: y}\n"
        "    financing: [{source: a, amount: {2024: x, 2023: 5}}]\n"
    )
    assert sorted(found(text)) == [("not-a-number", 8), ("not-a-number", 9)]


# --- outcome lines and savings (format 1.2) ---------------------------------------------------------------------------


def test_checks_still_run_on_the_valid_parts_of_a_file_with_a_bad_count():
    text = KINDS_HEAD + (
        "    financing:\n"
        "      - {source: fond, tariff: 10, outcomes: {2024: 2.5}}\n"
        "      - {source: stat, share: 0.1}\n"
        "      - {source: fnod, amount: 5}\n"
    )
    assert [(code, line) for _, code, line, _ in diagnostics_of(text)] == [
        ("invalid-count", 15),
        ("unharvestable-source", 16),
        ("unknown-source", 17),
    ]


# --- issue 20, 9: a required key misspelt is one finding, as an optional one (`cots:`) is -----------------------------


def test_a_misspelt_required_key_is_one_unknown_key_with_the_suggestion_at_every_level():
    text = (
        "scenari: T\nbudget_yer: 2024\nunit: kr.\n"
        "sources:\n  dec:\n    nme: Decentral\n"
        "projects:\n  p:\n    nme: P\n    cots: {2024: 1000}\n"
        "    financing:\n      - sourc: dec\n        amount: 10\n"
        "financing:\n  - sourc: dec\n    amount: 5\n    projects: [p]\n"
    )
    loaded = load_bytes(text.encode(), "t.yaml")
    assert [(d.code, d.line, d.message) for d in loaded.diagnostics] == [
        ("unknown-key", 1, "unknown key 'scenari'; did you mean 'scenario'?"),
        ("unknown-key", 2, "unknown key 'budget_yer'; did you mean 'budget_year'?"),
        ("unknown-key", 6, "unknown key 'nme'; did you mean 'name'?"),
        ("unknown-key", 9, "unknown key 'nme'; did you mean 'name'?"),
        ("unknown-key", 10, "unknown key 'cots'; did you mean 'costs'?"),
        ("unknown-key", 12, "unknown key 'sourc'; did you mean 'source'?"),
        ("unknown-key", 15, "unknown key 'sourc'; did you mean 'source'?"),
    ]


def test_a_required_key_left_out_beside_an_unrelated_unknown_key_is_still_missing():
    text = HEAD + "sources:\n  dec:\n    kind: decentral\n    colour: blue\nprojects: {}\n"
    assert found(text) == [("missing-key", 5), ("unused-source", 5), ("unknown-key", 7)]


REPAID_LINE = HEAD + (
    "sources:\n  dsi: {name: DSI, kind: external}\n  sof: {name: Sof, kind: decentral}\n"
    "projects:\n  p:\n    name: P\n    costs: {2024: 100}\n    financing:\n"
    "      - source: dsi\n        share: 100%\n        repay: REPAY\n"
)


@pytest.mark.parametrize(
    ("repay", "expected"),
    [
        # a bad count: the repayment's kind (both kinds given) and shares (90 %) are still checked
        (
            "{tariff: 10, outcomes: {2025: 1.5}, amount: {2025: 1}, by: {sof: 90%}}",
            [("repay-kind", 14, 9), ("invalid-count", 14, 46), ("repay-shares", 14, 71)],
        ),
        # a bad share: the pockets are still checked (one unknown), not the shares, one of which is unknown
        (
            "{amount: {2025: 1}, by: {sof: lots, sfo: 10%}}",
            [("not-a-share", 14, 46), ("unknown-source", 14, 52)],
        ),
        # a bad scheduled amount: a year before the budget year beside it is still found
        (
            "{amount: {2023: 1, 2025: -1}, by: {sof: 100%}}",
            [("year-before-budget", 14, 26), ("negative-amount", 14, 41)],
        ),
    ],
)
def test_a_bad_value_in_a_repay_leaves_the_rest_of_it_checked(repay, expected):
    text = REPAID_LINE.replace("REPAY", repay)
    assert [(d.code, d.line, d.column) for d in load_bytes(text.encode(), "t.yaml").errors] == expected
