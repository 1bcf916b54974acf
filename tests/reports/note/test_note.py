"""`effektinvest note` (issue 12): the financing paragraph of the budget note in Danish Markdown: the seed note's own
phrases, each situation in words, and properties: every amount in the note is the report's figure in note style.
(The golden notes of the shipped scenarios are in acceptance/test_shipped_scenarios.py.)"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, invoke
from drawn import drawn_scenarios, load, text
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
    assert (  # the residual, and how it falls on the two years (issue 19, point 2)
        "Der udestår dermed en restfinansiering på 2,0 mio. kr., heraf 0,8 mio. kr. i 2024 og 1,2 mio. kr. i 2025. "
        "Ønsker byrådet" in note
    )
    assert "videreførelse af ”Dialog mod Vold” ved budget 2025." in note
    # the order of the contract: cost, the sources in file order, the residual, then the deferred project
    places = [note.index(p) for p in ("koster", "4,4", "1,9", "2,05", "restfinansiering", "Dialog mod Vold")]
    assert places == sorted(places)


@pytest.mark.parametrize(
    ("value", "shown"),
    [  # mio. kr.
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
        ("-0.004", "0,0"),  # a zero has no sign
    ],
)
def test_note_style(value, shown):
    assert note_number(Decimal(value), Unit.MIO) == shown


@pytest.mark.parametrize("unit", [Unit.TKR, Unit.KR])
@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("5700", "5.700"),
        ("10100000", "10.100.000"),
        ("10100000.00", "10.100.000"),
        ("1234.5", "1.235"),  # half away from zero
        ("1233.5", "1.234"),
        ("-1234.5", "-1.235"),
        ("0.49", "0"),
        ("-0.4", "0"),
        ("999.99999", "1.000"),
    ],
)
def test_note_style_in_t_kr_and_kr_is_whole_numbers(unit, value, shown):
    assert note_number(Decimal(value), unit) == shown


def test_unit_and_prices_apply():
    note = invoke("note", SEED, "--unit", "t.kr.", "--prices", "2025").stdout
    assert "koster i alt ca. 10.650 t.kr. (2025-priser)." in note  # 10.650,15
    assert "- ca. 2.109 t.kr. fra Outcomefonden:" in note  # 2.109,28...
    assert "restfinansiering på 2.058 t.kr., heraf ca. 823 t.kr. i 2024 og ca. 1.235 t.kr. i 2025. Ønsker" in note
    note = invoke("note", SEED, "--unit", "kr.").stdout
    assert "koster i alt 10.350.000 kr. (2024-priser)." in note and "- 2.050.000 kr. fra Outcomefonden:" in note
    assert "restfinansiering på 2.000.000 kr., heraf 800.000 kr. i 2024 og 1.200.000 kr. i 2025. Ønsker" in note
    assert "ca." not in note and ",0 kr." not in note
    note = invoke("note", SEED, "--unit", "t.kr.").stdout
    assert "koster i alt 10.350 t.kr. (2024-priser)." in note and "- 4.400 t.kr. fra Sociale" in note
    assert "restfinansiering på 2.000 t.kr., heraf 800 t.kr. i 2024 og 1.200 t.kr. i 2025." in note
    assert "ca." not in note


def test_the_note_ignores_decimals_and_rounds_a_tie_away_from_zero(tmp_path):
    note = _note(
        tmp_path,
        SOURCES + "projects:\n  p: {name: P, costs: {2024: 3.1250}}\nfinancing:\n  - {source: s, amount: 2.0450}\n",
        "--decimals", "0",
    )
    assert "koster i alt ca. 3,13 mio. kr." in note  # not 3,12 (half to even)
    assert "- ca. 2,05 mio. kr. fra Fonden" in note  # not 2,04
    assert "restfinansiering på 1,08 mio. kr. Ønsker" in note  # exact: no "ca."


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


def _kr_note(tmp_path, unit: str, body: str) -> str:
    scenario = tmp_path / "k.yaml"
    scenario.write_text(f"scenario: Test\nbudget_year: 2024\nunit: {unit}\n" + SOURCES + body, encoding="utf-8")
    result = invoke("note", scenario)
    assert result.code == 0, result.stderr
    return result.stdout


def test_t_kr_and_kr_in_whole_numbers_with_ca_only_where_rounding_changed_the_figure(tmp_path):
    body = (
        "projects:\n  p: {name: P, costs: {2024: 5700.4, 2025: 4000}}\n"
        "financing:\n  - {source: s, amount: {2024: 1200.4}}\n"
    )
    note = _kr_note(tmp_path, "t.kr.", body)
    assert "koster i alt ca. 9.700 t.kr." in note  # 9.700,4
    assert "- ca. 1.200 t.kr. fra Fonden" in note  # 1.200,4
    assert "restfinansiering på 8.500 t.kr., heraf 4.500 t.kr. i 2024 og 4.000 t.kr. i 2025." in note  # exact
    note = _kr_note(tmp_path, "kr.", body.replace("5700.4", "10100000").replace("1200.4", "100000.5"))
    assert "koster i alt 10.104.000 kr." in note and "ca. 10.104.000" not in note
    assert "- ca. 100.001 kr. fra Fonden" in note  # 100.000,50: half away from zero
    assert "restfinansiering på ca. 10.004.000 kr., heraf ca. 10.000.000 kr. i 2024 og 4.000 kr. i 2025." in note
    assert ",0 kr." not in note and ",5" not in note


def test_how_the_residual_falls_on_the_years(tmp_path):
    three = "projects:\n  p: {name: P, costs: {2024: 1, 2025: 2, 2026: 1, 2027: 0.5}}\n"
    note = _note(tmp_path, SOURCES + three + "financing:\n  - {source: s, amount: {2024: 0.2, 2026: 1.1, 2027: 0.5}}\n")
    assert (  # 2026 has a surplus, 2027 neither: left out
        "Der udestår dermed en restfinansiering på 2,7 mio. kr., heraf 0,8 mio. kr. i 2024, 2,0 mio. kr. i 2025 "
        "og et overskud på 0,1 mio. kr. i 2026. Ønsker byrådet at videreføre projektet, skal der derfor findes "
        "finansiering hertil i budget 2024.\n" in note
    )
    one = "projects:\n  p: {name: P, costs: {2024: 1, 2025: 2}}\nfinancing:\n  - {source: s, amount: {2024: 1}}\n"
    note = _note(tmp_path, SOURCES + one)  # the residual falls in 2025 only: the total is that year's
    assert "restfinansiering på 2,0 mio. kr. Ønsker byrådet" in note and "heraf" not in note
    surplus = "projects:\n  p: {name: P, costs: {2024: 1, 2025: 2}}\nfinancing:\n  - {source: s, amount: {2024: 1.5}}\n"
    note = _note(tmp_path, SOURCES + surplus)  # a residual in one year, a surplus in another: both named
    assert "restfinansiering på 1,5 mio. kr., heraf et overskud på 0,5 mio. kr. i 2024 og 2,0 mio. kr. i 2025." in note
    ties = (
        "projects:\n  p: {name: P, costs: {2024: 1.1250, 2025: 1}}\n"
        "financing:\n  - {source: s, amount: {2025: 0.5}}\n"
    )
    note = _note(tmp_path, SOURCES + ties)  # each year's figure in note style, "ca." where rounding changed it
    assert "restfinansiering på ca. 1,63 mio. kr., heraf ca. 1,13 mio. kr. i 2024 og 0,5 mio. kr. i 2025." in note
    full = "projects:\n  p: {name: P, costs: {2024: 1, 2025: 1}}\nfinancing:\n  - {source: s, amount: {2024: 2}}\n"
    note = _note(tmp_path, SOURCES + full)  # no residual in all: no sentence about the years
    assert note.endswith("der udestår ingen restfinansiering.\n") and "heraf" not in note


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

_NUMBER = r"(ca\. )?(-?\d{1,3}(?:\.\d{3})*(?:,\d\d?)?)"


def _parse(shown: str) -> Decimal:
    return Decimal(shown.replace(".", "").replace(",", "."))


def _check(about: str | None, shown: str, figure: Decimal, unit: Unit) -> None:
    """SHOWN is FIGURE in note style, rounded half away from zero: in mio. kr. 2 decimals, one where the second
    is 0; in t.kr. and kr. a whole number; 'ca.' iff the rounding changed the figure."""
    rounded = figure.quantize(Decimal("0.01") if unit is Unit.MIO else Decimal(1), ROUND_HALF_UP)
    assert _parse(shown) == rounded
    if unit is Unit.MIO:
        assert len(shown.split(",")[1]) == (1 if rounded == rounded.quantize(Decimal("0.1")) else 2)
    else:
        assert "," not in shown
    assert bool(about) == (rounded != figure)


def _check_years(report, note: str, unit: Unit) -> int:
    """The residual sentence says how the residual falls when more than one year has one (or a surplus):
    each such year in order, with its figure in note style. The number of amounts it adds."""
    u = re.escape(unit.value)
    (sentence,) = [line for line in note.splitlines() if line.startswith("Der udestår")]
    falls = [(y, c.residual) for y, c in zip(report.years, report.columns[:-1], strict=True) if c.residual]
    heraf = re.match(rf"Der udestår dermed en restfinansiering på {_NUMBER} {u}(, heraf .*)?", sentence).group(3)
    if len(falls) < 2:
        assert heraf is None
        return 0
    shown = re.findall(rf"(et overskud på )?{_NUMBER} {u} i (\d{{4}})", heraf)
    assert [int(year) for *_, year in shown] == [year for year, _ in falls]
    for (surplus, about, figure, _), (_, value) in zip(shown, falls, strict=True):
        assert bool(surplus) == (value < 0)
        _check(about, figure, abs(value), unit)
    return len(falls)


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
    _check(cost.group(1), cost.group(2), total.cost, out)
    bullets = re.findall(rf"^- {_NUMBER} {u} fra (.*)$", note, re.M)
    assert [name for _, _, name in bullets] == list(report.sources.values())  # in the order of the file
    for (about, shown, _), sid in zip(bullets, report.sources, strict=True):
        _check(about, shown, total.financing[sid], out)
    years = 0
    if total.residual > 0:
        residual = re.search(rf"restfinansiering på {_NUMBER} {u}", note)
        _check(residual.group(1), residual.group(2), total.residual, out)
        years = _check_years(report, note, out)
    elif total.residual < 0:
        surplus = re.search(rf"overskud på {_NUMBER} {u}", note)
        _check(surplus.group(1), surplus.group(2), -total.residual, out)
    else:
        assert "dækker dermed hele udgiften" in note
    amounts = re.findall(rf"{_NUMBER} {u}", note)
    assert len(amounts) == 1 + len(bullets) + (total.residual != 0) + years  # no other amount in the note


@pytest.mark.parametrize("unit", ["kr.", "t.kr.", "mio. kr."])
def test_without_a_price_level_the_first_sentence_ends_with_one_full_stop(tmp_path, unit):
    path = tmp_path / "n.yaml"
    path.write_text(
        f"scenario: T\nbudget_year: 2024\nunit: {unit}\nsources: {{a: {{name: A}}}}\n"
        'projects: {p: {name: P, costs: {2024: 1234.5}, financing: [{source: a, share: "10%"}]}}\n',
        encoding="utf-8",
    )
    first = invoke("note", str(path)).stdout.splitlines()[0]
    shown = "1.234,5" if unit == "mio. kr." else "ca. 1.235"  # t.kr. and kr. in whole numbers
    assert first == f"En videreførelse af projektet ”P” i 2024 koster i alt {shown} {unit}"


# --- note --realisation (issue 21; savings.md, "Outcome-contract risk") -----------------------------------------------

RISK = str(ROOT / "tests" / "fixtures" / "savings" / "outcome_risk.yaml")  # savings.md's worked example


def test_note_realisation_names_it_and_gives_the_figures_at_it():
    """At 50 % the outcome line pays 500 in all (250 + 250), and the residual is 1,100 (550 + 550); the
    sentence after the cost names the realisation."""
    note = invoke("note", RISK, "--realisation", "50%")
    assert note.code == 0, note.stderr
    paragraphs = note.stdout.split("\n\n")
    assert paragraphs[1] == (
        "Beløbene er opgjort ved 50 % realisering: det er forudsat, at 50 % af de forventede resultater opnås, og "
        "resultatbetalingerne er opgjort derefter."
    )
    assert "- 500 kr. fra Ekstern fond" in note.stdout and "- 400 kr. fra Decentral" in note.stdout
    assert "restfinansiering på 1.100 kr., heraf 550 kr. i 2024 og 550 kr. i 2025." in note.stdout
    plan = invoke("note", RISK).stdout
    assert "realisering" not in plan and "restfinansiering på 700 kr." in plan and "- 900 kr. fra Ekstern fond" in plan


def test_note_realisation_takes_one_value():
    result = invoke("note", RISK, "--realisation", "100%,50%")
    assert result.code == 2 and "note takes one realisation, not a list of 2" in result.stderr
