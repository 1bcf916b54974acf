"""`gap --format json`: the shape, exact figures, the same at any width, written as the general encoder writes it;
outcome lines and their caps."""

import json
from decimal import Decimal

from conftest import ROOT, gap_json, invoke, seed_report
from effektinvest.edges.load import load_bytes
from effektinvest.formats.json import dumps
from effektinvest.model.units import Unit
from effektinvest.reports import gap as gap_report
from effektinvest.reports.gap.json import report_data
from effektinvest.reports.gap.view import build

D = Decimal
SEED = str(ROOT / "scenarios" / "2024.yaml")
CAP = ROOT / "tests" / "fixtures" / "format12" / "outcome_cap.yaml"


def test_gap_json_adds_outcome_lines_with_exact_figures():
    result = invoke("gap", CAP, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout, parse_float=D)
    assert data["outcome_lines"] == [
        {
            "source": "fond",
            "tariff": 20000,
            "outcomes": {"2024": 40, "2025": 60, "2026": 80},
            "uncapped": 3600000,
            "paid": 2500000,
            "capped_by": 1100000,
        }
    ]
    assert [year["financing"] for year in data["years"]] == [{"fond": 800000}, {"fond": 1200000}, {"fond": 500000}]
    assert [year["residual"] for year in data["years"]] == [200000, 300000, 1500000]
    assert data["total"]["financed"] == 2500000
    assert list(data).index("outcome_lines") == list(data).index("total") + 1


def test_outcome_lines_in_another_unit():
    data = json.loads(invoke("gap", CAP, "--format", "json", "--unit", "mio. kr.").stdout, parse_float=D)
    assert data["outcome_lines"][0] | {"outcomes": None} == {
        "source": "fond",
        "tariff": D("0.02"),
        "outcomes": None,
        "uncapped": D("3.6"),
        "paid": D("2.5"),
        "capped_by": D("1.1"),
    }
    assert data["outcome_lines"][0]["outcomes"] == {"2024": 40, "2025": 60, "2026": 80}  # counts have no unit


def test_without_outcome_lines_the_json_has_no_outcome_lines_key():
    for path in (ROOT / "scenarios" / "2024.yaml", ROOT / "tests" / "fixtures" / "base.yaml"):
        result = invoke("gap", path, "--format", "json")
        assert result.returncode == 0
        assert "outcome_lines" not in json.loads(result.stdout)


def test_seed_json_shape():
    report = gap_json(SEED)
    assert list(report) == [
        *("scenario", "budget_year", "unit", "price_level", "years", "total", "projects", "deferred"),
        "sources",  # issue 13: added at the end
    ]
    assert [y["year"] for y in report["years"]] == [2024, 2025]
    for year in report["years"]:
        assert list(year) == ["year", "cost", "financing", "financed", "residual", "coverage"]
        assert year["residual"] + year["financed"] == year["cost"]
    assert sum(y["cost"] for y in report["years"]) == report["total"]["cost"]
    statuses = {p["id"]: p["status"] for p in report["projects"]}
    assert statuses == {"havnen": "continue", "hjem_job_helhed": "continue", "dialog_mod_vold": "defer"}


def to_json(report) -> str:
    return gap_report.render("json", report)


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
