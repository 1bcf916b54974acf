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

from effektinvest.edges.signals import ending_cleanly, remove_at_end, signals_held, unless_ended

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
    with signals_held():  # made and noted for removal before a signal can end the command
        handle = tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{stem}.", suffix=".tmp", delete=False)
        remove_at_end(handle.name)
    with handle:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(handle.fileno(), 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    with signals_held():  # a signal that came is not lost on the way: the report is then never put in place
        unless_ended()
        if force:
            os.replace(handle.name, path)
        else:
            os.link(handle.name, path)  # fails if PATH exists: no overwrite, no race


def _in_own_temporary_folder(produce: Callable[[], object]) -> object:
    """PRODUCE() with the temporary files a library makes (openpyxl: one a sheet, in TMPDIR) in a folder of
    this command's own, removed with whatever is in it when the command's `ending_cleanly` ends, however it
    ends (openpyxl removes its files only at exit, which a failed write or a signal never reaches).

    A temporary file that cannot be written (a full TMPDIR, `ulimit -f`) is an OSError like any write: lxml,
    which writes openpyxl's sheets, says it as a SerialisationError (`IO_EFBIG`), and says it again as the
    library's objects are freed, which is not printed."""
    import tempfile

    with signals_held():
        folder = tempfile.mkdtemp(prefix="effektinvest.")
        remove_at_end(folder)
    before, tempfile.tempdir = tempfile.tempdir, folder
    hook = sys.unraisablehook
    sys.unraisablehook = _quiet_write_failures(hook)
    try:
        try:
            return produce()
        except Exception as exc:
            failure = _write_failure(exc)
            if failure is None:
                raise
        raise failure  # outside the except: the library's objects are freed here, with the traceback
    finally:
        sys.unraisablehook = hook
        tempfile.tempdir = before


def _write_failure(exc: Exception) -> OSError | None:
    """EXC as the OSError it stands for, if it is lxml's failure to write a file (`IO_EFBIG`: EFBIG)."""
    name = str(exc)
    if type(exc).__name__ != "SerialisationError" or not name.startswith("IO_"):
        return None
    code = getattr(errno, name[3:], None)
    if isinstance(code, int):
        return OSError(code, os.strerror(code))
    return OSError(errno.EIO, f"{os.strerror(errno.EIO)} ({name})")


def _quiet_write_failures(hook):
    """A `sys.unraisablehook` that drops a write failure raised again as a library's objects are freed."""

    def quiet(report) -> None:
        if not isinstance(report.exc_value, OSError) and _write_failure(report.exc_value) is None:
            hook(report)

    return quiet
