"""Properties of whole scenario files: generated valid YAML texts, read with `load_bytes` or the command line.

The generator draws the figures in øre (whole, so valid in every unit) and writes them in kr., t.kr. or mio.
kr.: several projects with costs over a few years (zero costs too), continued, deferred or stopped; project
lines and pooled top-level lines (with and without `projects:`); shares (as "12,5 %", "12.5%" or 0.125),
total amounts and year-mapped amounts. Every text it writes is valid (no error), so no example is discarded.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import invoke
from effektinvest.core.arithmetic import ledger, payments
from effektinvest.edges.load import load_bytes
from effektinvest.model.numbers import looks_like_thousands
from effektinvest.model.units import Unit

D = Decimal
ZERO = D(0)
YEARS = (2024, 2025, 2026, 2027)
FAST = settings(max_examples=60, deadline=None)
CLI = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@dataclass
class Line:
    source: str
    share: int | None = None  # in 1/10000 (0.01 %)
    share_style: str = "percent"  # percent ("12.5%"), comma ("12,5 %") or fraction (0.125)
    amount: int | dict[int, int] | None = None  # øre: a total, or year -> øre
    projects: list[str] | None = None  # pooled lines only; None: every continued project


@dataclass
class Project:
    pid: str
    status: str  # continue, defer, stop
    costs: dict[int, int] | None  # year -> øre
    lines: list[Line] = field(default_factory=list)
    status_written: bool = True  # False: a continued project without `status:` (the default)


@dataclass
class Drawn:
    sources: list[str]
    projects: list[Project]
    pooled: list[Line]

    @property
    def active(self) -> dict[str, dict[int, int]]:
        return {p.pid: p.costs for p in self.projects if p.status == "continue"}

    def covers(self, path: tuple) -> list[str]:
        """The continued projects the line at PATH covers."""
        if path[0] == "projects":
            return [path[1]]
        listed = self.pooled[path[1]].projects
        return [pid for pid in self.active if listed is None or pid in listed]

    def covered(self, path: tuple) -> dict[int, int]:
        """Covered cost per year in øre, years with a cost above 0 only."""
        out: dict[int, int] = {}
        for pid in self.covers(path):
            for year, ore in self.active[pid].items():
                out[year] = out.get(year, 0) + ore
        return {year: ore for year, ore in sorted(out.items()) if ore > 0}

    def line(self, path: tuple) -> Line:
        if path[0] == "projects":
            return next(p for p in self.projects if p.pid == path[1]).lines[path[3]]
        return self.pooled[path[1]]


def written(ore: int, unit: Unit) -> str:
    """ORE written as a plain decimal in UNIT: 150 øre is 1.5 (kr.), 0.0015 (t.kr.), 0.0000015 (mio. kr.);
    6237 kr. in t.kr. as 6.2370, since 6.237 is ambiguous (Danish thousands?) and an error."""
    text = format(D(ore).scaleb(-2 - unit.exponent).normalize(), "f")
    return text + "0" if looks_like_thousands(text) else text


def kr(ore: int) -> Decimal:
    return D(ore).scaleb(-2)


# øre; small ones make many ties and halves to round
AMOUNTS = st.one_of(st.just(0), st.integers(1, 12), st.integers(1, 999), st.integers(1, 10**10))


@st.composite
def _line(draw, sources: list[str], covered: dict[int, int], share_room: int, counts: bool) -> Line | None:
    """A valid line: a share of at most SHARE_ROOM, or an amount only where the covered cost is positive
    (unless the line does not count: a deferred or stopped project's own line)."""
    years = sorted(covered) if counts else list(YEARS)
    kinds = (["share"] if share_room > 0 else []) + (["amount", "by-year"] if years else [])
    if not kinds:
        return None
    kind = draw(st.sampled_from(kinds))
    source = draw(st.sampled_from(sources))
    if kind == "share":
        halves = [share for share in (5000, 2500, 1250, 7500, 3750, 625) if share <= share_room]  # x.5 øre
        share = draw(st.sampled_from([0, share_room]) | st.sampled_from(halves or [0]) | st.integers(0, share_room))
        return Line(source, share=share, share_style=draw(st.sampled_from(["percent", "comma", "fraction"])))
    if kind == "amount":
        return Line(source, amount=draw(AMOUNTS))
    chosen = sorted(draw(st.permutations(years))[: draw(st.integers(1, len(years)))])
    return Line(source, amount={year: draw(AMOUNTS) for year in chosen})


@st.composite
def drawn_scenarios(draw) -> Drawn:
    sources = [f"s{i}" for i in range(draw(st.integers(1, 3)))]
    projects = []
    for index in range(draw(st.integers(1, 4))):
        # the first project is continued, so there is always a year to report
        status = "continue" if index == 0 else draw(st.sampled_from(["continue", "continue", "defer", "stop"]))
        years = sorted(draw(st.permutations(YEARS))[: draw(st.integers(1, len(YEARS)))])
        costs = {year: draw(AMOUNTS) for year in years}
        if status != "continue" and draw(st.booleans()):
            costs = None
        projects.append(Project(f"p{index}", status, costs, status_written=status != "continue" or draw(st.booleans())))
    room = {p.pid: 10000 for p in projects if p.status == "continue"}  # share left per continued project
    drawn = Drawn(sources, projects, [])
    for project in projects:
        counts = project.status == "continue"
        for _ in range(draw(st.integers(0, 2))):
            covered = drawn.covered(("projects", project.pid)) if counts else {}
            line = draw(_line(sources, covered, room[project.pid] if counts else 10000, counts))
            if line is not None:
                project.lines.append(line)
                if counts and line.share is not None:
                    room[project.pid] -= line.share
    all_ids = [p.pid for p in projects]
    for _ in range(draw(st.integers(0, 3))):
        listed = draw(st.none() | st.lists(st.sampled_from(all_ids), min_size=1, max_size=3, unique=True))
        drawn.pooled.append(Line("", projects=listed))  # a placeholder, so covers() can see its list
        path = ("financing", len(drawn.pooled) - 1)
        covers = drawn.covers(path)
        line = draw(_line(sources, drawn.covered(path), min((room[pid] for pid in covers), default=10000), True))
        if line is None:
            drawn.pooled.pop()
            continue
        line.projects = listed
        drawn.pooled[-1] = line
        if line.share is not None:
            for pid in covers:
                room[pid] -= line.share
    return drawn


def _share(line: Line) -> str:
    fraction = D(line.share).scaleb(-4)
    if line.share_style == "fraction":
        return format(fraction.normalize(), "f")
    percent = format(fraction.scaleb(2).normalize(), "f")
    return f'"{percent.replace(".", ",")} %"' if line.share_style == "comma" else f'"{percent}%"'


def _line_text(line: Line, unit: Unit, order: list[str] | None = None) -> str:
    parts = [f"source: {line.source}"]
    if line.share is not None:
        parts.append(f"share: {_share(line)}")
    elif isinstance(line.amount, dict):
        years = ", ".join(f"{year}: {written(ore, unit)}" for year, ore in line.amount.items())
        parts.append(f"amount: {{{years}}}")
    else:
        parts.append(f"amount: {written(line.amount, unit)}")
    if line.projects is not None:
        listed = line.projects if order is None else sorted(line.projects, key=order.index)
        parts.append(f"projects: [{', '.join(listed)}]")
    return "{" + ", ".join(parts) + "}"


def text(drawn: Drawn, unit: Unit = Unit.KR, spelling: str | None = None, shuffle=None) -> str:
    """DRAWN as a scenario file in UNIT (written as SPELLING). SHUFFLE(list) -> list, if given, reorders the
    sources, the projects, each project's lines, the pooled lines and their `projects:` lists."""
    order = shuffle or (lambda items: list(items))
    out = ["scenario: Egenskaber", "budget_year: 2024", f"unit: {spelling or unit.value}", "sources:"]
    out += [f"  {sid}: {{name: Kilde {sid.upper()}}}" for sid in order(drawn.sources)]
    out.append("projects:")
    for project in order(drawn.projects):
        out += [f"  {project.pid}:", f"    name: Projekt {project.pid.upper()}"]
        if project.status_written:
            out.append(f"    status: {project.status}")
        if project.status == "defer":
            out.append("    decide_at: 2026")
        if project.costs is not None:
            costs = ", ".join(f"{year}: {written(ore, unit)}" for year, ore in order(list(project.costs.items())))
            out.append(f"    costs: {{{costs}}}")
        if project.lines:
            out.append("    financing:")
            out += [f"      - {_line_text(line, unit)}" for line in order(project.lines)]
    if drawn.pooled:
        ids = order([p.pid for p in drawn.projects]) if shuffle else None
        out.append("financing:")
        out += [f"  - {_line_text(line, unit, ids)}" for line in order(drawn.pooled)]
    return "\n".join(out) + "\n"


def load(source: str):
    loaded = load_bytes(source.encode(), "egenskaber.yaml")
    assert loaded.errors == [], (source, loaded.errors)
    return loaded


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
    """Coverage as a table shows it: to 0.1 %, rounded once (half to even) from the exact financed / cost."""
    if column["cost"] == 0:
        return None
    ratio = round(Fraction(column["financed"]) / Fraction(column["cost"]), 3)
    return D(ratio.numerator) / D(ratio.denominator)  # exact: the denominator divides 1000


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
