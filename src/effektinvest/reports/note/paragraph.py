"""`effektinvest note`: the financing paragraph of the budget note, in Danish Markdown, from the same figures
as `gap` (docs/cli.md, "effektinvest note"). In the order the contract gives: what continuing the projects
costs, a bullet per paying source with the notes of its lines, the residual (or full coverage, or a surplus),
a sentence per repayment to an investor (format 1.3), then the deferred and stopped projects. With
`note --realisation R`, a sentence after the cost names R (the
outcome payments are those of R of the expected outcomes: savings.md, "Outcome-contract risk").

Amounts in note style (`note_number`), by the output unit, through the one display rounding (half away from
zero, `display_context.rounded`), '.' between thousands: mio. kr. to 2 decimals, a trailing zero dropped down to
one decimal (10,35; 4,4; 2,0); t.kr. and kr. in whole numbers (5.700 t.kr.; 10.100.000 kr.); "ca." before an
amount that rounding changed, never before one it did not. `--decimals` is the table's, not the prose's. When
the residual falls in more than one year, its sentence says how ("heraf 0,8 mio. kr. i 2024 og 1,2 mio. kr. i
2025", a year with a surplus named as such, a year with neither left out). Text a user wrote is shown as
written, through the output's own function (`formats.markdown.markdown_text` for Markdown, `visible` for Word):
`blocks` are the note's words once, for every format.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from effektinvest.core.arithmetic import financing_lines, ledger, pays
from effektinvest.core.display_context import danish, joined, percent, rounded
from effektinvest.core.exact import exact_sum
from effektinvest.formats.markdown import markdown_text
from effektinvest.model import Scenario, Status
from effektinvest.model.units import Unit
from effektinvest.reports.gap.view import Report, realisation_words


def note_number(value: Decimal, unit: Unit) -> str:
    """VALUE (in UNIT) as a budget note writes it, rounded half away from zero, '.' between thousands: mio. kr.
    to 2 decimals, then a trailing zero dropped down to one decimal (10.35 -> '10,35', 4.40 -> '4,4', 2 -> '2,0',
    2.045 -> '2,05'); t.kr. and kr. in whole numbers (5700 -> '5.700', 10100000.5 -> '10.100.001')."""
    shown = rounded(value, _places(unit))
    return danish(shown, 1 if unit is Unit.MIO and shown == rounded(shown, 1) else _places(unit))


def _places(unit: Unit) -> int:
    """The decimals the note rounds an amount in UNIT to: 2 in mio. kr., none in t.kr. and kr."""
    return 2 if unit is Unit.MIO else 0


def _amount(value: Decimal, unit: Unit) -> str:
    """'10,35 mio. kr.', or 'ca. 10,4 mio. kr.' where the note's rounding changes the exact figure."""
    about = "" if value == rounded(value, _places(unit)) else "ca. "
    return f"{about}{note_number(value, unit)} {unit.value}"


class NoteView(NamedTuple):
    """What the note shows: the gap report (in the output unit), the notes of each source (`source_notes`) and what
    each repaid line pays now (`lent`)."""

    report: Report
    notes: dict[str, list[str]]
    lines: dict[tuple, Decimal]


Text = Callable[[str], str]  # how a text a user wrote is shown in the output
Block = str | list[str]  # a paragraph, or a bulleted list (its items)


def _names(names: list[str], text: Text) -> str:
    """”A”, ”A” og ”B”, ”A”, ”B” og ”C”: names quoted, as the budget note quotes them (a name may hold a comma)."""
    return joined([f"”{text(name)}”" for name in names])


def _sentence(words: str) -> str:
    """WORDS with a full stop, which a unit's own ('mio. kr.') already is, as Danish writes it."""
    return words if words.endswith(".") else words + "."


def _span(years: tuple[int, ...]) -> str:
    return f"i {years[0]}" if years[0] == years[-1] else f"i {years[0]}-{years[-1]}"


def source_notes(scenario: Scenario) -> dict[str, list[str]]:
    """Per source: the notes of its financing lines that count (a continued project's lines, then the
    pooled lines), in file order, each once."""
    notes: dict[str, list[str]] = {}
    for ref in financing_lines(scenario):
        if ref.line.note and ref.line.note not in notes.setdefault(ref.line.source, []):
            notes[ref.line.source].append(ref.line.note)
    return notes


def lent(scenario: Scenario, realisation: Decimal | None = None) -> dict[tuple, Decimal]:
    """What each repaid line (a line with `repay`) pays now, in kr., over all its years, by the line's path; at
    REALISATION, as the gap at it (an outcome line's counts scaled)."""
    to_kr, (_, lines) = scenario.unit.to_kr, ledger(scenario)
    return {
        ref.path: exact_sum(pays(ref.line, covered, to_kr, realisation).values())
        for ref, covered in lines
        if ref.line.repay is not None  # (only these: what every other line pays is not asked)
    }


def paragraph(report: Report, notes: dict[str, list[str]], lines: dict[tuple, Decimal] | None = None) -> str:
    """The note in Markdown: paragraphs and a list, each ending with a line break. NOTES: `source_notes`; LINES:
    `lent`."""
    said = blocks(report, notes, lines=lines)
    shown = (b if isinstance(b, str) else "\n".join(f"- {item}" for item in b) for b in said)
    return "\n\n".join(shown) + "\n"


