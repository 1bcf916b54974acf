"""Where a command's output goes: the report on standard output (text, or a Rich table through a console
that is coloured only on a terminal), and what happens when its reader goes away. The CLI's one place for
writing."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager


@contextmanager
def writing():
    """Write a report; if the reader of standard output has gone (`... | head`), the rest goes nowhere
    and the command still ends with its own exit code (typer would make it 1)."""
    try:
        yield
    except BrokenPipeError:
        quiet_stdout()


def console():
    """A Rich console on standard output: colour only on a terminal, never with NO_COLOR or TERM=dumb.
    When the reader of standard output has gone, it writes the rest nowhere, as `writing` does (Rich's
    own answer is to exit 1, which would hide the command's exit code)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            quiet_stdout()

    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return _Console(color_system=None) if plain else _Console()


def emit(output) -> None:
    """Write a report: text as it is; a Rich renderable (the table) through a console. In a pipe or a file
    the table is as wide as it needs, never wrapped; on a terminal too narrow for its numbers (and its
    narrowest labels), it is printed at its natural width and the terminal wraps it: a number is never
    cut (docs/cli.md, "Amounts on screen")."""
    if isinstance(output, str):
        sys.stdout.write(output)
        return
    out = console()
    wide = out.measure(output, options=out.options.update_width(100_000))
    if not out.is_terminal:
        out.width = max(80, wide.maximum)
    elif wide.minimum > out.width:
        out.width = wide.maximum
    out.print(output)


def quiet_stdout() -> None:
    """The reader of standard output has gone (`... | head`): write the rest nowhere, keep the exit code."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
