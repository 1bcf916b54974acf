"""Where every figure comes from (`gap --explain`): each financing line, in file order, with the projects it
covers, its covered cost and its payment per year, and the figures its rule was applied to. Pure.

Nothing here repeats a rule of the arithmetic: what a line covers and pays is what `arithmetic.ledger` and
`arithmetic.payments` computed (the figures of the report come from the same lists), and what a restated
amount is comes from `prices.restate`'s scenario. This module adds only the figures a reader needs to follow
the rule: a share's product before its rounding to øre, a tariff times a count before a cap, an amount times
the price factor before its rounding. Amounts in kr.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from effektinvest.core.arithmetic import PaidLines, ledger, paid_lines
from effektinvest.model import Scenario
from effektinvest.model.numbers import EXACT

# The kinds of line (docs/cli.md, "gap --explain").
SHARE, AMOUNT, AMOUNTS, OUTCOMES = "share", "amount", "amounts", "outcomes"


class Conversion(NamedTuple):
    """One amount restated in another year's prices (`--prices`): as written, times the factor, rounded."""

    key: int | str | None  # the year of a year-mapped amount, "tariff" (a rate card's "tariff YEAR") or "cap"; None
    # for a single amount; a repayment's (format 1.3): "repay tariff", "repay tariff YEAR", "repay cap", "repay YEAR"
    written: Decimal  # kr., in the file's price level
    exact: Fraction  # kr., written x factor, before rounding
    restated: Decimal  # kr., to whole øre (what the report uses: prices.restate's)


class Prices(NamedTuple):
    """How `--prices` restated one line: the factor index[year] / index[price_level] and its amounts."""

    year: int
    price_level: int
    index: tuple[Decimal, Decimal]  # index[year], index[price_level]
    amounts: tuple[Conversion, ...]  # the line's own amounts (amount, year amounts, tariff, cap; then its repay's)
    covered: dict[int, Decimal]  # kr.: the covered cost per year as written (each cost restated, then added)


class Explained(NamedTuple):
    """One financing line and what it pays: the figures of its rule. Amounts in kr."""

    path: tuple  # where the line stands in the file, for a Locator
    source: str
    projects: tuple[str, ...]  # the continued projects it covers, in file order
    kind: str  # share, amount, amounts or outcomes
    share: Decimal | None  # share lines
    amount: Decimal | dict[int, Decimal] | None  # amount and amounts lines
    covered: dict[int, Decimal]  # per year with covered cost
    paid: dict[int, Decimal]  # per year, what `arithmetic.payments` gives
    note: str | None
    outcomes: tuple | None = None  # outcome lines: (tariff in kr. or a rate card {year: kr.}, {year: count}, cap)
    prices: Prices | None = None
    repay: object = None  # format 1.3: the line's `repay` (model.Repay), for --prices' conversions


def kind_of(line) -> str:
    if getattr(line, "tariff", None) is not None:  # format 1.2's outcome payment lines
        return OUTCOMES
    if line.share is not None:
        return SHARE
    return AMOUNTS if isinstance(line.amount, dict) else AMOUNT


def explain(scenario: Scenario, paid: PaidLines | None = None) -> list[Explained]:
    """Every counting line of SCENARIO (a valid one) in file order, explained: its covered cost from
    `arithmetic.ledger`, what it pays from `arithmetic.payments` on that ledger. PAID: those lines, from
    `arithmetic.paid_lines` (`load.Loaded.paid`), if already made."""
    to_kr = scenario.unit.to_kr
    out = []
    for ref, covered, pays in paid_lines(scenario) if paid is None else paid:
        line = ref.line
        kind = kind_of(line)
        amount = outcomes = None
        if kind == OUTCOMES:
            cap = None if getattr(line, "cap", None) is None else to_kr(line.cap)
            outcomes = (_tariff_kr(line.tariff, to_kr), dict(sorted(line.outcomes.items())), cap)
        elif kind == AMOUNTS:
            amount = {year: to_kr(value) for year, value in sorted(line.amount.items())}
        elif kind == AMOUNT:
            amount = to_kr(line.amount)
        out.append(
            Explained(
                ref.path, line.source, ref.covers, kind, line.share, amount, covered, pays, line.note, outcomes,
                repay=line.repay,
            )
        )
    return out


def gross(entry: Explained) -> dict[int, Decimal]:
    """What ENTRY comes to per year before its rounding to øre or its cap: share x covered cost, tariff x
    count (empty for amount lines). For people only, so made only when shown."""
    if entry.kind == SHARE:
        return {year: EXACT.multiply(entry.share, cost) for year, cost in entry.covered.items()}
    if entry.kind == OUTCOMES:
        tariff, counts, _ = entry.outcomes
        return {year: EXACT.multiply(tariff_of(tariff, year), Decimal(count)) for year, count in counts.items()}
    return {}


