"""gap with repayments to an investor (repayment.md, format 1.3; issue 22): the repayment years among the columns
(cost, financed and residual 0, no coverage), the block "Tilbagebetaling" (a row per paying pocket, then the total)
and the line under the table in every format, JSON `repayments` as pinned, the residual unchanged, and
`--realisation` scaling the outcome-based repayments. The spec's worked example, every figure exact.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl

from conftest import ROOT, cells, gap_json, invoke

D = Decimal
WORKED = str(ROOT / "tests" / "fixtures" / "repayment" / "worked.yaml")
FOOT = (
    "Tilbagebetaling til Den Sociale Investeringsfond: 2.200 kr. i alt i 2026-2028 (pr. opnået resultat, højst "
    "2.200 kr.)"
)


def test_json_adds_the_repayment_years_and_repayments_as_pinned_the_residual_unchanged():
    data = gap_json(WORKED)
    years = {int(y["year"]): y for y in data["years"]}
    assert list(years) == [2025, 2026, 2027, 2028]
    for year in (2027, 2028):  # repayment-only years
        assert (years[year]["cost"], years[year]["financed"], years[year]["residual"]) == (0, 0, 0)
        assert years[year]["coverage"] is None and years[year]["financing"] == {}
    assert data["total"]["residual"] == 0 and data["total"]["cost"] == 2000
    assert data["repayments"] == [
        {
            "investor": "dsi",
            "path": WORKED,
            "line": 16,
            "tariff": 50,
            "years": {
                "2026": {"by": {"sof": 300, "ikke": 200}, "total": 500},
                "2027": {"by": {"sof": 600, "ikke": 400}, "total": 1000},
                "2028": {"by": {"sof": 420, "ikke": 280}, "total": 700},
            },
            "total": {"by": {"sof": 1320, "ikke": 880}, "total": 2200},
            "uncapped": 2500,
            "cap": 2200,
        }
    ]


def test_json_at_a_realisation_of_50_percent_the_cap_no_longer_binds():
    [repayment] = gap_json(WORKED, "--realisation", "50%")["repayments"]
    assert {year: entry["total"] for year, entry in repayment["years"].items()} == {
        "2026": 250,
        "2027": 500,
        "2028": 500,
    }
    assert repayment["total"] == {"by": {"sof": 750, "ikke": 500}, "total": 1250}
    assert repayment["uncapped"] == 1250


def test_a_file_without_repay_has_no_repayments_key_and_the_same_residual():
    text = re.sub(r"(?ms)^        repay:\n.*?(?=^    savings:)", "", open(WORKED, encoding="utf-8").read())
    result = invoke("gap", "-", "--format", "json", input=text)
    assert result.returncode == 0, result.stderr
    assert '"repayments"' not in result.stdout
    with_repay = gap_json(WORKED)
    import json

    without = json.loads(result.stdout, parse_float=D, parse_int=D)
    assert [y for y in with_repay["years"] if y["year"] in (2025, 2026)] == without["years"]
    assert with_repay["total"] == without["total"]


def test_the_table_shows_the_block_per_pocket_and_the_line_under_it():
    result = invoke("gap", WORKED)
    assert result.returncode == 0, result.stderr
    table = cells(result.stdout)
    assert table[0] == ["Budget 2025", "2025", "2026", "2027", "2028", "I alt"]
    assert ["Udgift i alt", "1.000", "1.000", "0", "0", "2.000"] in table
    assert ["Dækningsgrad", "100,0 %", "100,0 %", "-", "-", "100,0 %"] in table
    assert table[-3:] == [
        ["Tilbagebetaling fra Socialforvaltningen", "-", "300", "600", "420", "1.320"],
        ["Tilbagebetaling fra Ikke-decentrale midler", "-", "200", "400", "280", "880"],
        ["Tilbagebetaling i alt", "-", "500", "1.000", "700", "2.200"],
    ]
    assert FOOT in result.stdout
    assert "Afrundingsdifferencer" not in result.stdout


def test_markdown_shows_the_block_and_the_line():
    out = invoke("gap", WORKED, "--format", "markdown").stdout
    assert "| Tilbagebetaling fra Socialforvaltningen | - | 300 | 600 | 420 | 1.320 |" in out
    assert "| **Tilbagebetaling i alt** | **-** | **500** | **1.000** | **700** | **2.200** |" in out
    assert f"- {FOOT}" in out


def test_csv_has_a_row_per_pocket_and_year_and_the_total():
    out = invoke("gap", WORKED, "--format", "csv").stdout.splitlines()
    assert "2028,repayment,sof,Tilbagebetaling fra Socialforvaltningen,420" in out
    assert "2028,repayment,ikke,Tilbagebetaling fra Ikke-decentrale midler,280" in out
    assert "2028,repaid,,,700" in out and "total,repaid,,,2200" in out
    assert "2028,residual,,,0" in out and "2028,cost,,,0" in out
    da = invoke("gap", WORKED, "--format", "csv-da").stdout.splitlines()
    assert "2028;repayment;sof;Tilbagebetaling fra Socialforvaltningen;420" in da


def test_xlsx_has_the_block_as_numbers_and_the_line():
    result = invoke("gap", WORKED, "--format", "xlsx")
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes)).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["Tilbagebetaling fra Socialforvaltningen"][:5] == (None, 300, 600, 420, 1320)
    assert rows["Tilbagebetaling i alt"][:5] == (None, 500, 1000, 700, 2200)
    assert FOOT in rows


def test_by_project_shows_the_repayment_years_too():
    result = invoke("gap", WORKED, "--by", "project", "--format", "json")
    assert result.returncode == 0, result.stderr
    import json

    [project] = json.loads(result.stdout)["projects"]
    assert project["residual"] == {"2025": 0, "2026": 0, "2027": 0, "2028": 0}
    assert invoke("gap", WORKED, "--by", "project").returncode == 0


def test_explain_explains_each_repayment_year_count_tariff_cap_and_split():
    out = invoke("gap", WORKED, "--explain").stdout
    assert (
        f"{WORKED}:16: tilbagebetaling til dsi, pr. opnået resultat, højst 2.200 kr.; betales af sof 60 %, ikke 40 %"
        in out
    )
    assert "  2026: 10 x 50 = 500 -> 500: sof 300, ikke 200 (største brøks metode)" in out
    assert "  2028: 20 x 50 = 1.000, loftet lader 700 tilbage -> 700: sof 420, ikke 280 (største brøks metode)" in out
    [repayment] = gap_json(WORKED, "--explain")["repayments"]
    assert repayment["explain"] == {
        "2026": {"count": 10, "tariff": 50, "product": 500, "cap_left": 2200},
        "2027": {"count": 20, "tariff": 50, "product": 1000, "cap_left": 1700},
        "2028": {"count": 20, "tariff": 50, "product": 1000, "cap_left": 700},
    }
    assert "explain" not in gap_json(WORKED)["repayments"][0]


def test_explain_of_a_fixed_schedule_says_so():
    text = re.sub(
        r"(?ms)^        repay:\n.*?(?=^    savings:)",
        "        repay: {amount: {2027: 0.03}, by: {sof: 50%, ikke: 50%}}\n",
        open(WORKED, encoding="utf-8").read(),
    )
    result = invoke("gap", "-", "--explain", input=text)
    assert result.returncode == 0, result.stderr
    assert "<stdin>:16: tilbagebetaling til dsi, efter fast plan; betales af sof 50 %, ikke 50 %" in result.stdout
    assert "  2027: som i filen 0,03: sof 0,02, ikke 0,01 (største brøks metode)" in result.stdout


def test_prices_restates_the_tariff_and_the_cap_not_the_counts():
    """--prices 2026 at index 100 -> 110: the tariff 50 -> 55, the cap 2200 -> 2420; counts 10, 20, 20 stay:
    550, 1100, then 1100 due but 770 left: 770 (sof 462, ikke 308)."""
    text = open(WORKED, encoding="utf-8").read()
    text = text.replace(
        "budget_year: 2025\n", "budget_year: 2025\nprice_level: 2025\nprice_index: {2025: 100, 2026: 110}\n"
    )
    result = invoke("gap", "-", "--prices", "2026", "--format", "json", input=text)
    assert result.returncode == 0, result.stderr
    import json

    [repayment] = json.loads(result.stdout, parse_float=D, parse_int=D)["repayments"]
    assert repayment["tariff"] == 55 and repayment["cap"] == 2420
    assert {year: entry["total"] for year, entry in repayment["years"].items()} == {
        "2026": 550,
        "2027": 1100,
        "2028": 770,
    }
    assert repayment["years"]["2028"]["by"] == {"sof": 462, "ikke": 308}


def _at_103(text: str) -> str:
    """TEXT in 2025 prices with the index 100 -> 103 in 2026."""
    return text.replace(
        "budget_year: 2025\n", "budget_year: 2025\nprice_level: 2025\nprice_index: {2025: 100, 2026: 103}\n"
    )


def test_explain_with_prices_shows_the_repayments_tariff_and_cap_as_written_and_restated():
    """--explain --prices 2026 (x 103 / 100): under the repaid line, its repayment's tariff 50 -> 51.5 and cap
    2200 -> 2266, as written, times the factor and restated, in the text and in the line's JSON `prices`."""
    text = _at_103(open(WORKED, encoding="utf-8").read())
    out = invoke("gap", "-", "--explain", "--prices", "2026", input=text, env={"COLUMNS": "200"}).stdout
    assert "    tilbagebetaling, takst: 50 x 103 / 100 = 51,5 -> 51,5" in out
    assert "    tilbagebetaling, loft: 2.200 x 103 / 100 = 2.266 -> 2.266" in out
    assert "  2028: 20 x 51,5 = 1.030, loftet lader 721 tilbage -> 721: sof 432,6, ikke 288,4" in out
    result = invoke("gap", "-", "--explain", "--prices", "2026", "-f", "json", input=text)
    import json

    [line] = json.loads(result.stdout, parse_float=D)["lines"]
    assert line["prices"]["amounts"] == [
        {"what": "repay tariff", "written": 50, "unrounded": D("51.5"), "restated": D("51.5")},
        {"what": "repay cap", "written": 2200, "unrounded": 2266, "restated": 2266},
    ]


