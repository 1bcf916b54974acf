"""The checks of scenario-format.md: each fixture file, the exit code and every diagnostic's code and line."""

import subprocess
import sys
from pathlib import Path

import pytest

from effektinvest.load import load_path

FIXTURES = Path(__file__).parent / "fixtures"

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
    "sub_ore.yaml": [("warning", "danish-thousands", 8), ("error", "too-precise", 8)],
    "sub_ore_costs.yaml": [("error", "too-precise", 10), ("error", "too-precise", 11), ("error", "too-precise", 15)],
    "missing_required.yaml": [("error", "missing-key", 1), ("error", "missing-key", 4)],
    "wrong_types.yaml": [("error", "wrong-type", 3), ("error", "invalid-value", 7), ("error", "wrong-type", 9)],
    "unknown_unit.yaml": [("error", "unknown-unit", 3)],
    "bad_year_key.yaml": [("error", "invalid-year", 9), ("error", "invalid-year", 10)],
    "warnings.yaml": [
        ("warning", "unused-source", 5),
        ("warning", "surplus", 11),
        ("warning", "danish-thousands", 17),
        ("warning", "covers-inactive-project", 21),
    ],
    "unit_mio_thousands.yaml": [("warning", "danish-thousands", 8)],
    "empty_costs.yaml": [("error", "missing-key", 7)],
    "pooled_list_problems.yaml": [("warning", "empty-projects", 10), ("error", "duplicate-project", 13)],
    "decide_at_on_continue.yaml": [("warning", "decide-at-ignored", 8)],
    "every_family.yaml": [  # every finding in the first check (see test_partial.py)
        ("warning", "unused-source", 8),
        ("error", "shares-over-100", 10),
        ("error", "wrong-type", 13),
        ("warning", "surplus", 15),
        ("error", "unknown-source", 15),
        ("error", "amount-without-cost", 23),
        ("error", "unknown-project", 30),
    ],
}


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in FIXTURES.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_diagnostics(name):
    loaded = load_path(str(FIXTURES / name))
    got = [(d.severity.value, d.code, d.line) for d in loaded.diagnostics]
    assert got == EXPECTED[name]
    assert (loaded.scenario is None) == any(sev == "error" for sev, _, _ in EXPECTED[name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_exit_code(name):
    result = subprocess.run(
        [sys.executable, "-m", "effektinvest", "check", str(FIXTURES / name)], capture_output=True, text=True
    )
    errors = any(sev == "error" for sev, _, _ in EXPECTED[name])
    assert result.returncode == (1 if errors else 0), result.stderr
    assert result.stdout == ""
    for severity, code, line in EXPECTED[name]:
        assert f"{FIXTURES / name}:{line}:" in result.stderr
        assert f": {severity}[{code}]: " in result.stderr
    assert "Traceback" not in result.stderr


def test_suggestions_name_the_nearest():
    messages = {d.code: d.message for d in load_path(str(FIXTURES / "unknown_source.yaml")).diagnostics}
    assert "did you mean 'outcomefonden'?" in messages["unknown-source"]
    messages = {d.code: d.message for d in load_path(str(FIXTURES / "unknown_project.yaml")).diagnostics}
    assert "did you mean 'havnen'?" in messages["unknown-project"]


def test_shares_message_gives_the_total():
    (d,) = load_path(str(FIXTURES / "shares_over_100.yaml")).diagnostics
    assert "110 %" in d.message


def test_surplus_message_gives_the_figures():
    surplus = next(d for d in load_path(str(FIXTURES / "warnings.yaml")).diagnostics if d.code == "surplus")
    assert "in 2024" in surplus.message and "a surplus of 60 kr." in surplus.message


def test_strict_makes_warnings_fail():
    args = [sys.executable, "-m", "effektinvest", "check", str(FIXTURES / "warnings.yaml")]
    assert subprocess.run(args, capture_output=True).returncode == 0
    assert subprocess.run([*args, "--strict"], capture_output=True).returncode == 1


def test_mio_three_decimals_are_not_thousands():
    (d,) = load_path(str(FIXTURES / "unit_mio_thousands.yaml")).diagnostics
    assert d.column == 32  # the 1.500, not the 2.075
