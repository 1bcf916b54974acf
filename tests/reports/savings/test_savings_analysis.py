"""reports/savings/analysis.py, the savings arithmetic: the contract's worked example to the øre, the edges (a
negative saving, realisation 0 % and 200 %, a flat rate, figures of any size a file allows), and properties that
hold for any scenario. (The discount factor is in core/test_discount.py.)"""

import json
from decimal import Decimal, localcontext
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from conftest import DECENTRAL_HEAD, ROOT, invoke, savings_json, write_scenario
from drawn import savings_scenarios
from effektinvest.edges.load import load_bytes
from effektinvest.model.numbers import EXACT
from effektinvest.reports.savings.analysis import FROM_OUTSIDE, OUTSIDE, analyse, sensitivity

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
    assert y26.sources["stat"] == (500, 0, 500, 0, 0)  # nothing repaid or received (format 1.3)
    assert y25.sources["dec"] == (600, 500, 100, 0, 0)


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
    assert total.sources["dec"] == (1500, 1000, 500, 0, 0)


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


# --- properties -----------------------------------------------------------------------------------------------------


REALISATIONS = st.integers(min_value=0, max_value=200).map(lambda n: D(n).scaleb(-2))


@given(savings_scenarios(), REALISATIONS)
def test_the_total_column_is_the_sum_of_the_years(text, realisation):
    s = analyse(*load(text), realisation)
    for index, name in enumerate(s.total._fields[:-1]):
        assert s.total[index] == sum(column[index] for column in s.years.values()), name
    for sid, pocket in s.total.sources.items():
        for index in range(3):
            assert pocket[index] == sum(column.sources[sid][index] for column in s.years.values())


@given(savings_scenarios(), REALISATIONS)
def test_public_less_municipal_net_is_outside_savings_less_outside_financing(text, realisation):
    s = analyse(*load(text), realisation)
    for column in (*s.years.values(), s.total):
        outside_financing = sum(column.sources[k].paid for k in FROM_OUTSIDE if k in column.sources)
        assert column.public_net - column.municipal_net == column.outside_savings - outside_financing
        outside = sum(column.sources[k].savings for k in OUTSIDE if k in column.sources)
        assert column.outside_savings == outside


@given(savings_scenarios(), REALISATIONS)
def test_npv_at_a_flat_0_percent_is_the_plain_sum_of_the_nets(text, realisation):
    s = analyse(*load(text), realisation, D(0))
    assert s.npv == (s.total.municipal_net, s.total.public_net)


# --- what mutation testing found untested (docs/testing.md) -----------------------------------------------------------


def test_a_29_digit_realisation_is_applied_exactly(tmp_path):
    # 1 øre x (0.5 + 1e-29) is just over half an øre: 0.01. At 28 digits the realisation would be 0.5, and half an
    # øre rounds to even: 0.00 (kills `realisation.scaleb(scale, None)`, the default 28-digit context).
    path = write_scenario(
        tmp_path,
        DECENTRAL_HEAD + "projects:\n  p:\n    name: P\n    costs: {2024: 100}\n    savings:\n"
        "      dec: {2025: 0.01}\n",
    )
    data = savings_json(path, "--realisation", "0.50000000000000000000000000001")
    assert data["years"][1]["sources"]["dec"]["savings"] == D("0.01")
    assert data["total"]["savings"] == D("0.01")


def test_a_source_that_saves_but_pays_nothing_has_no_backing(tmp_path):
    # `dec` pays nothing (the line is on `kasse`): no backing and no shortfall, not a shortfall of 0.
    path = write_scenario(
        tmp_path,
        DECENTRAL_HEAD + "  kasse: {name: Kassen, kind: non_decentral}\n"
        "projects:\n  p:\n    name: P\n    costs: {2024: 100}\n"
        "    financing:\n      - {source: kasse, share: 100%}\n    savings:\n      dec: {2025: 40}\n",
    )
    data = savings_json(path)
    assert data["sources"] == {
        "dec": {"kind": "decentral", "backing": None, "shortfall": None},
        "kasse": {"kind": "non_decentral", "backing": 0, "shortfall": 100},
    }


def test_a_file_whose_only_project_is_deferred_totals_0(tmp_path):
    # No year to sum: the total is 0 in every figure (kills `sum(...)` without its Decimal start, which crashed).
    path = write_scenario(
        tmp_path,
        DECENTRAL_HEAD + "projects:\n  p:\n    name: P\n    status: defer\n    decide_at: 2026\n"
        "    costs: {2024: 100}\n"
        "    savings:\n      dec: {2025: 1}\n",
    )
    data = savings_json(path)
    assert data["years"] == []
    assert data["total"] == {
        "cost": 0, "municipal_cost": 0, "savings": 0, "municipal_savings": 0, "outside_savings": 0,
        "municipal_net": 0, "public_net": 0, "sources": {},
    }  # fmt: skip
    assert data["npv"] == {"municipal": 0, "public": 0}
    for fmt in ("table", "csv", "markdown"):
        assert invoke("savings", path, "--format", fmt).code == 0, fmt


