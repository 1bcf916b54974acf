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


def test_a_mapping_of_mappings_is_written_alike_only_when_asked_and_only_one_level_deep():
    repay = {"tariff": Decimal("0.5"), "outcomes": {"2027": Decimal(20)}, "by": {"dept": "100%"}}
    assert written(repay) is None
    assert (
        written(repay, nested=True)
        == written(dict(repay), nested=True)
        != written({**repay, "by": {"dept": "100 %"}}, nested=True)
    )
    assert written({"a": {"b": {"c": 1}}}, nested=True) is None


def _line(tariff: str, by: str = "100%") -> dict:
    repay = {"tariff": Decimal(tariff), "outcomes": {"2027": Decimal(20)}, "by": {"dept": by}}
    return {"source": "inv", "amount": {"2025": Decimal(10)}, "repay": repay}


def test_the_lines_that_write_a_repay_alike_share_one_repay_and_a_bad_one_is_told_at_each_line():
    from pydantic import ValidationError

    from effektinvest.model.scenario import FinancingLine

    first, again, other = (FinancingLine.model_validate(_line(t)) for t in ("0.5", "0.5", "0.50"))
    assert again.repay is first.repay and other.repay is not first.repay and str(other.repay.tariff) == "0.50"
    for _ in range(2):
        with pytest.raises(ValidationError) as told:
            FinancingLine.model_validate(_line("0.5", "lots"))
        assert [e["loc"] for e in told.value.errors()] == [("repay", "by", "dept")]