def _tariff_kr(tariff, to_kr):
    """A tariff in kr.: one amount, or a rate card {year: amount} (ascending)."""
    if isinstance(tariff, dict):
        return {year: to_kr(value) for year, value in sorted(tariff.items())}
    return to_kr(tariff)


def tariff_of(tariff, year: int) -> Decimal:
    """The tariff in YEAR of an outcome line's TARIFF (one amount, or a rate card)."""
    return tariff[year] if isinstance(tariff, dict) else tariff


def cap_reached(entry: Explained) -> int | None:
    """The year in which an outcome line's payments first add up to its cap (whether that year's payment was
    cut to the cap or filled it exactly); None when the line has no cap or never reaches it."""
    if entry.kind != OUTCOMES or entry.outcomes[2] is None:
        return None
    cap, total = entry.outcomes[2], Decimal(0)
    for year in sorted(entry.outcomes[1]):
        total = EXACT.add(total, entry.paid.get(year, Decimal(0)))
        if total == cap:
            return year
    return None


def with_prices(
    explained: list[Explained], written: Scenario, year: int, paid: PaidLines | None = None
) -> list[Explained]:
    """EXPLAINED (of WRITTEN restated by `prices.restate` in YEAR prices) with each line's conversion: the
    factor, and each of its amounts as written, times the factor, and as restated. PAID: WRITTEN's lines (as
    `explain`'s), if already made."""
    level = written.price_level
    index = (written.price_index[year], written.price_index[level])
    factor = Fraction(index[0]) / Fraction(index[1])
    as_written = ledger(written)[1] if paid is None else paid  # (ref, covered) or (ref, covered, pays)
    to_kr = written.unit.to_kr
    out = []
    for entry, (ref, covered, *_) in zip(explained, as_written, strict=True):
        before = _amounts(ref.line, to_kr)
        after = {**_amounts_of(entry), **_repay_amounts(entry.repay, to_kr)}  # restated: the same unit
        conversions = tuple(
            Conversion(key, value, Fraction(value) * factor, after[key]) for key, value in before.items()
        )
        out.append(entry._replace(prices=Prices(year, level, index, conversions, covered)))
    return out


def _amounts(line, to_kr) -> dict:
    """A line's own amounts, in kr., keyed by year (None for a single amount, 'tariff' and 'cap'), then its
    repayment's (`_repay_amounts`)."""
    return {**_own_amounts(line, to_kr), **_repay_amounts(getattr(line, "repay", None), to_kr)}


def _repay_amounts(repay, to_kr) -> dict:
    """A repayment's amounts (format 1.3), in kr.: its tariff or rate card and its cap ("repay tariff", "repay
    tariff YEAR", "repay cap"), or its schedule ("repay YEAR"); counts are never restated."""
    if repay is None:
        return {}
    if repay.amount is not None:
        return {f"repay {year}": to_kr(value) for year, value in sorted(repay.amount.items())}
    out = {f"repay {key}": value for key, value in _tariff_keys(_tariff_kr(repay.tariff, to_kr)).items()}
    if repay.cap is not None:
        out["repay cap"] = to_kr(repay.cap)
    return out


def _own_amounts(line, to_kr) -> dict:
    if getattr(line, "tariff", None) is not None:
        out = _tariff_keys(_tariff_kr(line.tariff, to_kr))
        if getattr(line, "cap", None) is not None:
            out["cap"] = to_kr(line.cap)
        return out
    if line.amount is None:
        return {}
    if isinstance(line.amount, dict):
        return {year: to_kr(value) for year, value in sorted(line.amount.items())}
    return {None: to_kr(line.amount)}


def _tariff_keys(tariff) -> dict:
    """A tariff's amounts for `Conversion.key`: "tariff", or "tariff YEAR" for each year of a rate card."""
    if isinstance(tariff, dict):
        return {f"tariff {year}": value for year, value in tariff.items()}
    return {"tariff": tariff}


def _amounts_of(entry: Explained) -> dict:
    if entry.outcomes is not None:
        tariff, _, cap = entry.outcomes
        return _tariff_keys(tariff) if cap is None else {**_tariff_keys(tariff), "cap": cap}
    if entry.amount is None:
        return {}
    return dict(entry.amount) if isinstance(entry.amount, dict) else {None: entry.amount}
