"""`savings --format csv` (a row per figure) and `--format csv-da` (the same rows with Danish conventions)."""

import csv
import io

import pytest

from conftest import (
    FORMULA_LIKE,
    ROOT,
    SAVINGS_RUN_IDS,
    SAVINGS_RUNS,
    assert_rows_of_csv_with_decimal_commas,
    csv_rows,
    invoke,
)

FIXTURES = ROOT / "tests" / "fixtures" / "savings"
WORKED = str(FIXTURES / "worked.yaml")
SEED = str(ROOT / "scenarios" / "2024.yaml")


def test_worked_example_csv_has_a_row_per_figure():
    result = invoke("savings", WORKED, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["realisation", "year", "category", "id", "name", "amount"]
    got = {(r["year"], r["category"], r["id"]): r["amount"] for r in rows}
    assert got[("2025", "paid", "dec")] == "500"
    assert got[("2026", "savings", "stat")] == "500"
    assert got[("total", "public_net", "")] == "0"
    assert got[("2026", "public_cumulative", "")] == "0"
    assert ("total", "public_cumulative", "") not in got
    assert got[("", "npv", "municipal")] == "-546.31"
    assert got[("", "break_even", "municipal")] == "" and got[("", "break_even", "public")] == "2026"
    assert got[("", "backing", "dec")] == "1.5" and got[("", "shortfall", "dec")] == "0"
    assert got[("", "discount", "finance-ministry")] == ""


@pytest.mark.parametrize("args", SAVINGS_RUNS, ids=SAVINGS_RUN_IDS)
def test_csv_da_is_the_csv_with_danish_conventions(args):
    assert_rows_of_csv_with_decimal_commas(["savings", *args])


def test_csv_da_decimal_commas_and_no_thousands_separator():
    text = invoke("savings", SEED, "-f", "csv-da").stdout
    assert "1;total;cost;;;10,35\r\n" in text
    assert "1;2024;net;sfb;Sociale Forhold og Beskæftigelse;-0,46\r\n" in text  # a number is never prefixed
    text = invoke("savings", WORKED, "--realisation", "100%,50%", "-f", "csv-da").stdout
    assert "0,5;total;savings;;;1000\r\n" in text and "0,5;;shortfall;dec;Decentralt budget;250\r\n" in text


def test_csv_da_prefixes_formula_looking_text(formulas):
    rows = csv_rows(invoke("savings", formulas, "-f", "csv-da").stdout[1:], ";")
    named = {row[3]: row[4] for row in rows[1:] if row[2] == "paid"}
    assert named == {sid: "'" + name for sid, name in FORMULA_LIKE.items()}
    assert {row[3]: row[4] for row in rows[1:] if row[3] == "s"} == {"s": "Rød\\x1b[31m"}
