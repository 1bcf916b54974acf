"""core/discount.py: the discount factor (the Finance Ministry's schedule or a flat rate), present values rounded
once to whole øre, and ratios to 4 decimals, whatever the size of the figure."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from effektinvest.core.discount import factor, factors, npv, ratio

D = Decimal


def test_the_finance_ministry_schedule():
    assert factor(0) == 1
    assert abs(Fraction(factor(1)) - 1 / Fraction("1.035")) < Fraction(1, 10**49)  # 50 significant digits
    assert factor(-2) == D("1.071225")  # a year before the budget year compounds at 3.5 %
    expected = {
        35: Fraction(1, 1) / Fraction("1.035") ** 35,
        36: 1 / (Fraction("1.035") ** 35 * Fraction("1.025")),
        70: 1 / (Fraction("1.035") ** 35 * Fraction("1.025") ** 35),
        72: 1 / (Fraction("1.035") ** 35 * Fraction("1.025") ** 35 * Fraction("1.015") ** 2),
    }
    for t, exact in expected.items():
        assert abs(Fraction(factor(t)) - exact) < Fraction(1, 10**45), t


@given(st.integers(min_value=-50, max_value=200), st.sampled_from([None, D(0), D("0.04"), D("0.015"), D(1)]))
def test_the_discount_factor_falls_with_t(t, rate):
    if rate == 0:
        assert factor(t, rate) == factor(t + 1, rate) == 1
    else:
        assert factor(t + 1, rate) < factor(t, rate)


def test_npv_rounds_once_to_whole_ore():
    df = factors([2024, 2025], 2024)
    assert npv({2024: D("0.005"), 2025: D(0)}, df) == 0  # half to even
    assert npv({2024: D("0.015"), 2025: D(0)}, df) == D("0.02")


# --- what mutation testing found untested (docs/testing.md) -----------------------------------------------------------


def test_the_schedule_discounts_at_1_5_percent_from_year_71():
    # t = 71: 35 years at 3.5 %, 35 at 2.5 %, 1 at 1.5 % (kills `t > 71`, which left the 71st year undiscounted).
    exact = Fraction(1) / (Fraction("1.035") ** 35 * Fraction("1.025") ** 35 * Fraction("1.015"))
    assert abs(Fraction(factor(71)) - exact) < Fraction(1, 10**45)
    assert factor(71) < factor(70)


# --- any figure a file allows (found by an outside review) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        ({2024: D(10) ** 120 + D("0.005")}, "1" + "0" * 120 + ".00"),  # 50 digits, then øre
        ({2024: D(10) ** 250}, "1" + "0" * 250 + ".00"),  # wider than numbers.EXACT's 200 digits too
        ({2024: D("-0.001")}, "0.00"),  # never -0.00
        ({2024: D("1.005")}, "1.00"),  # half to even
    ],
)
def test_npv_rounds_any_present_value(amounts, expected):
    assert format(npv(amounts, {2024: D(1)}), "f") == expected


def test_ratio_rounds_any_quotient():
    assert ratio(D(10) ** 300, D("0.01")) == D(10) ** 302
    assert str(ratio(D(0), D(-5))) == "0.0000"
    assert ratio(D(2), D(3)) == D("0.6667") and ratio(D(1), D(0)) is None
    assert ratio(D(1), D(3) * D(10) ** 250) == 0


def test_the_schedule_is_written_once_and_its_words_are_made_from_it():
    """discount.SCHEDULE is the Finance Ministry's schedule; the factor, --discount's help and the savings key
    line all come from it."""
    from conftest import invoke
    from effektinvest.core.discount import schedule_spans

    assert schedule_spans() == [(D("0.035"), 1, 35), (D("0.025"), 36, 70), (D("0.015"), 71, None)]
    help_text = " ".join(invoke("savings", "--help", env={"COLUMNS": "300"}).stdout.split())
    assert "the Finance Ministry's 3.5 % for years 1-35, 2.5 % for 36-70, 1.5 % after" in help_text
