"""The shipped scenarios, the README and the golden files: what the budget note and the README say is what the
commands print."""

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, SEED_CELLS, cells, gap_json, invoke, savings_json

SEED = str(ROOT / "scenarios" / "2024.yaml")
GOLDEN = ROOT / "tests" / "golden"
WIDE = {"COLUMNS": "250"}
D = Decimal


# --- the seed scenario and the README ---------------------------------------------------------------------------------


def test_seed_totals_reproduce_the_budget_note():
    report = gap_json(SEED)
    total = report["total"]
    assert total["cost"] == Decimal("10.35")
    assert total["financing"] == {
        "sfb": Decimal("4.4"),
        "ikke_decentral": Decimal("1.9"),
        "outcomefonden": Decimal("2.05"),
    }
    assert total["financed"] == Decimal("8.35")
    assert total["residual"] == Decimal("2.0")
    assert total["coverage"] == Decimal("0.8068")
    assert report["deferred"] == [{"id": "dialog_mod_vold", "name": "Dialog mod Vold", "decide_at": 2025}]
    assert report["unit"] == "mio. kr." and report["price_level"] == 2024 and report["budget_year"] == 2024


def readme_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("`effektinvest gap scenarios/2024.yaml` reproduces", 1)[1]
    return re.search(r"^```\n(.*?)^```$", after, re.M | re.S).group(1)


@pytest.mark.usefixtures("at_the_root")
def test_readme_table_is_what_gap_prints():
    # byte for byte, but for the spaces Rich pads the centred title with (no README line ends in a space)
    printed = invoke("gap", "scenarios/2024.yaml", env={"COLUMNS": "200", "NO_COLOR": "1"}).stdout
    assert re.sub(r" +$", "", printed, flags=re.M) == readme_table()
    assert cells(readme_table()) == SEED_CELLS


# --- the golden notes (UPDATE_GOLDEN=1 rewrites them) -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["2024", "2025"])
def test_golden_notes_of_the_shipped_scenarios(name):
    result = invoke("note", ROOT / "scenarios" / f"{name}.yaml")
    assert result.code == 0 and result.stderr == ""
    golden = GOLDEN / f"note_{name}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


# --- the savings of the shipped scenarios -----------------------------------------------------------------------------


def test_the_seed_savings_fit_the_note():
    data = savings_json(SEED)
    total = data["total"]
    assert total["cost"] == D("10.35") and total["savings"] == D("10.35")
    assert total["outside_savings"] == 2  # the residual: savings the municipality cannot harvest
    assert total["municipal_net"] == -2 and total["public_net"] == 0
    assert data["sources"]["sfb"]["shortfall"] == 0 and data["sources"]["ikke_decentral"]["shortfall"] == 0
    assert data["sources"]["outcomefonden"]["backing"] is None  # a fund is repaid by contract


def test_the_seed_gap_is_the_same_with_and_without_its_savings():
    """The savings, and the state and region sources that only receive them, change nothing in `gap`: the
    README's table still holds (test_readme_table_is_what_gap_prints holds it byte for byte)."""
    text = Path(SEED).read_text(encoding="utf-8")
    bare = re.sub(r"\n    savings:.*?(?=\n  [a-z]|\n\n)", "", text, flags=re.S)
    bare = re.sub(r"\n  (staten|regionen):\n(    .*\n)+", "\n", bare)
    assert "savings" not in bare.split("projects:")[1] and "staten" not in bare
    for fmt in ("table", "csv", "markdown"):
        assert (
            invoke("gap", "-", "-f", fmt, input=bare, env=WIDE).stdout
            == invoke("gap", SEED, "-f", fmt, env=WIDE).stdout
        )
    with_savings = json.loads(invoke("gap", SEED, "-f", "json").stdout)
    without = json.loads(invoke("gap", "-", "-f", "json", input=bare).stdout)
    assert {k: v for k, v in with_savings.items() if k != "sources"} == {
        k: v for k, v in without.items() if k != "sources"
    }
    table = invoke("gap", SEED, env=WIDE).stdout
    assert "Staten" not in table and "Region Midtjylland" not in table
    assert invoke("gap", SEED).stderr == ""


