"""Properties of whole scenario files: generated valid YAML texts, read with `load_bytes` or the command line,
across the reports (payments add up to the report, units and order change no figure, compare(A, A) is zero, every
renderer carries the JSON figures, savings and realisation never change `gap`).

The generator (`drawn_scenarios` and `text`, in conftest.py) draws the figures in øre (whole, so valid in every
unit) and writes them in kr., t.kr. or mio. kr.: several projects with costs over a few years (zero costs too),
continued, deferred or stopped; project lines and pooled top-level lines (with and without `projects:`); shares (as
"12,5 %", "12.5%" or 0.125), total amounts and year-mapped amounts. Every text it writes is valid (no error), so no
example is discarded.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import ROOT, invoke
from drawn import CLI, Drawn, Line, Project, drawn_scenarios, kr, load, savings_scenarios, text, written
from effektinvest.core.arithmetic import ledger, payments
from effektinvest.model.units import Unit

D = Decimal
ZERO = D(0)
FAST = settings(max_examples=60, deadline=None)


# --- payments and the report ------------------------------------------------------------------------------------


@FAST
@given(drawn_scenarios(), st.sampled_from(list(Unit)))
def test_the_lines_payments_add_up_to_the_reports_financing(drawn, unit):
    loaded = load(text(drawn, unit))
    scenario, gap = loaded.scenario, loaded.gap
    paid = payments(scenario, ledger(scenario)[1])
    years = sorted({year for costs in drawn.active.values() for year in costs})
    assert list(gap.years) == years
    for _, by_year in paid:
        assert all(year in gap.years for year, amount in by_year.items() if amount), "paid in a year not reported"
    for year, column in gap.years.items():
        assert column.costs == {pid: kr(costs[year]) for pid, costs in drawn.active.items() if year in costs}
        assert column.cost == kr(sum(costs.get(year, 0) for costs in drawn.active.values()))
        for sid in drawn.sources:
            lines = sum((by_year.get(year, ZERO) for ref, by_year in paid if ref.line.source == sid), ZERO)
            assert column.financing.get(sid, ZERO) == lines  # no payment lost, none counted twice
            assert (sid in column.financing) == (lines != 0)  # a source is listed in a year when it pays
        assert column.financed == sum(column.financing.values(), ZERO)
        assert column.residual == column.cost - column.financed
    total = gap.total
    columns = gap.years.values()
    for sid in drawn.sources:
        assert total.financing.get(sid, ZERO) == sum((c.financing.get(sid, ZERO) for c in columns), ZERO)
    for pid in drawn.active:
        assert total.costs[pid] == sum((c.costs.get(pid, ZERO) for c in columns), ZERO)
    for figure in ("cost", "financed", "residual"):
        assert getattr(total, figure) == sum((getattr(c, figure) for c in columns), ZERO)
    assert total.financed == sum((amount for _, by_year in paid for amount in by_year.values()), ZERO)


# 50 % of 0.01 kr. is 0.005 -> 0.00 and of 0.05 kr. 0.025 -> 0.02 (half to even, down); of 0.03 kr. 0.015 -> 0.02 (up)
HALVES = Drawn(["s0"], [Project("p0", "continue", {2024: 1, 2025: 3, 2026: 5}, [Line("s0", share=5000)])], [])


@FAST
@example(HALVES, Unit.MIO)
@given(drawn_scenarios(), st.sampled_from(list(Unit)))
def test_each_line_pays_what_the_format_says(drawn, unit):
    """A share pays round-half-even(share x covered cost) to whole øre in each year with covered cost; a
    year-mapped amount pays what it says; a total amount is split in whole øre that add up to it, each part
    less than one øre from its exact proportional part."""
    scenario = load(text(drawn, unit)).scenario
    paid = payments(scenario, ledger(scenario)[1])
    counting = [("projects", p.pid, "financing", i) for p in drawn.projects if p.status == "continue"
                for i in range(len(p.lines))]
    counting += [("financing", i) for i in range(len(drawn.pooled))]
    assert [ref.path for ref, _ in paid] == counting
    for ref, by_year in paid:
        line, covered = drawn.line(ref.path), drawn.covered(ref.path)
        assert sorted(ref.covers) == sorted(drawn.covers(ref.path))
        if line.share is not None:
            assert by_year == {year: kr(round(Fraction(line.share * ore, 10000))) for year, ore in covered.items()}
        elif isinstance(line.amount, dict):
            assert by_year == {year: kr(ore) for year, ore in line.amount.items()}
        else:
            assert list(by_year) == list(covered)
            assert sum(by_year.values(), ZERO) == kr(line.amount)
            whole = sum(covered.values())
            for year, ore in covered.items():
                part = by_year[year] * 100
                assert part == int(part) and abs(Fraction(part) - Fraction(line.amount * ore, whole)) < 1


@FAST
@given(drawn_scenarios())
def test_the_same_scenario_in_kr_tkr_and_mio_gives_the_same_gap(drawn):
    gaps = [load(text(drawn, unit)).gap for unit in Unit]
    assert gaps[0] == gaps[1] == gaps[2]
    spelled = load(text(drawn, Unit.MIO, spelling="mio DKK")).gap
    assert spelled == gaps[0]


@FAST
@given(drawn_scenarios(), st.randoms(use_true_random=False))
def test_the_order_of_projects_lines_and_sources_changes_no_figure(drawn, random):
    def shuffle(items):
        items = list(items)
        random.shuffle(items)
        return items

    before = load(text(drawn)).gap
    after = load(text(drawn, shuffle=shuffle)).gap
    assert list(after.years) == list(before.years)
    for year, column in before.years.items():
        assert after.years[year].costs == column.costs
        assert after.years[year].financing == column.financing  # per source: dicts compare without order
        assert after.years[year] == column
    assert after.total == before.total


# --- the command line -------------------------------------------------------------------------------------------


def _changes(value):
    """Every {before, after, change} in a compare JSON report."""
    if isinstance(value, dict):
        if "change" in value:
            yield value
        else:
            for item in value.values():
                yield from _changes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _changes(item)


@CLI
@given(drawn_scenarios(), st.sampled_from(list(Unit)), st.randoms(use_true_random=False))
def test_compare_a_scenario_with_itself_changes_nothing(tmp_path, drawn, unit, random):
    a = tmp_path / "a.yaml"
    a.write_text(text(drawn, unit), encoding="utf-8")
    # the same figures, written in another unit and another order
    b = tmp_path / "b.yaml"
    b.write_text(text(drawn, random.choice(list(Unit)), shuffle=lambda items: random.sample(items, len(items))))
    gap = load(text(drawn, unit)).gap
    for after in (a, b):
        result = invoke("compare", a, after, "-f", "json", "--unit", unit.value)
        assert result.code == 0, result.stderr
        report = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)
        assert [y["year"] for y in report["years"]] == list(gap.years)
        changes = list(_changes(report["years"])) + list(_changes(report["total"]))
        assert len(changes) >= 3 * (len(gap.years) + 1)  # cost, financed and residual in every column at least
        for change in changes:
            assert change["change"] == 0 and change["before"] == change["after"], change
        total = report["total"]
        assert unit.to_kr(total["cost"]["after"]) == gap.total.cost
        assert unit.to_kr(total["residual"]["after"]) == gap.total.residual


def _danish(cell: str) -> Decimal | None:
    """'1.234,56' -> 1234.56, '80,7 %' -> 0.807, '-' -> None; Markdown's bold stars dropped."""
    cell = cell.strip().strip("*")
    if cell == "-":
        return None
    number = D(cell.removesuffix("%").strip().replace(".", "").replace(",", "."))
    return number.scaleb(-2) if cell.endswith("%") else number


