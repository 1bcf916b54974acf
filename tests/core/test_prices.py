"""core/prices.py: `--prices YEAR` restates every amount in that year's prices (docs/scenario-format.md, format 1.1).

`restate` is called as the pure function it is, on scenarios read with `load_bytes`; every expected amount is
worked out by hand: amount x index[YEAR] / index[price_level], to whole øre, half to even, amount by amount.
(The command line's `--prices` is in cli/test_gap_command.py.)
"""

import json
from decimal import Decimal

import pytest

from conftest import ROOT, invoke
from effektinvest.core.prices import PriceProblem, restate
from effektinvest.edges.load import load_bytes, load_path, with_prices

D = Decimal
PRICES = str(ROOT / "tests" / "fixtures" / "portfolio" / "prices.yaml")
CAP = ROOT / "tests" / "fixtures" / "format12" / "outcome_cap.yaml"


def scenario(text: str):
    loaded = load_bytes(text.encode(), "prices.yaml")
    assert loaded.errors == [], loaded.errors
    return loaded.scenario


def head(unit: str = "kr.", level: str = "price_level: 2024\n", index: str = "{2024: 100, 2025: 200}") -> str:
    return (
        f"scenario: Priser\nbudget_year: 2024\nunit: {unit}\n{level}price_index: {index}\n"
        "sources: {f: {name: F}}\n"
    )


# --- what --prices needs, word for word -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "index", "year", "path", "message"),
    [
        (
            "", "{2024: 100, 2025: 200}", 2025, (),
            "--prices 2025 needs 'price_level:', the price level the amounts are in",
        ),
        (
            "price_level: 2024\n", "{}", 2026, (),
            "--prices 2026 needs 'price_index:', e.g. {2024: 100, 2026: 103.2}",
        ),
        (
            "price_level: 2024\n", "{2025: 200, 2024: 100, 2023: 97.5}", 2026, ("price_index",),
            "--prices 2026: price_index has no index for 2026 (it has 2023, 2024, 2025)",
        ),
        (
            "price_level: 2024\n", "{2026: 103, 2025: 101}", 2025, ("price_index",),
            "--prices 2025: price_index has no index for 2024 (it has 2025, 2026)",
        ),
    ],
)
def test_what_prices_needs(level, index, year, path, message):
    text = head(level=level, index=index) + "projects:\n  p: {name: P, costs: {2024: 100}}\n"
    with pytest.raises(PriceProblem) as raised:
        restate(scenario(text), year)
    assert (raised.value.path, raised.value.message, str(raised.value)) == (path, message, message)


# --- amounts -----------------------------------------------------------------------------------------------------


def test_every_amount_is_restated_and_shares_are_not():
    text = head(index="{2024: 100, 2025: 200}") + (
        "projects:\n"
        "  p:\n    name: P\n    costs: {2024: 100, 2025: 0.05}\n"
        "    financing: [{source: f, amount: 10.01}, {source: f, share: 0.5}, {source: f, amount: {2025: 0.03}}]\n"
        "  q: {name: Q, status: stop}\n"
        "financing:\n  - {source: f, amount: 1.5, projects: [p]}\n  - {source: f, amount: {2024: 2}}\n"
    )
    restated = restate(scenario(text), 2025)
    assert restated.price_level == 2025
    p, q = restated.projects["p"], restated.projects["q"]
    assert p.costs == {2024: D("200.00"), 2025: D("0.10")}
    assert [(line.amount, line.share) for line in p.financing] == [
        (D("20.02"), None),
        (None, D("0.5")),
        ({2025: D("0.06")}, None),
    ]
    assert q.costs is None and q.financing == []
    assert [line.amount for line in restated.financing] == [D("3.00"), {2024: D("4.00")}]
    assert [line.projects for line in restated.financing] == [["p"], None]


def test_a_thirty_digit_amount_is_restated_to_the_ore():
    text = head() + "projects:\n  p: {name: P, costs: {2024: 1234567890123456789012345678.91}}\n"
    restated = restate(scenario(text), 2025)
    assert restated.projects["p"].costs == {2024: D("2469135780246913578024691357.82")}


