"""`compare` across budget years (issue 18, point 3; docs/cli.md): a year before AFTER's budget year is closed, not
cut. The issue's case: Havnen in a budget-2025 and a budget-2026 file; 2025 (3,48 mio. kr.) must no longer show as
a cut of -3,48, and the total compares 2026 on only. Driven in-process (`invoke`)."""

import csv
import io
import json
from decimal import Decimal

from openpyxl import load_workbook

from conftest import ROOT, as_json, invoke
from effektinvest.core.arithmetic import Figures, Gap
from effektinvest.edges.load import load_path
from effektinvest.model.units import Unit
from effektinvest.reports.compare import render
from effektinvest.reports.compare.analysis import compare
from effektinvest.reports.compare.view import CompareReport

HERE = ROOT / "tests" / "fixtures" / "compare_years"
B2025, B2026, ACCOUNTS = (str(HERE / n) for n in ("budget_2025.yaml", "budget_2026.yaml", "budget_2025_accounts.yaml"))
D = Decimal
WIDE = {"COLUMNS": "200"}
FOOT = (
    "2025 afsl.: afsluttet før budget 2026; året står med før-tal, men indgår hverken i ændringerne eller i I alt, "
    "der kun sammenligner årene fra 2026"
)


def closed(before, actual=None):
    return {"before": D(before), "actual": None if actual is None else D(actual), "after": None, "change": None}


def c(before, after):
    return {"before": D(before), "after": D(after), "change": D(after) - D(before)}


def test_json_lists_the_closed_year_without_a_change_and_the_total_from_the_later_budget_year_on():
    result = invoke("compare", B2025, B2026, "-f", "json")
    assert result.returncode == 0 and result.stderr == ""
    report = as_json(result.stdout)
    first, *later = report["years"]
    assert first == {
        "year": 2025,
        "closed": True,
        "cost": closed("3.48"),
        "financed": closed("2.74"),
        "residual": closed("0.74"),
        "financing": {"sfb": closed("1.74"), "fond": closed("1")},
        "costs": {"havnen": closed("3.48")},
        "coverage": closed("0.7874"),
    }
    assert [y["year"] for y in later] == [2026, 2027] and not any("closed" in y for y in later)
    assert later[0]["cost"] == c("3.6", "3.7")  # an open year's before is BEFORE's plan
    assert report["total"] == {
        "cost": c("3.6", "7.5"),  # not 7.08 -> 7.5: the closed 2025 is out of the total's comparison
        "financed": c("1.8", "3.75"),
        "residual": c("1.8", "3.75"),
        "financing": {"sfb": c("1.8", "3.75")},
        "costs": {"havnen": c("3.6", "7.5")},
        "coverage": {"before": D("0.5"), "after": D("0.5"), "change": D("0")},
    }


def test_table_shows_the_closed_year_headed_as_such_with_before_only_and_says_so_under_it():
    lines = invoke("compare", B2025, B2026, env=WIDE).stdout.splitlines()
    heads = [" " * 34, " " * 9, " 2025 afsl. ", " " * 11 + "2026 ", "   2027 ", " " * 10 + "I alt "]
    assert lines[2] == "┃" + "┃".join(heads) + "┃"
    assert lines[4:7] == [
        "│ Havnen                           │ før     │       3,48 │           3,60 │   0,00 │           3,60 │",
        "│                                  │ efter   │            │           3,70 │   3,80 │           7,50 │",
        "│                                  │ ændring │            │          +0,10 │  +3,80 │          +3,90 │",
    ]
    assert "-3,48" not in "\n".join(lines)
    assert lines[-2:] == [FOOT, "Udgåede finansieringskilder: Outcomefonden (fond)"]


def test_markdown_heads_and_foot():
    text = invoke("compare", B2025, B2026, "-f", "markdown").stdout
    assert "| mio. kr., 2025-priser |  | 2025 afsl. | 2026 | 2027 | I alt |" in text
    assert "|  | ændring |  | +0,10 | +3,80 | +3,90 |" in text
    assert f"- {FOOT}\n" in text


