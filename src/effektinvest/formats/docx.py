"""The Word toolkit (python-docx): a document of paragraphs, bulleted items and one table, in one font. It knows
no report; a report's `docx.py` fills it (docs/cli.md, "effektinvest note"). Imported only when docx is asked
for: python-docx (and lxml) are loaded by no other format.

The table is a budget table: a label column, then number columns (right-aligned, as are their heads), its head
row repeated on every page, a row in bold where asked (the totals). Its columns are as wide as their longest
text in the document's font (`width`), so a number never breaks; a label column that would push the table past
the page's text width is narrowed (its labels wrap at spaces) down to what its longest word needs, after the
page has first been turned to landscape.

Every text goes in as a plain run through `display_context.visible`: no control character reaches the XML
(Word has no formulas; a text is never read as anything but text).
"""

from __future__ import annotations

import copy
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from effektinvest.core.display_context import visible

FONT = "Arial"  # one font for every text (Word has it; LibreOffice shows it as the metric-equal Liberation Sans)
SIZE = 10  # points
_CHAR = 0.6  # the width of a character in ems: Arial's widest digit is 0.556, its average letter (bold) below 0.6
_PADDING = Pt(2 * 5.4 + 4)  # Word's cell margins (0.19 cm a side) and a little air
_MARGIN = Cm(2.5)


def width(text: str) -> int:
    """The width (EMU) a cell needs to hold TEXT on one line in the document's font."""
    return int(Pt(len(text) * SIZE * _CHAR) + _PADDING)


class Note:
    """A Word document written top to bottom: A4, one font (`FONT`, `SIZE`), Danish."""

    def __init__(self, title: str):
        self.document = Document()
        self.document.core_properties.title = visible(title)
        self.document.core_properties.author = "effektinvest"
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = _MARGIN
        _one_font(self.document)
        self._table_width = 0

    def paragraph(self, text: str, right: bool = False) -> None:
        """A paragraph of TEXT; RIGHT: aligned with the right edge of the table above it (its caption)."""
        paragraph = self.document.add_paragraph(visible(text))
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = max(0, self._text_width() - self._table_width)

    def items(self, texts: list[str]) -> None:
        """A bulleted list, an item per text."""
        for text in texts:
            self.document.add_paragraph(visible(text), style="List Bullet")

    def table(self, head: list[str], rows: list[tuple[list[str], bool]]) -> None:
        """A table: HEAD (bold), then ROWS, each its cells (the label, then the numbers) and whether it is bold."""
        head = [visible(text) for text in head]
        body = [([visible(text) for text in cells], bold) for cells, bold in rows]
        every = [head, *(cells for cells, _ in body)]
        widths = [max(width(cells[column]) for cells in every) for column in range(len(head))]
        widths[0] = self._fit(widths, [word for cells in every for word in cells[0].split()])
        self._table_width = sum(widths)
        table = self.document.add_table(rows=0, cols=len(head))
        table.style = "Table Grid"
        table.autofit = False  # fixed layout: the widths below, not what a reader guesses
        for column, column_width in zip(table.columns, widths, strict=True):
            column.width = column_width
        _fill(_row(table, True), head)
        _repeat_head(table.rows[0])
        shapes: dict[bool, object] = {}  # a row of each kind, made once by python-docx, then copied (`_fill`)
        for cells, bold in body:
            if bold not in shapes:
                shapes[bold] = _row(table, bold)
                _fill(shapes[bold], cells)
            else:
                table._tbl.append(_fill(copy.deepcopy(shapes[bold]), cells))

    def _fit(self, widths: list[int], words: list[str]) -> int:
        """The label column's width: what its longest label needs, unless the table would then pass the text
        width even in landscape; then what is left (at least its longest word)."""
        section = self.document.sections[0]
        if sum(widths) > self._text_width():
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        longest_word = max((width(word) for word in words), default=width(""))
        return max(longest_word, min(widths[0], self._text_width() - sum(widths[1:])))

    def _text_width(self) -> int:
        section = self.document.sections[0]
        return section.page_width - section.left_margin - section.right_margin

    def save(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def _row(table, bold: bool):
    """A new row of the table's cells, each a run of text (its `w:tr`): the first left-aligned, the rest right-aligned;
    all in bold if BOLD. Its texts are `_fill`'s."""
    row = table.add_row()
    for index, cell in enumerate(row.cells):
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        if index:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run("-").bold = bold or None
    return row._tr


def _fill(tr, cells: list[str]):
    """The row TR with CELLS as its texts, a text to a cell (spaces kept as written). Copying a made row and
    filling it is twenty times faster than python-docx making each (a table of 5,000 projects)."""
    for element, text in zip(tr.iter(qn("w:t")), cells, strict=True):
        element.text = text
        element.set(qn("xml:space"), "preserve")
    return tr


def _repeat_head(row) -> None:
    """ROW repeated at the top of every page the table runs onto."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _one_font(document) -> None:
    """FONT at SIZE for every text: the document's defaults name the font itself (not the theme's), in every
    script, and the Danish language; no style names another (the template's headings name the theme's)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for other in list(styles.iter(qn("w:rFonts"))):
        if other.getparent() is not defaults:
            other.getparent().remove(other)
    fonts = defaults.find(qn("w:rFonts"))
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)
    for size in ("w:sz", "w:szCs"):
        defaults.find(qn(size)).set(qn("w:val"), str(SIZE * 2))
    defaults.find(qn("w:lang")).set(qn("w:val"), "da-DK")
