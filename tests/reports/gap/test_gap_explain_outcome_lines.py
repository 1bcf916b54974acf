"""`gap --explain` of outcome lines: the tariff and cap restated by --prices, a line without a cap in t.kr. (what
mutation testing found untested: docs/testing.md). To join tests/test_explain.py when that moves here."""

import json
from decimal import Decimal

from conftest import invoke, write_scenario

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
    path = write_scenario(tmp_path, OUTCOME_LINES.format(unit="kr."))
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
    path = write_scenario(tmp_path, OUTCOME_LINES.format(unit="t.kr."))
    result = invoke("gap", path, "--explain", "--format", "json")
    assert result.code == 0, result.stderr
    lines = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)["lines"]
    assert [(line["tariff"], line["cap"], line["paid"]) for line in lines] == [
        (10, None, {"2024": 30}),
        (20, 1500, {"2024": 800, "2025": 700}),
    ]
