"""The files a command reads: as given, a folder as every scenario file below it, standard input once."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class UsageError(Exception):
    """A path that cannot be read as asked: a usage error (exit 2), with its message."""


class NotAFile(OSError):
    """A path that is not a regular file (a device, a FIFO, a socket): never read, never waited on."""


_KINDS = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
}
# Opened without waiting: a FIFO that nobody writes to would block a plain open for ever (and the check
# after opening refuses it, should a FIFO take a regular file's place in between).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _regular(path: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a file")
        raise NotAFile(
            errno.EINVAL,
            f"it is {kind}, not a regular file; give a scenario file, or '-' to read standard input",
            path,
        )


def read_file(path: str, most: int) -> tuple[bytes | None, int]:
    """The bytes of the regular file at PATH and its size; None for the bytes when the size is over MOST, and
    never more than MOST + 1 bytes (a file that grows, or whose size is not known in advance as in /proc, is
    read to one byte past MOST). Whatever is not a regular file is refused before it is read: /dev/zero would
    never end, a FIFO may never start (NotAFile, an OSError that says what PATH is)."""
    _regular(path, os.stat(path).st_mode)  # a socket cannot be opened at all: say what it is first
    fd = os.open(path, _OPEN_FLAGS)
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        _regular(path, status.st_mode)
        if status.st_size > most:
            return None, status.st_size
        data = handle.read(status.st_size + 1)  # what the size says, and one byte more if it grew
        if len(data) > status.st_size:
            data += handle.read(most + 1 - len(data))
        return data, max(status.st_size, len(data))


def read_stream(stream, most: int) -> bytes:
    """At most MOST + 1 bytes of STREAM (standard input), read in pieces: an endless stream is read only to
    one byte past MOST, and a short one never has room for MOST bytes allocated for it."""
    read = getattr(stream, "read1", stream.read)
    pieces, size = [], 0
    while size <= most:
        piece = read(min(1 << 20, most + 1 - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    return b"".join(pieces)


def memory_bound(size: int, repeated: int = 0, diagnostics: int = 0) -> int:
    """The most address space a run on a file of SIZE bytes may need, with REPEATED values repeated by aliases
    and DIAGNOSTICS diagnostics: the bound of docs/performance.md ("Memory"), 128 MiB + 64 bytes a byte of the
    file + 256 bytes a repeated value + 4 KiB a diagnostic (tests/test_limits.py holds runs to it)."""
    return 128 * 1024 * 1024 + 64 * size + 256 * repeated + 4096 * diagnostics


def over_memory_limit(size: int) -> bool:
    """Whether this process may not have the memory a file of SIZE bytes needs: its address-space limit (the
    soft RLIMIT_AS, `ulimit -v`) is below `memory_bound` of the file as written, so that the memory could run
    out where it cannot be caught (inside pydantic-core, which then aborts the process). False without a
    limit, or on a platform without `resource`."""
    try:
        import resource
    except ImportError:  # Windows
        return False
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return soft != resource.RLIM_INFINITY and soft < memory_bound(size)


class UnreadableFolder(str):
    """A folder `expand` found but cannot read (no permission): its path, among the files it found, and why
    (ERROR), so that a command reports it as it reports a file it cannot read, never skips it in silence."""

    error: OSError

    def __new__(cls, path: str, error: OSError) -> UnreadableFolder:
        folder = super().__new__(cls, path)
        folder.error = error
        return folder


def expand(paths: list[str]) -> list[str]:
    """Files as given; a folder means every *.yaml and *.yml below it, in sorted order, and every folder
    below it that cannot be read (an UnreadableFolder, in its place in that order).

    A folder with no scenario file, a missing path, or '-' given twice is a usage error (exit 2):
    in CI, a mistyped folder must not pass as "all well".
    """
    out = []
    for path in paths:
        if path == "-":
            if "-" in out:
                raise UsageError("'-' (standard input) can be given only once")
            out.append(path)
            continue
        p = Path(path)
        try:
            folder, there = p.is_dir(), p.exists() or p.is_symlink()  # a link that leads nowhere is there
        except OSError:  # it cannot even be looked at (a folder above it that cannot be entered)
            folder, there = False, True
        if folder:
            found = _below(path)
            if not found:
                raise UsageError(f"{path}: no *.yaml or *.yml file in this folder")
            out += found
        elif there:  # read: a file that cannot be says why not
            out.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return list(dict.fromkeys(out))  # a file named twice (or inside a folder also named) is read once


def _below(folder: str) -> list[str]:
    """The scenario files below FOLDER and the folders below it (or FOLDER itself) that cannot be read, sorted
    by path. A link that leads nowhere is listed too (it says why it cannot be read); a link to a folder is
    not followed."""
    found: list[tuple[Path, str]] = []

    def unreadable(error: OSError) -> None:
        found.append((Path(error.filename), UnreadableFolder(str(Path(error.filename)), error)))  # as a file: no ./

    for parent, _folders, names in os.walk(folder, onerror=unreadable):
        for name in names:
            file = Path(parent, name)
            if file.suffix in {".yaml", ".yml"} and _read_as_a_file(file):
                found.append((file, str(file)))
    return [path for _, path in sorted(found, key=lambda item: item[0])]


def _read_as_a_file(file: Path) -> bool:
    """Whether FILE, listed in a folder, is read: a regular file, and whatever cannot even be looked at (a link
    that leads nowhere or to itself, a file in a folder that can be listed but not entered), which says why it
    cannot be read; not a FIFO, a socket or a device."""
    try:
        return stat.S_ISREG(file.stat().st_mode)
    except OSError:
        return True
