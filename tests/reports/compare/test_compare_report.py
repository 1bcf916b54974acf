"""The `compare` report in every format: hand-computed changes on the portfolio fixtures, signed and coloured; the
scenarios' titles instead of bare paths (the paths stay in JSON), a cost row per project and a coverage row (issue
13); the rounding line. Driven in-process (`invoke`); the command's own checks are in cli/test_compare_command.py."""

import csv
import io
from decimal import Decimal
from pathlib import Path

from conftest import ROOT, as_json, invoke, write_scenario

HERE = ROOT / "tests" / "fixtures" / "portfolio"
BEFORE = str(HERE / "before.yaml")
AFTER = str(ROOT / "tests" / "fixtures" / "compare_years" / "after_2024.yaml")  # the same budget year: no year closed
D = Decimal


def test_table_and_markdown_show_the_titles_project_costs_and_coverage():
    table = invoke("compare", BEFORE, AFTER, env={"COLUMNS": "200"}).stdout
    assert table.splitlines()[0].strip() == "Før → Efter" and BEFORE not in table
    assert "│ A            " in table  # the project's own cost row
    assert "│ Dækningsgrad       │ før     │ 55,0 % │          55,0 % │      - │          55,0 % │" in table
    assert "│                    │ ændring │      - │ -5,0 pct.-point │      - │ +5,0 pct.-point │" in table
    markdown = invoke("compare", BEFORE, AFTER, "-f", "markdown").stdout
    assert markdown.startswith("### Før → Efter\n")
    assert "| A | før | 1,00 | 1,00 | 0,00 | 2,00 |" in markdown
    assert "| **Dækningsgrad** | før | 55,0 % | 55,0 % | - | 55,0 % |" in markdown


