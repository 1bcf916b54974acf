"""`savings` as a table: the pockets, the key figures under it, present values with the decimals they need."""

import json
import re
from decimal import Decimal
from pathlib import Path

from conftest import ROOT, invoke, savings_json, savings_out

FIXTURES = ROOT / "tests" / "fixtures" / "savings"
WORKED = str(FIXTURES / "worked.yaml")
PRICES = str(FIXTURES / "prices.yaml")
WIDE = {"COLUMNS": "250"}


def test_worked_example_table_shows_the_wrong_pocket_apart():
    result = invoke("savings", WORKED, env=WIDE)
    assert result.code == 0
    out = result.stdout
    assert out.index("Decentralt budget") < out.index("Kommunale besparelser") < out.index("Staten")
    assert out.index("Staten") < out.index("Besparelser i stat og region") < out.index("Besparelser i alt")
    for label in ("Kommunal netto", "Offentlig netto", "Akkumuleret", "I alt", "betalt", "netto"):
        assert label in out
    assert "kr., realisering 100 %" in out
    assert "Forkert lomme (andel): 25 % af besparelserne lander i stat og region" in out
    assert "Hjemtjeningsår: kommunalt ingen, offentligt 2026" in out
    assert "kommunalt -546,31, offentligt -79,56" in out
    assert "Besparelser pr. betalt krone, Decentralt budget: 1,5000 (ingen mangel)" in out
    assert re.search(r"Offentlig netto +│ +│ +-1\.000,00 │ +-400,00 │ +1\.400,00 │ +0,00 │", out)


def test_names_are_data_not_markup():
    out = invoke("savings", PRICES, env=WIDE).stdout
    assert "Region [syd]" in out


def test_present_values_are_not_rounded_unasked():
    out = savings_out(WORKED, "--unit", "mio. kr.")
    assert "kommunalt -0,00054631, offentligt -0,00007956" in out
    assert "(ingen mangel)" in out  # a shortfall of 0: no figure to round
    assert "kommunalt -0,0005," in savings_out(WORKED, "--unit", "mio. kr.", "--decimals", "4")  # asked: rounded
    table = savings_out(WORKED, "--unit", "mio. kr.", "--realisation", "100%,0%")
    assert "-0,00054631" in table and "-0,00196618" in table and "Decentralt budget: 0,00100000" in table


def test_no_savings_the_wrong_pocket_share_cannot_be_computed(tmp_path):
    assert "Forkert lomme (andel): kan ikke opgøres (ingen besparelser)" in savings_out(WORKED, "--realisation", "0")
    assert savings_json(WORKED, "--realisation", "0")["wrong_pocket_share"] is None
    municipal = tmp_path / "m.yaml"
    municipal.write_text(Path(WORKED).read_text(encoding="utf-8").replace("stat: {2026: 500}", ""), "utf-8")
    assert "Forkert lomme (andel): 0 % af besparelserne lander i stat og region" in savings_out(str(municipal), "-q")


def test_the_groups_rows_add_up_to_the_nets_to_the_ore():
    """Issue 19: outside money (refund, external) stands in its own group, so the municipal group's nets and the
    residual add up to Kommunal netto, and with the outside money's nets and state and region's savings to
    Offentlig netto: in JSON (by kind) and in the table's rows (in kr., to the øre)."""
    path = str(ROOT / "scenarios" / "outcome-cap.yaml")
    data = json.loads(invoke("savings", path, "--unit", "kr.", "-f", "json").stdout, parse_float=Decimal)
    kinds = {sid: source["kind"] for sid, source in data["sources"].items()}
    for column in [*data["years"], data["total"]]:
        pockets = column["sources"]
        municipal = [p for sid, p in pockets.items() if kinds[sid] not in ("refund", "external", "state", "region")]
        outside_money = [p for sid, p in pockets.items() if kinds[sid] in ("refund", "external")]
        assert outside_money and all(p["savings"] == 0 for p in outside_money)
        residual = column["municipal_cost"] - sum(p["paid"] for p in municipal)
        assert sum(p["net"] for p in municipal) - residual == column["municipal_net"]
        state = sum(p["savings"] for sid, p in pockets.items() if kinds[sid] in ("state", "region"))
        assert column["municipal_net"] + sum(p["net"] for p in outside_money) + state == column["public_net"]
    table = invoke("savings", path, "--unit", "kr.", "--decimals", "2", env={"COLUMNS": "300"}).stdout
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in table.splitlines() if line.startswith("│")]
    labels = [row[0] for row in rows]

    def figures(row) -> list[Decimal]:
        return [Decimal(cell.replace(".", "").replace(",", ".")) for cell in row[2:] if cell != "-"]

    def group(first: str, last: str) -> list[list[Decimal]]:  # the net rows from FIRST's row to LAST's
        part = rows[labels.index(first) : labels.index(last) + 1]
        return [figures(row) for row in part if row[1] == "netto"]

    def added(nets) -> list[Decimal]:
        return [sum(column) for column in zip(*nets, strict=True)]

    municipal = group("Sociale Forhold og Beskæftigelse", "Restfinansiering")
    outside = group("Ekstern fond (resultatbetaling)", "Finansiering udefra")
    state = [figures(rows[labels.index("Besparelser i stat og region")])]
    assert len(municipal) == 3 and len(outside) == 1
    assert added(municipal) == figures(rows[labels.index("Kommunal netto")])
    assert added([*municipal, *outside, *state]) == figures(rows[labels.index("Offentlig netto")])
