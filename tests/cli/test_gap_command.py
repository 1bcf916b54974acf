"""`effektinvest gap`'s options: --prices, --unit, --fail-on-gap, --quiet; an invalid file, warnings. The report in
each format is in reports/gap/."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, SEED_GAP_LINE, as_json, gap_json, invoke, write_scenario

SEED = str(ROOT / "scenarios" / "2024.yaml")
FIXTURES = ROOT / "tests" / "fixtures"
PORTFOLIO = ROOT / "tests" / "fixtures" / "portfolio"
BEFORE = str(PORTFOLIO / "before.yaml")
AFTER = str(PORTFOLIO / "after.yaml")
PRICES = str(PORTFOLIO / "prices.yaml")
PRICES_TEXT = Path(PRICES).read_text(encoding="utf-8")
D = Decimal


# --- --prices ---------------------------------------------------------------------------------------------------------


def test_gap_with_prices_reports_in_that_years_prices():
    result = invoke("gap", PRICES, "--prices", "2025", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = as_json(result.stdout)
    assert report["price_level"] == 2025
    assert report["total"]["cost"] == D("15.30")
    assert report["total"]["financed"] == D("5.08")
    assert report["total"]["residual"] == D("10.22")
    table = invoke("gap", PRICES, "--prices", "2025").stdout
    assert "kr., 2025-priser" in table


@pytest.mark.parametrize(
    ("file", "year", "line", "text"),
    [
        (BEFORE, 2026, 5, "price_index has no index for 2026"),
        (AFTER, 2025, 1, "needs 'price_index:'"),
    ],
)
def test_prices_errors_name_the_line_and_the_option(file, year, line, text):
    result = invoke("gap", file, "--prices", str(year))
    assert result.returncode == 1
    assert f"{file}:{line}:1: error[prices-unavailable]: --prices {year}" in result.stderr
    assert text in result.stderr


def test_prices_on_a_file_without_price_level_is_an_error_naming_the_file(tmp_path):
    # a price_index, but no price_level: the amounts' own year is unknown, so nothing can be restated
    text = PRICES_TEXT.replace("price_level: 2024\n", "")
    path = tmp_path / "no_level.yaml"
    path.write_text(text, encoding="utf-8")
    assert "price_level" not in text and "price_index: {2024: 100, 2025: 150}" in text
    assert invoke("gap", str(path)).returncode == 0  # valid without --prices
    result = invoke("gap", str(path), "--prices", "2025")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:1:1: error[prices-unavailable]: --prices 2025 needs 'price_level:', "
        "the price level the amounts are in\n"
    )
    assert "Traceback" not in result.stderr


def test_prices_option_is_a_year():
    assert invoke("gap", PRICES, "--prices", "20x5").returncode == 2
    assert invoke("gap", PRICES, "--prices", "1800").returncode == 2


# --- --unit and --fail-on-gap -----------------------------------------------------------------------------------------


def test_unit_option_converts_exactly():
    report = gap_json(SEED, "--unit", "t.kr.")
    assert report["unit"] == "t.kr."
    assert report["total"]["cost"] == Decimal("10350")
    assert report["years"][0]["financing"]["sfb"] == Decimal("1760")
    report = gap_json(SEED, "--unit", "DKK")
    assert report["total"]["residual"] == Decimal("2000000")


def test_fail_on_gap_exits_3_with_a_residual():
    result = invoke("gap", SEED, "--format", "json", "--fail-on-gap")
    assert result.returncode == 3
    assert json.loads(result.stdout)["total"]["residual"] == 2  # the report is still printed
    # one line on stderr, naming the years and residuals (in the report's unit); -q leaves it out
    assert result.stderr == SEED_GAP_LINE
    in_kr = invoke("gap", SEED, "--format", "csv", "--fail-on-gap", "--unit", "kr.")
    assert in_kr.stderr.endswith("in 2024 (800000 kr.) and 2025 (1200000 kr.) (--fail-on-gap)\n")
    quiet = invoke("gap", SEED, "--format", "json", "--fail-on-gap", "-q")
    assert (quiet.returncode, quiet.stderr) == (3, "")


def test_fail_on_gap_exits_0_when_covered(tmp_path):
    covered = write_scenario(
        tmp_path,
        "scenario: c\nbudget_year: 2024\nsources: {f: {name: F}}\n"
        "projects: {a: {name: A, costs: {2024: 10}, financing: [{source: f, share: 1}]}}\n",
    )
    assert invoke("gap", covered, "--fail-on-gap").returncode == 0


SURPLUS = """\
scenario: Overskud
budget_year: 2024
sources:
  f: {name: Fonden}