def test_the_same_title_on_both_sides_names_the_paths(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_text(Path(AFTER).read_text(encoding="utf-8"), encoding="utf-8")
    table = invoke("compare", AFTER, copy, env={"COLUMNS": "300"}).stdout
    title = "".join(table.split("┏")[0].split())  # Rich wraps (and folds) a long title: compare without spaces
    assert title == "".join(f"Efter ({AFTER}) → Efter ({copy})".split())


def test_json_keeps_the_paths_and_adds_titles_costs_and_coverage():
    report = as_json(invoke("compare", BEFORE, AFTER, "-f", "json").stdout)
    assert (report["before"], report["after"]) == (BEFORE, AFTER)
    assert report["titles"] == {"before": "Før", "after": "Efter"}
    assert list(report["years"][0]) == ["year", "cost", "financed", "residual", "financing", "costs", "coverage"]
    total = report["total"]
    assert total["costs"] == {"a": {"before": D("2"), "after": D("2.5"), "change": D("0.5")}}
    assert total["coverage"] == {"before": D("0.55"), "after": D("0.6"), "change": D("0.05")}
    first = report["years"][0]  # 2024: AFTER has no cost that year
    assert first["coverage"] == {"before": D("0.55"), "after": None, "change": None}


def test_csv_has_project_cost_rows_and_no_coverage():
    rows = list(csv.DictReader(io.StringIO(invoke("compare", BEFORE, AFTER, "-f", "csv").stdout)))
    assert ("total", "cost", "a", "A", "2", "2.5", "0.5") in [tuple(r.values()) for r in rows]
    assert not any(r["category"] == "coverage" for r in rows)


_ROUNDED = """scenario: {title}
budget_year: 2024
unit: mio. kr.
sources:
  s: {{name: S}}
projects:
  p: {{name: P, costs: {{2024: {cost}, 2025: {cost}}}, financing: [{{source: s, amount: {{2024: 0.5}}}}]}}
"""


def _rounded_pair(tmp_path, before: str, after: str) -> tuple[str, str]:
    paths = []
    for name, cost in (("a.yaml", before), ("b.yaml", after)):
        path = tmp_path / name
        path.write_text(_ROUNDED.format(title=name, cost=cost), encoding="utf-8")
        paths.append(str(path))
    return paths[0], paths[1]


def test_compare_says_when_shown_totals_differ_from_their_rounded_parts(tmp_path):
    # 1.2345 + 1.2345 = 2.469: shown to 2 decimals, 1,23 + 1,23 is not 2,47
    before, after = _rounded_pair(tmp_path, "1.2345", "1.2355")
    for fmt in ("table", "markdown"):
        result = invoke("compare", before, after, "--decimals", "2", "--format", fmt)
        assert result.returncode == 0
        assert "Afrundingsdifferencer kan forekomme." in result.stdout


def test_compare_has_no_rounding_line_when_every_shown_figure_adds_up(tmp_path):
    before, after = _rounded_pair(tmp_path, "1.2345", "1.2355")
    for args in ((), ("--decimals", "4")):
        result = invoke("compare", before, after, *args)
        assert result.returncode == 0
        assert "Afrundingsdifferencer" not in result.stdout
    before, after = _rounded_pair(tmp_path, "1.25", "1.5")
    assert "Afrundingsdifferencer" not in invoke("compare", before, after, "--decimals", "2").stdout


# --- before and after, hand-computed ----------------------------------------------------------------------------------


def c(before, after):
    return {"before": D(before), "after": D(after), "change": D(after) - D(before)}


def test_compare_json_hand_computed():
    result = invoke("compare", BEFORE, AFTER, "--format", "json")
    assert result.returncode == 0, result.stderr
    report = as_json(result.stdout)
    assert (report["before"], report["after"], report["unit"], report["price_level"]) == (
        BEFORE,
        AFTER,
        "mio. kr.",
        2024,
    )
    years = {y["year"]: y for y in report["years"]}
    assert list(years) == [2024, 2025, 2026]
    assert years[2024]["cost"] == c("1", "0")
    assert years[2024]["financing"] == {"fund": c("0.5", "0"), "gone": c("0.05", "0")}
    assert years[2025]["cost"] == c("1", "1.5")
    assert years[2025]["financed"] == c("0.55", "0.75")
    assert years[2025]["residual"] == c("0.45", "0.75")
    assert years[2026]["financing"] == {"fund": c("0", "0.5"), "new": c("0", "0.25")}
    total = report["total"]
    assert total["cost"] == c("2", "2.5")
    assert total["financing"] == {"fund": c("1", "1.25"), "new": c("0", "0.25"), "gone": c("0.1", "0")}
    assert total["financed"] == c("1.1", "1.5")
    assert total["residual"] == c("0.9", "1")
    assert report["projects"] == {"added": ["b"], "removed": ["old"]}
    assert report["sources"] == {"added": ["new"], "removed": ["gone"]}


def test_compare_unit_option_and_csv():
    result = invoke("compare", BEFORE, AFTER, "--format", "csv", "--unit", "t.kr.")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["year", "category", "id", "name", "before", "after", "change"]
    residual = next(r for r in rows if r["year"] == "total" and r["category"] == "residual")
    assert (residual["before"], residual["after"], residual["change"]) == ("900", "1000", "100")


def test_compare_table_and_markdown_show_signed_changes_and_added_removed():
    table = invoke("compare", BEFORE, AFTER).stdout
    assert "+0,50" in table and "-1,00" in table
    assert "Nye projekter: B (b)" in table and "Udgåede projekter: Gammelt projekt (old)" in table
    assert (
        "Nye finansieringskilder: Ny kilde (new)" in table
        and "Udgåede finansieringskilder: Udgået kilde (gone)" in table
    )
    assert "\x1b[" not in table
    markdown = invoke("compare", BEFORE, AFTER, "--format", "markdown").stdout
    assert "| **Restfinansiering** | før | 0,45 | 0,45 | 0,00 | 0,90 |" in markdown
    assert "|  | ændring | -0,45 | +0,30 | +0,25 | +0,10 |" in markdown


def test_compare_colours_changes_on_a_terminal():
    result = invoke("compare", BEFORE, AFTER, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[31m" in result.stdout and "\x1b[32m" in result.stdout  # red where worse, green where better


def test_compare_csv_lists_added_and_removed():
    rows = list(csv.DictReader(io.StringIO(invoke("compare", BEFORE, AFTER, "--format", "csv").stdout)))
    extra = [(r["category"], r["id"], r["name"]) for r in rows if r["year"] == ""]
    assert extra == [
        ("added-project", "b", "B"),
        ("removed-project", "old", "Gammelt projekt"),
        ("added-source", "new", "Ny kilde"),
        ("removed-source", "gone", "Udgået kilde"),
    ]


def test_compare_decimals_zero_shows_no_minus_zero():
    out = invoke("compare", BEFORE, AFTER, "--decimals", "0").stdout
    assert "-0 " not in out and "+0 " not in out


SIGNS = (
    "Ændring = efter - før: + = merudgift / mere finansiering / større restfinansiering, "
    "- = mindreudgift / mindre finansiering / mindre restfinansiering; dækningsgrad i procentpoint."
)


def test_a_sign_legend_stands_under_the_table_in_every_format_for_people():
    table = invoke("compare", BEFORE, AFTER, env={"COLUMNS": "400"}).stdout.splitlines()
    assert table[table.index(next(line for line in table if line.startswith("└"))) + 2] == SIGNS
    assert f"- {SIGNS}" in invoke("compare", BEFORE, AFTER, "-f", "markdown").stdout.splitlines()
    assert SIGNS not in invoke("compare", BEFORE, AFTER, "-f", "csv").stdout  # a machine format: no legend


def test_sources_that_never_paid_are_not_removed_financing_sources():
    """Issue 19: the 2024 seed names the state and the region (they can never pay) and 2025 does not: they are
    no removed financing sources, in the table, in JSON or in CSV."""
    before, after = str(ROOT / "scenarios" / "2024.yaml"), str(ROOT / "scenarios" / "2025.yaml")
    table = invoke("compare", before, after, env={"COLUMNS": "400"}).stdout
    assert "Udgåede finansieringskilder" not in table and "Staten" not in table
    assert as_json(invoke("compare", before, after, "-f", "json").stdout)["sources"] == {"added": [], "removed": []}
    rows = csv.DictReader(io.StringIO(invoke("compare", before, after, "-f", "csv").stdout))
    assert [r for r in rows if r["category"] == "removed-source"] == []


def test_a_source_that_pays_nothing_is_neither_removed_nor_new(tmp_path):
    """A source of any kind that pays nothing in the file that alone names it is not listed; one that pays is."""
    head = "scenario: S\nbudget_year: 2024\nunit: kr.\nprojects:\n  p:\n    name: P\n    costs: {2024: 100}\n"
    before = write_scenario(tmp_path, head + (
        "sources:\n  a: {name: A, kind: decentral}\n  idle: {name: Ledig, kind: fund}\n"
        "  paid: {name: Betalt, kind: fund}\n"
        "financing:\n  - {source: a, share: 10%}\n  - {source: paid, amount: 20}\n"
    ), "before.yaml")
    after = write_scenario(tmp_path, head + (
        "sources:\n  a: {name: A, kind: decentral}\n  quiet: {name: Stille, kind: external}\n"
        "  stat: {name: Staten, kind: state}\nfinancing:\n  - {source: a, share: 10%}\n"
    ), "after.yaml")
    report = as_json(invoke("compare", before, after, "-f", "json").stdout)
    assert report["sources"] == {"added": [], "removed": ["paid"]}
    table = invoke("compare", before, after, env={"COLUMNS": "400"}).stdout
    assert table.splitlines()[-1] == "Udgåede finansieringskilder: Betalt (paid)"
    assert "Nye finansieringskilder" not in table
