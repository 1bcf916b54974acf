"""What `savings` shows: the savings view (`savings.Savings`, in kr.) in the output unit (the JSON object of
docs/cli.md is `json.data`), as rows (`rows`, `sensitivity_rows`) and key-figure lines (`key_lines`) for the
table, Markdown and CSV renderers. The municipal pockets come first (with the residual the municipality still finds),
then the money from outside (refund and external sources), then state and region, so that each group's rows add
up: the municipal group's nets to `Kommunal netto`, and with the outside money's and state's and region's to
`Offentlig netto`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from effektinvest.core.display_context import TOTAL, danish, percent, places
from effektinvest.core.exact import exact_sum, exactly
from effektinvest.model import Scenario, Status
from effektinvest.model.numbers import EXACT
from effektinvest.model.units import Unit
from effektinvest.model.values import OUTSIDE
from effektinvest.reports.gap.view import ROUNDING_NOTE, rounded
from effektinvest.reports.gap.view import caption as unit_caption
from effektinvest.reports.savings.analysis import FROM_OUTSIDE, Savings

# Danish labels, as in a budget note.
LABELS = {
    "cost": "Udgift i alt",
    "municipal_cost": "Kommunal udgift",
    "residual": "Restfinansiering",
    "outside_paid": "Finansiering udefra",
    "savings": "besparelser",
    "paid": "betalt",
    "net": "netto",
    "repaid": "tilbagebetalt",
    "received": "tilbagebetaling modtaget",
    "municipal_savings": "Kommunale besparelser",
    "outside_savings": "Besparelser i stat og region",
    "savings_total": "Besparelser i alt",
    "municipal_net": "Kommunal netto",
    "municipal_cumulative": "Akkumuleret",
    "public_net": "Offentlig netto",
    "public_cumulative": "Akkumuleret",
    "total": TOTAL,
    "realisation": "Realisering",
    "wrong_pocket_share": "Forkert lomme (andel)",
    "break_even": "Hjemtjeningsår",
    "npv": "Nutidsværdi",
    "benefit_cost": "Besparelser pr. udgiftskrone (nutidsværdi)",
    "backing": "Besparelser pr. betalt",  # krone, or og tilbagebetalt krone: `backing_label`
    "shortfall": "Mangler",
    "none": "ingen",
    "no_share": "kan ikke opgøres (ingen besparelser)",
    "inactive_savings": "forventede besparelser, tæller ikke med",
}
FIGURES = ("cost", "municipal_cost", "savings", "municipal_savings", "outside_savings", "municipal_net", "public_net")


def backing_label(result: Savings, sid: str) -> str:
    """The backing's label for the pocket SID: per krone paid, or, where it repays an investor (format 1.3: the
    backing counts that too, savings / (paid + repaid)), per krone paid and repaid."""
    repays = result.repaid is not None and result.total.sources[sid].repaid
    return f"{LABELS['backing']}{' og tilbagebetalt' if repays else ''} krone"


class Row(NamedTuple):
    category: str  # a key of FIGURES, savings/paid/net (with a source id), or municipal_/public_cumulative
    id: str  # the source id of a pocket's row; "" for a sum
    label: str  # the source's name (first row of a pocket) or a Danish label
    detail: str  # besparelser, betalt, netto for a pocket; "" for a sum
    values: tuple[Decimal | None, ...]  # one per year, then the total (None: no figure)


class Inactive(NamedTuple):
    """A deferred or stopped project with savings: listed, counted nowhere. Its savings as written (expected,
    not realised), restated with --prices and in the report's unit: source id -> year -> amount."""

    id: str
    name: str
    status: Status
    decide_at: int | None
    savings: dict[str, dict[int, Decimal]]
    sources: dict[str, str]  # id -> name of each source in SAVINGS


