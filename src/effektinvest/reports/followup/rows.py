"""`follow-up` for people (the table, Markdown, the workbook): a row per side of each figure (Plan,
Regnskab / forventet, Afvigelse), then each outcome line, then each pocket's savings; the column heads (a closed
year "2024 R", an open one "2026 B"), the cells in Danish, the legend and the lines under the table. Pure."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from effektinvest.core.display_context import NONE, TOTAL, danish, percent, places, signed
from effektinvest.core.exact import exact_sum, exactly
from effektinvest.reports.followup.repayments import in_year
from effektinvest.reports.followup.view import FollowUpReport, figures, outcomes, savings
from effektinvest.reports.gap.inactive_repay import not_repaid
from effektinvest.reports.gap.view import ROUNDING_NOTE, inactive_head, rounded

SIDES = (("plan", "Plan"), ("actual", "Regnskab / forventet"), ("deviation", "Afvigelse"))
MARK = "*"
MARK_NOTE = f"{MARK} Planen står i stedet for et regnskabstal, der mangler i filen (advarslen actual-missing)."
SIGNS = (  # the sign legend, in compare's words (compare/view.py SIGNS)
    "Afvigelse = regnskab / forventet - plan: + = merudgift / mere finansiering / større restfinansiering, "
    "- = mindreudgift / mindre finansiering / mindre restfinansiering."
)
CANNOT = "kan ikke opgøres"


class Line(NamedTuple):
    """A row of the table: its values a year at a time, then the total (None: no figure)."""

    label: str  # the figure's name on its first row, else ""
    detail: str  # Plan, Regnskab / forventet, Afvigelse, Forventet antal, ...
    kind: str  # amount, change (an amount with its sign), count, rate
    values: tuple[Decimal | int | None, ...]
    marked: tuple[bool, ...]  # per column: a planned figure stood in for a missing actual
    first: bool  # the first row of a figure (a rule above it)
    bold: bool


def heads(report: FollowUpReport) -> list[str]:
    """The number columns' heads: '2024 R' (regnskab) for a closed year, '2026 B' (budget) for an open one,
    then the total."""
    through = report.result.actuals_through
    return [*(f"{year} {'R' if year <= through else 'B'}" for year in report.years), TOTAL]


def lines(report: FollowUpReport) -> tuple[Line, ...]:
    """Cost, each source and the residual (three rows each), each outcome line, each pocket's savings."""
    count = len(report.years) + 1
    out = []
    for figure in figures(report):
        bold = figure.category != "financing"
        for side, detail in SIDES:
            values = tuple(getattr(c, side) for c in figure.columns)
            marked = (False,) * count if side == "plan" else figure.marked
            kind = "change" if side == "deviation" else "amount"
            out.append(Line(figure.label if side == "plan" else "", detail, kind, values, marked, side == "plan", bold))
    closed = set(report.closed)
    for o in outcomes(report):
        achieved = [o.achieved.get(year) if year in closed else None for year in report.years]
        rows = [
            ("Forventet antal", "count", [o.expected.get(year) for year in report.years], sum(o.expected.values())),
            ("Opnået antal", "count", achieved, sum(o.achieved.values())),
            ("Betalt", "amount", [o.paid.get(year) for year in report.years], exact_sum(o.paid.values())),
        ]
        if o.cap is not None:
            rows.append(("Loft tilbage", "amount", [None] * len(report.years), o.cap_left))
        for index, (detail, kind, values, total) in enumerate(rows):
            marked = [detail == "Opnået antal" and year in o.marked for year in report.years]
            first = index == 0
            label = f"{o.name} (linje {o.line})" if first else ""
            out.append(Line(label, detail, kind, (*values, total), (*marked, any(marked)), first, False))
    out += _repayment_lines(report, count)
    for figure, rate in savings(report):
        rate_values = (*(None for _ in report.years), rate)
        out += [
            Line(
                f"Besparelser, {figure.label}",
                "Forventet",
                "amount",
                _side(figure, "plan"),
                (False,) * count,
                True,
                False,
            ),
            Line("", "Realiseret / forventet", "amount", _side(figure, "actual"), figure.marked, False, False),
            Line("", "Realiseringsgrad", "rate", rate_values, (False,) * count, False, False),
        ]
    return tuple(out)