def test_amounts_in_millions_are_rounded_to_whole_ore_of_kr():
    # 0.00000025 mio. kr. is 0.25 kr.; x 1.5 is 0.375 kr., 37.5 øre -> 38 (half to even), 0.00000038 mio. kr.
    text = head(unit="mio. kr.", index="{2024: 100, 2025: 150}") + (
        "projects:\n  p: {name: P, costs: {2024: 0.00000025, 2025: 2}}\n"
    )
    restated = restate(scenario(text), 2025)
    assert restated.projects["p"].costs == {2024: D("0.00000038"), 2025: D("3")}
    assert restated.unit.value == "mio. kr."


# --- restate's own limits ----------------------------------------------------------------------------------------
# A file cannot reach them: an index number has at most 30 digits (numbers.parse_index), so a ratio stays below
# 10**60 and a restated amount below 100 digits. They guard `restate` for a Scenario that did not come from a file,
# made here with model_copy, which does not validate.

TOO_LARGE = "--prices 2025: the index numbers make an amount too large to restate exactly"
ONE_ORE = head() + "projects:\n  p: {name: P, costs: {2024: 0.01}}\n"


def with_index(text: str, index: dict):
    return scenario(text).model_copy(update={"price_index": index})


def test_a_ratio_of_two_to_the_400_is_restated_and_one_past_it_refused():
    restated = restate(with_index(ONE_ORE, {2024: D(1), 2025: D(2**400)}), 2025)
    assert restated.projects["p"].costs == {2024: D(f"{2**400}e-2")}  # 0.01 kr. x 2**400, to the øre
    with pytest.raises(PriceProblem) as raised:
        restate(with_index(ONE_ORE, {2024: D(1), 2025: D(2**401)}), 2025)
    assert (raised.value.path, raised.value.message) == (("price_index",), TOO_LARGE)


def test_index_numbers_of_many_digits_with_a_small_ratio_are_restated():
    big = 3**260  # 124 digits; big + 1 over big is a ratio just above 1
    text = head() + "projects:\n  p: {name: P, costs: {2024: 100}}\n"
    restated = restate(with_index(text, {2024: D(big), 2025: D(big + 1)}), 2025)
    assert restated.projects["p"].costs == {2024: D("100.00")}


def test_an_amount_past_200_digits_once_restated_is_refused_not_rounded():
    amount = D("1" * 180)  # 180 digits in kr.; x an index ratio of 30 digits: some 210 digits, to the øre
    text = head() + "projects:\n  p: {name: P, costs: {2024: 1}}\n"
    loaded = scenario(text)
    project = loaded.projects["p"].model_copy(update={"costs": {2024: amount}})
    index = {2024: D(1), 2025: D(10**29 + 1)}
    unvalidated = loaded.model_copy(update={"projects": {"p": project}, "price_index": index})
    with pytest.raises(PriceProblem) as raised:
        restate(unvalidated, 2025)
    assert (raised.value.path, raised.value.message) == (("price_index",), TOO_LARGE)


# --- outcome lines and savings (format 1.2) ---------------------------------------------------------------------------


def test_prices_restate_tariff_cap_and_savings_but_not_counts():
    source = CAP.read_text(encoding="utf-8").replace(
        "unit: kr.\n", "unit: kr.\nprice_level: 2024\nprice_index: {2024: 100, 2025: 103.3}\n"
    )
    restated = load_bytes(source.encode(), "t.yaml", prices=2025)
    assert restated.errors == []
    line = restated.scenario.financing[0]
    assert (line.tariff, line.cap, line.outcomes) == (D("20660.00"), D("2582500.00"), {2024: 40, 2025: 60, 2026: 80})
    assert restated.scenario.projects["a"].savings == {"stat": {2025: D("309900.00"), 2027: D("-51650.00")}}
    data = json.loads(invoke("gap", "-", "--format", "json", "--prices", "2025", input=source).stdout, parse_float=D)
    assert data["outcome_lines"][0]["paid"] == D("2582500")
    assert data["outcome_lines"][0]["uncapped"] == D("3718800")  # 20660 x 180


