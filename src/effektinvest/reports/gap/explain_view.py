"""What `gap --explain` shows: each financing line (explain.Explained, in kr.) where it stands in its file, in
the report's unit: as JSON (`lines`) and as lines of text for people (`text`), the rule in words
and figures. Figures in the rule are shown with the decimals they have (a rule shows the unrounded product
it rounds), Danish style; text a user wrote goes through the renderer's own neutralising."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from effektinvest.core.display_context import danish, figure, percent, rounded
from effektinvest.formats.json import HOLE, array, dumps, exact, number, numbers, string, template
from effektinvest.model.numbers import EXACT
from effektinvest.reports.gap.explain import (
    AMOUNT,
    AMOUNTS,
    OUTCOMES,
    SHARE,
    Explained,
    Prices,
    cap_reached,
    gross,
    tariff_of,
)
from effektinvest.reports.gap.repayment_explain import explain_text as repayment_text

_PLACES = 12  # an unrounded restated amount that does not end is shown to this many decimals (then "…")
HEADING = "Forklaring: hvor hvert tal kommer fra"
# A source's kind and a line's kind, as people read them (JSON keeps the file's words).
KIND_WORDS = {
    "decentral": "decentral",
    "non_decentral": "ikke-decentral",
    "fund": "fond",
    "refund": "refusion",
    "external": "ekstern",
    "state": "stat",
    "region": "region",
}
_LINE_WORDS = {SHARE: "andel", AMOUNT: "beløb", AMOUNTS: "beløb pr. år", OUTCOMES: "resultatbetaling"}
_HALF_EVEN = "halvt til lige"
_AMOUNT_WORDS = {None: "beløb", "tariff": "takst", "cap": "loft"}  # a restated amount, by `Conversion.key`
_REPAY, _REPAY_WORD = "repay ", "tilbagebetaling"  # a repayment's amount (format 1.3): its key's prefix, its word


class ExplainLine(NamedTuple):
    file: str  # the path as given
    line: int  # the line of the financing line's first key
    entry: Explained  # in kr.


def placed(entries: list[Explained], file: str, locate) -> tuple[ExplainLine, ...]:
    """ENTRIES at their lines (LOCATE: a Locator), in file order."""
    out = [ExplainLine(file, locate(entry.path)[0], entry) for entry in entries]
    return tuple(sorted(out, key=lambda item: item.line))


def lines(report) -> str:
    """The JSON `lines` array (REPORT: a gap_view.Report): each line as `entry` (one template per `_shape`), with
    the JSON text of its values (`_values`)."""
    templates: dict[tuple, str] = {}
    out = []
    for item in report.explained:
        shape = _shape(item.entry)
        text = templates.get(shape) or templates.setdefault(shape, template(entry(shape)))
        out.append(text % tuple(_values(report, item)))
    return array(out)


def _shape(e: Explained) -> tuple:
    """What `entry` needs of E: its kind, its years (of `amount` or `outcomes`), of covered and of paid, whether it
    has a cap, a note, prices."""
    years = e.amount if e.kind == AMOUNTS else e.outcomes[1] if e.kind == OUTCOMES else ()
    cap = e.kind == OUTCOMES and e.outcomes[2] is not None
    card = tuple(e.outcomes[0]) if e.kind == OUTCOMES and isinstance(e.outcomes[0], dict) else None  # a rate card
    shape = e.kind, tuple(years), tuple(e.covered), tuple(e.paid), cap, e.note is not None, e.prices is not None
    return (*shape, card)


def entry(shape: tuple) -> dict:
    """A line in JSON: path, line, source, projects, kind, share | amount | tariff, outcomes and cap, covered,
    paid, note (and prices), each value a hole (`formats.json.template`); SHAPE: `_shape`."""
    kind, years, covered, paid, cap, note, prices, card = shape
    data = {"path": HOLE, "line": HOLE, "source": HOLE, "projects": HOLE, "kind": kind}
    if kind == SHARE:
        data["share"] = HOLE
    elif kind == AMOUNT:
        data["amount"] = HOLE
    elif kind == AMOUNTS:
        data["amount"] = _holes(years)
    else:
        data.update(tariff=HOLE if card is None else _holes(card), outcomes=_holes(years), cap=HOLE if cap else None)
    data.update(covered=_holes(covered), paid=_holes(paid), note=HOLE if note else None)
    if prices:
        data["prices"] = HOLE
    return data


def _holes(years) -> dict:
    return {str(year): HOLE for year in years}


def _values(report, item: ExplainLine) -> list[str]:
    """The JSON text of each value of ITEM's `entry`, in the order of its holes; amounts in the report's unit."""
    e, from_kr = item.entry, report.unit.from_kr
    out = [string(item.file), str(item.line), string(e.source), array(map(string, e.projects))]
    if e.kind == SHARE:
        out.append(number(e.share))
    elif e.kind in (AMOUNT, AMOUNTS):
        out += numbers(e.amount.values() if e.kind == AMOUNTS else (e.amount,), from_kr)
    else:
        tariff, counts, cap = e.outcomes
        rates = tariff.values() if isinstance(tariff, dict) else (tariff,)
        out += numbers(rates, from_kr) + [str(count) for count in counts.values()]
        out += numbers(() if cap is None else (cap,), from_kr)
    out += numbers([*e.covered.values(), *e.paid.values()], from_kr)
    if e.note is not None:
        out.append(string(e.note))
    if e.prices is not None:
        out.append(dumps(_prices_entry(report, e.prices)))
    return out


def _prices_entry(report, p: Prices) -> dict:
    """How --prices restated a line, in JSON."""
    scaled = report.scaled
    return {
        "year": p.year,
        "price_level": p.price_level,
        "index": {str(p.price_level): exact(p.index[1]), str(p.year): exact(p.index[0])},
        "amounts": [
            {
                "what": "amount" if c.key is None else str(c.key),
                "written": exact(scaled(c.written)),
                "unrounded": exact(_rounded(c.exact / 10**report.unit.exponent, _PLACES)),
                "restated": exact(scaled(c.restated)),
            }
            for c in p.amounts
        ],
        "covered": {str(year): exact(scaled(value)) for year, value in p.covered.items()},
    }


def _rounded(value: Fraction, places: int) -> Decimal:
    """VALUE to PLACES decimals by the one display rounding (`display_context.rounded`, half away from zero), from
    its exact digits: cut toward zero one place further, which keeps whether it lies below, at or above a half."""
    cut = abs(value.numerator) * 10 ** (places + 1) // value.denominator
    return rounded(Decimal(-cut if value < 0 else cut).scaleb(-(places + 1), context=EXACT), places)


# --- for people ------------------------------------------------------------------------------------------------------


def _exact(value: Fraction) -> str:
    """An unrounded amount: exactly when it ends within _PLACES decimals, else to _PLACES and '…'."""
    shown = _rounded(value, _PLACES)
    return figure(shown) if Fraction(shown) == value else danish(shown, _PLACES) + "…"


def text(report) -> list[str]:
    """The lines below the table: the sources as the file describes them, then each financing line."""
    out = [HEADING, "Kilder:"]
    for s in report.all_sources:
        kind = f", {KIND_WORDS.get(s.kind, s.kind)}" if s.kind else ""
        out.append(f"  {s.id}: {s.name}{kind}" + (f" ({s.note})" if s.note else ""))
    out.append("Finansieringslinjer (i filens rækkefølge):")
    for item in report.explained:
        out += _line_text(report, item)
    return out + repayment_text(report)  # format 1.3: each repayment to an investor, year by year


def _line_text(report, item: ExplainLine) -> list[str]:
    e, scaled = item.entry, report.scaled
    what = _LINE_WORDS[e.kind]
    if e.kind == SHARE:
        what += f" {percent(e.share, None)}"
    elif e.kind == AMOUNT:
        what += f" {figure(scaled(e.amount))}"
    covers = ", ".join(e.projects) if e.projects else "intet videreført projekt"
    out = [f"{item.file}:{item.line}: {e.source}, {what}, dækker {covers}"]
    if e.note:
        out.append(f"  bemærkning: {e.note}")
    before = gross(e)  # share x cost, tariff x count: before rounding or a cap
    for year in sorted(set(e.covered) | set(e.paid)):
        covered, paid = scaled(e.covered.get(year, Decimal(0))), scaled(e.paid.get(year, Decimal(0)))
        out.append(f"  {year}: dækket udgift {figure(covered)}, betaler {figure(paid)}{_rule(report, e, year, before)}")
    if e.kind == AMOUNT:
        weights = " : ".join(figure(scaled(cost)) for cost in e.covered.values())
        parts = " + ".join(figure(scaled(part)) for part in e.paid.values())
        out.append(f"  {figure(scaled(e.amount))} fordelt efter udgift {weights} -> {parts} (største brøks metode)")
    if e.prices is not None:
        out += _prices_text(report, e)
    return out


def _rule(report, e: Explained, year: int, before: dict[int, Decimal]) -> str:
    """The rule of one year of a line, after a colon; '' where the line pays what it says."""
    scaled = report.scaled
    paid = scaled(e.paid.get(year, Decimal(0)))
    if e.kind == SHARE:
        cost, product = scaled(e.covered[year]), scaled(before[year])
        rule = f"{percent(e.share, None)} x {figure(cost)} = {figure(product)}"
        return f": {rule} -> {figure(paid)} (hele øre, {_HALF_EVEN})" if product != paid else f": {rule}"
    if e.kind == AMOUNTS:
        return " (som i filen)"
    if e.kind == OUTCOMES:
        tariff, counts, cap = e.outcomes
        if year not in counts:  # a year with covered cost but no count: the line pays nothing in it
            return f": ingen resultater i {year}"
        due = scaled(before[year])
        rule = f": {counts[year]} x {figure(scaled(tariff_of(tariff, year)))} = {figure(due)}"
        reached = cap_reached(e)
        if reached is not None and reached <= year:
            when = f"nået i {year}" if reached == year else f"allerede nået i {reached}"
            rule += f"; loft {figure(scaled(cap))} {when}"
            if due != paid:  # cut to what was left of the cap (0 after the year it was reached)
                rule += f": {figure(due)} -> {figure(paid)}"
        return rule
    return ""


def _label(key) -> str:
    """A restated amount's name (`Conversion.key`) for people: beløb, a year, takst, takst 2025, loft; a repayment's
    "tilbagebetaling, takst", "tilbagebetaling, 2027"."""
    if isinstance(key, str) and key.startswith(_REPAY):
        return f"{_REPAY_WORD}, {_label(key.removeprefix(_REPAY))}"
    return _AMOUNT_WORDS.get(key, str(key).replace("tariff", _AMOUNT_WORDS["tariff"]))


def _prices_text(report, e: Explained) -> list[str]:
    p, scaled = e.prices, report.scaled
    factor = f"{figure(p.index[0])} / {figure(p.index[1])}"
    rounding = f"hvert beløb til hele øre, {_HALF_EVEN}"
    out = [f"  i {p.year}-priser: x {factor} (indeks {p.year} / indeks {p.price_level}), {rounding}"]
    for c in p.amounts:
        label = _label(c.key)
        unrounded = _exact(c.exact / 10**report.unit.exponent)
        out.append(f"    {label}: {figure(scaled(c.written))} x {factor} = {unrounded} -> {figure(scaled(c.restated))}")
    for year, written in p.covered.items():
        now = e.covered.get(year)
        shown = "-" if now is None else figure(scaled(now))
        out.append(f"    dækket udgift {year}: {figure(scaled(written))} -> {shown} (hvert projekts udgift omregnet)")
    return out
