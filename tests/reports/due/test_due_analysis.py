"""reports/due/analysis.py: `due` called as the pure function it is, on the portfolio fixtures. Amounts in kr.:
before.yaml is in t.kr., after.yaml in mio. kr. (The command is in cli/test_due_command.py.)"""

from decimal import Decimal

from conftest import ROOT, load_portfolio
from effektinvest.edges.load import load_path
from effektinvest.model import Status
from effektinvest.reports.due.analysis import DueItem, due

D = Decimal
BEFORE, AFTER = (str(ROOT / "tests" / "fixtures" / "portfolio" / n) for n in ("before.yaml", "after.yaml"))


def test_due_names_each_project_and_gives_its_costs_in_kr():
    before, after = load_portfolio("before.yaml").scenario, load_portfolio("after.yaml").scenario
    assert due(before, 2024) == [
        DueItem("a", "A", Status.CONTINUE, "funding_ends", {2024: D("1000000"), 2025: D("1000000")}),
        DueItem("old", "Gammelt projekt", Status.STOP, "funding_ends", {}),
    ]
    assert due(after, 2025) == [DueItem("b", "B", Status.DEFER, "funding_ends", {2026: D("400000")})]
    assert due(after, 2026) == [DueItem("b", "B", Status.DEFER, "deferred", {2026: D("400000")})]


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
