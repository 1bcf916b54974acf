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