@dataclass(frozen=True)
class SavingsReport:
    title: str
    budget_year: int
    unit: Unit
    price_level: int | None
    names: dict[str, str]  # id -> name of every source listed, in file order
    kinds: dict[str, str | None]
    results: tuple[Savings, ...]  # one, or one per realisation asked (the sensitivity view)
    decimals: int | None = None  # the scenario's house style (`decimals:`)
    inactive: tuple[Inactive, ...] = ()  # the deferred and stopped projects with savings, in file order

    @property
    def sensitivity(self) -> bool:
        return len(self.results) > 1

    def scaled(self, kr: Decimal | None) -> Decimal | None:
        return None if kr is None else self.unit.from_kr(kr)

    def outside(self, sid: str) -> bool:
        return self.kinds[sid] in OUTSIDE

    def group(self, sid: str) -> int:
        """Which group SID's rows stand in: 0 a municipal pocket, 1 money from outside (refund, external), 2 state
        and region."""
        return 2 if self.outside(sid) else 1 if self.kinds[sid] in FROM_OUTSIDE else 0


def build(scenario: Scenario, results: list[Savings], unit: Unit) -> SavingsReport:
    names = {sid: scenario.sources[sid].name for sid in results[0].sources}
    kinds = {sid: backing.kind for sid, backing in results[0].sources.items()}
    head = (scenario.scenario, scenario.budget_year, unit, scenario.price_level)
    inactive = []
    for pid, project in scenario.projects.items():
        if project.status is Status.CONTINUE:
            continue
        saved = {
            sid: {year: scenario.unit.to(value, unit) for year, value in sorted(by_year.items())}
            for sid, by_year in (project.savings or {}).items()
            if by_year
        }
        if saved:
            sources = {sid: scenario.sources[sid].name if sid in scenario.sources else sid for sid in saved}
            inactive.append(Inactive(pid, project.name, project.status, project.decide_at, saved, sources))
    return SavingsReport(*head, names, kinds, tuple(results), scenario.decimals, tuple(inactive))


# --- rows for people (and CSV) -----------------------------------------------------------------------------------


def rows(report: SavingsReport, result: Savings) -> tuple[Row, ...]:
    """One realisation as rows: cost; each municipal pocket (savings, paid, net), the residual (net: what the
    municipality still finds, negative), their savings; each pocket of money from outside (savings, paid, net),
    what they pay; each state and region pocket's savings, theirs; all savings, then the municipal and public
    nets with their running sums. `residual` and `outside_paid` are rows for people (CSV leaves them out)."""
    columns = (*result.years.values(), result.total)
    scaled = report.scaled

    def across(get) -> tuple:
        return tuple(scaled(get(column)) for column in columns)

    def figure(name: str, label: str | None = None) -> Row:
        return Row(name, "", label or LABELS[name], "", across(lambda c: getattr(c, name)))

    def cumulative(side: str) -> Row:
        values = (*(scaled(getattr(c, side)) for c in result.cumulative.values()), None)
        return Row(f"{side}_cumulative", "", LABELS[f"{side}_cumulative"], "", values)

    def residual(c) -> Decimal:  # the municipal cost its own pockets do not pay, as a net: negative
        own = (
            EXACT.subtract(EXACT.add(p.paid, p.repaid), p.received)
            for sid, p in c.sources.items()
            if report.group(sid) == 0
        )
        return EXACT.subtract(exact_sum(own), c.municipal_cost)

    out = [figure("cost"), figure("municipal_cost")]
    for group in (0, 1, 2):
        for sid, name in report.names.items():
            if report.group(sid) != group:
                continue
            details = ("savings",) if group == 2 else ("savings", "paid", *_flows(result, sid), "net")
            for index, detail in enumerate(details):
                value = across(lambda c, sid=sid, detail=detail: getattr(c.sources[sid], detail))
                out.append(Row(detail, sid, name if index == 0 else "", LABELS[detail], value))
        if group == 0:
            out.append(Row("residual", "", LABELS["residual"], LABELS["net"], across(residual)))
            out.append(figure("municipal_savings"))
        elif group == 1 and any(report.group(sid) == 1 for sid in report.names):
            # what outside sources paid, less what outside investors got back (format 1.3): "betalt netto"
            repaid = any("received" in _flows(result, sid) for sid in report.names if report.group(sid) == 1)
            out.append(
                Row(
                    "outside_paid",
                    "",
                    LABELS["outside_paid"],
                    f"{LABELS['paid']} netto" if repaid else LABELS["paid"],
                    across(lambda c: EXACT.subtract(c.cost, c.municipal_cost)),
                )
            )
        elif group == 2:
            out.append(figure("outside_savings"))
    out += [figure("savings", LABELS["savings_total"]), figure("municipal_net"), cumulative("municipal")]
    out += [figure("public_net"), cumulative("public")]
    return tuple(out)


