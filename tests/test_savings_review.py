"""`effektinvest savings` after the outside review: the savings of deferred and stopped projects are listed
(counted nowhere), present values are never rounded unasked, a wrong-pocket share that does not exist says so,
-0 is 0, and a realisation written with a decimal comma or as text is told plainly."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import invoke

FIXTURES = Path(__file__).parent / "fixtures" / "savings"
WORKED = str(FIXTURES / "worked.yaml")
INACTIVE = str(FIXTURES / "inactive.yaml")
WIDE = {"COLUMNS": "250"}
D = Decimal

DEFERRED = (
    "Udskudt: Udskudt projekt (beslutning ved budget 2025); forventede besparelser, tæller ikke med: "
    "Decentralt budget 2026: 1,00001, 2027: 1,50000; Staten 2027: 0,05000 t.kr."
)
STOPPED = "Standset: Standset projekt; forventede besparelser, tæller ikke med: Staten 2026: 0,25000 t.kr."


def _json(*args) -> dict:
    result = invoke("savings", *args, "-f", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)


def _ok(*args, env=WIDE):
    result = invoke("savings", *args, env=env)
    assert result.code == 0, result.stderr
    return result.stdout


# --- 1. the savings of defer and stop projects ---------------------------------------------------------------------


def test_inactive_savings_are_listed_under_the_key_figures_and_count_nowhere():
    lines = _ok(INACTIVE, "-q").splitlines()
    assert lines[-2:] == [DEFERRED, STOPPED]
    assert lines[-3].startswith("Besparelser pr. betalt krone")
    assert "Uden besparelser" not in "\n".join(lines)  # a project without savings: nothing
    assert _json(INACTIVE)["total"]["savings"] == 2  # as the worked example: they count nowhere


def test_inactive_savings_in_markdown_and_under_the_sensitivity_table():
    markdown = _ok(INACTIVE, "-f", "markdown").splitlines()
    assert markdown[-2:] == [f"- {DEFERRED}", f"- {STOPPED}"]
    assert _ok(INACTIVE, "--realisation", "100%,50%").splitlines()[-2:] == [DEFERRED, STOPPED]


def test_inactive_savings_in_json_as_written_after_the_contracts_keys():
    data = _json(INACTIVE, "--realisation", "50%")
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
    assert list(_json(INACTIVE, "--realisation", "100%,50%"))[-1] == "inactive"
    assert "inactive" not in _json(WORKED)  # none: the contract's shape


def test_inactive_savings_in_the_output_unit_and_restated_with_prices():
    data = _json(INACTIVE, "--unit", "kr.", "--prices", "2025")
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


# --- 2. present values and shortfalls with the decimals they need ---------------------------------------------------


def test_present_values_are_not_rounded_unasked():
    out = _ok(WORKED, "--unit", "mio. kr.")
    assert "kommunalt -0,00054631, offentligt -0,00007956" in out
    assert "(ingen mangel)" in out  # a shortfall of 0: no figure to round
    assert "kommunalt -0,0005," in _ok(WORKED, "--unit", "mio. kr.", "--decimals", "4")  # asked: rounded
    table = _ok(WORKED, "--unit", "mio. kr.", "--realisation", "100%,0%")
    assert "-0,00054631" in table and "-0,00196618" in table and "Decentralt budget: 0,00100000" in table


def test_present_values_in_xlsx_have_the_decimals_they_need(tmp_path):
    target = tmp_path / "s.xlsx"
    assert invoke("savings", WORKED, "--unit", "mio. kr.", "-f", "xlsx", "-o", target).code == 0
    rows = list(openpyxl.load_workbook(target).active.iter_rows())
    npv = [row[2] for row in rows if row[0].value == "Nutidsværdi"]
    assert [cell.number_format for cell in npv] == ["#,##0.00000000"] * 2
    assert [D(str(cell.value)) for cell in npv] == [D("-0.00054631"), D("-0.00007956")]


# --- 3. a wrong-pocket share that does not exist ---------------------------------------------------------------------


def test_no_savings_the_wrong_pocket_share_cannot_be_computed(tmp_path):
    assert "Forkert lomme (andel): kan ikke opgøres (ingen besparelser)" in _ok(WORKED, "--realisation", "0")
    assert _json(WORKED, "--realisation", "0")["wrong_pocket_share"] is None
    municipal = tmp_path / "m.yaml"
    municipal.write_text(Path(WORKED).read_text(encoding="utf-8").replace("stat: {2026: 500}", ""), "utf-8")
    assert "Forkert lomme (andel): 0 % af besparelserne lander i stat og region" in _ok(str(municipal), "-q")


# --- 4. -0 is 0 ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["--realisation=-0", "--realisation=-0%", "--realisation=-0.0"])
def test_minus_zero_realisation_is_zero(written):
    data = _json(WORKED, written, "--discount=-0")
    assert not data["realisation"].is_signed() and data["realisation"] == 0
    assert not data["discount"].is_signed()
    assert "realisering 0 %" in _ok(WORKED, written)


@pytest.mark.parametrize("written", ["-0", '"-0%"'])
def test_minus_zero_realisation_in_a_file_is_zero(tmp_path, written):
    path = tmp_path / "z.yaml"
    path.write_text(Path(WORKED).read_text(encoding="utf-8") + f"realisation: {written}\n", "utf-8")
    assert "realisering 0 %" in _ok(str(path))
    assert str(_json(str(path))["realisation"]) == "0"


# --- 5. what a realisation written some other way is told -----------------------------------------------------------


LIST = "(commas separate the realisations of a list, such as 100%,75%)"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("0,75", f"0,75 has a decimal comma: write 0.75 {LIST}"),
        ("42,5%,50%", f"42,5%,50% has a decimal comma: write 42.5%,50% {LIST}"),
        ("0,5,0,75", f"0,5,0,75 has a decimal comma: write 0.5,0.75 {LIST}"),
        ("1,0.75,3", 'realisation 3 is read as a fraction (300 %); a percentage is written "3%"'),
    ],
)  # fmt: skip
def test_a_decimal_comma_on_the_command_line_is_said(written, said):
    result = invoke("savings", WORKED, f"--realisation={written}", env=WIDE)
    assert result.code == 2
    assert said in " ".join(result.stderr.replace("│", " ").split())


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ('"0.75"', "error[not-a-number]: a realisation is a number, not text: write 0.75 without quotes"),
        ("0,75", "error[decimal-comma]: '0,75' has a decimal comma: write 0.75"),
        ("1" * 31, "error[too-many-digits]: a realisation has at most 30 digits"),
        (f'"{"1" * 31}%"', "error[too-many-digits]: a realisation has at most 30 digits"),
        ('"75"', 'realisation 75 is read as a fraction (7500 %); a percentage is written "75%"'),
        ("abc", "a realisation is a percentage such as \"75%\" or a fraction such as 0.75, not 'abc'"),
    ],
)
def test_a_realisation_in_a_file_written_some_other_way_is_said(tmp_path, written, said):
    path = tmp_path / "r.yaml"
    path.write_text(Path(WORKED).read_text(encoding="utf-8") + f"realisation: {written}\n", "utf-8")
    result = invoke("savings", str(path))
    assert result.code == 1
    assert said in result.stderr


def test_share_messages_are_unchanged(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(Path(WORKED).read_text(encoding="utf-8").replace("share: 50%", "share: " + "1" * 31), "utf-8")
    assert "a share has at most 30 digits" in invoke("savings", str(path)).stderr