def test_the_outcome_cap_example_binds_and_its_savings_and_outcomes_are_realised_at_75_percent():
    path = str(ROOT / "scenarios" / "outcome-cap.yaml")
    gap = json.loads(invoke("gap", path, "-f", "json").stdout, parse_float=Decimal, parse_int=Decimal)
    assert [y["financing"]["fonden"] for y in gap["years"]] == [D("0.6"), D("0.75"), D("0.15")]  # 0.65 due
    assert gap["outcome_lines"][0]["capped_by"] == D("0.5")
    data = savings_json(path)
    assert data["realisation"] == D("0.75")
    assert data["total"]["municipal_cost"] == D("1.9")  # 3.4 less the foundation's 1.5 (external)
    assert data["sources"]["fonden"] == {"kind": "external", "backing": None, "shortfall": None}
    assert data["sources"]["sfb"]["shortfall"] == D("0.27")
    # the foundation pays for 75 % of the outcomes (savings.md, "Outcome-contract risk"): 18, 22.5 and 19.5 x
    # 0.025 = 0.45, 0.5625 and 0.4875, which reaches the cap of 1.5 only in 2027; so the municipality pays
    # more in 2025 and 2026 than the plan says, and breaks even in 2027, not 2026
    assert [y["sources"]["fonden"]["paid"] for y in data["years"]] == [D("0.45"), D("0.5625"), D("0.4875"), 0]
    assert data["break_even"] == {"municipal": 2027, "public": 2028}


def test_the_repayment_example_is_investor_financed_its_cap_binds_and_two_pockets_share_it():
    """scenarios/tilbagebetaling.yaml (format 1.3, issue 22): the investor pays it all (residual 0); 0.04 per
    outcome for 20, 35, 40, 40 would be 5.4, the cap of 5.0 leaves 1.2 of 2030's 1.6; Børn og Unge repays 60 %,
    forsørgelse 40 %; the municipality breaks even in 2028, as the first repayment outruns the first savings."""
    path = str(ROOT / "scenarios" / "tilbagebetaling.yaml")
    checked = invoke("check", path, "--strict")
    assert (checked.code, checked.stderr) == (0, "checked 1 file: 0 errors, 0 warnings\n")
    assert "ILLUSTRATIVE" in (ROOT / "scenarios" / "tilbagebetaling.yaml").read_text(encoding="utf-8")
    gap = gap_json(path)
    assert gap["total"]["residual"] == 0 and [y["year"] for y in gap["years"]] == [2026, 2027, 2028, 2029, 2030]
    [repayment] = gap["repayments"]
    assert {year: entry["total"] for year, entry in repayment["years"].items()} == {
        "2027": D("0.8"),
        "2028": D("1.4"),
        "2029": D("1.6"),
        "2030": D("1.2"),  # 1.6 due, 1.2 left of the cap
    }
    assert repayment["total"] == {"by": {"bou": D("3.0"), "forsorgelse": D("2.0")}, "total": D("5.0")}
    assert (repayment["uncapped"], repayment["cap"]) == (D("5.4"), D("5.0"))
    data = savings_json(path)
    assert [y["municipal_cost"] for y in data["years"]] == [0, D("0.8"), D("1.4"), D("1.6"), D("1.2")]
    assert data["break_even"] == {"municipal": 2028, "public": 2029}
    assert (data["sources"]["bou"]["backing"], data["sources"]["forsorgelse"]["backing"]) == (D("1.8"), D("1.65"))


# --- the shipped scenarios due in 2025 --------------------------------------------------------------------------------


@pytest.mark.usefixtures("at_the_root")
def test_due_shipped_scenarios_2025():
    items = json.loads(invoke("due", "scenarios", "--budget", "2025", "--format", "json").stdout)
    assert [(i["path"], i["project"], i["reason"]) for i in items] == [
        ("scenarios/2024-opfoelgning.yaml", "dialog_mod_vold", "deferred"),  # the same decision, followed up
        ("scenarios/2024.yaml", "dialog_mod_vold", "deferred"),
        ("scenarios/2025.yaml", "havnen", "funding_ends"),
        ("scenarios/2025.yaml", "hjem_job_helhed", "funding_ends"),
    ]


# --- the follow-up example (format 1.3) -------------------------------------------------------------------------------

FOLLOWED_UP = str(ROOT / "scenarios" / "2024-opfoelgning.yaml")


def test_the_follow_up_example_is_the_seed_decision_with_complete_accounts_for_2024():
    checked = invoke("check", FOLLOWED_UP, "--strict")
    assert (checked.code, checked.stderr) == (0, "checked 1 file: 0 errors, 0 warnings\n")  # no plan stands in
    followed, seed = gap_json(FOLLOWED_UP), gap_json(SEED)
    assert followed.pop("scenario").endswith(", opfølgning på regnskab 2024")
    seed.pop("scenario")
    assert followed == seed  # every report but follow-up computes the plan: the note's figures
