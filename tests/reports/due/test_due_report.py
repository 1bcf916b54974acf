"""The `due` report in each format: the table, JSON, CSV, csv-da and the workbook, word for word and figure for
figure, on tests/fixtures/due/ (every kind of decision at budget 2025, in two files in kr. and mio. kr.)."""

import csv
import io
import zipfile
from decimal import Decimal
from xml.etree import ElementTree

import openpyxl
import pytest

from conftest import as_json, cells, invoke

D = Decimal
DUE = "tests/fixtures/due"
KR, MIO = f"{DUE}/decisions_kr.yaml", f"{DUE}/decisions_mio.yaml"
WIDE = {"COLUMNS": "250"}
COLUMNS = "ABCDEFGHI"  # the workbook's columns: six of text, two years, the total

pytestmark = pytest.mark.usefixtures("at_the_root")


def _ok(*args: str, env=None):
    result = invoke("due", DUE, "--budget", "2025", *args, env=env)
    assert (result.code, result.stderr) == (0, "")
    return result


def test_due_table_says_why_each_decision_is_due_and_what_the_file_decides():
    out = _ok(env=WIDE).stdout
    assert out.splitlines()[0].strip() == "Beslutninger ved budget 2025"
    assert cells(out) == [
        ["Fil", "Projekt", "Årsag", "Beslutning", "Udgift pr. år"],
        [KR, "Fortsat (fortsat)", "Finansieringen udløber i 2025", "Videreført",
         "2025: 1.500.000,0; 2026: 250.000,5 kr."],
        [KR, "Udskudt igen (udskudt)", "Finansieringen udløber i 2025", "Udskudt til budget 2026", "2026: 400.000 kr."],
        [KR, "Standset (standset)", "Finansieringen udløber i 2025", "Standset", "-"],
        [KR, "Ventet (ventet)", "Beslutningen er udskudt til budget 2025", "Udskudt til budget 2025", "-"],
        [MIO, "B (b)", "Finansieringen udløber i 2025", "Videreført", "2025: 0,75; 2026: 1,20 mio. kr."],
    ]


def test_due_json_keys_in_order_with_the_decision():
    items = as_json(_ok("--format", "json").stdout)
    assert [list(item) for item in items] == [
        ["path", "project", "name", "reason", "costs", "status", "unit", "decide_at", "funding_ends", "decision",
         "reason_text"]
    ] * 5
    assert items[1] == {
        "path": KR, "project": "udskudt", "name": "Udskudt igen", "reason": "funding_ends", "costs": {"2026": 400000},
        "status": "defer", "unit": "kr.", "decide_at": 2026, "funding_ends": 2025,
        "decision": "Udskudt til budget 2026", "reason_text": "Finansieringen udløber i 2025",
    }
    assert [(i["status"], i["decide_at"], i["funding_ends"], i["decision"], i["reason_text"]) for i in items] == [
        ("continue", None, 2025, "Videreført", "Finansieringen udløber i 2025"),
        ("defer", 2026, 2025, "Udskudt til budget 2026", "Finansieringen udløber i 2025"),
        ("stop", None, 2025, "Standset", "Finansieringen udløber i 2025"),
        ("defer", 2025, 2024, "Udskudt til budget 2025", "Beslutningen er udskudt til budget 2025"),
        ("continue", None, 2025, "Videreført", "Finansieringen udløber i 2025"),
    ]


def test_due_csv_has_a_row_per_cost_year_with_the_decision():
    rows = list(csv.reader(io.StringIO(_ok("--format", "csv").stdout)))
    what = ["status", "decide_at", "funding_ends", "decision", "reason_text"]
    assert rows[0] == ["path", "project", "name", "reason", "year", "cost", "unit", *what]
    ends = "Finansieringen udløber i 2025"
    continued = ["continue", "", "2025", "Videreført", ends]
    assert rows[1:] == [
        [KR, "fortsat", "Fortsat", "funding_ends", "2025", "1500000", "kr.", *continued],
        [KR, "fortsat", "Fortsat", "funding_ends", "2026", "250000.5", "kr.", *continued],
        [KR, "udskudt", "Udskudt igen", "funding_ends", "2026", "400000", "kr.", "defer", "2026", "2025",
         "Udskudt til budget 2026", ends],
        [KR, "standset", "Standset", "funding_ends", "", "", "kr.", "stop", "", "2025", "Standset", ends],
        [KR, "ventet", "Ventet", "deferred", "", "", "kr.", "defer", "2025", "2024", "Udskudt til budget 2025",
         "Beslutningen er udskudt til budget 2025"],
        [MIO, "b", "B", "funding_ends", "2025", "0.75", "mio. kr.", *continued],
        [MIO, "b", "B", "funding_ends", "2026", "1.2", "mio. kr.", *continued],
    ]


def test_due_csv_da_has_the_same_rows_in_its_dialect():
    text = _ok("--format", "csv-da").stdout
    assert text.startswith("\ufeff") and text.count("\r\n") == 8
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    plain = list(csv.reader(io.StringIO(_ok("--format", "csv").stdout)))
    assert rows == [[*row[:5], row[5].replace(".", ","), *row[6:]] for row in plain]
    assert rows[2][5] == "250000,5"


def _sheet(book: bytes) -> list[list]:
    """The cells of the workbook's sheet, row by row, read from its XML: a number cell as the exact Decimal
    of its text, a text cell as its text (openpyxl would read a number through a float)."""
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        root = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    ns = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    out = []
    for row in root.iterfind(".//x:row", ns):
        cells = {}
        for cell in row.iterfind("x:c", ns):
            column = "".join(ch for ch in cell.get("r") if ch.isalpha())
            number = cell.find("x:v", ns)
            cells[column] = D(number.text) if number is not None else cell.find("x:is/x:t", ns).text
        width = max((COLUMNS.index(column) + 1 for column in cells), default=0)
        out.append([cells.get(column) for column in COLUMNS[:width]])
    return out


def test_due_workbook_has_the_reason_and_the_decision_beside_each_project():
    book = _ok("--format", "xlsx").stdout_bytes
    rows = _sheet(book)
    assert rows[:4] == [["Beslutninger ved budget 2025"], ["beløb i hver fils enhed"], [],
                        ["Fil", "Projekt", "Id", "Årsag", "Beslutning", "Enhed", D(2025), D(2026), "I alt"]]
    ends = "Finansieringen udløber i 2025"
    assert rows[4:] == [
        [KR, "Fortsat", "fortsat", ends, "Videreført", "kr.", D("1500000"), D("250000.5"), D("1750000.5")],
        [KR, "Udskudt igen", "udskudt", ends, "Udskudt til budget 2026", "kr.", None, D("400000"), D("400000")],
        [KR, "Standset", "standset", ends, "Standset", "kr."],
        [KR, "Ventet", "ventet", "Beslutningen er udskudt til budget 2025", "Udskudt til budget 2025", "kr."],
        [MIO, "B", "b", ends, "Videreført", "mio. kr.", D("0.75"), D("1.2"), D("1.95")],
    ]
    ws = openpyxl.load_workbook(io.BytesIO(book)).active
    assert [ws[f"{column}5"].number_format for column in "GHI"] == ["#,##0.0"] * 3
    assert [ws[f"{column}9"].number_format for column in "GHI"] == ["#,##0.00"] * 3