def _expected(report: dict, names: dict[str, str]) -> dict[tuple[str, str], list]:
    """From the JSON report: {(category, label): [value per year..., total]}, as the table shows them."""
    years = report["years"]
    columns = [*years, report["total"]]
    costs = {p["id"]: p["costs"] for p in report["projects"] if p["status"] == "continue"}
    rows: dict[tuple[str, str], list] = {}
    for pid, by_year in costs.items():
        values = [by_year.get(str(y["year"])) for y in years]
        rows["cost", names[pid]] = [*values, sum((v for v in values if v is not None), ZERO)]
    rows["cost", ""] = [c["cost"] for c in columns]
    for sid in report["total"]["financing"]:
        rows["financing", names[sid]] = [c["financing"].get(sid) for c in columns]
    rows["financed", ""] = [c["financed"] for c in columns]
    rows["residual", ""] = [c["residual"] for c in columns]
    return rows


def _shown_coverage(column: dict) -> Decimal | None:
    """Coverage as a table shows it: to 0.1 %, the JSON's 4-decimal coverage rounded half away from zero (as a
    spreadsheet shows the workbook's cell)."""
    if column["cost"] == 0:
        return None
    return column["coverage"].quantize(D("0.001"), ROUND_HALF_UP)


LABELS = {"Udgift i alt": "cost", "Finansiering i alt": "financed", "Restfinansiering": "residual",
          "Dækningsgrad": "coverage"}


def _from_grid(cells_by_row: list[list[str]], names: dict[str, str]) -> tuple[dict, list]:
    """Rows of a table or Markdown grid (label, then one cell a column) as {(category, label): values}."""
    categories = {name: "cost" if key.startswith("p") else "financing" for key, name in names.items()}
    rows, coverage = {}, None
    for label, *cells in cells_by_row:
        label = label.strip().strip("*")
        values = [_danish(cell) for cell in cells]
        if label in LABELS and LABELS[label] == "coverage":
            coverage = values
        elif label in LABELS:
            rows[LABELS[label], ""] = values
        else:
            rows[categories[label], label] = values
    return rows, coverage


