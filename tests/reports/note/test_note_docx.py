"""`note --format docx` (issue 19, point 1): read back with python-docx, the paragraphs are the Markdown note's, the
table is the terminal table's cells (numbers right-aligned, totals bold, widths that fit), one font; the caption and
the rounding line under it; no control character in the XML; never to a terminal; python-docx imported only for
docx. Printed by LibreOffice, the PDF holds the note's figures and the table's (skipped without LibreOffice)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from conftest import ROOT, SEED_CELLS, cells, invoke, write_scenario

SEED = str(ROOT / "scenarios" / "2024.yaml")
TOTALS = {"Udgift i alt", "Finansiering i alt", "Restfinansiering"}


def _docx(tmp_path, *args: str):
    """`note ARGS... --format docx --output FILE`: the document, read by python-docx, and its bytes."""
    target = tmp_path / "note.docx"
    result = invoke("note", *args, "--format", "docx", "--output", str(target))
    assert result.code == 0, result.stderr
    return docx.Document(str(target)), target.read_bytes()


def _table_cells(document) -> list[list[str]]:
    (table,) = document.tables
    return [[cell.text for cell in row.cells] for row in table.rows]


def _before_table(document) -> list:
    body = document.element.body
    paragraphs = []
    for child in body.iterchildren():
        if child.tag == qn("w:tbl"):
            break
        if child.tag == qn("w:p"):
            paragraphs.append(child)
    return [p for p in document.paragraphs if p._p in paragraphs]


def test_the_paragraphs_are_the_markdown_notes_and_its_list_is_bulleted(tmp_path):
    document, _ = _docx(tmp_path, SEED)
    markdown = invoke("note", SEED).stdout.rstrip("\n").split("\n\n")
    expected = []  # (text, bulleted)
    for block in markdown:
        lines = block.split("\n")
        if lines[0].startswith("- "):
            expected += [(line[2:], True) for line in lines]
        else:
            expected.append((block, False))
    shown = [(p.text, p.style.name == "List Bullet") for p in _before_table(document)]
    assert shown == expected
    assert "koster i alt 10,35 mio. kr." in shown[0][0]


def test_the_table_is_the_terminal_tables_cells_with_the_caption_under_it(tmp_path):
    document, _ = _docx(tmp_path, SEED)
    assert _table_cells(document) == cells(invoke("gap", SEED).stdout) == SEED_CELLS
    after = [p.text for p in document.paragraphs[len(_before_table(document)):]]
    assert after == ["mio. kr., 2024-priser"]  # every shown total adds up: no rounding line
    assert document.paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_numbers_are_right_aligned_and_the_totals_bold(tmp_path):
    document, _ = _docx(tmp_path, SEED)
    (table,) = document.tables
    for number, row in enumerate(table.rows):
        label = row.cells[0].text
        for index, cell in enumerate(row.cells):
            (paragraph,) = cell.paragraphs
            assert (paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT) == (index > 0)
            assert all(run.bold == (number == 0 or label in TOTALS) or (run.bold is None and label not in TOTALS)
                       for run in paragraph.runs), label
    bold = {row.cells[0].text for row in table.rows if all(r.bold for c in row.cells for r in c.paragraphs[0].runs)}
    assert bold == TOTALS | {"Budget 2024"}


def test_the_widths_fit_the_longest_label_and_figure_within_the_page(tmp_path):
    document, _ = _docx(tmp_path, SEED)
    (table,) = document.tables
    section = document.sections[0]
    widths = [column.width for column in table.columns]
    assert sum(widths) <= section.page_width - section.left_margin - section.right_margin
    for column, column_width in enumerate(widths):  # at least 0.556 em (Arial's digit) a character at 10 pt
        longest = max(len(row.cells[column].text) for row in table.rows)
        assert column_width >= longest * 0.556 * 10 * 12700
        assert all(row.cells[column].width == column_width for row in table.rows)
    assert widths[0] > max(widths[1:])  # "Sociale Forhold og Beskæftigelse" on one line


def test_one_font_is_named_for_every_text(tmp_path):
    _, raw = _docx(tmp_path, SEED)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        styles, body = archive.read("word/styles.xml").decode(), archive.read("word/document.xml").decode()
    assert "w:rFonts" not in body  # no run names a font of its own
    fonts = re.findall(r"<w:rFonts ([^>]*)/>", styles)
    assert fonts and all(set(re.findall(r'w:(\w+)="([^"]*)"', attrs)) <= {
        ("ascii", "Arial"), ("hAnsi", "Arial"), ("eastAsia", "Arial"), ("cs", "Arial")} for attrs in fonts)
    assert 'w:sz w:val="20"' in styles


def test_decimals_round_the_table_and_add_the_rounding_line_as_the_terminal_does(tmp_path):
    document, _ = _docx(tmp_path, SEED, "--decimals", "0")
    terminal = invoke("gap", SEED, "--decimals", "0").stdout
    assert _table_cells(document) == cells(terminal)
    assert "Afrundingsdifferencer kan forekomme." in terminal
    under = [p.text for p in document.paragraphs][-2:]
    assert under == ["mio. kr., 2024-priser", "Afrundingsdifferencer kan forekomme."]
    assert invoke("note", SEED, "--decimals", "0").stdout == invoke("note", SEED).stdout  # the prose keeps its own


def test_a_users_control_characters_never_reach_the_xml(tmp_path):
    scenario = write_scenario(tmp_path, (
        'scenario: "T\\e[31mred\\uffff"\nbudget_year: 2024\nunit: mio. kr.\n'
        'sources:\n  k: {name: "K\\e]0;x\\a *b*", note: "n\\x0bo"}\n'
        'projects:\n  p:\n    name: "P\\tq"\n    costs: {2024: 1}\n'
        "    financing:\n      - {source: k, amount: 0.5, note: \"tab\\there\"}\n"
    ))
    document, raw = _docx(tmp_path, str(scenario))
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        xml = "".join(archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml"))
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", xml)
    assert document.core_properties.title == "T\\x1b[31mred\\uffff"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "”P\\tq”" in text and "K\\x1b]0;x\\x07 *b*: tab\\there" in text  # as written, not as Markdown
    assert _table_cells(document)[3][0] == "K\\x1b]0;x\\x07 *b*"


def test_no_continued_project_is_the_note_without_a_table(tmp_path):
    scenario = write_scenario(tmp_path, (
        "scenario: S\nbudget_year: 2024\nunit: kr.\nsources:\n  k: {name: K}\n"
        "projects:\n  p: {name: P, status: defer, decide_at: 2025}\n"
    ))
    document, _ = _docx(tmp_path, str(scenario))
    assert document.tables == []
    assert [p.text for p in document.paragraphs] == invoke("note", str(scenario)).stdout.rstrip("\n").split("\n\n")


def test_docx_goes_to_a_pipe_as_bytes_and_never_to_a_terminal(monkeypatch):
    piped = invoke("note", SEED, "-f", "docx")
    assert piped.code == 0 and piped.stdout_bytes.startswith(b"PK")
    assert _table_cells(docx.Document(io.BytesIO(piped.stdout_bytes))) == SEED_CELLS
    monkeypatch.setattr("effektinvest.edges.output.stdout_is_terminal", lambda: True)
    refused = invoke("note", SEED, "-f", "docx")
    assert (refused.code, refused.stdout) == (2, "")
    assert refused.stderr.startswith("effektinvest: error: --format docx is a Word document, not text for a terminal")
    assert invoke("note", SEED).code == 0  # Markdown is text, for a terminal too


def test_python_docx_is_imported_only_for_docx():
    def imported(*args: str) -> set[str]:
        command = [sys.executable, "-X", "importtime", "-m", "effektinvest", *args]
        run = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        return {line.rsplit("|", 1)[-1].strip() for line in run.stderr.decode().splitlines() if "|" in line}

    for args in (["note", SEED], ["gap", SEED], ["gap", SEED, "-f", "json"]):
        assert not imported(*args) & {"docx", "lxml"}, args
    assert "docx" not in imported("gap", SEED, "-f", "xlsx")  # (openpyxl takes lxml where it is installed)
    assert {"docx", "effektinvest.formats.docx"} <= imported("note", SEED, "-f", "docx")


def test_the_word_note_has_the_notes_number_style_by_unit_and_the_residual_per_year(tmp_path):
    """Issue 19, point 2, in Word: t.kr. in whole numbers, "ca." where rounding changed a figure and only there,
    how the residual falls on the years; the table below as the terminal shows it."""
    document, _ = _docx(tmp_path, SEED, "--unit", "t.kr.", "--prices", "2025")
    text = [p.text for p in _before_table(document)]
    assert text[0].endswith("koster i alt ca. 10.650 t.kr. (2025-priser).")
    assert text[4].startswith("ca. 2.109 t.kr. fra Outcomefonden: ")
    assert text[5] == (
        "Der udestår dermed en restfinansiering på 2.058 t.kr., heraf ca. 823 t.kr. i 2024 og ca. 1.235 t.kr. i "
        "2025. Ønsker byrådet at videreføre projekterne, skal der derfor findes finansiering hertil i budget 2024."
    )
    assert _table_cells(document) == cells(invoke("gap", SEED, "--unit", "t.kr.", "--prices", "2025").stdout)
    document, _ = _docx(tmp_path, SEED, "--unit", "kr.", "--force")
    text = [p.text for p in _before_table(document)]
    assert text[0].endswith("koster i alt 10.350.000 kr. (2024-priser).") and text[4].startswith("2.050.000 kr. fra")
    assert text[5].startswith("Der udestår dermed en restfinansiering på 2.000.000 kr., heraf 800.000 kr. i 2024 og ")
    assert not any("ca." in line or ",0 kr." in line for line in text)


def test_docx_note_at_a_realisation_names_it_in_the_paragraph_and_the_caption(tmp_path):
    """note --realisation 50% --format docx (issue 21): the paragraph after the cost and the caption under the
    table name the realisation; the table's residual is the one at 50 % (1.100)."""
    risk = str(ROOT / "tests" / "fixtures" / "savings" / "outcome_risk.yaml")
    document, _ = _docx(tmp_path, risk, "--realisation", "50%")
    texts = [p.text for p in document.paragraphs]
    assert any(text.startswith("Beløbene er opgjort ved 50 % realisering") for text in texts)
    assert "kr., ved 50 % realisering" in texts
    assert _table_cells(document)[-1] == ["Restfinansiering", "550", "550", "1.100"]
