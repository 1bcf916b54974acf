"""`note` with repayments to an investor (repayment.md, format 1.3; issue 22): a sentence per line with `repay`
says what the investor pays now, how it is repaid (per achieved outcome, at most the cap; or on a fixed plan), the
total and the years, and each paying pocket's part in the note's number style; `--realisation` scales it; the
note's span of years stays the cost years; in Word too.
"""

from __future__ import annotations

import re

import docx

from conftest import ROOT, invoke

WORKED = str(ROOT / "tests" / "fixtures" / "repayment" / "worked.yaml")
SENTENCE = (
    "Den Sociale Investeringsfond finansierer 2.000 kr. nu og tilbagebetales kun i takt med, at resultaterne opnås, "
    "højst 2.200 kr.: i alt 2.200 kr. i 2026-2028, heraf 1.320 kr. fra Socialforvaltningen og 880 kr. fra "
    "Ikke-decentrale midler."
)


def test_the_note_says_what_is_repaid_when_and_by_whom():
    note = invoke("note", WORKED).stdout
    assert "En videreførelse af projektet ”Projekt” i 2025-2026 koster i alt 2.000 kr." in note  # the cost years
    assert f"\n\n{SENTENCE}\n" in note


def test_at_a_realisation_the_repayment_follows_the_outcomes():
    note = invoke("note", WORKED, "--realisation", "50%").stdout
    assert (
        "i alt 1.250 kr. i 2026-2028, heraf 750 kr. fra Socialforvaltningen og 500 kr. fra Ikke-decentrale midler."
        in note
    )


def test_a_fixed_schedule_in_millions():
    text = open(WORKED, encoding="utf-8").read().replace("budget_year: 2025\n", "budget_year: 2025\nunit: mio. kr.\n")
    text = re.sub(
        r"(?ms)^        repay:\n.*?(?=^    savings:)",
        "        repay: {amount: {2027: 1.5, 2029: 0.9}, by: {sof: 100%}}\n",
        text,
    )
    result = invoke("note", "-", input=text)
    assert result.returncode == 0, result.stderr
    assert (
        "Den Sociale Investeringsfond finansierer 2.000,0 mio. kr. nu og tilbagebetales efter en fast plan: i alt 2,4 "
        "mio. kr. i 2027-2029, heraf 2,4 mio. kr. fra Socialforvaltningen." in result.stdout
    )


def test_the_word_note_has_the_sentence(tmp_path):
    out = tmp_path / "note.docx"
    result = invoke("note", WORKED, "--format", "docx", "--output", str(out))
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    assert SENTENCE in [p.text for p in document.paragraphs]
    heads = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert heads[0] == ["Budget 2025", "2025", "2026", "I alt"]  # the note's table: the cost years, no block
    assert not any(row[0].startswith("Tilbagebetaling") for row in heads)


def test_each_repaid_line_says_what_that_line_pays_now(tmp_path):
    """Two lines of one investor (one on a fixed plan, one per outcome): each sentence names its own line's
    payment, not the investor's total (300 + 1.000 = 1.300 kr.), in Markdown and in Word."""
    two = ROOT / "tests" / "fixtures" / "repayment" / "two_lines.yaml"
    said = [
        "DSI finansierer 300 kr. nu og tilbagebetales efter en fast plan: i alt 300 kr. i 2026, heraf 300 kr. fra "
        "Sof.",
        "DSI finansierer 1.000 kr. nu og tilbagebetales kun i takt med, at resultaterne opnås, højst 1.100 kr.: i "
        "alt 1.100 kr. i 2027, heraf 1.100 kr. fra Ikke.",
    ]
    note = invoke("note", two).stdout
    assert "- 1.300 kr. fra DSI\n" in note and all(f"\n\n{sentence}\n" in note for sentence in said)
    assert invoke("note", two, "--format", "docx", "--output", tmp_path / "n.docx").returncode == 0
    assert set(said) <= {p.text for p in docx.Document(str(tmp_path / "n.docx")).paragraphs}
    zero = two.read_text(encoding="utf-8").replace("share: 30%", "share: 0%")
    assert "DSI tilbagebetales efter en fast plan" in invoke("note", "-", input=zero).stdout  # pays nothing now
