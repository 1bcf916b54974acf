"""`effektinvest note`: the financing paragraph of the budget note, in Danish Markdown."""

from __future__ import annotations

import typer

from effektinvest.cli.app import EXIT_INVALID, app
from effektinvest.cli.common import (
    Force,
    OutputFile,
    PricesOption,
    ScenarioFile,
    UnitOption,
    emit_diagnostics,
    load,
    unit_option,
)
from effektinvest.edges.output import deliver, refuse


@app.command()
def note(
    scenario: ScenarioFile,
    unit: UnitOption = None,
    prices: PricesOption = None,
    output: OutputFile = None,
    force: Force = False,
) -> None:
    """The financing paragraph of the budget note, in Danish Markdown, from the scenario's figures."""
    out_unit = unit_option(unit)
    refuse("markdown", output, force)
    loaded = load(scenario, prices)
    emit_diagnostics(loaded.diagnostics)
    if loaded.scenario is None:
        raise typer.Exit(EXIT_INVALID)
    from effektinvest.reports.gap.view import build
    from effektinvest.reports.note.paragraph import paragraph, source_notes

    report = build(loaded.scenario, loaded.gap, out_unit or loaded.scenario.unit)
    deliver(lambda: paragraph(report, source_notes(loaded.scenario)), "markdown", output, force)
