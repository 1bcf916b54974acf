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
    assert report["total"]["cost"]["before"] == D("10.65015")  # 10.35 x 1.029


def test_price_levels_missing_on_one_side_are_named():
    result = invoke("compare", BEFORE, str(ROOT / "tests" / "fixtures" / "base.yaml"))
    assert "different price levels (2024 and none)" in result.stderr
