"""The figures a report's human outputs show (its terminal table, its workbook as printed, the Word note's
table), computed from the report's JSON: each exact figure as shown, rounded half away from zero (cli.md
"Amounts on screen") with the decimals the table shows, as many times as it is shown. For the tests that
read a view back (tests/formats/test_grid_columns.py, tests/formats/test_pdf_print.py)."""

import contextlib
import json
import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from conftest import ROOT, invoke

MOST = {"kr.": 2, "t.kr.": 5, "mio. kr.": 8}  # the most decimals a unit's figures are shown with (whole øre)
FIGURE = re.compile(r"[+-]?[0-9][0-9.]*,[0-9]+")  # 10,35; -0,46; +3,1; 1.500.000,0 (a percentage's number too)


def missing(expected: list[str], text: str) -> Counter:
    """The figures of EXPECTED that TEXT does not show whole, or shows fewer times: empty when it shows all."""
    return Counter(expected) - Counter(FIGURE.findall(text))


def report_json(args: list[str]):
    """The report of ARGS (a command and its arguments, from the project's root) as JSON, numbers exact: run in
    this process, as the JSON of a report is the same whatever the terminal (the views it is held against
    are printed by real processes)."""
    with contextlib.chdir(ROOT):
        result = invoke(*args, "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)


def shown(value: Decimal, decimals: int, signed: bool = False) -> str:
    """VALUE as a table shows it with DECIMALS places: rounded half away from zero (cli.md "Amounts on screen"),
    a zero without a sign, Danish style; SIGNED (a change, a deviation) with '+' above zero."""
    value = value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    value = abs(value) if value.is_zero() else value
    text = f"{value:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"+{text}" if signed and value > 0 else text


def needed(values, unit: str) -> int:
    """The decimals a table shows every amount of VALUES with: as many as the exact figures need, at most the
    unit's whole øre."""
    return min(MOST[unit], max((max(0, -v.normalize().as_tuple().exponent) for v in values), default=0))


def _amounts(values: list[Decimal], unit: str, signed: list[Decimal] = ()) -> list[str]:
    """VALUES and SIGNED (the changes) with the one count of decimals they all need."""
    decimals = needed([*values, *signed], unit)
    return [shown(v, decimals) for v in values] + [shown(v, decimals, signed=True) for v in signed]


def _percent(fraction: Decimal, decimals: int = 1, signed: bool = False) -> str:
    return shown(fraction * 100, decimals, signed)


def gap_figures(report) -> list[str]:
    """Each project's cost a year and in all, the cost, each source, the financing and the residual a year and
    in all; the coverage a year and in all."""
    rows = [*report["years"], report["total"]]
    years = [str(row["year"]) for row in report["years"]]
    amounts = [row[key] for row in rows for key in ("cost", "financed", "residual")]
    amounts += [value for row in rows for value in row["financing"].values()]
    for project in report["projects"]:
        if project["costs"]:
            costs = [project["costs"].get(year, Decimal(0)) for year in years]
            amounts += [*costs, sum(costs)]
    return _amounts(amounts, report["unit"]) + [_percent(row["coverage"]) for row in rows]


def savings_figures(report) -> list[str]:
    """The table (each pocket's savings, payment and net, state and region's savings, the residual, the groups'
    totals, the nets and the running totals), then the lines under it: the wrong-pocket share, the NPVs to the
    unit's øre, savings per krone and each source's backing to 4 decimals."""
    rows = [*report["years"], report["total"]]
    keys = ("cost", "municipal_cost", "municipal_savings", "outside_savings", "savings", "municipal_net", "public_net")
    amounts = [row[key] for row in rows for key in keys]
    amounts += [row[key] for row in report["years"] for key in ("municipal_cumulative", "public_cumulative")]
    kinds = {source: about["kind"] for source, about in report["sources"].items()}
    for row in rows:
        for source, figures in row["sources"].items():
            outside = kinds[source] in ("state", "region")
            amounts += [figures["savings"]] if outside else [figures["savings"], figures["paid"], figures["net"]]
        amounts.append(sum(figures["paid"] for figures in row["sources"].values()) - row["municipal_cost"])
    unit = report["unit"]
    out = _amounts(amounts, unit) + [_percent(report["wrong_pocket_share"], 2)]
    out += [shown(value, MOST[unit]) for value in report["npv"].values()]
    out += [shown(value, 4) for value in report["benefit_cost"].values()]
    return out + [shown(about["backing"], 4) for about in report["sources"].values() if about["backing"] is not None]


def sensitivity_figures(report) -> list[str]:
    """A row per realisation: the savings, the municipal and public nets in all; the NPVs and each source's
    shortfall to the unit's øre."""
    unit = report["unit"]
    rows = report["sensitivity"]
    out = _amounts([row["total"][key] for row in rows for key in ("savings", "municipal_net", "public_net")], unit)
    out += [shown(value, MOST[unit]) for row in rows for value in row["npv"].values()]
    shortfalls = [about["shortfall"] for row in rows for about in row["sources"].values()]
    return out + [shown(value, MOST[unit]) for value in shortfalls if value]


def compare_figures(report) -> list[str]:
    """Before, after and the change (signed) of each project's cost, the cost, each source, the financing and
    the residual a year (a closed year: before only) and in all; the coverage, its change in points."""
    rows = [*report["years"], report["total"]]
    pairs = [
        pair
        for row in rows
        for pair in [
            *(row[key] for key in ("cost", "financed", "residual")),
            *row["financing"].values(),
            *row["costs"].values(),
        ]
    ]
    values = [pair[key] for pair in pairs for key in ("before", "after") if pair.get(key) is not None]
    changes = [pair["change"] for pair in pairs if pair.get("change") is not None]
    coverage = [row["coverage"] for row in rows]
    percents = [_percent(c[key]) for c in coverage for key in ("before", "after") if c.get(key) is not None]
    points = [_percent(c["change"], signed=True) for c in coverage if c.get("change") is not None]
    return _amounts(values, report["unit"], changes) + percents + points


def due_figures(items, totals: bool = False) -> list[str]:
    """Each decision's cost a year; with TOTALS (the workbook) and its total too."""
    unit = items[0]["unit"] if items else "mio. kr."
    costs = [value for item in items for value in item["costs"].values()]
    sums = [sum(item["costs"].values()) for item in items if item["costs"] and totals]
    decimals = needed([*costs, *sums], unit)
    return [shown(value, decimals) for value in [*costs, *sums]]


def followup_figures(report) -> list[str]:
    """The plan, the actual or expected and the deviation (signed) of the cost, each source and the residual a
    year and in all; each repayment's plan and actual or expected a year and in all, each pocket's and the
    year's; each source's expected and realised savings, and its realised rate."""
    blocks = [report["cost"], *report["financing"].values(), report["residual"]]
    values = [v for block in blocks for key in ("plan", "actual") for v in block[key].values()]
    for repaid in report.get("repayment_followup", []):  # (the key only with `repay`)
        years = [year for key in ("plan", "actual") for year in repaid[key].values()]
        values += [v for year in years for v in [*year["by"].values(), year["total"]]]
    savings = report["savings"].values()
    values += [v for block in savings for key in ("expected", "realised") for v in block[key].values()]
    deviations = [v for block in blocks for v in block["deviation"].values()]
    rates = [_percent(block["rate"]) for block in savings if block["rate"] is not None]
    return _amounts(values, report["unit"], deviations) + rates
