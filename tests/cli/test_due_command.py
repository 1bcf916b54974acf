"""`effektinvest due`: --budget, --unit, files and folders, standard input, an invalid file among valid ones."""

import json
from decimal import Decimal
from pathlib import Path

from conftest import ROOT, as_json, invoke

PORTFOLIO = ROOT / "tests" / "fixtures" / "portfolio"
BEFORE = str(PORTFOLIO / "before.yaml")
AFTER = str(PORTFOLIO / "after.yaml")
D = Decimal


def test_due_json_lists_valid_files_and_fails_on_an_invalid_one():
    result = invoke("due", str(PORTFOLIO), "--budget", "2024", "--format", "json")
    assert result.returncode == 1
    assert "bad_index.yaml:6:9: error[invalid-index]" in result.stderr
    items = as_json(result.stdout)
    assert [(i["path"], i["project"], i["reason"]) for i in items] == [
        (BEFORE, "a", "funding_ends"),
        (BEFORE, "old", "funding_ends"),
    ]
    # after.yaml, in mio. kr., is read first but has no decision due at 2024: before.yaml's t.kr. is the unit
    assert items[0]["costs"] == {"2024": 1000, "2025": 1000} and items[0]["unit"] == "t.kr."
    assert set(items[0]) >= {"path", "project", "name", "reason", "costs"}


def test_due_needs_a_budget():
    assert invoke("due", AFTER).returncode == 2


def test_due_from_stdin_is_called_stdin_and_a_file_named_twice_counts_once():
    result = invoke("due", "-", "--budget", "2026", "--format", "json", input=Path(AFTER).read_bytes())
    assert [i["path"] for i in json.loads(result.stdout)] == ["<stdin>"]
    twice = json.loads(invoke("due", AFTER, AFTER, "--budget", "2026", "--format", "json").stdout)
    assert len(twice) == 1


DUE = ROOT / "tests" / "fixtures" / "due"
KR, MIO = str(DUE / "decisions_kr.yaml"), str(DUE / "decisions_mio.yaml")


def _units_and_b(*args: str) -> tuple[set[str], dict]:
    """`due ARGS... --budget 2025 --format json`: exit 0; the units of its items and project b's costs."""
    result = invoke("due", *args, "--budget", "2025", "--format", "json")
    assert (result.code, result.stderr) == (0, "")
    items = as_json(result.stdout)
    return {i["unit"] for i in items}, next(i["costs"] for i in items if i["project"] == "b")


def test_due_unit_takes_the_spellings_gap_takes():
    for spelling, unit, costs in [
        ("mio", "mio. kr.", {"2025": D("0.75"), "2026": D("1.2")}),
        ("mio.kr.", "mio. kr.", {"2025": D("0.75"), "2026": D("1.2")}),
        ("1.000 kr.", "t.kr.", {"2025": D(750), "2026": D(1200)}),
        ("tkr", "t.kr.", {"2025": D(750), "2026": D(1200)}),
        ("DKK", "kr.", {"2025": D(750000), "2026": D(1200000)}),
    ]:
        assert _units_and_b(KR, MIO, "--unit", spelling) == ({unit}, costs), spelling


def test_due_without_unit_takes_the_first_file_with_a_decision_due_so_the_order_of_the_files_decides():
    assert _units_and_b(KR, MIO) == ({"kr."}, {"2025": D(750000), "2026": D(1200000)})
    assert _units_and_b(MIO, KR) == ({"mio. kr."}, {"2025": D("0.75"), "2026": D("1.2")})
    assert _units_and_b(str(DUE)) == _units_and_b(KR, MIO)  # a folder: its files in sorted order


def test_due_unknown_unit_is_a_usage_error_before_any_file_is_read():
    result = invoke("due", KR, "/no/such/file.yaml", "--budget", "2025", "--unit", "euro")
    assert (result.code, result.stdout) == (2, "")
    assert "Invalid value for '--unit': unknown unit 'euro'; accepted units: kr. (kr, DKK)" in result.stderr
    assert "no/such" not in result.stderr


def test_due_unit_on_standard_input():
    result = invoke("due", "-", "--budget", "2025", "--unit", "kr.", "--format", "csv", input=Path(MIO).read_bytes())
    assert result.code == 0
    assert result.stdout.splitlines()[1:] == [
        "<stdin>,b,B,funding_ends,2025,750000,kr.,continue,,2025,Videreført,Finansieringen udløber i 2025",
        "<stdin>,b,B,funding_ends,2026,1200000,kr.,continue,,2025,Videreført,Finansieringen udløber i 2025",
    ]
