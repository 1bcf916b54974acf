"""reports/followup/xlsx.py: the workbook read back with openpyxl: every figure a number cell holding the JSON's
figure, the marked ones in italics, text a user wrote never a formula."""

from decimal import Decimal
from pathlib import Path

import openpyxl

from conftest import as_json, invoke

HERE = Path(__file__).resolve().parent
HEAD = 4  # title, caption, an empty row, then the header
D = Decimal


def _sheet(tmp_path, name: str, *args):
    target = tmp_path / "followup.xlsx"
    result = invoke("follow-up", str(HERE / name), "--format", "xlsx", "--output", target, *args)
    assert result.code == 0, result.stderr
    return openpyxl.load_workbook(target).active


def _values(sheet) -> list[list]:
    """From the header on: each row's cells, a number as Decimal from the cell's value (øre: 2 decimals in kr.)."""
    out = []
    for row in sheet.iter_rows(min_row=HEAD):
        out.append(
            [
                D(c.value).quantize(D("0.0001")).normalize() if c.data_type == "n" and c.value is not None else c.value
                for c in row
            ]
        )
    return out


def test_the_worked_example_cell_by_cell(tmp_path):
    sheet = _sheet(tmp_path, "worked.yaml")
    assert sheet.title == "Opfølgning 2024"
    assert (sheet["A1"].value, sheet["A2"].value) == ("Opfølgning", "kr.")
    assert _values(sheet)[:20] == [
        ["Budget 2024", None, "2024 R", "2025 R", "2026 B", "I alt"],
        ["Udgift i alt", "Plan", 1000, 1000, 1000, 3000],
        [None, "Regnskab / forventet", 1100, 950, 1000, 3050],
        [None, "Afvigelse", 100, -50, 0, 50],
        ["Decentralt budget", "Plan", 500, 500, 500, 1500],
        [None, "Regnskab / forventet", 550, 475, 500, 1525],
        [None, "Afvigelse", 50, -25, 0, 25],
        ["Outcomefonden", "Plan", 300, 300, 200, 800],
        [None, "Regnskab / forventet", 100, 200, 300, 600],
        [None, "Afvigelse", -200, -100, 100, -200],
        ["Restfinansiering", "Plan", 200, 200, 300, 700],
        [None, "Regnskab / forventet", 450, 275, 200, 925],
        [None, "Afvigelse", 250, 75, -100, 225],
        ["Outcomefonden (linje 16)", "Forventet antal", 3, 3, 3, 9],
        [None, "Opnået antal", 1, 2, None, 3],
        [None, "Betalt", 100, 200, 300, 600],
        [None, "Loft tilbage", None, None, None, 200],
        ["Besparelser, Decentralt budget", "Forventet", 0, 600, 600, 1200],
        [None, "Realiseret / forventet", 0, 450, 600, 1050],
        [None, "Realiseringsgrad", None, None, None, D("0.75")],
    ]
    assert sheet["C7"].number_format == "+#,##0;-#,##0;#,##0"  # a deviation, signed
    assert sheet["C5"].number_format == "#,##0" and sheet["F23"].number_format == "0.0%"


def test_the_cells_hold_the_json_figures_exactly_in_the_output_unit(tmp_path):
    result = invoke("follow-up", str(HERE / "pooled.yaml"), "--format", "json", "--unit", "mio. kr.")
    data = as_json(result.stdout)
    sheet = _sheet(tmp_path, "pooled.yaml", "--unit", "mio. kr.")
    rows = list(sheet.iter_rows(min_row=HEAD + 1, max_row=HEAD + 3))
    for row, side in zip(rows, ("plan", "actual", "deviation"), strict=True):
        figures = [D(cell.value).quantize(D("1E-8")).normalize() for cell in row[2:]]
        assert figures == [data["cost"][side][key] for key in ("2024", "2025", "total")]
    assert rows[0][2].number_format == "#,##0.00000"


def test_a_marked_figure_is_in_italics_and_said_under_the_table(tmp_path):
    sheet = _sheet(tmp_path, "missing.yaml")
    assert (sheet["D6"].value, sheet["D6"].font.i, sheet["C6"].font.i) == (1000, True, False)
    assert sheet["D6"].font.b and sheet["D6"].font.name == sheet["C6"].font.name  # bold row, the same font
    notes = [row[0].value for row in sheet.iter_rows(min_row=HEAD + 19) if row[0].value]
    assert (
        notes[-1] == "Kursiv: planen står i stedet for et regnskabstal, der mangler i filen (advarslen actual-missing)."
    )


def test_text_a_user_wrote_is_never_a_formula(tmp_path):
    sheet = _sheet(tmp_path, "names.yaml")
    labels = [(row[0].value, row[0].data_type) for row in sheet.iter_rows(min_row=HEAD) if row[0].value]
    assert ("=SUM(A1)", "s") in labels and ("Besparelser, =SUM(A1)", "s") in labels
    assert (sheet["A1"].value, sheet["A1"].data_type) == ('=HYPERLINK("x") *fed* \\x1b[31m', "s")
