"""`--format csv-da` (issue 12): CSV as Danish Excel opens it with a double-click: the rows of `--format csv`,
separated by ';', decimal comma, no thousands separator, a UTF-8 byte-order mark, CRLF; text that begins with
= + - @ gets a leading ', numbers never."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, assert_rows_of_csv_with_decimal_commas, csv_rows, invoke

SEED = str(ROOT / "scenarios" / "2024.yaml")
LATER = str(ROOT / "scenarios" / "2025.yaml")
RUNS = {
    "gap": ["gap", SEED, "--unit", "kr."],
    "gap-prices": ["gap", LATER, "--prices", "2024", "--unit", "t.kr."],
    "compare": ["compare", SEED, LATER, "-q"],
    "due": ["due", str(ROOT / "scenarios"), "--budget", "2025"],
}


@pytest.mark.parametrize("name", list(RUNS))
def test_the_rows_of_csv_with_decimal_commas(name):
    assert_rows_of_csv_with_decimal_commas(RUNS[name])


def test_amounts_have_no_thousands_separator_and_a_decimal_comma():
    text = invoke("gap", SEED, "--unit", "kr.", "-f", "csv-da").stdout
    assert "total;cost;;;10350000\r\n" in text
    text = invoke("gap", SEED, "-f", "csv-da").stdout
    assert "total;cost;;;10,35\r\n" in text and "2024;cost;havnen;Havnen;2,48\r\n" in text
    assert '"Hjem, Job og Helhed"' not in text and ";Hjem, Job og Helhed;" in text  # a comma needs no quotes


def test_negative_numbers_are_never_prefixed():
    text = invoke("compare", SEED, LATER, "-q", "-f", "csv-da").stdout
    assert "2024;cost;;;4,14;0;-4,14\r\n" in text
    assert ";'-" not in text


def test_formula_looking_text_gets_a_leading_quote(tmp_path):
    names = ['=HYPERLINK("http://x")', "+45 1234", "-1", "@SUM(A1)", "Almindelig", "a=b"]
    projects = "".join(
        f"  p{i}: {{name: {json.dumps(n)}, costs: {{2024: 1}}, funding_ends: 2024}}\n" for i, n in enumerate(names)
    )
    scenario = tmp_path / "formula.yaml"
    scenario.write_text(
        "scenario: x\nbudget_year: 2024\nunit: kr.\nsources:\n  s: {name: '=2*3', kind: fund}\n"
        f"projects:\n{projects}financing:\n  - {{source: s, amount: 6}}\n",
        encoding="utf-8",
    )
    expected = ['\'=HYPERLINK("http://x")', "'+45 1234", "'-1", "'@SUM(A1)", "Almindelig", "a=b"]
    rows = csv_rows(invoke("gap", scenario, "-f", "csv-da").stdout[1:], ";")
    assert [row[3] for row in rows if row[:2] == ["2024", "cost"] and row[2]] == expected
    assert [row[3] for row in rows if row[1] == "financing"][0] == "'=2*3"
    due = csv_rows(invoke("due", scenario, "--budget", "2024", "-f", "csv-da").stdout[1:], ";")
    assert [row[2] for row in due[1:]] == expected
    assert {row[5] for row in due[1:]} == {"1"}
    plain = csv_rows(invoke("gap", scenario, "-f", "csv").stdout, ",")
    assert [row[3] for row in plain if row[:2] == ["2024", "cost"] and row[2]] == names  # csv as before
