"""reports/followup/analysis.py: the plan against the actual computation (followup.md, "Arithmetic"), in kr.,
on the small scenarios beside this file: the spec's worked example to the øre first."""

from decimal import Decimal
from pathlib import Path

from effektinvest.edges.load import load_bytes, load_path
from effektinvest.reports.followup.analysis import Missing, actual_gap, follow_up

D = Decimal
HERE = Path(__file__).resolve().parent


def _follow_up(name: str):
    loaded = load_path(str(HERE / name), keep_paid=True)
    assert loaded.errors == [], loaded.errors
    return loaded, follow_up(loaded.scenario, loaded.gap, loaded.paid)


def _rows(result) -> dict[str, list[tuple]]:
    """Each row as (plan, actual, deviation) per year and the total."""
    rows = {"cost": lambda f: f.cost, "residual": lambda f: f.residual}
    rows.update({sid: (lambda f, sid=sid: f.financing.get(sid)) for sid in result.sources})
    return {name: [tuple(c) + (c.deviation,) for c in result.compared(get)] for name, get in rows.items()}


def _d(*values) -> tuple:
    return tuple(D(v) for v in values)


def test_the_worked_example_to_the_ore():
    _, result = _follow_up("worked.yaml")
    assert (result.actuals_through, result.years, result.closed) == (2025, (2024, 2025, 2026), (2024, 2025))
    assert _rows(result) == {
        "cost": [_d(1000, 1100, 100), _d(1000, 950, -50), _d(1000, 1000, 0), _d(3000, 3050, 50)],
        "dec": [_d(500, 550, 50), _d(500, 475, -25), _d(500, 500, 0), _d(1500, 1525, 25)],
        "fond": [_d(300, 100, -200), _d(300, 200, -100), _d(200, 300, 100), _d(800, 600, -200)],
        "residual": [_d(200, 450, 250), _d(200, 275, 75), _d(300, 200, -100), _d(700, 925, 225)],
    }
    (line,) = result.outcomes
    assert line.expected == {2024: 3, 2025: 3, 2026: 3} and line.achieved == {2024: 1, 2025: 2}
    assert line.plan_paid == {2024: D(300), 2025: D(300), 2026: D(200)}
    assert line.paid == {2024: D(100), 2025: D(200), 2026: D(300)}  # the forecast of 2026 not cut: 300 paid so far
    assert (line.cap, line.cap_left) == (D(800), D(200))
    pocket = result.savings["dec"]
    assert pocket.expected == {2025: D(600), 2026: D(600)} and pocket.realised == {2025: D(450), 2026: D(600)}
    assert pocket.rate == D("0.7500")
    assert result.missing == () and result.marked == frozenset()


def test_actual_gap_is_the_actual_computation_as_a_gap():
    loaded, result = _follow_up("worked.yaml")
    assert actual_gap(loaded.scenario) == actual_gap(loaded.scenario, loaded.paid) == result.actual
    assert result.actual.years[2024].financing == {"dec": D(550), "fond": D(100)}
    assert result.actual.total.cost == D(3050) and result.actual.total.coverage == D("0.6967")  # 2125 / 3050


def test_a_pooled_share_line_pays_its_share_of_the_covered_actual_cost_and_an_amount_as_planned():
    _, result = _follow_up("pooled.yaml")
    assert result.closed == (2024,)
    assert _rows(result) == {
        "cost": [_d(1500, 1600, 100), _d(1500, 1500, 0), _d(3000, 3100, 100)],  # C (deferred): nowhere
        "dec": [_d(600, 640, 40), _d(600, 600, 0), _d(1200, 1240, 40)],
        "pulje": [_d(300, 300, 0), _d(300, 300, 0), _d(600, 600, 0)],
        "residual": [_d(600, 660, 60), _d(600, 600, 0), _d(1200, 1260, 60)],
    }
    assert result.actual.years[2024].costs == {"a": D(1200), "b": D(400)}


def test_a_cap_binds_in_the_forecast_when_more_outcomes_were_achieved_than_planned():
    _, result = _follow_up("cap.yaml")
    assert _rows(result)["fond"] == [_d(300, 500, 200), _d(300, 300, 0), _d(200, 0, -200), _d(800, 800, 0)]
    assert _rows(result)["residual"][2:] == [_d(800, 1000, 200), _d(2200, 2200, 0)]
    (line,) = result.outcomes
    assert (line.achieved, line.cap_left) == ({2024: 5, 2025: 3}, D(0))


