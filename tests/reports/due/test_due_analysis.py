"""reports/due/analysis.py: `due` called as the pure function it is, on the portfolio fixtures and on
tests/fixtures/due/ (every kind of decision). Amounts in kr.: before.yaml is in t.kr., after.yaml in mio. kr.
(The command is in cli/test_due_command.py.)"""

from decimal import Decimal

from conftest import ROOT, load_portfolio
from effektinvest.edges.load import load_path
from effektinvest.model import Status
from effektinvest.reports.due.analysis import DueItem, due

D = Decimal
BEFORE, AFTER = (str(ROOT / "tests" / "fixtures" / "portfolio" / n) for n in ("before.yaml", "after.yaml"))
DECISIONS = str(ROOT / "tests" / "fixtures" / "due" / "decisions_kr.yaml")


def test_due_names_each_project_and_gives_its_costs_in_kr():
    before, after = load_portfolio("before.yaml").scenario, load_portfolio("after.yaml").scenario
    assert due(before, 2024) == [
        DueItem("a", "A", Status.CONTINUE, "funding_ends", {2024: D("1000000"), 2025: D("1000000")}, None, 2024),
        DueItem("old", "Gammelt projekt", Status.STOP, "funding_ends", {}, None, 2024),
    ]
    assert due(after, 2025) == [DueItem("b", "B", Status.DEFER, "funding_ends", {2026: D("400000")}, 2026, 2025)]
    assert due(after, 2026) == [DueItem("b", "B", Status.DEFER, "deferred", {2026: D("400000")}, 2026, 2025)]


def test_due_pure():
    before = load_path(BEFORE).scenario
    assert [(i.project, i.reason, i.costs) for i in due(before, 2024)] == [
        ("a", "funding_ends", {2024: D("1000000"), 2025: D("1000000")}),
        ("old", "funding_ends", {}),
    ]
    after = load_path(AFTER).scenario
    assert [(i.project, i.reason) for i in due(after, 2025)] == [("b", "funding_ends")]
    assert [(i.project, i.reason) for i in due(after, 2026)] == [("b", "deferred")]
    assert due(after, 2030) == []


def test_each_kind_of_decision_with_its_years():
    """Continued, deferred (with the budget it is deferred to), stopped, each with financing that runs out in
    2025; a decision deferred to 2025; a project whose financing runs out in 2026 is not due at 2025."""
    scenario = load_path(DECISIONS).scenario
    assert [(i.project, i.status, i.reason, i.decide_at, i.funding_ends) for i in due(scenario, 2025)] == [
        ("fortsat", Status.CONTINUE, "funding_ends", None, 2025),
        ("udskudt", Status.DEFER, "funding_ends", 2026, 2025),
        ("standset", Status.STOP, "funding_ends", None, 2025),
        ("ventet", Status.DEFER, "deferred", 2025, 2024),
    ]
    assert [(i.project, i.reason) for i in due(scenario, 2026)] == [("udskudt", "deferred"), ("senere", "funding_ends")]


def test_a_project_due_for_both_reasons_is_listed_once_per_reason():
    scenario = load_path(AFTER).scenario
    both = scenario.model_copy(
        update={"projects": {"b": scenario.projects["b"].model_copy(update={"funding_ends": 2026})}}
    )
    assert [(i.reason, i.decide_at, i.funding_ends) for i in due(both, 2026)] == [
        ("funding_ends", 2026, 2026),
        ("deferred", 2026, 2026),
    ]
