"""core/repayment.py: the repayment to an investor (repayment.md, issue 22).

The spec's worked example at 100 % and 50 %, a fixed schedule, a tie in the split, a cap that binds in the middle of
a year, a rate card, each figure worked out by hand in kr.; then hypothesis properties: the pockets' repayments add
up to the year's exactly, never more than the cap in all, nothing repaid at 0 outcomes, and the gap (its residual
too) the same with and without `repay`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, invoke
from drawn import load
from effektinvest.core.exact import exact_sum
from effektinvest.core.repayment import flows, repayments, split_over

D = Decimal
WORKED = (ROOT / "tests" / "fixtures" / "repayment" / "worked.yaml").read_text(encoding="utf-8")


def _years(one) -> dict[int, tuple]:
    return {year: (one.totals[year], *parts.values()) for year, parts in one.years.items()}


def test_the_worked_example_at_100_percent():
    """2026: 500 (sof 300, ikke 200); 2027: 1000 (600, 400); 2028: uncapped 1000, but 700 is left of the cap
    of 2200: 700 (420, 280). Total 2200 (sof 1320, ikke 880); uncapped 2500."""
    [one] = repayments(load(WORKED).scenario)
    assert one.investor == "dsi" and one.per_outcome
    assert _years(one) == {
        2026: (D(500), D(300), D(200)),
        2027: (D(1000), D(600), D(400)),
        2028: (D(700), D(420), D(280)),
    }
    assert (one.total, one.by, one.uncapped, one.cap) == (D(2200), {"sof": D(1320), "ikke": D(880)}, D(2500), D(2200))


def test_the_worked_example_at_50_percent_the_cap_no_longer_binds():
    """250 (150, 100), 500 (300, 200), 500 (300, 200): total 1250, uncapped 1250."""
    [one] = repayments(load(WORKED).scenario, D("0.5"))
    assert _years(one) == {
        2026: (D(250), D(150), D(100)),
        2027: (D(500), D(300), D(200)),
        2028: (D(500), D(300), D(200)),
    }
    assert (one.total, one.uncapped) == (D(1250), D(1250))


def test_at_100_percent_a_realisation_is_the_plan():
    scenario = load(WORKED).scenario
    assert repayments(scenario, D(1)) == repayments(scenario)


def _with_repay(repay: str, unit: str = "kr.") -> str:
    text = re.sub(r"(?ms)^        repay:\n.*?(?=^    savings:)", repay, WORKED)
    return text.replace("budget_year: 2025\n", f"budget_year: 2025\nunit: {unit}\n")


def test_a_fixed_schedule_repays_its_amounts_which_no_realisation_scales():
    text = _with_repay(
        "        repay:\n          amount: {2027: 1000, 2029: 1200.01}\n          by: {sof: 50%, ikke: 50%}\n"
    )
    [one] = repayments(load(text).scenario, D("0.5"))
    assert _years(one) == {2027: (D(1000), D(500), D(500)), 2029: (D("1200.01"), D("600.01"), D(600))}
    assert (one.total, one.uncapped, one.cap, one.per_outcome) == (D("2200.01"), D("2200.01"), None, False)


def test_a_tie_in_the_split_goes_to_the_pocket_listed_first():
    """0.01 kr. over three thirds: each remainder the same, the øre to the first listed (ikke, then sof)."""
    assert split_over(D("0.01"), {"ikke": D(1) / 3, "sof": D(1) / 3, "x": D(1) / 3}) == {
        "ikke": D("0.01"),
        "sof": D(0),
        "x": D(0),
    }
    text = _with_repay(
        "        repay:\n          amount: {2027: 0.01, 2028: 0.03}\n          by: {ikke: 50%, sof: 50%}\n"
    )
    [one] = repayments(load(text).scenario)
    assert one.years == {2027: {"ikke": D("0.01"), "sof": D(0)}, 2028: {"ikke": D("0.02"), "sof": D("0.01")}}


def test_a_cap_that_binds_in_the_middle_of_a_year_with_a_rate_card_in_thousands():
    """t.kr.: 0.05 t.kr. (50 kr.) in 2026, 0.06 t.kr. (60 kr.) after; 7 outcomes a year; cap 1 t.kr. = 1000 kr.:
    350, 420, then 420 uncapped but 230 left: 230; 2029 nothing left: 0. Split 60/40: 2028's 230 is 138 + 92."""
    repay = (
        "        repay:\n          tariff: {2026: 0.05, 2027: 0.06, 2028: 0.06, 2029: 0.06}\n"
        "          outcomes: {2026: 7, 2027: 7, 2028: 7, 2029: 7}\n          cap: 1\n"
        "          by: {sof: 60%, ikke: 40%}\n"
    )
    text = _with_repay(repay, "t.kr.").replace("2025: 1000, 2026: 1000", "2025: 1, 2026: 1")
    text = re.sub(r"(?s)    savings:.*", "", text)
    [one] = repayments(load(text).scenario)
    assert _years(one) == {
        2026: (D(350), D(210), D(140)),
        2027: (D(420), D(252), D(168)),
        2028: (D(230), D(138), D(92)),
        2029: (D(0), D(0), D(0)),
    }
    assert (one.total, one.uncapped, one.cap) == (D(1000), D(1610), D(1000))


