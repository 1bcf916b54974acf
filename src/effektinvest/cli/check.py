"""`effektinvest check`: validate scenario files for an editor, a hook or CI."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Annotated

import typer

from effektinvest.cli.app import EXIT_INVALID, app
from effektinvest.cli.common import QuietOption, expand, load_one_of_many
from effektinvest.edges.paths import UnreadableFolder
from effektinvest.edges.streams import writing


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def check(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Scenario files or folders; '-' reads standard input.")
    ],
    format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (standard error), json or github (standard output). "
            "Default: github when GITHUB_ACTIONS is set, else text.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    quiet: QuietOption = False,
) -> None:
    """Validate scenario files: diagnostics, a one-line summary on standard error, an exit code."""

    from effektinvest.reports.check import reporters

    if format is None:
        format = CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text
    files = expand(paths)
    found = []
    for path in files:
        loaded = load_one_of_many(path)
        found += loaded.diagnostics
        if format is CheckFormat.text:
            sys.stderr.write(reporters.text(loaded.diagnostics))
    errors = sum(d.is_error for d in found)
    warnings = len(found) - errors
    folders = sum(isinstance(path, UnreadableFolder) for path in files)  # found, not checked: not files
    counted = reporters.Counted(len(files) - folders, errors, warnings, folders)
    with writing():
        if format is CheckFormat.json:
            sys.stdout.write(reporters.to_json(found))
        elif format is CheckFormat.github:
            sys.stdout.write(reporters.github(found))
    if not quiet:
        print(reporters.summary(counted), file=sys.stderr)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as handle:
                handle.write(reporters.step_summary(found, counted))
        except OSError as exc:
            from effektinvest.core.display_context import visible  # a path from the environment: nothing raw

            warning = f"GITHUB_STEP_SUMMARY {summary_file}: {exc.strerror or exc}"
            print(f"effektinvest: warning: {visible(warning)}", file=sys.stderr)
    if errors or (strict and warnings):
        raise typer.Exit(EXIT_INVALID)
