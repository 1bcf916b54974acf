"""Format 1.2's keys (savings, realisation, state and region sources, outcome lines): what they read as, and
every bad input with its exit code, code, line and column, through `load_bytes` and the command line."""

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, invoke, savings_json, savings_out
from effektinvest.edges.load import load_bytes
from effektinvest.edges.starter import starter_text
from effektinvest.model import SourceKind

HEAD = """scenario: T
budget_year: 2024
unit: kr.
sources:
  fond: {name: Fond, kind: fund}
  dec: {name: Decentral, kind: decentral}
  stat: {name: Staten, kind: state}
  reg: {name: Regionen, kind: region}
projects:
  a:
    name: A
    costs: {2024: 1000, 2025: 1500}
    savings: {stat: {2025: 1}, reg: {2025: 1}}
"""
# HEAD is line 1 to 13; what a case adds starts at line 14
WORKED = str(ROOT / "tests" / "fixtures" / "savings" / "worked.yaml")


def _found(text: str, unused: bool):
    found = load_bytes(text.encode(), "t.yaml").diagnostics
    return [d for d in found if unused or d.code != "unused-source"]  # HEAD's fond and dec pay in few cases


def diagnostics(text: str, unused: bool = False) -> list[tuple[str, str, int, int]]:
    return [(d.severity.value, d.code, d.line, d.column) for d in _found(text, unused)]


def messages(text: str) -> list[str]:
    return [d.message for d in _found(text, False)]


def test_the_new_keys_read_as_the_model_says():
    text = HEAD.replace("unit: kr.", 'unit: kr.\nrealisation: "75%"') + (
        "    financing:\n"
        "      - {source: fond, tariff: 20.5, outcomes: {2024: 4, 2025: 0}, cap: 50}\n"
        "      - {source: dec, share: 0.1}\n"
        "  b:\n    name: B\n    costs: {2024: 1}\n    savings: {dec: {2024: -12.5, 2030: 1000000, 2031: -0}}\n"
    )
    loaded = load_bytes(text.encode(), "t.yaml")
    assert _found(text, False) == []
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
    text = HEAD.replace("unit: kr.", f"unit: kr.\nrealisation: {written}")
    loaded = load_bytes(text.encode(), "t.yaml")
    assert _found(text, False) == []
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
    text = HEAD.replace("unit: kr.", f"unit: kr.\nrealisation: {written}")
    found = diagnostics(text)
    assert found == [("error", code, 4, 14 if written else 13)]
    assert message in messages(text)[0]
    result = invoke("check", "-", input=text)
    assert result.returncode == 1
    assert f"<stdin>:4:{14 if written else 13}: error[{code}]" in result.stderr


def test_outcome_counts_must_be_whole_numbers_of_0_or_more_at_the_years_value():
    text = HEAD + (
        "    financing:\n"
        "      - source: fond\n"
        "        tariff: 10\n"
        "        outcomes:\n"
        "          2024: 2.5\n"
        "          2025: -1\n"
        "      - {source: fond, tariff: 10, outcomes: {2024: 40.0, 2025: 1.500}}\n"
        '      - {source: fond, tariff: 10, outcomes: {2024: "3", 2025: }}\n'
    )
    assert diagnostics(text) == [
        ("error", "invalid-count", 18, 17),
        ("error", "invalid-count", 19, 17),
        ("error", "invalid-count", 20, 53),
        ("error", "invalid-count", 20, 65),
        ("error", "not-a-number", 21, 53),
        ("error", "missing-amount", 21, 58),  # an empty value: at its year
    ]
    said = messages(text)
    assert said[0] == "an outcome count is a whole number of 0 or more, not 2.5"
    assert said[1] == "an outcome count is a whole number of 0 or more, not -1"
    assert said[3] == "an outcome count is a whole number of 0 or more, not 1.500 (for fifteen hundred, write 1500)"
    assert said[4] == "an outcome count is a number, not text: write 3 without quotes"
    assert invoke("gap", "-", input=text).returncode == 1


def test_outcomes_empty_is_an_error_as_amount_empty_is():
    text = HEAD + "    financing:\n      - {source: fond, tariff: 10, outcomes: {}}\n"
    assert diagnostics(text) == [("error", "missing-amount", 15, 46)]