def test_explain_with_prices_shows_a_rate_card_and_a_schedule_as_written_and_rounded():
    """A rate card restates each year's tariff; a fixed schedule each year's amount: 0.03 x 1.03 = 0.0309 -> 0.03
    (whole øre, half to even)."""
    worked = _at_103(open(WORKED, encoding="utf-8").read())
    card = worked.replace("tariff: 50", "tariff: {2026: 50, 2027: 60, 2028: 60}")
    assert card != worked
    out = invoke("gap", "-", "--explain", "--prices", "2026", input=card, env={"COLUMNS": "200"}).stdout
    assert "    tilbagebetaling, takst 2027: 60 x 103 / 100 = 61,8 -> 61,8" in out
    schedule = re.sub(
        r"(?ms)^        repay:\n.*?(?=^    savings:)",
        "        repay: {amount: {2027: 0.03, 2028: 100}, by: {sof: 50%, ikke: 50%}}\n",
        worked,
    )
    result = invoke("gap", "-", "--explain", "--prices", "2026", input=schedule, env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "    tilbagebetaling, 2027: 0,03 x 103 / 100 = 0,0309 -> 0,03" in result.stdout
    assert "    tilbagebetaling, 2028: 100 x 103 / 100 = 103 -> 103" in result.stdout
    import json

    data = json.loads(invoke("gap", "-", "--explain", "--prices", "2026", "-f", "json", input=schedule).stdout)
    assert [a["what"] for a in data["lines"][0]["prices"]["amounts"]] == ["repay 2027", "repay 2028"]
    assert data["lines"][0]["prices"]["amounts"][0]["unrounded"] == 0.0309


INACTIVE = str(ROOT / "tests" / "fixtures" / "repayment" / "inactive.yaml")
DEFERRED = (
    "Udskudt: B (beslutning ved budget 2026); udgift 2025: 1.000 kr.; intet tilbagebetales til Den Sociale "
    "Investeringsfond og Fonden, så længe projektet ikke videreføres"
)


def test_a_deferred_projects_repay_is_listed_with_it_and_counts_nowhere():
    """The deferred project's lines repay dsi and fond: its line under the table names both and says that nothing
    is repaid while it is not continued, in the table, Markdown and the workbook; no repayment counts, and the
    stopped project without `repay` keeps its line as before."""
    result = invoke("gap", INACTIVE, env={"COLUMNS": "400"})
    assert result.returncode == 0, result.stderr
    assert DEFERRED in result.stdout.splitlines()
    assert "Standset: C; udgift 2025: 10 kr." in result.stdout.splitlines()
    assert "Tilbagebetaling" not in result.stdout
    assert gap_json(INACTIVE)["years"][-1]["year"] == 2025 and "repayments" not in gap_json(INACTIVE)
    assert f"- {DEFERRED}" in invoke("gap", INACTIVE, "--format", "markdown").stdout.splitlines()
    sheet = openpyxl.load_workbook(io.BytesIO(invoke("gap", INACTIVE, "--format", "xlsx").stdout_bytes)).active
    assert DEFERRED in [row[0] for row in sheet.iter_rows(values_only=True)]


def test_follow_up_lists_a_deferred_projects_repay_with_it():
    text = (
        open(INACTIVE, encoding="utf-8")
        .read()
        .replace("budget_year: 2025\n", "budget_year: 2025\nactuals_through: 2025\n")
    )
    text = text.replace("    costs: {2025: 100}\n", "    costs: {2025: 100}\n    actual_costs: {2025: 100}\n")
    result = invoke("follow-up", "-", input=text, env={"COLUMNS": "400"})
    assert result.returncode == 0, result.stderr
    assert DEFERRED in result.stdout.splitlines()


def test_json_of_lines_of_one_contract_names_each_its_own_investor_and_line():
    """The figures of one contract are written once for all its lines (docs/performance.md, issue 22); each
    entry still names its own investor and the line of its own `repay`."""
    text = Path(WORKED).read_text(encoding="utf-8").replace(
        "sources:\n", "sources:\n  fond: {name: Fonden, kind: external}\n"
    )
    text += (
        "  q:\n    name: Q\n    costs: {2025: 10}\n    financing:\n      - source: fond\n        share: 100%\n"
        "        repay: {tariff: 50, outcomes: {2026: 10, 2027: 20, 2028: 20}, cap: 2200, by: {sof: 60%, ikke: 40%}}\n"
    )
    p, q = gap_json("-", stdin=text)["repayments"]
    assert (p["investor"], p["line"], q["investor"], q["line"]) == ("dsi", 17, "fond", 32)
    figures = ("tariff", "years", "total", "uncapped", "cap")
    assert [q[key] for key in figures] == [p[key] for key in figures]
    assert q["total"] == {"by": {"sof": 1320, "ikke": 880}, "total": 2200}


def test_a_repayment_block_that_rounding_splits_gets_the_rounding_line():
    """At whole kroner the pockets show 367 + 367 against 735 in 2027 and 617 + 617 against 1.235 in all: the
    line under the table says so, in the table, Markdown and the workbook; at whole øre every figure adds up."""
    rounding = str(ROOT / "tests" / "fixtures" / "repayment" / "rounding.yaml")
    table = invoke("gap", rounding, "--decimals", "0", env={"COLUMNS": "120"}).stdout
    assert [row[-3:] for row in cells(table) if row[0].startswith("Tilbagebetaling")] == [
        ["250", "367", "617"], ["250", "367", "617"], ["500", "735", "1.235"]
    ]
    assert "\nAfrundingsdifferencer kan forekomme.\n" in table
    markdown = invoke("gap", rounding, "-f", "markdown", "--decimals", "0").stdout
    assert "\n- Afrundingsdifferencer kan forekomme.\n" in markdown
    book = invoke("gap", rounding, "-f", "xlsx", "--decimals", "0").stdout_bytes
    texts = [c.value for row in openpyxl.load_workbook(io.BytesIO(book)).active.iter_rows() for c in row]
    assert "Afrundingsdifferencer kan forekomme." in texts
    assert "Afrundingsdifferencer" not in invoke("gap", rounding, env={"COLUMNS": "120"}).stdout