def test_the_pockets_and_the_investors_per_year():
    found = repayments(load(WORKED).scenario)
    assert flows(found) == {
        2026: {"sof": (D(300), D(0)), "ikke": (D(200), D(0)), "dsi": (D(0), D(500))},
        2027: {"sof": (D(600), D(0)), "ikke": (D(400), D(0)), "dsi": (D(0), D(1000))},
        2028: {"sof": (D(420), D(0)), "ikke": (D(280), D(0)), "dsi": (D(0), D(700))},
    }


def test_a_deferred_project_repays_nothing():
    text = WORKED.replace("    name: Projekt\n", "    name: Projekt\n    status: defer\n    decide_at: 2026\n")
    text = text.replace("projects:\n", "projects:\n  q: {name: Q, costs: {2025: 1}}\n")
    assert repayments(load(text).scenario) == []



def _contracts() -> str:
    """The worked example with three more projects: q as p (the same contract, written in flow style), r with a
    tariff of 50.0 (the same figures, written otherwise), s with its own cap."""
    repay = "repay: {tariff: %s, outcomes: {2026: 10, 2027: 20, 2028: 20}, cap: %s, by: {sof: 60%%, ikke: 40%%}}"
    more = "".join(
        f"  {pid}:\n    name: {pid.upper()}\n    costs: {{2025: 10}}\n    financing:\n"
        f"      - {{source: dsi, share: 100%, {repay % (tariff, cap)}}}\n"
        for pid, tariff, cap in (("q", "50", "2200"), ("r", "50.0", "2200"), ("s", "50", "1000"))
    )
    return WORKED + more


def test_the_lines_of_one_contract_share_its_figures_and_add_up_as_each_line():
    """100,000 lines of one contract are worked out once (docs/performance.md, issue 22); what each line repays
    and what the pockets and the investor repay and get per year are as if each line were worked out alone."""
    p, q, r, s = repayments(load(_contracts()).scenario)
    assert [one.ref.path[1] for one in (p, q, r, s)] == ["p", "q", "r", "s"]
    assert q.years is p.years and q.totals is p.totals  # made once
    assert r.years is not p.years and r.years == p.years  # 50.0 is written otherwise: its own, the same figures
    assert _years(s) == {2026: (D(500), D(300), D(200)), 2027: (D(500), D(300), D(200)), 2028: (D(0), D(0), D(0))}
    assert flows([p, q, r, s]) == {
        2026: {"sof": (D(1200), D(0)), "ikke": (D(800), D(0)), "dsi": (D(0), D(2000))},
        2027: {"sof": (D(2100), D(0)), "ikke": (D(1400), D(0)), "dsi": (D(0), D(3500))},
        2028: {"sof": (D(1260), D(0)), "ikke": (D(840), D(0)), "dsi": (D(0), D(2100))},
    }


def test_the_lines_that_write_a_repay_alike_share_one_and_it_is_keyed_once(monkeypatch):
    """The model shares one Repay among the lines that write it alike (model/scenario.py SharedRepay): its
    contract's key is made once, not once a line (p's, in block style, is written as q's); written otherwise (r's
    50.0, s's cap), a key of its own."""
    import effektinvest.core.repayment as module

    keyed, contract = [], module.contract
    monkeypatch.setattr(module, "contract", lambda repay: keyed.append(repay) or contract(repay))
    text = _contracts().replace("\n  r:", "".join(_q(n) for n in range(5)) + "\n  r:")
    p, *q, r, s = repayments(load(text).scenario)
    assert len(q) == 6 and all(one.ref.line.repay is p.ref.line.repay and one.years is p.years for one in q)
    assert [repay.tariff for repay in keyed] == [D(50), D("50.0"), D(50)]  # p (as q and q0 to q4 write it), r, s


