"""core/realisation.py: the realisation on outcome lines (savings.md, "Outcome-contract risk"; issue 21).

The spec's worked example, a cap that binds at 100 % but not at 50 %, a rate card that changes mid-contract,
each figure worked out by hand in kr.; then hypothesis properties over drawn scenarios with outcome lines.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from drawn import load
from effektinvest.core.arithmetic import compute, ledger, outcome_lines, pays
from effektinvest.core.realisation import at_realisation, outcome_payments
from effektinvest.reports.savings.analysis import analyse

D = Decimal

# savings.md's worked example: an outcome line on an external source (tariff 100, 5 + 5 outcomes, cap 900)
# and dec paying 20 % of a project costing 1000 + 1000.
WORKED = """\
scenario: Worked example
budget_year: 2024
unit: kr.
sources:
  dec: {name: Decentral, kind: decentral}
  ext: {name: Extern, kind: external}
projects:
  p:
    name: Projekt
    costs: {2024: 1000, 2025: 1000}
    financing:
      - {source: ext, tariff: 100, outcomes: {2024: 5, 2025: 5}, cap: 900}
      - {source: dec, share: "20%"}
"""


def _financing(gap) -> list[dict]:
    return [dict(figures.financing) for figures in gap.years.values()]


def test_the_worked_example_at_100_percent_is_the_plan():
    loaded = load(WORKED)
    gap = loaded.gap
    assert _financing(gap) == [{"dec": D(200), "ext": D(500)}, {"dec": D(200), "ext": D(400)}]  # 400: the cap
    assert [figures.residual for figures in gap.years.values()] == [D(300), D(400)]
    assert gap.total.residual == D(700)
    assert at_realisation(loaded.scenario, gap, D(1)) is gap


def test_the_worked_example_at_50_percent():
    """The line pays 250 + 250 (5 x 100 x 0.5 a year: the cap of 900 no longer binds), dec 200 + 200, the
    residual 550 + 550 = 1,100; the municipal cost in savings is 2,000 - 500 = 1,500 (1,100 at 100 %)."""
    loaded = load(WORKED)
    half = at_realisation(loaded.scenario, loaded.gap, D("0.5"))
    assert _financing(half) == [{"dec": D(200), "ext": D(250)}, {"dec": D(200), "ext": D(250)}]
    assert [figures.residual for figures in half.years.values()] == [D(550), D(550)]
    assert [figures.coverage for figures in half.years.values()] == [D("0.45"), D("0.45")]
    assert half.total.residual == D(1100) and half.total.financing == {"dec": D(400), "ext": D(500)}
    assert analyse(loaded.scenario, loaded.gap, D("0.5")).total.municipal_cost == D(1500)
    assert analyse(loaded.scenario, loaded.gap, D(1)).total.municipal_cost == D(1100)
    assert analyse(loaded.scenario, loaded.gap, D("0.5")).outcomes_paid == D(500)


def test_a_cap_that_binds_at_100_percent_does_not_at_50_percent():
    """Tariff 300, 4 outcomes a year for three years, cap 2,000: as planned 1,200 + 800 (the cap) + 0, uncapped
    3,600, capped by 1,600; at 50 % 600 + 600 + 600 = 1,800, below the cap: it pays in 2026, which the plan
    does not, and the cap cuts nothing."""
    text = WORKED.replace("{2024: 1000, 2025: 1000}", "{2024: 2000, 2025: 2000, 2026: 2000}").replace(
        "{source: ext, tariff: 100, outcomes: {2024: 5, 2025: 5}, cap: 900}",
        "{source: ext, tariff: 300, outcomes: {2024: 4, 2025: 4, 2026: 4}, cap: 2000}",
    )
    loaded = load(text)
    scenario = loaded.scenario
    assert outcome_payments(scenario) == {2024: {"ext": D(1200)}, 2025: {"ext": D(800)}, 2026: {"ext": D(0)}}
    assert outcome_payments(scenario, D("0.5")) == {2024: {"ext": D(600)}, 2025: {"ext": D(600)}, 2026: {"ext": D(600)}}
    (plan,), (half,) = outcome_lines(scenario), outcome_lines(scenario, D("0.5"))
    assert (plan.uncapped, plan.paid, plan.capped_by) == (D(3600), D(2000), D(1600))
    assert (half.uncapped, half.paid, half.capped_by) == (D(1800), D(1800), D(0))
    gap = at_realisation(scenario, loaded.gap, D("0.5"))
    assert "ext" not in loaded.gap.years[2026].financing  # the plan pays nothing in 2026: the cap is reached
    assert _financing(gap) == [
        {"dec": D(400), "ext": D(600)},
        {"dec": D(400), "ext": D(600)},
        {"dec": D(400), "ext": D(600)},
    ]
    assert [f.residual for f in gap.years.values()] == [D(1000), D(1000), D(1000)]
    assert [f.residual for f in loaded.gap.years.values()] == [D(400), D(800), D(1600)]
    assert gap.total.residual == loaded.gap.total.residual + D(200)  # 2,000 paid as planned, 1,800 at 50 %


RATE_CARD = WORKED.replace("{2024: 1000, 2025: 1000}", "{2024: 1000, 2025: 1000, 2026: 1000}").replace(
    "{source: ext, tariff: 100, outcomes: {2024: 5, 2025: 5}, cap: 900}",
    "{source: ext, tariff: {2024: 100, 2025: 100, 2026: 150.50}, outcomes: {2024: 2, 2025: 3, 2026: 3}, cap: 900}",
)


def test_a_rate_card_that_changes_mid_contract():
    """2 x 100 + 3 x 100 + 3 x 150.50 = 200 + 300 + 451.50 (uncapped 951.50), 2026 cut to 400 by the cap of
    900; at 50 %: 100 + 150 + 225.75 (1.5 x 150.50), the cap far off; at 75 % 2026 comes to 2.25 x 150.50 =
    338.625, rounded half to even to 338.62."""
    loaded = load(RATE_CARD)
    scenario = loaded.scenario
    assert scenario.projects["p"].financing[0].tariff == {2024: D(100), 2025: D(100), 2026: D("150.50")}
    assert [f.financing["ext"] for f in loaded.gap.years.values()] == [D(200), D(300), D(400)]
    (line,) = outcome_lines(scenario)
    assert (line.uncapped, line.paid, line.capped_by) == (D("951.50"), D(900), D("51.50"))
    half = at_realisation(scenario, loaded.gap, D("0.5"))
    assert [f.financing["ext"] for f in half.years.values()] == [D(100), D(150), D("225.75")]
    assert [f.residual for f in half.years.values()] == [D(700), D(650), D("574.25")]  # dec pays 200 a year
    three_quarters = outcome_payments(scenario, D("0.75"))
    assert [three_quarters[year]["ext"] for year in (2024, 2025, 2026)] == [D(150), D(225), D("338.62")]


# --- properties -------------------------------------------------------------------------------------------------------

YEARS = (2024, 2025, 2026, 2027)
ORE = st.integers(min_value=1, max_value=10**9)  # amounts in øre, above 0
REALISATIONS = st.integers(min_value=0, max_value=2000).map(lambda n: D(n).scaleb(-3))  # 0 to 200 %, 0.1 % apart


def _kr(ore: int) -> str:
    return str(D(ore).scaleb(-2))


@st.composite
def outcome_scenarios(draw) -> str:
    """A kr. scenario of 1 to 3 continued projects, each with a share line on a decentral source and perhaps
    an outcome line of its own, and 0 to 2 pooled outcome lines over all of them: tariffs one amount or a rate
    card, counts in cost years only, a cap or none (one that binds, often)."""
    out = ["scenario: p", "budget_year: 2024", "unit: kr.", "sources:"]
    out += [
        "  dec: {name: Dec, kind: decentral}",
        "  ext: {name: Ext, kind: external}",
        "  fond: {name: Fond, kind: fund}",
    ]
    out.append("projects:")
    cost_years: set[int] = set()

    def line(source: str, years: list[int]) -> str:
        counts = {year: draw(st.integers(min_value=0, max_value=60)) for year in years}
        if draw(st.booleans()):
            tariff = _kr(draw(ORE))
        else:
            tariff = "{" + ", ".join(f"{year}: {_kr(draw(ORE))}" for year in years) + "}"
        parts = [
            f"source: {source}",
            f"tariff: {tariff}",
            "outcomes: {" + ", ".join(f"{y}: {c}" for y, c in counts.items()) + "}",
        ]
        if draw(st.booleans()):
            parts.append(f"cap: {_kr(draw(st.integers(min_value=0, max_value=10**10)))}")
        return "{" + ", ".join(parts) + "}"

    for index in range(draw(st.integers(min_value=1, max_value=3))):
        years = sorted(draw(st.sets(st.sampled_from(YEARS), min_size=1)))
        cost_years.update(years)
        out += [
            f"  p{index}:",
            f"    name: P{index}",
            "    costs: {" + ", ".join(f"{y}: {_kr(draw(ORE))}" for y in years) + "}",
        ]
        out += ["    financing:", f"      - {{source: dec, share: {draw(st.integers(min_value=0, max_value=30))}%}}"]
        if draw(st.booleans()):
            out.append(f"      - {line(draw(st.sampled_from(['ext', 'fond'])), years)}")
    pooled = [line(draw(st.sampled_from(["ext", "fond"])), sorted(cost_years)) for _ in range(draw(st.integers(0, 2)))]
    if pooled or "tariff" not in "\n".join(out):
        out.append("financing:")
        out += [f"  - {text}" for text in pooled or [line("ext", sorted(cost_years))]]
    return "\n".join(out) + "\n"


def _outcomes_per_year(scenario, realisation) -> dict[int, Decimal]:
    return {year: sum(by_source.values(), D(0)) for year, by_source in outcome_payments(scenario, realisation).items()}


@settings(max_examples=150, deadline=None)
@given(outcome_scenarios(), REALISATIONS)
def test_the_gap_at_a_realisation_is_the_gap_computed_with_the_outcome_lines_at_it(text, realisation):
    """`at_realisation` changes the plan's gap where the outcome lines pay otherwise: the same figures as the
    whole gap computed again with every outcome line's counts x R (but for a 0 it keeps where the plan paid)."""
    loaded = load(text)
    scenario = loaded.scenario
    costs, lines = ledger(scenario)
    to_kr = scenario.unit.to_kr
    again = compute(scenario, [(ref, pays(ref.line, covered, to_kr, realisation)) for ref, covered in lines], costs)
    made = at_realisation(scenario, loaded.gap, realisation)
    assert list(made.years) == list(again.years)
    for ours, theirs in [*zip(made.years.values(), again.years.values(), strict=True), (made.total, again.total)]:
        assert (ours.cost, ours.financed, ours.residual, ours.coverage) == (
            theirs.cost,
            theirs.financed,
            theirs.residual,
            theirs.coverage,
        )
        assert {sid: paid for sid, paid in ours.financing.items() if paid} == theirs.financing