def test_csv_keeps_its_columns_and_adds_actual_a_closed_years_after_and_change_empty():
    rows = list(csv.reader(io.StringIO(invoke("compare", B2025, B2026, "-f", "csv").stdout)))
    assert rows[0] == ["year", "category", "id", "name", "before", "after", "change", "actual"]
    assert ["2025", "cost", "havnen", "Havnen", "3.48", "", "", ""] in rows
    assert ["2025", "financing", "fond", "Outcomefonden", "1", "", "", ""] in rows
    assert ["2026", "cost", "", "", "3.6", "3.7", "0.1", ""] in rows
    assert ["total", "cost", "", "", "3.6", "7.5", "3.9", ""] in rows
    residual = [r for r in rows if r[0] == "2025" and r[1] == "residual"]
    assert residual == [["2025", "residual", "", "", "0.74", "", "", ""]]


def test_xlsx_heads_the_closed_year_as_a_number_shown_afsl_and_leaves_its_after_and_change_empty(tmp_path):
    out = tmp_path / "c.xlsx"
    assert invoke("compare", B2025, B2026, "-f", "xlsx", "-o", str(out)).returncode == 0
    ws = load_workbook(out).active
    head = ws[4]
    assert [cell.value for cell in head] == [None, None, 2025, 2026, 2027, "I alt"]
    assert head[2].number_format == '0" afsl."' and head[3].number_format == "0"
    havnen = [[cell.value for cell in row] for row in ws.iter_rows(min_row=5, max_row=7)]
    assert havnen == [
        ["Havnen", "før", 3.48, 3.6, 0, 3.6],
        [None, "efter", None, 3.7, 3.8, 7.5],
        [None, "ændring", None, 0.1, 3.8, 3.9],
    ]
    texts = [row[0].value for row in ws.iter_rows() if row[0].value]
    assert FOOT in texts


def test_the_same_budget_year_closes_nothing():
    result = invoke("compare", B2026, B2026, "-f", "json")
    report = as_json(result.stdout)
    assert not any("closed" in y for y in report["years"])
    assert report["years"][0]["cost"] == c("3.7", "3.7")
    assert "afsl." not in invoke("compare", B2026, B2026, env=WIDE).stdout
    header = invoke("compare", B2026, B2026, "-f", "csv").stdout.splitlines()[0]
    assert header == "year,category,id,name,before,after,change"


def test_a_later_before_file_closes_nothing():
    """Only BEFORE earlier than AFTER closes a year; the other way round is compared as before."""
    report = as_json(invoke("compare", B2026, B2025, "-f", "json").stdout)
    assert not any("closed" in y for y in report["years"])
    assert report["years"][0]["cost"] == c("0", "3.48")


def test_the_portfolio_pair_closes_2024():
    portfolio = ROOT / "tests" / "fixtures" / "portfolio"
    pair = (str(portfolio / "before.yaml"), str(portfolio / "after.yaml"))
    report = as_json(invoke("compare", *pair, "-f", "json").stdout)
    years = {y["year"]: y for y in report["years"]}
    assert years[2024]["closed"] is True and years[2024]["cost"] == closed("1")
    assert years[2024]["financing"] == {"fund": closed("0.5"), "gone": closed("0.05")}
    assert report["total"]["cost"] == c("1", "2.5")  # BEFORE's 2025 only
    assert report["total"]["financing"]["gone"] == c("0.05", "0")


def _accounts() -> Gap:
    """BEFORE's actual computation, by hand (kr.): 2025 cost 3.5 mio. kr., sfb half of it, the fund 1 mio. kr."""
    year = Figures({"havnen": D("3500000")}, {"sfb": D("1750000"), "fond": D("1000000")}, D("3500000"), D("2750000"),
                   D("750000"), D("0.7857"))
    later = Figures({"havnen": D("3600000")}, {"sfb": D("1800000")}, D("3600000"), D("1800000"), D("1800000"), D("0.5"))
    total = Figures({"havnen": D("7100000")}, {"sfb": D("3550000"), "fond": D("1000000")}, D("7100000"), D("4550000"),
                    D("2550000"), D("0.6408"))
    return Gap({2025: year, 2026: later}, total)


def _report(before_actual: Gap | None) -> CompareReport:
    b, a = load_path(ACCOUNTS), load_path(B2026)
    comparison = compare(b.scenario, b.gap, a.scenario, a.gap, before_actual=before_actual)
    return CompareReport(ACCOUNTS, B2026, Unit("mio. kr."), 2025, comparison)