def _q(n: int) -> str:
    """Project qN, whose line writes its `repay` as q's does."""
    repay = "repay: {tariff: 50, outcomes: {2026: 10, 2027: 20, 2028: 20}, cap: 2200, by: {sof: 60%, ikke: 40%}}"
    head = f"\n  q{n}:\n    name: Q{n}\n    costs: {{2025: 10}}\n    financing:\n"
    return f"{head}      - {{source: dsi, share: 100%, {repay}}}"


# --- properties ---------------------------------------------------------------------------------------------------

_PAYERS = ("sof", "ikke", "fond")


@st.composite
def _repaid(draw):
    """The worked example's project with a drawn repayment: per outcome (a tariff, counts, perhaps a cap) or a
    schedule, over 1 to 3 pockets with drawn whole-percent shares adding up to 100 %."""
    payers = draw(st.lists(st.sampled_from(_PAYERS), min_size=1, max_size=3, unique=True))
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=len(payers) - 1, max_size=len(payers) - 1)))
    shares = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    by = ", ".join(f"{sid}: {share}%" for sid, share in zip(payers, shares, strict=True))
    years = draw(st.lists(st.integers(2025, 2032), min_size=1, max_size=5, unique=True))
    if draw(st.booleans()):
        tariff = D(draw(st.integers(0, 10**6))).scaleb(-2)
        counts = {year: draw(st.integers(0, 50)) for year in years}
        cap = draw(st.none() | st.integers(0, 10**7).map(lambda n: D(n).scaleb(-2)))
        body = f"tariff: {tariff}, outcomes: {counts}" + ("" if cap is None else f", cap: {cap}")
    else:
        amounts = ", ".join(f"{year}: {D(draw(st.integers(0, 10**7))).scaleb(-2)}" for year in years)
        body = f"amount: {{{amounts}}}"
    fund = "  stat: {name: Staten, kind: state}\n  fond: {name: Fonden, kind: fund}\n"
    text = WORKED.replace("  stat: {name: Staten, kind: state}\n", fund)
    text = re.sub(r"(?ms)^        repay:\n.*?(?=^    savings:)", f"        repay: {{{body}, by: {{{by}}}}}\n", text)
    return text.replace("    savings:\n", "    savings:\n      fond: {2025: 1}\n")


@settings(max_examples=60, deadline=None)
@given(_repaid(), st.sampled_from([None, D(0), D("0.5"), D("1.37"), D(2)]))
def test_the_pockets_add_up_to_the_year_and_never_past_the_cap(text, realisation):
    [one] = repayments(load(text).scenario, realisation)
    for year, parts in one.years.items():
        assert exact_sum(parts.values()) == one.totals[year]
        assert all(part >= 0 for part in parts.values())
    assert exact_sum(one.totals.values()) == one.total == exact_sum(one.by.values())
    if one.cap is not None:
        assert one.total <= one.cap
    assert one.total <= one.uncapped


@settings(max_examples=30, deadline=None)
@given(_repaid())
def test_at_no_outcomes_nothing_is_repaid(text):
    [one] = repayments(load(text).scenario, D(0))
    if one.per_outcome:
        assert one.total == 0 and all(part == 0 for parts in one.years.values() for part in parts.values())


@settings(max_examples=30, deadline=None)
@given(_repaid())
def test_the_gap_is_the_same_with_and_without_repay(text):
    without = re.sub(r"(?m)^        repay: .*\n", "", text)
    assert load(text).gap == load(without).gap


POOLED = """scenario: Samlet
budget_year: 2025
unit: kr.
sources:
  dsi: {name: DSI, kind: external}
  sof: {name: Sof, kind: decentral}
projects:
  p: {name: P, costs: {2025: 100}}
  d: {name: D, status: stop, costs: {2025: 100}}
financing:
  - {source: dsi, share: 100%, projects: COVERS, repay: {amount: {2026: 100}, by: {sof: 100%}}}
"""


def test_a_pooled_line_that_covers_no_continued_project_repays_nothing():
    """It pays nothing (it covers only a stopped project), so its repayment counts nowhere, as a stopped project's
    own: not in the gap's block and years, not in the savings' repaid and municipal cost, not in the follow-up.
    Covering a continued project too, it repays as written."""
    stopped = POOLED.replace("COVERS", "[d]")
    assert repayments(load(stopped).scenario) == []
    gap = invoke("gap", "-", "-f", "json", input=stopped)
    assert gap.code == 0 and '"repayments"' not in gap.stdout and '"2026"' not in gap.stdout
    savings = invoke("savings", "-", "-f", "json", input=stopped).stdout
    assert '"repaid"' not in savings and '"municipal_cost": 100,' in savings
    both = POOLED.replace("COVERS", "[p, d]")
    assert [one.total for one in repayments(load(both).scenario)] == [D(100)]
