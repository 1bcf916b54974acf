"""`compare --format markdown`: before, after and change per row, sums in bold (`formats.markdown`)."""

from __future__ import annotations

from effektinvest.core.display_context import danish, signed
from effektinvest.formats.markdown import bold, document, foot, head, markdown_text, row
from effektinvest.reports import Options
from effektinvest.reports.compare.view import (
    CompareReport,
    coverage_text,
    decimals_for,
    rounding_note,
    rows,
    side_value,
)
from effektinvest.reports.gap.view import caption


def _cell(shown, value, places: int) -> str:
    """An amount as SHOWN writes it; a closed year's missing after, change or actual: empty."""
    return "" if value is None else shown(value, places)


def markdown(report: CompareReport, options: Options) -> str:
    table = rows(report)
    places = decimals_for(report, table, options.decimals)
    out = head(report.title, [caption(report), ""], report.heads()[:-1])
    for line in table:
        for side, label in report.sides:
            shown = signed if side == "change" else danish
            values = [_cell(shown, side_value(c, side), places) for c in line.values]
            if line.category == "coverage":
                values = [coverage_text(c, side) for c in line.values]
            first = markdown_text(line.label) if side == "before" else ""
            if not line.id:
                first = bold([first])[0]
            out.append(row([first, label, *values]))
    note = rounding_note(table, places)
    return document(out + foot([*([note] if note else []), *report.notes()]))
