"""`savings --format markdown`."""


from conftest import ROOT, invoke

FIXTURES = ROOT / "tests" / "fixtures" / "savings"
WORKED = str(FIXTURES / "worked.yaml")


def test_worked_example_markdown():
    out = invoke("savings", WORKED, "--format", "markdown").stdout
    assert out.startswith("### Worked example (budget 2024)\n")
    assert "| **Offentlig netto** |  | **-1.000,00** | **-400,00** | **1.400,00** | **0,00** |" in out
    assert "- Hjemtjeningsår: kommunalt ingen, offentligt 2026" in out
