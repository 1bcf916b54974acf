"""savings with repayments to an investor (repayment.md, format 1.3; issue 22): per source `repaid` and `received`,
a repayment to an outside investor in the municipal cost (not one to the municipality's own fund), a repaying
pocket's backing and shortfall against paid + repaid, break-even as the first year from which the running sum
stays at 0 or more; the spec's worked example at 100 % and 50 %, every figure exact; a file without `repay`
has no `repaid` or `received` in its JSON.
"""

from __future__ import annotations

from decimal import Decimal

from conftest import ROOT, invoke, savings_json, savings_out

D = Decimal
WORKED = str(ROOT / "tests" / "fixtures" / "repayment" / "worked.yaml")
FUND = (ROOT / "tests" / "fixtures" / "repayment" / "worked.yaml").read_text(encoding="utf-8").replace(
    "kind: external", "kind: fund"
)


def _years(data: dict, *keys: str) -> list:
    return [tuple(year[key] for key in keys) for year in data["years"]]


def test_the_worked_example_at_100_percent():
    data = savings_json(WORKED)
    assert [year["year"] for year in data["years"]] == [2025, 2026, 2027, 2028]
    assert _years(data, "municipal_cost", "municipal_savings", "municipal_net", "municipal_cumulative") == [
        (0, 0, 0, 0),
        (500, 300, -200, -200),
        (1000, 1400, 400, 200),
        (700, 1400, 700, 900),
    ]
    assert _years(data, "public_net") == [(-1000,), (-700,), (1800,), (1400,)]
    assert data["break_even"] == {"municipal": 2027, "public": 2027}  # the running sum is 0 in 2025, then -200
    assert data["npv"] == {"municipal": D("811.53"), "public": D("1266.71")}
    assert data["total"]["sources"]["sof"] == {"savings": 2100, "paid": 0, "net": 780, "repaid": 1320, "received": 0}
    assert data["total"]["sources"]["ikke"] == {"savings": 1000, "paid": 0, "net": 120, "repaid": 880, "received": 0}
    assert data["total"]["sources"]["dsi"] == {"savings": 0, "paid": 2000, "net": 200, "repaid": 0, "received": 2200}
    assert data["years"][1]["sources"]["ikke"] == {"savings": 0, "paid": 0, "net": -200, "repaid": 200, "received": 0}
    assert data["sources"]["sof"] == {"kind": "decentral", "backing": D("1.5909"), "shortfall": 0}
    assert data["sources"]["ikke"] == {"kind": "non_decentral", "backing": D("1.1364"), "shortfall": 0}
    assert data["sources"]["dsi"] == {"kind": "external", "backing": None, "shortfall": None}


def test_the_worked_example_at_50_percent():
    data = savings_json(WORKED, "--realisation", "50%")
    assert _years(data, "municipal_net") == [(0,), (-100,), (200,), (200,)]
    assert data["npv"] == {"municipal": D("270.47"), "public": D("-349.74")}
    assert data["break_even"] == {"municipal": 2027, "public": None}
    assert data["total"]["sources"]["dsi"]["received"] == 1250  # the cap no longer binds
    assert (data["sources"]["sof"]["backing"], data["sources"]["ikke"]["backing"]) == (D("1.4"), D(1))


def test_a_repayment_to_the_municipalitys_own_fund_is_no_municipal_cost():
    """The fund's 2,000 is municipal money: the municipal cost is the cost; the repayments move money between
    the pockets (sof and ikke repay, the fund receives), the municipal net is savings - cost."""
    result = invoke("savings", "-", "--format", "json", input=FUND)
    assert result.returncode == 0, result.stderr
    import json

    data = json.loads(result.stdout, parse_float=D, parse_int=D)
    assert _years(data, "municipal_cost", "municipal_net") == [(1000, -1000), (1000, -700), (0, 1400), (0, 1400)]
    assert data["total"]["sources"]["dsi"] == {"savings": 0, "paid": 2000, "net": 200, "repaid": 0, "received": 2200}


def test_a_shortfall_counts_what_a_pocket_repays():
    """Without ikke's savings, ikke repays 880 against nothing: backing 0, shortfall 880."""
    text = (ROOT / "tests" / "fixtures" / "repayment" / "worked.yaml").read_text(encoding="utf-8")
    text = text.replace("      ikke: {2027: 500, 2028: 500}\n", "")
    result = invoke("savings", "-", "--format", "json", input=text)
    assert result.returncode == 0, result.stderr
    import json

    data = json.loads(result.stdout, parse_float=D, parse_int=D)
    assert data["sources"]["ikke"] == {"kind": "non_decentral", "backing": 0, "shortfall": 880}


def test_a_file_without_repay_has_no_repaid_or_received():
    data = savings_json(str(ROOT / "tests" / "fixtures" / "savings" / "worked.yaml"))
    assert all(set(p) == {"savings", "paid", "net"} for p in data["total"]["sources"].values())


def test_the_table_shows_what_each_pocket_repays_and_the_investor_receives():
    out = savings_out(WORKED)
    assert "│ tilbagebetalt            │      0,00 │    300,00 │    600,00 │   420,00 │ 1.320,00 │" in out
    assert "│ tilbagebetaling modtaget │      0,00 │    500,00 │  1.000,00 │   700,00 │ 2.200,00 │" in out
    assert "Hjemtjeningsår: kommunalt 2027, offentligt 2027" in out
    # the backing of a pocket that only repays counts what it repays: said so (not "per krone paid" of 0 paid)
    assert "Besparelser pr. betalt og tilbagebetalt krone, Socialforvaltningen: 1,5909 (ingen mangel)" in out
    assert "Afrundingsdifferencer" not in out
    # what came from outside, less what the investor got back: a net, said so (it falls below 0)
    assert "│ Finansiering udefra          │ betalt netto             │  1.000,00 │    500,00 │" in out
    markdown = savings_out(WORKED, "--format", "markdown")
    assert "| tilbagebetalt | 0,00 | 300,00 | 600,00 | 420,00 | 1.320,00 |" in markdown
    csv = savings_out(WORKED, "--format", "csv").splitlines()
    assert "1,2028,repaid,ikke,Ikke-decentrale midler,280" in csv
    assert "1,total,received,dsi,Den Sociale Investeringsfond,2200" in csv
