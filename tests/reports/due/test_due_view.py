"""reports/due/view.py: what `due` says of each decision, in words: why it falls at the budget (the financing
runs out that year, or the decision was deferred to it) and what the file decides (continued, deferred with
the budget it is deferred to, stopped)."""

from decimal import Decimal

import pytest

from effektinvest.model import Status
from effektinvest.model.units import Unit
from effektinvest.reports.due.analysis import DueItem
from effektinvest.reports.due.view import decision, due_row, reason_text


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
