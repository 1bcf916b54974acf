"""arithmetic.py: the "Arithmetic" section of docs/scenario-format.md.

Every expected figure below is worked out by hand, in kr.
"""

from __future__ import annotations

import json
from decimal import Context, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from effektinvest.core.arithmetic import (
    compute,
    coverage,
    covered_cost,
    financing_lines,
    outcome_lines,
    outcome_pays,
    payments,
    pays,
)
from effektinvest.edges.load import load_bytes
from effektinvest.model import FinancingLine, Scenario
from effektinvest.model.units import Unit

D = Decimal


def make(projects: dict, financing: list | None = None, unit: str = "kr.", sources=("s",)) -> Scenario:
    return Scenario.model_validate(
        {
            "scenario": "Test",
            "budget_year": D("2024"),
            "unit": unit,
            "sources": {sid: {"name": sid.upper()} for sid in sources},
            "projects": projects,
            "financing": financing or [],
        }
    )


def line(**keys) -> FinancingLine:
    return FinancingLine.model_validate({"source": "s", **keys})


def kr(**years: str) -> dict[int, Decimal]:
    """kr(y2024="1.25") -> {2024: Decimal("1.25")}"""
    return {int(key[1:]): D(value) for key, value in years.items()}


# ---------------------------------------------------------------------------
# pays: what one line pays per year


def test_share_rounds_to_whole_ore_half_to_even():
    # 50 % of 1.25 is 0.625 -> 0.62 (down to even); 50 % of 1.35 is 0.675 -> 0.68 (up to even).
    paid = pays(line(share="50%"), kr(y2024="1.25", y2025="1.35"), Unit.KR.to_kr)
    assert paid == kr(y2024="0.62", y2025="0.68")
    # 0.5 øre -> 0; 1.5 øre -> 2 øre; 12.5 % of 0.20 = 0.025 -> 0.02; of 0.28 = 0.035 -> 0.04.
    assert pays(line(share="50%"), kr(y2024="0.01", y2025="0.03"), Unit.KR.to_kr) == kr(y2024="0", y2025="0.02")
    assert pays(line(share="12,5 %"), kr(y2024="0.20", y2025="0.28"), Unit.KR.to_kr) == kr(
        y2024="0.02", y2025="0.04"
    )


def test_share_rounds_to_nearest_ore():
    # 30 % of 10.37 = 3.111 -> 3.11; 1/3 (0.3333) of 100 = 33.33; 42.5 % of 1000.03 = 425.01275 -> 425.01.
    assert pays(line(share=D("0.3")), kr(y2024="10.37"), Unit.KR.to_kr) == kr(y2024="3.11")
    assert pays(line(share=D("0.3333")), kr(y2024="100"), Unit.KR.to_kr) == kr(y2024="33.33")
    assert pays(line(share="42,5 %"), kr(y2024="1000.03"), Unit.KR.to_kr) == kr(y2024="425.01")


def test_scalar_amount_split_in_proportion_with_ties_to_the_earlier_year():
    covered = kr(y2024="100", y2025="100", y2026="100")
    assert pays(line(amount=D("100")), covered, Unit.KR.to_kr) == kr(y2024="33.34", y2025="33.33", y2026="33.33")
    assert pays(line(amount=D("0.05")), covered, Unit.KR.to_kr) == kr(y2024="0.02", y2025="0.02", y2026="0.01")


def test_scalar_amount_in_millions_split_exactly():
    # 1 mio. kr. over cost 1:2 -> 333,333.33 (remainder 1/3) and 666,666.67 (remainder 2/3 takes the øre).
    paid = pays(line(amount=D("1")), kr(y2024="1000000", y2025="2000000"), Unit.MIO.to_kr)
    assert paid == kr(y2024="333333.33", y2025="666666.67")
    assert sum(paid.values()) == D("1000000")


def test_year_mapped_amount_pays_what_it_says():
    paid = pays(line(amount={"2024": D("1.5"), "2025": D("0.25")}), kr(y2024="2000000", y2025="10"), Unit.MIO.to_kr)
    assert paid == kr(y2024="1500000", y2025="250000")


# ---------------------------------------------------------------------------
# coverage: financed / cost, 4 decimals, half to even, none when cost is 0


