"""gap --by project: financing and residual per project; a pooled line's payment split by cost,
whole øre, largest remainder, ties to the project defined first. Driven in-process (`invoke`)."""

import csv
import io
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import in_order, invoke, write_scenario
from drawn import CLI, drawn_scenarios, load, text
from effektinvest.model.units import Unit
from effektinvest.reports.gap.by_project import by_project
from effektinvest.reports.gap.json import json as gap_json

D = Decimal

TIES = """\
scenario: Lige
budget_year: 2024
unit: kr.
sources:
  fund: {name: Fonden}
  own: {name: Egen}
projects:
  a: {name: A, costs: {2024: 1}}
  b: {name: B, costs: {2024: 1}, financing: [{source: own, amount: 0.5}]}
  c: {name: C, costs: {2024: 1}}
  d: {name: D, status: stop}
financing:
  - {source: fund, amount: 0.02}
  - {source: fund, amount: 0.01, projects: [c, a]}
"""


@pytest.fixture
def ties(tmp_path):
    path = tmp_path / "ties.yaml"
    path.write_text(TIES, encoding="utf-8")
    return str(path)


def as_json(text_):
    return json.loads(text_, parse_float=Decimal, parse_int=Decimal)


def test_ties_go_to_the_project_defined_first(ties):
    report = as_json(invoke("gap", ties, "--by", "project", "-f", "json").stdout)
    projects = {p["id"]: p for p in report["projects"]}
    # 2 øre over three equal costs: a and b; 1 øre over c and a (listed c first): a, defined first
    assert projects["a"]["financing"] == {"2024": {"fund": D("0.02")}}
    assert projects["b"]["financing"] == {"2024": {"fund": D("0.01"), "own": D("0.5")}}
    assert projects["c"]["financing"] == {"2024": {}}  # a source is listed only where it pays
    assert projects["c"]["residual"] == {"2024": D("1")} and projects["b"]["financed"] == {"2024": D("0.51")}
    assert "financing" not in projects["d"]  # only continued projects gain the figures
    assert list(projects["a"]) == ["id", "name", "status", "costs", "funding_ends", "financing", "financed", "residual"]


def test_seed_json_splits_each_line_by_cost():
    from pathlib import Path

    seed = str(Path(__file__).resolve().parents[3] / "scenarios" / "2024.yaml")
    report = as_json(invoke("gap", seed, "--by", "project", "-f", "json").stdout)
    havnen = report["projects"][0]
    # 0,82 mio. kr. over 2,48 : 1,66 -> 491.207,73 + 328.792,27 kr. (largest remainder)
    assert havnen["financing"]["2024"]["outcomefonden"] == D("0.49120773")
    assert report["projects"][1]["financing"]["2024"]["outcomefonden"] == D("0.32879227")


def test_table_csv_and_markdown(ties):
    table = invoke("gap", ties, "--by", "project", "--decimals", "2", env={"COLUMNS": "200"}).stdout
    assert "Finansiering pr. projekt" in table
    assert "│ B                    │   1,00 │   1,00 │" in table
    assert "│   Egen               │   0,50 │   0,50 │" in table
    rows = list(csv.DictReader(io.StringIO(invoke("gap", ties, "--by", "project", "-f", "csv").stdout)))
    mine = [(r["year"], r["category"], r["id"], r["name"], r["amount"]) for r in rows if r["category"].startswith("p")]
    assert ("2024", "project_financing", "b/own", "B / Egen", "0.5") in mine
    assert ("total", "project_residual", "c", "C", "1") in mine
    assert invoke("gap", ties, "--by", "project", "-f", "tsv").stdout.count("project_residual") == 6
    markdown = invoke("gap", ties, "--by", "project", "-f", "markdown").stdout
    assert "### Finansiering pr. projekt" in markdown and "| **B** | **1,00** | **1,00** |" in markdown


def test_by_takes_only_project(ties):
    assert invoke("gap", ties, "--by", "source").code == 2


@CLI
@given(drawn_scenarios())
def test_the_projects_add_up_to_the_scenario_in_every_cell(drawn):
    loaded = load(text(drawn))
    gap = loaded.gap
    own = by_project(loaded.scenario, gap)
    for key, column in [*gap.years.items(), ("total", gap.total)]:
        parts = [g.total if key == "total" else g.years[key] for g in own.values()]
        assert sum((p.cost for p in parts), D(0)) == column.cost
        assert sum((p.financed for p in parts), D(0)) == column.financed
        assert sum((p.residual for p in parts), D(0)) == column.residual
        for source, amount in column.financing.items():
            assert sum((p.financing.get(source, D(0)) for p in parts), D(0)) == amount
        assert all(p.financing.get(s, 0) == 0 or s in column.financing for p in parts for s in p.financing)
        for part in parts:  # whole øre
            assert all(value == value.quantize(D("0.01")) for value in part.financing.values())


def _expected_projects(report) -> list[dict]:
    """docs/cli.md's `projects`, from the report's own figures (amounts in its unit): id, name, status, costs,
    funding_ends, and for a continued project with --by project its financing, financed and residual per year."""
    out = []
    for p in report.projects:
        entry = {"id": p.id, "name": p.name, "status": p.status.value, "costs": {str(y): a for y, a in p.costs.items()}}
        entry["funding_ends"] = p.funding_ends
        own = (report.by_project or {}).get(p.id)
        if own is not None:
            years = own.years.items()
            entry["financing"] = {str(y): {s: report.scaled(a) for s, a in f.financing.items()} for y, f in years}
            entry["financed"] = {str(y): report.scaled(f.financed) for y, f in years}
            entry["residual"] = {str(y): report.scaled(f.residual) for y, f in years}
        out.append(entry)
    return out


