"""`savings --format csv`: a row per figure. (`--format csv-da`, the same rows with Danish conventions, is in
formats/test_csv_da.py with the other reports'.)"""

import csv
import io

from conftest import ROOT, invoke

FIXTURES = ROOT / "tests" / "fixtures" / "savings"
WORKED = str(FIXTURES / "worked.yaml")


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