@pytest.mark.parametrize(
    ("financed", "cost", "expected"),
    [
        ("1", "3", "0.3333"),
        ("2", "3", "0.6667"),
        ("1", "20000", "0.0000"),  # 0.00005: half, to even (down)
        ("3", "20000", "0.0002"),  # 0.00015: half, to even (up)
        ("0.12345", "1", "0.1234"),
        ("0.12355", "1", "0.1236"),
        ("8350000", "10350000", "0.8068"),
        ("130", "100", "1.3"),  # a surplus
        ("0", "100", "0"),
        ("100", "100", "1"),
        # a surplus of 30 digits over a tiny cost: 123456789012345678901234567891 øre / 3 øre, exact to the last place
        ("1234567890123456789012345678.91", "0.03", "41152263004115226300411522630.3333"),
    ],
)
def test_coverage(financed, cost, expected):
    assert coverage(D(financed), D(cost)) == D(expected)


@pytest.mark.parametrize("financed", ["0", "5"])
def test_coverage_is_none_when_cost_is_zero(financed):
    assert coverage(D(financed), D("0")) is None


# ---------------------------------------------------------------------------
# covered_cost and financing_lines


def test_covered_cost_sums_the_covered_projects_and_drops_years_without_cost():
    costs = {"a": kr(y2026="10", y2024="100", y2025="0"), "b": kr(y2024="50.5")}
    assert covered_cost(costs, ("a", "b")) == kr(y2024="150.5", y2026="10")
    assert list(covered_cost(costs, ("b", "a"))) == [2024, 2026]
    assert covered_cost(costs, ("b",)) == kr(y2024="50.5")
    assert covered_cost(costs, ("nobody",)) == {}
    assert covered_cost(costs, ("a", "nobody")) == kr(y2024="100", y2026="10")  # a project without costs adds none


def test_covered_cost_of_one_project_is_in_year_order():
    costs = {"a": kr(y2026="10", y2024="100", y2025="5")}  # costs as written, not in year order
    assert list(covered_cost(costs, ("a",)).items()) == [(2024, D("100")), (2025, D("5")), (2026, D("10"))]


def _covering() -> Scenario:
    return make(
        {
            "a": {"name": "A", "costs": {"2024": D("100"), "2025": D("100")},
                  "financing": [{"source": "w", "share": "10%"}]},
            "b": {"name": "B", "costs": {"2024": D("300")}},
            "c": {"name": "C", "status": "defer", "decide_at": D("2025"), "costs": {"2024": D("1000")},
                  "financing": [{"source": "w", "amount": D("999")}]},
            "d": {"name": "D", "status": "stop", "costs": {"2024": D("2000")}},
        },
        [
            {"source": "x", "share": "50%", "projects": ["a"]},
            {"source": "y", "amount": D("40")},  # default: every continued project
            {"source": "z", "share": "10%", "projects": ["a", "c", "d"]},
        ],
        sources=("w", "x", "y", "z"),
    )


def test_financing_lines_project_lines_of_continued_projects_then_top_level_lines():
    refs = list(financing_lines(_covering()))
    assert [(ref.path, ref.covers) for ref in refs] == [
        (("projects", "a", "financing", 0), ("a",)),
        (("financing", 0), ("a",)),
        (("financing", 1), ("a", "b")),
        (("financing", 2), ("a",)),
    ]


def test_top_level_lines_with_projects_and_by_default():
    gap = compute(_covering())
    assert list(gap.years) == [2024, 2025]
    y2024, y2025, total = gap.years[2024], gap.years[2025], gap.total
    # 2024: cost 100 + 300 (c and d do not count); w 10 % of a; x 50 % of a; y 40 split 400:100; z 10 % of a.
    assert y2024.costs == {"a": D("100"), "b": D("300")}
    assert y2024.cost == D("400")
    assert y2024.financing == {"w": D("10"), "x": D("50"), "y": D("32"), "z": D("10")}
    assert y2024.financed == D("102")
    assert y2024.residual == D("298")
    assert y2024.coverage == D("0.255")
    assert y2025.costs == {"a": D("100")}
    assert y2025.financing == {"w": D("10"), "x": D("50"), "y": D("8"), "z": D("10")}
    assert (y2025.cost, y2025.financed, y2025.residual, y2025.coverage) == (D("100"), D("78"), D("22"), D("0.78"))
    assert total.costs == {"a": D("200"), "b": D("300")}
    assert total.financing == {"w": D("20"), "x": D("100"), "y": D("40"), "z": D("20")}
    assert (total.cost, total.financed, total.residual, total.coverage) == (D("500"), D("180"), D("320"), D("0.36"))


# ---------------------------------------------------------------------------
# compute: whole scenarios


