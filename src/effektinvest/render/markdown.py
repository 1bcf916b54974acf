"""The report as a GitHub-flavoured Markdown table, for a budget note or a pull request."""

from __future__ import annotations

from effektinvest.render.rows import LABELS, Report, caption, danish, decimals_for, inactive_lines, percent


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown(report: Report, decimals: int | None = None) -> str:
    places = decimals_for(report, decimals)
    head = [caption(report), *(str(y) for y in report.years), LABELS["total"]]
    lines = [
        f"### {_cell(report.title)} (budget {report.budget_year})",
        "",
        "| " + " | ".join(_cell(h) for h in head) + " |",
        "| :-- | " + " | ".join("--:" for _ in head[1:]) + " |",
    ]
    for row in report.rows:
        if row.category == "coverage":
            cells = [percent(v) if v is not None else "-" for v in row.values]
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
