"""`effektinvest gap`'s options: --prices, --unit, --fail-on-gap, --quiet; an invalid file, warnings. The report in
each format is in reports/gap/."""

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, as_json, invoke

PORTFOLIO = ROOT / "tests" / "fixtures" / "portfolio"
BEFORE = str(PORTFOLIO / "before.yaml")
AFTER = str(PORTFOLIO / "after.yaml")
PRICES = str(PORTFOLIO / "prices.yaml")
PRICES_TEXT = Path(PRICES).read_text(encoding="utf-8")
D = Decimal


# --- --prices ---------------------------------------------------------------------------------------------------------


def test_gap_with_prices_reports_in_that_years_prices():
    result = invoke("gap", PRICES, "--prices", "2025", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = as_json(result.stdout)
    assert report["price_level"] == 2025
    assert report["total"]["cost"] == D("15.30")
    assert report["total"]["financed"] == D("5.08")
    assert report["total"]["residual"] == D("10.22")
    table = invoke("gap", PRICES, "--prices", "2025").stdout
    assert "kr., 2025-priser" in table


@pytest.mark.parametrize(
    ("file", "year", "line", "text"),
    [
        (BEFORE, 2026, 5, "price_index has no index for 2026"),
        (AFTER, 2025, 1, "needs 'price_index:'"),
    ],
)
def test_prices_errors_name_the_line_and_the_option(file, year, line, text):
    result = invoke("gap", file, "--prices", str(year))
    assert result.returncode == 1
    assert f"{file}:{line}:1: error[prices-unavailable]: --prices {year}" in result.stderr
    assert text in result.stderr


def test_prices_on_a_file_without_price_level_is_an_error_naming_the_file(tmp_path):
    # a price_index, but no price_level: the amounts' own year is unknown, so nothing can be restated
    text = PRICES_TEXT.replace("price_level: 2024\n", "")
    path = tmp_path / "no_level.yaml"
    path.write_text(text, encoding="utf-8")
    assert "price_level" not in text and "price_index: {2024: 100, 2025: 150}" in text
    assert invoke("gap", str(path)).returncode == 0  # valid without --prices
    result = invoke("gap", str(path), "--prices", "2025")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:1:1: error[prices-unavailable]: --prices 2025 needs 'price_level:', "
        "the price level the amounts are in\n"
    )
    assert "Traceback" not in result.stderr


def test_prices_option_is_a_year():
    assert invoke("gap", PRICES, "--prices", "20x5").returncode == 2
    assert invoke("gap", PRICES, "--prices", "1800").returncode == 2