def test_share_line_rounding_in_a_scenario():
    gap = compute(make({"a": {"name": "A", "costs": {"2024": D("1.25"), "2025": D("1.35")}}},
                       [{"source": "s", "share": "50%"}]))
    y2024, y2025 = gap.years[2024], gap.years[2025]
    assert (y2024.financed, y2024.residual, y2024.coverage) == (D("0.62"), D("0.63"), D("0.496"))
    assert (y2025.financed, y2025.residual, y2025.coverage) == (D("0.68"), D("0.67"), D("0.5037"))
    assert (gap.total.cost, gap.total.financed, gap.total.residual) == (D("2.60"), D("1.30"), D("1.30"))
    assert gap.total.coverage == D("0.5")


def test_a_top_level_share_rounds_the_covered_cost_once():
    # Covered cost is the sum of the covered projects' costs: 50 % of 0.02 is 0.01, whereas
    # two project lines of 50 % of 0.01 each round 0.005 to 0 (half to even).
    projects = {"a": {"name": "A", "costs": {"2024": D("0.01")}}, "b": {"name": "B", "costs": {"2024": D("0.01")}}}
    pooled = compute(make(projects, [{"source": "s", "share": "50%"}]))
    assert pooled.years[2024].financed == D("0.01")
    per_project = {pid: {**p, "financing": [{"source": "s", "share": "50%"}]} for pid, p in projects.items()}
    separate = compute(make(per_project))
    assert separate.years[2024].financed == D("0")
    assert separate.years[2024].residual == D("0.02")


def test_scalar_amount_split_ties_in_a_scenario():
    gap = compute(make({"a": {"name": "A", "costs": {"2024": D("10"), "2025": D("10"), "2026": D("10")}}},
                       [{"source": "s", "amount": D("0.05")}]))
    assert [gap.years[y].financing["s"] for y in (2024, 2025, 2026)] == [D("0.02"), D("0.02"), D("0.01")]
    assert gap.total.financed == D("0.05")


def test_surplus_is_a_negative_residual():
    gap = compute(make({"a": {"name": "A", "costs": {"2024": D("100"), "2025": D("100")}}},
                       [{"source": "s", "amount": {"2024": D("130")}}]))
    y2024, y2025 = gap.years[2024], gap.years[2025]
    assert (y2024.financed, y2024.residual, y2024.coverage) == (D("130"), D("-30"), D("1.3"))
    assert (y2025.financed, y2025.residual, y2025.coverage) == (D("0"), D("100"), D("0"))
    assert y2025.financing == {}
    assert (gap.total.financed, gap.total.residual, gap.total.coverage) == (D("130"), D("70"), D("0.65"))


def test_coverage_none_in_a_year_with_zero_cost():
    gap = compute(make({"a": {"name": "A", "costs": {"2024": D("0"), "2025": D("100")}}},
                       [{"source": "s", "share": "50%"}]))
    assert list(gap.years) == [2024, 2025]
    y2024 = gap.years[2024]
    assert (y2024.cost, y2024.financed, y2024.residual, y2024.coverage) == (D("0"), D("0"), D("0"), None)
    assert gap.years[2025].coverage == D("0.5")
    assert gap.total.coverage == D("0.5")


def test_deferred_and_stopped_projects_do_not_count():
    gap = compute(make(
        {
            "a": {"name": "A", "costs": {"2024": D("100")}},
            "b": {"name": "B", "status": "stop", "costs": {"2024": D("50"), "2027": D("70")},
                  "financing": [{"source": "s", "share": "100%"}]},
            "c": {"name": "C", "status": "defer", "decide_at": D("2025"), "costs": {"2025": D("40")},
                  "financing": [{"source": "s", "amount": {"2025": D("40")}}]},
        },
        [{"source": "s", "share": "10%"}],
    ))
    assert list(gap.years) == [2024]  # 2025 and 2027 have only deferred or stopped costs
    column = gap.years[2024]
    assert column.costs == {"a": D("100")}
    assert (column.cost, column.financed, column.residual, column.coverage) == (D("100"), D("10"), D("90"), D("0.1"))
    assert gap.total.costs == {"a": D("100")}
    assert (gap.total.cost, gap.total.financed, gap.total.residual) == (D("100"), D("10"), D("90"))


