"""The key figures under the savings table (docs/cli.md, `savings`): the wrong-pocket share, break-even, the
present values, benefit-cost, each paying pocket's backing and shortfall, and the savings of deferred and
stopped projects; for the table, Markdown and the workbook, and as (category, id, value) for CSV."""

from __future__ import annotations

from effektinvest.core.display_context import amount, figure, places
from effektinvest.model.numbers import EXACT
from effektinvest.reports.gap.view import inactive_head
from effektinvest.reports.savings.analysis import Savings
from effektinvest.reports.savings.view import (
    LABELS,
    SavingsReport,
    backing_label,
    ratio_text,
    realisation_text,
    year_text,
)


def foot_decimals(report: SavingsReport, decimals: int, asked: int | None) -> int:
    """How many decimals the amounts under the table are shown with (present values, shortfalls, the savings
    of inactive projects): DECIMALS, the table's, when decimals are ASKED (--decimals, else the scenario's
    `decimals:`); else at least those, and as many as any of them needs (a present value is whole øre in kr.:
    up to 8 decimals in mio. kr.), so that none is rounded unasked."""
    if (report.decimals if asked is None else asked) is not None:
        return decimals
    values = [v for p in report.inactive for by in p.savings.values() for v in by.values()]  # in the unit
    for result in report.results:
        values += map(report.scaled, [*result.npv, *(b.shortfall for b in result.sources.values())])
    return max(decimals, places(report.unit, values))


def discount_text(result: Savings) -> str:
    if result.rate is None:
        from effektinvest.core.discount import SCHEDULE

        rates = "/".join(figure(rate.scaleb(2, EXACT)) for rate, _ in SCHEDULE)
        return f"Finansministeriets diskonteringsrente {rates} %"
    return f"diskonteringsrente {realisation_text(result.rate)}"


def key_lines(report: SavingsReport, result: Savings, decimals: int, asked: int | None = None) -> list[str]:
    """The key figures under the table, one line each; names a user wrote are in them as written. The
    amounts are shown with `foot_decimals` (DECIMALS: the table's; ASKED: --decimals)."""
    shown = foot_decimals(report, decimals, asked)
    share = result.wrong_pocket_share
    where = LABELS["no_share"]
    if share is not None:
        where = f"{realisation_text(share)} af besparelserne lander i stat og region"
    be = result.break_even
    lines = [
        f"{LABELS['wrong_pocket_share']}: {where}",
        f"{LABELS['break_even']}: kommunalt {year_text(be.municipal)}, offentligt {year_text(be.public)}",
        f"{LABELS['npv']} ({discount_text(result)}): kommunalt {amount(report.scaled(result.npv.municipal), shown)}"
        f", offentligt {amount(report.scaled(result.npv.public), shown)}",
        f"{LABELS['benefit_cost']}: kommunalt {ratio_text(result.benefit_cost.municipal)}"
        f", offentligt {ratio_text(result.benefit_cost.public)}",
    ]
    for sid, backing in result.sources.items():
        if backing.backing is not None:
            short = "ingen mangel"  # a shortfall of 0: no figure to show with decimals
            if backing.shortfall:
                short = f"mangler {amount(report.scaled(backing.shortfall), shown)}"
            label = backing_label(result, sid)
            lines.append(f"{label}, {report.names[sid]}: {ratio_text(backing.backing)} ({short})")
    return lines


def inactive_lines(report: SavingsReport, decimals: int) -> list[str]:
    """One line per deferred or stopped project with savings, as `gap` lists such projects: their savings as
    written (not realised), source by source, counted nowhere. DECIMALS: `foot_decimals`."""
    out = []
    for project in report.inactive:
        line = inactive_head(project.status, project.name, project.decide_at)
        shown = "; ".join(
            f"{project.sources[sid]} " + ", ".join(f"{year}: {amount(v, decimals)}" for year, v in by.items())
            for sid, by in project.savings.items()
        )
        out.append(f"{line}; {LABELS['inactive_savings']}: {shown} {report.unit.value}")
    return out


def key_figures(report: SavingsReport, result: Savings) -> list[tuple[str, str, object]]:
    """The key figures for CSV: (category, id, value), value None where there is none. The discount is
    `discount` with id `finance-ministry` (no value) or `flat` (the rate)."""
    scaled = report.scaled
    out: list[tuple[str, str, object]] = [
        ("discount", "finance-ministry", None) if result.rate is None else ("discount", "flat", result.rate),
        ("wrong_pocket_share", "", result.wrong_pocket_share),
    ]
    for side in ("municipal", "public"):
        out.append(("break_even", side, getattr(result.break_even, side)))
    for side in ("municipal", "public"):
        out.append(("npv", side, scaled(getattr(result.npv, side))))
    for side in ("municipal", "public"):
        out.append(("benefit_cost", side, getattr(result.benefit_cost, side)))
    for sid, backing in result.sources.items():
        if backing.backing is not None:
            out += [("backing", sid, backing.backing), ("shortfall", sid, scaled(backing.shortfall))]
    if result.outcomes_paid is not None:  # outcome lines: what they pay at the realisation, the residual it leaves
        out.append(("outcomes_paid", "", scaled(result.outcomes_paid)))
        out.append(("residual", "", scaled(result.gap.total.residual)))
    return out
