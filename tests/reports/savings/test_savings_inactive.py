"""The savings of deferred and stopped projects: listed as written (in the output unit, restated with
--prices), counted nowhere, in every format."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from conftest import ROOT, invoke, savings_json, savings_out

FIXTURES = ROOT / "tests" / "fixtures" / "savings"
WORKED = str(FIXTURES / "worked.yaml")
INACTIVE = str(FIXTURES / "inactive.yaml")
D = Decimal

DEFERRED = (
    "Udskudt: Udskudt projekt (beslutning ved budget 2025); forventede besparelser, tæller ikke med: "
    "Decentralt budget 2026: 1,00001, 2027: 1,50000; Staten 2027: 0,05000 t.kr."
)
STOPPED = "Standset: Standset projekt; forventede besparelser, tæller ikke med: Staten 2026: 0,25000 t.kr."


def test_inactive_savings_are_listed_under_the_key_figures_and_count_nowhere():
    lines = savings_out(INACTIVE, "-q").splitlines()
    assert lines[-2:] == [DEFERRED, STOPPED]
    assert lines[-3].startswith("Besparelser pr. betalt krone")
    assert "Uden besparelser" not in "\n".join(lines)  # a project without savings: nothing
    assert savings_json(INACTIVE)["total"]["savings"] == 2  # as the worked example: they count nowhere


def test_inactive_savings_in_markdown_and_under_the_sensitivity_table():
    markdown = savings_out(INACTIVE, "-f", "markdown").splitlines()
    assert markdown[-2:] == [f"- {DEFERRED}", f"- {STOPPED}"]
    assert savings_out(INACTIVE, "--realisation", "100%,50%").splitlines()[-2:] == [DEFERRED, STOPPED]


def test_inactive_savings_in_json_as_written_after_the_contracts_keys():
    data = savings_json(INACTIVE, "--realisation", "50%")
    assert list(data)[-1] == "inactive"
    assert data["inactive"] == [
        {
            "id": "q",
            "name": "Udskudt projekt",
            "status": "defer",
            "decide_at": 2025,
            "savings": {"dec": {"2026": D("1.00001"), "2027": D("1.5")}, "stat": {"2027": D("0.05")}},
        },
        {"id": "r", "name": "Standset projekt", "status": "stop", "decide_at": None,
         "savings": {"stat": {"2026": D("0.25")}}},
    ]  # fmt: skip
    assert list(savings_json(INACTIVE, "--realisation", "100%,50%"))[-1] == "inactive"
    assert "inactive" not in savings_json(WORKED)  # none: the contract's shape


def test_inactive_savings_in_the_output_unit_and_restated_with_prices():
    data = savings_json(INACTIVE, "--unit", "kr.", "--prices", "2025")
    assert data["inactive"][0]["savings"]["dec"] == {"2026": D("1030.01"), "2027": D("1545")}
    assert data["inactive"][1]["savings"] == {"stat": {"2026": D("257.5")}}


def test_inactive_savings_in_csv():
    rows = list(csv.reader(io.StringIO(invoke("savings", INACTIVE, "-f", "csv").stdout)))
    assert [r for r in rows if r[2] == "inactive_savings"] == [
        ["", "2026", "inactive_savings", "q/dec", "Udskudt projekt", "1.00001"],
        ["", "2027", "inactive_savings", "q/dec", "Udskudt projekt", "1.5"],
        ["", "2027", "inactive_savings", "q/stat", "Udskudt projekt", "0.05"],
        ["", "2026", "inactive_savings", "r/stat", "Standset projekt", "0.25"],
    ]


@pytest.mark.parametrize("realisations", [[], ["--realisation", "100%,50%"]])
def test_inactive_savings_in_xlsx(tmp_path, realisations):
    target = tmp_path / "s.xlsx"
    assert invoke("savings", INACTIVE, *realisations, "-f", "xlsx", "-o", target).code == 0
    texts = [row[0] for row in openpyxl.load_workbook(target).active.iter_rows(values_only=True) if row]
    assert texts[-2:] == [DEFERRED, STOPPED]
