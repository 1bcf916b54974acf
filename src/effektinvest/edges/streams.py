"""Where a command's output goes: the report on standard output (text, or a Rich table through a console
that is coloured only on a terminal), and what happens when its reader goes away. The CLI's one place for
writing.

`effektinvest --version` imports this module and nothing else of the package (`effektinvest/__init__.py`): it
imports only what Python has loaded before any script runs, and `errno` (built into the interpreter): no
`contextlib`, no `__future__`, so that `--version` stays near `python -c pass` (docs/performance.md, "Start-up")."""

import errno
import io
import os
import sys


class writing:
    """`with writing():` write a report; if the reader of standard output has gone (`... | head`), the rest goes
    nowhere and the command still ends with its own exit code (typer would make it 1). A class, not
    `contextlib.contextmanager`: see the module's docstring."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, _exc, _traceback) -> bool:
        if kind is not None and issubclass(kind, BrokenPipeError):
            quiet_stdout()
            return True
        return False


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
    from rich.console import Group

    out = console()
    terminal = out.width
    # Each part of a report (the table, the chart below it) gets its own width: a table widened past a narrow
    # terminal does not widen the chart, which fits any width.
    for part in output.renderables if isinstance(output, Group) else [output]:
        wide = out.measure(part, options=out.options.update_width(100_000))
        if not out.is_terminal:
            out.width = max(80, wide.maximum)
        else:
            out.width = wide.maximum if wide.minimum > terminal else terminal
        out.print(part)


def quiet_stdout() -> None:
    """The reader of standard output has gone (`... | head`), or it cannot be written: write the rest nowhere
    (what is still buffered too, so that nothing fails twice), keep the exit code."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test's capture): nothing to redirect
        return
    _devnull_onto(fd)


# --- standard streams that cannot be written (issue 10, 2.5) --------------------------------------------------------

EXIT_WRITE = 2  # standard output cannot be written: docs/cli.md's exit code (as a usage error)


def guard() -> None:
    """Before the console script runs a command: standard output carries only the report, whatever happens to
    standard error, and a write error ends with its own exit code, never a traceback.

    - A descriptor 0, 1 or 2 that is closed (`>&-`) is opened on the null device, so that no file the
      command opens takes its number (a scenario read as fd 1, a summary written as fd 2).
    - Standard output closed: writing to it is an error the command reports (exit 2, as for a full disk);
      writing nothing is none.
    - Standard error closed, full or gone: what goes there is lost, and the command goes on (Python would
      write to standard output what is printed to a closed standard error, and a full one would end the
      command with exit 1 and no report)."""
    closed = set()
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.add(fd)
            _devnull_onto(fd)
    if 1 in closed or sys.stdout is None:
        sys.stdout = _ClosedStdout()
    else:
        _whole_writes()
    sys.stderr = _LosableStderr(None if 2 in closed else sys.stderr)


def _whole_writes() -> None:
    """Standard output written straight to its file (PYTHONUNBUFFERED=1, `python -u`) goes through a buffer
    again: Python's text layer does not look at what a write to the file itself returns, so that a write the
    file takes only in part (a full disk, `ulimit -f`) would lose the rest in silence, and the command would
    exit 0 with half a report. A buffer writes the rest and so meets the error (exit 2, `finish`); it is
    flushed at every line, so the output is as prompt as unbuffered output for anything a person watches."""
    out = sys.stdout
    raw = getattr(out, "buffer", None)
    if isinstance(raw, io.RawIOBase):
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(raw), encoding=out.encoding, errors=out.errors, line_buffering=True, write_through=True
        )


def finish(code: int) -> int:
    """The command's exit code once what it wrote is flushed: CODE, or (for a success) EXIT_WRITE with one line
    on standard error when standard output cannot be written. A reader that has gone (`| head`) is no error."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()
    except OSError as exc:
        quiet_stdout()
        cannot_write(exc)
        code = code or EXIT_WRITE
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return code


def cannot_write(exc: OSError) -> None:
    """Say on standard error that standard output cannot be written, in one line."""
    print(f"effektinvest: error: cannot write the output: {exc.strerror or exc}", file=sys.stderr)


def _devnull_onto(fd: int) -> None:
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


class _ClosedStdout(io.TextIOBase):
    """Standard output whose descriptor was closed: a write is an OSError, which the command reports."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        if text:
            raise OSError(errno.EBADF, "standard output is closed")
        return 0

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return 1  # the null device, opened there by `guard`


class _LosableStderr(io.TextIOBase):
    """Standard error that may be lost: written through to STREAM until a write fails (or from the start, when
    it was closed); from then on, what is written goes nowhere and the command goes on."""

    def __init__(self, stream):
        super().__init__()
        self._stream = stream

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        if self._stream is not None:
            try:
                return self._stream.write(text)
            except (OSError, ValueError):
                self._lose()
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._lose()

    def _lose(self) -> None:
        self._stream = None
        _devnull_onto(2)  # what the real stream still buffers is flushed there, without a second error

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def fileno(self) -> int:
        return 2
