"""What `savings` shows: the savings view (`savings.Savings`, in kr.) in the output unit, as the JSON object of
docs/cli.md (`data`), and as rows (`rows`, `sensitivity_rows`) and key-figure lines (`key_lines`) for the table,
Markdown and CSV renderers. The municipal pockets come first, then state and region, so that the savings the
municipality cannot harvest stand apart."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from effektinvest.model import Scenario, Status
from effektinvest.model.values import OUTSIDE
from effektinvest.numbers import EXACT
from effektinvest.render.cells import amount, danish, places
from effektinvest.render.gap_view import ROUNDING_NOTE, inactive_head, rounded
from effektinvest.render.gap_view import caption as unit_caption
from effektinvest.savings import Savings
from effektinvest.units import Unit

# Danish labels, as in a budget note.
LABELS = {
    "cost": "Udgift i alt",
    "municipal_cost": "Kommunal udgift",
    "savings": "besparelser",
    "paid": "betalt",
    "net": "netto",
    "municipal_savings": "Kommunale besparelser",
    "outside_savings": "Besparelser i stat og region",
    "savings_total": "Besparelser i alt",
    "municipal_net": "Kommunal netto",
    "municipal_cumulative": "Akkumuleret",
    "public_net": "Offentlig netto",
    "public_cumulative": "Akkumuleret",
    "total": "I alt",
    "realisation": "Realisering",
    "wrong_pocket_share": "Forkert lomme (andel)",
    "break_even": "Break-even",
    "npv": "Nutidsværdi",
    "benefit_cost": "Benefit-cost (nutidsværdi)",
    "backing": "Besparelser pr. betalt krone",
    "shortfall": "Mangler",
    "none": "ingen",
    "no_share": "kan ikke opgøres (ingen besparelser)",
    "inactive_savings": "forventede besparelser, tæller ikke med",
}
FIGURES = ("cost", "municipal_cost", "savings", "municipal_savings", "outside_savings", "municipal_net", "public_net")


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
        return None if kr is None else kr.scaleb(-self.unit.exponent, EXACT)

    def outside(self, sid: str) -> bool:
        return self.kinds[sid] in OUTSIDE


def build(scenario: Scenario, results: list[Savings], unit: Unit) -> SavingsReport:
    names = {sid: scenario.sources[sid].name for sid in results[0].sources}
    kinds = {sid: backing.kind for sid, backing in results[0].sources.items()}
    head = (scenario.scenario, scenario.budget_year, unit, scenario.price_level)
    shift = scenario.unit.exponent - unit.exponent  # from the file's unit to the report's
    inactive = []
    for pid, project in scenario.projects.items():
        if project.status is Status.CONTINUE:
            continue
        saved = {
            sid: {year: value.scaleb(shift, EXACT) for year, value in sorted(by_year.items())}
            for sid, by_year in (project.savings or {}).items()
            if by_year
        }
        if saved:
            sources = {sid: scenario.sources[sid].name if sid in scenario.sources else sid for sid in saved}
            inactive.append(Inactive(pid, project.name, project.status, project.decide_at, saved, sources))
    return SavingsReport(*head, names, kinds, tuple(results), scenario.decimals, tuple(inactive))


# --- JSON -------------------------------------------------------------------------------------------------------


def data(report: SavingsReport) -> dict:
    """The JSON object of docs/cli.md: one realisation's figures, or a `sensitivity` array of them; then, when
    a deferred or stopped project has savings, `inactive`: those savings as written."""
    head = {
        "scenario": report.title,
        "budget_year": report.budget_year,
        "unit": report.unit.value,
        "price_level": report.price_level,
    }
    if report.sensitivity:
        out = {**head, "sensitivity": [_result_data(report, result) for result in report.results]}
    else:
        out = {**head, **_result_data(report, report.results[0])}
    if report.inactive:  # left out when there is none, so the contract's shape is unchanged
        out["inactive"] = [_inactive_data(project) for project in report.inactive]
    return out


def _inactive_data(project: Inactive) -> dict:
    return {
        "id": project.id,
        "name": project.name,
        "status": project.status.value,
        "decide_at": project.decide_at,
        "savings": {sid: {str(year): value for year, value in by.items()} for sid, by in project.savings.items()},
    }


def _result_data(report: SavingsReport, result: Savings) -> dict:
    scaled = report.scaled

    def column(figures) -> dict:
        out = {name: scaled(getattr(figures, name)) for name in FIGURES}
        out["sources"] = {sid: {k: scaled(v) for k, v in p._asdict().items()} for sid, p in figures.sources.items()}
        return out

    years = []
    for year, figures in result.years.items():
        entry = {"year": year, **column(figures)}
        sources, cumulative = entry.pop("sources"), result.cumulative[year]
        entry["municipal_cumulative"] = scaled(cumulative.municipal)
        entry["public_cumulative"] = scaled(cumulative.public)
        years.append({**entry, "sources": sources})
    return {
        "realisation": result.realisation,
        "discount": "finance-ministry" if result.rate is None else result.rate,
        "years": years,
        "total": column(result.total),
        "sources": {
            sid: {"kind": b.kind, "backing": b.backing, "shortfall": scaled(b.shortfall)}
            for sid, b in result.sources.items()
        },
        "wrong_pocket_share": result.wrong_pocket_share,
        "break_even": result.break_even._asdict(),
        "npv": {side: scaled(value) for side, value in result.npv._asdict().items()},
        "benefit_cost": result.benefit_cost._asdict(),
    }


# --- rows for people (and CSV) -----------------------------------------------------------------------------------


def rows(report: SavingsReport, result: Savings) -> tuple[Row, ...]:
    """One realisation as rows: cost, each municipal pocket (savings, paid, net), their savings, each outside
    pocket's savings, theirs, all savings, then the municipal and public nets with their running sums."""
    columns = (*result.years.values(), result.total)
    scaled = report.scaled

    def across(get) -> tuple:
        return tuple(scaled(get(column)) for column in columns)

    def figure(name: str, label: str | None = None) -> Row:
        return Row(name, "", label or LABELS[name], "", across(lambda c: getattr(c, name)))

    def cumulative(side: str) -> Row:
        values = (*(scaled(getattr(c, side)) for c in result.cumulative.values()), None)
        return Row(f"{side}_cumulative", "", LABELS[f"{side}_cumulative"], "", values)

    out = [figure("cost"), figure("municipal_cost")]
    for outside in (False, True):
        for sid, name in report.names.items():
            if report.outside(sid) != outside:
                continue
            details = ("savings",) if outside else ("savings", "paid", "net")
            for index, detail in enumerate(details):
                value = across(lambda c, sid=sid, detail=detail: getattr(c.sources[sid], detail))
                out.append(Row(detail, sid, name if index == 0 else "", LABELS[detail], value))
        out.append(figure("outside_savings" if outside else "municipal_savings"))
    out += [figure("savings", LABELS["savings_total"]), figure("municipal_net"), cumulative("municipal")]
    out += [figure("public_net"), cumulative("public")]
    return tuple(out)


