"""`note --format docx`: the budget note as a Word document (`formats.docx`). The note's paragraphs in the
words of the Markdown note (`paragraph.blocks`, a user's text through `display_context.visible`), then the
gap table as the terminal shows it (`reports.gap.view`: its rows, its cells with one count of decimals,
`--decimals` applying), its totals in bold, the caption under it and the rounding line when a shown total
differs from the sum of its shown parts. Nothing is computed here."""

from __future__ import annotations

from effektinvest.core.display_context import visible, year_heads
from effektinvest.formats.docx import Note
from effektinvest.reports import Options
from effektinvest.reports.gap.view import caption, cells, decimals_for, rounding_note, rows
from effektinvest.reports.note.paragraph import NoteView, blocks

_TOTALS = frozenset({"cost", "financed", "residual"})  # the sums in bold, as on the terminal (not coverage)


def docx(view: NoteView, options: Options) -> bytes:
    report = view.report
    note = Note(report.title)
    for block in blocks(report, view.notes, visible, view.lines):
        if isinstance(block, str):
            note.paragraph(block)
        else:
            note.items(block)
    if report.years:  # a scenario with no continued project has no table
        table = rows(report)
        shown = decimals_for(report, options.decimals, table)
        body = [([row.label, *cells(report, row, shown)], not row.id and row.category in _TOTALS) for row in table]
        note.table([f"Budget {report.budget_year}", *year_heads(report.years)], body)
        note.paragraph(caption(report), right=True)
        line = rounding_note(table, shown)
        if line:
            note.paragraph(line)
    return note.save()
