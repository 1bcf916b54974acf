"""The report as a GitHub-flavoured Markdown table, for a budget note or a pull request."""

from __future__ import annotations

from effektinvest.render.rows import (
    LABELS,
    SIDES,
    CompareReport,
    Report,
    caption,
    comparison_decimals,
    comparison_notes,
    danish,
    decimals_for,
    inactive_lines,
    percent,
    shown_coverage,
    side_value,
    signed,
)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _head(title: str, labels: list[str], report) -> list[str]:
    """A heading, then a table's header: left-aligned LABELS columns, then a right-aligned column a year."""
    numbers = [*(str(y) for y in report.years), LABELS["total"]]
    return [
        f"### {title}",
        "",
        "| " + " | ".join(_cell(h) for h in [*labels, *numbers]) + " |",
        "| " + " | ".join([":--"] * len(labels) + ["--:"] * len(numbers)) + " |",
    ]


def markdown(report: Report, decimals: int | None = None) -> str:
    places = decimals_for(report, decimals)
    lines = _head(f"{_cell(report.title)} (budget {report.budget_year})", [caption(report)], report)
    for row in report.rows:
        if row.category == "coverage":
            cells = [percent(v) if v is not None else "-" for v in shown_coverage(report)]
        else:
            cells = [danish(v, places) if v is not None else "-" for v in row.values]
        label = _cell(row.label)
        if not row.id:
            label, cells = f"**{label}**", [f"**{c}**" for c in cells]
        lines.append("| " + " | ".join([label, *cells]) + " |")
    foot = inactive_lines(report, places)
    if foot:
        lines.append("")
        lines += [f"- {_cell(line)}" for line in foot]
    return "\n".join(lines) + "\n"


def comparison_markdown(report: CompareReport, decimals: int | None = None) -> str:
    places = comparison_decimals(report, decimals)
    lines = _head(f"{_cell(report.before)} → {_cell(report.after)}", [caption(report), ""], report)
    for row in report.rows:
        for side, label in SIDES:
            shown = signed if side == "change" else danish
            cells = [shown(side_value(c, side), places) for c in row.values]
            first = _cell(row.label) if side == "before" else ""
            if not row.id:
                first = f"**{first}**" if first else ""
            lines.append("| " + " | ".join([first, label, *cells]) + " |")
    notes = comparison_notes(report)
    if notes:
        lines.append("")
        lines += [f"- {_cell(note)}" for note in notes]
    return "\n".join(lines) + "\n"
