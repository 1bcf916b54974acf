"""Renderers: Danish number formatting, exact JSON numbers, CSV rows, the table and Markdown."""

import json
from decimal import Decimal
from pathlib import Path

from conftest import ROOT, SEED_CELLS, cells, invoke, write_scenario
from effektinvest.core.display_context import danish, percent
from effektinvest.edges.load import load_bytes, load_path
from effektinvest.formats.json import dumps
from effektinvest.model.units import Unit
from effektinvest.reports import due as due_report
from effektinvest.reports import gap as gap_report
from effektinvest.reports.gap.json import report_data
from effektinvest.reports.gap.view import build, decimals_for


def to_json(report) -> str:
    return gap_report.render("json", report)


def to_csv(report) -> str:
    return gap_report.render("csv", report)


def markdown(report, decimals=None) -> str:
    return gap_report.render("markdown", report, decimals)


SEED = str(ROOT / "scenarios" / "2024.yaml")
WIDE = {"COLUMNS": "200"}  # wider than any table here: nothing wraps
CAP = ROOT / "tests" / "fixtures" / "format12" / "outcome_cap.yaml"


def seed_report(unit=Unit.MIO):
    loaded = load_path(SEED)
    return build(loaded.scenario, loaded.gap, unit)


def test_danish_numbers():
    assert danish(Decimal("1234567.891"), 2) == "1.234.567,89"
    assert danish(Decimal("10.35"), 2) == "10,35"
    assert danish(Decimal("-0.5"), 0) == "-0"  # half to even, sign kept
    assert danish(Decimal("2.5"), 0) == "2"
    assert danish(Decimal("3.5"), 0) == "4"
    assert percent(Decimal("0.8068")) == "80,7 %"


def test_decimals_are_as_many_as_needed():
    report = seed_report()
    assert decimals_for(report, None) == 2
    assert decimals_for(report, 1) == 1
    assert decimals_for(seed_report(Unit.KR), None) == 0


def test_json_numbers_are_exact_decimals():
    text = dumps({"a": Decimal("12345678901234567.89"), "b": [Decimal("0.1"), None, "x"], "c": {}})
    assert json.loads(text, parse_float=Decimal) == {
        "a": Decimal("12345678901234567.89"),
        "b": [Decimal("0.1"), None, "x"],
        "c": {},
    }
    assert "12345678901234567.89" in text


def test_json_is_independent_of_the_terminal_width():
    assert to_json(seed_report()) == to_json(seed_report())
    assert json.loads(to_json(seed_report()))["total"]["coverage"] == 0.8068


def test_json_projects_are_written_as_the_general_encoder_writes_them():
    # to_json writes "projects" by hand, for speed: it must be byte for byte what `dumps` writes
    text = (
        "scenario: T\nbudget_year: 2024\nunit: mio. kr.\nsources: {}\nprojects:\n"
        '  "a\\"b": {name: "Ærø \\\\ \\"x\\" \\t\\u2028", costs: {2025: 1.50, 2024: 12345678.5}}\n'
        "  c: {name: C, status: defer, decide_at: 2025}\n"
        "  d: {name: D, status: stop, costs: {2024: 0.000001}}\n"
    )
    loaded = load_bytes(text.encode(), "t")
    assert loaded.scenario is not None, loaded.diagnostics
    for unit in Unit:
        report = build(loaded.scenario, loaded.gap, unit)
        assert to_json(report) == dumps(report_data(report)) + "\n"
    parsed = json.loads(to_json(build(loaded.scenario, loaded.gap, Unit.KR)), parse_float=Decimal)
    assert parsed["projects"][0] == {
        "id": 'a"b',
        "name": 'Ærø \\ "x" \t\u2028',
        "status": "continue",
        "costs": {"2024": Decimal("12345678500000"), "2025": Decimal("1500000")},
        "funding_ends": None,  # issue 13
    }
    assert parsed["deferred"] == [{"id": "c", "name": "C", "decide_at": 2025}]


def test_csv_rows():
    lines = to_csv(seed_report()).splitlines()
    assert lines[0] == "year,category,id,name,amount"
    assert "total,residual,,,2" in lines
    assert '2024,cost,hjem_job_helhed,"Hjem, Job og Helhed",1.66' in lines
    assert "2025,financing,outcomefonden,Outcomefonden,1.23" in lines


def test_table_in_a_narrow_pipe_does_not_wrap():
    from conftest import invoke

    out = invoke("gap", SEED, env={"COLUMNS": "40"}).stdout
    assert "Sociale Forhold og Beskæftigelse" in out
    assert "\x1b[" not in out


