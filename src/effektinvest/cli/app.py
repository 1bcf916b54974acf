"""The typer application, its exit codes and how its help and usage errors read. The commands register
themselves on `app` from their own modules (`cli/gap.py`, ...)."""

from __future__ import annotations

from typing import Annotated

import typer

from effektinvest import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_GAP = 0, 1, 2, 3

app = typer.Typer(
    name="effektinvest",
    help="Financing calculator for municipal social impact investments (sociale effektinvesteringer).",
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        print(f"effektinvest {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Financing calculator for municipal social impact investments (sociale effektinvesteringer)."""


def show_usage_error(exc) -> None:
    """A usage error as a person would write it: without the 'Value error, ' of the validation library
    that typer checks option values with. (No command at all: the help is already printed, as typer does.)"""
    if exc.__class__.__name__ == "NoArgsIsHelpError":
        return
    if isinstance(getattr(exc, "message", None), str):
        exc.message = exc.message.replace("Value error, ", "")
    exc.show()


def quiet_help_pipe() -> None:
    """Help into a pipe whose reader has gone (`effektinvest --help | head -1`) ends quietly with exit 0:
    Rich, which typer prints help with, would exit 1."""
    from rich.console import Console

    from effektinvest.edges.streams import quiet_stdout

    def gone(console) -> None:
        console.quiet = True
        quiet_stdout()

    Console.on_broken_pipe = gone


def _readable_help() -> None:
    """Help that reads like a person wrote it. Typer 0.2x shows each parameter's Python type (`<bool>`,
    `<str>`, `<list[str]>`) and a required argument in braces (`{SCENARIO}`); here a flag shows no value,
    an option its metavar or its choices, and an argument its name (test_cli.py reads every command's
    help)."""
    from typer import core

    def option_value(self, ctx):  # noqa: ARG001 (typer's signature)
        if self.is_flag or self.count:
            return None
        if self.metavar is not None:
            return self.metavar
        choices = self.type_descriptor.choices if self.type_descriptor.is_choice else None
        return "[" + "|".join(str(getattr(c, "value", c)) for c in choices) + "]" if choices else self.name.upper()

    def argument_name(self):
        name = self.display_name_raw
        name += "..." if self.nargs != 1 and not name.endswith("...") else ""
        return name if self.required else f"[{name}]"

    core.TyperOption.display_type_rich = option_value
    core.TyperArgument.display_type_rich = lambda self, ctx: None  # noqa: ARG005 (typer's signature)
    core.TyperArgument._usage_display_name = argument_name
    core.TyperArgument._rich_display_name = lambda self: self.display_name_raw


_readable_help()
