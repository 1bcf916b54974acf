"""`effektinvest schema` and `effektinvest init`: the JSON Schema and a starter scenario."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from effektinvest.cli.app import app
from effektinvest.cli.common import fail_usage
from effektinvest.edges.starter import LAST_BUDGET_YEAR
from effektinvest.model.numbers import YEAR_MIN


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft-07) of the scenario format, for editors and other validators."""
    from effektinvest.edges.schema import schema_text

    sys.stdout.write(schema_text())


@app.command()
def init(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="The scenario file to write; '-' prints it.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists.")] = False,
    budget_year: Annotated[
        int | None,
        typer.Option(
            "--budget-year",
            min=YEAR_MIN,
            max=LAST_BUDGET_YEAR,
            metavar="YEAR",
            help="The budget year (default: a four-digit year in PATH's file name, else next year).",
        ),
    ] = None,
) -> None:
    """Write a commented starter scenario that passes check; never overwrites without --force."""
    import datetime

    from effektinvest.edges.starter import NotRegularFile, starter_text, write_new, year_in_name

    year = budget_year or year_in_name(path.name) or datetime.date.today().year + 1
    if str(path) == "-":  # to standard output, for `effektinvest init - > file` or a pipe
        sys.stdout.write(starter_text("scenario.yaml", year))
        return
    try:
        write_new(path, starter_text(path.name, year), force)
    except FileExistsError:
        raise fail_usage(f"{path} exists; use --force to overwrite it") from None
    except NotRegularFile as exc:
        raise fail_usage(f"{path} is {exc}, not a regular file; init replaces only a regular file") from None
    except OSError as exc:
        raise fail_usage(f"{path}: {exc.strerror or exc}") from None
    from effektinvest.core.display_context import visible

    print(visible(f"wrote {path}; check it with: effektinvest check {path}"), file=sys.stderr)