def test_several_lines_of_one_source_add_up_per_source():
    gap = compute(make(
        {
            "a": {"name": "A", "costs": {"2024": D("200"), "2025": D("100")},
                  "financing": [{"source": "s", "share": "20%"}, {"source": "t", "amount": D("30")}]},
            "b": {"name": "B", "costs": {"2024": D("100")},
                  "financing": [{"source": "s", "amount": {"2024": D("5")}}]},
        },
        [{"source": "s", "amount": D("40")}, {"source": "t", "share": "1%"}],
        sources=("s", "t"),
    ))
    # 2024 (cost 300): s = 40 (20 % of 200) + 5 + 40 x 300/400 = 75; t = 30 x 2/3 = 20, + 3 (1 % of 300).
    # 2025 (cost 100): s = 20 + 40 x 100/400 = 30; t = 10 + 1.
    assert gap.years[2024].financing == {"s": D("75"), "t": D("23")}
    assert gap.years[2025].financing == {"s": D("30"), "t": D("11")}
    assert gap.total.financing == {"s": D("105"), "t": D("34")}
    assert (gap.years[2024].financed, gap.years[2024].residual) == (D("98"), D("202"))
    assert (gap.years[2025].financed, gap.years[2025].residual) == (D("41"), D("59"))
    assert (gap.total.financed, gap.total.residual) == (D("139"), D("261"))


def test_payments_per_line():
    scenario = make({"a": {"name": "A", "costs": {"2024": D("100"), "2025": D("300")},
                           "financing": [{"source": "s", "amount": D("10")}]}},
                    [{"source": "s", "share": "25%"}])
    assert [(ref.path, paid) for ref, paid in payments(scenario)] == [
        (("projects", "a", "financing", 0), kr(y2024="2.5", y2025="7.5")),
        (("financing", 0), kr(y2024="25", y2025="75")),
    ]


def test_thousands_are_converted_to_kr_exactly():
    gap = compute(make({"a": {"name": "A", "costs": {"2024": D("1.5"), "2025": D("0.00125")}}},
                       [{"source": "s", "amount": {"2024": D("0.75")}}, {"source": "s", "share": "10%"}],
                       unit="t.kr."))
    assert gap.years[2024].costs == {"a": D("1500")}
    assert gap.years[2025].costs == {"a": D("1.25")}
    # 750 + 10 % of 1500; 10 % of 1.25 = 0.125 -> 0.12 (half to even)
    assert gap.years[2024].financing == {"s": D("900")}
    assert gap.years[2025].financing == {"s": D("0.12")}
    assert (gap.total.cost, gap.total.financed, gap.total.residual) == (D("1501.25"), D("900.12"), D("601.13"))


def test_millions_are_converted_to_kr_exactly():
    gap = compute(make({"a": {"name": "A", "costs": {"2024": D("2"), "2025": D("1.00000001")}}},
                       [{"source": "s", "amount": {"2024": D("1.5"), "2025": D("0.25")}}],
                       unit="mio. kr."))
    assert gap.years[2024].cost == D("2000000")
    assert gap.years[2025].cost == D("1000000.01")
    assert gap.years[2024].financing == {"s": D("1500000")}
    assert gap.years[2025].financing == {"s": D("250000")}
    assert gap.years[2024].residual == D("500000")
    assert gap.years[2025].residual == D("750000.01")
    assert gap.total.residual == D("1250000.01")


SEED = """\
scenario: "Budget 2024: Videreførelse af Housing First-projekterne"
budget_year: 2024
unit: mio. kr.
price_level: 2024
sources:
  sfb: {name: Sociale Forhold og Beskæftigelse, kind: decentral}
  ikke_decentral: {name: Ikke-decentraliserede budgetter, kind: non_decentral}
  outcomefonden: {name: Outcomefonden, kind: fund}
projects:
  havnen:
    name: Havnen
    costs: {2024: 2.48, 2025: 3.72}
  hjem_job_helhed:
    name: Hjem, Job og Helhed
    costs: {2024: 1.66, 2025: 2.49}
  dialog_mod_vold:
    name: Dialog mod Vold
    status: defer
    decide_at: 2025
financing:
  - {source: sfb, amount: 3.2}
  - {source: sfb, amount: 1.2}
  - {source: ikke_decentral, amount: 1.9}
  - {source: outcomefonden, amount: 2.05}
"""


