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

from conftest import as_json, due_tables, invoke

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

HEADS = ["Projekt", "Årsag", "Beslutning", "Udgift pr. år"]


def _tables(costs: list[str]) -> list[tuple[str, list[list[str]]]]:
    """The table's groups with the cost cells COSTS (one per decision, in order): the kr. file's four decisions,
    the mio. kr. file's one."""
    rows = [
        ["Fortsat (fortsat)", ENDS, "Videreført"],
        ["Udskudt igen (udskudt)", ENDS, "Udskudt til budget 2026"],
        ["Standset (standset)", ENDS, "Standset"],
        ["Ventet (ventet)", DEFERRED, "Udskudt til budget 2025"],
        ["B (b)", ENDS, "Videreført"],
    ]
    cells = [[*row, cost] for row, cost in zip(rows, costs, strict=True)]
    return [(KR, [HEADS, *cells[:4]]), (MIO, [HEADS, cells[4]])]


def test_due_table_says_why_each_decision_is_due_and_what_the_file_decides_in_one_unit():
    """Each file's path heads its decisions (no cell holds a path); the mio. kr. file's costs in kr., the first
    file's unit, a line a year; every amount with the one decimal 250.000,5 needs."""
    out = _ok(env=WIDE).stdout
    lines = out.splitlines()
    assert lines[0].strip() == "Beslutninger ved budget 2025"
    assert due_tables(out) == _tables(
        ["2025: 1.500.000,0 2026: 250.000,5", "2026: 400.000,0", "-", "-", "2025: 750.000,0 2026: 1.200.000,0"]
    )
    assert [line.strip() for line in lines if "2025: 1.500.000,0" in line or "2026: 250.000,5" in line] == [
        "│ Fortsat (fortsat)      │ Finansieringen udløber i 2025           │ Videreført              │ 2025: "
        "1.500.000,0 │",
        "│                        │                                         │                         │   2026: "
        "250.000,5 │",
    ]  # a year a line, the figures right-aligned
    assert lines[-1].strip() == "kr."  # the caption: the one unit


@pytest.mark.parametrize(
    ("unit", "costs"),
    [
        ("mio", ["2025: 1,5000000 2026: 0,2500005", "2026: 0,4000000", "-", "-", "2025: 0,7500000 2026: 1,2000000"]),
        ("t.kr.", ["2025: 1.500,0000 2026: 250,0005", "2026: 400,0000", "-", "-", "2025: 750,0000 2026: 1.200,0000"]),
    ],
)
def test_due_table_in_the_unit_asked_for(unit, costs):
    out = _ok("--unit", unit, env=WIDE).stdout
    assert due_tables(out) == _tables(costs)
    assert out.splitlines()[-1].strip() == {"mio": "mio. kr.", "t.kr.": "t.kr."}[unit]


def test_due_table_with_no_decision_due_has_no_caption():
    out = invoke("due", DUE, "--budget", "2030", env=WIDE).stdout
    assert due_tables(out) == [(None, [HEADS])]
    assert out.splitlines()[-1].startswith("└")


@pytest.mark.parametrize(
    ("room", "widths"),
    [
        (200, [22, 39, 23, 17]),  # everything fits: as wide as each column needs
        (67, [14, 20, 16, 17]),  # 80 columns: the text column with most to spare narrowed first, the costs whole
        (47, [9, 14, 10, 14]),  # 60 columns: the text columns at their longest word, then the costs narrowed
        (30, [9, 14, 10, 11]),  # narrower than every longest word: the longest words (the terminal wraps)
    ],
)
def test_due_columns_are_fitted_without_splitting_a_word(room, widths):
    from effektinvest.reports.due.table import fitted

    assert fitted([22, 39, 23, 17], [9, 14, 10, 11], room) == widths


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
