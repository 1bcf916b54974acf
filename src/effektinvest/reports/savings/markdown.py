"""`savings --format markdown`: one realisation as the table's rows (sums in bold) and the key figures as a
list; several as the sensitivity table, a row per realisation (`formats.markdown`)."""

from __future__ import annotations

from effektinvest.core.display_context import NONE, amount
from effektinvest.formats.markdown import bold, document, foot, head, heading, markdown_text, row
from effektinvest.reports import Options
from effektinvest.reports.savings import keys, sensitivity, view


def markdown(report, options: Options) -> str:
    places = view.decimals_for(report, options.decimals)
    foot_places = keys.foot_decimals(report, places, options.decimals)
    inactive = keys.inactive_lines(report, foot_places)
    title = f"{report.title} (budget {report.budget_year})"
    if report.sensitivity:
        *named, last = sensitivity.heads(report)
        heads = [*named, f"{last} ({view.caption(report)})"]
        out = [heading(title), "", row(heads), row([":--"] + ["--:"] * (len(heads) - 2) + [":--"])]
        lines = (sensitivity.cells(report, line, places, foot_places) for line in sensitivity.rows(report))
        # only the shortfalls (the last cell) hold a user's text: the names of their sources
        out += [row([*figures, short if short == NONE else markdown_text(short)]) for *figures, short in lines]
        return document([*out, *foot(inactive)])
    result = report.results[0]
    table = view.rows(report, result)
    out = head(title, [view.caption(report, result), ""], tuple(result.years))
    for line in table:
        label, shown = markdown_text(line.label), [amount(v, places) for v in line.values]
        if not line.id and not line.category.endswith("cumulative"):
            label, shown = bold([label])[0], bold(shown)
        out.append(row([label, line.detail, *shown]))
    note = view.rounding_note(table, places)
    lines = keys.key_lines(report, result, places, options.decimals)
    return document(out + foot([*([note] if note else []), *lines, *inactive]))
