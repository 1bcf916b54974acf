"""Diagnostics as text, one line each: PATH:LINE:COLUMN: error[CODE]: MESSAGE."""

from __future__ import annotations

from collections.abc import Iterable

from effektinvest.diagnostics import Diagnostic


def line(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}: {d.severity.value}[{d.code}]: {d.message}"


def text(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(line(d) + "\n" for d in diagnostics)


def summary(files: int, errors: int, warnings: int) -> str:
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"checked {count(files, 'file')}: {count(errors, 'error')}, {count(warnings, 'warning')}"
