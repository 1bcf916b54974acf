"""checks/actuals.py: format 1.3's actual figures (actuals_through, actual_costs, realised_savings, achieved,
paid), each mistake at its line, the plan standing in where an actual is missing, and what --prices restates."""

import json
from decimal import Decimal

from conftest import ROOT, diagnostics_of, invoke, messages_of, write_scenario
from effektinvest.edges.load import load_path
from effektinvest.model import Status

FIXTURES = ROOT / "tests" / "fixtures" / "actuals"
WORKED = (FIXTURES / "worked.yaml").read_text(encoding="utf-8")


def test_the_worked_example_is_valid_and_complete():
    assert diagnostics_of(WORKED, unused=True) == []


def test_each_mistake_is_found_at_its_line_in_one_pass():
    text = (FIXTURES / "mistakes.yaml").read_text(encoding="utf-8")
    assert diagnostics_of(text) == [
        ("warning", "actual-missing", 13, 25),  # p's planned 2025 cost: no actual
        ("error", "year-before-budget", 14, 20),  # an actual for 2023
        ("error", "actual-in-open-year", 14, 41),  # an actual for 2026
        ("error", "achieved-not-outcome", 16, 35),  # achieved on a share line
        ("warning", "actual-missing", 17, 57),  # the outcome line's 2025: no achieved count
        ("error", "actual-in-open-year", 17, 87),  # achieved in 2026
        ("warning", "actual-missing", 18, 32),  # dec's expected 2025 savings: no realised ones
        ("error", "unknown-source", 19, 24),  # realised savings in a pocket 'dek'
        ("error", "amount-without-cost", 37, 42),  # r paid in 2024, a year without any cost
    ]
    said = messages_of(text)
    assert "project 'p' has no actual cost for 2025, a closed year: its planned cost stands in" in said
    assert (
        "an actual figure for 2026, after actuals_through 2025: actual figures are for closed years only "
        "(raise actuals_through once 2026 has closed)"
    ) in said
    assert (
        "the realised savings of project 'p' name source 'dek', which is not defined under 'sources'; "
        "did you mean 'dec'?"
    ) in said
    assert (
        "financing line 1 of project 'r' paid in 2024, but the projects it covers have neither a planned nor an "
        "actual cost in that year"
    ) in said


def test_an_actual_cost_alone_lets_a_line_pay_in_its_year():
    # project q of mistakes.yaml: no planned cost in 2024, an actual one of 3, and paid {2024: 1}: no finding
    text = (FIXTURES / "mistakes.yaml").read_text(encoding="utf-8")
    assert not [d for d in diagnostics_of(text) if d[2] in range(21, 26)]


def test_every_actual_key_without_actuals_through_is_an_error_at_its_key():
    text = WORKED.replace("actuals_through: 2025\n", "")
    assert diagnostics_of(text) == [
        ("error", "actuals-without-close", 12, 5),  # actual_costs (a line up: actuals_through is gone)
        ("error", "actuals-without-close", 15, 76),  # achieved
        ("error", "actuals-without-close", 17, 5),  # realised_savings: once, not once a pocket
    ]
    assert messages_of(text)[0] == (
        "actual_costs holds actual figures (the accounts of closed years): set actuals_through: the last closed year"
    )
    paid = text.replace("share: 50%}", "share: 50%, paid: {2024: 550}}")
    assert ("error", "actuals-without-close", 14, 35) in diagnostics_of(paid)  # paid, at its key


def test_actuals_through_before_the_budget_year_is_the_one_finding_about_years():
    text = WORKED.replace("actuals_through: 2025", "actuals_through: 2023")
    assert diagnostics_of(text) == [("error", "actuals-through-too-early", 5, 18)]
    assert messages_of(text) == [
        "actuals_through 2023 is before budget_year 2024: the closed years a file follows up are its own budget "
        "years, from 2024"
    ]


def test_actuals_through_of_the_budget_year_closes_that_year_only():
    text = WORKED.replace("actuals_through: 2025", "actuals_through: 2024")
    assert diagnostics_of(text) == [
        ("error", "actual-in-open-year", 13, 32),  # actual_costs 2025
        ("error", "actual-in-open-year", 16, 96),  # achieved 2025
        ("error", "actual-in-open-year", 18, 30),  # realised savings 2025
    ]


def test_the_plan_standing_in_is_a_warning_for_continued_projects_only():
    # a stopped and a deferred project with planned costs in a closed year and no actuals: listed, count nowhere
    text = (
        "scenario: S\nbudget_year: 2024\nunit: kr.\nactuals_through: 2024\n"
        "sources:\n  dec: {name: D, kind: decentral}\n"
        "projects:\n  p: {name: P, costs: {2024: 10}, actual_costs: {2024: 10}}\n"
        "  s: {name: S, status: stop, costs: {2024: 5}}\n"
        "  d: {name: D, status: defer, decide_at: 2026, costs: {2024: 7}}\n"
    )
    assert diagnostics_of(text) == []
    assert diagnostics_of(text.replace(", actual_costs: {2024: 10}", "")) == [("warning", "actual-missing", 8, 24)]