def test_the_budget_note_2024():
    """10,35 mio. kr. in all; 4,4 + 1,9 + 2,05 mio. kr. of financing; 2,0 mio. kr. remains."""
    loaded = load_bytes(SEED.encode(), "2024.yaml")
    assert [d for d in loaded.diagnostics if d.is_error] == []
    gap = loaded.gap
    assert gap is not None
    assert list(gap.years) == [2024, 2025]
    # Cost 4.14 : 6.21 = 40 % : 60 %, so each amount splits 40/60 exactly.
    y2024, y2025, total = gap.years[2024], gap.years[2025], gap.total
    assert y2024.costs == {"havnen": D("2480000"), "hjem_job_helhed": D("1660000")}
    assert y2024.financing == {"sfb": D("1760000"), "ikke_decentral": D("760000"), "outcomefonden": D("820000")}
    assert (y2024.cost, y2024.financed, y2024.residual, y2024.coverage) == (
        D("4140000"), D("3340000"), D("800000"), D("0.8068"))
    assert y2025.financing == {"sfb": D("2640000"), "ikke_decentral": D("1140000"), "outcomefonden": D("1230000")}
    assert (y2025.cost, y2025.financed, y2025.residual, y2025.coverage) == (
        D("6210000"), D("5010000"), D("1200000"), D("0.8068"))
    assert total.costs == {"havnen": D("6200000"), "hjem_job_helhed": D("4150000")}
    assert total.financing == {"sfb": D("4400000"), "ikke_decentral": D("1900000"), "outcomefonden": D("2050000")}
    assert (total.cost, total.financed, total.residual, total.coverage) == (
        D("10350000"), D("8350000"), D("2000000"), D("0.8068"))


# ---------------------------------------------------------------------------
# Properties of whole scenarios

YEARS = list(range(2024, 2030))
UNITS = list(Unit)
SOURCES = ("s0", "s1", "s2")


def _in_unit(ore: int, unit: Unit) -> Decimal:
    return unit.from_kr(D(ore).scaleb(-2))


@st.composite
def scenarios(draw):
    """A valid scenario, with the costs in øre of its continued projects alongside."""
    unit = draw(st.sampled_from(UNITS))
    amounts = st.integers(min_value=0, max_value=10**11)
    projects: dict = {}
    active_ore: dict[str, dict[int, int]] = {}
    for index in range(draw(st.integers(min_value=1, max_value=4))):
        pid = f"p{index}"
        status = draw(st.sampled_from(["continue", "continue", "continue", "defer", "stop"]))
        years = draw(st.lists(st.sampled_from(YEARS), min_size=1, max_size=4, unique=True))
        ore = {year: draw(amounts) for year in years}
        project: dict = {"name": pid.upper(), "status": status,
                         "costs": {str(year): _in_unit(o, unit) for year, o in ore.items()}}
        if status == "defer":
            project["decide_at"] = D("2025")
        if status == "continue":
            active_ore[pid] = ore
        project["financing"] = draw(_lines(unit, ore, allow_share=True))
        projects[pid] = project
    pooled = []
    share_used = False
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        names = draw(st.none() | st.lists(st.sampled_from(sorted(projects)), min_size=1, max_size=3, unique=True))
        covered: dict[int, int] = {}
        for pid in active_ore if names is None else [p for p in names if p in active_ore]:
            for year, o in active_ore[pid].items():
                covered[year] = covered.get(year, 0) + o
        lines = draw(_lines(unit, covered, allow_share=not share_used, max_size=1))
        for item in lines:
            share_used = share_used or "share" in item
            if names is not None:
                item["projects"] = names
        pooled += lines
    raw = {
        "scenario": "Generated", "budget_year": D("2024"), "unit": unit.value,
        "sources": {sid: {"name": sid} for sid in SOURCES}, "projects": projects, "financing": pooled,
    }
    return Scenario.model_validate(raw), active_ore, _yaml(raw)


