"""`effektinvest savings` as a user sees it: the worked example in every format, the sensitivity view,
--prices, the shipped scenario, and every bad option value (exit 2, said plainly)."""

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, invoke

FIXTURES = ROOT / "tests" / "fixtures"
WORKED = str(FIXTURES / "savings" / "worked.yaml")
PRICES = str(FIXTURES / "savings" / "prices.yaml")
SEED = str(ROOT / "scenarios" / "2024.yaml")
WIDE = {"COLUMNS": "250"}
D = Decimal


def savings_json(*args):
    result = invoke("savings", *args, "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)


def test_worked_example_json_is_the_contracts_shape():
    data = savings_json(WORKED)
    assert list(data) == [
        "scenario", "budget_year", "unit", "price_level", "realisation", "discount", "years", "total", "sources",
        "wrong_pocket_share", "break_even", "npv", "benefit_cost",
    ]  # fmt: skip
    assert (data["realisation"], data["discount"]) == (1, "finance-ministry")
    first = data["years"][0]
    assert list(first) == [
        "year", "cost", "municipal_cost", "savings", "municipal_savings", "outside_savings", "municipal_net",
        "public_net", "municipal_cumulative", "public_cumulative", "sources",
    ]  # fmt: skip
    assert list(data["total"]) == [k for k in first if k not in ("year", "municipal_cumulative", "public_cumulative")]
    assert [y["public_cumulative"] for y in data["years"]] == [-1000, -1400, 0]
    assert data["years"][2]["sources"] == {
        "dec": {"savings": 900, "paid": 0, "net": 900},
        "stat": {"savings": 500, "paid": 0, "net": 500},
    }
    assert data["sources"] == {
        "dec": {"kind": "decentral", "backing": D("1.5"), "shortfall": 0},
        "stat": {"kind": "state", "backing": None, "shortfall": None},
    }
    assert data["wrong_pocket_share"] == D("0.25")
    assert data["break_even"] == {"municipal": None, "public": 2026}
    assert data["npv"] == {"municipal": D("-546.31"), "public": D("-79.56")}  # see test_savings.py on -659.27
    assert data["benefit_cost"] == {"municipal": D("0.7221"), "public": D("0.9595")}


def test_worked_example_table_shows_the_wrong_pocket_apart():
    result = invoke("savings", WORKED, env=WIDE)
    assert result.code == 0
    out = result.stdout
    assert out.index("Decentralt budget") < out.index("Kommunale besparelser") < out.index("Staten")
    assert out.index("Staten") < out.index("Besparelser i stat og region") < out.index("Besparelser i alt")
    for label in ("Kommunal netto", "Offentlig netto", "Akkumuleret", "I alt", "betalt", "netto"):
        assert label in out
    assert "kr., realisering 100 %" in out
    assert "Forkert lomme (andel): 25 % af besparelserne lander i stat og region" in out
    assert "Break-even: kommunalt ingen, offentligt 2026" in out
    assert "kommunalt -546,31, offentligt -79,56" in out
    assert "Besparelser pr. betalt krone, Decentralt budget: 1,5000 (ingen mangel)" in out
    assert re.search(r"Offentlig netto +│ +│ +-1\.000,00 │ +-400,00 │ +1\.400,00 │ +0,00 │", out)


def test_worked_example_csv_has_a_row_per_figure():
    result = invoke("savings", WORKED, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["realisation", "year", "category", "id", "name", "amount"]
    got = {(r["year"], r["category"], r["id"]): r["amount"] for r in rows}
    assert got[("2025", "paid", "dec")] == "500"
    assert got[("2026", "savings", "stat")] == "500"
    assert got[("total", "public_net", "")] == "0"
    assert got[("2026", "public_cumulative", "")] == "0"
    assert ("total", "public_cumulative", "") not in got
    assert got[("", "npv", "municipal")] == "-546.31"
    assert got[("", "break_even", "municipal")] == "" and got[("", "break_even", "public")] == "2026"
    assert got[("", "backing", "dec")] == "1.5" and got[("", "shortfall", "dec")] == "0"
    assert got[("", "discount", "finance-ministry")] == ""


def test_worked_example_markdown():
    out = invoke("savings", WORKED, "--format", "markdown").stdout
    assert out.startswith("### Worked example (budget 2024)\n")
    assert "| **Offentlig netto** |  | **-1.000,00** | **-400,00** | **1.400,00** | **0,00** |" in out
    assert "- Break-even: kommunalt ingen, offentligt 2026" in out


def test_a_flat_discount_and_the_unit():
    data = savings_json(WORKED, "--discount", "4%", "--unit", "t.kr.")
    assert data["discount"] == D("0.04") and data["unit"] == "t.kr."
    assert data["npv"]["municipal"] == D("-0.55251")
    assert savings_json(WORKED, "--discount", "0.04")["npv"] == data["npv"] | {
        "municipal": D("-552.51"),
        "public": savings_json(WORKED, "--discount", "4 %")["npv"]["public"],
    }
    assert "diskonteringsrente 4 %" in invoke("savings", WORKED, "--discount", "4%", env=WIDE).stdout


def test_realisation_option_overrides_the_file_and_0_and_200_percent():
    assert savings_json(PRICES)["realisation"] == D("0.5")  # the file's
    none = savings_json(WORKED, "--realisation", "0%")
    assert none["total"]["savings"] == 0 and none["wrong_pocket_share"] is None
    assert none["sources"]["dec"]["shortfall"] == 1000
    double = savings_json(WORKED, "--realisation", "2")
    assert double["total"]["savings"] == 4000 and double["break_even"] == {"municipal": 2026, "public": 2026}


def test_prices_converts_then_realises():
    data = savings_json(PRICES, "--prices", "2025")
    assert data["price_level"] == 2025
    assert data["years"][1]["sources"]["dep"]["savings"] == D("5.16")
    assert savings_json(PRICES)["years"][1]["sources"]["dep"]["savings"] == D("5")


def test_sensitivity_json_keeps_the_order_given():
    data = savings_json(WORKED, "--realisation", "100%,25%,0.75")
    assert list(data) == ["scenario", "budget_year", "unit", "price_level", "sensitivity"]
    assert [s["realisation"] for s in data["sensitivity"]] == [1, D("0.25"), D("0.75")]
    assert data["sensitivity"][0] == {k: v for k, v in savings_json(WORKED).items() if k in data["sensitivity"][0]}


def test_sensitivity_table_has_a_row_per_realisation():
    out = invoke("savings", WORKED, "--realisation", "100%,75%,0%", env=WIDE).stdout
    lines = [line for line in out.splitlines() if line.startswith("│")]
    assert [line.split("│")[1].strip() for line in lines] == ["100 %", "75 %", "0 %"]
    assert "Decentralt budget: 1.000,00" in lines[2] and "-546,31" in lines[0]
    md = invoke("savings", WORKED, "--realisation", "100%,50%", "--format", "markdown").stdout
    assert (
        "| 50 % | 1.000,00 | -1.250,00 | -1.000,00 | -1.256,25 | -1.022,87 | ingen | Decentralt budget: 250,00 |" in md
    )
    rows = list(csv.DictReader(io.StringIO(invoke("savings", WORKED, "--realisation", "1,0.5", "-f", "csv").stdout)))
    assert {r["realisation"] for r in rows} == {"1", "0.5"}


def test_a_decimal_comma_in_one_percentage_is_one_realisation():
    assert savings_json(WORKED, "--realisation", "42,5%")["realisation"] == D("0.425")


def test_names_are_data_not_markup():
    out = invoke("savings", PRICES, env=WIDE).stdout
    assert "Region [syd]" in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--realisation", "250%"], "realisation must be from 0 to 200 %, not 250%"),
        (["--realisation", "-5%"], "realisation must be from 0 to 200 %, not -5%"),
        (["--realisation", "3"], 'realisation 3 is read as a fraction (300 %); a percentage is written "3%"'),
        (
            ["--realisation", "lots"],
            "realisation is a percentage such as \"75%\" or a fraction such as 0.75, not 'lots'",
        ),
        (["--realisation", "100%,,50%"], "realisation is a percentage"),
        (["--discount", "150%"], "a discount rate is a percentage from 0 to 100 %"),
        (["--discount", "4"], "not '4'"),
        (["--discount", "abc"], "not 'abc'"),
        (["--unit", "mia"], "unknown unit 'mia'"),
        (["--decimals", "13"], "Invalid value for '--decimals'"),
        (["--prices", "1800"], "Invalid value for '--prices'"),
        (["--format", "tsv"], "Invalid value for '--format'"),
    ],
)
def test_every_bad_option_value_is_a_usage_error(args, said):
    result = invoke("savings", WORKED, *args)
    assert result.code == 2
    assert said in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    if args[0] in ("--realisation", "--discount"):
        assert f"Invalid value for '{args[0]}'" in result.stderr


