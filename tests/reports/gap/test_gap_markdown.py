"""`gap --format markdown`: the table in Markdown, its figures and names escaped."""

from decimal import Decimal

from conftest import ROOT, invoke, seed_report
from effektinvest.edges.load import load_bytes
from effektinvest.model.units import Unit
from effektinvest.reports import gap as gap_report
from effektinvest.reports.gap.view import build

SEED = str(ROOT / "scenarios" / "2024.yaml")


def test_seed_markdown():
    out = invoke("gap", SEED, "--format", "markdown").stdout
    assert "| **Restfinansiering** | **0,80** | **1,20** | **2,00** |" in out
    assert "| Outcomefonden | 0,82 | 1,23 | 2,05 |" in out


def markdown(report, decimals=None) -> str:
    return gap_report.render("markdown", report, decimals)


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
