"""What mutation testing of the savings view and its checks (savings.py, discount.py, checks_savings.py) found
untested: each test a figure, code or message a user reads, and each kills a mutant that survived the other
tests (docs/testing.md, "Mutation testing")."""

import json
from decimal import Decimal
from fractions import Fraction

from conftest import invoke
from effektinvest.core.discount import factor
from effektinvest.edges.load import load_bytes
from effektinvest.reports.savings.analysis import analyse, sensitivity

D = Decimal

HEAD = """\
scenario: S
budget_year: 2024
unit: kr.
sources:
  dec: {name: Decentralt budget, kind: decentral}
"""


def write(tmp_path, text: str):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def savings_json(path, *args) -> dict:
    result = invoke("savings", path, *args, "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)


def load(text: str):
    loaded = load_bytes(text.encode(), "s.yaml")
    assert loaded.errors == [], loaded.errors
    return loaded.scenario, loaded.gap


# --- savings.py -------------------------------------------------------------------------------------------------------


def test_a_29_digit_realisation_is_applied_exactly(tmp_path):
    # 1 øre x (0.5 + 1e-29) is just over half an øre: 0.01. At 28 digits the realisation would be 0.5, and half an
    # øre rounds to even: 0.00 (kills `realisation.scaleb(scale, None)`, the default 28-digit context).
    path = write(tmp_path, HEAD + "projects:\n  p:\n    name: P\n    costs: {2024: 100}\n    savings:\n"
                 "      dec: {2025: 0.01}\n")  # fmt: skip
    data = savings_json(path, "--realisation", "0.50000000000000000000000000001")
    assert data["years"][1]["sources"]["dec"]["savings"] == D("0.01")
    assert data["total"]["savings"] == D("0.01")


def test_a_source_that_saves_but_pays_nothing_has_no_backing(tmp_path):
    # `dec` pays nothing (the line is on `kasse`): no backing and no shortfall, not a shortfall of 0.
    path = write(
        tmp_path,
        HEAD + "  kasse: {name: Kassen, kind: non_decentral}\nprojects:\n  p:\n    name: P\n    costs: {2024: 100}\n"
        "    financing:\n      - {source: kasse, share: 100%}\n    savings:\n      dec: {2025: 40}\n",
    )
    data = savings_json(path)
    assert data["sources"] == {
        "dec": {"kind": "decentral", "backing": None, "shortfall": None},
        "kasse": {"kind": "non_decentral", "backing": 0, "shortfall": 100},
    }


def test_a_file_whose_only_project_is_deferred_totals_0(tmp_path):
    # No year to sum: the total is 0 in every figure (kills `sum(...)` without its Decimal start, which crashed).
    path = write(
        tmp_path,
        HEAD + "projects:\n  p:\n    name: P\n    status: defer\n    decide_at: 2026\n    costs: {2024: 100}\n"
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
        HEAD + "projects:\n  p:\n    name: P\n    costs: {2024: 1000}\n    financing:\n"
        "      - {source: dec, share: 50%}\n    savings:\n      dec: {2025: 600, 2026: 0.03}\n"
    )
    views = sensitivity(scenario, gap, [D("0.5"), D(1), D("1.5")], D("0"))
    assert [v.realisation for v in views] == [D("0.5"), 1, D("1.5")]
    assert [v.rate for v in views] == [0, 0, 0]
    assert [v.total.savings for v in views] == [D("300.02"), D("600.03"), D("900.04")]  # 0.015 and 0.045: to even
    assert [v.npv.municipal for v in views] == [D("-699.98"), D("-399.97"), D("-99.96")]  # at 0 %: the plain sums
    assert views[1] == analyse(scenario, gap, D(1), D(0))


# --- discount.py ------------------------------------------------------------------------------------------------------


def test_the_schedule_discounts_at_1_5_percent_from_year_71():
    # t = 71: 35 years at 3.5 %, 35 at 2.5 %, 1 at 1.5 % (kills `t > 71`, which left the 71st year undiscounted).
    exact = Fraction(1) / (Fraction("1.035") ** 35 * Fraction("1.025") ** 35 * Fraction("1.015"))
    assert abs(Fraction(factor(71)) - exact) < Fraction(1, 10**45)
    assert factor(71) < factor(70)


# --- checks_savings.py ------------------------------------------------------------------------------------------------


def test_a_tariff_without_outcomes_is_told_word_for_word(tmp_path):
    path = write(
        tmp_path,
        HEAD + "projects:\n  p:\n    name: P\n    costs: {2024: 100}\n    financing:\n"
        "      - {source: dec, tariff: 10}\n",
    )
    result = invoke("check", path)
    assert result.code == 1
    assert f"{path}:11:23: error[amount-or-share]: an outcome line has 'outcomes' with its 'tariff': a mapping " \
        "year -> expected count\n" in result.stdout + result.stderr  # fmt: skip


def test_savings_naming_a_source_are_not_checked_when_sources_did_not_validate(tmp_path):
    # `sources: 5` is the one mistake: with no sources known, `nope` is not reported as an unknown source.
    path = write(
        tmp_path,
        "scenario: S\nbudget_year: 2024\nunit: kr.\nsources: 5\nprojects:\n  p:\n    name: P\n"
        "    costs: {2024: 100}\n    savings:\n      nope: {2025: 1}\n",
    )
    result = invoke("check", path)
    out = result.stdout + result.stderr
    assert result.code == 1
    assert "error[wrong-type]: 'sources' must be a mapping of keys, not 5" in out
    assert "unknown-source" not in out
    assert "1 error, 0 warnings" in out


def test_a_project_without_savings_does_not_end_the_savings_checks(tmp_path):
    # The first project has no savings; the second's unknown source and the third's inactive savings are found.
    path = write(
        tmp_path,
        HEAD + "projects:\n  a:\n    name: A\n    costs: {2024: 100}\n  b:\n    name: B\n    costs: {2024: 100}\n"
        "    savings:\n      deq: {2025: 1}\n  c:\n    name: C\n    status: stop\n    costs: {2024: 100}\n"
        "    savings:\n      dec: {2025: 1}\n",
    )
    result = invoke("check", path)
    out = result.stdout + result.stderr
    assert "error[unknown-source]: the savings of project 'b' name source 'deq', which is not defined under " \
        "'sources'" in out  # fmt: skip
    assert "warning[inactive-line]: project 'c' has status stop: its savings count nowhere" in out


# --- explain.py -------------------------------------------------------------------------------------------------------

OUTCOME_LINES = """\
scenario: R
budget_year: 2024
unit: {unit}
price_level: 2024
price_index: {{2024: 100, 2025: 110}}
sources:
  fond: {{name: Fonden, kind: fund}}
  dec: {{name: D, kind: decentral}}
projects:
  a:
    name: A
    costs: {{2024: 1000, 2025: 1000}}
    financing:
      - {{source: dec, tariff: 10, outcomes: {{2024: 3}}}}
financing:
  - source: fond
    tariff: 20
    outcomes: {{2024: 40, 2025: 60}}
    cap: 1500
"""


def test_explain_with_prices_restates_an_outcome_lines_tariff_and_cap(tmp_path):
    path = write(tmp_path, OUTCOME_LINES.format(unit="kr."))
    result = invoke("gap", path, "--explain", "--prices", "2025", "--format", "json")
    assert result.code == 0, result.stderr
    lines = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)["lines"]
    assert [line["prices"]["amounts"] for line in lines] == [
        [{"what": "tariff", "written": 10, "unrounded": 11, "restated": 11}],
        [
            {"what": "tariff", "written": 20, "unrounded": 22, "restated": 22},
            {"what": "cap", "written": 1500, "unrounded": 1650, "restated": 1650},
        ],
    ]
    text = invoke("gap", path, "--explain", "--prices", "2025", env={"COLUMNS": "200"}).stdout
    assert "    tariff: 10 x 110 / 100 = 11 -> 11\n" in text
    assert "    tariff: 20 x 110 / 100 = 22 -> 22\n    cap: 1.500 x 110 / 100 = 1.650 -> 1.650\n" in text
    assert "60 x 22 = 1.320; cap 1.650 reached in 2025: 1.320 -> 770" in text


def test_explain_an_outcome_line_without_a_cap_in_thousands(tmp_path):
    path = write(tmp_path, OUTCOME_LINES.format(unit="t.kr."))
    result = invoke("gap", path, "--explain", "--format", "json")
    assert result.code == 0, result.stderr
    lines = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)["lines"]
    assert [(line["tariff"], line["cap"], line["paid"]) for line in lines] == [
        (10, None, {"2024": 30}),
        (20, 1500, {"2024": 800, "2025": 700}),
    ]


# --- by_project.py ----------------------------------------------------------------------------------------------------


def by_project(tmp_path, text: str) -> dict:
    result = invoke("gap", write(tmp_path, text), "--by", "project", "--format", "json")
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
