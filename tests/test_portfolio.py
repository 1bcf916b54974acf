"""Portfolio commands (format 1.1): due, compare and --prices, on hand-computed cases.

Commands run in this process (`invoke`, from conftest.py), from the repository's root as a user would."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import invoke
from effektinvest.core.prices import PriceProblem, restate
from effektinvest.edges.load import load_path, with_prices
from effektinvest.reports.compare.analysis import compare
from effektinvest.reports.due.analysis import due

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).parent / "fixtures" / "portfolio"
BEFORE, AFTER, PRICES, BAD = (str(HERE / n) for n in ("before.yaml", "after.yaml", "prices.yaml", "bad_index.yaml"))
PRICES_TEXT = Path(PRICES).read_text(encoding="utf-8")
D = Decimal


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # scenarios/2024.yaml, as a user in the repository names it


def run(*args, **kwargs):
    return invoke(*args, **kwargs)


def as_json(text):
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


# --- prices --------------------------------------------------------------------------------------------------------


def test_prices_restate_each_amount_to_whole_ore_half_even():
    scenario = restate(load_path(PRICES).scenario, 2025)  # index 150 / 100
    assert scenario.price_level == 2025
    assert scenario.projects["a"].costs == {2024: D("0.08"), 2025: D("0.22")}  # 7.5 øre -> 8, 22.5 øre -> 22
    assert scenario.projects["a"].financing[0].amount == {2024: D("0.08")}
    assert scenario.projects["b"].costs == {2024: D("15.00")}
    assert scenario.projects["b"].financing[0].amount == D("5.00")  # 499.5 øre -> 500


def test_gap_with_prices_reports_in_that_years_prices():
    result = run("gap", PRICES, "--prices", "2025", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = as_json(result.stdout)
    assert report["price_level"] == 2025
    assert report["total"]["cost"] == D("15.30")
    assert report["total"]["financed"] == D("5.08")
    assert report["total"]["residual"] == D("10.22")
    table = run("gap", PRICES, "--prices", "2025").stdout
    assert "kr., 2025-priser" in table


def test_prices_to_its_own_level_changes_nothing():
    loaded = load_path(str(ROOT / "scenarios" / "2024.yaml"))
    assert with_prices(loaded, 2024).gap == loaded.gap


def test_seed_in_2025_prices():
    loaded = with_prices(load_path(str(ROOT / "scenarios" / "2024.yaml")), 2025)  # index 102.9 / 100
    assert loaded.gap.total.cost == D("10650150.00")  # 10.35 mio. x 1.029, amount by amount
    assert loaded.gap.total.financed == D("8592150.00")


@pytest.mark.parametrize(
    ("file", "year", "line", "text"),
    [
        (BEFORE, 2026, 5, "price_index has no index for 2026"),
        (AFTER, 2025, 1, "needs 'price_index:'"),
    ],
)
def test_prices_errors_name_the_line_and_the_option(file, year, line, text):
    result = run("gap", file, "--prices", str(year))
    assert result.returncode == 1
    assert f"{file}:{line}:1: error[prices-unavailable]: --prices {year}" in result.stderr
    assert text in result.stderr


def test_prices_on_a_file_without_price_level_is_an_error_naming_the_file(tmp_path):
    # a price_index, but no price_level: the amounts' own year is unknown, so nothing can be restated
    text = PRICES_TEXT.replace("price_level: 2024\n", "")
    path = tmp_path / "no_level.yaml"
    path.write_text(text, encoding="utf-8")
    assert "price_level" not in text and "price_index: {2024: 100, 2025: 150}" in text
    assert run("gap", str(path)).returncode == 0  # valid without --prices
    result = run("gap", str(path), "--prices", "2025")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:1:1: error[prices-unavailable]: --prices 2025 needs 'price_level:', "
        "the price level the amounts are in\n"
    )
    assert "Traceback" not in result.stderr


def test_prices_without_price_level():
    scenario = load_path(PRICES).scenario.model_copy(update={"price_level": None})
    with pytest.raises(PriceProblem, match="needs 'price_level:'"):
        restate(scenario, 2025)


def test_bad_index_and_year_values_name_their_lines():
    result = run("check", BAD)
    assert result.returncode == 1
    found = [(ln.split(":")[1], ln.split("[")[1].split("]")[0]) for ln in result.stderr.splitlines()[:-1]]
    assert found == [("6", "invalid-index"), ("7", "invalid-index"), ("8", "invalid-index"), ("11", "invalid-year")]


def test_prices_option_is_a_year():
    assert run("gap", PRICES, "--prices", "20x5").returncode == 2
    assert run("gap", PRICES, "--prices", "1800").returncode == 2


# --- due -----------------------------------------------------------------------------------------------------------


def test_due_pure():
    before = load_path(BEFORE).scenario
    assert [(i.project, i.reason, i.costs) for i in due(before, 2024)] == [
        ("a", "funding_ends", {2024: D("1000000"), 2025: D("1000000")}),
        ("old", "funding_ends", {}),
    ]
    after = load_path(AFTER).scenario
    assert [(i.project, i.reason) for i in due(after, 2025)] == [("b", "funding_ends")]
    assert [(i.project, i.reason) for i in due(after, 2026)] == [("b", "deferred")]
    assert due(after, 2030) == []


def test_due_json_lists_valid_files_and_fails_on_an_invalid_one():
    result = run("due", str(HERE), "--budget", "2024", "--format", "json")
    assert result.returncode == 1
    assert "bad_index.yaml:6:9: error[invalid-index]" in result.stderr
    items = as_json(result.stdout)
    assert [(i["path"], i["project"], i["reason"]) for i in items] == [
        (BEFORE, "a", "funding_ends"),
        (BEFORE, "old", "funding_ends"),
    ]
    assert items[0]["costs"] == {"2024": 1000, "2025": 1000} and items[0]["unit"] == "t.kr."
    assert set(items[0]) >= {"path", "project", "name", "reason", "costs"}


def test_due_csv_and_table():
    result = run("due", AFTER, "--budget", "2026", "--format", "csv")
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["project"], r["reason"], r["year"], r["cost"]) for r in rows] == [("b", "deferred", "2026", "0.4")]
    table = run("due", AFTER, "--budget", "2025").stdout
    assert "B (b)" in table and "finansiering udløber" in table and "2026: 0,4 mio. kr." in table


def test_due_shipped_scenarios_2025():
    items = json.loads(run("due", "scenarios", "--budget", "2025", "--format", "json").stdout)
    assert [(i["path"], i["project"], i["reason"]) for i in items] == [
        ("scenarios/2024.yaml", "dialog_mod_vold", "deferred"),
        ("scenarios/2025.yaml", "havnen", "funding_ends"),
        ("scenarios/2025.yaml", "hjem_job_helhed", "funding_ends"),
    ]


def test_due_needs_a_budget():
    assert run("due", AFTER).returncode == 2


# --- compare -------------------------------------------------------------------------------------------------------


def c(before, after):
    return {"before": D(before), "after": D(after), "change": D(after) - D(before)}


def test_compare_json_hand_computed():
    result = run("compare", BEFORE, AFTER, "--format", "json")
    assert result.returncode == 0, result.stderr
    report = as_json(result.stdout)
    assert (report["before"], report["after"], report["unit"], report["price_level"]) == (
        BEFORE,
        AFTER,
        "mio. kr.",
        2024,
    )
    years = {y["year"]: y for y in report["years"]}
    assert list(years) == [2024, 2025, 2026]
    assert years[2024]["cost"] == c("1", "0")
    assert years[2024]["financing"] == {"fund": c("0.5", "0"), "gone": c("0.05", "0")}
    assert years[2025]["cost"] == c("1", "1.5")
    assert years[2025]["financed"] == c("0.55", "0.75")
    assert years[2025]["residual"] == c("0.45", "0.75")
    assert years[2026]["financing"] == {"fund": c("0", "0.5"), "new": c("0", "0.25")}
    total = report["total"]
    assert total["cost"] == c("2", "2.5")
    assert total["financing"] == {"fund": c("1", "1.25"), "new": c("0", "0.25"), "gone": c("0.1", "0")}
    assert total["financed"] == c("1.1", "1.5")
    assert total["residual"] == c("0.9", "1")
    assert report["projects"] == {"added": ["b"], "removed": ["old"]}
    assert report["sources"] == {"added": ["new"], "removed": ["gone"]}


def test_compare_unit_option_and_csv():
    result = run("compare", BEFORE, AFTER, "--format", "csv", "--unit", "t.kr.")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["year", "category", "id", "name", "before", "after", "change"]
    residual = next(r for r in rows if r["year"] == "total" and r["category"] == "residual")
    assert (residual["before"], residual["after"], residual["change"]) == ("900", "1000", "100")


def test_compare_table_and_markdown_show_signed_changes_and_added_removed():
    table = run("compare", BEFORE, AFTER).stdout
    assert "+0,50" in table and "-1,00" in table
    assert "Nye projekter: B (b)" in table and "Udgåede projekter: Gammelt projekt (old)" in table
    assert (
        "Nye finansieringskilder: Ny kilde (new)" in table
        and "Udgåede finansieringskilder: Udgået kilde (gone)" in table
    )
    assert "\x1b[" not in table
    markdown = run("compare", BEFORE, AFTER, "--format", "markdown").stdout
    assert "| **Restfinansiering** | før | 0,45 | 0,45 | 0,00 | 0,90 |" in markdown
    assert "|  | ændring | -0,45 | +0,30 | +0,25 | +0,10 |" in markdown


def test_compare_colours_changes_on_a_terminal():
    result = run("compare", BEFORE, AFTER, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[31m" in result.stdout and "\x1b[32m" in result.stdout  # red where worse, green where better


def test_compare_pure_counts_a_missing_side_as_zero():
    b, a = load_path(BEFORE), load_path(AFTER)
    cmp = compare(b.scenario, b.gap, a.scenario, a.gap)
    assert cmp.years[2026].cost.before is None and cmp.years[2026].cost.change == D("1000000")


def test_compare_needs_two_valid_files():
    result = run("compare", BEFORE, BAD)
    assert result.returncode == 1 and result.stdout == ""
    assert "bad_index.yaml:6:9: error[invalid-index]" in result.stderr


def test_compare_warns_on_different_price_levels_and_converts_with_prices():
    seed, follow = "scenarios/2024.yaml", "scenarios/2025.yaml"
    plain = run("compare", seed, follow, "--format", "json")
    assert "different price levels (2024 and 2025)" in plain.stderr
    assert json.loads(plain.stdout)["price_level"] is None
    restated = run("compare", seed, follow, "--prices", "2025", "--format", "json")
    assert restated.returncode == 0 and restated.stderr == ""
    report = as_json(restated.stdout)
    assert report["price_level"] == 2025
    assert report["total"]["cost"]["before"] == D("10.65015")  # 10.35 x 1.029


def test_compare_csv_lists_added_and_removed():
    rows = list(csv.DictReader(io.StringIO(run("compare", BEFORE, AFTER, "--format", "csv").stdout)))
    extra = [(r["category"], r["id"], r["name"]) for r in rows if r["year"] == ""]
    assert extra == [
        ("added-project", "b", "B"),
        ("removed-project", "old", "Gammelt projekt"),
        ("added-source", "new", "Ny kilde"),
        ("removed-source", "gone", "Udgået kilde"),
    ]


def test_compare_decimals_zero_shows_no_minus_zero():
    out = run("compare", BEFORE, AFTER, "--decimals", "0").stdout
    assert "-0 " not in out and "+0 " not in out


def test_due_from_stdin_is_called_stdin_and_a_file_named_twice_counts_once():
    result = run("due", "-", "--budget", "2026", "--format", "json", input=Path(AFTER).read_bytes())
    assert [i["path"] for i in json.loads(result.stdout)] == ["<stdin>"]
    twice = json.loads(run("due", AFTER, AFTER, "--budget", "2026", "--format", "json").stdout)
    assert len(twice) == 1


def test_price_levels_missing_on_one_side_are_named():
    result = run("compare", BEFORE, str(ROOT / "tests" / "fixtures" / "base.yaml"))
    assert "different price levels (2024 and none)" in result.stderr
