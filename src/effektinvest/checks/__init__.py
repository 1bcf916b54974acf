"""The checks of the scenario format that span several values (docs/scenario-format.md, "Checks"), one
module per thing a rule is about:

    run.py        check(): every check below but surpluses, in its order
    projects.py   a project: decide_at for a deferred project only, and after the budget year; costs for a
                  continued one, none before the budget year; no financing lines of its own when not continued
    lines.py      a financing line: its kind (amount, share, or tariff with outcomes), a defined source that
                  can pay (not state or region), a top-level line's listed projects; shares of one project
                  at most 100 %
    amounts.py    every amount in whole øre; an amount (or outcome counts) needs cost to be paid against; a rate
                  card needs a tariff in each year with a count
    repay.py      format 1.3's repayment to an investor: an investor's line only, one kind, municipal payers
                  (defined, not the investor) whose shares add up to 100 %, no year before the budget year
    savings.py    a project's savings: sources that are defined; none of a project that is not continued
    actuals.py    format 1.3's actual figures: actuals_through set and not before the budget year, actuals in
                  closed years only, achieved on outcome lines only, paid against cost; the plan standing in
    sources.py    a source that nothing uses
    surpluses.py  paying (the lines that decide a surplus), surpluses (a year where financing exceeds cost)

Pure: a validated Scenario (perhaps only the parts of a file that are valid: see `model.partial`, whose
gaps each check asks before it reports) in, findings out, each with the path of the key or value it is
about (loading turns paths into lines). Per-value rules (how an amount, share, year or unit is written)
live in `model.numbers` and `model.units`; the arithmetic is in `core.arithmetic`.
"""

from effektinvest.checks.run import check
from effektinvest.checks.surpluses import paying, surpluses

__all__ = ["check", "paying", "surpluses"]
