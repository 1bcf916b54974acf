"""Markdown: the report as a GitHub-flavoured Markdown table, for a budget note or a pull request."""

from __future__ import annotations

from effektinvest.render import Options
from effektinvest.render.cells import danish, markdown_cell, signed
from effektinvest.render.compare_view import SIDES, CompareReport, side_value
from effektinvest.render.compare_view import decimals_for as compare_decimals
from effektinvest.render.compare_view import rows as compare_rows
from effektinvest.render.gap_view import (
    LABELS,
    Report,
    caption,
    cells,
    decimals_for,
    inactive_lines,
    rounding_note,
    rows,
)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _head(title: str, labels: list[str], years: tuple[int, ...]) -> list[str]:
    """A heading, then a table's header: left-aligned LABELS columns, then a right-aligned column a year."""
    numbers = [*(str(y) for y in years), LABELS["total"]]
    return [
        f"### {title}",
        "",
        _row([markdown_cell(h) for h in [*labels, *numbers]]),
        _row([":--"] * len(labels) + ["--:"] * len(numbers)),
    ]


def _foot(lines: list[str]) -> list[str]:
    return ["", *(f"- {markdown_cell(line)}" for line in lines)] if lines else []


def gap(report: Report, options: Options) -> str:
    table = rows(report)
    places = decimals_for(report, options.decimals, table)
    out = _head(f"{markdown_cell(report.title)} (budget {report.budget_year})", [caption(report)], report.years)
    for row in table:
        label, shown = markdown_cell(row.label), cells(report, row, places)
        if not row.id:
            label, shown = f"**{label}**", [f"**{c}**" for c in shown]
        out.append(_row([label, *shown]))
    note = rounding_note(table, places)
    out += _foot([*([note] if note else []), *inactive_lines(report, places)])
    return "\n".join(out) + "\n"


def compare(report: CompareReport, options: Options) -> str:
    table = compare_rows(report)
    places = compare_decimals(report, table, options.decimals)
    title = f"{markdown_cell(report.before)} → {markdown_cell(report.after)}"
    out = _head(title, [caption(report), ""], report.years)
    for row in table:
        for side, label in SIDES:
            shown = signed if side == "change" else danish
            values = [shown(side_value(c, side), places) for c in row.values]
            first = markdown_cell(row.label) if side == "before" else ""
            if not row.id:
                first = f"**{first}**" if first else ""
            out.append(_row([first, label, *values]))
    out += _foot(report.notes())
    return "\n".join(out) + "\n"