def test_paid_replaces_a_lines_rule_and_counts_against_the_cap():
    _, result = _follow_up("paid.yaml")
    rows = _rows(result)
    assert rows["dec"][0] == _d(500, 400, -100)  # paid, not 50 % of 1000
    assert rows["pulje"][0] == _d(100, 150, 50)  # paid, not the amount's split
    # 350 paid in 2024 (not bounded by the cap of 500, counted against it): 150 left for 2025's 3 x 100
    assert rows["fond"] == [_d(200, 350, 150), _d(300, 150, -150), _d(500, 500, 0)]
    assert rows["residual"] == [_d(200, 100, -100), _d(100, 250, 150), _d(300, 350, 50)]
    assert result.outcomes[0].cap_left == D(0)


def test_a_missing_actual_the_plan_stands_in_listed_and_marked():
    _, result = _follow_up("missing.yaml")
    rows = _rows(result)
    assert rows["cost"][:2] == [_d(1000, 900, -100), _d(1000, 1000, 0)]  # 2025: the plan stood in
    assert rows["fond"][:2] == [_d(200, 100, -100), _d(200, 200, 0)]  # 2025: the planned count stood in
    assert rows["residual"][:3] == [_d(700, 710, 10), _d(700, 700, 0), _d(900, 900, 0)]
    assert result.missing == (
        Missing("cost", 2025, "p"),
        Missing("achieved", 2025, None, "fond", ("financing", 0)),
        Missing("savings", 2025, "p", "dec"),
    )
    assert result.outcomes[0].achieved == {2024: 1, 2025: 2}
    pocket = result.savings["dec"]  # at the file's realisation of 50 %; 2025's expected 100 stood in
    assert pocket.expected == {2024: D(50), 2025: D(100)} and pocket.realised == {2024: D(80), 2025: D(100)}
    assert pocket.rate == D("1.2000")  # 180 / 150
    assert result.marked == {
        ("cost", "", 2025),
        ("financing", "dec", 2025),
        ("financing", "fond", 2025),
        ("residual", "", 2025),
        ("savings", "dec", 2025),
        ("achieved", 0, 2025),
    }


def test_paid_above_the_cap_leaves_nothing_of_it_and_is_not_cut():
    text = (HERE / "paid.yaml").read_text(encoding="utf-8").replace("paid: {2024: 350}", "paid: {2024: 650}")
    loaded = load_bytes(text.encode(), "paid.yaml", keep_paid=True)
    assert loaded.errors == []
    result = follow_up(loaded.scenario, loaded.gap, loaded.paid)
    (line,) = result.outcomes
    assert line.paid == {2024: D(650), 2025: D(0)} and line.cap_left == D(0)


def test_the_same_follow_up_with_or_without_the_plans_lines_kept():
    for name in ("worked.yaml", "pooled.yaml", "cap.yaml", "paid.yaml", "missing.yaml"):
        loaded, kept = _follow_up(name)
        assert follow_up(loaded.scenario, loaded.gap) == kept, name
        assert actual_gap(loaded.scenario, plan=loaded.gap) == kept.actual, name


def test_a_rate_card_and_a_realisation_the_plan_as_written_the_savings_at_the_files_realisation():
    """Issue 21: the worked example with a rate card (100, 120, 150) and `realisation: 50%`. The plan is `gap` as
    written (savings.md: a realisation scales the outcome lines in `savings` and `gap --realisation` only): 300,
    360, then 450 cut by the cap to 140. The actual: 1 x 100 and 2 x 120 achieved, and the forecast 3 x 150 = 450
    (below the 460 left of the cap). The expected savings are at the file's 50 %: 300 a year; 450 realised in 2025
    is a rate of 1.5."""
    text = (HERE / "worked.yaml").read_text(encoding="utf-8")
    text = text.replace("tariff: 100", "tariff: {2024: 100, 2025: 120, 2026: 150}")
    text = text.replace("unit: kr.\n", 'unit: kr.\nrealisation: "50%"\n')
    loaded = load_bytes(text.encode(), "card.yaml", keep_paid=True)
    assert loaded.errors == [], loaded.errors
    result = follow_up(loaded.scenario, loaded.gap, loaded.paid)
    assert _rows(result)["fond"] == [_d(300, 100, -200), _d(360, 240, -120), _d(140, 450, 310), _d(800, 790, -10)]
    pocket = result.savings["dec"]
    assert pocket.expected == {2025: D(300), 2026: D(300)} and pocket.realised == {2025: D(450), 2026: D(300)}
    assert pocket.rate == D("1.5000")
