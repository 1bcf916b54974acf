"""The values of format 1.2's keys (savings, realisation, state and region sources, outcome lines): what they read
as, and every value written wrong with its exit code, code, line and column, through `load_bytes` and the command
line (model/values.py, model/numbers.py). What the checks make of them is in checks/."""

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import KINDS_HEAD, ROOT, diagnostics_of, found_in, invoke, messages_of, savings_json, savings_out
from effektinvest.edges.load import load_bytes
from effektinvest.model import SourceKind

BAD_INDEX = str(ROOT / "tests" / "fixtures" / "portfolio" / "bad_index.yaml")
SEED = str(ROOT / "scenarios" / "2024.yaml")
WORKED = str(ROOT / "tests" / "fixtures" / "savings" / "worked.yaml")


def test_the_new_keys_read_as_the_model_says():
    text = KINDS_HEAD.replace("unit: kr.", 'unit: kr.\nrealisation: "75%"') + (
        "    financing:\n"
        "      - {source: fond, tariff: 20.5, outcomes: {2024: 4, 2025: 0}, cap: 50}\n"
        "      - {source: dec, share: 0.1}\n"
        "  b:\n    name: B\n    costs: {2024: 1}\n    savings: {dec: {2024: -12.5, 2030: 1000000, 2031: -0}}\n"
    )
    loaded = load_bytes(text.encode(), "t.yaml")
    assert found_in(text, False) == []
    s = loaded.scenario
    assert s.realisation == Decimal("0.75")
    assert s.sources["stat"].kind is SourceKind.STATE and s.sources["reg"].kind is SourceKind.REGION
    line = s.projects["a"].financing[0]
    assert (line.tariff, line.outcomes, line.cap) == (Decimal("20.5"), {2024: 4, 2025: 0}, Decimal(50))
    assert all(type(count) is int for count in line.outcomes.values())
    assert s.projects["b"].savings == {"dec": {2024: Decimal("-12.5"), 2030: Decimal(1000000), 2031: Decimal(0)}}
    assert str(s.projects["b"].savings["dec"][2031]) == "0"  # -0 is 0


@pytest.mark.parametrize(
    ("written", "fraction"),
    [
        ('"75%"', "0.75"),
        ("0.75", "0.75"),
        ("1.5", "1.5"),
        ("1", "1"),
        ('"200 %"', "2"),
        ("0", "0"),
        ('"42,5%"', "0.425"),
    ],
)
def test_a_realisation_is_a_percentage_or_a_fraction_up_to_200_percent(written, fraction):
    text = KINDS_HEAD.replace("unit: kr.", f"unit: kr.\nrealisation: {written}")
    loaded = load_bytes(text.encode(), "t.yaml")
    assert found_in(text, False) == []
    assert loaded.scenario.realisation == Decimal(fraction)


@pytest.mark.parametrize(
    ("written", "code", "message"),
    [
        ("75", "realisation-range", 'realisation 75 is read as a fraction (7500 %); a percentage is written "75%"'),
        ("2.01", "realisation-range", "realisation 2.01 is read as a fraction (201 %)"),
        ('"201%"', "realisation-range", "a realisation must be from 0 to 200 %, not 201%"),
        ("-0.1", "realisation-range", "a realisation must be from 0 to 200 %, not -0.1"),
        ("meget", "not-a-share", 'a realisation is a percentage such as "75%" or a fraction such as 0.75'),
        ("", "not-a-share", "not an empty value"),
    ],
)
def test_a_realisation_outside_0_to_200_percent_is_an_error_at_its_line(written, code, message):
    text = KINDS_HEAD.replace("unit: kr.", f"unit: kr.\nrealisation: {written}")
    found = diagnostics_of(text)
    assert found == [("error", code, 4, 14 if written else 13)]
    assert message in messages_of(text)[0]
    result = invoke("check", "-", input=text)
    assert result.returncode == 1
    assert f"<stdin>:4:{14 if written else 13}: error[{code}]" in result.stderr


def test_outcome_counts_must_be_whole_numbers_of_0_or_more_at_the_years_value():
    text = KINDS_HEAD + (
        "    financing:\n"
        "      - source: fond\n"
        "        tariff: 10\n"
        "        outcomes:\n"
        "          2024: 2.5\n"
        "          2025: -1\n"
        "      - {source: fond, tariff: 10, outcomes: {2024: 40.0, 2025: 2.000}}\n"
        '      - {source: fond, tariff: 10, outcomes: {2024: "3", 2025: }}\n'
    )
    assert diagnostics_of(text) == [
        ("error", "invalid-count", 18, 17),
        ("error", "invalid-count", 19, 17),
        ("error", "invalid-count", 20, 53),
        ("error", "invalid-count", 20, 65),
        ("error", "not-a-number", 21, 53),
        ("error", "missing-amount", 21, 58),  # an empty value: at its year
    ]
    said = messages_of(text)
    assert said[0] == "an outcome count is a whole number of 0 or more, not 2.5"
    assert said[1] == "an outcome count is a whole number of 0 or more, not -1"
    thousands = "not 2.000 (if you mean Danish thousands, write 2000)"
    assert said[3] == f"an outcome count is a whole number of 0 or more, {thousands}"
    assert said[4] == "an outcome count is a number, not text: write 3 without quotes"
    assert invoke("gap", "-", input=text).returncode == 1


