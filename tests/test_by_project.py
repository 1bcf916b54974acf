"""gap --by project (issue 13): financing and residual per project; a pooled line's payment split by cost,
whole øre, largest remainder, ties to the project defined first. Driven in-process (`invoke`)."""

import csv
import io
import json
from decimal import Decimal

import pytest
from hypothesis import given

from conftest import invoke
from effektinvest.reports.gap.by_project import by_project
from test_properties import CLI, drawn_scenarios, load, text

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

    seed = str(Path(__file__).resolve().parent.parent / "scenarios" / "2024.yaml")
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


def test_json_by_hand_is_what_the_encoder_writes(ties):
    """json.gap writes the projects (and their --by project fields) by hand, for speed: byte for byte what
    `dumps(report_data(...))` writes, in every unit."""
    from dataclasses import replace

    from effektinvest.edges.load import load_path
    from effektinvest.formats.json import dumps
    from effektinvest.model.units import Unit
    from effektinvest.reports.gap.json import json as gap
    from effektinvest.reports.gap.json import report_data
    from effektinvest.reports.gap.view import build

    loaded = load_path(ties)
    for unit in Unit:
        report = build(loaded.scenario, loaded.gap, unit)
        report = replace(report, by_project=by_project(loaded.scenario, loaded.gap))
        assert gap(report) == dumps(report_data(report)) + "\n"
