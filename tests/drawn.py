"""Scenario files drawn by hypothesis, for the property tests of the arithmetic and of each report: whole files
of costs and financing lines (`drawn_scenarios`, written by `text`) and files with savings (`savings_scenarios`).
Not a test module: what several test modules share, as `conftest` is (no test module imports another)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from effektinvest.edges.load import load_bytes
from effektinvest.model.numbers import looks_like_thousands
from effektinvest.model.units import Unit

D = Decimal

# Whole scenario files drawn by hypothesis (acceptance/test_properties.py and the tests of each report against the
# gap): the generator draws the figures in øre (whole, so valid in every unit) and writes them in kr., t.kr. or
# mio. kr.: several projects with costs over a few years (zero costs too), continued, deferred or stopped; project
# lines and pooled top-level lines (with and without `projects:`); shares (as "12,5 %", "12.5%" or 0.125), total
# amounts and year-mapped amounts. Every text it writes is valid (no error), so no example is discarded.
DRAWN_YEARS = (2024, 2025, 2026, 2027)
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
DRAWN_AMOUNTS = st.one_of(st.just(0), st.integers(1, 12), st.integers(1, 999), st.integers(1, 10**10))


@st.composite
def _line(draw, sources: list[str], covered: dict[int, int], share_room: int, counts: bool) -> Line | None:
    """A valid line: a share of at most SHARE_ROOM, or an amount only where the covered cost is positive
    (unless the line does not count: a deferred or stopped project's own line)."""
    years = sorted(covered) if counts else list(DRAWN_YEARS)
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
        return Line(source, amount=draw(DRAWN_AMOUNTS))
    chosen = sorted(draw(st.permutations(years))[: draw(st.integers(1, len(years)))])
    return Line(source, amount={year: draw(DRAWN_AMOUNTS) for year in chosen})


@st.composite
def drawn_scenarios(draw) -> Drawn:
    sources = [f"s{i}" for i in range(draw(st.integers(1, 3)))]
    projects = []
    for index in range(draw(st.integers(1, 4))):
        # the first project is continued, so there is always a year to report
        status = "continue" if index == 0 else draw(st.sampled_from(["continue", "continue", "defer", "stop"]))
        years = sorted(draw(st.permutations(DRAWN_YEARS))[: draw(st.integers(1, len(DRAWN_YEARS)))])
        costs = {year: draw(DRAWN_AMOUNTS) for year in years}
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


# Scenarios with savings (the savings analysis' properties, and that savings change no gap).

SAVINGS_KINDS = ("decentral", "refund", "external", "fund", "state", "region", "non_decentral")
SAVINGS_ORE = st.integers(min_value=0, max_value=10**7).map(lambda n: D(n).scaleb(-2))
SAVINGS_SIGNED = st.integers(min_value=-(10**6), max_value=10**7).map(lambda n: D(n).scaleb(-2))
SAVINGS_YEARS = st.integers(min_value=2024, max_value=2030)


@st.composite
def savings_scenarios(draw):
    """A kr. scenario with every kind of source, share lines on the paying ones, and savings anywhere."""
    out = ["scenario: p", "budget_year: 2024", "sources:"]
    out += [f"  {kind}: {{name: {kind.title()}, kind: {kind}}}" for kind in SAVINGS_KINDS]
    out.append("projects:")
    for index in range(draw(st.integers(min_value=1, max_value=3))):
        costs = draw(st.dictionaries(SAVINGS_YEARS, SAVINGS_ORE, min_size=1, max_size=4))
        out.append(f"  p{index}:")
        out.append(f"    name: P{index}")
        out.append("    costs: {" + ", ".join(f"{y}: {a}" for y, a in costs.items()) + "}")
        out.append("    financing:")
        for kind in ("decentral", "refund", "external", "fund", "non_decentral"):
            out.append(f"      - {{source: {kind}, share: {draw(st.integers(min_value=0, max_value=20))}%}}")
        amounts = st.dictionaries(SAVINGS_YEARS, SAVINGS_SIGNED, min_size=1)
        saved = draw(st.dictionaries(st.sampled_from(SAVINGS_KINDS), amounts, max_size=4))
        if saved:
            out.append("    savings:")
            out += [
                f"      {sid}: {{" + ", ".join(f"{y}: {a}" for y, a in by_year.items()) + "}"
                for sid, by_year in saved.items()
            ]
    return "\n".join(out) + "\n"
