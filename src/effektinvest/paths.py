"""The files a command reads: as given, a folder as every scenario file below it, standard input once."""

from __future__ import annotations

from pathlib import Path


class UsageError(Exception):
    """A path that cannot be read as asked: a usage error (exit 2), with its message."""


def expand(paths: list[str]) -> list[str]:
    """Files as given; a folder means every *.yaml and *.yml below it, in sorted order.

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
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix in {".yaml", ".yml"} and f.is_file())
            if not found:
                raise UsageError(f"{path}: no *.yaml or *.yml file in this folder")
            out += [str(f) for f in found]
        elif p.exists():
            out.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return list(dict.fromkeys(out))  # a file named twice (or inside a folder also named) is read once