def test_savings_are_amounts_that_may_be_negative_with_every_lexical_rule():
    text = HEAD.replace("    savings: {stat: {2025: 1}, reg: {2025: 1}}\n", "") + (
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
    assert diagnostics(text) == [
        ("error", "decimal-comma", 15, 15),
        ("error", "ambiguous-thousands", 16, 15),
        ("error", "exponent", 17, 15),
        ("error", "too-precise", 18, 15),
        ("error", "invalid-year", 19, 9),
        ("error", "missing-amount", 20, 9),
        ("error", "too-many-digits", 21, 15),
    ]


def test_a_savings_key_naming_an_undefined_source_suggests_the_nearest_id():
    text = HEAD.replace("savings: {stat: {2025: 1}, reg: {2025: 1}}", "savings: {stta: {2025: 1}, reg: {2025: 1}}")
    text = text.replace("  stat: {name: Staten, kind: state}\n", "  stat: {name: Staten, kind: state}\n  # x\n")
    assert diagnostics(text, unused=True)[-2:] == [
        ("warning", "unused-source", 7, 3),
        ("error", "unknown-source", 14, 15),
    ]
    assert messages(text)[0] == (
        "the savings of project 'a' name source 'stta', which is not defined under 'sources'; did you mean 'stat'?"
    )
    result = invoke("check", "-", input=text)
    assert result.returncode == 1
    assert "<stdin>:14:15: error[unknown-source]" in result.stderr


@pytest.mark.parametrize(
    ("sid", "where", "refund"), [("stat", "state", "a state refund"), ("reg", "region", "a refund from the region")]
)
def test_a_financing_line_on_a_state_or_region_source_is_unharvestable(sid, where, refund):
    text = HEAD + f"    financing:\n      - {{source: dec, share: 0.1}}\n      - {{source: {sid}, amount: 100}}\n"
    assert diagnostics(text) == [("error", "unharvestable-source", 16, 18)]
    assert messages(text) == [
        f"source {sid!r} is of kind {where}: savings in the {where} cannot be harvested by the municipality; "
        f"{refund} is kind `refund`"
    ]
    pooled = HEAD + f"financing:\n  - source: {sid}\n    share: 0.5\n"
    assert diagnostics(pooled) == [("error", "unharvestable-source", 15, 13)]
    assert invoke("gap", "-", input=pooled).returncode == 1


def test_the_state_refund_message_is_the_contracts():
    text = HEAD + "    financing:\n      - {source: stat, share: 0.1}\n"
    assert (
        "savings in the state cannot be harvested by the municipality; a state refund is kind `refund`"
        in (messages(text)[0])
    )


@pytest.mark.parametrize(
    ("line", "expected", "message"),
    [
        ("{source: fond}", [("amount-or-share", 15, 9)], "this one has none"),
        (
            "{source: fond, amount: 5, share: 0.1}",
            [("amount-or-share", 15, 9)],
            "a financing line has exactly one kind: 'amount', 'share', or 'tariff' with 'outcomes'; this one has "
            "'amount' and 'share'",
        ),
        (
            "{source: fond, amount: 5, tariff: 1, outcomes: {2024: 1}}",
            [("amount-or-share", 15, 9)],
            "this one has 'amount' and 'tariff'",
        ),
        (
            "{source: fond, amount: 5, share: 0.1, tariff: 1, outcomes: {2024: 1}}",
            [("amount-or-share", 15, 9)],
            "this one has 'amount', 'share' and 'tariff'",
        ),
        (
            "{source: fond, tariff: 1}",
            [("amount-or-share", 15, 24)],
            "an outcome line has 'outcomes' with its 'tariff': a mapping year -> expected count",
        ),
        (
            "{source: fond, outcomes: {2024: 1}, cap: 5}",
            [("amount-or-share", 15, 24), ("amount-or-share", 15, 45)],
            "'outcomes' is for an outcome line: give its 'tariff' too, or leave 'outcomes' out",
        ),
        (
            "{source: fond, share: 0.1, cap: 5}",
            [("amount-or-share", 15, 36)],
            "'cap' is for an outcome line, and this line has 'share': leave 'cap' out",
        ),
    ],
)
def test_exactly_one_kind_per_line(line, expected, message):
    text = HEAD + f"    financing:\n      - {line}\n"
    assert [(code, ln, col) for _, code, ln, col in diagnostics(text)] == expected
    assert message in messages(text)[0]
    assert invoke("check", "-", input=text).returncode == 1


def test_outcome_counts_in_a_year_without_cost_are_amount_without_cost_at_the_year():
    text = HEAD + "    financing:\n      - source: fond\n        tariff: 10\n        outcomes: {2024: 1, 2026: 0}\n"
    assert diagnostics(text) == [("error", "amount-without-cost", 17, 29)]
    assert messages(text) == [
        "financing line 1 of project 'a' has outcome counts in 2026, but the projects it covers have no cost in that "
        "year"
    ]
    pooled = HEAD + (
        "  b: {name: B, status: stop, costs: {2026: 5}}\nfinancing:\n"
        "  - {source: fond, tariff: 1, outcomes: {2026: 3}, projects: [a]}\n"
    )
    assert ("error", "amount-without-cost", 16, 42) in diagnostics(pooled)


def test_tariff_cap_and_savings_finer_than_an_ore_are_too_precise():
    text = HEAD.replace("{stat: {2025: 1}, reg: {2025: 1}}", "{stat: {2025: 0.001}, reg: {2025: -0.125}}") + (
        "    financing:\n      - {source: fond, tariff: 0.015, outcomes: {2024: 1}, cap: 10.0001}\n"
    )
    assert diagnostics(text) == [
        ("error", "too-precise", 13, 28),
        ("error", "too-precise", 13, 48),
        ("error", "too-precise", 15, 32),
        ("error", "too-precise", 15, 65),
    ]
    tkr = text.replace("unit: kr.", "unit: t.kr.")  # one øre is 0.00001 t.kr.: each of them is whole øre there
    assert diagnostics(tkr) == []


def test_a_deferred_or_stopped_project_with_savings_is_an_inactive_line_at_its_savings_key():
    text = HEAD + "  b:\n    name: B\n    status: stop\n    savings: {dec: {2024: 5}, nope: {2024: 1}}\n"
    assert diagnostics(text) == [("warning", "inactive-line", 17, 5), ("error", "unknown-source", 17, 31)]
    assert messages(text)[0] == (
        "project 'b' has status stop: its savings count nowhere (remove them, or continue the project)"
    )
    good = text.replace(", nope: {2024: 1}", "")
    result = invoke("check", "-", "--strict", input=good)
    assert result.returncode == 1
    assert "<stdin>:17:5: warning[inactive-line]" in result.stderr
    assert invoke("check", "-", input=good).returncode == 0


def test_a_source_only_named_by_savings_is_used_and_one_named_by_nothing_is_not():
    text = HEAD + "    financing:\n      - {source: dec, share: 0.1}\n"
    assert diagnostics(text, unused=True) == [("warning", "unused-source", 5, 3)]  # fond; stat and reg: savings
    deferred = text.replace("  stat: {name", "  x: {name: X, kind: state}\n  stat: {name") + (
        "  b: {name: B, status: defer, decide_at: 2025, savings: {fond: {2025: 1}}}\n"
    )
    assert [(code, line) for _, code, line, _ in diagnostics(deferred, unused=True)] == [
        ("unused-source", 7),  # x, of kind state, neither pays nor receives savings
        ("inactive-line", 17),
    ]


def test_an_outcome_line_pays_and_so_can_make_a_surplus():
    text = HEAD + "    financing:\n      - {source: fond, tariff: 600, outcomes: {2024: 2, 2025: 1}, cap: 1500}\n"
    assert diagnostics(text) == [("warning", "surplus", 15, 9)]


def test_checks_still_run_on_the_valid_parts_of_a_file_with_a_bad_count():
    text = HEAD + (
        "    financing:\n"
        "      - {source: fond, tariff: 10, outcomes: {2024: 2.5}}\n"
        "      - {source: stat, share: 0.1}\n"
        "      - {source: fnod, amount: 5}\n"
    )
    assert [(code, line) for _, code, line, _ in diagnostics(text)] == [
        ("invalid-count", 15),
        ("unharvestable-source", 16),
        ("unknown-source", 17),
    ]


def test_the_starter_shows_the_new_keys_commented_and_uncommented_they_pass_check(tmp_path):
    import re

    text = starter_text("ny.yaml", 2026)
    for key in ("# realisation:", "#   kind: state", "# savings:", "#   tariff:", "#   outcomes:", "#   cap:"):
        assert key in text
    assert load_bytes(text.encode(), "ny.yaml").diagnostics == []
    keys = r"realisation|staten|  name: Staten|  kind: state|savings|  decentral: |  staten: |- source: outcomefonden"
    uncommented = re.sub(rf"(?m)^(\s*)# (?=({keys}|  tariff|  outcomes|  cap))", r"\1", text)
    loaded = load_bytes(uncommented.encode(), "ny.yaml")
    assert loaded.diagnostics == []
    assert loaded.scenario.realisation == Decimal("0.75")
    assert loaded.scenario.financing[-1].cap == Decimal("0.5")
    assert loaded.scenario.projects["projekt_a"].savings["staten"] == {2027: Decimal("0.4"), 2028: Decimal("0.4")}


FIXTURES = {  # tests/fixtures/format12: every diagnostic, in order, as (code, line, column)
    "outcome_cap.yaml": [],
    "bad_counts_and_realisation.yaml": [
        ("realisation-range", 4, 14),
        ("invalid-count", 15, 54),
        ("invalid-count", 15, 65),
    ],
    "bad_realisation_percent.yaml": [("realisation-range", 3, 14)],
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_the_format12_fixtures_through_check(name):
    folder = ROOT / "tests" / "fixtures" / "format12"
    assert sorted(p.name for p in folder.glob("*.yaml")) == sorted(FIXTURES)
    result = invoke("check", folder / name)
    assert result.returncode == (1 if FIXTURES[name] else 0)
    shown = [line.split(": ")[0:2] for line in result.stderr.splitlines()[:-1]]
    expected = [[f"{folder / name}:{line}:{column}", f"error[{code}]"] for code, line, column in FIXTURES[name]]
    assert shown == expected


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
