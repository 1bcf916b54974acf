"""`follow-up` of a repayment to an investor (followup.md, repayment.md; issue 22): the plan against the actual
computation per paying pocket: tariff x achieved in the closed years (7 x 50 = 350 in 2026: sof 210, ikke 140),
the forecast after (1000 in 2027), within the cap (850 left for 2028, not 1000); in JSON, CSV, the table,
Markdown and the workbook. A file without `repay` has no `repayment_followup`.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl

from conftest import ROOT, cells, diagnostics_of, invoke

D = Decimal
REPAID = str(ROOT / "tests" / "reports" / "followup" / "repaid.yaml")


def _out(*args: str) -> str:
    result = invoke("follow-up", REPAID, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_json_sets_achieved_outcomes_against_the_plan_per_pocket():
    data = json.loads(_out("--format", "json"), parse_float=D)
    assert list(data["reported_years"]) == [2025, 2026, 2027, 2028]
    [entry] = data["repayment_followup"]
    assert (entry["investor"], entry["line"], entry["achieved"]) == ("dsi", 17, {"2026": 7})
    assert entry["plan"]["2028"] == {"by": {"sof": 420, "ikke": 280}, "total": 700}
    assert entry["actual"]["2026"] == {"by": {"sof": 210, "ikke": 140}, "total": 350}
    assert entry["actual"]["2027"] == {"by": {"sof": 600, "ikke": 400}, "total": 1000}
    assert entry["actual"]["2028"] == {"by": {"sof": 510, "ikke": 340}, "total": 850}  # what the cap leaves
    assert entry["actual"]["total"] == {"by": {"sof": 1320, "ikke": 880}, "total": 2200}
    assert (entry["cap"], entry["cap_left"]) == (2200, 0)


def test_csv_rows_per_pocket_with_the_deviation():
    rows = _out("--format", "csv").splitlines()
    assert "2026,repayments,dsi/17/sof,Socialforvaltningen,300,210,-90" in rows
    assert "2028,repayments,dsi/17/total,Den Sociale Investeringsfond,700,850,150" in rows
    # the counts, as the table shows them (the expected standing in for an open year), and what the cap leaves
    counts = [row for row in rows if "/17/count," in row or "/17/cap_left," in row]
    assert counts == [
        "2026,repayments,dsi/17/count,Den Sociale Investeringsfond,10,7,-3",
        "2027,repayments,dsi/17/count,Den Sociale Investeringsfond,20,20,0",
        "2028,repayments,dsi/17/count,Den Sociale Investeringsfond,20,20,0",
        "total,repayments,dsi/17/count,Den Sociale Investeringsfond,50,47,-3",
        "total,repayments,dsi/17/cap_left,Den Sociale Investeringsfond,0,0,0",
    ]


def test_the_table_markdown_and_workbook_show_the_repayment():
    table = cells(_out())
    at = next(i for i, row in enumerate(table) if row[0].startswith("Tilbagebetaling til"))
    assert table[at][:3] == ["Tilbagebetaling til Den Sociale Investeringsfond (linje 17)", "Forventet antal", "-"]
    assert ["", "Regnskab / forventet, Socialforvaltningen", "-", "210", "600", "510", "1.320"] in table
    assert ["", "Loft tilbage", "-", "-", "-", "-", "0"] in table
    assert "|  | Plan, i alt | \\- | 500 | 1.000 | 700 | 2.200 |" in _out("--format", "markdown")
    result = invoke("follow-up", REPAID, "--format", "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes)).active
    found = [row for row in sheet.iter_rows(values_only=True) if row[1] == "Regnskab / forventet, i alt"]
    assert [list(row[2:7]) for row in found] == [[None, 350, 1000, 850, 2200]]


def test_no_repay_no_repayment_followup():
    data = json.loads(
        invoke("follow-up", str(ROOT / "tests" / "reports" / "followup" / "worked.yaml"), "-f", "json").stdout
    )
    assert "repayment_followup" not in data


MISSING = str(ROOT / "tests" / "reports" / "followup" / "repaid_missing.yaml")


def test_a_missing_achieved_count_is_warned_at_its_expected_count_and_the_plan_stands_in_marked():
    """2027 is closed but `achieved` has only 2026: `actual-missing` at the expected count of 2027 (line 19), the
    expected 20 stands in (20 x 50 = 1000: sof 600, ikke 400), and the table marks that count and repayment."""
    result = invoke("follow-up", MISSING, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert diagnostics_of(Path(MISSING).read_text(encoding="utf-8")) == [("warning", "actual-missing", 19, 32)]
    assert "the repayment of financing line 1 of project 'p' has no achieved outcomes for 2027" in result.stderr
    data = json.loads(result.stdout, parse_float=D)
    [entry] = data["repayment_followup"]
    assert entry["achieved"] == {"2026": 7, "2027": 20}
    assert entry["actual"]["2027"] == {"by": {"sof": 600, "ikke": 400}, "total": 1000}
    assert data["missing"] == [{"project": "p", "source": "dsi", "line": 17, "year": 2027, "what": "repay_achieved"}]
    table = cells(invoke("follow-up", MISSING).stdout)
    assert ["", "Opnået antal", "-", "7", "20*", "-", "27*"] in table
    assert ["", "Regnskab / forventet, Socialforvaltningen", "-", "210", "600*", "510", "1.320*"] in table
    assert ["", "Plan, Socialforvaltningen", "-", "300", "600", "420", "1.320"] in table
    assert "|  | Regnskab / forventet, i alt | \\- | 350 | 1.000\\* | 850 | 2.200\\* |" in invoke(
        "follow-up", MISSING, "--format", "markdown"
    ).stdout
    assert "Planen står i stedet for et regnskabstal, der mangler i filen (advarslen actual-missing)." in invoke(
        "follow-up", MISSING
    ).stdout


def test_achieved_counts_for_every_closed_year_are_not_warned_or_marked():
    result = invoke("follow-up", REPAID)
    assert "actual-missing" not in result.stderr
    assert "*" not in result.stdout
