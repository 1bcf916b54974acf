"""`savings` on a terminal: one realisation as a table (a column a year and the total, the municipal pockets
above state and region, the key figures below), or several as the sensitivity table (`formats.grid`)."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from effektinvest.core.display_context import amount, visible, year_heads
from effektinvest.formats.grid import grid, texts, wrapping
from effektinvest.reports import Options
from effektinvest.reports.savings import keys, sensitivity, view


def table(report, options: Options) -> Group:
    shown = view.decimals_for(report, options.decimals)
    foot_shown = keys.foot_decimals(report, shown, options.decimals)
    inactive = keys.inactive_lines(report, foot_shown)
    if report.sensitivity:
        lines = (sensitivity.cells(report, row, shown, foot_shown) for row in sensitivity.rows(report))
        body = [[visible(cell) for cell in line] for line in lines]
        out = grid(report.title, view.caption(report), list(sensitivity.heads(report)), body)
        out.columns[-1].justify = "left"  # the sources with a shortfall: text, wrapped at its spaces
        wrapping(out.columns[-1], [line[-1] for line in body])
        for line in body:
            out.add_row(*(Text(cell) for cell in line))
        return Group(out, *texts(inactive))
    result = report.results[0]
    table_rows = view.rows(report, result)
    body = [[visible(row.label), row.detail, *(amount(v, shown) for v in row.values)] for row in table_rows]
    heads = [f"Budget {report.budget_year}", "", *year_heads(result.years)]
    out = grid(report.title, view.caption(report, result), heads, body, 2)
    starts = view.section_starts(table_rows)
    for index, (row, line) in enumerate(zip(table_rows, body, strict=True)):
        if index in starts:
            out.add_section()
        plain_row = row.id or row.category.endswith("cumulative")
        out.add_row(*(Text(cell) for cell in line), style=None if plain_row else "bold")
    note = view.rounding_note(table_rows, shown)
    foot = [*([note] if note else []), *keys.key_lines(report, result, shown, options.decimals), *inactive]
    return Group(out, *texts(foot))
