"""`savings --format json`: the contract's shape, exact figures."""

from decimal import Decimal

from conftest import ROOT, savings_json

FIXTURES = ROOT / "tests" / "fixtures" / "savings"
WORKED = str(FIXTURES / "worked.yaml")
D = Decimal


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
    assert data["npv"] == {"municipal": D("-546.31"), "public": D("-79.56")}  # see test_savings_analysis.py on -659.27
    assert data["benefit_cost"] == {"municipal": D("0.7221"), "public": D("0.9595")}
