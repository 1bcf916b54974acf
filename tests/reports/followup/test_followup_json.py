"""reports/followup/json.py: the object of followup.md, exact, key for key and in order."""

from decimal import Decimal
from pathlib import Path

from conftest import as_json, in_order, invoke

HERE = Path(__file__).resolve().parent
WORKED = str(HERE / "worked.yaml")


def _json(*args, warned: tuple[str, ...] = ()) -> dict:
    """`follow-up ARGS --format json`, read exactly; standard error holds the WARNED lines only."""
    result = invoke("follow-up", *args, "--format", "json")
    assert result.code == 0, result.stderr
    assert result.stderr.splitlines() == list(warned)
    return as_json(result.stdout)


def _years(*values) -> dict:
    keys = ["2024", "2025", "2026", "total"]
    return dict(zip(keys, (Decimal(v) for v in values), strict=True))


def test_the_worked_example_exactly():
    data = _json(WORKED)
    expected = {
        "actuals_through": 2025,
        "closed": [2024, 2025],
        "reported_years": [2024, 2025, 2026],
        "unit": "kr.",
        "cost": {
            "plan": _years(1000, 1000, 1000, 3000),
            "actual": _years(1100, 950, 1000, 3050),
            "deviation": _years(100, -50, 0, 50),
        },
        "financing": {
            "dec": {
                "plan": _years(500, 500, 500, 1500),
                "actual": _years(550, 475, 500, 1525),
                "deviation": _years(50, -25, 0, 25),
            },
            "fond": {
                "plan": _years(300, 300, 200, 800),
                "actual": _years(100, 200, 300, 600),
                "deviation": _years(-200, -100, 100, -200),
            },
        },
        "residual": {
            "plan": _years(200, 200, 300, 700),
            "actual": _years(450, 275, 200, 925),
            "deviation": _years(250, 75, -100, 225),
        },
        "outcome_followup": [
            {
                "source": "fond",
                "path": WORKED,
                "line": 16,
                "expected": {"2024": 3, "2025": 3, "2026": 3},
                "achieved": {"2024": 1, "2025": 2},
                "paid": {"2024": 100, "2025": 200, "2026": 300},
                "cap": 800,
                "cap_left": 200,
                "plan_paid": {"2024": 300, "2025": 300, "2026": 200},
            }
        ],
        "savings": {
            "dec": {
                "expected": _years(0, 600, 600, 1200),
                "realised": _years(0, 450, 600, 1050),
                "rate": Decimal("0.75"),
            }
        },
        "missing": [],
        "scenario": "Opfølgning",
        "budget_year": 2024,
        "price_level": None,
    }
    assert in_order(data) == in_order(expected)


def test_missing_actuals_are_listed_with_what_stood_in():
    path = str(HERE / "missing.yaml")
    # the check's actual-missing warnings name the same three figures, each at the planned figure standing in
    data = _json(path, warned=(
        f"{path}:13:25: warning[actual-missing]: project 'p' has no actual cost for 2025, a closed year: its "
        "planned cost stands in",
        f"{path}:17:32: warning[actual-missing]: project 'p' has no realised savings in 'dec' for 2025, a closed "
        "year: its expected savings stand in",
        f"{path}:22:25: warning[actual-missing]: financing line 1 has no achieved outcomes for 2025, a closed "
        "year: its expected count stands in",
    ))  # fmt: skip
    assert data["missing"] == [
        {"project": "p", "year": 2025, "what": "cost"},
        {"project": None, "source": "fond", "line": 20, "year": 2025, "what": "achieved"},
        {"project": "p", "source": "dec", "year": 2025, "what": "savings"},
    ]
    assert data["cost"]["actual"]["2025"] == 1000  # the plan stood in
    assert data["outcome_followup"][0]["achieved"] == {"2024": 1, "2025": 2}
    assert data["outcome_followup"][0]["cap"] is None and data["outcome_followup"][0]["cap_left"] is None
    assert data["savings"]["dec"]["rate"] == Decimal("1.2")


def test_amounts_in_the_output_unit_and_a_deferred_projects_actuals_listed():
    data = _json(str(HERE / "pooled.yaml"), "--unit", "t.kr.")
    assert data["unit"] == "t.kr."
    assert data["cost"]["actual"] == {"2024": Decimal("1.6"), "2025": Decimal("1.5"), "total": Decimal("3.1")}
    assert data["financing"]["dec"]["deviation"]["2024"] == Decimal("0.04")
    assert data["savings"] == {} and data["outcome_followup"] == []
    assert data["inactive"] == [
        {"id": "c", "name": "C", "status": "defer", "decide_at": 2025, "actual_costs": {"2024": Decimal("0.09")}}
    ]


def test_render_writes_the_formats_it_names_and_refuses_others():
    import pytest

    from effektinvest.reports import followup

    assert followup.FORMATS == ("table", "json", "csv", "markdown", "csv-da", "xlsx")
    with pytest.raises(ValueError, match="follow-up has no format 'tsv'"):
        followup.render("tsv", None)