def _repayment_lines(report: FollowUpReport, count: int) -> list[Line]:
    """Each repayment to an investor (format 1.3): per outcome its expected and repaid-for counts, then per paying
    pocket its plan and its accounts / forecast, the total of each, and what is left of the cap. Where an expected
    count stood in for a missing achieved one, its count and the repayments of its year are marked."""
    out = []
    closed, years, unmarked = set(report.closed), report.years, (False,) * count
    for entry in report.repayments:
        stood = tuple(year in entry.marked for year in years)
        stood = (*stood, any(stood))
        rows: list[tuple[str, str, tuple, tuple]] = []
        if entry.expected:
            achieved = [entry.achieved.get(year) if year in closed else None for year in years]
            expected = (*(entry.expected.get(y) for y in years), sum(entry.expected.values()))
            rows.append(("Forventet antal", "count", expected, unmarked))
            rows.append(("Opnået antal", "count", (*achieved, sum(entry.achieved.values())), stood))
        sides = (("Plan", entry.plan, unmarked), ("Regnskab / forventet", entry.actual, stood))
        for sid, name in [*entry.pockets.items(), (None, "i alt")]:
            for detail, split, marked in sides:
                values = (*(in_year(split, y, sid) if y in split else None for y in years), in_year(split, None, sid))
                rows.append((f"{detail}, {name}", "amount", values, marked))
        if entry.cap is not None:
            rows.append(("Loft tilbage", "amount", (*(None for _ in years), entry.cap_left), unmarked))
        label = f"Tilbagebetaling til {entry.name} (linje {entry.line})"
        for index, (detail, kind, values, marked) in enumerate(rows):
            out.append(Line(label if index == 0 else "", detail, kind, values, marked, index == 0, False))
    return out


def _side(figure, side: str) -> tuple:
    return tuple(getattr(c, side) for c in figure.columns)


def decimals_for(report: FollowUpReport, table: tuple[Line, ...], asked: int | None) -> int:
    """How many decimals every amount is shown with: ASKED (--decimals), else the scenario's `decimals:`, else as
    many as the amounts need."""
    asked = report.decimals if asked is None else asked
    amounts = (v for line in table if line.kind in ("amount", "change") for v in line.values)
    return places(report.unit, amounts, asked)


def cell(line: Line, index: int, decimals: int) -> str:
    """The cell of LINE in column INDEX for people, with the mark where the plan stood in."""
    value = line.values[index]
    if value is None:
        text = CANNOT if line.kind == "rate" and index == len(line.values) - 1 else NONE if line.kind != "rate" else ""
    elif line.kind == "rate":
        text = percent(value)
    elif line.kind == "count":
        text = danish(Decimal(value), 0)
    else:
        text = (signed if line.kind == "change" else danish)(value, decimals)
    return text + MARK if line.marked[index] else text


def notes(report: FollowUpReport, table: tuple[Line, ...], decimals: int) -> list[str]:
    """The lines under the table: the legend, the mark's footnote, a surplus, the rounding line, the deferred and
    stopped projects."""
    through = report.result.actuals_through
    out = [
        f"R: regnskab (lukket år, til og med {through}); B: budget (åbent år: prognosen). "
        "Regnskab / forventet: regnskabet i de lukkede år, det forventede i de åbne.",
        SIGNS,
    ]
    if report.result.savings:
        out.append("Realiseringsgrad: de realiserede besparelser over de forventede i de lukkede år.")
    if any(any(line.marked) for line in table):
        out.append(MARK_NOTE)
    residual = next(f for f in figures(report) if f.category == "residual")
    surplus = [(head, c.actual) for head, c in zip(heads(report), residual.columns, strict=True) if c.actual < 0]
    if surplus:
        shown = "; ".join(f"{head}: {danish(value.copy_negate(), decimals)}" for head, value in surplus)
        out.append(f"Overskud (finansieringen overstiger udgiften) i regnskab / forventet: {shown}")
    if rounding_differs(report, decimals):
        out.append(ROUNDING_NOTE)
    return out + inactive_lines(report, decimals)


@exactly
def rounding_differs(report: FollowUpReport, decimals: int) -> bool:
    """Whether a shown total differs from the sum of its shown parts (amounts rounded to DECIMALS): a row's
    total against its years, a deviation against its actual less its plan, the residual against the cost less
    the financing."""

    def shown(value) -> Decimal:
        return rounded(value, decimals)

    table = figures(report)
    for figure in (*table, *(f for f, _ in savings(report))):
        for side, _ in SIDES:
            values = [shown(getattr(c, side)) for c in figure.columns]
            if sum(values[:-1]) != values[-1]:
                return True
        if any(shown(c.deviation) != shown(c.actual) - shown(c.plan) for c in figure.columns):
            return True
    cost, *sources, residual = table
    for index, column in enumerate(residual.columns):
        for side in ("plan", "actual"):
            parts = shown(getattr(cost.columns[index], side)) - sum(
                shown(getattr(s.columns[index], side)) for s in sources
            )
            if parts != shown(getattr(column, side)):
                return True
    return False


def inactive_lines(report: FollowUpReport, decimals: int) -> list[str]:
    """One line per deferred or stopped project: its costs and actual costs and (format 1.3) the investors its own
    lines would repay, which count nowhere."""
    out = []
    for project in report.inactive:
        line = inactive_head(project.status, project.name, project.decide_at)
        for word, amounts in (("udgift", project.costs), ("regnskab", project.actual_costs)):
            if amounts:
                line += f"; {word} " + ", ".join(
                    f"{year}: {danish(value, decimals)}" for year, value in amounts.items()
                )
        line += f" {report.unit.value}" if project.costs or project.actual_costs else ""
        out.append(line + not_repaid(project.investors))
    return out