def test_markdown_escapes_pipes():
    loaded = load_bytes(
        b"scenario: T\nbudget_year: 2024\nsources: {}\nprojects: {a: {name: 'A | B', costs: {2024: 1}}}\n", "t"
    )
    out = markdown(build(loaded.scenario, loaded.gap, Unit.KR))
    assert "| A \\| B | 1 | 1 |" in out
    assert "| Havnen | 2,48 | 3,72 | 6,20 |" in markdown(seed_report())


def test_table_coverage_is_rounded_once_from_the_exact_ratio():
    text = (
        b"scenario: T\nbudget_year: 2024\nsources: {f: {name: F}}\n"
        b"projects: {p: {name: P, costs: {2024: 1000000}, financing: [{source: f, amount: 806549}]}}\n"
    )
    loaded = load_bytes(text, "t")
    report = build(loaded.scenario, loaded.gap, Unit.KR)
    assert loaded.gap.total.coverage == Decimal("0.8065")  # JSON: 4 decimals
    assert "80,7 %" in markdown(report)  # 80.6549 %, not 80.65 % rounded again to 80.6 %


def test_markdown_keeps_a_carriage_return_in_a_name_from_splitting_a_row():
    loaded = load_bytes(
        b'scenario: "T\\r| x"\nbudget_year: 2024\nsources: {}\n'
        b'projects: {a: {name: "A\\rB\\r\\nC\\nD", costs: {2024: 1}}, b: {name: "S\\r", status: stop}}\n',
        "t",
    )
    out = markdown(build(loaded.scenario, loaded.gap, Unit.KR))
    assert "| A B C D | 1 | 1 |" in out
    assert out.startswith("### T \\| x (budget 2024)\n")
    assert "- Standset: S \n" in out
    assert "\r" not in out


def test_render_dispatches_each_format_to_its_module_and_refuses_others():
    import pytest

    report = seed_report()
    assert gap_report.render("tsv", report).splitlines()[0] == "year\tcategory\tid\tname\tamount"
    with pytest.raises(ValueError):
        due_report.render("markdown", report)


# --- amounts on screen (docs/cli.md): a number is never cut, labels wrap, --decimals and `decimals:` -------------

NARROW = """\
scenario: Budget 2025 — videreførelse af sociale investeringer i Aarhus Kommune
budget_year: 2025
unit: t.kr.
sources:
  sfb: {name: Sociale Forhold og Beskæftigelse (decentralt budget)}
  fond: {name: Outcomefonden}
projects:
  havnen:
    name: Housing First Havnen, herberg og bostøtte
    costs: {2025: 2480, 2026: 3720.5, 2027: 1234567.25, 2028: 1000}
    financing: [{source: sfb, share: "42,5 %"}]
  hjem: {name: "Hjem, Job og Helhed", costs: {2025: 1660, 2026: 2490, 2027: 12.5, 2028: 77}}
financing:
  - {source: fond, amount: 2050.333}
"""


