"""Where a report goes: standard output, or a file (`--output FILE`), written atomically (docs/cli.md, "Writing
a report to a file"). The one place that writes a file: `deliver` for every report command, `write_file` for
`init` too.

A report as a renderer gives it is text, a Rich renderable (the table) or bytes (xlsx); in a file, the table
is what a pipe gets (no colour, as wide as it needs). Neither a failure nor a signal leaves a temporary file
behind (`ending_cleanly`).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

BINARY = {"xlsx": "a workbook", "docx": "a Word document"}  # formats that are bytes, never for a terminal


class NotRegularFile(Exception):
    """--force (or `init --force`) onto something that is not a regular file; the message says what it is."""


_KINDS = {
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


class Refused(Exception):
    """A report that cannot go where it was asked to (a workbook to a terminal, an existing file without
    --force, a folder, a write that failed): a usage error, said in one line by the CLI (exit 2)."""


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # no standard output, or a closed one
        return False


def refuse(format: str, output: str | None, force: bool) -> None:
    """What `deliver` will refuse, said before anything is read or computed (exit 2, one line): a binary
    FORMAT for a terminal, an empty OUTPUT or one that names a folder (`out/`), a folder, an OUTPUT that
    exists (without FORCE). Every report command calls it first (docs/cli.md, "Writing a report to a file")."""
    if output is None or output == "-":
        if format in BINARY and stdout_is_terminal():
            raise Refused(
                f"--format {format} is {BINARY[format]}, not text for a terminal: use --output FILE "
                f"(or redirect standard output to a file: > report.{format})"
            )
        return
    if not output:
        raise Refused("--output needs a file name")
    try:
        mode = os.lstat(output).st_mode
    except OSError:
        mode = None
    if output.endswith(("/", os.sep)) or (mode is not None and stat.S_ISDIR(mode)):
        raise Refused(f"{output} is a folder; give a file name for --output")
    if mode is not None and not force:
        raise Refused(f"{output} exists; use --force to overwrite it")


def deliver(produce: Callable[[], object], format: str, output: str | None, force: bool) -> None:
    """The report PRODUCE() makes, in FORMAT: to standard output, or to the file OUTPUT (`-`: standard output).

    Refused before the report is made (exit 2, one line): what `refuse` refuses, or with FORCE anything but a
    regular file. A failure while writing leaves no file behind and exits 2; so does a signal that ends the
    command (`ending_cleanly`), which then ends it as it would have."""
    refuse(format, output, force)  # again: the file may have appeared while the scenario was read

    def made():  # a workbook's renderer (openpyxl) writes temporary files: in a folder of the command's own
        return _in_own_temporary_folder(produce) if format in BINARY else produce()

    if output is None or output == "-":
        ending_cleanly(lambda: _to_standard_output(made))
        return
    try:
        ending_cleanly(lambda: write_file(Path(output), as_bytes(made()), force))
    except FileExistsError:  # it appeared while the report was written
        raise Refused(f"{output} exists; use --force to overwrite it") from None
    except NotRegularFile as exc:
        raise Refused(f"{output} is {exc}, not a regular file; --force replaces only a regular file") from None
    except OSError as exc:  # a renderer's own temporary files (xlsx) fail here too
        raise Refused(f"cannot write {output}: {exc.strerror or exc}; nothing was written") from None


def _to_standard_output(produce: Callable[[], object]) -> None:
    from effektinvest.edges.streams import emit, writing

    with writing():
        rendered = produce()
        if isinstance(rendered, bytes):
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is None:  # standard output closed (`>&-`): streams.guard put a text-only stand-in there
                raise OSError(errno.EBADF, "standard output is closed")
            sys.stdout.flush()
            buffer.write(rendered)
        else:
            emit(rendered)


def as_bytes(rendered) -> bytes:
    """A rendered report as the bytes of its file: text in UTF-8, a Rich renderable as a pipe shows it."""
    if isinstance(rendered, bytes):
        return rendered
    if isinstance(rendered, str):
        return rendered.encode("utf-8", "backslashreplace")
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, color_system=None, force_terminal=False, width=100_000, legacy_windows=False)
    console.width = max(80, console.measure(rendered).maximum)
    console.print(rendered)
    return buffer.getvalue().encode("utf-8", "backslashreplace")


def write_file(path: Path, data: bytes, force: bool) -> None:
    """Write DATA to PATH atomically: a temporary file in the same folder, then a rename.

    Without FORCE an existing PATH is never replaced, even if it appears while writing (FileExistsError).
    With FORCE only a regular file is replaced: a symbolic link, a device node, a FIFO or a folder at PATH
    is refused (NotRegularFile), never replaced nor written through. A failure, or a signal that ends the
    command (`ending_cleanly`), leaves no temporary file, and PATH as it was or whole.
    """
    ending_cleanly(lambda: _write_file(path, data, force))


def _write_file(path: Path, data: bytes, force: bool) -> None:
    import tempfile  # here: it imports `random`, which no command needs at start-up

    if force:
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            raise NotRegularFile(_KINDS.get(stat.S_IFMT(mode), "not a regular file"))
    folder = path.parent if str(path.parent) else Path(".")
    # The temporary name holds at most 64 bytes of PATH's, so that it is a valid name whenever PATH's is
    # (a name has at most 255 bytes; ".NAME.12345678.tmp" would not be for a 245-byte NAME).
    stem = os.fsdecode(os.fsencode(path.name)[:64])
    with _signals_held():  # made and noted for removal before a signal can end the command
        handle = tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{stem}.", suffix=".tmp", delete=False)
        _remove_at_end(handle.name)
    with handle:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(handle.fileno(), 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if force:
        os.replace(handle.name, path)
    else:
        os.link(handle.name, path)  # fails if PATH exists: no overwrite, no race


def _in_own_temporary_folder(produce: Callable[[], object]) -> object:
    """PRODUCE() with the temporary files a library makes (openpyxl: one a sheet, in TMPDIR) in a folder of
    this command's own, removed with whatever is in it when the command's `ending_cleanly` ends, however it
    ends (openpyxl removes its files only at exit, which a failed write or a signal never reaches)."""
    import tempfile

    with _signals_held():
        folder = tempfile.mkdtemp(prefix="effektinvest.")
        _remove_at_end(folder)
    before, tempfile.tempdir = tempfile.tempdir, folder
    try:
        return produce()
    finally:
        tempfile.tempdir = before


# --- a signal that ends the command leaves nothing behind (issue 20, 3) ---------------------------------------------

_ENDING = ("SIGINT", "SIGTERM", "SIGHUP")


class _Ended(BaseException):
    """A signal that ends the command, raised where the command stands (never an Exception: nothing catches
    it but `ending_cleanly`)."""


class _Ending:
    """What one `ending_cleanly` knows: the temporary files and folders made so far (LEFTOVERS), the signal that
    came (the first), and whether the work is still running (ARMED: the signal is raised in it as _Ended) or
    not (the signal is only noted, and given back at the end)."""

    def __init__(self) -> None:
        self.armed = False
        self.signal: int | None = None
        self.leftovers: list[str] = []

    def __call__(self, number: int, _frame) -> None:
        if self.signal is not None:  # a second signal while the first is being cleaned up: one is enough
            return
        self.signal = number
        if self.armed:
            self.armed = False
            raise _Ended(number)


_running: list[_Ending] = []  # the `ending_cleanly` running (one: an inner one is its work's part)


def ending_cleanly(work: Callable[[], T]) -> T:
    """WORK() (make and write a report), so that neither a failure nor SIGINT, SIGTERM or SIGHUP leave anything
    behind. A signal is raised where WORK stands (_Ended); at the end, every temporary file or folder WORK made
    (`_remove_at_end`) is removed, with no signal raised any more, so that nothing can cut the removal short;
    then the signal is given back to what handled it before: SIGTERM and SIGHUP end the process as at any other
    moment (killed by the signal), SIGINT is Python's KeyboardInterrupt (typer's exit 130). A second signal is
    ignored; a signal the process ignores (`nohup`) stays ignored. Signals are caught in the main thread only
    (Python runs their handlers nowhere else); nested, the outer one does it all."""
    import signal

    if _running:
        return work()
    ending = _Ending()
    previous = _catch(ending)
    _running.append(ending)
    try:
        try:
            ending.armed = ending.signal is None
            return work()
        finally:
            ending.armed = False
    except _Ended:
        pass
    finally:
        _running.clear()
        for path in ending.leftovers:
            _remove(path)
        for number, handler in previous.items():
            signal.signal(number, handler)
        if ending.signal is not None:
            signal.raise_signal(ending.signal)  # ends the process, or raises KeyboardInterrupt
            raise SystemExit(128 + ending.signal)  # a handler that did neither: the command still ends


def _catch(ending: _Ending) -> dict:
    """ENDING as the handler of every ending signal the process does not ignore; what handled each before.
    Nothing outside the main thread."""
    import signal

    previous = {}
    for name in _ENDING:
        number = getattr(signal, name, None)  # Windows has no SIGHUP
        if number is None or signal.getsignal(number) in (signal.SIG_IGN, None):
            continue
        try:
            previous[number] = signal.signal(number, ending)
        except ValueError:  # not the main thread
            return {}
    return previous


def _remove_at_end(path: str) -> None:
    """The temporary file or folder PATH is removed when the running `ending_cleanly` ends (if it is still there)."""
    _running[-1].leftovers.append(path)


def _remove(path: str) -> None:
    import shutil

    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)
    except FileNotFoundError:  # renamed into place (os.replace), or never there
        pass


def _signals_held():
    """`with _signals_held():` the ending signals wait (blocked) until the block ends, and come then: for a step
    that makes a file and notes it for removal, which a signal must not come between."""
    import contextlib
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # Windows
        return contextlib.nullcontext()
    numbers = {getattr(signal, name) for name in _ENDING if hasattr(signal, name)}

    @contextlib.contextmanager
    def held():
        before = signal.pthread_sigmask(signal.SIG_BLOCK, numbers)
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)

    return held()
