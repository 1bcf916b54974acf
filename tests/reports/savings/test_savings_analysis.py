"""The savings arithmetic (savings.py, discount.py): the contract's worked example to the øre, the edges
(a negative saving, realisation 0 % and 200 %, a flat rate), and properties that hold for any scenario."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from effektinvest.core.discount import factor, factors, npv
from effektinvest.edges.load import load_bytes
from effektinvest.reports.savings.analysis import FROM_OUTSIDE, OUTSIDE, analyse

FIXTURES = ROOT / "tests" / "fixtures"
D = Decimal


def load(text: str):
    loaded = load_bytes(text.encode(), "s.yaml")
    assert loaded.errors == [], loaded.errors
    return loaded.scenario, loaded.gap


def worked(realisation=None, rate=None):
    scenario, gap = load((FIXTURES / "savings" / "worked.yaml").read_text(encoding="utf-8"))
    return analyse(scenario, gap, realisation, rate)


def kr(value: Fraction) -> Decimal:
    """A Fraction rounded to whole øre, half to even (round() on a Fraction is half to even)."""
    return D(round(value * 100)).scaleb(-2)


# --- the worked example of the contract -----------------------------------------------------------------------------


def test_worked_example_years():
    s = worked()
    assert list(s.years) == [2024, 2025, 2026]
    y24, y25, y26 = s.years.values()
    assert (y24.cost, y24.sources["dec"].paid, y24.savings) == (1000, 500, 0)
    assert (y24.municipal_net, y24.public_net) == (-1000, -1000)
    assert (y25.cost, y25.sources["dec"].paid, y25.savings, y25.municipal_net) == (1000, 500, 600, -400)
    assert s.cumulative[2025].municipal == -1400
    assert (y26.cost, y26.municipal_savings, y26.outside_savings) == (0, 900, 500)
    assert (y26.municipal_net, s.cumulative[2026].municipal) == (900, -500)
    assert (y26.public_net, s.cumulative[2026].public) == (1400, 0)
    assert y26.sources["stat"] == (500, 0, 500)
    assert y25.sources["dec"] == (600, 500, 100)


def test_worked_example_key_figures():
    s = worked()
    assert s.break_even == (None, 2026)  # municipal none, public 2026
    assert s.wrong_pocket_share == D("0.25")
    assert s.sources["dec"] == ("decentral", D("1.5"), 0)
    assert s.sources["stat"] == ("state", None, None)  # outside: never pays, so no backing
    assert s.npv.municipal == D("-546.31")
    assert s.npv.municipal == kr(-1000 - Fraction(400) / Fraction("1.035") + Fraction(900) / Fraction("1.035") ** 2)
    assert s.benefit_cost.municipal == D("0.7221")
    # The contract writes the public NPV as -1000 - 1000/1.035 + 1400/1.035^2 = -659.27, which discounts a
    # public net of -1000 in 2025. Its own figures give 2025 a public net of -400 (savings 600 - cost 1000),
    # and only -400 makes the public cumulative 0 in 2026 (the break-even it states): -1000 - 400 + 1400.
    # With the nets the contract defines and lists, the public NPV is -79.56.
    assert s.years[2025].public_net == -400 and s.cumulative[2026].public == 0
    assert s.npv.public == D("-79.56")
    assert s.npv.public == kr(-1000 - Fraction(400) / Fraction("1.035") + Fraction(1400) / Fraction("1.035") ** 2)
    assert kr(-1000 - Fraction(1000) / Fraction("1.035") + Fraction(1400) / Fraction("1.035") ** 2) == D("-659.27")
    assert s.benefit_cost.public == D("0.9595")  # (600/1.035 + 1400/1.035^2) / (1000 + 1000/1.035)


def test_worked_example_totals():
    total = worked().total
    assert (total.cost, total.municipal_cost, total.savings) == (2000, 2000, 2000)
    assert (total.municipal_savings, total.outside_savings, total.municipal_net, total.public_net) == (
        1500,
        500,
        -500,
        0,
    )
    assert total.sources["dec"] == (1500, 1000, 500)


def test_a_flat_discount_rate():
    s = worked(rate=D("0.04"))
    assert s.npv.municipal == kr(-1000 - Fraction(400) / Fraction("1.04") + Fraction(900) / Fraction("1.04") ** 2)
    assert s.npv.municipal == D("-552.51")
    assert s.rate == D("0.04")


def test_realisation_0_and_200_percent():
    none = worked(D(0))
    assert none.total.savings == 0 and none.wrong_pocket_share is None  # no savings: no share
    assert none.sources["dec"] == ("decentral", D(0), 1000)  # nothing backs the 1000 paid
    assert none.break_even == (None, None)
    double = worked(D(2))
    assert (double.total.savings, double.total.outside_savings) == (4000, 1000)
    assert double.sources["dec"] == ("decentral", D(3), 0)
    assert double.break_even == (2026, 2026)  # -1000, -1000 + 200, + 1800
    assert double.wrong_pocket_share == D("0.25")


def test_each_amount_is_realised_and_rounded_on_its_own():
    # 0.01 x 50 % is 0.005, to even: 0.00; twice 0.005 would have made 0.01
    scenario, gap = load(
        "scenario: t\nbudget_year: 2024\nsources: {a: {name: A, kind: decentral}}\nprojects:\n"
        "  p: {name: P, costs: {2024: 1}, financing: [{source: a, share: 10%}], savings: {a: {2024: 0.01}}}\n"
        "  q: {name: Q, costs: {2024: 1}, savings: {a: {2024: 0.03}}}\n"
    )
    s = analyse(scenario, gap, D("0.5"))
    assert s.years[2024].sources["a"].savings == D("0.02")  # 0.00 + 0.02 (0.015 to even)


def test_a_negative_saving_is_an_extra_cost_in_that_pocket():
    scenario, gap = load(
        "scenario: t\nbudget_year: 2024\nunit: t.kr.\nrealisation: 50%\n"
        "sources: {a: {name: A, kind: decentral}, r: {name: R, kind: region}}\nprojects:\n"
        "  p: {name: P, costs: {2024: 10}, financing: [{source: a, share: 50%}],"
        " savings: {a: {2024: 8}, r: {2024: -2.5}}}\n"
    )
    s = analyse(scenario, gap)  # the file's realisation: 50 %
    assert s.realisation == D("0.5")
    column = s.years[2024]
    assert column.outside_savings == -1250 and column.municipal_savings == 4000
    assert column.public_net == 4000 - 1250 - 10000
    assert s.wrong_pocket_share == D("-0.4545")  # -1250 / 2750: a share of the savings that is a cost
    assert s.sources["a"] == ("decentral", D("0.8"), 1000)


def test_refund_and_external_financing_are_not_a_municipal_cost_and_back_nothing():
    scenario, gap = load(
        "scenario: t\nbudget_year: 2024\nsources: {f: {name: F, kind: refund}, x: {name: X, kind: external},"
        " u: {name: U, kind: fund}, d: {name: D}}\nprojects:\n"
        "  p: {name: P, costs: {2024: 100}, financing: [{source: f, share: 10%}, {source: x, share: 20%},"
        " {source: u, share: 30%}, {source: d, share: 5%}], savings: {d: {2024: 10}}}\n"
    )
    s = analyse(scenario, gap)
    assert s.years[2024].municipal_cost == 70
    assert [s.sources[k].backing for k in "fxu"] == [None, None, None]
    assert s.sources["d"] == (None, D(2), 0)  # a source without a kind pays and is repaid from its savings


# --- the discount factor ----------------------------------------------------------------------------------------


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


# --- properties -----------------------------------------------------------------------------------------------------

KINDS = ("decentral", "refund", "external", "fund", "state", "region", "non_decentral")
ORE = st.integers(min_value=0, max_value=10**7).map(lambda n: D(n).scaleb(-2))
SIGNED = st.integers(min_value=-(10**6), max_value=10**7).map(lambda n: D(n).scaleb(-2))
YEARS = st.integers(min_value=2024, max_value=2030)


@st.composite
def scenarios(draw):
    """A kr. scenario with every kind of source, share lines on the paying ones, and savings anywhere."""
    out = ["scenario: p", "budget_year: 2024", "sources:"]
    out += [f"  {kind}: {{name: {kind.title()}, kind: {kind}}}" for kind in KINDS]
    out.append("projects:")
    for index in range(draw(st.integers(min_value=1, max_value=3))):
        costs = draw(st.dictionaries(YEARS, ORE, min_size=1, max_size=4))
        out.append(f"  p{index}:")
        out.append(f"    name: P{index}")
        out.append("    costs: {" + ", ".join(f"{y}: {a}" for y, a in costs.items()) + "}")
        out.append("    financing:")
        for kind in ("decentral", "refund", "external", "fund", "non_decentral"):
            out.append(f"      - {{source: {kind}, share: {draw(st.integers(min_value=0, max_value=20))}%}}")
        saved = draw(st.dictionaries(st.sampled_from(KINDS), st.dictionaries(YEARS, SIGNED, min_size=1), max_size=4))
        if saved:
            out.append("    savings:")
            out += [
                f"      {sid}: {{" + ", ".join(f"{y}: {a}" for y, a in by_year.items()) + "}"
                for sid, by_year in saved.items()
            ]
    return "\n".join(out) + "\n"


REALISATIONS = st.integers(min_value=0, max_value=200).map(lambda n: D(n).scaleb(-2))


@given(scenarios(), REALISATIONS)
def test_the_total_column_is_the_sum_of_the_years(text, realisation):
    s = analyse(*load(text), realisation)
    for index, name in enumerate(s.total._fields[:-1]):
        assert s.total[index] == sum(column[index] for column in s.years.values()), name
    for sid, pocket in s.total.sources.items():
        for index in range(3):
            assert pocket[index] == sum(column.sources[sid][index] for column in s.years.values())


@given(scenarios(), REALISATIONS)
def test_public_less_municipal_net_is_outside_savings_less_outside_financing(text, realisation):
    s = analyse(*load(text), realisation)
    for column in (*s.years.values(), s.total):
        outside_financing = sum(column.sources[k].paid for k in FROM_OUTSIDE if k in column.sources)
        assert column.public_net - column.municipal_net == column.outside_savings - outside_financing
        outside = sum(column.sources[k].savings for k in OUTSIDE if k in column.sources)
        assert column.outside_savings == outside


@given(scenarios(), REALISATIONS)
def test_npv_at_a_flat_0_percent_is_the_plain_sum_of_the_nets(text, realisation):
    s = analyse(*load(text), realisation, D(0))
    assert s.npv == (s.total.municipal_net, s.total.public_net)


@given(scenarios())
def test_savings_change_nothing_in_the_gap(text):
    with_savings = load(text)[1]

    def saving(line: str) -> bool:  # the savings key, or one of its entries (financing lines start "      - ")
        return line.startswith("    savings:") or line.startswith("      ") and not line.startswith("      - ")

    without = load("\n".join(line for line in text.splitlines() if not saving(line)))[1]
    assert with_savings == without


def test_npv_rounds_once_to_whole_ore():
    df = factors([2024, 2025], 2024)
    assert npv({2024: D("0.005"), 2025: D(0)}, df) == 0  # half to even
    assert npv({2024: D("0.015"), 2025: D(0)}, df) == D("0.02")