def test_an_invalid_file_exits_1_with_diagnostics(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "scenario: x\nbudget_year: 2024\nsources: {a: {name: A}}\n"
        "projects:\n  p: {name: P, costs: {2024: 1}, savings: {b: {2024: 1}}}\n",
        encoding="utf-8",
    )
    result = invoke("savings", str(bad))
    assert result.code == 1 and result.stdout == ""
    assert re.search(r"bad\.yaml:5:\d+: error\[", result.stderr)


def test_a_missing_file_is_a_usage_error():
    result = invoke("savings", "no-such-file.yaml")
    assert result.code == 2 and "Traceback" not in result.stderr


def test_a_scenario_without_savings_says_so_unless_quiet():
    base = str(FIXTURES / "base.yaml")
    result = invoke("savings", base, "--format", "json")
    assert result.code == 0 and "states no savings" in result.stderr
    assert json.loads(result.stdout)["total"]["savings"] == 0
    assert invoke("savings", base, "-q", "--format", "json").stderr == ""


def test_standard_input():
    text = Path(WORKED).read_bytes()
    assert (
        invoke("savings", "-", "--format", "json", input=text).stdout == invoke("savings", WORKED, "-f", "json").stdout
    )


# --- the shipped scenarios --------------------------------------------------------------------------------------------


