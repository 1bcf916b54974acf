"""model.shared: small mappings written alike are validated once and share the result; written otherwise, or
with a problem, or past the bound, each is validated by itself."""

from decimal import Decimal

import pytest

from effektinvest.model.shared import shared, written


def test_mappings_written_alike_share_one_result_written_otherwise_do_not():
    calls = []
    validate = shared(lambda value: calls.append(value) or dict(value))
    first, again = validate({2024: Decimal("40")}), validate({2024: Decimal("40")})
    other = validate({2024: Decimal("40.0")})  # the same number, written otherwise
    assert first is again and other is not first and other == first
    assert len(calls) == 2
    assert written({2024: "40"}) != written({2024: Decimal("40")})
    assert written({2024: [1]}) is None and written([1]) is None


def test_a_mapping_with_a_problem_raises_every_time():
    def refuse(value):
        raise ValueError("no")

    validate = shared(refuse)
    for _ in range(2):
        with pytest.raises(ValueError):
            validate({2024: 1})


def test_past_the_bound_each_mapping_is_validated_by_itself():
    validate = shared(dict, at_most=1)
    assert validate({1: 1}) is validate({1: 1})
    assert validate({2: 2}) is not validate({2: 2})
