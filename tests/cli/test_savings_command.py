"""`effektinvest savings`'s options and arguments: --realisation (one or a list; -0 is 0, a decimal comma is told),
--discount, --unit, --prices, standard input, a file without savings, and every bad option value (exit 2, said
plainly). The report in each format is in reports/savings/."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, invoke, savings_json, savings_out

FIXTURES = ROOT / "tests" / "fixtures"
WORKED = str(FIXTURES / "savings" / "worked.yaml")
PRICES = str(FIXTURES / "savings" / "prices.yaml")
SEED = str(ROOT / "scenarios" / "2024.yaml")
WIDE = {"COLUMNS": "250"}
D = Decimal


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


def test_a_decimal_comma_in_one_percentage_is_one_realisation():
    assert savings_json(WORKED, "--realisation", "42,5%")["realisation"] == D("0.425")


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


def test_help_names_every_option_by_its_value():
    out = invoke("savings", "--help", env=WIDE).stdout
    assert "Usage: effektinvest savings [OPTIONS] SCENARIO" in out
    for shown in ("R[,R...]", "RATE", "[table|json|csv|markdown|csv-da|xlsx]", "YEAR", " N "):
        assert shown in out
    for python_ish in ("<bool>", "<str>", "<int", "{SCENARIO}", "Value error"):
        assert python_ish not in out


@pytest.mark.parametrize("written", ["--realisation=-0", "--realisation=-0%", "--realisation=-0.0"])
def test_minus_zero_realisation_is_zero(written):
    data = savings_json(WORKED, written, "--discount=-0")
    assert not data["realisation"].is_signed() and data["realisation"] == 0
    assert not data["discount"].is_signed()
    assert "realisering 0 %" in savings_out(WORKED, written)


LIST = "(commas separate the realisations of a list, such as 100%,75%)"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("0,75", f"0,75 has a decimal comma: write 0.75 {LIST}"),
        ("42,5%,50%", f"42,5%,50% has a decimal comma: write 42.5%,50% {LIST}"),
        ("0,5,0,75", f"0,5,0,75 has a decimal comma: write 0.5,0.75 {LIST}"),
        ("1,0.75,3", 'realisation 3 is read as a fraction (300 %); a percentage is written "3%"'),
    ],
)  # fmt: skip
def test_a_decimal_comma_on_the_command_line_is_said(written, said):
    result = invoke("savings", WORKED, f"--realisation={written}", env=WIDE)
    assert result.code == 2
    assert said in " ".join(result.stderr.replace("│", " ").split())


# --- issue 20: a decimal comma that may be a list's, a bounded list, a bare discount, numbers written wrong ----------


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("1,5%", "1,5% is ambiguous: two realisations (100% and 5%) or one with a decimal comma (1.5%)? write "
         "100%,5% for the list, or 1.5%"),
        ("1,2", "1,2 is ambiguous: two realisations (100% and 200%) or one with a decimal comma (1.2)? write "
         "100%,200% for the list, or 1.2"),
        ("1,5%,50%", "1,5%,50% is ambiguous: 1,5% is two realisations (100% and 5%) or one with a decimal comma "
         "(1.5%)? write 100%,5%,50% for the list, or 1.5%,50%"),
    ],
)  # fmt: skip
def test_a_comma_that_may_be_a_decimal_comma_in_a_list_is_refused_with_both_readings(written, said):
    result = invoke("savings", WORKED, f"--realisation={written}", env=WIDE)
    assert result.code == 2 and result.stdout == ""
    assert said in " ".join(result.stderr.replace("│", " ").split())


@pytest.mark.parametrize(
    ("written", "realisations"),
    [("42,5%", ["0.425"]), ("100%,5%", ["1", "0.05"]), ("1,0.75", ["1", "0.75"]), ("2,1", ["2", "1"])],
)
def test_a_list_with_one_reading_is_read_that_way(written, realisations):
    data = savings_json(WORKED, f"--realisation={written}")
    found = [row["realisation"] for row in data["sensitivity"]] if "sensitivity" in data else [data["realisation"]]
    assert found == [D(r) for r in realisations]


def test_the_realisation_list_is_bounded():
    from effektinvest.cli.options import MAX_REALISATIONS

    assert MAX_REALISATIONS == 201  # every whole percentage from 0 to 200 %, as docs/cli.md says
    every = ",".join(f"{p}%" for p in range(201))
    assert len(savings_json(WORKED, f"--realisation={every}")["sensitivity"]) == 201
    result = invoke("savings", WORKED, "--realisation=" + ",".join(["50%"] * 20_000), env=WIDE)
    assert result.code == 2 and result.stdout == ""
    assert "at most 201 realisations (every whole percentage from 0 to 200 %), not 20,000" in " ".join(
        result.stderr.replace("│", " ").split()
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("1", 'not \'1\': a bare number is a fraction below 1; for 1 % write "1%"'),
        ("4", 'not \'4\': a bare number is a fraction below 1; for 4 % write "4%"'),
        ("0x1", "'0x1' is not a plain decimal number (hex, octal or binary)"),
        ("4e-2", "'4e-2' has an exponent; numbers are plain decimals: write 0.04"),
        (".nan", "a discount rate must be a finite number, not '.nan'"),
    ],
)
def test_a_bare_discount_of_1_or_more_and_one_written_as_no_number_are_usage_errors(written, said):
    result = invoke("savings", WORKED, f"--discount={written}", env=WIDE)
    assert result.code == 2 and result.stdout == ""
    assert said in " ".join(result.stderr.replace("│", " ").split())


def test_a_discount_with_more_digits_than_an_amount_may_have_is_told_so_and_never_said_back_whole():
    """A rate within range but of 31 digits is told its digits, not its range; 30,000 digits are cut in the
    message (at most 40 characters of the value)."""
    result = invoke("savings", WORKED, "--discount=0." + "5" * 31, env=WIDE)
    assert result.code == 2 and result.stdout == ""
    assert "a discount rate has at most 30 digits, not 0." + "5" * 31 in " ".join(result.stderr.split())
    result = invoke("savings", WORKED, "--discount=0." + "5" * 30_000, env=WIDE)
    assert result.code == 2 and result.stdout == "" and len(result.stderr) < 1_000
    assert "at most 30 digits, not 0." + "5" * 37 + "…" in " ".join(result.stderr.replace("│", " ").split())


def test_a_discount_of_100_percent_is_written_as_a_percentage():
    assert savings_json(WORKED, "--discount", "100%")["discount"] == 1
    assert savings_json(WORKED, "--discount", "0.99")["discount"] == D("0.99")


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("0x1", "'0x1' is not a plain decimal number (hex, octal or binary)"),
        ("0_5", "'0_5' has underscores: write 5"),
        ("1e0", "'1e0' has an exponent; numbers are plain decimals: write 1"),
        (".nan", "a realisation must be a finite number, not '.nan'"),
        ("2.0001", "realisation 2.0001 is read as a fraction (200.01 %), above 200 %"),
    ],
)
def test_a_realisation_option_written_as_no_number_is_told_as_an_amount_is(written, said):
    result = invoke("savings", WORKED, f"--realisation={written}", env=WIDE)
    assert result.code == 2
    assert said in " ".join(result.stderr.replace("│", " ").split())
