"""`effektinvest note` (issue 12): the financing paragraph of the budget note in Danish Markdown: the seed note's own
phrases, each situation in words, and properties: every amount in the note is the report's figure in note style.
(The golden notes of the shipped scenarios are in acceptance/test_shipped_scenarios.py.)"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, drawn_scenarios, invoke, load, text
from effektinvest.model.units import Unit
from effektinvest.reports.gap.view import build
from effektinvest.reports.note.paragraph import note_number, paragraph, source_notes

SEED = str(ROOT / "scenarios" / "2024.yaml")


def test_the_2024_note_reads_like_the_seed_notes_paragraph():
    note = invoke("note", SEED).stdout
    for phrase in (
        "10,35 mio. kr.",
        "4,4 mio. kr.",
        "1,9 mio. kr.",
        "2,05 mio. kr.",
        "restfinansiering på 2,0 mio. kr.",
        "Dialog mod Vold",
    ):
        assert phrase in note
    assert "koster i alt 10,35 mio. kr." in note
    assert "- 4,4 mio. kr. fra Sociale Forhold og Beskæftigelse: Mod forventning om tilsvarende decentrale" in note
    assert "Der udestår dermed en restfinansiering på 2,0 mio. kr. Ønsker byrådet" in note
    assert "videreførelse af ”Dialog mod Vold” ved budget 2025." in note
    # the order of the contract: cost, the sources in file order, the residual, then the deferred project
    places = [note.index(p) for p in ("koster", "4,4", "1,9", "2,05", "restfinansiering", "Dialog mod Vold")]
    assert places == sorted(places)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("10.35", "10,35"),
        ("4.40", "4,4"),
        ("4.4", "4,4"),
        ("2.00", "2,0"),
        ("2", "2,0"),
        ("2.05", "2,05"),
        ("1234.5", "1.234,5"),
        ("10350000", "10.350.000,0"),
        ("0.005", "0,01"),  # half away from zero, as a spreadsheet shows it
        ("0.015", "0,02"),
        ("0.025", "0,03"),
        ("-0.025", "-0,03"),
        ("1.23456", "1,23"),
        ("0.12345678", "0,12"),
        ("-0.5", "-0,5"),
    ],
)
def test_note_style(value, shown):
    assert note_number(Decimal(value)) == shown


def test_unit_and_prices_apply():
    note = invoke("note", SEED, "--unit", "t.kr.", "--prices", "2025").stdout
    assert "koster i alt 10.650,15 t.kr. (2025-priser)." in note
    assert "restfinansiering på 2.058,0 t.kr. Ønsker" in note
    assert "10.350.000,0 kr. (2024-priser)" in invoke("note", SEED, "--unit", "kr.").stdout


def _note(tmp_path, body: str, *args: str) -> str:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("scenario: Test\nbudget_year: 2024\nunit: mio. kr.\n" + body, encoding="utf-8")
    result = invoke("note", scenario, *args)
    assert result.code == 0, result.stderr
    return result.stdout


SOURCES = "sources:\n  s: {name: Fonden, kind: fund}\n  t: {name: Afdelingen, kind: decentral}\n"


def test_full_coverage(tmp_path):
    note = _note(
        tmp_path,
        SOURCES + "projects:\n  p: {name: P, costs: {2024: 1}}\n"
        "financing:\n  - {source: s, amount: 0.6}\n  - {source: t, amount: 0.4}\n",
    )
    assert "koster i alt 1,0 mio. kr." in note and "(20" not in note  # no price level, no caption for it
    assert note.endswith("Finansieringen dækker dermed hele udgiften, og der udestår ingen restfinansiering.\n")


def test_a_surplus_is_named_with_its_amount(tmp_path):
    note = _note(
        tmp_path,
        SOURCES + "projects:\n  p: {name: P, costs: {2024: 1}}\nfinancing:\n  - {source: s, amount: {2024: 1.5}}\n",
    )
    assert "Finansieringen overstiger dermed udgiften: der er et overskud på 0,5 mio. kr.\n" in note
    assert "restfinansiering" not in note


def test_deferred_and_stopped_projects(tmp_path):
    note = _note(
        tmp_path,
        SOURCES + "projects:\n  p: {name: P, costs: {2024: 1}}\n"
        "  a: {name: A, status: defer, decide_at: 2025}\n  b: {name: B, status: defer, decide_at: 2026}\n"
        "  c: {name: C, status: defer, decide_at: 2025}\n  d: {name: D, status: stop}\n  e: {name: E, status: stop}\n"
        "financing:\n  - {source: s, amount: 0.25, note: Mod forventning om besparelser}\n",
    )
    assert "En videreførelse af projektet ”P” i 2024 koster i alt 1,0 mio. kr." in note
    assert "- 0,25 mio. kr. fra Fonden: Mod forventning om besparelser\n" in note
    assert "restfinansiering på 0,75 mio. kr. Ønsker byrådet at videreføre projektet, skal" in note
    assert note.endswith(
        "Der tages først stilling til en eventuel videreførelse af ”A” og ”C” ved budget 2025.\n\n"
        "Der tages først stilling til en eventuel videreførelse af ”B” ved budget 2026.\n\n"
        "Projekterne ”D” og ”E” videreføres ikke.\n"
    )


def test_nothing_continued_and_no_financing(tmp_path):
    note = _note(tmp_path, "sources:\n  s: {name: S, kind: fund}\nprojects:\n  d: {name: D, status: stop}\n")
    assert note == "Der er ingen projekter at videreføre i dette scenarie.\n\nProjektet ”D” videreføres ikke.\n"
    note = _note(tmp_path, "sources:\n  s: {name: S, kind: fund}\nprojects:\n  p: {name: P, costs: {2025: 2.5}}\n")
    assert (
        "Der er ikke fundet finansiering til videreførelsen.\n\nDer udestår dermed en restfinansiering på 2,5" in note
    )


def test_ca_where_rounding_changes_the_figure(tmp_path):
    note = _note(
        tmp_path,
        SOURCES + "projects:\n  p: {name: P, costs: {2024: 1.23456}}\nfinancing:\n  - {source: s, amount: 0.5}\n",
    )
    assert "koster i alt ca. 1,23 mio. kr." in note and "- 0,5 mio. kr. fra Fonden" in note
    assert "restfinansiering på ca. 0,73 mio. kr." in note


def test_notes_of_every_line_of_a_source_in_file_order(tmp_path):
    note = _note(
        tmp_path,
        SOURCES + "projects:\n  p:\n    name: P\n    costs: {2024: 4}\n    financing:\n"
        "      - {source: t, share: 25%, note: Egen andel}\n"
        "financing:\n  - {source: t, amount: 1, note: Besparelser}\n  - {source: t, amount: 0.5, note: Egen andel}\n",
    )
    assert "- 2,5 mio. kr. fra Afdelingen: Egen andel; Besparelser\n" in note


def test_text_a_user_wrote_is_not_markdown(tmp_path):
    note = _note(
        tmp_path,
        "sources:\n  s: {name: '*Fed* [link](x) <b>', kind: fund}\n"
        'projects:\n  p: {name: "Rød|\\u001b[31m_x_", costs: {2024: 1}}\n'
        'financing:\n  - {source: s, amount: 1, note: "`kode` & ~slet~"}\n',
    )
    assert "”Rød\\|\\\\x1b\\[31m\\_x\\_”" in note
    assert "fra \\*Fed\\* \\[link\\](x) \\<b\\>: \\`kode\\` \\& \\~slet\\~" in note
    assert "\x1b" not in note


def test_note_to_a_file_and_an_invalid_scenario(tmp_path):
    target = tmp_path / "note.md"
    assert invoke("note", SEED, "-o", target).code == 0
    assert target.read_text(encoding="utf-8") == invoke("note", SEED).stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: x\n", encoding="utf-8")
    result = invoke("note", bad)
    assert result.code == 1 and result.stdout == "" and "error[missing-key]" in result.stderr


# --- every amount is the report's figure in note style ------------------------------------------------------------

_NUMBER = r"(ca\. )?(-?\d{1,3}(?:\.\d{3})*,\d\d?)"


def _parse(shown: str) -> Decimal:
    return Decimal(shown.replace(".", "").replace(",", "."))


def _check(about: str | None, shown: str, figure: Decimal) -> None:
    """SHOWN is FIGURE in note style: 2 decimals half away from zero, one where the second is 0, 'ca.' iff
    rounded."""
    rounded = figure.quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert _parse(shown) == rounded
    decimals = len(shown.split(",")[1])
    assert decimals == (1 if rounded == rounded.quantize(Decimal("0.1")) else 2)
    assert bool(about) == (rounded != figure)


@settings(max_examples=60, deadline=None)
@given(drawn_scenarios(), st.sampled_from(list(Unit)), st.sampled_from(list(Unit)))
def test_every_amount_in_the_note_is_the_reports_figure(drawn, unit, out):
    loaded = load(text(drawn, unit))
    report = build(loaded.scenario, loaded.gap, out)
    note = paragraph(report, source_notes(loaded.scenario))
    total = report.columns[-1]
    u = re.escape(out.value)
    if not report.gap.total.costs:
        assert note.startswith("Der er ingen projekter at videreføre")
        return
    cost = re.search(rf"koster i alt {_NUMBER} {u}", note)
    _check(cost.group(1), cost.group(2), total.cost)
    bullets = re.findall(rf"^- {_NUMBER} {u} fra (.*)$", note, re.M)
    assert [name for _, _, name in bullets] == list(report.sources.values())  # in the order of the file
    for (about, shown, _), sid in zip(bullets, report.sources, strict=True):
        _check(about, shown, total.financing[sid])
    if total.residual > 0:
        residual = re.search(rf"restfinansiering på {_NUMBER} {u}", note)
        _check(residual.group(1), residual.group(2), total.residual)
    elif total.residual < 0:
        surplus = re.search(rf"overskud på {_NUMBER} {u}", note)
        _check(surplus.group(1), surplus.group(2), -total.residual)
    else:
        assert "dækker dermed hele udgiften" in note
    amounts = re.findall(rf"{_NUMBER} {u}", note)
    assert len(amounts) == 1 + len(bullets) + (total.residual != 0)  # no other amount in the note


@pytest.mark.parametrize("unit", ["kr.", "t.kr.", "mio. kr."])
def test_without_a_price_level_the_first_sentence_ends_with_one_full_stop(tmp_path, unit):
    path = tmp_path / "n.yaml"
    path.write_text(
        f"scenario: T\nbudget_year: 2024\nunit: {unit}\nsources: {{a: {{name: A}}}}\n"
        'projects: {p: {name: P, costs: {2024: 1234.5}, financing: [{source: a, share: "10%"}]}}\n',
        encoding="utf-8",
    )
    first = invoke("note", str(path)).stdout.splitlines()[0]
    assert first == f"En videreførelse af projektet ”P” i 2024 koster i alt 1.234,5 {unit}"
