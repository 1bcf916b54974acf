"""`effektinvest due`: the decisions due at a budget, across many scenario files."""

from __future__ import annotations

from typing import Annotated

import typer

from effektinvest.cli.app import EXIT_INVALID, app
from effektinvest.cli.common import (
    DueFormat,
    Force,
    OutputFile,
    QuietOption,
    emit_diagnostics,
    expand,
    load_one_of_many,
    unit_option,
)
from effektinvest.edges.output import deliver, refuse
from effektinvest.model.numbers import YEAR_MAX, YEAR_MIN
from effektinvest.reports import due as due_report

UNIT_HELP = (
    "State every amount in this unit: kr., t.kr. or mio. kr. "
    "(default: the unit of the first file with a decision due)."
)


@app.command()
def due(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Scenario files or folders; '-' reads standard input.")
    ],
    budget: Annotated[
        int, typer.Option("--budget", min=YEAR_MIN, max=YEAR_MAX, metavar="YEAR", help="The budget year.")
    ],
    format: Annotated[DueFormat, typer.Option("--format", "-f", help="Output format.")] = DueFormat.table,
    unit: Annotated[str | None, typer.Option("--unit", help=UNIT_HELP)] = None,
    quiet: QuietOption = False,
    output: OutputFile = None,
    force: Force = False,
) -> None:
    """The decisions due at a budget: funding that ends that year, and decisions deferred to it."""
    from effektinvest.reports.due.analysis import due as due_items
    from effektinvest.reports.due.view import build

    out_unit = unit_option(unit)
    refuse(format, output, force)
    found, invalid = [], False
    for path in expand(paths):
        loaded = load_one_of_many(path)
        emit_diagnostics(loaded.diagnostics)
        if loaded.scenario is None:
            invalid = True
            continue
        found.append((loaded.path, loaded.scenario.unit, due_items(loaded.scenario, budget)))
    report = build(budget, found, out_unit)
    deliver(lambda: due_report.render(format.value, report), format, output, force)
    if invalid:
        raise typer.Exit(EXIT_INVALID)
