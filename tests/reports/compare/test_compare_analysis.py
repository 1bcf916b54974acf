"""reports/compare/analysis.py: `compare` called as the pure function it is, on the portfolio fixtures. Amounts in
kr.: before.yaml is in t.kr., after.yaml in mio. kr."""

from decimal import Decimal

from conftest import ROOT, load_portfolio
from effektinvest.edges.load import load_path
from effektinvest.reports.compare.analysis import Change, compare

D = Decimal
BEFORE = str(ROOT / "tests" / "fixtures" / "portfolio" / "before.yaml")
AFTER = str(ROOT / "tests" / "fixtures" / "compare_years" / "after_2024.yaml")  # the same budget year: none closed


def test_compare_lists_the_sources_in_the_after_files_order_then_the_removed():
    b, a = load_portfolio("before.yaml"), load_path(AFTER)
    result = compare(b.scenario, b.gap, a.scenario, a.gap)
    # after.yaml names fund, new; before.yaml also gone: not in alphabetical order (fund, gone, new)
    assert list(result.sources.items()) == [("fund", "Fonden"), ("new", "Ny kilde"), ("gone", "Udgået kilde")]
    assert list(result.total.financing) == ["fund", "new", "gone"]
    assert result.total.financing["gone"] == Change(D("100000"), None)
    assert result.total.financing["gone"].change == D("-100000")
    assert list(result.years[2026].financing) == ["fund", "new"]


def test_compare_pure_counts_a_missing_side_as_zero():
    b, a = load_path(BEFORE), load_path(AFTER)
    cmp = compare(b.scenario, b.gap, a.scenario, a.gap)
    assert cmp.years[2026].cost.before is None and cmp.years[2026].cost.change == D("1000000")
