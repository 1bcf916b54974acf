"""What `gap` shows of the repayments to investors (repayment.md, format 1.3): each line's repayment in the
report's unit (`RepaymentEntry`), the repayment-only years added to the gap's columns (cost, financed and
residual 0, no coverage), the block "Tilbagebetaling" (a row per paying pocket, then the total per year) and the
line under the table that says the total, to whom and in which years. The figures are `core.repayment`'s.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

from effektinvest.core.arithmetic import ZERO, Figures, Gap
from effektinvest.core.display_context import amount
from effektinvest.core.exact import exact_sum
from effektinvest.core.repayment import Repayment, contract, repaid_lines, repayment
from effektinvest.model import Scenario
from effektinvest.model.numbers import EXACT
from effektinvest.model.units import Unit

HEADING = "Tilbagebetaling"
TOTAL_LABEL = "Tilbagebetaling i alt"


class RepaymentEntry(NamedTuple):
    """One line's repayment in the report's unit (JSON `repayments`)."""

    investor: str  # the source id of the line that is repaid
    path: tuple  # where its `repay` stands in the file
    tariff: Decimal | dict[int, Decimal] | None  # per outcome: the tariff (a rate card: year -> tariff); else None
    years: dict[int, dict[str, Decimal]]  # year -> pocket -> what it repays, every pocket of `by` in every year
    totals: dict[int, Decimal]  # year -> the year's repayment
    by: dict[str, Decimal]  # pocket -> what it repays in all
    total: Decimal
    uncapped: Decimal  # per outcome: tariff x count before the cap; a schedule: its sum
    cap: Decimal | None
    line: int | None = None  # the line of `repay` in the file, once located
    file: str | None = None  # the file's path as given, once located
    outcomes: dict[int, int] | None = None  # per outcome: the expected counts (--explain)
    shares: dict[str, Decimal] | None = None  # pocket -> its share (--explain)


def entries(scenario: Scenario, unit: Unit, realisation: Decimal | None = None) -> tuple[RepaymentEntry, ...]:
    """Every repayment of SCENARIO in UNIT, in file order; outcome-based ones at REALISATION (None: as written)."""
    to_kr, written = scenario.unit.to_kr, scenario.unit
    # the lines of one contract share its entry, made once (a file of 100,000 lines may have a handful)
    made: dict[tuple, RepaymentEntry] = {}
    same: dict[int, tuple] = {}  # id of a Repay (one per contract written alike: SharedRepay) -> (it, its entry)
    out = []
    for ref in repaid_lines(scenario):
        repay = ref.line.repay
        held = same.get(id(repay))
        if held is None or held[0] is not repay:
            key = contract(repay)
            entry = made.get(key)
            if entry is None:
                entry = made[key] = _entry(repayment(ref, to_kr, realisation), written, unit)
            held = same[id(repay)] = (repay, entry)  # (which keeps REPAY alive: its id names no other)
        out.append(RepaymentEntry(ref.line.source, (*ref.path, "repay"), *held[1][2:]))
    return tuple(out)


def tariff_in(tariff, written: Unit, unit: Unit):
    """A tariff (an outcome line's or a repayment's) in UNIT: one amount, or a rate card (year -> amount,
    ascending)."""
    if isinstance(tariff, dict):
        return {year: written.to(value, unit) for year, value in sorted(tariff.items())}
    return written.to(tariff, unit)


def _entry(one: Repayment, written: Unit, unit: Unit) -> RepaymentEntry:
    shown = unit.from_kr
    repay = one.ref.line.repay
    tariff = None if repay.tariff is None else tariff_in(repay.tariff, written, unit)
    return RepaymentEntry(
        one.investor,
        (*one.ref.path, "repay"),
        tariff,
        {year: {sid: shown(part) for sid, part in parts.items()} for year, parts in one.years.items()},
        {year: shown(value) for year, value in one.totals.items()},
        {sid: shown(value) for sid, value in one.by.items()},
        shown(one.total),
        shown(one.uncapped),
        None if one.cap is None else shown(one.cap),
        outcomes=repay.outcomes or None,  # the model's own (frozen) mappings: not copied, per line of 100,000
        shares=repay.by,
    )


def located(found: tuple[RepaymentEntry, ...], file: str, locate) -> tuple[RepaymentEntry, ...]:
    """FOUND with the FILE and the line of each `repay` key (LOCATE: a Locator: path -> (line, column))."""
    return tuple(RepaymentEntry(*entry[:9], locate(entry.path, at_key=True)[0], file, *entry[11:]) for entry in found)


def in_gap(report):
    """REPORT (a view.Report) as `gap` shows it: its columns the cost years and the repayment years (`with_years`).
    REPORT itself without repayments (the note's span of years and `compare` stay the cost years)."""
    if not report.repayments:
        return report
    gap = with_years(report.gap, report.repayments)
    return replace(report, gap=gap, years=tuple(gap.years), repayment_block=True)


def with_years(gap: Gap, found: tuple[RepaymentEntry, ...]) -> Gap:
    """GAP with a column for each repayment year that has no cost: cost, financed and residual 0, no coverage
    (the cost years and the repayment years, ascending). GAP itself when there is none to add."""
    extra = {year for entry in found for year in entry.totals} - set(gap.years)
    if not extra:
        return gap
    empty = Figures({}, {}, ZERO, ZERO, ZERO, None)
    years = {year: gap.years.get(year, empty) for year in sorted({*gap.years, *extra})}
    return Gap(years, gap.total)


def rows(report, row) -> list:
    """The block "Tilbagebetaling" of REPORT (a view.Report) as ROW (view.Row) tuples: a row per paying pocket
    (in the file's order of sources: "Tilbagebetaling fra NAME", category repayment), then the total per year
    (category repaid); a value per year of the report, then the total; None where nothing is repaid."""
    # the lines of one contract share one entry's figures (`entries`): each added once, times its lines (exact)
    shared: dict[int, list] = {}
    for entry in report.repayments:
        shared.setdefault(id(entry.years), [entry, 0])[1] += 1
    found = [(entry, Decimal(lines)) for entry, lines in shared.values()]
    names = {s.id: s.name for s in report.all_sources}
    payers = [sid for sid in names if any(sid in entry.by for entry, _ in found)]
    out = []
    for sid in payers:
        per_year = [
            [EXACT.multiply(e.years[year][sid], n) for e, n in found if year in e.years and sid in e.by]
            for year in report.years
        ]
        values = tuple(exact_sum(parts) if parts else None for parts in per_year)
        total = exact_sum(EXACT.multiply(e.by.get(sid, ZERO), n) for e, n in found)
        out.append(row("repayment", sid, f"{HEADING} fra {names[sid]}", (*values, total)))
    per_year = [[EXACT.multiply(e.totals[year], n) for e, n in found if year in e.totals] for year in report.years]
    values = tuple(exact_sum(parts) if parts else None for parts in per_year)
    out.append(row("repaid", "", TOTAL_LABEL, (*values, exact_sum(EXACT.multiply(e.total, n) for e, n in found))))
    return out


def foot_lines(report, decimals: int) -> list[str]:
    """A line per repayment under the table: the total, to whom, in which years, how (per achieved outcome, at
    most the cap; or on a schedule)."""
    names = {s.id: s.name for s in report.all_sources}
    unit = report.unit.value
    out = []
    for entry in report.repayments:
        years = sorted(entry.totals)
        span = str(years[0]) if years[0] == years[-1] else f"{years[0]}-{years[-1]}"
        how = "efter fast plan"
        if entry.tariff is not None:
            how = "pr. opnået resultat"
            if entry.cap is not None:
                how += f", højst {amount(entry.cap, decimals)} {unit}"
        out.append(
            f"Tilbagebetaling til {names.get(entry.investor, entry.investor)}: {amount(entry.total, decimals)} {unit} "
            f"i alt i {span} ({how})"
        )
    return out