@settings(max_examples=150, deadline=None)
@given(outcome_scenarios(), REALISATIONS, REALISATIONS)
def test_what_the_outcome_lines_pay_never_rises_when_the_realisation_falls(text, first, second):
    low, high = sorted((first, second))
    scenario = load(text).scenario
    for at_low, at_high in zip(outcome_lines(scenario, low), outcome_lines(scenario, high), strict=True):
        assert at_low.paid <= at_high.paid
        assert at_low.uncapped <= at_high.uncapped
    saved_low = analyse(scenario, load(text).gap, low).outcomes_paid
    assert saved_low <= analyse(scenario, load(text).gap, high).outcomes_paid


@settings(max_examples=150, deadline=None)
@given(outcome_scenarios(), REALISATIONS)
def test_the_residual_and_what_the_lines_pay_add_up_to_the_plans_year_by_year(text, realisation):
    """residual at R + what the outcome lines pay at R = residual at 100 % + what they pay at 100 %, in each
    year and in total: what the lines no longer pay falls on the residual, to the øre."""
    loaded = load(text)
    scenario = loaded.scenario
    at_r = analyse(scenario, loaded.gap, realisation)
    at_one = analyse(scenario, loaded.gap, D(1))
    paid_r, paid_one = _outcomes_per_year(scenario, realisation), _outcomes_per_year(scenario, None)
    for year in loaded.gap.years:
        left = at_r.gap.years[year].residual + paid_r.get(year, D(0))
        assert left == at_one.gap.years[year].residual + paid_one.get(year, D(0))
    assert at_r.gap.total.residual + at_r.outcomes_paid == at_one.gap.total.residual + at_one.outcomes_paid
    # and the municipal cost of savings moves with what the outcome lines' external sources no longer pay
    assert at_one.gap is loaded.gap


