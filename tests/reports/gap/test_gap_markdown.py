"""`gap --format markdown`: the table in Markdown, its figures and names escaped."""

from conftest import ROOT, invoke

SEED = str(ROOT / "scenarios" / "2024.yaml")


def test_seed_markdown():
    out = invoke("gap", SEED, "--format", "markdown").stdout
    assert "| **Restfinansiering** | **0,80** | **1,20** | **2,00** |" in out
    assert "| Outcomefonden | 0,82 | 1,23 | 2,05 |" in out
