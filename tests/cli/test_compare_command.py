"""`effektinvest compare`: two valid files, price levels told apart and restated with --prices."""

import json
from decimal import Decimal

import pytest

from conftest import ROOT, as_json, invoke

PORTFOLIO = ROOT / "tests" / "fixtures" / "portfolio"
BEFORE = str(PORTFOLIO / "before.yaml")
BAD = str(PORTFOLIO / "bad_index.yaml")
D = Decimal


def test_compare_needs_two_valid_files():
    result = invoke("compare", BEFORE, BAD)
    assert result.returncode == 1 and result.stdout == ""
    assert "bad_index.yaml:6:9: error[invalid-index]" in result.stderr


@pytest.mark.usefixtures("at_the_root")
def test_compare_warns_on_different_price_levels_and_converts_with_prices():
    seed, follow = "scenarios/2024.yaml", "scenarios/2025.yaml"
    plain = invoke("compare", seed, follow, "--format", "json")
    assert "different price levels (2024 and 2025)" in plain.stderr
    assert json.loads(plain.stdout)["price_level"] is None
    restated = invoke("compare", seed, follow, "--prices", "2025", "--format", "json")
    assert restated.returncode == 0 and restated.stderr == ""
    report = as_json(restated.stdout)
    assert report["price_level"] == 2025
    # budget 2024 -> budget 2025: 2024 is closed; the total compares 2025 on, 6.21 (2024 prices) x 1.029
    assert report["total"]["cost"]["before"] == D("6.39009")
    assert report["years"][0]["closed"] is True and report["years"][0]["cost"]["before"] == D("4.26006")  # 4.14 x 1.029


def test_price_levels_missing_on_one_side_are_named():
    result = invoke("compare", BEFORE, str(ROOT / "tests" / "fixtures" / "base.yaml"))
    assert "different price levels (2024 and none)" in result.stderr


def test_compare_across_budget_years_says_under_the_table_that_the_closed_year_is_out_of_the_changes():
    years = ROOT / "tests" / "fixtures" / "compare_years"
    result = invoke("compare", str(years / "budget_2025.yaml"), str(years / "budget_2026.yaml"), env={"COLUMNS": "200"})
    assert result.returncode == 0 and result.stderr == ""
    assert (
        "2025 afsl.: afsluttet før budget 2026; året står med før-tal, men indgår hverken i ændringerne eller i I alt, "
        "der kun sammenligner årene fra 2026"
    ) in result.stdout.splitlines()
    assert "-3,48" not in result.stdout  # the finished 2025 is no cut
