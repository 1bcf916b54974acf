"""`gap --format csv` and `tsv`: a row per figure, plain exact numbers, rows of 0 kept."""

import csv
import io
from decimal import Decimal

from conftest import ROOT, invoke, seed_report, write_scenario
from effektinvest.reports import gap as gap_report

SEED = str(ROOT / "scenarios" / "2024.yaml")


def test_seed_csv():
    result = invoke("gap", SEED, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["year", "category", "id", "name", "amount"]
    totals = {(r["category"], r["id"]): Decimal(r["amount"]) for r in rows if r["year"] == "total"}
    assert totals[("cost", "")] == Decimal("10.35")
    assert totals[("financing", "sfb")] == Decimal("4.4")
    assert totals[("financed", "")] == Decimal("8.35")
    assert totals[("residual", "")] == Decimal("2")
    assert {r["category"] for r in rows} == {"cost", "financing", "financed", "residual"}
    assert all("e" not in r["amount"].lower() and "," not in r["amount"] for r in rows)


ZERO = """\
scenario: Nul
budget_year: 2024
sources:
  f: {name: Fonden}
projects:
  a:
    name: A
    costs: {2024: 10, 2025: 10}
    financing:
      - {source: f, amount: {2024: 4, 2025: 10}}
  b:
    name: B
    costs: {2024: 5, 2025: 0}
"""


def test_csv_keeps_the_rows_whose_amount_is_0(tmp_path):
    # B costs 0 in 2025, and 2025 is covered exactly: its residual is 0
    result = invoke("gap", write_scenario(tmp_path, ZERO), "--format", "csv")
    assert (result.returncode, result.stderr) == (0, "")
    rows = result.stdout.splitlines()
    assert "2025,cost,b,B,0" in rows
    assert "2025,residual,,,0" in rows
    assert rows == [
        "year,category,id,name,amount",
        *("2024,cost,a,A,10", "2024,cost,b,B,5", "2024,cost,,,15"),
        *("2024,financing,f,Fonden,4", "2024,financed,,,4", "2024,residual,,,11"),
        *("2025,cost,a,A,10", "2025,cost,b,B,0", "2025,cost,,,10"),
        *("2025,financing,f,Fonden,10", "2025,financed,,,10", "2025,residual,,,0"),
        *("total,cost,a,A,20", "total,cost,b,B,5", "total,cost,,,25"),
        *("total,financing,f,Fonden,14", "total,financed,,,14", "total,residual,,,11"),
    ]
    tsv = invoke("gap", write_scenario(tmp_path, ZERO), "--format", "tsv").stdout.splitlines()
    assert tsv == [row.replace(",", "\t") for row in rows]


def test_gap_tsv():
    lines = invoke("gap", SEED, "--format", "tsv").stdout.splitlines()
    assert lines[0] == "year\tcategory\tid\tname\tamount"
    assert "total\tfinancing\toutcomefonden\tOutcomefonden\t2.05" in lines


def to_csv(report) -> str:
    return gap_report.render("csv", report)


def test_csv_rows():
    lines = to_csv(seed_report()).splitlines()
    assert lines[0] == "year,category,id,name,amount"
    assert "total,residual,,,2" in lines
    assert '2024,cost,hjem_job_helhed,"Hjem, Job og Helhed",1.66' in lines
    assert "2025,financing,outcomefonden,Outcomefonden,1.23" in lines
