"""`gap --format markdown`: the table under a heading, the lines under it as a list, then --by project's
table and --explain's lines (`formats.markdown`)."""

from __future__ import annotations

from effektinvest.formats.markdown import bold, document, foot, head, heading, item, markdown_text, row
from effektinvest.reports import Options
from effektinvest.reports.gap.repayment_view import foot_lines as repayment_lines
from effektinvest.reports.gap.view import (
    Report,
    caption,
    cells,
    decimals_for,
    funding_lines,
    inactive_lines,
    rounding_note,
    rows,
)


def markdown(report: Report, options: Options) -> str:
    table = rows(report)
    blocks = []
    if report.by_project is not None:  # --by project
        from effektinvest.reports.gap.by_project_view import project_rows

        blocks = project_rows(report)
    places = decimals_for(report, options.decimals, (*table, *(row for _, block in blocks for row in block)))
    out = head(f"{report.title} (budget {report.budget_year})", [caption(report)], report.years)
    for line in table:
        label, shown = markdown_text(line.label), cells(report, line, places)
        if not line.id:
            label, shown = bold([label])[0], bold(shown)
        out.append(row([label, *shown]))
    note = rounding_note(table, places)
    out += foot(
        [
            *([note] if note else []),
            *funding_lines(report),
            *repayment_lines(report, places),
            *inactive_lines(report, places),
        ]
    )
    if blocks:
        out += ["", *_by_project(report, blocks, places)]
    if report.explained is not None:  # --explain: a list item a line, its years indented under it
        from effektinvest.reports.gap.explain_view import text as explain_text

        title, *lines = explain_text(report)
        out += ["", heading(title, 4), ""]
        out += [item(line.strip(), 1 if line.startswith("  ") else 0) for line in lines]
    return document(out)


def _by_project(report: Report, blocks: list, places: int) -> list[str]:
    """--by project: one table, each project's name (its cost) in bold, then what pays it."""
    from effektinvest.reports.gap.by_project_view import HEADING as BY_PROJECT
    from effektinvest.reports.gap.by_project_view import project_cells

    out = head(BY_PROJECT, [caption(report)], report.years)
    for _, block in blocks:
        for line in block:
            label, shown = markdown_text(line.label), project_cells(line, places)
            if line.category == "cost":
                label, shown = bold([label])[0], bold(shown)
            out.append(row([label, *shown]))
    notes = {rounding_note(block, places) for _, block in blocks} - {None}
    return out + foot(sorted(notes))
