"""The `due` report in each format: the table, JSON, CSV, csv-da and the workbook, word for word and figure for
figure, on tests/fixtures/due/ (every kind of decision at budget 2025, in two files: one in kr., one in
mio. kr.), every amount in one unit: by default the first file's with a decision due (kr.), else --unit's."""

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
ENDS, DEFERRED = "Finansieringen udløber i 2025", "Beslutningen er udskudt til budget 2025"

pytestmark = pytest.mark.usefixtures("at_the_root")


def _ok(*args: str, env=None):
    result = invoke("due", DUE, "--budget", "2025", *args, env=env)
    assert (result.code, result.stderr) == (0, "")
    return result


# --- the table ------------------------------------------------------------------------------------------------------


def _table(costs: list[str]) -> list[list[str]]:
    """The table's cells with the cost cells COSTS (one per decision, in order)."""
    rows = [
        [KR, "Fortsat (fortsat)", ENDS, "Videreført"],
        [KR, "Udskudt igen (udskudt)", ENDS, "Udskudt til budget 2026"],
        [KR, "Standset (standset)", ENDS, "Standset"],
        [KR, "Ventet (ventet)", DEFERRED, "Udskudt til budget 2025"],
        [MIO, "B (b)", ENDS, "Videreført"],
    ]
    head = ["Fil", "Projekt", "Årsag", "Beslutning", "Udgift pr. år"]
    return [head, *([*row, cost] for row, cost in zip(rows, costs, strict=True))]


def test_due_table_says_why_each_decision_is_due_and_what_the_file_decides_in_one_unit():
    """The mio. kr. file's costs in kr., the first file's unit; every amount with the one decimal 250.000,5 needs."""
    lines = _ok(env=WIDE).stdout.splitlines()
    assert lines[0].strip() == "Beslutninger ved budget 2025"
    assert cells("\n".join(lines)) == _table(
        ["2025: 1.500.000,0; 2026: 250.000,5", "2026: 400.000,0", "-", "-", "2025: 750.000,0; 2026: 1.200.000,0"]
    )
    assert lines[-1].strip() == "kr."  # the caption: the one unit


@pytest.mark.parametrize(
    ("unit", "costs"),
    [
        ("mio", ["2025: 1,5000000; 2026: 0,2500005", "2026: 0,4000000", "-", "-", "2025: 0,7500000; 2026: 1,2000000"]),
        ("t.kr.", ["2025: 1.500,0000; 2026: 250,0005", "2026: 400,0000", "-", "-", "2025: 750,0000; 2026: 1.200,0000"]),
    ],
)
def test_due_table_in_the_unit_asked_for(unit, costs):
    lines = _ok("--unit", unit, env=WIDE).stdout.splitlines()
    assert cells("\n".join(lines)) == _table(costs)
    assert lines[-1].strip() == {"mio": "mio. kr.", "t.kr.": "t.kr."}[unit]


def test_due_table_with_no_decision_due_has_no_caption():
    lines = invoke("due", DUE, "--budget", "2030", env=WIDE).stdout.splitlines()
    assert cells("\n".join(lines)) == [["Fil", "Projekt", "Årsag", "Beslutning", "Udgift pr. år"]]
    assert lines[-1].startswith("└")


# --- JSON -----------------------------------------------------------------------------------------------------------


def test_due_json_keys_in_order_with_the_decision():
    items = as_json(_ok("--format", "json").stdout)
    assert [list(item) for item in items] == [
        ["path", "project", "name", "reason", "costs", "status", "unit", "decide_at", "funding_ends", "decision",
         "reason_text"]
    ] * 5
    assert items[1] == {
        "path": KR, "project": "udskudt", "name": "Udskudt igen", "reason": "funding_ends", "costs": {"2026": 400000},
        "status": "defer", "unit": "kr.", "decide_at": 2026, "funding_ends": 2025,
        "decision": "Udskudt til budget 2026", "reason_text": ENDS,
    }
    assert [(i["status"], i["decide_at"], i["funding_ends"], i["decision"], i["reason_text"]) for i in items] == [
        ("continue", None, 2025, "Videreført", ENDS),
        ("defer", 2026, 2025, "Udskudt til budget 2026", ENDS),
        ("stop", None, 2025, "Standset", ENDS),
        ("defer", 2025, 2024, "Udskudt til budget 2025", DEFERRED),
        ("continue", None, 2025, "Videreført", ENDS),
    ]


