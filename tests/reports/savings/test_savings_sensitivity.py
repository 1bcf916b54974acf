"""The sensitivity view (`savings --realisation R,R...`): a row per realisation, in the order given, in every format."""

import csv
import io
from decimal import Decimal

from conftest import ROOT, invoke, savings_json

FIXTURES = ROOT / "tests" / "fixtures" / "savings"
WORKED = str(FIXTURES / "worked.yaml")
WIDE = {"COLUMNS": "250"}
D = Decimal


def test_sensitivity_json_keeps_the_order_given():
    data = savings_json(WORKED, "--realisation", "100%,25%,0.75")
    assert list(data) == ["scenario", "budget_year", "unit", "price_level", "sensitivity"]
    assert [s["realisation"] for s in data["sensitivity"]] == [1, D("0.25"), D("0.75")]
    assert data["sensitivity"][0] == {k: v for k, v in savings_json(WORKED).items() if k in data["sensitivity"][0]}


def test_sensitivity_table_has_a_row_per_realisation():
    out = invoke("savings", WORKED, "--realisation", "100%,75%,0%", env=WIDE).stdout
    lines = [line for line in out.splitlines() if line.startswith("│")]
    assert [line.split("│")[1].strip() for line in lines] == ["100 %", "75 %", "0 %"]
    assert "Decentralt budget: 1.000,00" in lines[2] and "-546,31" in lines[0]
    md = invoke("savings", WORKED, "--realisation", "100%,50%", "--format", "markdown").stdout
    assert (
        "| 50 % | 1.000,00 | -1.250,00 | -1.000,00 | -1.256,25 | -1.022,87 | ingen | Decentralt budget: 250,00 |" in md
    )
    rows = list(csv.DictReader(io.StringIO(invoke("savings", WORKED, "--realisation", "1,0.5", "-f", "csv").stdout)))
    assert {r["realisation"] for r in rows} == {"1", "0.5"}


# --- with outcome lines (issue 21; savings.md, "Outcome-contract risk") -----------------------------------------------

RISK = str(FIXTURES / "outcome_risk.yaml")  # savings.md's worked example, with savings in dec
# At 100 %: the outcome line pays 900 (500 + 400, the cap), the residual is 700, the municipal cost 1,100; at 50 %:
# 500 (250 + 250), 1,100, 1,500. Municipal nets 100 %: -500, 0, 900 (NPV -500 + 900/1.035^2 = 340.16); 50 %: -750,
# -450, 450 (NPV -750 - 450/1.035 + 450/1.035^2 = -764.70).


def test_sensitivity_shows_what_the_outcome_lines_pay_and_the_residual_per_realisation():
    md = invoke("savings", RISK, "--realisation", "100%,50%", "--format", "markdown").stdout
    assert "| Realisering | Besparelser i alt | Resultatbetaling | Restfinansiering | Kommunal netto |" in md
    assert "| 100 % | 1.500,00 | 900,00 | 700,00 | 400,00 | -500,00 | 340,16 | -546,31 | 2026 | - |" in md
    assert "| 50 % | 750,00 | 500,00 | 1.100,00 | -750,00 | -1.250,00 | -764,70 | -1.256,25 | ingen | - |" in md
    table = invoke("savings", RISK, "--realisation", "100%,50%", env=WIDE).stdout
    lines = [line.split("│")[1:5] for line in table.splitlines() if line.startswith("│")]
    assert [[cell.strip() for cell in line] for line in lines] == [
        ["100 %", "1.500,00", "900,00", "700,00"],
        ["50 %", "750,00", "500,00", "1.100,00"],
    ]


def test_sensitivity_json_csv_and_xlsx_carry_what_the_outcome_lines_pay_and_the_residual(tmp_path):
    data = savings_json(RISK, "--realisation", "100%,50%")
    figures = [(s["outcomes_paid"], s["residual"], s["total"]["municipal_cost"]) for s in data["sensitivity"]]
    assert figures == [(900, 700, 1100), (500, 1100, 1500)]
    assert list(data["sensitivity"][0])[-2:] == ["outcomes_paid", "residual"]
    rows = list(csv.DictReader(io.StringIO(invoke("savings", RISK, "--realisation", "1,0.5", "-f", "csv").stdout)))
    keyed = {(r["realisation"], r["category"]): r["amount"] for r in rows if r["year"] == ""}
    assert [keyed[(r, c)] for r in ("1", "0.5") for c in ("outcomes_paid", "residual")] == ["900", "700", "500", "1100"]
    import openpyxl

    target = tmp_path / "s.xlsx"
    assert invoke("savings", RISK, "--realisation", "100%,50%", "-f", "xlsx", "-o", str(target)).code == 0
    sheet = openpyxl.load_workbook(target).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[3][:4] == ("Realisering", "Besparelser i alt", "Resultatbetaling", "Restfinansiering")
    assert values[4][:4] == (1, 1500, 900, 700) and values[5][:4] == (D("0.5"), 750, 500, 1100)


def test_sensitivity_without_outcome_lines_has_no_outcome_columns():
    md = invoke("savings", WORKED, "--realisation", "100%,50%", "--format", "markdown").stdout
    assert "Resultatbetaling" not in md and "Restfinansiering" not in md
    assert "outcomes_paid" not in savings_json(WORKED, "--realisation", "100%,50%")["sensitivity"][0]
