"""The command line: parses options and wires loading, arithmetic and renderers. Nothing else.

`app` is in `cli/app.py`; each command is one module (`gap`, `check`, `due`, `compare`, `files` for
`schema` and `init`), in the order `--help` lists them; what they share is in `cli/common.py`.
"""

from __future__ import annotations

import os
import sys

import typer

# Each module registers its commands, in the order --help lists them.
# isort: off
from effektinvest.cli import gap, check, due, compare, savings, followup, note, files  # noqa: F401

# isort: on
from effektinvest.cli.app import EXIT_INVALID, EXIT_OK, EXIT_USAGE, app, quiet_help_pipe, show_usage_error
from effektinvest.cli.common import fail_usage
from effektinvest.edges.output import Refused
from effektinvest.edges.signals import first_decides
from effektinvest.edges.streams import cannot_write, finish, guard, quiet_stdout

__all__ = ["app", "main", "run"]

EXIT_INTERRUPTED = 130  # SIGINT (Ctrl-C), as typer ends a command it interrupts


def run(argv: list[str] | None = None) -> int:
    """Run one command in this process and return its exit code: what the tests drive, and what `main`
    wraps. Never exits the process."""
    if not argv or "--help" in argv:
        quiet_help_pipe()
    try:
        code = app(args=argv, prog_name="effektinvest", standalone_mode=False)
        return code if isinstance(code, int) else EXIT_OK
    except Refused as exc:  # --output and --format xlsx: what cannot be written where it was asked to
        fail_usage(str(exc))
        return EXIT_USAGE
    except typer.Abort:
        print("effektinvest: aborted", file=sys.stderr)
        return EXIT_INVALID
    except typer.TyperException as exc:  # a usage error: say it plainly, on standard error
        show_usage_error(exc)
        return getattr(exc, "exit_code", EXIT_USAGE)
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
        return exc.code if isinstance(exc.code, int) else EXIT_OK if exc.code is None else EXIT_INVALID
    except OSError as exc:  # standard output cannot be written: a full disk, a closed descriptor
        quiet_stdout()  # what is still buffered goes nowhere: said once, here
        cannot_write(exc)
        return EXIT_USAGE
    except KeyboardInterrupt:  # Ctrl-C after typer gave the command's result
        return EXIT_INTERRUPTED
    except MemoryError:  # while rendering a report too large for the memory given (loading says so itself)
        print("effektinvest: error: out of memory while writing the report", file=sys.stderr)
        return EXIT_USAGE


def main() -> None:
    """The console script: `run`, then flush and leave at once (see below)."""
    import gc

    # A run is short and its data has no reference cycles to speak of: pausing the cycle collector
    # spares it from scanning the millions of objects a large scenario makes (see docs/performance.md).
    gc.disable()
    # Pydantic looks for plugins (an entry-point scan of every installed package) when the first model is
    # built; effektinvest uses none, and the scan is a tenth of its start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Out of memory inside pydantic-core (Rust) with RUST_BACKTRACE set hangs while it writes the backtrace;
    # without it, the process ends at once (docs/performance.md, "Memory").
    os.environ["RUST_BACKTRACE"] = "0"
    # A file name that is not valid UTF-8 is still printed (escaped), never a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    guard()  # a closed or full standard output or error: streams.guard
    first_decides()  # Ctrl-C then SIGTERM still ends with 130: the first signal decides (edges/signals.py)
    try:
        code = finish(run())
    except KeyboardInterrupt:  # Ctrl-C after typer's own handling, as the command ends: 130 still, no traceback
        code = EXIT_INTERRUPTED
    # Everything is written and every file closed: leave without tearing down the millions of objects a
    # large scenario made, which takes as long as reading it (see docs/performance.md).
    os._exit(code)
