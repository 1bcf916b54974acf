"""Markdown: the report as a GitHub-flavoured Markdown table, for a budget note or a pull request."""

from __future__ import annotations

from effektinvest.core.display_context import danish, markdown_cell, signed
from effektinvest.reports import Options
from effektinvest.reports.compare.view import SIDES, CompareReport, coverage_text, side_value
from effektinvest.reports.compare.view import decimals_for as compare_decimals
from effektinvest.reports.compare.view import rounding_note as compare_rounding_note
from effektinvest.reports.compare.view import rows as compare_rows
from effektinvest.reports.gap.by_project_view import HEADING as BY_PROJECT
from effektinvest.reports.gap.by_project_view import project_cells, project_rows
from effektinvest.reports.gap.explain_view import text as explain_text
from effektinvest.reports.gap.view import (
    LABELS,
    Report,
    caption,
    cells,
    decimals_for,
    funding_lines,
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
    blocks = project_rows(report) if report.by_project is not None else []  # --by project
    places = decimals_for(report, options.decimals, (*table, *(row for _, block in blocks for row in block)))
    out = _head(f"{markdown_cell(report.title)} (budget {report.budget_year})", [caption(report)], report.years)
    for row in table:
        label, shown = markdown_cell(row.label), cells(report, row, places)
        if not row.id:
            label, shown = f"**{label}**", [f"**{c}**" for c in shown]
        out.append(_row([label, *shown]))
    note = rounding_note(table, places)
    out += _foot([*([note] if note else []), *funding_lines(report), *inactive_lines(report, places)])
    if blocks:
        out += ["", *_by_project(report, blocks, places)]
    if report.explained is not None:  # --explain: a list item a line, its years indented under it
        heading, *lines = explain_text(report)
        out += ["", f"#### {heading}", ""]
        out += [("  " if line.startswith("  ") else "") + f"- {markdown_cell(line.strip())}" for line in lines]
    return "\n".join(out) + "\n"


def _by_project(report: Report, blocks: list, places: int) -> list[str]:
    """--by project: one table, each project's name (its cost) in bold, then what pays it."""
    out = _head(BY_PROJECT, [caption(report)], report.years)
    for _, block in blocks:
        for row in block:
            label, shown = markdown_cell(row.label), project_cells(row, places)
            if row.category == "cost":
                label, shown = f"**{label}**", [f"**{c}**" for c in shown]
            out.append(_row([label, *shown]))
    notes = {rounding_note(block, places) for _, block in blocks} - {None}
    return out + _foot(sorted(notes))


def compare(report: CompareReport, options: Options) -> str:
    table = compare_rows(report)
    places = compare_decimals(report, table, options.decimals)
    out = _head(markdown_cell(report.title), [caption(report), ""], report.years)
    for row in table:
        for side, label in SIDES:
            shown = signed if side == "change" else danish
            values = [shown(side_value(c, side), places) for c in row.values]
            if row.category == "coverage":
                values = [coverage_text(c, side) for c in row.values]
            first = markdown_cell(row.label) if side == "before" else ""
            if not row.id:
                first = f"**{first}**" if first else ""
            out.append(_row([first, label, *values]))
    note = compare_rounding_note(table, places)
    out += _foot([*([note] if note else []), *report.notes()])
    return "\n".join(out) + "\n"


def savings(report, options: Options) -> str:
    """One realisation: the rows of the table (sums in bold) and the key figures as a list. Several: the
    sensitivity table, a row per realisation."""
    from effektinvest.core.display_context import amount
    from effektinvest.reports.savings import keys, sensitivity, view

    places = view.decimals_for(report, options.decimals)
    foot_places = keys.foot_decimals(report, places, options.decimals)
    inactive = keys.inactive_lines(report, foot_places)
    title = f"{markdown_cell(report.title)} (budget {report.budget_year})"
    if report.sensitivity:
        heads = [*sensitivity.HEADS[:-1], f"{sensitivity.HEADS[-1]} ({view.caption(report)})"]
        out = [f"### {title}", "", _row(heads), _row([":--"] + ["--:"] * (len(heads) - 2) + [":--"])]
        lines = (sensitivity.cells(report, row, places, foot_places) for row in sensitivity.rows(report))
        out += [_row([markdown_cell(cell) for cell in line]) for line in lines]
        return "\n".join([*out, *_foot(inactive)]) + "\n"
    result = report.results[0]
    table = view.rows(report, result)
    out = _head(title, [view.caption(report, result), ""], tuple(result.years))
    for row in table:
        label, shown = markdown_cell(row.label), [amount(v, places) for v in row.values]
        if not row.id and not row.category.endswith("cumulative"):
            label, shown = f"**{label}**", [f"**{c}**" for c in shown]
        out.append(_row([label, row.detail, *shown]))
    note = view.rounding_note(table, places)
    out += _foot([*([note] if note else []), *keys.key_lines(report, result, places, options.decimals), *inactive])
    return "\n".join(out) + "\n"
