"""portfolio.py: `due` and `compare` called as the pure functions they are, on the portfolio fixtures.

(The commands `due` and `compare` are in test_portfolio.py; these tests may move there.) Amounts in kr.:
before.yaml is in t.kr., after.yaml in mio. kr.
"""

from decimal import Decimal

from conftest import ROOT
from effektinvest.edges.load import load_path
from effektinvest.model import Status
from effektinvest.reports.compare.analysis import Change, compare
from effektinvest.reports.due.analysis import DueItem, due

HERE = ROOT / "tests" / "fixtures" / "portfolio"
D = Decimal


def loaded(name: str):
    result = load_path(str(HERE / name))
    assert result.errors == []
    return result


def test_due_names_each_project_and_gives_its_costs_in_kr():
    before, after = loaded("before.yaml").scenario, loaded("after.yaml").scenario
    assert due(before, 2024) == [
        DueItem("a", "A", Status.CONTINUE, "funding_ends", {2024: D("1000000"), 2025: D("1000000")}),
        DueItem("old", "Gammelt projekt", Status.STOP, "funding_ends", {}),
    ]
    assert due(after, 2025) == [DueItem("b", "B", Status.DEFER, "funding_ends", {2026: D("400000")})]
    assert due(after, 2026) == [DueItem("b", "B", Status.DEFER, "deferred", {2026: D("400000")})]


def test_compare_lists_the_sources_in_the_after_files_order_then_the_removed():
    b, a = loaded("before.yaml"), loaded("after.yaml")
    result = compare(b.scenario, b.gap, a.scenario, a.gap)
    # after.yaml names fund, new; before.yaml also gone: not in alphabetical order (fund, gone, new)
    assert list(result.sources.items()) == [("fund", "Fonden"), ("new", "Ny kilde"), ("gone", "Udgået kilde")]
    assert list(result.total.financing) == ["fund", "new", "gone"]
    assert result.total.financing["gone"] == Change(D("100000"), None)
    assert result.total.financing["gone"].change == D("-100000")
    assert list(result.years[2026].financing) == ["fund", "new"]
