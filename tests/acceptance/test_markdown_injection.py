"""Markdown and HTML injection (issue 20, point 5): every Markdown a command writes shows a user's text as
written and renders as nothing else.

One hostile scenario (tests/corpus/markdown_injection.yaml: a title, names, notes and ids holding tags that
close the table, links, images, code, emphasis, strikethrough, pipes, headings, list items and line breaks),
under a hostile file name of its own (the path starts --explain's lines and names the files `compare` sets
side by side), runs through every Markdown output: each report whose registry (reports/<report>/__init__.py
FORMATS) has `markdown` or `md`, in each of its Markdown shapes, and `check`'s GitHub step summary. Each output
is read raw (no unescaped `<`, `&` or backtick, no live `](`, every table row as many cells as its header) and
as a reader sees it, rendered by a CommonMark renderer with GitHub's tables and strikethrough (markdown-it-py,
which Rich depends on already): no tag but the report's own headings, paragraphs, lists, tables and bold, as
many headings, list items and table rows as the Markdown has lines for, and the source's name shown as written.
"""

from __future__ import annotations

import html
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import effektinvest.reports
from conftest import ROOT, invoke

HOSTILE = ROOT / "tests" / "corpus" / "markdown_injection.yaml"
FILE = "# 1. <img src=x onerror=alert(1)> [l](https:evil.example) `k` | x.yaml"  # the scenario's path (no /)
AFTER = "+ 2. <i>efter<i>.yaml"  # compare's second file: a project renamed, so one is removed and one new
SOURCE = "</td></tr></table><h1>Kassen</h1> ![billede](https://evil.example/p.png) | ~~streg~~"  # as written

# Each report with a Markdown format, and the command lines that write each of its Markdown shapes.
RUNS = {
    "gap": [
        ("gap", FILE, "-f", "markdown"),
        ("gap", FILE, "-f", "markdown", "--explain"),
        ("gap", FILE, "-f", "markdown", "--by", "project"),
    ],
    "compare": [("compare", FILE, AFTER, "-f", "markdown")],
    "savings": [
        ("savings", FILE, "-f", "markdown"),
        ("savings", FILE, "-f", "markdown", "--realisation", "50%,100%"),
    ],
    "followup": [("follow-up", FILE, "-f", "markdown")],
    "note": [("note", FILE, "-f", "md")],
}
RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
BLOCKS = {"h3", "h4", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "strong"}  # the reports' own


def markdown_reports() -> set[str]:
    """The report packages whose registry lists a Markdown format."""
    found = set()
    for module in pkgutil.iter_modules(effektinvest.reports.__path__):
        formats = getattr(importlib.import_module(f"effektinvest.reports.{module.name}"), "FORMATS", ())
        if {"markdown", "md"} & set(formats):
            found.add(module.name)
    return found


def test_every_report_with_markdown_is_run():
    assert markdown_reports() == set(RUNS)


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = HOSTILE.read_text(encoding="utf-8")
    Path(FILE).write_text(text, encoding="utf-8")
    Path(AFTER).write_text(text.replace('"<b>p1</b>"', '"<b>p2</b>"'), encoding="utf-8")
    return tmp_path


def unescaped(markdown: str) -> str:
    """MARKDOWN without its backslash escapes: what is left is what Markdown acts on."""
    return re.sub(r"\\.", "", markdown)


def assert_inert(markdown: str, shows: str = SOURCE, code: bool = False) -> None:
    """MARKDOWN has no raw tag, entity, code span or link, each table has as many cells a row as its header,
    and it renders to the reports' own blocks only, one for each line that makes one, SHOWS as written."""
    raw = unescaped(markdown)
    assert "<" not in raw and "&" not in raw and "](" not in raw and "][" not in raw
    assert code or "`" not in raw
    lines = markdown.splitlines()
    for table in re.findall(r"(?:^\|.*\n)+", markdown, re.MULTILINE):
        assert len({unescaped(line).count("|") for line in table.splitlines()}) == 1, table
    rendered = RENDERER.render(markdown)
    assert set(re.findall(r"<([a-z0-9]+)", rendered)) <= BLOCKS | ({"code"} if code else set())
    assert rendered.count("<h3>") == sum(line.startswith("### ") for line in lines)
    assert rendered.count("<h4>") == sum(line.startswith("#### ") for line in lines)
    assert rendered.count("<li>") == sum(re.match(r" *- ", line) is not None for line in lines)
    assert rendered.count("<tr>") == sum(line.startswith("|") and "--" not in line for line in lines)
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert shows in shown


@pytest.mark.parametrize("args", [args for runs in RUNS.values() for args in runs], ids=" ".join)
def test_every_markdown_report_shows_a_users_markup_as_written(files, args):
    result = invoke(*args)
    assert result.code == 0, result.stderr
    assert_inert(result.stdout)
    assert "\\<h1\\>Kassen\\</h1\\>" in result.stdout


def test_explain_shows_ids_and_the_path_that_begin_its_lines_as_written(files):
    out = invoke("gap", FILE, "-f", "markdown", "--explain").stdout
    assert "\n  - 1\\. \\<b\\>kasse\\</b\\>: \\</td\\>" in out and "\n  - \\# fond: - \\<i\\>Fonden" in out
    assert "\n- \\# 1. \\<img src=x onerror=alert(1)\\> \\[l\\](https:evil.example) \\`k\\` \\| x.yaml:40: " in out


def test_the_step_summary_shows_a_users_markup_as_written(files):
    Path(FILE).write_text(HOSTILE.read_text(encoding="utf-8").replace("tariff: 0.1", "tariff: <b>0,1</b>"))
    result = invoke("check", FILE, env={"GITHUB_STEP_SUMMARY": str(files / "summary.md")})
    assert result.code == 1
    summary = (files / "summary.md").read_text(encoding="utf-8")
    assert_inert(summary, shows=FILE, code=True)
    assert "| \\# 1. \\<img src=x" in summary and "\\<b\\>0,1\\</b\\>" in summary