def _yaml(value) -> str:
    """VALUE as a one-line YAML flow document: decimals written plainly, texts double-quoted."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_yaml(key)}: {_yaml(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(item) for item in value) + "]"
    if isinstance(value, Decimal):
        return format(value, "f")
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def _lines(draw, unit: Unit, covered_ore: dict[int, int], allow_share: bool, max_size: int = 3):
    """Financing lines valid for a covered cost: at most one share (of at most 50 %), amounts only on cost."""
    positive = sorted(year for year, o in covered_ore.items() if o > 0)
    kinds = ["share"] if allow_share else []
    if positive:
        kinds += ["amount", "by-year"]
    out = []
    for _ in range(draw(st.integers(min_value=0, max_value=max_size))):
        if not kinds:
            break
        kind = draw(st.sampled_from(kinds))
        item: dict = {"source": draw(st.sampled_from(SOURCES))}
        if kind == "share":
            kinds.remove("share")
            tenths = D(draw(st.integers(min_value=0, max_value=500))).scaleb(-1)
            if draw(st.booleans()):
                item["share"] = f"{tenths}%".replace(".", draw(st.sampled_from([".", ","])))
            else:
                item["share"] = tenths.scaleb(-2)
        elif kind == "amount":
            item["amount"] = _in_unit(draw(st.integers(min_value=0, max_value=10**11)), unit)
        else:
            years = draw(st.lists(st.sampled_from(positive), min_size=1, unique=True))
            item["amount"] = {str(y): _in_unit(draw(st.integers(min_value=0, max_value=10**11)), unit) for y in years}
        out.append(item)
    return out


def _whole_ore(amount: Decimal) -> bool:
    return amount == amount.quantize(D("0.01"))


@settings(max_examples=75, deadline=None)
@given(scenarios())
def test_residual_plus_financed_is_cost_and_total_is_the_sum_of_years(drawn):
    scenario, active_ore, text = drawn
    loaded = load_bytes(text.encode(), "generated.yaml")
    assert loaded.errors == []  # the generator makes valid scenarios
    gap = compute(scenario)
    assert loaded.gap == gap  # the file, read and checked, gives the same figures
    years = sorted({year for ore in active_ore.values() for year in ore})
    assert list(gap.years) == years
    for year, column in gap.years.items():
        expected_cost = D(sum(ore.get(year, 0) for ore in active_ore.values())).scaleb(-2)
        assert column.cost == expected_cost
        assert column.cost == sum(column.costs.values(), D(0))
        assert column.financed == sum(column.financing.values(), D(0))
        assert column.residual + column.financed == column.cost
        assert _whole_ore(column.financed)
        if column.cost == 0:
            assert column.coverage is None
        else:
            exact = Fraction(column.financed) / Fraction(column.cost)
            assert abs(Fraction(column.coverage) - exact) <= Fraction(1, 20000)
    total = gap.total
    columns = list(gap.years.values())
    assert total.cost == sum((c.cost for c in columns), D(0))
    assert total.financed == sum((c.financed for c in columns), D(0))
    assert total.residual == sum((c.residual for c in columns), D(0))
    assert total.residual + total.financed == total.cost
    for pid in total.costs:
        assert total.costs[pid] == sum((c.costs.get(pid, D(0)) for c in columns), D(0))
    assert set(total.costs) == {pid for c in columns for pid in c.costs}
    for sid in total.financing:
        assert total.financing[sid] == sum((c.financing.get(sid, D(0)) for c in columns), D(0))
    assert set(total.financing) == {sid for c in columns for sid in c.financing}
    assert total.coverage == coverage(total.financed, total.cost)


@settings(max_examples=75, deadline=None)
@given(scenarios())
def test_every_scalar_amount_is_paid_in_full(drawn):
    scenario, _, _ = drawn
    to_kr = scenario.unit.to_kr
    for ref, paid in payments(scenario):
        assert all(_whole_ore(amount) and amount >= 0 for amount in paid.values())
        if ref.line.amount is not None and not isinstance(ref.line.amount, dict):
            assert sum(paid.values(), D(0)) == to_kr(ref.line.amount)


# --- cases that a 28-digit default decimal context, a lost message or a lost order would break -------------------

BIG = "12345678901234567890123.456789"  # 29 digits: beyond the default decimal context's 28


def test_amounts_beyond_28_digits_stay_exact():
    from effektinvest.edges.load import load_bytes

    text = (
        "scenario: Stort\nbudget_year: 2024\nunit: mio. kr.\nsources:\n  z: {name: Z}\n  a: {name: A}\n"
        f"projects:\n  p: {{name: P, costs: {{2024: {BIG}, 2025: {BIG}}}, financing: [{{source: z, share: 0.5}}]}}\n"
        f"  q: {{name: Q, costs: {{2024: {BIG}}}}}\n"
        f"financing:\n  - {{source: a, amount: {BIG}}}\n  - {{source: a, amount: {{2025: {BIG}}}}}\n"
    )
    loaded = load_bytes(text.encode(), "big.yaml")
    assert loaded.errors == []
    gap = loaded.gap
    with localcontext(Context(prec=100)):  # the expectations too must be exact
        kr = Decimal(BIG).scaleb(6)  # 12345678901234567890123456789
        _check_big(gap, kr)


def _check_big(gap, kr):
    assert gap.years[2024].cost == 2 * kr
    assert gap.years[2024].financing["z"] == kr / 2  # share x cost, exact before the øre rounding
    assert gap.total.cost == 3 * kr
    # the scalar amount is split 2:1 over 2024 and 2025 by covered cost (2 kr : 1 kr), in whole øre
    a_parts = [gap.years[2024].financing["a"], gap.years[2025].financing["a"] - kr]
    assert sum(a_parts) == kr and a_parts[0] == (kr * 2 / 3).quantize(Decimal("0.01"))
    assert gap.total.financed == gap.total.cost - gap.total.residual
    assert gap.total.coverage == (gap.total.financed / gap.total.cost).quantize(Decimal("0.0001"))


def test_sources_stay_in_file_order_not_alphabetical():
    from effektinvest.edges.load import load_bytes

    text = (
        "scenario: Orden\nbudget_year: 2024\nsources:\n  zeta: {name: Z}\n  alfa: {name: A}\n  mid: {name: M}\n"
        "projects:\n  p:\n    name: P\n    costs: {2024: 100}\n    financing:\n"
        "      - {source: mid, amount: 1}\n      - {source: alfa, amount: 2}\n      - {source: zeta, amount: 3}\n"
    )
    gap = load_bytes(text.encode(), "o.yaml").gap
    assert list(gap.years[2024].financing) == ["zeta", "alfa", "mid"]
    assert list(gap.total.financing) == ["zeta", "alfa", "mid"]


def test_a_source_that_pays_nothing_is_not_listed():
    from effektinvest.edges.load import load_bytes

    text = (
        "scenario: Nul\nbudget_year: 2024\nsources:\n  f: {name: F}\n  g: {name: G}\n"
        "projects:\n  p:\n    name: P\n    costs: {2024: 100}\n    financing:\n"
        "      - {source: f, share: \"0%\"}\n      - {source: g, amount: 10}\n"
    )
    gap = load_bytes(text.encode(), "n.yaml").gap
    assert gap.years[2024].financing == {"g": Decimal(10)}
    assert gap.total.financing == {"g": Decimal(10)}


# --- an amount line after a share line: paid in full, and checked -----------------------------------------------

AFTER_SHARE = """\
scenario: Andel, så beløb
budget_year: 2024
sources:
  dept: {name: Afdelingen}
  fund: {name: Fonden}
