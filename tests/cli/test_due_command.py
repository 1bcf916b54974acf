"""`effektinvest due`: --budget, files and folders, standard input, an invalid file among valid ones."""

import json
from pathlib import Path

from conftest import ROOT, as_json, invoke

PORTFOLIO = ROOT / "tests" / "fixtures" / "portfolio"
BEFORE = str(PORTFOLIO / "before.yaml")
AFTER = str(PORTFOLIO / "after.yaml")


def test_due_json_lists_valid_files_and_fails_on_an_invalid_one():
    result = invoke("due", str(PORTFOLIO), "--budget", "2024", "--format", "json")
    assert result.returncode == 1
    assert "bad_index.yaml:6:9: error[invalid-index]" in result.stderr
    items = as_json(result.stdout)
    assert [(i["path"], i["project"], i["reason"]) for i in items] == [
        (BEFORE, "a", "funding_ends"),
        (BEFORE, "old", "funding_ends"),
    ]
    assert items[0]["costs"] == {"2024": 1000, "2025": 1000} and items[0]["unit"] == "t.kr."
    assert set(items[0]) >= {"path", "project", "name", "reason", "costs"}


def test_due_needs_a_budget():
    assert invoke("due", AFTER).returncode == 2


def test_due_from_stdin_is_called_stdin_and_a_file_named_twice_counts_once():
    result = invoke("due", "-", "--budget", "2026", "--format", "json", input=Path(AFTER).read_bytes())
    assert [i["path"] for i in json.loads(result.stdout)] == ["<stdin>"]
    twice = json.loads(invoke("due", AFTER, AFTER, "--budget", "2026", "--format", "json").stdout)
    assert len(twice) == 1
