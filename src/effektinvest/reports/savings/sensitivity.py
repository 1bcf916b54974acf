"""The sensitivity view of `savings` (several realisations): a row per realisation with the total realised
savings, the municipal and public net totals, both present values, the municipal break-even year and the
sources with a shortfall, for the table and Markdown (JSON and CSV carry every figure of each realisation)."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from effektinvest.core.display_context import amount
from effektinvest.reports.savings.view import SavingsReport, realisation_text, year_text


class SensitivityRow(NamedTuple):
    realisation: Decimal
    values: tuple[Decimal, ...]  # SENSITIVITY, in the report's unit
    break_even: int | None  # municipal
    shortfalls: dict[str, Decimal]  # source id -> shortfall above 0, in the report's unit


def rows(report: SavingsReport) -> list[SensitivityRow]:
    """A row per realisation: total savings, the municipal and public net totals, both NPVs, the municipal
    break-even year and the sources with a shortfall."""
    out = []
    for result in report.results:
        total = result.total
        figures = (total.savings, total.municipal_net, total.public_net, result.npv.municipal, result.npv.public)
        short = {sid: report.scaled(b.shortfall) for sid, b in result.sources.items() if b.shortfall}
        values = tuple(map(report.scaled, figures))
        out.append(SensitivityRow(result.realisation, values, result.break_even.municipal, short))
    return out


NPVS = 3  # the index in SensitivityRow.values of the first present value
HEADS = (
    "Realisering",
    "Besparelser i alt",
    "Kommunal netto",
    "Offentlig netto",
    "Nutidsværdi, kommunalt",
    "Nutidsværdi, offentligt",
    "Tilbagebetalingsår, kommunalt",
    "Mangler",
)


def cells(report: SavingsReport, row: SensitivityRow, decimals: int, foot: int) -> list[str]:
    """The cells of ROW for people (the shortfalls name their sources as written: escape them per format).
    DECIMALS: the amounts'; FOOT (`savings_keys.foot_decimals`): the present values' and the shortfalls'."""
    short = "; ".join(f"{report.names[sid]}: {amount(value, foot)}" for sid, value in row.shortfalls.items())
    numbers = [amount(value, foot if index >= NPVS else decimals) for index, value in enumerate(row.values)]
    return [realisation_text(row.realisation), *numbers, year_text(row.break_even), short or "-"]
