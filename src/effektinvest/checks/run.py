"""`check`: every check of a scenario but surpluses, in its order (the package docstring says which module
holds which).
"""

from __future__ import annotations

from effektinvest.checks.actuals import actuals
from effektinvest.checks.amounts import amounts_need_cost, rate_cards, whole_ore
from effektinvest.checks.lines import Lines, each_line, shares
from effektinvest.checks.projects import projects
from effektinvest.checks.repay import repayments
from effektinvest.checks.savings import savings
from effektinvest.checks.sources import unused_sources
from effektinvest.model import Scenario
from effektinvest.model.diagnostics import Finding
from effektinvest.model.partial import NO_GAPS, Gaps


def check(scenario: Scenario, lines: Lines, gaps: Gaps = NO_GAPS) -> list[Finding]:
    """Every cross-value finding but surpluses. LINES: from `arithmetic.ledger`. GAPS: the parts of the
    file that did not validate, about which nothing is reported."""
    return [
        *projects(scenario, gaps),
        *whole_ore(scenario, gaps),
        *each_line(scenario, gaps),
        *rate_cards(scenario, gaps),
        *repayments(scenario, gaps),
        *savings(scenario, gaps),
        *actuals(scenario, lines, gaps),
        *shares(lines),
        *amounts_need_cost(lines, gaps),
        *unused_sources(scenario, gaps),
    ]
