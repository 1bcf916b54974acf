"""`effektinvest note`: the budget note's financing paragraph, from the figures of `gap`: its words once for every
format (`paragraph.blocks`), in Markdown (`paragraph`) or as a Word document with the gap table (`docx`)."""

from __future__ import annotations

from effektinvest.reports import Options

FORMATS = ("md", "docx")


def render(format: str, view, decimals: int | None = None):
    """VIEW (a `paragraph.NoteView`) in FORMAT: Markdown text; for docx bytes (DECIMALS: its table's)."""
    match format:
        case "md":
            from effektinvest.reports.note.paragraph import paragraph

            return paragraph(*view)
        case "docx":
            from effektinvest.reports.note.docx import docx

            return docx(view, Options.of(format, decimals))
        case _:
            raise ValueError(f"note has no format {format!r}")
