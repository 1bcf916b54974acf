"""Every workbook and the Word note as LibreOffice prints them (issue 19, points 1 and 4): gap, savings, its
sensitivity sheet, compare, follow-up and due as xlsx, and `note --format docx`, all converted to PDF in one
LibreOffice run in a Danish locale and read back with poppler (`printed`). Each is printed one page
wide: a workbook landscape on A4, its header row (every column) on every page, the pages as many as `pdfinfo`
counts and no more; every word inside the page; and every figure the report shows, computed from its JSON
(`json_figures`), read back whole, as often as it is shown. Skipped, saying why, without LibreOffice and
poppler-utils (`.ci/run` installs them)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, SEED_CELLS, invoke
from json_figures import (
    compare_figures,
    due_figures,
    followup_figures,
    gap_figures,
    missing,
    report_json,
    savings_figures,
    sensitivity_figures,
)

S = "scenarios/"
A4 = (841.89, 595.304)  # landscape, in points
# name: (the report's command, its figures from its JSON, the page count, the header row's words)
DOCUMENTS = {
    "gap": (["gap", S + "2024.yaml"], gap_figures, 1, "Budget 2024 2024 2025 I alt"),
    "savings": (["savings", S + "2024.yaml"], savings_figures, 2, "Budget 2024 2024 2025 2026 I alt"),
    "sensitivity": (
        ["savings", S + "2024.yaml", "--realisation", "100%,75%,50%"],
        sensitivity_figures,
        1,
        "Realisering Besparelser i alt Kommunal netto Offentlig netto Nutidsværdi, kommunalt Nutidsværdi, offentligt "
        "Hjemtjeningsår, kommunalt Mangler, Sociale Forhold og Beskæftigelse Mangler, Ikke-decentraliserede "
        "budgetter",
    ),
    "compare": (["compare", S + "2024.yaml", S + "2025.yaml"], compare_figures, 2, "2024 afsl. 2025 2026 I alt"),
    "followup": (
        ["follow-up", S + "2024-opfoelgning.yaml"],
        followup_figures,
        1,
        "Budget 2024 2024 R 2025 B 2026 B I alt",
    ),
    "due": (
        ["due", str(ROOT / "scenarios"), "--budget", "2025"],  # long paths, as a user's folders are
        lambda items: due_figures(items, totals=True),
        1,
        "Fil Projekt Id Årsag Beslutning Enhed 2026 I alt",
    ),
}


@dataclass(frozen=True)
class Printed:
    """A document as LibreOffice printed it to PDF, as poppler reads it back."""

    text: str  # `pdftotext -layout`: each page's text, each page ended by a form feed
    pages: int  # the page count `pdfinfo` reports
    size: tuple[float, float]  # the page's width and height in points, as `pdfinfo` reports them
    right: float  # the right edge of the word furthest right on any page, in points (`pdftotext -bbox`)

    def page_texts(self) -> list[str]:
        return self.text.split("\f")[: self.pages]


def printed(documents: list[Path], folder: Path) -> dict[str, Printed]:
    """DOCUMENTS (docx, xlsx; each name its own) converted to PDF by LibreOffice (`soffice --headless`) in one
    run, in a Danish locale (a workbook's number formats then show 10,35, as a Danish Excel does), each read back
    by poppler, by the document's name without its suffix. LibreOffice runs with its own profile and HOME in
    FOLDER, never the user's. Skips, saying why, where a program is missing (`.ci/run` installs them)."""
    missing = [name for name in ("soffice", "pdftotext", "pdfinfo") if shutil.which(name) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (LibreOffice, poppler-utils): the PDF is not checked")
    home = folder / "home"
    home.mkdir(exist_ok=True)
    convert = ["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(folder), *map(str, documents)]
    env = {**os.environ, "HOME": str(home), "LC_ALL": "da_DK.UTF-8"}
    subprocess.run(convert, env=env, capture_output=True, timeout=60 + 60 * len(documents), check=True)

    def read(*command: str) -> str:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    out = {}
    for document in documents:
        pdf = str(folder / (document.stem + ".pdf"))
        info = dict(line.split(":", 1) for line in read("pdfinfo", pdf).splitlines() if ":" in line)
        width, height = re.findall(r"[0-9.]+", info["Page size"])[:2]
        right = max(map(float, re.findall(r'xMax="([0-9.]+)"', read("pdftotext", "-bbox", pdf, "-"))), default=0.0)
        text = read("pdftotext", "-layout", pdf, "-")
        out[document.stem] = Printed(text, int(info["Pages"]), (float(width), float(height)), right)
    return out


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, at_the_root_module):
    """Each workbook and the Word note of the seed, printed by LibreOffice in one run."""
    folder = tmp_path_factory.mktemp("printed")
    documents = []
    for name, (args, *_) in DOCUMENTS.items():
        documents.append(folder / f"{name}.xlsx")
        result = invoke(*args, "--format", "xlsx", "--output", str(documents[-1]))
        assert result.code == 0, result.stderr
    documents.append(folder / "note.docx")
    assert invoke("note", S + "2024.yaml", "--format", "docx", "--output", str(documents[-1])).code == 0
    return printed(documents, folder)


@pytest.fixture(scope="module")
def at_the_root_module():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        yield


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_a_workbook_prints_one_page_wide_with_every_figure_of_its_json(pdfs, name):
    args, figures, pages, header = DOCUMENTS[name]
    pdf = pdfs[name]
    assert (pdf.pages, pdf.size) == (pages, A4)  # landscape A4, as many pages down as the rows need
    assert pdf.right <= pdf.size[0]  # every word inside the page
    for page in pdf.page_texts():  # every column on every page: the header row repeated whole
        assert header in [" ".join(line.split()) for line in page.splitlines()]
    expected = figures(report_json(args))
    assert expected and not missing(expected, pdf.text)


def test_the_gap_sheet_prints_each_row_whole_on_one_line(pdfs):
    """The sheet of scenarios/2024.yaml on one page (the chart beside the table), each row of the table on one
    line, label, years and total, with the terminal table's digits."""
    words = [line.split() for line in pdfs["gap"].text.replace(" %", "%").splitlines()]
    assert ["mio.", "kr.,", "2024-priser"] in words
    for label, *figures in SEED_CELLS:  # the header, then every row: label, years and total on one line
        line = [*label.split(), *(word for figure in figures for word in figure.replace(" %", "%").split())]
        assert any(found[: len(line)] == line for found in words), label


def test_the_due_workbook_prints_each_path_whole(pdfs):
    paths = {item["path"] for item in report_json(DOCUMENTS["due"][0])}
    assert len(paths) == 3 and all(path in pdfs["due"].text for path in paths)


def test_the_word_note_prints_on_one_page_its_table_within_the_page_width(pdfs):
    """The note's prose with its figures (the note's own decimals), then the table, each row on one line."""
    pdf = pdfs["note"]
    width, height = pdf.size
    assert pdf.pages == 1 and (width, height) == (A4[1], A4[0])  # a note: A4, upright
    assert pdf.right <= width - 36  # the table within the page, short of its right margin (at least 1/2 inch)
    assert not missing(gap_figures(report_json(["gap", S + "2024.yaml"])), pdf.text)
    flat = " ".join(pdf.text.split())  # the paragraphs as LibreOffice broke their lines
    for phrase in (
        "koster i alt 10,35 mio. kr.",
        "4,4 mio. kr. fra",
        "1,9 mio. kr. fra",
        "2,05 mio. kr. fra",
        "restfinansiering på 2,0 mio. kr.",
        "”Dialog mod Vold” ved budget 2025",
        "mio. kr., 2024-priser",
    ):
        assert phrase in flat
    lines = [line.split() for line in pdf.text.splitlines()]
    for label, *cells in SEED_CELLS:  # each row of the table on one line: its label, then its figures
        assert [*label.split(), *" ".join(cells).split()] in lines, label