def _flows(result: Savings, sid: str) -> tuple[str, ...]:
    """A pocket's rows for repayments (format 1.3): `repaid` when it repays, `received` when it is repaid."""
    if result.repaid is None:
        return ()
    total = result.total.sources[sid]
    return tuple(name for name in ("repaid", "received") if getattr(total, name))


def section_starts(table: tuple[Row, ...]) -> set[int]:
    """The rows a rule goes above: the first pocket of each group, all savings, the nets."""
    starts, previous = set(), None
    for index, row in enumerate(table):
        group = "pockets" if row.id else row.category
        if group == "pockets" and previous in {"municipal_cost", "municipal_savings", "outside_paid"}:
            starts.add(index)
        if row.category in {"savings", "municipal_net"} and not row.id:
            starts.add(index)
        previous = group if row.id else row.category
    return starts


def decimals_for(report: SavingsReport, asked: int | None) -> int:
    """How many decimals every amount is shown with: ASKED (--decimals), else the scenario's `decimals:`, else
    as many as the savings, payments and costs need (`cells.places`), at least 2. A present value, whole øre
    is not one of them: it is shown under the table, with `savings_keys.foot_decimals`."""
    asked = report.decimals if asked is None else asked
    values = [v for result in report.results for row in rows(report, result) for v in row.values]
    return places(report.unit, values, asked) if asked is not None else max(2, places(report.unit, values))


def caption(report: SavingsReport, result: Savings | None = None) -> str:
    """'mio. kr., 2024-priser, realisering 75 %': the unit, the price level and (one realisation) the
    realisation."""
    text = unit_caption(report)
    return text if result is None else f"{text}, realisering {realisation_text(result.realisation)}"


def realisation_text(value: Decimal) -> str:
    """A realisation as a Danish percentage with the decimals it needs: 75 %, 42,5 % (`percent`)."""
    return percent(value, None)


def year_text(year: int | None) -> str:
    return LABELS["none"] if year is None else str(year)


def ratio_text(value: Decimal | None) -> str:
    return LABELS["none"] if value is None else danish(value, 4)


def _net(at: dict, sid: str) -> Decimal:
    """A pocket's shown net as its shown parts make it: savings - paid - repaid + received."""
    zero = Decimal(0)
    return at[("savings", sid)] - at[("paid", sid)] - at.get(("repaid", sid), zero) + at.get(("received", sid), zero)


@exactly
def rounding_note(table: tuple[Row, ...], decimals: int) -> str | None:
    """The line under a table whose shown figures do not add up once rounded to DECIMALS places: a row's
    total against its years, a pocket's net against its savings less paid, the sums of savings, the nets
    and the running sums. None when every shown figure adds up."""
    shown = {(row.category, row.id): [rounded(v, decimals) for v in row.values] for row in table}
    pockets = [row for row in table if row.id and row.category == "savings"]
    for (category, _), values in shown.items():
        if not category.endswith("cumulative") and sum(values[:-1]) != values[-1]:
            return ROUNDING_NOTE
    for i in range(len(table[0].values)):
        at = {key: values[i] for key, values in shown.items()}
        outside = sum(at[("savings", r.id)] for r in pockets if ("paid", r.id) not in shown)
        sums = [
            (at[("outside_savings", "")], outside),
            (at[("municipal_savings", "")], sum(at[("savings", r.id)] for r in pockets) - outside),
            (at[("savings", "")], at[("municipal_savings", "")] + at[("outside_savings", "")]),
            (at[("municipal_net", "")], at[("municipal_savings", "")] - at[("municipal_cost", "")]),
            (at[("public_net", "")], at[("savings", "")] - at[("cost", "")]),
            *((at[("net", r.id)], _net(at, r.id)) for r in pockets if ("net", r.id) in at),
        ]
        if any(a != b for a, b in sums):
            return ROUNDING_NOTE
    return None