projects:
  a:
    name: A
    costs: {2024: 10, 2025: 10}
    financing:
      - {source: f, amount: {2024: 4, 2025: %s}}
"""


def test_fail_on_gap_looks_at_every_year_not_the_total(tmp_path):
    # 2024 lacks 6; 2025 has a surplus of 10: the total residual is -4, yet 2024 has a gap
    path = write_scenario(tmp_path, SURPLUS % 20)
    result = invoke("gap", path, "--format", "json", "--fail-on-gap")
    report = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)
    assert [y["residual"] for y in report["years"]] == [6, -10] and report["total"]["residual"] == -4
    assert result.returncode == 3
    assert f"{path}:10:9: warning[surplus]" in result.stderr
    assert result.stderr.splitlines()[-1] == "effektinvest: a residual remains in 2024 (6 kr.) (--fail-on-gap)"


def test_fail_on_gap_exits_0_when_no_year_has_a_positive_residual(tmp_path):
    # 2024 has a surplus, 2025 is covered exactly: no year lacks anything
    path = write_scenario(tmp_path, SURPLUS.replace("{2024: 4, 2025: %s}", "{2024: 12, 2025: 10}"))
    result = invoke("gap", path, "--format", "json", "--fail-on-gap")
    report = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)
    assert [y["residual"] for y in report["years"]] == [-2, 0]
    assert result.returncode == 0


# --- an invalid file, warnings, --quiet -------------------------------------------------------------------------------


def test_invalid_scenario_exits_1_and_prints_no_report():
    result = invoke("gap", str(FIXTURES / "unknown_source.yaml"), "--format", "json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "unknown_source.yaml:10:17: error[unknown-source]" in result.stderr


def test_warnings_go_to_stderr_and_the_report_still_prints():
    result = invoke("gap", str(FIXTURES / "warnings.yaml"), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["years"][0]["residual"] == -60
    assert "warning[surplus]" in result.stderr


def test_gap_quiet_still_prints_the_warnings():
    result = invoke("gap", "--quiet", "--format", "csv", str(FIXTURES / "warnings.yaml"))
    assert result.returncode == 0
    assert [line.split(": ")[1] for line in result.stderr.splitlines()] == [
        "warning[unused-source]",
        "warning[surplus]",
        "warning[covers-inactive-project]",
    ]
    assert result.stdout.startswith("year,category,id,name,amount\n")


# --- --realisation (issue 21; savings.md, "Outcome-contract risk") ----------------------------------------------------

RISK = str(FIXTURES / "savings" / "outcome_risk.yaml")  # savings.md's worked example


def test_gap_realisation_shows_the_gap_if_only_that_share_of_the_outcomes_is_achieved():
    """At 50 % the outcome line pays 250 + 250 (not 500 + 400, the cap), dec 200 + 200: the residual is 550 + 550
    = 1,100 (700 as planned); JSON adds "realisation": 0.5 after price_level, and the outcome line's totals are
    those at 50 %."""
    result = invoke("gap", RISK, "--realisation", "50%", "--format", "json")
    assert result.code == 0, result.stderr
    report = as_json(result.stdout)
    assert list(report)[:5] == ["scenario", "budget_year", "unit", "price_level", "realisation"]
    assert report["realisation"] == D("0.5")
    assert [y["financing"] for y in report["years"]] == [{"dec": 200, "ext": 250}, {"dec": 200, "ext": 250}]
    assert [y["residual"] for y in report["years"]] == [550, 550]
    assert report["total"]["residual"] == 1100 and report["total"]["coverage"] == D("0.45")
    line = report["outcome_lines"][0]
    assert (line["uncapped"], line["paid"], line["capped_by"]) == (500, 500, 0)
    plan = as_json(invoke("gap", RISK, "--format", "json").stdout)
    assert "realisation" not in plan and plan["total"]["residual"] == 700
    assert (plan["outcome_lines"][0]["uncapped"], plan["outcome_lines"][0]["capped_by"]) == (1000, 100)


def test_gap_realisation_names_the_realisation_in_the_caption_of_every_format_for_people():
    table = invoke("gap", RISK, "--realisation", "0.5").stdout
    assert "kr., ved 50 % realisering" in table and "1.100" in table
    assert "kr., ved 42,5 % realisering" in invoke("gap", RISK, "--realisation", "42,5%", "-f", "markdown").stdout
    assert "ved 50 % realisering" not in invoke("gap", RISK).stdout


def test_gap_without_realisation_is_the_plan_whatever_the_files_realisation():
    text = Path(RISK).read_text(encoding="utf-8").replace("unit: kr.\n", 'unit: kr.\nrealisation: "50%"\n')
    report = as_json(invoke("gap", "-", "--format", "json", input=text).stdout)
    assert report["total"]["residual"] == 700 and "realisation" not in report


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--realisation", "100%,50%"], "gap takes one realisation, not a list of 2 (100%,50%)"),
        (["--realisation", "250%"], "realisation"),
        (["--realisation", "50%", "--explain"], "--explain and --by project show the plan"),
        (["--realisation", "50%", "--by", "project"], "--explain and --by project show the plan"),
    ],
)
def test_gap_realisation_refuses_a_list_a_bad_value_and_the_views_of_the_plan(args, said):
    result = invoke("gap", RISK, *args)
    assert result.code == 2 and said in result.stderr and result.stdout == ""


def test_gap_realisation_with_fail_on_gap_judges_the_gap_at_the_realisation():
    text = Path(RISK).read_text(encoding="utf-8").replace('share: "20%"', 'share: "60%"')
    assert invoke("gap", "-", "--fail-on-gap", input=text).code == 0  # planned: 600 + 500 and 600 + 400, no residual
    result = invoke("gap", "-", "--fail-on-gap", "--realisation", "50%", input=text)  # 600 + 250 a year
    assert result.code == 3 and "2024 (150 kr.) and 2025 (150 kr.)" in result.stderr


def test_gap_realisation_of_a_file_without_outcome_lines_is_the_plan_and_says_so():
    text = Path(RISK).read_text(encoding="utf-8").replace(
        "{source: ext, tariff: 100, outcomes: {2024: 5, 2025: 5}, cap: 900}", "{source: ext, amount: 900}"
    )
    at_half = invoke("gap", "-", "--format", "json", "--realisation", "50%", input=text)
    assert at_half.code == 0 and as_json(at_half.stdout)["total"]["residual"] == 700
    assert at_half.stderr == NOTHING_SCALED
    assert invoke("gap", "-", "--realisation", "50%", "--quiet", input=text).stderr == ""


NOTHING_SCALED = (
    "effektinvest: note: <stdin> has no outcome lines (tariff and outcomes) and no repayment per outcome: "
    "--realisation changes nothing in the gap\n"
)


def test_gap_realisation_of_a_file_whose_repayments_follow_the_outcomes_says_nothing():
    """A repayment per outcome is scaled (the investor carries the effect risk): not "changes nothing"; a fixed
    schedule is not."""
    worked = (ROOT / "tests" / "fixtures" / "repayment" / "worked.yaml").read_text(encoding="utf-8")
    per_outcome = invoke("gap", "-", "--realisation", "50%", "-f", "json", input=worked)
    assert (per_outcome.code, per_outcome.stderr) == (0, "")
    assert [entry["total"]["total"] for entry in as_json(per_outcome.stdout)["repayments"]] == [1250]  # not 2200
    fixed = (ROOT / "tests" / "fixtures" / "repayment" / "two_lines.yaml").read_text(encoding="utf-8")
    fixed = fixed.replace("repay: {tariff: 100, outcomes: {2027: 12}, cap: 1100,", "repay: {amount: {2027: 1100},")
    assert invoke("gap", "-", "--realisation", "50%", input=fixed).stderr == NOTHING_SCALED