def test_the_seed_savings_fit_the_note():
    data = savings_json(SEED)
    total = data["total"]
    assert total["cost"] == D("10.35") and total["savings"] == D("10.35")
    assert total["outside_savings"] == 2  # the residual: savings the municipality cannot harvest
    assert total["municipal_net"] == -2 and total["public_net"] == 0
    assert data["sources"]["sfb"]["shortfall"] == 0 and data["sources"]["ikke_decentral"]["shortfall"] == 0
    assert data["sources"]["outcomefonden"]["backing"] is None  # a fund is repaid by contract


def test_the_seed_gap_is_the_same_with_and_without_its_savings():
    """The savings, and the state and region sources that only receive them, change nothing in `gap`: the
    README's table still holds (test_cli.py holds it byte for byte)."""
    text = Path(SEED).read_text(encoding="utf-8")
    bare = re.sub(r"\n    savings:.*?(?=\n  [a-z]|\n\n)", "", text, flags=re.S)
    bare = re.sub(r"\n  (staten|regionen):\n(    .*\n)+", "\n", bare)
    assert "savings" not in bare.split("projects:")[1] and "staten" not in bare
    for fmt in ("table", "csv", "markdown"):
        assert (
            invoke("gap", "-", "-f", fmt, input=bare, env=WIDE).stdout
            == invoke("gap", SEED, "-f", fmt, env=WIDE).stdout
        )
    with_savings = json.loads(invoke("gap", SEED, "-f", "json").stdout)
    without = json.loads(invoke("gap", "-", "-f", "json", input=bare).stdout)
    assert {k: v for k, v in with_savings.items() if k != "sources"} == {
        k: v for k, v in without.items() if k != "sources"
    }
    table = invoke("gap", SEED, env=WIDE).stdout
    assert "Staten" not in table and "Region Midtjylland" not in table
    assert invoke("gap", SEED).stderr == ""


def test_the_outcome_cap_example_binds_and_its_savings_are_realised_at_75_percent():
    path = str(ROOT / "scenarios" / "outcome-cap.yaml")
    gap = json.loads(invoke("gap", path, "-f", "json").stdout, parse_float=Decimal, parse_int=Decimal)
    assert [y["financing"]["fonden"] for y in gap["years"]] == [D("0.6"), D("0.75"), D("0.15")]  # 0.65 due
    assert gap["outcome_lines"][0]["capped_by"] == D("0.5")
    data = savings_json(path)
    assert data["realisation"] == D("0.75")
    assert data["total"]["municipal_cost"] == D("1.9")  # 3.4 less the foundation's 1.5 (external)
    assert data["sources"]["fonden"] == {"kind": "external", "backing": None, "shortfall": None}
    assert data["sources"]["sfb"]["shortfall"] == D("0.27")
    assert data["break_even"] == {"municipal": 2026, "public": 2028}


def test_help_names_every_option_by_its_value():
    out = invoke("savings", "--help", env=WIDE).stdout
    assert "Usage: effektinvest savings [OPTIONS] SCENARIO" in out
    for shown in ("R[,R...]", "RATE", "[table|json|csv|markdown|csv-da|xlsx]", "YEAR", " N "):
        assert shown in out
    for python_ish in ("<bool>", "<str>", "<int", "{SCENARIO}", "Value error"):
        assert python_ish not in out
