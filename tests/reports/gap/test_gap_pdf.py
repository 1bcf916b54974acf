"""`gap --format xlsx` as LibreOffice prints it (issue 19, points 1 and 4): converted to PDF in a Danish locale
and read back with `pdftotext`, the sheet of scenarios/2024.yaml is one page (landscape, one page wide, the chart
beside the table and whole), each row of the table on one line, label, years and total, with the terminal
table's digits (skipped, saying why, without LibreOffice and poppler-utils; `.ci/run` installs them)."""

from __future__ import annotations

from conftest import ROOT, SEED_CELLS, invoke, pdf_text

SEED = str(ROOT / "scenarios" / "2024.yaml")


def test_libreoffice_prints_the_gap_sheet_on_one_page_each_row_whole(tmp_path):
    target = tmp_path / "gap.xlsx"
    result = invoke("gap", SEED, "--format", "xlsx", "--output", str(target))
    assert result.code == 0, result.stderr
    text = pdf_text(target, tmp_path).replace(" %", "%")
    assert text.rstrip("\f").count("\f") == 0  # one page: pdftotext ends each page with a form feed
    words = [line.split() for line in text.splitlines()]
    assert ["mio.", "kr.,", "2024-priser"] in words
    for label, *figures in SEED_CELLS:  # the header, then every row: label, years and total on one line
        line = [*label.split(), *(word for figure in figures for word in figure.replace(" %", "%").split())]
        assert any(found[: len(line)] == line for found in words), label
