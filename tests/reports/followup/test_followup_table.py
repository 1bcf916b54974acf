"""reports/followup/table.py and rows.py: the terminal table of `follow-up`, cell by cell, and the lines under it."""

from pathlib import Path

from conftest import cells, invoke

HERE = Path(__file__).resolve().parent
WIDE = {"COLUMNS": "250"}


def _table(name: str, *args) -> str:
    result = invoke("follow-up", str(HERE / name), *args, env=WIDE)
    assert result.code == 0, result.stderr
    return result.stdout


def test_the_worked_example_cell_by_cell():
    out = _table("worked.yaml")
    assert cells(out) == [
        ["Budget 2024", "", "2024 R", "2025 R", "2026 B", "I alt"],
        ["Udgift i alt", "Plan", "1.000", "1.000", "1.000", "3.000"],
        ["", "Regnskab / forventet", "1.100", "950", "1.000", "3.050"],
        ["", "Afvigelse", "+100", "-50", "0", "+50"],
        ["Decentralt budget", "Plan", "500", "500", "500", "1.500"],
        ["", "Regnskab / forventet", "550", "475", "500", "1.525"],
        ["", "Afvigelse", "+50", "-25", "0", "+25"],
        ["Outcomefonden", "Plan", "300", "300", "200", "800"],
        ["", "Regnskab / forventet", "100", "200", "300", "600"],
        ["", "Afvigelse", "-200", "-100", "+100", "-200"],
        ["Restfinansiering", "Plan", "200", "200", "300", "700"],
        ["", "Regnskab / forventet", "450", "275", "200", "925"],
        ["", "Afvigelse", "+250", "+75", "-100", "+225"],
        ["Outcomefonden (linje 16)", "Forventet antal", "3", "3", "3", "9"],
        ["", "Opnået antal", "1", "2", "-", "3"],
        ["", "Betalt", "100", "200", "300", "600"],
        ["", "Loft tilbage", "-", "-", "-", "200"],
        ["Besparelser, Decentralt budget", "Forventet", "0", "600", "600", "1.200"],
        ["", "Realiseret / forventet", "0", "450", "600", "1.050"],
        ["", "Realiseringsgrad", "", "", "", "75,0 %"],
    ]
    assert out.splitlines()[-3:] == [
        "R: regnskab (lukket år, til og med 2025); B: budget (åbent år: prognosen). Regnskab / forventet: "
        "regnskabet i de lukkede år, det forventede i de åbne.",
        "Afvigelse = regnskab / forventet - plan: + = merudgift / mere finansiering / større restfinansiering, "
        "- = mindreudgift / mindre finansiering / mindre restfinansiering.",
        "Realiseringsgrad: de realiserede besparelser over de forventede i de lukkede år.",
    ]
    assert out.splitlines()[-4].strip() == "kr."  # the caption: the unit (the file has no price level)


def test_a_figure_the_plan_stood_in_for_is_marked_with_a_footnote():
    out = _table("missing.yaml")
    rows = cells(out)
    assert rows[2] == ["", "Regnskab / forventet", "900", "1.000*", "1.000", "2.900*"]
    assert rows[5] == ["", "Regnskab / forventet", "90", "100*", "100", "290*"]  # a share of a planned cost
    assert rows[11] == ["", "Regnskab / forventet", "710", "700*", "900", "2.310*"]
    assert rows[13:16] == [
        ["Outcomefonden (linje 20)", "Forventet antal", "2", "2", "-", "4"],
        ["", "Opnået antal", "1", "2*", "-", "3*"],
        ["", "Betalt", "100", "200", "-", "300"],
    ]
    assert rows[-2] == ["", "Realiseret / forventet", "80", "100*", "0", "180*"]
    assert rows[-1] == ["", "Realiseringsgrad", "", "", "", "120,0 %"]
    assert "* Planen står i stedet for et regnskabstal, der mangler i filen (advarslen actual-missing)." in out
    assert "*" not in _table("worked.yaml")


def test_a_surplus_in_the_accounts_is_named_and_a_rate_that_cannot_be_computed_said_so():
    out = _table("surplus.yaml")
    rows = cells(out)
    assert rows[10:13] == [
        ["Restfinansiering", "Plan", "100", "100", "200"],
        ["", "Regnskab / forventet", "-100", "100", "0"],
        ["", "Afvigelse", "-200", "0", "-200"],
    ]
    assert rows[-1] == ["", "Realiseringsgrad", "", "", "kan ikke opgøres"]
    assert "Overskud (finansieringen overstiger udgiften) i regnskab / forventet: 2024 R: 100\n" in out


def test_decimals_round_what_is_shown_and_say_when_totals_differ():
    out = _table("worked.yaml", "--unit", "t.kr.", "--decimals", "0")
    rows = cells(out)
    assert rows[1] == ["Udgift i alt", "Plan", "1", "1", "1", "3"]
    assert rows[11] == ["", "Regnskab / forventet", "0", "0", "0", "1"]  # 0,45 + 0,275 + 0,2 = 0,925
    assert "Afrundingsdifferencer kan forekomme." in out
    assert cells(_table("worked.yaml", "--unit", "t.kr."))[11] == [
        "",
        "Regnskab / forventet",
        "0,450",
        "0,275",
        "0,200",
        "0,925",
    ]
    assert "Afrundingsdifferencer" not in _table("worked.yaml", "--unit", "t.kr.")


def test_deferred_projects_are_listed_with_their_actual_costs():
    out = _table("pooled.yaml")
    assert out.splitlines()[-1] == "Udskudt: C (beslutning ved budget 2025); udgift 2024: 100; regnskab 2024: 90 kr."
