"""reports/due/view.py: what `due` says of each decision, in words: why it falls at the budget (the financing
runs out that year, or the decision was deferred to it) and what the file decides (continued, deferred with
the budget it is deferred to, stopped); and every file's amounts in one unit (`build`, `decimals`)."""

from decimal import Decimal

import pytest

from effektinvest.model import Status
from effektinvest.model.units import Unit
from effektinvest.reports.due.analysis import DueItem
from effektinvest.reports.due.view import DueReport, build, decimals, decision, due_row, reason_text


def _row(status: Status, reason: str, decide_at: int | None, funding_ends: int | None):
    return due_row("s.yaml", Unit.KR, DueItem("p", "P", status, reason, {}, decide_at, funding_ends))


@pytest.mark.parametrize(
    ("status", "reason", "decide_at", "funding_ends", "why", "decided"),
    [
        (Status.CONTINUE, "funding_ends", None, 2024, "Finansieringen udløber i 2024", "Videreført"),
        (Status.DEFER, "funding_ends", 2025, 2024, "Finansieringen udløber i 2024", "Udskudt til budget 2025"),
        (Status.STOP, "funding_ends", None, 2024, "Finansieringen udløber i 2024", "Standset"),
        (Status.DEFER, "deferred", 2025, None, "Beslutningen er udskudt til budget 2025", "Udskudt til budget 2025"),
        (Status.DEFER, "deferred", 2026, 2024, "Beslutningen er udskudt til budget 2026", "Udskudt til budget 2026"),
    ],
)
def test_reason_and_decision_in_words(status, reason, decide_at, funding_ends, why, decided):
    row = _row(status, reason, decide_at, funding_ends)
    assert (reason_text(row), decision(row)) == (why, decided)


def test_a_row_states_its_costs_in_the_unit_it_is_given():
    item = DueItem("p", "P", Status.CONTINUE, "funding_ends", {2024: Decimal("1234567.89")}, None, 2024)
    assert due_row("s.yaml", Unit.MIO, item).costs == {2024: Decimal("1.23456789")}
    assert due_row("s.yaml", Unit.TKR, item).costs == {2024: Decimal("1234.56789")}


# --- one unit for every file (`build`) ------------------------------------------------------------------------------

ONE = DueItem("a", "A", Status.CONTINUE, "funding_ends", {2025: Decimal("250000.5")}, None, 2025)
TWO = DueItem("b", "B", Status.STOP, "funding_ends", {2025: Decimal("1200000")}, None, 2025)


def test_build_states_every_file_in_the_unit_asked_for():
    report = build(2025, [("kr.yaml", Unit.KR, [ONE]), ("mio.yaml", Unit.MIO, [TWO])], Unit.TKR)
    assert (report.budget, report.unit) == (2025, Unit.TKR)
    assert [(r.path, r.unit, r.costs) for r in report.rows] == [
        ("kr.yaml", Unit.TKR, {2025: Decimal("250.0005")}),
        ("mio.yaml", Unit.TKR, {2025: Decimal("1200")}),
    ]
    assert decimals(report) == 4


def test_build_without_a_unit_takes_the_first_file_with_a_decision_due():
    found = [("tom.yaml", Unit.TKR, []), ("mio.yaml", Unit.MIO, [TWO]), ("kr.yaml", Unit.KR, [ONE])]
    report = build(2025, found, None)
    assert report.unit is Unit.MIO
    assert [r.costs for r in report.rows] == [{2025: Decimal("1.2")}, {2025: Decimal("0.2500005")}]
    assert decimals(report) == 7 and decimals(report, 2) == 2


def test_build_with_no_decision_due_is_empty():
    assert build(2030, [("kr.yaml", Unit.KR, [])], None) == DueReport(2030, Unit.MIO, [])
