"""The `gap` table (reports/gap/table.py): in a pipe as wide as it needs, on a terminal never a number cut (labels
wrap), --decimals and `decimals:` and the rounding line; the shipped scenario's table cell by cell; outcome
lines."""

from pathlib import Path

from conftest import ROOT, SEED_CELLS, cells, invoke, seed_report, write_scenario
from effektinvest.reports import gap as gap_report

SEED = str(ROOT / "scenarios" / "2024.yaml")
WIDE = {"COLUMNS": "200"}  # wider than any table here: nothing wraps
CAP = ROOT / "tests" / "fixtures" / "format12" / "outcome_cap.yaml"


def test_table_in_a_narrow_pipe_does_not_wrap():
    out = invoke("gap", SEED, env={"COLUMNS": "40"}).stdout
    assert "Sociale Forhold og Beskæftigelse" in out
    assert "\x1b[" not in out


# --- amounts on screen (docs/cli.md): a number is never cut, labels wrap, --decimals and `decimals:` -------------

NARROW = """\
scenario: Budget 2025 — videreførelse af sociale investeringer i Aarhus Kommune
budget_year: 2025
unit: t.kr.
sources:
  sfb: {name: Sociale Forhold og Beskæftigelse (decentralt budget)}
  fond: {name: Outcomefonden}
projects:
  havnen:
    name: Housing First Havnen, herberg og bostøtte
    costs: {2025: 2480, 2026: 3720.5, 2027: 1234567.25, 2028: 1000}
    financing: [{source: sfb, share: "42,5 %"}]
  hjem: {name: "Hjem, Job og Helhed", costs: {2025: 1660, 2026: 2490, 2027: 12.5, 2028: 77}}
financing:
  - {source: fond, amount: 2050.333}
"""


def _on_a_terminal(path, columns: int, *args: str) -> str:
    result = invoke("gap", str(path), *args, env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": str(columns)})
    assert result.code == 0, result.stderr
    return result.stdout


def _numbers(text: str) -> list[str]:
    import re

    return re.findall(r"(?<![\w.,])-?[0-9][0-9.]*(?:,[0-9]+)?(?: %)?(?![\w.,])", text)


def _words(text: str) -> set[str]:
    return set(text.replace("│", " ").replace("┃", " ").split())


def test_a_narrow_terminal_never_cuts_a_number_or_a_label(tmp_path):
    path = tmp_path / "narrow.yaml"
    path.write_text(NARROW, encoding="utf-8")
    wide = _on_a_terminal(path, 200)
    for columns in (80, 60):
        narrow = _on_a_terminal(path, columns)
        assert "…" not in narrow
        assert set(_numbers(narrow)) == set(_numbers(wide))  # every figure whole (a block repeats "Budget 2025")
        for word in ("Housing", "bostøtte", "Beskæftigelse", "Outcomefonden", "Restfinansiering"):
            assert word in _words(narrow), (columns, word)


def test_labels_wrap_when_the_numbers_fit():
    seed = _on_a_terminal(SEED, 50)
    lines = seed.splitlines()
    assert max(len(line) for line in lines) <= 50  # it fits: the labels wrapped
    assert any(line.startswith("│ Sociale Forhold og") for line in lines)
    assert any(line.startswith("│ Beskæftigelse") for line in lines)
    assert "│   2,48 │   3,72 │   6,20 │" in seed


def test_a_table_that_cannot_fit_is_printed_at_its_natural_width(tmp_path):
    path = tmp_path / "narrow.yaml"
    path.write_text(NARROW, encoding="utf-8")
    assert _on_a_terminal(path, 30) == _on_a_terminal(path, 200)  # the terminal then wraps it


def test_a_table_too_wide_is_split_into_blocks_of_years_each_with_the_labels(tmp_path):
    path = tmp_path / "narrow.yaml"
    path.write_text(NARROW, encoding="utf-8")
    lines = _on_a_terminal(path, 40).splitlines()
    assert max(len(line) for line in lines) <= 40
    heads = [line.split("┃")[1].strip() for line in lines if line.startswith("┃") and "Budget" in line]
    assert heads == ["Budget 2025"] * 5  # one year a block, the total last, the label column in each
    assert sum("Restfinansiering" in line for line in lines) == 5


def test_figures_show_as_many_decimals_as_they_need():
    in_tkr = _on_a_terminal(SEED, 120, "--unit", "t.kr.")
    assert "│  2.480 │  3.720 │  6.200 │" in in_tkr  # whole t.kr.: no ,00000
    assert "Afrundingsdifferencer" not in in_tkr


def test_decimals_round_what_is_shown_and_say_so_when_totals_differ(tmp_path):
    one = _on_a_terminal(SEED, 120, "--decimals", "1")
    assert "│ Udgift i alt                     │    4,1 │    6,2 │   10,4 │" in one
    assert one.splitlines()[-3:] == [
        "Afrundingsdifferencer kan forekomme.",
        "Finansieringen udløber i 2024: Havnen; Hjem, Job og Helhed; Dialog mod Vold",
        "Udskudt: Dialog mod Vold (beslutning ved budget 2025)",
    ]
    assert "Afrundingsdifferencer" not in _on_a_terminal(SEED, 120, "--decimals", "2")  # nothing rounded away
    house = tmp_path / "house.yaml"
    house.write_text(
        Path(SEED).read_text(encoding="utf-8").replace("price_level: 2024", "price_level: 2024\ndecimals: 1"),
        encoding="utf-8",
    )
    assert _on_a_terminal(house, 120) == one  # the scenario's house style, as --decimals 1
    option_wins = _on_a_terminal(house, 120, "--decimals", "2")
    assert "│ Udgift i alt                     │   4,14 │   6,21 │  10,35 │" in option_wins
    md = gap_report.render("markdown", seed_report(), 0)
    assert "| **Udgift i alt** | **4** | **6** | **10** |" in md and "- Afrundingsdifferencer kan forekomme." in md


# --- outcome lines ----------------------------------------------------------------------------------------------------


def test_gap_table_shows_the_capped_payments_under_the_source():
    result = invoke("gap", CAP)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "Outcomefonden" in line)
    assert [cell.strip() for cell in row.strip("│ ").split("│")][1:] == ["800.000", "1.200.000", "500.000", "2.500.000"]
    residual = next(line for line in result.stdout.splitlines() if "Restfinansiering" in line)
    assert "1.500.000" in residual and "2.000.000" in residual