def _on_a_terminal(path, columns: int, *args: str) -> str:
    from conftest import invoke

    result = invoke("gap", str(path), *args, env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": str(columns)})
    assert result.code == 0, result.stderr
    return result.stdout


def _numbers(text: str) -> list[str]:
    import re

    return re.findall(r"(?<![\w.,])-?[0-9][0-9.]*(?:,[0-9]+)?(?: %)?(?![\w.,])", text)


def _words(text: str) -> set[str]:
    return set(text.replace("│", " ").replace("┃", " ").split())


def test_a_narrow_terminal_never_cuts_a_number_or_a_label(tmp_path):
    path = tmp_path / "narrow.yaml"
    path.write_text(NARROW, encoding="utf-8")
    wide = _on_a_terminal(path, 200)
    for columns in (80, 60):
        narrow = _on_a_terminal(path, columns)
        assert "…" not in narrow
        assert sorted(_numbers(narrow)) == sorted(_numbers(wide))  # every figure whole
        for word in ("Housing", "bostøtte", "Beskæftigelse", "Outcomefonden", "Restfinansiering"):
            assert word in _words(narrow), (columns, word)


def test_labels_wrap_when_the_numbers_fit():
    seed = _on_a_terminal(SEED, 50)
    lines = seed.splitlines()
    assert max(len(line) for line in lines) <= 50  # it fits: the labels wrapped
    assert any(line.startswith("│ Sociale Forhold og") for line in lines)
    assert any(line.startswith("│ Beskæftigelse") for line in lines)
    assert "│   2,48 │   3,72 │   6,20 │" in seed


def test_a_table_that_cannot_fit_is_printed_at_its_natural_width(tmp_path):
    path = tmp_path / "narrow.yaml"
    path.write_text(NARROW, encoding="utf-8")
    assert _on_a_terminal(path, 40) == _on_a_terminal(path, 200)  # the terminal then wraps it


def test_figures_show_as_many_decimals_as_they_need():
    in_tkr = _on_a_terminal(SEED, 120, "--unit", "t.kr.")
    assert "│  2.480 │  3.720 │  6.200 │" in in_tkr  # whole t.kr.: no ,00000
    assert "Afrundingsdifferencer" not in in_tkr


def test_decimals_round_what_is_shown_and_say_so_when_totals_differ(tmp_path):
    one = _on_a_terminal(SEED, 120, "--decimals", "1")
    assert "│ Udgift i alt                     │    4,1 │    6,2 │   10,4 │" in one
    assert one.splitlines()[-3:] == [
        "Afrundingsdifferencer kan forekomme.",
        "Nuværende finansiering til og med 2024: Havnen; Hjem, Job og Helhed; Dialog mod Vold",
        "Udskudt: Dialog mod Vold (beslutning ved budget 2025)",
    ]
    assert "Afrundingsdifferencer" not in _on_a_terminal(SEED, 120, "--decimals", "2")  # nothing rounded away
    house = tmp_path / "house.yaml"
    house.write_text(
        Path(SEED).read_text(encoding="utf-8").replace("price_level: 2024", "price_level: 2024\ndecimals: 1"),
        encoding="utf-8",
    )
    assert _on_a_terminal(house, 120) == one  # the scenario's house style, as --decimals 1
    option_wins = _on_a_terminal(house, 120, "--decimals", "2")
    assert "│ Udgift i alt                     │   4,14 │   6,21 │  10,35 │" in option_wins
    md = gap_report.render("markdown", seed_report(), 0)
    assert "| **Udgift i alt** | **4** | **6** | **10** |" in md and "- Afrundingsdifferencer kan forekomme." in md


def test_decimals_in_a_scenario_must_be_a_whole_number_of_places(tmp_path):
    text = Path(SEED).read_text(encoding="utf-8").replace("price_level: 2024", "price_level: 2024\ndecimals: -1")
    [d] = load_bytes(text.encode(), "d.yaml").errors
    assert (d.code, d.message) == ("invalid-value", "decimals is a whole number of decimals from 0 to 12, not -1")


# --- outcome lines ----------------------------------------------------------------------------------------------------


def test_gap_table_shows_the_capped_payments_under_the_source():
    result = invoke("gap", CAP)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "Outcomefonden" in line)
    assert [cell.strip() for cell in row.strip("│ ").split("│")][1:] == ["800.000", "1.200.000", "500.000", "2.500.000"]
    residual = next(line for line in result.stdout.splitlines() if "Restfinansiering" in line)
    assert "1.500.000" in residual and "2.000.000" in residual


# --- the shipped scenario's table -------------------------------------------------------------------------------------


def test_seed_table():
    result = invoke("gap", SEED, env=WIDE)
    assert result.returncode == 0
    assert result.stderr == ""
    out = result.stdout
    assert "\x1b[" not in out  # no colour in a pipe
    assert cells(out) == SEED_CELLS
    lines = out.splitlines()
    assert lines[0].strip() == "Budget 2024: Videreførelse af Housing First-projekterne"
    assert lines[-3].strip() == "mio. kr., 2024-priser"
    assert lines[-2] == "Nuværende finansiering til og med 2024: Havnen; Hjem, Job og Helhed; Dialog mod Vold"
    assert lines[-1] == "Udskudt: Dialog mod Vold (beslutning ved budget 2025)"
    assert len(lines) == 20  # title, 3 lines of head, 9 rows, 3 rules, the bottom, caption, 2 lines of foot


def test_table_is_as_wide_as_it_needs_in_a_pipe_at_any_width():
    narrow = invoke("gap", SEED, env={"COLUMNS": "20"}).stdout
    assert narrow == invoke("gap", SEED, env=WIDE).stdout
    assert cells(narrow) == SEED_CELLS


def test_names_are_printed_literally(tmp_path):
    path = write_scenario(
        tmp_path,
        "scenario: '[bold]Titel[/bold]'\nbudget_year: 2024\nsources: {f: {name: 'Fond [/]'}}\n"
        "projects: {a: {name: 'Skole [fase 2]', costs: {2024: 10}, financing: [{source: f, amount: 5}]}}\n",
        "markup.yaml",
    )
    out = invoke("gap", path, env=WIDE).stdout
    assert "Skole [fase 2]" in out and "Fond [/]" in out and "[bold]Titel[/bold]" in out
