"""`--format xlsx` (issue 12): read back with openpyxl, every figure is the figure of `--format json` (as Decimal,
rounded to the output's øre); number cells with number formats, percent cells, text cells never formulas, the
native stacked column chart of `gap`; openpyxl imported only for xlsx."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, invoke
from effektinvest.core.display_context import visible

SEED = str(ROOT / "scenarios" / "2024.yaml")
LATER = str(ROOT / "scenarios" / "2025.yaml")
ORE = {"kr.": 2, "t.kr.": 5, "mio. kr.": 8}  # the output unit's øre, in decimals
HEAD = 4  # the header's row: title, caption, an empty row, then the header


def _json(*args: str):
    result = invoke(*args, "-f", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal)


def _workbook(*args: str):
    result = invoke(*args, "-f", "xlsx")
    assert result.code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"PK")  # a zip: the workbook, on standard output (not a terminal)
    return openpyxl.load_workbook(io.BytesIO(result.stdout_bytes)), result.stdout_bytes


def _figure(cell, unit: str) -> Decimal | None:
    """A number cell's value as Decimal, rounded to the output's øre (None for an empty cell)."""
    if cell.value is None:
        return None
    assert cell.data_type == "n", cell.coordinate
    return Decimal(cell.value).quantize(Decimal(1).scaleb(-ORE[unit]))


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _body(ws):
    return list(ws.iter_rows(min_row=HEAD + 1))


GAP_RUNS = [
    [SEED],
    [LATER],
    [SEED, "--unit", "kr."],
    [SEED, "--unit", "t.kr.", "--prices", "2025"],
    [LATER, "--prices", "2024", "--decimals", "1"],
]


@pytest.mark.parametrize("args", GAP_RUNS, ids=[" ".join(Path(a).name for a in args) for args in GAP_RUNS])
def test_gap_sheet_holds_every_figure_of_json(args):
    data = _json("gap", *args)
    workbook, _ = _workbook("gap", *args)
    assert workbook.sheetnames == [f"Budget {data['budget_year']}"]
    ws = workbook.active
    unit = data["unit"]
    assert ws["A1"].value == data["scenario"]
    assert ws["A2"].value == f"{unit}, {data['price_level']}-priser"
    years = [y["year"] for y in data["years"]]
    assert [c.value for c in ws[HEAD]] == [f"Budget {data['budget_year']}", *years, "I alt"]
    columns = [*data["years"], data["total"]]
    expected = []  # (label, figures per column), the rows of the table
    for project in data["projects"]:
        if project["status"] == "continue" and project["costs"]:
            costs = [_number(project["costs"].get(str(y))) for y in years]
            expected.append((project["name"], [*costs, sum(c for c in costs if c is not None)]))
    expected.append(("Udgift i alt", [c["cost"] for c in columns]))
    names = {s["id"]: s["name"] for s in data.get("sources", [])}
    for sid in data["total"]["financing"]:
        expected.append((names.get(sid, sid), [_number(c["financing"].get(sid)) for c in columns]))
    expected.append(("Finansiering i alt", [c["financed"] for c in columns]))
    expected.append(("Dækningsgrad", [c["coverage"] for c in columns]))
    expected.append(("Restfinansiering", [c["residual"] for c in columns]))
    rows = _body(ws)[: len(expected)]
    for (label, figures), row in zip(expected, rows, strict=True):
        if label in names.values() or label.startswith(("Udgift", "Finans", "Dæk", "Rest")):
            assert row[0].value == label
        if label == "Dækningsgrad":
            shown = [None if c.value is None else Decimal(c.value).quantize(Decimal("0.0001")) for c in row[1:]]
            assert shown == figures  # the JSON's 4-decimal fraction
            assert {c.number_format for c in row[1:]} == {"0.0%"}
        else:
            assert [_figure(c, unit) for c in row[1:]] == figures, label
            assert all("#,##0" in c.number_format for c in row[1:] if c.value is not None)


def test_amounts_are_number_cells_with_a_thousands_separator_and_the_decimals():
    workbook, _ = _workbook("gap", SEED)
    cell = workbook.active["D7"]  # Udgift i alt, I alt
    assert (cell.value, cell.data_type, cell.number_format) == (10.35, "n", "#,##0.00")
    assert workbook.active["D7"].font.b  # a sum row is bold, as in the table
    workbook, _ = _workbook("gap", SEED, "--unit", "kr.")
    assert workbook.active["D7"].value == 10350000 and workbook.active["D7"].number_format == "#,##0"
    workbook, _ = _workbook("gap", SEED, "--decimals", "1")
    assert workbook.active["D7"].value == 10.35 and workbook.active["D7"].number_format == "#,##0.0"


def test_the_file_holds_the_exact_digits(tmp_path):
    """openpyxl would write a value through a float ('%.16g'); the cells hold the Decimal's own digits, and a
    15-digit amount reads back exactly."""
    scenario = tmp_path / "big.yaml"
    scenario.write_text(
        "scenario: Stor\nbudget_year: 2024\nunit: kr.\nsources:\n  s: {name: S, kind: fund}\n"
        "projects:\n  p: {name: P, costs: {2024: 1234567890123.45, 2025: 0.07}}\n"
        "financing:\n  - {source: s, amount: {2024: 1234567890123.44, 2025: 0.01}}\n",
        encoding="utf-8",
    )
    workbook, raw = _workbook("gap", scenario)
    sheet = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml").decode()
    for digits in ("1234567890123.45", "1234567890123.52", "0.07", "0.06", "1234567890123.44"):
        assert f"<v>{digits}</v>" in sheet
    assert Decimal(repr(workbook.active["B5"].value)) == Decimal("1234567890123.45")


def _series(columns: list[dict]) -> list[tuple]:
    """Every figure of compare's JSON, as a tuple per figure: (before, after, change) per column, a figure
    missing from a column counting as 0 there. Figures are found by shape ({before, after, change}), nested
    once (financing per source, and any other per-id mapping), so the test follows the report's rows."""
    keys = []
    for column in columns:
        for key, value in column.items():
            if isinstance(value, dict) and "change" in value:
                keys.append((key,))
            elif isinstance(value, dict):
                keys += [(key, sub) for sub in value]
    zero = {"before": 0, "after": 0, "change": 0}

    def get(column, key):
        empty = {**zero, "after": None, "change": None} if column.get("closed") else zero  # a closed year: before only
        value = column.get(key[0], {})
        return (value.get(key[1], empty) if len(key) == 2 else value) or empty

    return [
        tuple(tuple(get(c, key)[side] for c in columns) for side in ("before", "after", "change"))
        for key in dict.fromkeys(keys)
    ]


