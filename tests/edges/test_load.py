"""Loading: the reader, the model and the checks joined, every finding located; warnings only where they apply."""

from decimal import Decimal

import pytest

from conftest import ROOT
from effektinvest.edges.load import load_bytes, with_prices
from effektinvest.edges.locator import Locator
from effektinvest.reader import read

HEAD = "scenario: T\nbudget_year: 2024\nsources: {f: {name: F}}\n"


def diags(text: str):
    return [(d.severity.value, d.code, d.line) for d in load_bytes(text.encode(), "t.yaml").diagnostics]


def test_a_year_key_with_a_space_cannot_shadow_the_year():
    text = HEAD + 'projects:\n  p:\n    name: P\n    costs: {2024: 100, "2024 ": 200}\n'
    assert diags(text) == [("warning", "unused-source", 3), ("error", "invalid-year", 7)]


def test_ambiguous_thousands_only_where_an_amount_is_meant():
    text = (
        "scenario: 2.000\nbudget_year: 2024\nsources: {f: {name: '1.250', note: 7.500}}\n"
        "projects:\n  p:\n    name: P\n    costs: {2024: &x 1.500, 2025: *x, 2026: *x}\n"
        "    financing: [{source: f, share: 1.000}]\n"
    )
    assert diags(text) == [("error", "ambiguous-thousands", 7)]  # once, on the amount, despite the aliases


def test_prices_that_round_a_cost_to_nothing_are_an_error_not_a_crash():
    text = (
        "scenario: T\nbudget_year: 2024\nprice_level: 2024\nprice_index: {2024: 100, 2025: 40}\n"
        "sources: {a: {name: A}}\nprojects:\n  p:\n    name: P\n    costs: {2024: 0.01}\n"
        "    financing: [{source: a, amount: 0.01}]\n"
    )
    loaded = with_prices(load_bytes(text.encode(), "t.yaml"), 2025)
    assert loaded.scenario is None
    [d] = loaded.diagnostics
    assert (d.code, d.line) == ("amount-without-cost", 10)
    assert d.message.startswith("in 2025-priser: ")


def test_errors_in_a_list_item_name_the_item():
    text = HEAD + "projects:\n  p:\n    name: P\n    costs: {2024: 1}\n    financing: [5]\n"
    [d] = load_bytes(text.encode(), "t.yaml").diagnostics
    assert d.message == "financing line 1 of project 'p' must be a mapping of keys, not 5"


def test_text_errors_name_the_key():
    [d] = load_bytes(b"scenario: [x]\nbudget_year: 2024\nsources: {}\nprojects: {}\n", "t.yaml").diagnostics
    assert d.message == "'scenario': expected text, not a list"


def test_negative_zero_is_reported_as_zero():
    loaded = load_bytes((HEAD + "projects:\n  p: {name: P, costs: {2024: -0.00, 2025: 5}}\n").encode(), "t.yaml")
    assert str(loaded.gap.years[2024].cost) == "0.00"
    assert loaded.gap.total.cost == Decimal(5)


def test_an_empty_year_amount_points_at_its_year():
    text = HEAD + "projects:\n  p:\n    name: P\n    costs: {2024: 1, 2025: , 2026: 2}\n"
    [d] = load_bytes(text.encode(), "t.yaml").errors
    assert (d.code, d.line, d.column) == ("missing-amount", 7, 22)


def test_an_aliased_line_names_its_project():
    text = (
        "scenario: T\nbudget_year: 2024\nsources: {a: {name: A}}\nprojects:\n"
        "  x: {name: X, costs: {2024: 10}, financing: &f [{source: a, amount: {2024: 1}}]}\n"
        "  y: {name: Y, costs: {2025: 10}, financing: *f}\n"
    )
    [d] = load_bytes(text.encode(), "t.yaml").diagnostics
    assert d.code == "amount-without-cost" and "project 'y'" in d.message


def test_a_problem_with_a_value_repeated_by_an_alias_is_shown_where_the_alias_stands():
    text = (
        "scenario: T\nbudget_year: 2024\nsources: {s: {name: S}}\nprojects:\n"
        "  a:\n    name: A\n    costs: {2024: 1}\n    financing:\n      - {source: &x t, share: '10%'}\n"
        "  b:\n    name: B\n    costs: {2024: 1}\n    financing:\n      - {source: *x, share: '10%'}\n"
    )
    found = [(d.code, d.line, d.column) for d in load_bytes(text.encode(), "f").diagnostics]
    assert found == [("unused-source", 3, 11), ("unknown-source", 9, 18), ("unknown-source", 14, 18)]


def _every_file():
    root = ROOT / "tests"
    return sorted([*root.glob("fixtures/*.yaml"), *root.glob("corpus/*.yaml"), *root.parent.glob("scenarios/*.yaml")])


def _read_with_marks(data: bytes, path: str, marks: bool = True):  # (MARKS: Locator.reading's, always read here)
    result = read(data, path)
    return result, Locator(data, path, result.marks)


@pytest.mark.parametrize("file", _every_file(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_reading_without_marks_first_locates_every_finding_the_same(file, monkeypatch):
    data = file.read_bytes()
    lazy = load_bytes(data, "f")
    monkeypatch.setattr(Locator, "reading", staticmethod(_read_with_marks))
    eager = load_bytes(data, "f")
    assert lazy.diagnostics == eager.diagnostics
    assert (lazy.gap is None) == (eager.gap is None)


def test_a_clean_file_is_read_once_without_marks_and_a_file_with_findings_again_with_them():
    clean = HEAD + "projects:\n  p: {name: P, costs: {2024: 100}, financing: [{source: f, share: '10%'}]}\n"
    loaded = load_bytes(clean.encode(), "t")
    assert loaded.diagnostics == [] and loaded.where.reads == 0
    unknown = clean.replace("source: f", "source: g")
    loaded = load_bytes(unknown.encode(), "t")
    [d] = [d for d in loaded.diagnostics if d.is_error]
    assert (d.code, d.line, d.column) == ("unknown-source", 5, 57)
    assert loaded.where.reads == 1


def test_a_model_error_under_a_reported_value_needs_no_second_reading():
    text = (
        "scenario: S\nbudget_year: !foo 2024\nsources: {f: {name: F}}\n"
        "projects: {a: {name: A, costs: {2024: 1}, financing: [{source: f, share: 0.5}]}}\n"
    )
    loaded = load_bytes(text.encode(), "t")
    assert [(d.code, d.line, d.column) for d in loaded.diagnostics] == [("unsupported-tag", 2, 14)]
    assert loaded.where.reads == 0


def test_a_duplicate_key_read_without_marks_is_read_again_with_them():
    result = read(b"a: 1\nb: 2\na: 3\n", "f", marks=False)
    assert result.marks is not None  # the second reading's
    [d] = result.diagnostics
    assert (d.code, d.line) == ("duplicate-key", 3) and "first on line 1" in d.message


def test_each_repay_is_placed_without_reading_the_file_again_for_its_marks():
    """format 1.3 (issue 22): gap's JSON names each `repay` by the line of its key; the reader keeps the place of
    a watched key while it reads without marks, so the locator answers without a second reading, the same line
    the marks give."""
    text = (ROOT / "tests" / "fixtures" / "repayment" / "worked.yaml").read_bytes()
    path = ("projects", "p", "financing", 0, "repay")
    loaded = load_bytes(text, "w.yaml")
    assert loaded.where(path, at_key=True) == (16, 9) and loaded.where.reads == 0
    assert load_bytes(text, "w.yaml", marks=True).where(path, at_key=True) == (16, 9)
