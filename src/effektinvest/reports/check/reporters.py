"""Diagnostics reporters, one function per format (as check-jsonschema has one reporter per format).

- text: `PATH:LINE:COLUMN: error[CODE]: MESSAGE`, one per line (compilers' and editors' form)
- json: one JSON array of objects with path, line, column, severity, code, message
- github: GitHub Actions workflow commands, escaped as GitHub's own toolkit escapes them
- step_summary: a Markdown table for $GITHUB_STEP_SUMMARY

A path or message is text a user wrote, or quotes it: each reporter shows it with its hidden characters
escaped (`cells.visible`, `json_visible`, `markdown_text`), so that one diagnostic is one line and nothing in
it reaches a terminal raw.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from effektinvest.core.display_context import json_visible, visible
from effektinvest.formats.markdown import heading, markdown_text, row
from effektinvest.model.diagnostics import Diagnostic


def line(d: Diagnostic) -> str:
    """One diagnostic, on one line: a path or message cannot start another (`cells.visible`)."""
    return f"{visible(d.path)}:{d.line}:{d.column}: {d.severity.value}[{visible(d.code)}]: {visible(d.message)}"


SHOWN = 1_000  # diagnostics of one file that text, github and the step summary show (docs/cli.md, "Limits")


def _shown(diagnostics: Iterable[Diagnostic]) -> tuple[list[Diagnostic], dict[str, int]]:
    """The first SHOWN DIAGNOSTICS of each file (in their order: by line), and how many of each file's are
    left out: a broken generated file answers with a screenful, not a million lines."""
    shown, seen, hidden = [], {}, {}
    for d in diagnostics:
        n = seen[d.path] = seen.get(d.path, 0) + 1
        if n <= SHOWN:
            shown.append(d)
        else:
            hidden[d.path] = n - SHOWN
    return shown, hidden


def _not_shown(count: int) -> str:
    """What the note says of COUNT diagnostics left out: worded so that no parser takes it for one more."""
    return (
        f"{count:,} more diagnostic{'' if count == 1 else 's'} not shown (only the first {SHOWN:,} of a file "
        "are; 'effektinvest check --format json' lists them all)"
    )


def text(diagnostics: Iterable[Diagnostic]) -> str:
    """One line per diagnostic, the first SHOWN of a file, then `PATH: note: N more diagnostics not shown`."""
    shown, hidden = _shown(diagnostics)
    notes = [f"{visible(path)}: note: {_not_shown(count)}\n" for path, count in hidden.items()]
    return "".join(line(d) + "\n" for d in shown) + "".join(notes)


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
    return json_visible(json.dumps(items, ensure_ascii=False, indent=2) + "\n")


def _escape_data(value: str) -> str:
    """As @actions/core's escapeData: %, CR and LF."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    """As @actions/core's escapeProperty: also ':' and ','."""
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: Iterable[Diagnostic]) -> str:
    """`::error file=PATH,line=LINE,col=COLUMN::[CODE] MESSAGE`, one per diagnostic (the first SHOWN of a
    file), then a `::notice file=PATH::` with the count of the rest."""
    out = []
    shown, hidden = _shown(diagnostics)
    for d in shown:  # hidden characters shown first (`visible`): no raw ESC in the log, no line break
        props = f"file={_escape_property(visible(d.path))},line={d.line},col={d.column}"
        out.append(f"::{d.severity.value} {props}::{_escape_data(visible(f'[{d.code}] {d.message}'))}\n")
    for path, count in hidden.items():
        out.append(f"::notice file={_escape_property(visible(path))}::{_escape_data(_not_shown(count))}\n")
    return "".join(out)


def step_summary(diagnostics: Sequence[Diagnostic], counted: Counted) -> str:
    """A Markdown section for GitHub's job summary."""
    head = f"{heading('effektinvest check')}\n\n{summary(counted)}\n"
    if not diagnostics:
        return head + "\n"
    shown, hidden = _shown(diagnostics)  # GitHub takes at most 1 MiB of summary from a step
    rows = [row([markdown_text(d.path), *_place(d), f"`{d.code}`", markdown_text(d.message)]) for d in shown]
    notes = "".join(f"{markdown_text(path)}: {markdown_text(_not_shown(count))}\n\n" for path, count in hidden.items())
    return (
        head
        + "\n| file | line | column | severity | code | message |\n| --- | --: | --: | --- | --- | --- |\n"
        + ("\n".join(rows) + "\n\n")
        + notes
    )


def _place(d: Diagnostic) -> list[str]:
    return [str(d.line), str(d.column), d.severity.value]


class Counted(NamedTuple):
    """What a `check` run counts: the files it read (or tried to), their errors and warnings, and the folders
    below those given that it could not read (each also an unreadable-file error, but not a file)."""

    files: int
    errors: int
    warnings: int
    unreadable_folders: int = 0


def summary(counted: Counted) -> str:
    """`checked 3 files: 1 error, 0 warnings`, and how many folders could not be read, if any."""

    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    said = f"checked {count(counted.files, 'file')}: {count(counted.errors, 'error')}"
    said += f", {count(counted.warnings, 'warning')}"
    folders = counted.unreadable_folders
    return said + (f" ({count(folders, 'folder')} could not be read)" if folders else "")
