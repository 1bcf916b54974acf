"""Outcome payment lines (format 1.2) in the figures: tariff x count to whole øre, the cap, `gap`'s table and
its JSON `outcome_lines`, `--unit` and `--prices`; and that savings and realisation never change `gap`."""

import json
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import drawn_scenarios, invoke, text, written
from effektinvest.core.arithmetic import outcome_lines, outcome_pays, payments
from effektinvest.edges.load import load_bytes
from effektinvest.model.units import Unit

D = Decimal
ROOT = Path(__file__).resolve().parent.parent
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


def test_gap_json_adds_outcome_lines_with_exact_figures():
    result = invoke("gap", CAP, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout, parse_float=D)
    assert data["outcome_lines"] == [
        {
            "source": "fond",
            "tariff": 20000,
            "outcomes": {"2024": 40, "2025": 60, "2026": 80},
            "uncapped": 3600000,
            "paid": 2500000,
            "capped_by": 1100000,
        }
    ]
    assert [year["financing"] for year in data["years"]] == [{"fond": 800000}, {"fond": 1200000}, {"fond": 500000}]
    assert [year["residual"] for year in data["years"]] == [200000, 300000, 1500000]
    assert data["total"]["financed"] == 2500000
    assert list(data).index("outcome_lines") == list(data).index("total") + 1


def test_gap_table_shows_the_capped_payments_under_the_source():
    result = invoke("gap", CAP)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "Outcomefonden" in line)
    assert [cell.strip() for cell in row.strip("│ ").split("│")][1:] == ["800.000", "1.200.000", "500.000", "2.500.000"]
    residual = next(line for line in result.stdout.splitlines() if "Restfinansiering" in line)
    assert "1.500.000" in residual and "2.000.000" in residual


def test_outcome_lines_in_another_unit():
    data = json.loads(invoke("gap", CAP, "--format", "json", "--unit", "mio. kr.").stdout, parse_float=D)
    assert data["outcome_lines"][0] | {"outcomes": None} == {
        "source": "fond",
        "tariff": D("0.02"),
        "outcomes": None,
        "uncapped": D("3.6"),
        "paid": D("2.5"),
        "capped_by": D("1.1"),
    }
    assert data["outcome_lines"][0]["outcomes"] == {"2024": 40, "2025": 60, "2026": 80}  # counts have no unit


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


def test_without_outcome_lines_the_json_has_no_outcome_lines_key():
    for path in (ROOT / "scenarios" / "2024.yaml", ROOT / "tests" / "fixtures" / "base.yaml"):
        result = invoke("gap", path, "--format", "json")
        assert result.returncode == 0
        assert "outcome_lines" not in json.loads(result.stdout)


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


def test_savings_and_realisation_never_change_the_gap_of_the_base_fixture(tmp_path):
    base = (ROOT / "tests" / "fixtures" / "base.yaml").read_text(encoding="utf-8")
    before = invoke("gap", "-", "--format", "json", input=base)
    assert before.returncode == 0
    scenario_text = base.replace("\nprojects:\n", '\nrealisation: "40%"\nprojects:\n', 1)
    first = scenario(base)
    sid = next(iter(first.sources))
    for pid in first.projects:
        scenario_text = scenario_text.replace(
            f"\n  {pid}:\n", f"\n  {pid}:\n    savings: {{{sid}: {{2031: -7.5}}}}\n", 1
        )
    assert "savings:" in scenario_text
    after = invoke("gap", "-", "--format", "json", input=scenario_text)
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout


SAVINGS = st.dictionaries(st.integers(1990, 2100), st.integers(-(10**10), 10**10), min_size=1, max_size=4)


@settings(max_examples=25, deadline=None)
@given(drawn_scenarios(), st.sampled_from(list(Unit)), st.data())
def test_adding_savings_to_projects_never_changes_gap_json(drawn, unit, data):
    plain = text(drawn, unit)
    lines = plain.splitlines(keepends=True)
    out = []
    for line in lines:
        out.append(line)
        if line.startswith("    name: Projekt "):
            pockets = data.draw(st.lists(st.sampled_from(drawn.sources), min_size=1, unique=True))
            mapping = ", ".join(
                f"{sid}: {{{', '.join(f'{y}: {written(o, unit)}' for y, o in data.draw(SAVINGS).items())}}}"
                for sid in pockets
            )
            out.append(f"    savings: {{{mapping}}}\n")
        if line.startswith("unit: "):
            out.append("realisation: " + data.draw(st.sampled_from(["0", "1.5", '"75%"', '"200%"'])) + "\n")
    with_savings = "".join(out)
    before = invoke("gap", "-", "--format", "json", input=plain)
    after = invoke("gap", "-", "--format", "json", input=with_savings)
    assert before.returncode == 0
    assert after.returncode == 0, (with_savings, after.stderr)
    assert after.stdout == before.stdout