def _json_projects(loaded, unit):
    """The report of LOADED in UNIT with --by project, and its JSON (`gap --format json`) read back exactly."""
    from dataclasses import replace

    from effektinvest.reports.gap.view import build

    report = build(loaded.scenario, loaded.gap, unit)
    report = replace(report, by_project=by_project(loaded.scenario, loaded.gap))
    return report, json.loads(gap_json(report), parse_float=Decimal)


ODD_ID = '"o%s\\n\\"wn"'  # in YAML: o%s, a line break, "wn
ODD = TIES.replace("own: {name: Egen}", ODD_ID + ': {name: "E\\u202e%gen"}').replace("source: own", "source: " + ODD_ID)


@pytest.mark.parametrize("source", [TIES, ODD])
def test_json_projects_are_each_projects_own_figures(tmp_path, source):
    """Each project's entry is its figures, in the order of docs/cli.md, in every unit: with a source id and a
    name that hold a %, a quote, a backslash and a hidden character."""
    from effektinvest.edges.load import load_path
    from effektinvest.model.units import Unit

    path = tmp_path / "ties.yaml"
    path.write_text(source, encoding="utf-8")
    loaded = load_path(str(path))
    assert loaded.scenario is not None, loaded.diagnostics
    for unit in Unit:
        report, parsed = _json_projects(loaded, unit)
        assert in_order(parsed["projects"]) == in_order(_expected_projects(report))
    if source is ODD:
        assert set(parsed["projects"][1]["financing"]["2024"]) == {"fund", 'o%s\n"wn'}
        assert parsed["sources"][1]["name"] == "E\u202e%gen"
        written = gap_json(report)
        assert '"o%s\\n\\"wn": 0.0000005' in written and '"E\\u202e%gen"' in written  # escaped: nothing hidden


@CLI
@given(drawn_scenarios(), st.sampled_from(list(Unit)))
def test_json_projects_carry_each_projects_own_figures(drawn, unit):
    loaded = load(text(drawn))
    report, parsed = _json_projects(loaded, unit)
    assert in_order(parsed["projects"]) == in_order(_expected_projects(report))


# --- a pooled line split to the øre: ties to the project defined first, sources in the file's order ---------------

def projects_json(tmp_path, text: str) -> dict:
    result = invoke("gap", write_scenario(tmp_path, text), "--by", "project", "--format", "json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)
    return {project["id"]: project for project in data["projects"]}


POOLED = """\
scenario: B
budget_year: 2024
unit: kr.
sources:
  z: {name: Z, kind: decentral}
  a: {name: A, kind: fund}
projects:
  q:
    name: Q
    costs: {2024: 1, 2025: 1}
    financing:
      - {source: a, amount: {2024: 0.5}}
  p:
    name: P
    costs: {2024: 1}
financing:
  - {source: z, projects: [p, q], amount: {2024: 0.01, 2025: 1}}
"""


def test_by_project_a_tie_goes_to_the_project_defined_first_and_sources_keep_the_files_order(tmp_path):
    projects = projects_json(tmp_path, POOLED)
    # 2024: 1 øre between two equal costs goes to q, defined first (not p, written first and first by name);
    # q's sources in the file's order (z, a), not the order its lines pay (a, then z) nor by name.
    assert list(projects["q"]["financing"]["2024"].items()) == [("z", D("0.01")), ("a", D("0.5"))]
    assert projects["p"]["financing"]["2024"] == {}
    # 2025: p has no cost, so no part of the line's 1 kr.
    assert projects["q"]["financing"]["2025"] == {"z": 1}
    assert projects["p"]["financing"]["2025"] == {}


def test_by_project_three_sources_out_of_order_are_put_in_the_files_order(tmp_path):
    text = """\
scenario: B
budget_year: 2024
unit: kr.
sources:
  a: {name: A, kind: fund}
  b: {name: B, kind: decentral}
  c: {name: C, kind: external}
projects:
  p:
    name: P
    costs: {2024: 100}
    financing:
      - {source: b, amount: {2024: 10}}
financing:
  - {source: a, projects: [p], amount: {2024: 20}}
  - {source: c, projects: [p], amount: {2024: 30}}
"""
    projects = projects_json(tmp_path, text)
    assert list(projects["p"]["financing"]["2024"].items()) == [("a", 20), ("b", 10), ("c", 30)]


def test_by_project_splits_30_digit_amounts_to_the_ore(tmp_path):
    text = """\
scenario: B
budget_year: 2024
unit: kr.
sources:
  z: {name: Z, kind: decentral}
projects:
  p:
    name: P
    costs: {2024: 1000000000000000000000000000.00, 2025: 1000000000000000000000000000.00}
  q:
    name: Q
    costs: {2024: 1000000000000000000000000000.49, 2025: 1000000000000000000000000000.00}
financing:
  - {source: z, projects: [p, q], amount: {2024: 0.01, 2025: 1000000000000000000000000000.49}}
"""
    projects = projects_json(tmp_path, text)
    # 2024: q's cost is 49 øre more, so q's share of the one øre is larger (at 28 digits the costs would tie)
    assert projects["p"]["financing"]["2024"] == {}
    assert projects["q"]["financing"]["2024"] == {"z": D("0.01")}
    # 2025: equal costs, an odd number of øre: the extra øre to p, defined first; the parts add up to the amount
    assert projects["p"]["financing"]["2025"] == {"z": D("500000000000000000000000000.25")}
    assert projects["q"]["financing"]["2025"] == {"z": D("500000000000000000000000000.24")}
    assert projects["p"]["financed"]["2025"] == D("500000000000000000000000000.25")
    assert projects["p"]["residual"]["2025"] == D("499999999999999999999999999.75")