@settings(max_examples=40, deadline=None)
@given(outcome_scenarios())
def test_at_100_percent_every_report_is_the_plans(text):
    """gap, note and savings at --realisation 100% print what they print without it (the caption, the note's
    sentence and JSON's realisation key aside); savings at 100 % pays the outcome lines as gap does."""
    from conftest import invoke

    plain = invoke("gap", "-", "-f", "json", input=text)
    at_one = invoke("gap", "-", "-f", "json", "--realisation", "100%", input=text)
    assert plain.code == at_one.code == 0
    assert at_one.stdout.replace(', "realisation": 1', "", 1) == plain.stdout
    table = invoke("gap", "-", "--realisation", "1", input=text).stdout  # the caption is right-aligned: words
    assert table.replace(", ved 100 % realisering", "").split() == invoke("gap", "-", input=text).stdout.split()
    note = invoke("note", "-", "--realisation", "100%", input=text).stdout.split("\n\n")
    assert "\n\n".join(note[:1] + note[2:]) == invoke("note", "-", input=text).stdout
    loaded = load(text)
    assert analyse(loaded.scenario, loaded.gap, D(1)).gap is loaded.gap
    for args in ([], ["--realisation", "100%"]):
        savings = invoke("savings", "-", "-f", "json", "-q", *args, input=text)
        assert savings.code == 0
    assert invoke("savings", "-", "-f", "json", "-q", input=text).stdout == savings.stdout