projects:
  a:
    name: A
    costs: {2024: 100, 2025: 300}
    financing:
      - {source: dept, share: "10%"}
      - {source: fund, amount: {2024: 20, 2025: 30}}
financing:
  - {source: dept, share: "5%"}
  - {source: fund, amount: 40}
"""


def test_amount_lines_after_share_lines_are_paid():
    loaded = load_bytes(AFTER_SHARE.encode(), "after_share.yaml")
    assert loaded.diagnostics == []
    # 2024: dept 10 % + 5 % of 100; fund 20 + 40 x 100/400. 2025: dept 30 + 15; fund 30 + 40 x 300/400.
    assert loaded.gap.years[2024].financing == {"dept": D("15"), "fund": D("30")}
    assert loaded.gap.years[2025].financing == {"dept": D("45"), "fund": D("60")}
    assert (loaded.gap.total.financed, loaded.gap.total.residual) == (D("150"), D("250"))


def test_an_amount_in_a_year_without_cost_after_a_share_line_gives_no_figures():
    """The amount for 2026 cannot be paid (no cost that year): an error at its year, not a report without it."""
    text = AFTER_SHARE.replace("{2024: 20, 2025: 30}", "{2024: 20, 2025: 30, 2026: 50}")
    loaded = load_bytes(text.encode(), "after_share.yaml")
    assert [(d.code, d.line, d.column) for d in loaded.diagnostics] == [("amount-without-cost", 12, 53)]
    assert loaded.scenario is None and loaded.gap is None


# --- 30 digits (the most an amount may have) in kr.: beyond the 28 digits of a default decimal context -------------

THIRTY = """\
scenario: Tredive cifre
budget_year: 2024
sources:
  f: {name: F}
  g: {name: G}
projects:
  p: {name: P, costs: {2024: 99999999999999999999999999998}}
  q: {name: Q, costs: {2024: 1, 2025: 100000000000000000000000000000}}
  r:
    name: R
    costs: {2026: 100000000000000000000000000000}
    financing:
      - {source: g, amount: 1234567890123456789012345678.91}
financing:
  - {source: f, amount: 0.01, projects: [p, q]}