def section_starts(table: tuple[Row, ...]) -> set[int]:
    """The rows a rule goes above: the first pocket, the first outside pocket, all savings, the nets."""
    starts, previous = set(), None
    for index, row in enumerate(table):
        group = "pockets" if row.id else row.category
        if group == "pockets" and previous in {"municipal_cost", "municipal_savings"}:
            starts.add(index)
        if row.category in {"savings", "municipal_net"} and not row.id:
            starts.add(index)
        previous = group if row.id else row.category
    return starts


def decimals_for(report: SavingsReport, asked: int | None) -> int:
    """How many decimals every amount is shown with: ASKED (--decimals), else the scenario's `decimals:`, else
    as many as the savings, payments and costs need (`cells.places`), at least 2. A present value, whole øre
    in kr., is shown with as many, rounded half to even (JSON and CSV carry it to the øre): its 8 decimals in
    mio. kr. would otherwise set the decimals of every figure."""
    asked = report.decimals if asked is None else asked
    values = [v for result in report.results for row in rows(report, result) for v in row.values]
    return places(report.unit, values, asked) if asked is not None else max(2, places(report.unit, values))


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


def caption(report: SavingsReport, result: Savings | None = None) -> str:
    """'mio. kr., 2024-priser, realisering 75 %': the unit, the price level and (one realisation) the
    realisation."""
    text = unit_caption(report)
    return text if result is None else f"{text}, realisering {realisation_text(result.realisation)}"


def realisation_text(value: Decimal) -> str:
    """A realisation as a Danish percentage with the decimals it needs: 75 %, 42,5 %."""
    percent = value.scaleb(2, EXACT)
    return danish(percent, max(0, -percent.normalize(EXACT).as_tuple().exponent)) + " %"


def discount_text(result: Savings) -> str:
    if result.rate is None:
        return "Finansministeriets diskonteringsrente 3,5/2,5/1,5 %"
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
        f"{LABELS['benefit_cost']}: kommunalt {_ratio(result.benefit_cost.municipal)}"
        f", offentligt {_ratio(result.benefit_cost.public)}",
    ]
    for sid, backing in result.sources.items():
        if backing.backing is not None:
            short = amount(report.scaled(backing.shortfall), shown)
            lines.append(f"{LABELS['backing']}, {report.names[sid]}: {_ratio(backing.backing)} (mangler {short})")
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
    return out


def year_text(year: int | None) -> str:
    return LABELS["none"] if year is None else str(year)


def _ratio(value: Decimal | None) -> str:
    return LABELS["none"] if value is None else danish(value, 4)


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
            *((at[("net", r.id)], at[("savings", r.id)] - at[("paid", r.id)]) for r in pockets if ("net", r.id) in at),
        ]
        if any(a != b for a, b in sums):
            return ROUNDING_NOTE
    return None
