"""`gap --by project`: a pooled line's payment split among its projects to the øre, ties to the project defined
first, each project's sources in the file's order (what mutation testing found untested: docs/testing.md). To join
tests/test_by_project.py when that moves here."""

import json
from decimal import Decimal

from conftest import invoke, write_scenario

D = Decimal


def by_project(tmp_path, text: str) -> dict:
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
    projects = by_project(tmp_path, POOLED)
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
    projects = by_project(tmp_path, text)
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
    projects = by_project(tmp_path, text)
    # 2024: q's cost is 49 øre more, so q's share of the one øre is larger (at 28 digits the costs would tie)
    assert projects["p"]["financing"]["2024"] == {}
    assert projects["q"]["financing"]["2024"] == {"z": D("0.01")}
    # 2025: equal costs, an odd number of øre: the extra øre to p, defined first; the parts add up to the amount
    assert projects["p"]["financing"]["2025"] == {"z": D("500000000000000000000000000.25")}
    assert projects["q"]["financing"]["2025"] == {"z": D("500000000000000000000000000.24")}
    assert projects["p"]["financed"]["2025"] == D("500000000000000000000000000.25")
    assert projects["p"]["residual"]["2025"] == D("499999999999999999999999999.75")
