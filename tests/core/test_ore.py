"""core/ore.py: whole øre split by the largest remainder, a tie to the earlier one (scenario-format.md,
"Arithmetic"). Every expected figure is worked out by hand."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from effektinvest.core.ore import split


def test_split_equal_weights_tie_goes_to_the_earlier_year():
    assert split(1, {2024: 1, 2025: 1}) == {2024: 1, 2025: 0}
    assert split(5, {2024: 1, 2025: 1, 2026: 1}) == {2024: 2, 2025: 2, 2026: 1}
    assert split(10000, {2026: 7, 2024: 7, 2025: 7}) == {2024: 3334, 2025: 3333, 2026: 3333}


def test_split_largest_remainder_beats_an_earlier_year():
    # 3 øre over weights 3:1 is 2.25 and 0.75: the leftover øre goes to 2025 (remainder .75 > .25).
    assert split(3, {2024: 3, 2025: 1}) == {2024: 2, 2025: 1}
    # 2 øre over 1:2:1 is 0.5, 1, 0.5: the tied leftover øre goes to 2024, not 2026.
    assert split(2, {2024: 1, 2025: 2, 2026: 1}) == {2024: 1, 2025: 1, 2026: 0}


def test_split_zero_weight_gets_nothing():
    assert split(100, {2024: 0, 2025: 3, 2026: 1}) == {2024: 0, 2025: 75, 2026: 25}


def test_split_nothing_to_split_over():
    with pytest.raises(ValueError):
        split(100, {2024: 0})
    with pytest.raises(ValueError):
        split(100, {})


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=0, max_value=30) | st.integers(min_value=0, max_value=10**14),
    st.dictionaries(
        st.integers(min_value=1900, max_value=2200),
        st.integers(min_value=0, max_value=4) | st.integers(min_value=0, max_value=10**12),  # small: many ties
        min_size=1,
        max_size=8,
    ).filter(lambda weights: sum(weights.values()) > 0),
)
def test_split_properties(amount, weights):
    parts = split(amount, weights)
    total = sum(weights.values())
    assert set(parts) == set(weights)
    assert all(type(part) is int and part >= 0 for part in parts.values())
    assert sum(parts.values()) == amount
    exact = {key: Fraction(amount * weight, total) for key, weight in weights.items()}
    assert all(abs(parts[key] - exact[key]) < 1 for key in weights)
    # Largest remainder, ties to the earlier year: whoever got the extra øre had a larger
    # remainder than whoever did not, or the same remainder and an earlier year.
    rounded_up = [key for key in weights if parts[key] > math.floor(exact[key])]
    left = [key for key in weights if parts[key] == math.floor(exact[key])]
    for up in rounded_up:
        for down in left:
            up_rem, down_rem = exact[up] % 1, exact[down] % 1
            assert up_rem > down_rem or (up_rem == down_rem and up < down)


def test_split_says_why_it_cannot():
    with pytest.raises(ValueError, match="nothing to split over") as raised:
        split(100, {2024: 0})
    assert str(raised.value) == "nothing to split over"
