"""`effektinvest savings`: where one scenario's savings land, against what each pocket pays (format 1.2)."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from effektinvest.cli.app import app
from effektinvest.cli.common import (
    DecimalsOption,
    Force,
    OutputFile,
    PricesOption,
    ScenarioFile,
    UnitOption,
    load,
    unit_option,
    usable,
)
from effektinvest.cli.options import MAX_REALISATIONS, parse_discount, parse_realisations
from effektinvest.edges.output import deliver, refuse
from effektinvest.reports import savings as savings_report

SavingsFormat = StrEnum("SavingsFormat", {name: name for name in savings_report.FORMATS})

REALISATION_HELP = (
    'The share of the expected savings assumed to materialise, "75%" or 0.75, from 0 to 200 % (default: the '
    "file's realisation, else 100 %); a list such as 100%,75%,50% (at most "
    f"{MAX_REALISATIONS} values) prints a sensitivity table."
)


def _schedule_help() -> str:
    """The Finance Ministry's schedule in words, from `discount.SCHEDULE`: '3.5 % for years 1-35, 2.5 % for
    36-70, 1.5 % after'."""
    from effektinvest.core.discount import schedule_spans

    words = []
    for rate, first, last in schedule_spans():
        years = "after" if last is None else ("for years " if first == 1 else "for ") + f"{first}-{last}"
        words.append(f"{rate.scaleb(2)} % {years}")
    return ", ".join(words)


DISCOUNT_HELP = (
    f'One flat discount rate for every year, "4%" or 0.04 (default: the Finance Ministry\'s {_schedule_help()}).'
)


@app.command()
def savings(
    scenario: ScenarioFile,
    realisation: Annotated[str | None, typer.Option("--realisation", metavar="R[,R...]", help=REALISATION_HELP)] = None,
    discount: Annotated[str | None, typer.Option("--discount", metavar="RATE", help=DISCOUNT_HELP)] = None,
    format: Annotated[SavingsFormat, typer.Option("--format", "-f", help="Output format.")] = SavingsFormat.table,
    unit: UnitOption = None,
    prices: PricesOption = None,
    decimals: DecimalsOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No note on standard error; diagnostics are always printed.")
    ] = False,
    output: OutputFile = None,
    force: Force = False,
) -> None:
    """Where the savings land: per pocket and year the realised savings, what it pays and the net; the
    municipal and public nets, the wrong-pocket share, break-even, present values and backing."""
    realisations = None if realisation is None else parse_realisations(realisation)
    rate = None if discount is None else parse_discount(discount)
    out_unit = unit_option(unit)
    refuse(format.value, output, force)  # before the scenario is read
    loaded = load(scenario, prices)
    usable(loaded)
    from effektinvest.reports.savings.analysis import sensitivity
    from effektinvest.reports.savings.view import build

    found = loaded.scenario
    if not quiet and not any(project.savings for project in found.active.values()):
        from effektinvest.core.display_context import visible  # the path as given: one line, nothing raw

        note = f"{loaded.path} states no savings (the projects' 'savings:')"
        print(f"effektinvest: note: {visible(note)}", file=sys.stderr)
    results = sensitivity(found, loaded.gap, realisations or [None], rate)  # one view, or one per realisation
    report = build(found, results, out_unit or found.unit)
    deliver(lambda: savings_report.render(format.value, report, decimals), format.value, output, force)