def test_compare_sheet_holds_every_figure_of_json():
    args = ("compare", SEED, LATER, "--prices", "2025", "--unit", "t.kr.")
    data = _json(*args)
    workbook, _ = _workbook(*args)
    assert workbook.sheetnames == ["Sammenligning"]
    ws = workbook.active
    years = [y["year"] for y in data["years"]]
    assert [c.value for c in ws[HEAD]] == [None, None, *years, "I alt"]
    rows = [row for row in _body(ws) if row[1].value in ("før", "efter", "ændring")]
    assert [row[1].value for row in rows] == ["før", "efter", "ændring"] * (len(rows) // 3)
    points = {i + 2 for i in range(0, len(rows), 3) if rows[i][0].value == "Dækningsgrad"}  # its change, in points

    def figures(index: int) -> tuple:
        shown = [_figure(c, data["unit"]) for c in rows[index][2:]]
        return tuple(None if f is None else f.scaleb(-2) if index in points else f for f in shown)

    groups = [tuple(figures(index) for index in range(i, i + 3)) for i in range(0, len(rows), 3)]
    assert Counter(groups) == Counter(_series([*data["years"], data["total"]]))
    change = next(row for row in rows if row[1].value == "ændring")[-1]  # the total (2024 is closed: empty)
    assert change.number_format == "+#,##0.00;-#,##0.00;#,##0.00"  # a change has its sign


def test_due_sheet_holds_every_figure_of_json():
    args = ("due", str(ROOT / "scenarios"), "--budget", "2025")
    data = _json(*args)
    workbook, _ = _workbook(*args)
    ws = workbook.active
    assert workbook.sheetnames == ["Beslutninger 2025"]
    head = [c.value for c in ws[HEAD]]
    years = [y for y in head if isinstance(y, int)]
    rows = _body(ws)
    assert len(rows) == len(data)
    for item, row in zip(data, rows, strict=True):
        assert [c.value for c in row[:3]] == [item["path"], item["name"], item["project"]]
        assert [c.value for c in row[3:6]] == [item["reason_text"], item["decision"], item["unit"]]
        costs = [_number(item["costs"].get(str(y))) for y in years]
        assert [_figure(c, item["unit"]) for c in row[6 : 6 + len(years)]] == costs
        total = sum(c for c in costs if c is not None) if item["costs"] else None
        assert _figure(row[6 + len(years)], item["unit"]) == total


def test_gap_sheet_has_a_native_stacked_column_chart():
    workbook, _ = _workbook("gap", SEED)
    (chart,) = workbook.active._charts
    assert (chart.type, chart.grouping, chart.overlap) == ("col", "stacked", 100)
    titles = [s.tx.strRef.f.replace("$", "") for s in chart.series]  # each series names its row
    assert titles == ["'Budget 2024'!A8", "'Budget 2024'!A9", "'Budget 2024'!A10", "'Budget 2024'!A13"]
    assert chart.series[-1].val.numRef.f.replace("$", "") == "'Budget 2024'!B13:C13"  # the years, not the total
    assert [workbook.active[f"A{row}"].value for row in (8, 9, 10)] == [
        "Sociale Forhold og Beskæftigelse",
        "Ikke-decentraliserede budgetter",
        "Outcomefonden",
    ]
    assert workbook.active["A13"].value == "Restfinansiering"


FORMULA_LIKE = ['=HYPERLINK("http://x","klik")', "+45 1234", "-1+2", "@SUM(A1)", "Rød\x1b[31m", "=1+1"]


def test_text_is_never_a_formula(tmp_path):
    """Names, titles and notes that begin with = + - @ are text cells, and a control character is shown as its
    escape (openpyxl refuses it, Excel would break on it)."""
    scenario = tmp_path / "formula.yaml"
    projects = "".join(f"  p{i}: {{name: {json.dumps(n)}, costs: {{2024: 1}}}}\n" for i, n in enumerate(FORMULA_LIKE))
    scenario.write_text(
        f"scenario: \"=cmd|' /C calc'!A0\"\nbudget_year: 2024\nunit: kr.\n"
        f'sources:\n  s: {{name: "=2*3", kind: fund}}\nprojects:\n{projects}'
        "financing:\n  - {source: s, amount: 1}\n",
        encoding="utf-8",
    )
    workbook, raw = _workbook("gap", scenario)
    ws = workbook.active
    assert ws["A1"].value == "=cmd|' /C calc'!A0" and ws["A1"].data_type == "s"
    names = [row[0].value for row in _body(ws)[: len(FORMULA_LIKE)]]
    assert names == [visible(n) for n in FORMULA_LIKE]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type in ("s", "n") for c in cells)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    for args in (["compare", scenario, scenario], ["due", scenario, "--budget", "2024"]):
        _, raw = _workbook(*args)
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_openpyxl_is_imported_only_for_xlsx():
    def imported(*args: str) -> str:
        command = [sys.executable, "-X", "importtime", "-m", "effektinvest", *args]
        run = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        return run.stderr.decode()

    for args in (["gap", SEED], ["gap", SEED, "-f", "json"], ["gap", SEED, "-f", "csv-da"], ["note", SEED]):
        assert "openpyxl" not in imported(*args)
    assert "openpyxl" in imported("gap", SEED, "-f", "xlsx")


