"""units.py: kr., t.kr. (1.000 kr.) and mio. kr., their spellings and exact conversion."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from effektinvest.edges.load import load_bytes
from effektinvest.model.numbers import ValueProblem
from effektinvest.model.units import _SPELLINGS, ACCEPTED, Unit, parse_unit

# Every spelling a user may write, as written, and the unit it means.
SPELLINGS = [
    ("kr.", Unit.KR), ("kr", Unit.KR), ("KR", Unit.KR), ("Kr.", Unit.KR), ("DKK", Unit.KR), ("dkk", Unit.KR),
    ("kroner", Unit.KR), ("Kroner", Unit.KR),
    ("t.kr.", Unit.TKR), ("t.kr", Unit.TKR), ("tkr", Unit.TKR), ("TKR", Unit.TKR), ("t. kr.", Unit.TKR),
    ("1.000 kr.", Unit.TKR), ("1.000 kr", Unit.TKR), ("1000 kr.", Unit.TKR), ("tdkk", Unit.TKR), ("TDKK", Unit.TKR),
    ("tusind kr", Unit.TKR), ("tusind kr.", Unit.TKR), ("Tusind kr.", Unit.TKR),
    ("mio. kr.", Unit.MIO), ("mio", Unit.MIO), ("mio.", Unit.MIO), ("mio. kr", Unit.MIO), ("mio.kr.", Unit.MIO),
    ("Mio. kr.", Unit.MIO), ("mkr", Unit.MIO), ("mkr.", Unit.MIO), ("mdkk", Unit.MIO), ("MDKK", Unit.MIO),
    ("mill", Unit.MIO), ("mill.", Unit.MIO), ("mill. kr", Unit.MIO), ("mill. kr.", Unit.MIO),
    ("mio DKK", Unit.MIO), ("mio. DKK", Unit.MIO),
]


@pytest.mark.parametrize(
    ("spelling", "unit"),
    [
        ("kr.", Unit.KR),
        ("kr", Unit.KR),
        ("DKK", Unit.KR),
        ("t.kr.", Unit.TKR),
        ("1.000 kr.", Unit.TKR),
        ("tkr", Unit.TKR),
        ("t.kr", Unit.TKR),
        ("mio. kr.", Unit.MIO),
        ("mio", Unit.MIO),
        ("mio. kr", Unit.MIO),
        ("mio.kr.", Unit.MIO),
    ],
)
def test_every_spelling_the_spec_lists(spelling, unit):
    assert parse_unit(spelling) is unit


@pytest.mark.parametrize(("spelling", "unit"), SPELLINGS)
def test_every_accepted_spelling_means_its_unit(spelling, unit):
    assert parse_unit(spelling) is unit


def test_every_spelling_the_reader_knows_is_tested():
    """A spelling added to units.py without a line in SPELLINGS above fails here."""
    tested = {spelling.lower().replace(" ", "").replace(".", "") for spelling, _ in SPELLINGS}
    assert set(_SPELLINGS) <= tested


def test_every_spelling_the_error_message_offers_means_its_unit():
    """ACCEPTED, shown when a unit is unknown: 'kr. (kr, DKK), t.kr. (...), ...'; each name means its unit."""
    groups = [group.split(" (") for group in ACCEPTED.rstrip(")").split("), ")]
    assert [name for name, _ in groups] == [unit.value for unit in Unit]
    for name, spellings in groups:
        for spelling in [name, *spellings.split(", ")]:
            assert parse_unit(spelling) is Unit(name), spelling


@pytest.mark.parametrize(("spelling", "unit"), SPELLINGS)
def test_a_scenario_in_each_spelling_gives_its_figures_in_kr(spelling, unit):
    """The same file with `unit: SPELLING`: cost 1.5, a share of 10 % and an amount of 0.25 of that unit."""
    text = (
        f'scenario: Enhed\nbudget_year: 2024\nunit: {spelling}\nsources:\n  s: {{name: S}}\n'
        "projects:\n  p: {name: P, costs: {2024: 1.5}}\n"
        "financing:\n  - {source: s, amount: 0.25}\n  - {source: s, share: \"10%\"}\n"
    )
    loaded = load_bytes(text.encode(), "unit.yaml")
    assert loaded.errors == []
    assert loaded.scenario.unit is unit
    one = Decimal(10) ** unit.exponent  # one unit in kr.
    total = loaded.gap.total
    assert total.cost == Decimal("1.5") * one
    assert total.financing == {"s": Decimal("0.25") * one + Decimal("0.15") * one}
    assert total.residual == Decimal("1.1") * one


@pytest.mark.parametrize("unit", list(Unit))
def test_a_unit_and_its_own_name(unit):
    assert parse_unit(unit) is unit
    assert parse_unit(unit.value) is unit


def test_the_three_units():
    assert [unit.value for unit in Unit] == ["kr.", "t.kr.", "mio. kr."]
    assert [unit.exponent for unit in Unit] == [0, 3, 6]


@pytest.mark.parametrize(
    "spelling",
    [
        "mia. kr.", "mia", "EUR", "øre", "kr/år", "1.000.000 kr.", "100 kr.", "procent", "", "t",
        Decimal("1000"), None, 1,
    ],
)
def test_other_units_are_rejected_with_the_accepted_list(spelling):
    with pytest.raises(ValueProblem) as info:
        parse_unit(spelling)
    assert info.value.code == "unknown-unit"
    for accepted in ("kr.", "t.kr.", "mio. kr."):
        assert accepted in info.value.message


@pytest.mark.parametrize(
    ("unit", "amount", "kr"),
    [
        (Unit.KR, "10.35", "10.35"),
        (Unit.TKR, "1.5", "1500"),
        (Unit.TKR, "0.00001", "0.01"),
        (Unit.TKR, "250", "250000"),
        (Unit.MIO, "10.35", "10350000"),
        (Unit.MIO, "2.075", "2075000"),
        (Unit.MIO, "0.00000001", "0.01"),
        (Unit.MIO, "123456789012345678901234.567891", "123456789012345678901234567891"),
    ],
)
def test_to_kr_and_back_exactly(unit, amount, kr):
    assert unit.to_kr(Decimal(amount)) == Decimal(kr)
    assert unit.from_kr(Decimal(kr)) == Decimal(amount)


AMOUNTS = st.decimals(min_value=0, max_value=10**22, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(AMOUNTS)
def test_kr_to_tkr_to_mio_to_kr_is_exact(amount):
    tkr = Unit.TKR.from_kr(amount)
    assert Fraction(tkr) == Fraction(amount) / 1000
    mio = Unit.MIO.from_kr(Unit.TKR.to_kr(tkr))
    assert Fraction(mio) == Fraction(amount) / 1_000_000
    assert Unit.MIO.to_kr(mio) == amount


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(list(Unit)), AMOUNTS)
def test_from_kr_then_to_kr_is_the_identity(unit, amount):
    assert unit.to_kr(unit.from_kr(amount)) == amount
    assert Fraction(unit.from_kr(amount)) == Fraction(amount) / 10**unit.exponent


def test_one_unit_conversion_between_any_two_units_is_exact():
    from decimal import Decimal

    assert Unit.MIO.to(Decimal("2.05"), Unit.TKR) == Decimal("2050")
    assert Unit.KR.to(Decimal("0.01"), Unit.MIO) == Decimal("0.00000001")
    assert Unit.TKR.to(Decimal("1.5"), Unit.TKR) == Decimal("1.5")
    for unit in Unit:
        assert Unit.KR.to(Decimal("123.45"), unit) == unit.from_kr(Decimal("123.45"))
        assert unit.to(Decimal("7.77"), Unit.KR) == unit.to_kr(Decimal("7.77"))
