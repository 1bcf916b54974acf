"""Renderers: Danish number formatting, exact JSON numbers, CSV rows, the table and Markdown."""

import json
from decimal import Decimal
from pathlib import Path

from effektinvest.load import load_bytes, load_path
from effektinvest.render import render
from effektinvest.render.cells import danish, percent
from effektinvest.render.gap_view import build, decimals_for
from effektinvest.render.json import dumps, report_data
from effektinvest.units import Unit


def to_json(report) -> str:
    return render("gap", "json", report)


def to_csv(report) -> str:
    return render("gap", "csv", report)


def markdown(report, decimals=None) -> str:
    return render("gap", "markdown", report, decimals)


SEED = str(Path(__file__).resolve().parent.parent / "scenarios" / "2024.yaml")


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
    assert render("gap", "tsv", report).splitlines()[0] == "year\tcategory\tid\tname\tamount"
    with pytest.raises(ValueError):
        render("due", "markdown", report)
