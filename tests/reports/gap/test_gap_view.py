"""reports/gap/view.py: what the gap report shows, in the output unit: as many decimals as the figures need."""

from conftest import seed_report
from effektinvest.model.units import Unit
from effektinvest.reports.gap.view import decimals_for


def test_decimals_are_as_many_as_needed():
    report = seed_report()
    assert decimals_for(report, None) == 2
    assert decimals_for(report, 1) == 1
    assert decimals_for(seed_report(Unit.KR), None) == 0