"""


def test_one_ore_goes_to_the_year_with_the_larger_exact_covered_cost():
    # f covers p and q: 99999999999999999999999999999 kr. in 2024 (28 digits would make it 10**29), 10**29 kr. in
    # 2025. Its one øre goes by largest remainder to 2025, the larger covered cost, not to 2024 as a tie would.
    loaded = load_bytes(THIRTY.encode(), "thirty.yaml")
    assert loaded.diagnostics == []
    assert loaded.gap.years[2024].financing == {}
    assert loaded.gap.years[2025].financing == {"f": D("0.01")}


def test_a_thirty_digit_amount_is_paid_to_the_ore():
    column = load_bytes(THIRTY.encode(), "thirty.yaml").gap.years[2026]
    assert column.financing == {"g": D("1234567890123456789012345678.91")}
    assert column.residual == D("98765432109876543210987654321.09")


def test_a_file_with_only_deferred_projects_reports_a_total_of_zero():
    from conftest import invoke

    text = (
        "scenario: Kun udskudt\nbudget_year: 2024\nsources:\n  f: {name: F}\nprojects:\n"
        "  p: {name: P, status: defer, decide_at: 2025, costs: {2025: 100}}\n"
        "financing:\n  - {source: f, share: 0.5}\n"
    )
    loaded = load_bytes(text.encode(), "deferred.yaml")
    assert loaded.diagnostics == [] and loaded.gap.years == {}
    total = loaded.gap.total
    assert (total.cost, total.financing, total.financed, total.residual, total.coverage) == (0, {}, 0, 0, None)
    for fmt in ("table", "json", "csv", "markdown"):  # every format shows the empty total, none fails
        result = invoke("gap", "-", "--format", fmt, input=text)
        assert result.code == 0, result.stderr
    report = json.loads(invoke("gap", "-", "--format", "json", input=text).stdout)
    assert report["years"] == [] and report["total"] == {
        "cost": 0, "financing": {}, "financed": 0, "residual": 0, "coverage": None
    }


# --- outcome lines (format 1.2): tariff x count to whole øre, the cap -------------------------------------------------


CAP = ROOT / "tests" / "fixtures" / "format12" / "outcome_cap.yaml"


def scenario(source: str):
    loaded = load_bytes(source.encode(), "t.yaml")
    assert loaded.errors == [], loaded.errors
    return loaded.scenario


def test_the_cap_binds_mid_year_and_then_the_line_pays_nothing():
    s = scenario(CAP.read_text(encoding="utf-8"))
    line = s.financing[0]
    assert outcome_pays(line, s.unit.to_kr) == ({2024: D(800000), 2025: D(1200000), 2026: D(500000)}, D(3600000))
    [totals] = outcome_lines(s)
    assert (totals.uncapped, totals.paid, totals.capped_by) == (D(3600000), D(2500000), D(1100000))
    assert totals.ref.path == ("financing", 0)
    later = line.model_copy(update={"outcomes": {**line.outcomes, 2027: 5}})
    assert outcome_pays(later, s.unit.to_kr)[0][2027] == 0


def test_payments_are_in_kr_in_ascending_years_and_the_cap_is_in_the_files_unit():
    source = (
        "scenario: T\nbudget_year: 2024\nunit: t.kr.\nsources:\n  f: {name: F}\nprojects:\n"
        "  a: {name: A, costs: {2024: 100, 2025: 100, 2026: 100}}\n"
        "financing:\n  - {source: f, tariff: 0.01234, outcomes: {2026: 3, 2024: 1000, 2025: 7}, cap: 12.4}\n"
    )
    s = scenario(source)
    paid, uncapped = outcome_pays(s.financing[0], s.unit.to_kr)
    assert list(paid) == [2024, 2025, 2026]  # ascending, whatever the order written
    assert paid == {2024: D("12340.00"), 2025: D("60.00"), 2026: D("0.00")}  # the cap: 12400 kr.
    assert uncapped == D("12340") + D("86.38") + D("37.02")
    [totals] = outcome_lines(s)
    assert totals.capped_by == D("63.40")


def test_an_outcome_line_of_a_stopped_project_pays_nothing_and_is_not_listed():
    source = CAP.read_text(encoding="utf-8").replace(
        "financing:\n",
        "  b:\n    name: B\n    status: stop\n    financing:\n"
        "      - {source: fond, tariff: 1, outcomes: {2024: 1}}\nfinancing:\n",
    )
    s = scenario(source)
    assert [o.ref.path for o in outcome_lines(s)] == [("financing", 0)]
    assert sum(by_year.get(2024, 0) for _, by_year in payments(s)) == 800000