def test_outcomes_empty_is_an_error_as_amount_empty_is():
    text = KINDS_HEAD + "    financing:\n      - {source: fond, tariff: 10, outcomes: {}}\n"
    assert diagnostics_of(text) == [("error", "missing-amount", 15, 46)]


def test_savings_are_amounts_that_may_be_negative_with_every_lexical_rule():
    text = KINDS_HEAD.replace("    savings: {stat: {2025: 1}, reg: {2025: 1}}\n", "") + (
        "    savings:\n"
        "      dec:\n"
        "        2024: 10,5\n"
        "        2025: -1.500\n"
        "        2026: 1e3\n"
        "        2027: -0.005\n"
        "        1800: 1\n"
        "        2028:\n"
        "        2029: 1234567890123456789012345678901\n"
        "      stat: {2024: 1}\n"
        "      reg: {2024: 1}\n"
    )
    assert diagnostics_of(text) == [
        ("error", "decimal-comma", 15, 15),
        ("error", "ambiguous-thousands", 16, 15),
        ("error", "exponent", 17, 15),
        ("error", "too-precise", 18, 15),
        ("error", "invalid-year", 19, 9),
        ("error", "missing-amount", 20, 9),
        ("error", "too-many-digits", 21, 15),
    ]


# --- a realisation and a share written some other way, through `savings` ----------------------------------------------


@pytest.mark.parametrize("written", ["-0", '"-0%"'])
def test_minus_zero_realisation_in_a_file_is_zero(tmp_path, written):
    path = tmp_path / "z.yaml"
    path.write_text(Path(WORKED).read_text(encoding="utf-8") + f"realisation: {written}\n", "utf-8")
    assert "realisering 0 %" in savings_out(str(path))
    assert str(savings_json(str(path))["realisation"]) == "0"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ('"0.75"', "error[not-a-number]: a realisation is a number, not text: write 0.75 without quotes"),
        ("0,75", "error[decimal-comma]: '0,75' has a decimal comma: write 0.75"),
        ("1" * 31, "error[too-many-digits]: a realisation has at most 30 digits"),
        (f'"{"1" * 31}%"', "error[too-many-digits]: a realisation has at most 30 digits"),
        ('"75"', 'realisation 75 is read as a fraction (7500 %); a percentage is written "75%"'),
        ("abc", "a realisation is a percentage such as \"75%\" or a fraction such as 0.75, not 'abc'"),
    ],
)
def test_a_realisation_in_a_file_written_some_other_way_is_said(tmp_path, written, said):
    path = tmp_path / "r.yaml"
    path.write_text(Path(WORKED).read_text(encoding="utf-8") + f"realisation: {written}\n", "utf-8")
    result = invoke("savings", str(path))
    assert result.code == 1
    assert said in result.stderr


def test_share_messages_are_unchanged(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(Path(WORKED).read_text(encoding="utf-8").replace("share: 50%", "share: " + "1" * 31), "utf-8")
    assert "a share has at most 30 digits" in invoke("savings", str(path)).stderr


# --- the price index and its years ------------------------------------------------------------------------------------


def test_bad_index_and_year_values_name_their_lines():
    result = invoke("check", BAD_INDEX)
    assert result.returncode == 1
    found = [(ln.split(":")[1], ln.split("[")[1].split("]")[0]) for ln in result.stderr.splitlines()[:-1]]
    assert found == [("6", "invalid-index"), ("7", "invalid-index"), ("8", "invalid-index"), ("11", "invalid-year")]


def test_a_price_index_year_written_wrong_is_named_at_its_key():
    text = "price_index: {2024: 100, 1800: 101, abc: 102}\n"
    base = (ROOT / "tests" / "fixtures" / "base.yaml").read_text(encoding="utf-8")
    scenario = base.replace("budget_year: 2024\n", "budget_year: 2024\n" + text)
    found = [(d.code, d.line, d.column, d.message) for d in load_bytes(scenario.encode(), "p.yaml").errors]
    line = scenario.splitlines().index(text.rstrip()) + 1
    assert found == [
        ("invalid-year", line, 26, "a year is a whole number from 1900 to 2200, not '1800'"),
        ("invalid-year", line, 37, "a year is a whole number from 1900 to 2200, not 'abc'"),
    ]


# --- a house style's decimals -----------------------------------------------------------------------------------------


def test_an_empty_name_is_an_error_at_the_name():
    text = 'scenario: T\nbudget_year: 2024\nsources:\n  f: {name: ""}\nprojects:\n  a: {name: "", costs: {2024: 1}}\n'
    found = [(d.code, d.line, d.column, d.message) for d in load_bytes(text.encode(), "t.yaml").errors]
    assert found == [
        ("wrong-type", 4, 13, "'name': a name cannot be empty"),
        ("wrong-type", 6, 13, "'name': a name cannot be empty"),
    ]


def test_decimals_in_a_scenario_must_be_a_whole_number_of_places(tmp_path):
    text = Path(SEED).read_text(encoding="utf-8").replace("price_level: 2024", "price_level: 2024\ndecimals: -1")
    [d] = load_bytes(text.encode(), "d.yaml").errors
    assert (d.code, d.message) == ("invalid-value", "decimals is a whole number of decimals from 0 to 12, not -1")