@CLI
@given(drawn_scenarios(), st.sampled_from(list(Unit)))
def test_every_renderer_carries_the_json_figures(tmp_path, drawn, unit):
    path = tmp_path / "s.yaml"
    path.write_text(text(drawn, unit), encoding="utf-8")
    result = invoke("gap", path, "-f", "json")
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)
    names = {sid: f"Kilde {sid.upper()}" for sid in drawn.sources}
    names |= {p.pid: f"Projekt {p.pid.upper()}" for p in drawn.projects}
    expected = _expected(report, names)
    columns = [*(str(y["year"]) for y in report["years"]), "total"]

    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        out = invoke("gap", path, "-f", fmt)
        assert out.code == 0, out.stderr
        got = {}
        for row in csv.DictReader(io.StringIO(out.stdout), delimiter=delimiter):
            label = names[row["id"]] if row["id"] else ""
            assert row["name"] == label
            got[row["year"], row["category"], label] = D(row["amount"])
        want = {
            (column, category, label): value
            for (category, label), values in expected.items()
            for column, value in zip(columns, values, strict=True)
            if value is not None
        }
        assert got == want, fmt

    coverage = [_shown_coverage(c) for c in [*report["years"], report["total"]]]
    markdown = invoke("gap", path, "-f", "markdown")
    assert markdown.code == 0, markdown.stderr
    grid = [line.split(" | ") for line in markdown.stdout.splitlines() if line.startswith("| ")]
    head, _, *body = [[cell.strip(" |") for cell in row] for row in grid]
    assert head[1:] == [*columns[:-1], "I alt"]
    rows, shown = _from_grid(body, names)
    assert rows == expected and shown == coverage

    table = invoke("gap", path)
    assert table.code == 0, table.stderr
    body = [re.split(r"\s*│\s*", line.strip("│ ")) for line in table.stdout.splitlines() if line.startswith("│")]
    rows, shown = _from_grid(body, names)
    assert rows == expected and shown == coverage


# --- savings and realisation never change the gap ---------------------------------------------------------------------


@given(savings_scenarios())
def test_savings_change_nothing_in_the_gap(source):
    with_savings = load(source).gap

    def saving(line: str) -> bool:  # the savings key, or one of its entries (financing lines start "      - ")
        return line.startswith("    savings:") or line.startswith("      ") and not line.startswith("      - ")

    without = load("\n".join(line for line in source.splitlines() if not saving(line))).gap
    assert with_savings == without


def test_savings_and_realisation_never_change_the_gap_of_the_base_fixture(tmp_path):
    base = (ROOT / "tests" / "fixtures" / "base.yaml").read_text(encoding="utf-8")
    before = invoke("gap", "-", "--format", "json", input=base)
    assert before.returncode == 0
    scenario_text = base.replace("\nprojects:\n", '\nrealisation: "40%"\nprojects:\n', 1)
    first = load(base).scenario
    sid = next(iter(first.sources))
    for pid in first.projects:
        scenario_text = scenario_text.replace(
            f"\n  {pid}:\n", f"\n  {pid}:\n    savings: {{{sid}: {{2031: -7.5}}}}\n", 1
        )
    assert "savings:" in scenario_text
    after = invoke("gap", "-", "--format", "json", input=scenario_text)
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout


SAVINGS = st.dictionaries(st.integers(1990, 2100), st.integers(-(10**10), 10**10), min_size=1, max_size=4)


@settings(max_examples=25, deadline=None)
@given(drawn_scenarios(), st.sampled_from(list(Unit)), st.data())
def test_adding_savings_to_projects_never_changes_gap_json(drawn, unit, data):
    plain = text(drawn, unit)
    lines = plain.splitlines(keepends=True)
    out = []
    for line in lines:
        out.append(line)
        if line.startswith("    name: Projekt "):
            pockets = data.draw(st.lists(st.sampled_from(drawn.sources), min_size=1, unique=True))
            mapping = ", ".join(
                f"{sid}: {{{', '.join(f'{y}: {written(o, unit)}' for y, o in data.draw(SAVINGS).items())}}}"
                for sid in pockets
            )
            out.append(f"    savings: {{{mapping}}}\n")
        if line.startswith("unit: "):
            out.append("realisation: " + data.draw(st.sampled_from(["0", "1.5", '"75%"', '"200%"'])) + "\n")
    with_savings = "".join(out)
    before = invoke("gap", "-", "--format", "json", input=plain)
    after = invoke("gap", "-", "--format", "json", input=with_savings)
    assert before.returncode == 0
    assert after.returncode == 0, (with_savings, after.stderr)
    assert after.stdout == before.stdout
