"""The docs show what the program does: every YAML example in them is a valid scenario."""

import re
from pathlib import Path

import pytest

from effektinvest.diagnostics import CODES
from effektinvest.load import load_bytes

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCKS = [
    (doc.name, i, block)
    for doc in DOCS
    for i, block in enumerate(re.findall(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S))
]


@pytest.mark.parametrize(("doc", "index", "block"), BLOCKS, ids=[f"{d}-{i}" for d, i, _ in BLOCKS])
def test_yaml_examples_are_valid_scenarios(doc, index, block):
    loaded = load_bytes(block.encode(), f"{doc}#{index}")
    assert loaded.errors == []


def test_readme_has_an_example():
    assert any(doc == "README.md" for doc, _, _ in BLOCKS)


def test_readme_shows_the_main_command():
    assert "effektinvest gap scenarios/2024.yaml" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_code_has_a_message():
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code) and meaning for code, meaning in CODES.items())