# --- the shipped scenario's table -------------------------------------------------------------------------------------


def test_seed_table():
    result = invoke("gap", SEED, env=WIDE)
    assert result.returncode == 0
    assert result.stderr == ""
    out = result.stdout
    assert "\x1b[" not in out  # no colour in a pipe
    assert cells(out) == SEED_CELLS
    lines = out.splitlines()
    assert lines[0].strip() == "Budget 2024: Videreførelse af Housing First-projekterne"
    assert lines[-3].strip() == "mio. kr., 2024-priser"
    assert lines[-2] == "Finansieringen udløber i 2024: Havnen; Hjem, Job og Helhed; Dialog mod Vold"
    assert lines[-1] == "Udskudt: Dialog mod Vold (beslutning ved budget 2025)"
    assert len(lines) == 20  # title, 3 lines of head, 9 rows, 3 rules, the bottom, caption, 2 lines of foot


def test_table_is_as_wide_as_it_needs_in_a_pipe_at_any_width():
    narrow = invoke("gap", SEED, env={"COLUMNS": "20"}).stdout
    assert narrow == invoke("gap", SEED, env=WIDE).stdout
    assert cells(narrow) == SEED_CELLS


def test_names_are_printed_literally(tmp_path):
    path = write_scenario(
        tmp_path,
        "scenario: '[bold]Titel[/bold]'\nbudget_year: 2024\nsources: {f: {name: 'Fond [/]'}}\n"
        "projects: {a: {name: 'Skole [fase 2]', costs: {2024: 10}, financing: [{source: f, amount: 5}]}}\n",
        "markup.yaml",
    )
    out = invoke("gap", path, env=WIDE).stdout
    assert "Skole [fase 2]" in out and "Fond [/]" in out and "[bold]Titel[/bold]" in out