# --- the portfolio's price fixtures and the shipped scenario ----------------------------------------------------------


def test_prices_restate_each_amount_to_whole_ore_half_even():
    scenario = restate(load_path(PRICES).scenario, 2025)  # index 150 / 100
    assert scenario.price_level == 2025
    assert scenario.projects["a"].costs == {2024: D("0.08"), 2025: D("0.22")}  # 7.5 øre -> 8, 22.5 øre -> 22
    assert scenario.projects["a"].financing[0].amount == {2024: D("0.08")}
    assert scenario.projects["b"].costs == {2024: D("15.00")}
    assert scenario.projects["b"].financing[0].amount == D("5.00")  # 499.5 øre -> 500


def test_prices_to_its_own_level_changes_nothing():
    loaded = load_path(str(ROOT / "scenarios" / "2024.yaml"))
    assert with_prices(loaded, 2024).gap == loaded.gap


def test_seed_in_2025_prices():
    loaded = with_prices(load_path(str(ROOT / "scenarios" / "2024.yaml")), 2025)  # index 102.9 / 100
    assert loaded.gap.total.cost == D("10650150.00")  # 10.35 mio. x 1.029, amount by amount
    assert loaded.gap.total.financed == D("8592150.00")


def test_prices_without_price_level():
    scenario = load_path(PRICES).scenario.model_copy(update={"price_level": None})
    with pytest.raises(PriceProblem, match="needs 'price_level:'"):
        restate(scenario, 2025)


# --- a cost that restates to 0 (issue 20, 9) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "said"),
    [
        ("{2024: 0.01}", "financing line 1 of project 'p' has an amount in 2024, but the projects it covers have no "
         "cost in that year"),
        ("0.01", "the projects that financing line 1 of project 'p' covers have no cost in any year: there is "
         "nothing to split the amount over"),
    ],
)  # fmt: skip
def test_an_amount_against_a_cost_that_restates_to_0_is_amount_without_cost_in_those_prices(amount, said):
    # docs/cli.md (gap --prices), the choice: 0.01 kr. at 40/100 is 0.004, 0 øre: in 2025-priser the projects cost
    # nothing that year, and an amount needs cost to pay against (scenario-format.md); nothing is split equally
    text = head(index="{2024: 100, 2025: 40}") + (
        "projects:\n  p:\n    name: P\n    costs: {2024: 0.01}\n"
        f"    financing:\n      - source: f\n        amount: {amount}\n"
    )
    loaded = load_bytes(text.encode(), "prices.yaml")
    assert loaded.errors == [] and loaded.scenario is not None  # the file as written is valid
    restated = with_prices(loaded, 2025)
    assert restated.scenario is None
    assert [(d.code, d.line, d.message) for d in restated.errors] == [
        ("amount-without-cost", 13, f"in 2025-priser: {said}")
    ]


def test_a_surplus_beside_a_report_in_other_prices_quotes_the_figures_of_those_prices():
    """`gap --prices 2025` shows 180 against 150: its surplus warning says so, in 2025-priser, not the file's
    120 against 100 next to a table that shows neither; without the option, the file's figures as before."""
    text = head(index="{2024: 100, 2025: 150}") + (
        "projects:\n  p:\n    name: P\n    costs: {2024: 100}\n    financing:\n      - {source: f, amount: 120}\n"
    )
    written = "in 2024 financing (120 kr.) exceeds cost (100 kr.): a surplus of 20 kr., paid by the financing line here"
    restated = "in 2025-priser: in 2024 financing (180 kr.) exceeds cost (150 kr.): a surplus of 30 kr., paid by the "
    for prices, said in ((None, written), ("2025", restated + "financing line here")):
        result = invoke("gap", "-", *(["--prices", prices] if prices else []), input=text)
        assert (result.code, result.stderr) == (0, f"<stdin>:12:9: warning[surplus]: {said}\n")