def test_counts_achieved_are_whole_numbers_and_the_mappings_not_empty():
    half = WORKED.replace("achieved: {2024: 1, 2025: 2}", "achieved: {2024: 1.5, 2025: 2}")
    assert diagnostics_of(half) == [("error", "invalid-count", 16, 93)]  # and no year stood in for: it is not known
    empty = WORKED.replace("achieved: {2024: 1, 2025: 2}", "achieved: {}")
    assert diagnostics_of(empty) == [("error", "missing-amount", 16, 86)]
    assert messages_of(empty)[0] == (
        "achieved is empty ({}): give the count achieved per closed year, such as {2024: 12}, or leave the key out"
    )
    paid = WORKED.replace("share: 50%}", "share: 50%, paid: {}}")
    assert messages_of(paid) == [
        "paid is empty ({}): give what the line paid per closed year, such as {2024: 1.5}, or leave the key out"
    ]


def test_actual_amounts_are_whole_ore_and_a_cost_or_payment_not_negative():
    text = WORKED.replace("actual_costs: {2024: 1100, 2025: 950}", "actual_costs: {2024: 1100.001, 2025: -950}")
    text = text.replace("share: 50%}", "share: 50%, paid: {2024: 0.005}}")
    text = text.replace("realised_savings: {dec: {2025: 450}}", "realised_savings: {dec: {2025: -450.009}}")
    assert diagnostics_of(text) == [
        ("error", "too-precise", 13, 26),
        ("error", "negative-amount", 13, 42),
        ("error", "too-precise", 15, 48),
        ("error", "too-precise", 18, 36),
    ]


def test_a_pocket_with_realised_savings_only_is_used():
    fund = "  fond: {name: Fonden, kind: fund}\n"
    text = WORKED.replace("    savings: {dec: {2025: 600, 2026: 600}}\n", "")
    text = text.replace(fund, fund + "  kom: {name: Kommunen, kind: decentral}\n")
    text = text.replace("realised_savings: {dec: {2025: 450}}", "realised_savings: {kom: {2025: 450}}")
    assert "unused-source" not in [code for _, code, *_ in diagnostics_of(text, unused=True)]


def test_a_file_whose_closed_years_are_unknown_still_gets_the_other_checks():
    text = WORKED.replace("actuals_through: 2025", "actuals_through: snart")
    text = text.replace("dec: {2025: 450}", "dek: {2025: 450}")
    assert [code for _, code, *_ in diagnostics_of(text)] == ["invalid-year", "unknown-source"]


def test_prices_restate_every_actual_amount_and_no_count(tmp_path):
    text = WORKED.replace("unit: kr.\n", "unit: kr.\nprice_level: 2024\nprice_index: {2024: 100, 2025: 110}\n")
    text = text.replace("share: 50%}", "share: 50%, paid: {2024: 550.05}}")
    scenario = load_path(str(write_scenario(tmp_path, text)), prices=2025).scenario
    project = scenario.projects["p"]
    assert project.actual_costs == {2024: Decimal("1210.00"), 2025: Decimal("1045.00")}
    assert project.realised_savings == {"dec": {2025: Decimal("495.00")}}
    assert project.financing[0].paid == {2024: Decimal("605.06")}  # 605.055, half to even
    assert project.financing[1].achieved == {2024: 1, 2025: 2}
    assert project.status is Status.CONTINUE


def test_a_file_without_actual_keys_reports_as_before():
    plain = (ROOT / "scenarios" / "2024.yaml").read_text(encoding="utf-8")
    assert diagnostics_of(plain, unused=True) == []
    report = json.loads(invoke("gap", str(ROOT / "scenarios" / "2024.yaml"), "-f", "json").stdout)
    assert report["total"]["residual"] == 2.0


def test_a_misspelt_actuals_through_or_a_bad_actual_hides_only_what_it_leaves_unknown():
    misspelt = WORKED.replace("actuals_through: 2025", "actual_through: 2025")
    assert messages_of(misspelt) == ["unknown key 'actual_through'; did you mean 'actuals_through'?"]
    bad_cost = WORKED.replace("actual_costs: {2024: 1100, 2025: 950}", "actual_costs: {2024: 1100, 2025: ja}")
    assert diagnostics_of(bad_cost) == [("error", "not-a-number", 13, 38)]  # 2025 is not said to be missing
