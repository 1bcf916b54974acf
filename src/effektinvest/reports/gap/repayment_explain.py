"""`gap --explain` of the repayments to investors (repayment.md, format 1.3): for each line with `repay`, where it
stands, to whom, how (per achieved outcome at a tariff, at most the cap; or a fixed schedule) and by whom, then each
year's rule: count x tariff, what the cap leaves, and the split over the paying pockets (largest remainder). As
lines of text below the table, and as JSON `explain` in each entry of `repayments`.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from effektinvest.core.display_context import figure, percent
from effektinvest.formats.json import exact
from effektinvest.model.numbers import EXACT

HEADING = "Tilbagebetalinger (i filens rækkefølge):"


def steps(entry) -> dict[int, dict]:
    """Per year of ENTRY (a repayment_view.RepaymentEntry): per outcome the count, the year's tariff, their product
    (before rounding and the cap) and what was left of the cap before the year; the repayment and its split."""
    out = {}
    left = entry.cap
    with localcontext(EXACT):
        for year, total in entry.totals.items():
            step: dict = {}
            if entry.outcomes is not None:
                tariff = entry.tariff.get(year) if isinstance(entry.tariff, dict) else entry.tariff
                count = entry.outcomes.get(year, 0)
                step = {"count": count, "tariff": tariff, "product": None if tariff is None else tariff * count}
                if left is not None:
                    step["cap_left"] = left
                    left = max(left - total, Decimal(0))
            out[year] = {**step, "total": total, "by": entry.years[year]}
    return out


def explain_text(report) -> list[str]:
    """The lines below --explain's financing lines: each repayment of REPORT (a view.Report), then its years."""
    if not report.repayments:
        return []
    unit = report.unit.value
    out = [HEADING]
    for entry in report.repayments:
        payers = ", ".join(f"{sid} {percent(share, None)}" for sid, share in entry.shares.items())
        if entry.outcomes is not None:
            how = "pr. opnået resultat"
            if entry.cap is not None:
                how += f", højst {figure(entry.cap)} {unit}"
        else:
            how = "efter fast plan"
        out.append(f"{entry.file}:{entry.line}: tilbagebetaling til {entry.investor}, {how}; betales af {payers}")
        for year, step in steps(entry).items():
            split = ", ".join(f"{sid} {figure(part)}" for sid, part in step["by"].items())
            out.append(f"  {year}: {_rule(step)}{figure(step['total'])}: {split} (største brøks metode)")
    return out


def _rule(step: dict) -> str:
    """How a year's repayment comes about, up to its ' -> ' (per outcome), or '' for a fixed schedule."""
    if "count" not in step:
        return "som i filen "
    if step["tariff"] is None:
        return f"{step['count']} resultater, ingen tarif -> "
    rule = f"{step['count']} x {figure(step['tariff'])} = {figure(step['product'])}"
    if "cap_left" in step and step["cap_left"] < step["product"]:
        rule += f", loftet lader {figure(step['cap_left'])} tilbage"
    return rule + " -> "


def explain_json(entry) -> dict:
    """ENTRY's years as --explain's JSON: per year the count, tariff, product and cap left (per outcome)."""
    return {
        str(year): {
            key: exact(value) if isinstance(value, Decimal) else value
            for key, value in step.items()
            if key not in ("total", "by")
        }
        for year, step in steps(entry).items()
    }
