"""reports/followup/markdown.py: the table in Markdown, text a user wrote never read as Markdown or HTML."""

from pathlib import Path

from conftest import invoke

HERE = Path(__file__).resolve().parent


def _markdown(name: str, *args) -> str:
    result = invoke("follow-up", str(HERE / name), "--format", "markdown", *args)
    assert result.code == 0, result.stderr
    return result.stdout


def test_the_worked_example_in_markdown():
    out = _markdown("worked.yaml").splitlines()
    assert out[:8] == [
        "### Opfølgning (opfølgning, budget 2024)",
        "",
        "| kr. |  | 2024 R | 2025 R | 2026 B | I alt |",
        "| :-- | :-- | --: | --: | --: | --: |",
        "| **Udgift i alt** | Plan | **1.000** | **1.000** | **1.000** | **3.000** |",
        "|  | Regnskab / forventet | **1.100** | **950** | **1.000** | **3.050** |",
        "|  | Afvigelse | **+100** | **-50** | **0** | **+50** |",
        "| Decentralt budget | Plan | 500 | 500 | 500 | 1.500 |",
    ]
    assert "| Outcomefonden (linje 16) | Forventet antal | 3 | 3 | 3 | 9 |" in out
    assert "|  | Realiseringsgrad |  |  |  | 75,0 % |" in out
    assert (
        out[-2]
        == "- Afvigelse = regnskab / forventet - plan: + = merudgift / mere finansiering / større restfinansiering, "
        "- = mindreudgift / mindre finansiering / mindre restfinansiering."
    )


def test_marks_are_escaped_and_a_users_text_is_not_markdown():
    out = _markdown("missing.yaml")
    assert "|  | Regnskab / forventet | **900** | **1.000\\*** | **1.000** | **2.900\\*** |" in out
    assert "- \\* Planen står i stedet for et regnskabstal" in out
    names = _markdown("names.yaml")
    assert names.startswith('### =HYPERLINK("x") \\*fed\\* \\\\x1b\\[31m (opfølgning, budget 2024)\n')
    assert "| -fond \\| \\<b\\> | Plan | 20 | 20 |" in names
