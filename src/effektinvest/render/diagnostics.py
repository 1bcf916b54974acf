"""Diagnostics reporters, one function per format (as check-jsonschema has one reporter per format).

- text: `PATH:LINE:COLUMN: error[CODE]: MESSAGE`, one per line (compilers' and editors' form)
- json: one JSON array of objects with path, line, column, severity, code, message
- github: GitHub Actions workflow commands, escaped as GitHub's own toolkit escapes them
- step_summary: a Markdown table for $GITHUB_STEP_SUMMARY
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from effektinvest.diagnostics import Diagnostic
from effektinvest.render.cells import markdown_cell


def line(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}: {d.severity.value}[{d.code}]: {d.message}"


def text(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(line(d) + "\n" for d in diagnostics)


def to_json(diagnostics: Sequence[Diagnostic]) -> str:
    items = [
        {
            "path": d.path,
            "line": d.line,
            "column": d.column,
            "severity": d.severity.value,
            "code": d.code,
            "message": d.message,
        }
        for d in diagnostics
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    """As @actions/core's escapeData: %, CR and LF."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    """As @actions/core's escapeProperty: also ':' and ','."""
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: Iterable[Diagnostic]) -> str:
    """`::error file=PATH,line=LINE,col=COLUMN::[CODE] MESSAGE`, one per diagnostic."""
    out = []
    for d in diagnostics:
        props = f"file={_escape_property(d.path)},line={d.line},col={d.column}"
        out.append(f"::{d.severity.value} {props}::{_escape_data(f'[{d.code}] {d.message}')}\n")
    return "".join(out)


def step_summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """A Markdown section for GitHub's job summary."""
    errors = sum(d.is_error for d in diagnostics)
    head = f"### effektinvest check\n\n{summary(files, errors, len(diagnostics) - errors)}\n"
    if not diagnostics:
        return head + "\n"
    rows = [
        f"| {markdown_cell(d.path)} | {d.line} | {d.column} | {d.severity.value} | `{d.code}` "
        f"| {markdown_cell(d.message)} |"
        for d in diagnostics
    ]
    return (
        head
        + "\n| file | line | column | severity | code | message |\n| --- | --: | --: | --- | --- | --- |\n"
        + ("\n".join(rows) + "\n\n")
    )


def summary(files: int, errors: int, warnings: int) -> str:
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"checked {count(files, 'file')}: {count(errors, 'error')}, {count(warnings, 'warning')}"
