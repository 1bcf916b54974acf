"""`gap --format xlsx` as LibreOffice prints it (issue 19, point 1, the workbook half): converted to PDF in a Danish
locale and read back with `pdftotext`, the sheet shows the terminal table's figures with the same digits
(skipped, saying why, without LibreOffice and poppler-utils; `.ci/run` installs them)."""

from __future__ import annotations

from conftest import ROOT, SEED_CELLS, invoke, pdf_text

SEED = str(ROOT / "scenarios" / "2024.yaml")


def test_libreoffice_prints_the_workbooks_figures_as_the_table_shows_them(tmp_path):
    target = tmp_path / "gap.xlsx"
    result = invoke("gap", SEED, "--format", "xlsx", "--output", str(target))
    assert result.code == 0, result.stderr
    text = pdf_text(target, tmp_path).replace(" %", "%")
    lines = [line.split() for line in text.splitlines()]
    assert ["mio.", "kr.,", "2024-priser"] in lines
    for label, *years, total in SEED_CELLS[1:]:  # each row's label and years on one line, as the table has them
        shown = [figure.replace(" %", "%") for figure in years]
        assert [*label.split(), *shown] in lines, label
        assert total.replace(" %", "%") in text.split()  # the total column (on the sheet's next page for now)
