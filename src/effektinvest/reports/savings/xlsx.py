"""`savings --format xlsx`: one sheet, as the table shows the report (`formats.workbook`).

One realisation (`Besparelser YEAR`): the rows of the table (`savings_view.rows`: the municipal pockets and the
residual, the outside money (refund and external) in a group of its own, then state and region, the nets and their
running sums), a column per year and the total, then the key figures as
rows of their own: label, side or source, and the figure in the third column. Several realisations
(`Følsomhed YEAR`): the sensitivity table (`sensitivity_view.rows`), a row per realisation, with a column per
source that has a shortfall figure, instead of the table's one text column.

Under either, a line of text per deferred or stopped project with savings (`savings_keys.inactive_lines`).

Amounts are exact number cells with `amount_format` (the present values and shortfalls with as many decimals
as they need, `savings_keys.foot_decimals`); the realisation, a flat discount rate and the
wrong-pocket share are percent cells; benefit-cost and backing are ratios (`0.0000`); years are whole numbers.
A figure that does not exist (no break-even, no benefit-cost) is the text `ingen`, as in the table.
"""

from __future__ import annotations

from openpyxl import Workbook

from effektinvest.core.display_context import visible
from effektinvest.formats.workbook import Sheet, amount_format, label_width, percent_format, save
from effektinvest.reports import Options
from effektinvest.reports.savings import keys as savings_keys
from effektinvest.reports.savings import sensitivity, view
from effektinvest.reports.savings.analysis import Savings

RATIO = "0.0000"
YEAR = "0"
_SIDES = {"municipal": "kommunalt", "public": "offentligt"}


def xlsx(report: view.SavingsReport, options: Options) -> bytes:
    shown = view.decimals_for(report, options.decimals)
    foot = savings_keys.foot_decimals(report, shown, options.decimals)
    workbook = Workbook(write_only=True)
    if report.sensitivity:
        _sensitivity(workbook, report, amount_format(shown), foot)
    else:
        _one(workbook, report, report.results[0], shown, foot)
    return save(workbook, report.title)


def _one(workbook: Workbook, report: view.SavingsReport, result: Savings, shown: int, foot: int) -> None:
    table = view.rows(report, result)
    number_format = amount_format(shown)
    keys = _key_rows(report, result, amount_format(foot))
    labels = [visible(row.label) for row in table] + [visible(label) for label, _, _, _ in keys]
    widths = {1: label_width(labels), 2: 12, **{i: 14 for i in range(3, len(result.years) + 4)}}
    sheet = Sheet(workbook, f"Besparelser {report.budget_year}", widths)
    header = [f"Budget {report.budget_year}", "", *result.years, view.LABELS["total"]]
    sheet.head(report.title, view.caption(report, result), header, labels=2)
    for row in table:
        bold = not (row.id or row.category.endswith("cumulative"))  # sums in bold, as in the table
        values = [sheet.number(value, number_format, bold) for value in row.values]
        sheet.ws.append([sheet.text(row.label, bold), sheet.text(row.detail), *values])
    note = view.rounding_note(table, shown)
    sheet.foot([note] if note else [])
    sheet.ws.append([])
    for label, side, value, value_format in keys:
        if value is None or isinstance(value, str):
            figure = sheet.text(view.LABELS["none"] if value is None else value, right=value is None)
        else:
            figure = sheet.number(value, value_format)
        sheet.ws.append([sheet.text(label), sheet.text(side), figure])
    sheet.foot(savings_keys.inactive_lines(report, foot))


def _key_rows(report: view.SavingsReport, result: Savings, number_format: str) -> list[tuple]:
    """The key figures as rows: (label, side or "", a figure, text or None (`ingen`), the figure's format);
    NUMBER_FORMAT: the present values' and shortfalls' (`savings_keys.foot_decimals`)."""
    rate, share = result.rate, result.wrong_pocket_share
    out: list[tuple] = [
        (view.LABELS["realisation"], "", result.realisation, percent_format(result.realisation)),
        # a flat rate as a percentage; the Finance Ministry's schedule in words, as the table says it
        ("Diskontering", "", savings_keys.discount_text(result), None)
        if rate is None
        else ("Diskontering", "", rate, percent_format(rate)),
        (view.LABELS["wrong_pocket_share"], "", share, None if share is None else percent_format(share)),
    ]
    figures = (
        ("break_even", result.break_even, YEAR),
        ("npv", result.npv, number_format),
        ("benefit_cost", result.benefit_cost, RATIO),
    )
    for name, pair, value_format in figures:
        for side, word in _SIDES.items():
            value = getattr(pair, side)
            out.append((view.LABELS[name], word, report.scaled(value) if name == "npv" else value, value_format))
    for sid, backing in result.sources.items():
        if backing.backing is not None:
            name = report.names[sid]
            out.append((f"{view.backing_label(result, sid)}, {name}", "", backing.backing, RATIO))
            out.append((f"{view.LABELS['shortfall']}, {name}", "", report.scaled(backing.shortfall), number_format))
    return out


def _sensitivity(workbook: Workbook, report: view.SavingsReport, number_format: str, foot: int) -> None:
    """A row per realisation: the sensitivity table's figures, and a column per source with a shortfall; the
    present values and shortfalls with FOOT decimals (`savings_keys.foot_decimals`)."""
    foot_format = amount_format(foot)
    backed = [sid for sid in report.names if any(r.sources[sid].shortfall is not None for r in report.results)]
    heads = [*sensitivity.heads(report)[:-1], *(f"{view.LABELS['shortfall']}, {report.names[sid]}" for sid in backed)]
    widths = {i: max(14, len(head) + 2) for i, head in enumerate(heads, start=1)}
    sheet = Sheet(workbook, f"Følsomhed {report.budget_year}", widths)
    sheet.head(report.title, view.caption(report), heads, labels=0)
    first = sensitivity.npvs(report)
    for row, result in zip(sensitivity.rows(report), report.results, strict=True):
        formats = [foot_format if index >= first else number_format for index in range(len(row.values))]
        amounts = [sheet.number(value, shown) for value, shown in zip(row.values, formats, strict=True)]
        none = row.break_even is None
        year = sheet.text(view.LABELS["none"], right=True) if none else sheet.number(row.break_even, YEAR)
        short = [sheet.number(report.scaled(result.sources[sid].shortfall), foot_format) for sid in backed]
        sheet.ws.append([sheet.number(row.realisation, percent_format(row.realisation)), *amounts, year, *short])
    sheet.foot(savings_keys.inactive_lines(report, foot))
