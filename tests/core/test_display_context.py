"""core/display_context: the one home of how a figure or a user's text is shown."""

import io
from decimal import Decimal as D

import docx
import openpyxl

from conftest import ROOT, cells, invoke
from effektinvest.core.display_context import (
    caption,
    danish,
    decimals_needed,
    figure,
    percent,
    places,
    points,
    rounded,
    shown_coverage,
    signed,
    visible,
)
from effektinvest.model.units import Unit


def test_decimals_needed_counts_only_the_digits_that_change_the_value():
    assert [decimals_needed(D(t)) for t in ("2.050", "800000", "1E+3", "0.00", "-0.125")] == [2, 0, 0, 0, 3]
    assert places(Unit.MIO, [D("2.05"), None, D("0.125")]) == 3
    assert places(Unit.MIO, [D("2.05")], asked=1) == 1
    assert places(Unit.MIO, []) == 0


def test_the_one_display_rounding_is_half_away_from_zero_and_a_zero_has_no_sign():
    shown = [rounded(D(t), 1) for t in ("2.05", "2.15", "2.25", "-2.05", "-2.25", "2.0499999", "2.0500001")]
    assert shown == [D("2.1"), D("2.2"), D("2.3"), D("-2.1"), D("-2.3"), D("2.0"), D("2.1")]
    assert [str(rounded(D(t), 2)) for t in ("-0.004", "-0.005", "0.005", "-0", "1E+3")] == [
        "0.00", "-0.01", "0.01", "0.00", "1000.00"]
    assert [danish(D(t), 1) for t in ("2.05", "-2.05", "-0.04", "1234.45")] == ["2,1", "-2,1", "0,0", "1.234,5"]
    assert [danish(D(t), 0) for t in ("0.5", "1.5", "2.5", "-0.5", "-0.4")] == ["1", "2", "3", "-1", "0"]


def test_percentages_to_one_decimal_or_as_many_as_needed_and_points():
    assert percent(D("0.8068")) == "80,7 %"
    assert percent(D("0.425"), None) == "42,5 %"
    assert percent(D("0.75"), None) == "75 %"
    assert figure(D("800000")) == "800.000" and figure(D("0.744")) == "0,744"
    assert points(D("0.012")) == "+1,2 pct.-point"
    assert points(D("-0.0004")) == "0,0 pct.-point"  # a change that rounds away has no sign
    assert signed(D("-1.2"), 2) == "-1,20"


def test_percentages_and_points_round_their_ties_away_from_zero():
    assert [percent(D(t)) for t in ("0.8065", "0.8075", "-0.0125")] == ["80,7 %", "80,8 %", "-1,3 %"]
    assert [points(D(t)) for t in ("0.0125", "-0.0125", "-0.0005", "0.0004")] == [
        "+1,3 pct.-point", "-1,3 pct.-point", "-0,1 pct.-point", "0,0 pct.-point"]
    assert [signed(D(t), 1) for t in ("2.05", "-2.05", "-0.04")] == ["+2,1", "-2,1", "0,0"]


def test_coverage_for_people_is_the_4_decimal_coverage_through_the_display_rounding():
    """The table shows what a spreadsheet shows of the workbook's cell, which holds the 4-decimal coverage."""
    assert shown_coverage(D("8.35"), D("10.35")) == D("0.807")  # 0.80676... -> 0.8068 -> 80,7 %
    assert shown_coverage(D("1.613"), D("2")) == D("0.807")  # 0.8065, a tie: away from zero (not 80,6 %)
    assert shown_coverage(D("0.80749"), D("1")) == D("0.808")  # the cell holds 0.8075: 80,8 %, as it shows
    assert shown_coverage(D("0.80745"), D("1")) == D("0.807")  # 0.8074 (the arithmetic's half to even)
    assert shown_coverage(D("1"), None) is None and shown_coverage(D("0"), D("0")) is None


def test_caption_names_the_unit_and_the_price_level():
    assert caption(Unit.MIO, 2024) == "mio. kr., 2024-priser"
    assert caption(Unit.TKR, None) == "t.kr."


def test_the_noncharacters_are_shown_as_escapes_everywhere():
    assert visible("a\ufffeb\uffff") == "a\\ufffeb\\uffff"
    assert visible("\ufdd0") == "\ufdd0"  # another noncharacter, which XML allows: as it is


def test_danish_numbers():
    assert danish(D("1234567.891"), 2) == "1.234.567,89"
    assert danish(D("10.35"), 2) == "10,35"
    assert danish(D("-0.5"), 0) == "-1"  # half away from zero
    assert danish(D("2.5"), 0) == "3"
    assert danish(D("3.5"), 0) == "4"
    assert percent(D("0.8068")) == "80,7 %"


# --- one rounding on every screen and page (issue 19, point 3) --------------------------------------------------------

SURPLUS = (  # a tie on each side of zero: 4,05 paid against 2 (a surplus of 2,05), 0,95 against 1 (0,05 short)
    "scenario: T\nbudget_year: 2024\nunit: mio. kr.\nsources:\n  s: {name: Fonden, kind: fund}\n"
    "projects:\n  p: {name: P, costs: {2024: 2, 2025: 1}}\n"
    "financing:\n  - {source: s, amount: {2024: 4.05, 2025: 0.95}}\n"
)


def _shown_everywhere(tmp_path, scenario: str, label: str) -> list[list[str]]:
    """The cells of LABEL's row with --decimals 1 in the table, Markdown and the Word note's table; and the
    workbook's cells of that row: the exact figures, each with a number format of one decimal."""

    def run(*args: str):
        result = invoke(*args, "--decimals", "1")
        assert result.code == 0, result.stderr
        return result

    table = next(row for row in cells(run("gap", scenario).stdout) if row[0] == label)
    markdown = next(line for line in run("gap", scenario, "-f", "markdown").stdout.splitlines() if label in line)
    document = docx.Document(io.BytesIO(run("note", scenario, "-f", "docx").stdout_bytes))
    word = next([c.text for c in row.cells] for row in document.tables[0].rows if row.cells[0].text == label)
    sheet = openpyxl.load_workbook(io.BytesIO(run("gap", scenario, "-f", "xlsx").stdout_bytes)).active
    (xlsx,) = [row[1:] for row in sheet.iter_rows() if row[0].value == label]
    assert {cell.number_format for cell in xlsx} == {"#,##0.0"}  # as many decimals as the table shows
    return [table, [part.strip(" *") for part in markdown.strip("|").split("|")], word, [D(str(c.value)) for c in xlsx]]


def test_a_tie_shows_away_from_zero_in_the_table_markdown_the_word_table_and_the_workbooks_format(tmp_path):
    """Outcomefonden's 2,05 with --decimals 1: 2,1 on every screen and page, as Excel and LibreOffice show the
    workbook's cell (2.05 in '#,##0.0')."""
    seed = str(ROOT / "scenarios" / "2024.yaml")
    table, markdown, word, xlsx = _shown_everywhere(tmp_path, seed, "Outcomefonden")
    assert table == markdown == word == ["Outcomefonden", "0,8", "1,2", "2,1"]
    assert xlsx == [D("0.82"), D("1.23"), D("2.05")]


def test_a_negative_tie_shows_away_from_zero_everywhere(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(SURPLUS, encoding="utf-8")
    table, markdown, word, xlsx = _shown_everywhere(tmp_path, str(path), "Restfinansiering")
    assert table == markdown == word == ["Restfinansiering", "-2,1", "0,1", "-2,0"]
    assert xlsx == [D("-2.05"), D("0.05"), D("-2")]