def test_gap_sheet_has_the_lines_under_the_table_as_the_table_has_them():
    workbook, _ = _workbook("gap", SEED)
    texts = [row[0] for row in workbook.active.iter_rows(values_only=True) if row and isinstance(row[0], str)]
    table = invoke("gap", SEED).stdout.splitlines()
    for line in ("Finansieringen udløber i 2024: Havnen; Hjem, Job og Helhed; Dialog mod Vold",
                 "Udskudt: Dialog mod Vold (beslutning ved budget 2025)"):
        assert line in texts
        assert line in table
    assert texts.index(table[-2]) + 1 == texts.index(table[-1])  # in the table's order


# --- a workbook that opens, whatever a title or a file's name holds (found by an outside review) ----------------------


ESC_TITLE = """\
scenario: "T\\e[31mred\\uffff"
budget_year: 2024
sources:
  k: {name: K}
projects:
  p:
    name: "P\\e]0;x\\a"
    status: defer
    decide_at: 2025
    costs: {2025: 100}
  q:
    name: Q
    costs: {2024: 100}
    savings:
      k: {2024: 5}
financing:
  - {source: k, share: 10%}
"""


def _opened(result):
    assert result.code == 0, result.stderr
    return openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))


@pytest.fixture
def escaped(tmp_path):
    path = tmp_path / "a\uffffb.yaml"  # a file name with a noncharacter, which XML cannot hold either
    path.write_text(ESC_TITLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["gap", "savings"])
def test_a_title_with_a_control_character_makes_a_workbook_that_opens(escaped, command):
    workbook = _opened(invoke(command, escaped, "-f", "xlsx"))
    title = "T\\x1b[31mred\\uffff"
    assert workbook.properties.title == title == visible("T\x1b[31mred\uffff")
    assert workbook.active["A1"].value == title


def test_compare_and_due_workbooks_open_with_the_escapes(escaped):
    workbook = _opened(invoke("compare", escaped, escaped, "-f", "xlsx"))
    assert "T\\x1b[31mred\\uffff" in workbook.properties.title
    workbook = _opened(invoke("due", escaped, "--budget", "2025", "-f", "xlsx"))
    row = [cell.value for cell in list(workbook.active.rows)[4]]
    assert row[:3] == [str(escaped).replace("\uffff", "\\uffff"), "P\\x1b]0;x\\x07", "p"]
