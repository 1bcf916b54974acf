"""`effektinvest note`: the financing paragraph of the budget note, in Danish Markdown or as a Word document."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from effektinvest.cli.app import app
from effektinvest.cli.common import (
    Force,
    OutputFile,
    PricesOption,
    ScenarioFile,
    UnitOption,
    load,
    unit_option,
    usable,
)
from effektinvest.cli.options import ONE_REALISATION_HELP, parse_one_realisation
from effektinvest.edges.output import deliver, refuse
from effektinvest.reports import note as note_report

NoteFormat = StrEnum("NoteFormat", {name: name for name in note_report.FORMATS})
FORMAT_HELP = "md (Markdown, the default) or docx (a Word document with the gap table; needs --output or a file)."
DECIMALS_HELP = "docx only: round the amounts of the table to this many decimals (the paragraphs keep the note's)."


@app.command()
def note(
    scenario: ScenarioFile,
    format: Annotated[NoteFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = NoteFormat.md,
    unit: UnitOption = None,
    prices: PricesOption = None,
    decimals: Annotated[
        int | None, typer.Option("--decimals", min=0, max=12, metavar="N", help=DECIMALS_HELP)
    ] = None,
    output: OutputFile = None,
    force: Force = False,
    realisation: Annotated[str | None, typer.Option("--realisation", metavar="R", help=ONE_REALISATION_HELP)] = None,
) -> None:
    """The financing paragraph of the budget note, in Danish Markdown (or Word), from the scenario's figures."""
    out_unit = unit_option(unit)
    realised = None if realisation is None else parse_one_realisation(realisation, "note")
    refuse(format, output, force)
    loaded = load(scenario, prices)
    usable(loaded)
    from effektinvest.cli.gap import realised_report
    from effektinvest.reports.note.paragraph import NoteView, lent, source_notes

    report = realised_report(loaded, out_unit, realised)
    view = NoteView(report, source_notes(loaded.scenario), lent(loaded.scenario, realised))
    deliver(lambda: note_report.render(format, view, decimals), format, output, force)
