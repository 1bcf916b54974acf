"""The sensitivity view of `savings` (several realisations): a row per realisation with the total realised
savings, the municipal and public net totals, both present values, the municipal break-even year and the
sources with a shortfall, for the table, Markdown and the workbook (JSON and CSV carry every figure of each
realisation). A scenario with outcome lines also has, after the savings, what the outcome lines pay at the
realisation and the residual (savings.md, "Outcome-contract risk"): so that "at 50 % the residual grows by X"
is read off the table."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from effektinvest.core.display_context import amount
from effektinvest.reports.savings.view import SavingsReport, realisation_text, year_text


class SensitivityRow(NamedTuple):
    realisation: Decimal
    values: tuple[Decimal, ...]  # the amounts of `heads` (after the realisation), in the report's unit
    break_even: int | None  # municipal
    shortfalls: dict[str, Decimal]  # source id -> shortfall above 0, in the report's unit


def with_outcomes(report: SavingsReport) -> bool:
    """Whether the scenario has outcome lines: then the rows have what they pay and the residual."""
    return any(result.outcomes_paid is not None for result in report.results)


def rows(report: SavingsReport) -> list[SensitivityRow]:
    """A row per realisation: total savings, (with outcome lines) what they pay and the residual, the municipal
    and public net totals, both NPVs, the municipal break-even year and the sources with a shortfall."""
    outcomes = with_outcomes(report)
    out = []
    for result in report.results:
        total = result.total
        figures = (total.savings,)
        if outcomes:
            figures += (result.outcomes_paid, result.gap.total.residual)
        figures += (total.municipal_net, total.public_net, result.npv.municipal, result.npv.public)
        short = {sid: report.scaled(b.shortfall) for sid, b in result.sources.items() if b.shortfall}
        values = tuple(map(report.scaled, figures))
        out.append(SensitivityRow(result.realisation, values, result.break_even.municipal, short))
    return out


HEADS = (
    "Realisering",
    "Besparelser i alt",
    "Kommunal netto",
    "Offentlig netto",
    "Nutidsværdi, kommunalt",
    "Nutidsværdi, offentligt",
    "Hjemtjeningsår, kommunalt",
    "Mangler",
)
OUTCOME_HEADS = ("Resultatbetaling", "Restfinansiering")  # after the savings, with outcome lines


def heads(report: SavingsReport) -> tuple[str, ...]:
    """The heads of the table's columns: HEADS, with OUTCOME_HEADS after the savings when there are outcome lines."""
    return (*HEADS[:2], *OUTCOME_HEADS, *HEADS[2:]) if with_outcomes(report) else HEADS


def npvs(report: SavingsReport) -> int:
    """The index in SensitivityRow.values of the first present value."""
    return 5 if with_outcomes(report) else 3


def cells(report: SavingsReport, row: SensitivityRow, decimals: int, foot: int) -> list[str]:
    """The cells of ROW for people (the shortfalls name their sources as written: escape them per format).
    DECIMALS: the amounts'; FOOT (`savings_keys.foot_decimals`): the present values' and the shortfalls'."""
    short = "; ".join(f"{report.names[sid]}: {amount(value, foot)}" for sid, value in row.shortfalls.items())
    first = npvs(report)
    numbers = [amount(value, foot if index >= first else decimals) for index, value in enumerate(row.values)]
    return [realisation_text(row.realisation), *numbers, year_text(row.break_even), short or "-"]