def test_before_actual_appears_as_the_closed_years_actual():
    report = _report(_accounts())
    data = json.loads(render("json", report), parse_float=Decimal, parse_int=Decimal)
    first = data["years"][0]
    assert first["closed"] is True
    assert first["cost"] == closed("3.48", "3.5")
    assert first["financing"] == {"sfb": closed("1.74", "1.75"), "fond": closed("1", "1")}
    assert first["residual"] == closed("0.74", "0.75")
    assert first["costs"] == {"havnen": closed("3.48", "3.5")}
    assert first["coverage"] == closed("0.7874", "0.7857")
    assert data["total"]["cost"] == c("3.6", "7.5")  # the accounts of a closed year touch no total
    assert "actual" not in data["years"][1]["cost"]


def test_before_actual_is_a_regnskab_row_in_the_table_and_the_csv_actual():
    report = _report(_accounts())
    text = render("markdown", report)
    assert "| Havnen | før | 3,48 | 3,60 | 0,00 | 3,60 |" in text
    assert "|  | regnskab | 3,50 |  |  |  |" in text
    assert "|  | regnskab | 78,6 % |  |  |  |" in text  # coverage: 2,75 / 3,50
    rows = list(csv.reader(io.StringIO(render("csv", report))))
    assert ["2025", "cost", "havnen", "Havnen", "3.48", "", "", "3.5"] in rows


def test_without_before_actual_every_actual_is_null():
    report = _report(None)
    data = json.loads(render("json", report), parse_float=Decimal, parse_int=Decimal)
    assert data["years"][0]["cost"] == closed("3.48")
    assert "regnskab" not in render("markdown", report)


def test_a_project_whose_cost_years_have_all_closed_is_finished_not_removed():
    before, after = (str(HERE / f"finished_{side}.yaml") for side in ("before", "after"))
    result = invoke("compare", before, after, "-f", "json")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout)["projects"] == {"added": [], "removed": ["b"], "finished": ["a"]}
    table = invoke("compare", before, after, env=WIDE).stdout
    assert "Udgåede projekter: Skåret (b)\n" in table
    assert "Afsluttede projekter (alle udgiftsår afsluttet): Afsluttet (a)\n" in table
    rows = list(csv.reader(io.StringIO(invoke("compare", before, after, "-f", "csv").stdout)))
    assert ["", "finished-project", "a", "Afsluttet", "", "", "", ""] in rows
    same_year = invoke("compare", before, before, "-f", "json").stdout
    assert json.loads(same_year)["projects"] == {"added": [], "removed": []}  # no closed year: no "finished" key


def test_the_accounts_of_the_closed_year_come_from_the_follow_up_of_before():
    # scenarios/2024-opfoelgning.yaml (accounts for 2024) against the budget-2025 file: 2024 is closed, and its
    # actual is the follow-up's actual computation. By hand: cost 2.61 + 1.52; the amount lines pay as planned
    # (2024 has 4.14 of the 10.35 planned cost: 0.4 of each), the refund line what it paid: sfb 0.4 x 3.2 + 0.41.
    followed_up, budget_2025 = (str(ROOT / "scenarios" / name) for name in ("2024-opfoelgning.yaml", "2025.yaml"))
    result = invoke("compare", followed_up, budget_2025, "-f", "json", "--quiet")
    assert (result.returncode, result.stderr) == (0, "")
    year = as_json(result.stdout)["years"][0]
    assert (year["year"], year["closed"]) == (2024, True)
    assert year["cost"] == closed("4.14", "4.13")
    assert year["financing"] == {
        "sfb": closed("1.76", "1.69"),
        "ikke_decentral": closed("0.76", "0.76"),
        "outcomefonden": closed("0.82", "0.82"),
    }
    assert year["residual"] == closed("0.8", "0.86")
    assert year["costs"] == {"havnen": closed("2.48", "2.61"), "hjem_job_helhed": closed("1.66", "1.52")}
    plain = as_json(invoke("compare", str(ROOT / "scenarios" / "2024.yaml"), budget_2025, "-f", "json", "-q").stdout)
    assert plain["years"][0]["cost"] == closed("4.14")  # no accounts in the file: no actual
