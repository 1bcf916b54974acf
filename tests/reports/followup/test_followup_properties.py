"""Properties of `follow-up` on whole scenario files drawn by hypothesis (`drawn_scenarios` and `text`, in
conftest.py), with accounts added: without actual keys the actual computation is the plan; in every cell the
deviation is actual - plan; the total column is the sum of the years; the residual is the cost less the
financing, in the plan and in the actual computation."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from conftest import as_json, invoke
from drawn import CLI, DRAWN_YEARS, Drawn, drawn_scenarios, load, text, written
from effektinvest.core.arithmetic import compute
from effektinvest.formats.json import dumps
from effektinvest.model.units import Unit
from effektinvest.reports.followup.analysis import actual_gap, follow_up
from effektinvest.reports.followup.json import followup_data
from effektinvest.reports.followup.view import build

ZERO = Decimal(0)
ORE = st.integers(0, 10**9)


def _with_through(source: str, through: int) -> str:
    return source.replace("budget_year: 2024\n", f"budget_year: 2024\nactuals_through: {through}\n", 1)


@st.composite
def accounts(draw, drawn: Drawn, unit: Unit) -> str:
    """DRAWN as a file in UNIT with `actuals_through` and accounts: actual costs for some of the closed years
    of each continued project's costs, and `paid` for some closed years of some lines (where they cover a
    cost, as the format asks)."""
    through = draw(st.sampled_from(DRAWN_YEARS))
    source = _with_through(text(drawn, unit), through)
    for project in drawn.projects:
        closed = [year for year in (project.costs or {}) if year <= through]
        if project.status != "continue" or not closed:
            continue
        chosen = draw(st.lists(st.sampled_from(closed), unique=True))
        if chosen:
            actual = ", ".join(f"{year}: {written(draw(ORE), unit)}" for year in sorted(chosen))
            head = f"  {project.pid}:\n    name: Projekt {project.pid.upper()}\n"
            source = source.replace(head, f"{head}    actual_costs: {{{actual}}}\n", 1)
    lines = source.split("\n")
    paths = [
        ("projects", p.pid, "financing", i)
        for p in drawn.projects
        if p.status == "continue"
        for i in range(len(p.lines))
    ]
    paths += [("financing", i) for i in range(len(drawn.pooled))]
    for path in paths:
        years = [year for year in drawn.covered(path) if year <= through]
        chosen = draw(st.lists(st.sampled_from(years), unique=True)) if years else []
        if chosen:
            paid = ", ".join(f"{year}: {written(draw(ORE), unit)}" for year in sorted(chosen))
            index = _line_index(lines, path)
            lines[index] = lines[index][:-1] + f", paid: {{{paid}}}}}"
    return "\n".join(lines)


def _line_index(lines: list[str], path: tuple) -> int:
    """The text line of the financing line at PATH (project lines under their project, then the pooled lines)."""
    if path[0] == "financing":
        start = lines.index("financing:")
        return start + 1 + path[1]
    start = lines.index(f"  {path[1]}:")
    found = [i for i in range(start + 1, len(lines)) if lines[i].startswith("      - {")]
    return found[path[3]]


def _data(source: str) -> dict:
    loaded = load(source)
    result = follow_up(loaded.scenario, loaded.gap, loaded.paid)
    report = build(loaded.scenario, result, loaded.scenario.unit, "p.yaml", (0,) * len(result.outcomes))
    return as_json(dumps(followup_data(report)))


def _figures(data: dict) -> list[dict]:
    return [data["cost"], data["residual"], *data["financing"].values()]


@given(drawn_scenarios(), st.sampled_from(DRAWN_YEARS), st.sampled_from(list(Unit)))
def test_without_actual_keys_the_actual_computation_is_the_plan(drawn, through, unit):
    source = text(drawn, unit)
    loaded = load(source)
    assert actual_gap(loaded.scenario) == loaded.gap == compute(loaded.scenario)
    data = _data(_with_through(source, through))
    for figure in _figures(data):
        assert figure["actual"] == figure["plan"]
        assert set(figure["deviation"].values()) <= {ZERO}


@given(st.data(), drawn_scenarios(), st.sampled_from(list(Unit)))
def test_deviation_is_actual_less_plan_and_the_total_the_sum_of_the_years(data, drawn, unit):
    result = _data(data.draw(accounts(drawn, unit)))
    years = [str(year) for year in result["reported_years"]]
    for figure in _figures(result):
        for key in [*years, "total"]:
            assert figure["deviation"][key] == figure["actual"][key] - figure["plan"][key]
        for side in ("plan", "actual", "deviation"):
            assert figure[side]["total"] == sum((figure[side][year] for year in years), ZERO)
    for side in ("plan", "actual"):
        for key in [*years, "total"]:
            paid = sum((f[side][key] for f in result["financing"].values()), ZERO)
            assert result["residual"][side][key] == result["cost"][side][key] - paid


@CLI
@given(st.data(), drawn_scenarios())
def test_the_csv_carries_the_json_figures(tmp_path, data, drawn):
    path = tmp_path / "s.yaml"
    path.write_text(data.draw(accounts(drawn, Unit.KR)), encoding="utf-8")
    figures = as_json(invoke("follow-up", path, "-f", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(invoke("follow-up", path, "-f", "csv").stdout)))
    sums = [row for row in rows if row["category"] in ("cost", "residual", "financing")]
    assert len(sums) == (len(figures["reported_years"]) + 1) * (2 + len(figures["financing"]))
    for row in sums:
        figure = figures["financing"][row["id"]] if row["id"] else figures[row["category"]]
        expected = [figure[side][row["year"]] for side in ("plan", "actual", "deviation")]
        assert [Decimal(row[side]) for side in ("plan", "actual", "deviation")] == expected
