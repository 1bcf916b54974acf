"""The workbook as printed (issue 19, point 4), read back with openpyxl: one named font on every cell, bold rows
too; the heads of number columns right-aligned like their numbers; every sheet A4 landscape, one page wide,
its title, caption and header repeated on each page; gap's chart axis in the cells' number format; compare's
coverage change in percentage points, formatted as points."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import openpyxl
import pytest

from conftest import ROOT, invoke

SEED = str(ROOT / "scenarios" / "2024.yaml")
LATER = str(ROOT / "scenarios" / "2025.yaml")
HEAD = 4  # the header's row
RUNS = {
    "gap": ["gap", SEED],
    "compare": ["compare", SEED, LATER, "--prices", "2025"],
    "due": ["due", str(ROOT / "scenarios"), "--budget", "2025"],
    "savings": ["savings", SEED],
    "sensitivity": ["savings", SEED, "--realisation", "100%,50%"],
    "follow-up": ["follow-up", str(ROOT / "tests" / "reports" / "followup" / "worked.yaml")],
}


def _sheet(*args: str):
    result = invoke(*args, "-f", "xlsx")
    assert result.code == 0, result.stderr
    return openpyxl.load_workbook(io.BytesIO(result.stdout_bytes)).active


def _cells(ws):
    return [cell for row in ws.iter_rows() for cell in row if cell.value is not None]


@pytest.mark.parametrize("report", RUNS)
def test_every_cell_bold_or_not_names_the_one_font(report):
    cells = _cells(_sheet(*RUNS[report]))
    assert {(cell.font.name, cell.font.sz) for cell in cells} == {("Arial", 10)}
    assert any(cell.font.b for cell in cells) and not all(cell.font.b for cell in cells)


@pytest.mark.parametrize("report", RUNS)
def test_every_sheet_prints_landscape_one_page_wide_with_its_head_on_each_page(report):
    ws = _sheet(*RUNS[report])
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$4"  # title, caption, the empty row, the header


def _table(ws) -> list[tuple]:
    """The table's rows: from under the header to the first empty row."""
    out = []
    for row in ws.iter_rows(min_row=HEAD + 1):
        if all(cell.value is None for cell in row):
            break
        out.append(row)
    return out


@pytest.mark.parametrize("report", RUNS)
def test_the_head_of_a_number_column_is_right_aligned_like_its_numbers(report):
    """A column of numbers (and of right-aligned words, 'ingen') is headed right-aligned; a column of labels
    left, as text is by itself."""
    ws = _sheet(*RUNS[report])
    table = _table(ws)
    for column, head in enumerate(ws[HEAD]):
        below = [row[column] for row in table if column < len(row) and row[column].value is not None]
        right = all(cell.data_type == "n" or cell.alignment.horizontal == "right" for cell in below)
        assert head.alignment.horizontal == ("right" if below and right else None), (head.coordinate, head.value)


def test_gap_header_reads_as_the_table_has_it():
    ws = _sheet("gap", SEED)
    assert [(cell.value, cell.alignment.horizontal) for cell in ws[HEAD]] == [
        ("Budget 2024", None), (2024, "right"), (2025, "right"), ("I alt", "right"),
    ]


@pytest.mark.parametrize(("args", "shown"), [
    ([], "#,##0.00"), (["--unit", "kr."], "#,##0"), (["--unit", "t.kr."], "#,##0"), (["--decimals", "1"], "#,##0.0"),
])
def test_the_charts_value_axis_has_the_number_format_of_the_cells_it_plots(args, shown):
    ws = _sheet("gap", SEED, *args)
    (chart,) = ws._charts
    assert (chart.y_axis.numFmt.formatCode, chart.y_axis.numFmt.sourceLinked) == (shown, False)
    assert ws["B8"].number_format == shown  # the first series' first cell


def test_compares_coverage_change_is_in_percentage_points_formatted_as_points():
    args = ("compare", SEED, LATER, "--prices", "2025")
    result = invoke(*args, "-f", "json")
    data = json.loads(result.stdout, parse_float=Decimal)
    ws = _sheet(*args)
    rows = list(ws.iter_rows(min_row=HEAD + 1))
    start = next(i for i, row in enumerate(rows) if row[0].value == "Dækningsgrad")
    before, after, change = rows[start : start + 3]
    assert [cell.value for cell in (before[1], after[1], change[1])] == ["før", "efter", "ændring"]
    total = data["total"]["coverage"]
    assert Decimal(repr(before[-1].value)) == total["before"] and before[-1].number_format == "0.0%"
    assert Decimal(repr(after[-1].value)) == total["after"] and after[-1].number_format == "0.0%"
    assert total["change"] == Decimal("0.0307")
    assert Decimal(repr(change[-1].value)) == Decimal("3.07")  # JSON's fraction in points
    assert change[-1].number_format == '+0.0" pct.-point";-0.0" pct.-point";0.0" pct.-point"'