def blocks(
    report: Report, notes: dict[str, list[str]], text: Text = markdown_text, lines: dict[tuple, Decimal] | None = None
) -> list[Block]:
    """The note's paragraphs, and its list of sources as a list of items, with TEXT showing what a user wrote.
    NOTES: `source_notes`; LINES: what each repaid line pays now (`lent`), else not said."""
    unit = report.unit
    total = report.columns[-1]
    continued = [report.names[pid] for pid in report.gap.total.costs]
    out = []
    if continued and report.years:
        kind = "projektet" if len(continued) == 1 else "projekterne"
        prices = f" ({report.price_level}-priser)" if report.price_level is not None else ""
        out.append(
            f"En videreførelse af {kind} {_names(continued, text)} {_span(report.years)} koster i alt "
            + _sentence(f"{_amount(total.cost, unit)}{prices}")
        )
        if report.realisation is not None:  # note --realisation R
            out.append(_realisation(report.realisation))
        out += _financing(report, notes, unit, text)
        out.append(_residual(report, len(continued), unit))
        out += _repayments(report, lines or {}, text)  # format 1.3: what is repaid to an investor, when, by whom
    else:
        out.append("Der er ingen projekter at videreføre i dette scenarie.")
    return out + _inactive(report, text)


def _realisation(realisation: Decimal) -> str:
    """What the note says of the realisation its figures are at (note --realisation R)."""
    return (
        f"Beløbene er opgjort {realisation_words(realisation)}: det er forudsat, at {percent(realisation, None)} af "
        "de forventede resultater opnås, og resultatbetalingerne er opgjort derefter."
    )


def _financing(report: Report, notes: dict[str, list[str]], unit: Unit, text: Text) -> list[Block]:
    paid = report.columns[-1].financing
    if not paid:
        return ["Der er ikke fundet finansiering til videreførelsen."]
    bullets = []
    for sid, name in report.sources.items():  # the paying sources, in the order the file defines them
        line = f"{_amount(paid[sid], unit)} fra {text(name)}"
        if notes.get(sid):
            line += ": " + "; ".join(text(note) for note in notes[sid])
        bullets.append(line)
    return ["Følgende finansiering kan bringes i spil:", bullets]


def _repayments(report: Report, lines: dict[tuple, Decimal], text: Text) -> list[str]:
    """A sentence per line with `repay` (repayment.md): what the line pays now (LINES: `lent`, in kr.), how it is
    repaid, the total and the years, and each paying pocket's part."""
    unit = report.unit
    names = {s.id: s.name for s in report.all_sources}
    out = []
    for entry in report.repayments:
        investor = text(names.get(entry.investor, entry.investor))
        if entry.tariff is not None:
            how = "tilbagebetales kun i takt med, at resultaterne opnås"
            if entry.cap is not None:
                how += f", højst {_amount(entry.cap, unit)}"
        else:
            how = "tilbagebetales efter en fast plan"
        years = sorted(year for year, total in entry.totals.items() if total) or sorted(entry.totals)
        parts = [f"{_amount(value, unit)} fra {text(names.get(sid, sid))}" for sid, value in entry.by.items() if value]
        heraf = ", heraf " + joined(parts) if parts else ""
        now = lines.get(entry.path[:-1])  # the line's path: its `repay` less the key
        now = f"finansierer {_amount(unit.from_kr(now), unit)} nu og " if now else ""
        out.append(_sentence(f"{investor} {now}{how}: i alt {_amount(entry.total, unit)} {_span(tuple(years))}{heraf}"))
    return out


def _residual(report: Report, count: int, unit: Unit) -> str:
    residual = report.columns[-1].residual
    if residual > 0:
        them = "projektet" if count == 1 else "projekterne"
        return (
            _sentence(f"Der udestår dermed en restfinansiering på {_amount(residual, unit)}{_by_year(report, unit)}")
            + f" Ønsker byrådet at videreføre {them}, skal der derfor findes finansiering hertil i budget "
            f"{report.budget_year}."
        )
    if residual == 0:
        return "Finansieringen dækker dermed hele udgiften, og der udestår ingen restfinansiering."
    return _sentence(
        f"Finansieringen overstiger dermed udgiften: der er et overskud på {_amount(residual.copy_negate(), unit)}"
    )


def _by_year(report: Report, unit: Unit) -> str:
    """How the residual falls when more than one year has one (or a surplus): ', heraf 0,8 mio. kr. i 2024 og
    et overskud på 0,1 mio. kr. i 2025', each year's in note style; a year with neither left out. '' when the
    residual falls in one year only (the total is that year's)."""
    falls = [(year, c.residual) for year, c in zip(report.years, report.columns[:-1], strict=True) if c.residual]
    if len(falls) < 2:
        return ""
    parts = [
        f"{_amount(value, unit)} i {year}"
        if value > 0
        else f"et overskud på {_amount(value.copy_negate(), unit)} i {year}"
        for year, value in falls
    ]
    return ", heraf " + joined(parts)


def _inactive(report: Report, text: Text) -> list[Block]:
    """A sentence per budget at which deferred projects are decided, then one for the stopped projects."""
    out = []
    deferred: dict[int, list[str]] = {}
    for project in report.deferred:
        deferred.setdefault(project.decide_at, []).append(project.name)
    for year, names in sorted(deferred.items()):
        names_shown = _names(names, text)
        out.append(f"Der tages først stilling til en eventuel videreførelse af {names_shown} ved budget {year}.")
    stopped = [p.name for p in report.projects if p.status is Status.STOP]
    if stopped:
        kind = "Projektet" if len(stopped) == 1 else "Projekterne"
        out.append(f"{kind} {_names(stopped, text)} videreføres ikke.")
    return out