@pytest.mark.parametrize(
    ("asked", "unit", "costs"),
    [
        ((), "kr.", [{"2025": D(1500000), "2026": D("250000.5")}, {"2026": D(400000)}, {}, {},
                     {"2025": D(750000), "2026": D(1200000)}]),
        (("--unit", "mio. kr."), "mio. kr.", [{"2025": D("1.5"), "2026": D("0.2500005")}, {"2026": D("0.4")}, {}, {},
                                             {"2025": D("0.75"), "2026": D("1.2")}]),
        (("--unit", "1.000 kr."), "t.kr.", [{"2025": D(1500), "2026": D("250.0005")}, {"2026": D(400)}, {}, {},
                                           {"2025": D(750), "2026": D(1200)}]),
    ],
)
def test_due_json_states_every_amount_in_one_unit_exactly(asked, unit, costs):
    items = as_json(_ok("--format", "json", *asked).stdout)
    assert [(i["unit"], i["costs"]) for i in items] == [(unit, c) for c in costs]


# --- CSV and csv-da -------------------------------------------------------------------------------------------------


def _csv_rows(unit: str, fortsat: tuple[str, str], udskudt: str, b: tuple[str, str]) -> list[list[str]]:
    continued = ["continue", "", "2025", "Videreført", ENDS]
    return [
        ["path", "project", "name", "reason", "year", "cost", "unit",
         "status", "decide_at", "funding_ends", "decision", "reason_text"],
        [KR, "fortsat", "Fortsat", "funding_ends", "2025", fortsat[0], unit, *continued],
        [KR, "fortsat", "Fortsat", "funding_ends", "2026", fortsat[1], unit, *continued],
        [KR, "udskudt", "Udskudt igen", "funding_ends", "2026", udskudt, unit, "defer", "2026", "2025",
         "Udskudt til budget 2026", ENDS],
        [KR, "standset", "Standset", "funding_ends", "", "", unit, "stop", "", "2025", "Standset", ENDS],
        [KR, "ventet", "Ventet", "deferred", "", "", unit, "defer", "2025", "2024", "Udskudt til budget 2025",
         DEFERRED],
        [MIO, "b", "B", "funding_ends", "2025", b[0], unit, *continued],
        [MIO, "b", "B", "funding_ends", "2026", b[1], unit, *continued],
    ]


def test_due_csv_has_a_row_per_cost_year_with_the_decision_in_one_unit():
    rows = list(csv.reader(io.StringIO(_ok("--format", "csv").stdout)))
    assert rows == _csv_rows("kr.", ("1500000", "250000.5"), "400000", ("750000", "1200000"))
    in_mio = list(csv.reader(io.StringIO(_ok("--format", "csv", "--unit", "mio").stdout)))
    assert in_mio == _csv_rows("mio. kr.", ("1.5", "0.2500005"), "0.4", ("0.75", "1.2"))


def test_due_csv_da_has_the_same_rows_in_its_dialect_in_the_unit_asked_for():
    text = _ok("--format", "csv-da", "--unit", "t.kr.").stdout
    assert text.startswith("\ufeff") and text.count("\r\n") == 8
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows == _csv_rows("t.kr.", ("1500", "250,0005"), "400", ("750", "1200"))


# --- the workbook ---------------------------------------------------------------------------------------------------


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


@pytest.mark.parametrize(
    ("asked", "unit", "figures", "number_format"),
    [
        ((), "kr.", [("1500000", "250000.5", "1750000.5"), "400000", ("750000", "1200000", "1950000")], "#,##0.0"),
        (("--unit", "mio"), "mio. kr.", [("1.5", "0.2500005", "1.7500005"), "0.4", ("0.75", "1.2", "1.95")],
         "#,##0.0000000"),
    ],
)
def test_due_workbook_has_the_reason_and_the_decision_beside_each_project(asked, unit, figures, number_format):
    book = _ok("--format", "xlsx", *asked).stdout_bytes
    rows = _sheet(book)
    assert rows[:4] == [["Beslutninger ved budget 2025"], [unit], [],
                        ["Fil", "Projekt", "Id", "Årsag", "Beslutning", "Enhed", D(2025), D(2026), "I alt"]]
    fortsat, udskudt, b = ([D(f) for f in group] if isinstance(group, tuple) else D(group) for group in figures)
    assert rows[4:] == [
        [KR, "Fortsat", "fortsat", ENDS, "Videreført", unit, *fortsat],
        [KR, "Udskudt igen", "udskudt", ENDS, "Udskudt til budget 2026", unit, None, udskudt, udskudt],
        [KR, "Standset", "standset", ENDS, "Standset", unit],
        [KR, "Ventet", "ventet", DEFERRED, "Udskudt til budget 2025", unit],
        [MIO, "B", "b", ENDS, "Videreført", unit, *b],
    ]
    ws = openpyxl.load_workbook(io.BytesIO(book)).active
    assert {ws[f"{column}{row}"].number_format for column in "GHI" for row in (5, 9)} == {number_format}