def test_sensitivity_is_the_view_at_each_realisation_in_the_order_given():
    scenario, gap = load(
        DECENTRAL_HEAD + "projects:\n  p:\n    name: P\n    costs: {2024: 1000}\n    financing:\n"
        "      - {source: dec, share: 50%}\n    savings:\n      dec: {2025: 600, 2026: 0.03}\n"
    )
    views = sensitivity(scenario, gap, [D("0.5"), D(1), D("1.5")], D("0"))
    assert [v.realisation for v in views] == [D("0.5"), 1, D("1.5")]
    assert [v.rate for v in views] == [0, 0, 0]
    assert [v.total.savings for v in views] == [D("300.02"), D("600.03"), D("900.04")]  # 0.015 and 0.045: to even
    assert [v.npv.municipal for v in views] == [D("-699.98"), D("-399.97"), D("-99.96")]  # at 0 %: the plain sums
    assert views[1] == analyse(scenario, gap, D(1), D(0))


# --- any figure a file allows: no traceback from a rounding to øre or 4 decimals (found by an outside review) ---------


FORMATS = ["table", "json", "csv", "csv-da", "markdown", "xlsx"]


# A refund-like (external) outcome line of 30-digit tariff x 30-digit count: the municipal cost, and so the
# municipal net, has 57 digits before the point, which a 50-digit context cannot round to øre.
HUGE_OUTCOMES = """\
scenario: Stor
budget_year: 2024
unit: kr.
sources:
  fond: {name: Fond, kind: external}
projects:
  a:
    name: A
    costs: {2024: 1000}
    financing:
      - {source: fond, tariff: 999999999999999999999999999.99, outcomes: {2024: 999999999999999999999999999999}}
"""


# A price index from 1e-28 to a 28-digit number: every amount restated in 2025 prices by a factor of ~1e56.
WIDE_INDEX = """\
scenario: Indeks
budget_year: 2024
unit: kr.
price_level: 2024
price_index: {2024: 0.0000000000000000000000000001, 2025: 9999999999999999999999999999}
sources:
  dep: {name: Afdelingen}
projects:
  a:
    name: A
    costs: {2024: 99999999999999999999999999.99}
    savings:
      dep: {2024: 1}
"""


# A saving 300 years before the budget year, discounted at 99 %: DF = 1.99^300 (~1e89), against a cost of one
# øre: a benefit-cost ratio of ~1e118, which a 50-digit context cannot round to 4 decimals.
FAR_BACK = """\
scenario: Langt
budget_year: 2200
unit: kr.
sources:
  dep: {name: Afdelingen}
projects:
  a:
    name: A
    costs: {2200: 0.01}
    savings:
      dep: {1900: 999999999999999999999999999.99}
"""


def _savings(tmp_path, text: str, *args: str) -> dict:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    assert invoke("check", path).code == 0
    for fmt in FORMATS:  # every format: exit 0, never a traceback
        result = invoke("savings", path, *args, "-f", fmt, *(["-o", tmp_path / "s.xlsx", "--force"] * (fmt == "xlsx")))
        assert result.code == 0 and "Traceback" not in result.stderr, (fmt, result.stderr[-2000:])
    result = invoke("savings", path, *args, "-f", "json")
    return json.loads(result.stdout, parse_float=D, parse_int=D)


def test_npv_of_a_57_digit_net_is_rounded_to_ore(tmp_path):
    data = _savings(tmp_path, HUGE_OUTCOMES)
    paid = D("999999999999999999999999999989000000000000000000000000000.01")  # tariff x count, to øre
    assert data["total"]["sources"]["fond"]["paid"] == paid
    assert data["total"]["municipal_net"] == EXACT.subtract(paid, 1000)
    # the net at 50 significant digits (DF(0) = 1), then to whole øre: the øre of a 59-digit figure are 0
    assert data["npv"] == {"municipal": D("999999999999999999999999999989000000000000000000000000000"), "public": -1000}
    assert data["benefit_cost"] == {"municipal": 0, "public": 0}  # 0 / a negative cost is 0, not -0
    assert "-0" not in json.dumps(data["benefit_cost"], default=str)


def test_npv_of_amounts_restated_by_a_wide_price_index(tmp_path):
    data = _savings(tmp_path, WIDE_INDEX, "--prices", "2025")
    with localcontext(EXACT):
        factor = D(9999999999999999999999999999) / D("0.0000000000000000000000000001")
        cost = D("99999999999999999999999999.99") * factor
        net = factor - cost
        rounded = net.quantize(D(1).scaleb(82 - 50))  # 50 significant digits, then øre: nothing more
    assert data["total"]["cost"] == cost and data["total"]["savings"] == factor
    assert data["total"]["public_net"] == net and net.adjusted() == 81  # 82 digits
    assert data["npv"] == {"municipal": rounded, "public": rounded}
    assert data["npv"]["public"] == D("-9999999999999999999999999898E+54")
    assert data["benefit_cost"]["public"] == D("0.0000")  # 1e55 / 1e82


def test_a_benefit_cost_ratio_of_118_digits_is_rounded_to_4_decimals(tmp_path):
    data = _savings(tmp_path, FAR_BACK, "--discount", "99%")
    ratio_ = data["benefit_cost"]["public"]
    exact = Fraction(D("999999999999999999999999999.99")) * Fraction(199, 100) ** 300 / Fraction(1, 100)
    assert ratio_ == data["benefit_cost"]["municipal"] and ratio_ == ratio_.to_integral_value()
    assert len(str(ratio_)) == 119 and abs(Fraction(ratio_) / exact - 1) < Fraction(1, 10**45)
    assert data["npv"]["public"] == data["npv"]["municipal"] and len(str(data["npv"]["public"])) == 117
