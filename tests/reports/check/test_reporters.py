"""Diagnostics reporters: text, JSON, GitHub workflow commands (escaped), the step summary."""

import json
import re

from effektinvest.model.diagnostics import Diagnostic
from effektinvest.reports.check.reporters import SHOWN, Counted, github, line, step_summary, summary, to_json

D = Diagnostic("scen,arier/a:b.yaml", 3, 7, "decimal-comma", "'10,35' 100% wrong\nnext")
W = Diagnostic("a.yaml", 1, 1, "surplus", "in 2024 | more")


def test_text_line():
    assert line(W) == "a.yaml:1:1: warning[surplus]: in 2024 | more"


def test_github_escapes_as_the_actions_toolkit():
    # a line break in a message is shown as \n (cells.visible) before the toolkit's escaping: one annotation
    assert github([D]) == (
        "::error file=scen%2Carier/a%3Ab.yaml,line=3,col=7::[decimal-comma] '10,35' 100%25 wrong\\nnext\n"
    )
    assert github([W]).startswith("::warning file=a.yaml,line=1,col=1::")


# issue 10, 2.6: a path or message that holds a line break or a terminal escape cannot forge a line or reach
# the terminal, in any reporter
FORGER = Diagnostic("x\x1b]0;t\x07.yaml", 2, 3, "not-a-number", "'1\nother.yaml:1:1: error[fake]: x' \u202e\r")


def test_text_line_is_one_line_with_hidden_characters_shown():
    assert line(FORGER) == (
        "x\\x1b]0;t\\x07.yaml:2:3: error[not-a-number]: '1\\nother.yaml:1:1: error[fake]: x' \\u202e\\r"
    )


def test_github_line_is_one_command_with_hidden_characters_shown():
    (command,) = github([FORGER]).splitlines()
    assert "\x1b" not in command and "\u202e" not in command and "%0A" not in command
    assert command.startswith("::error file=x\\x1b]0;t\\x07.yaml,line=2,col=3::[not-a-number] '1\\nother.yaml")


def test_json_keeps_the_exact_text_and_escapes_what_a_terminal_would_act_on():
    text = to_json([FORGER])
    assert "\x1b" not in text and "\u202e" not in text and "\\u202e" in text
    assert json.loads(text)[0]["message"] == FORGER.message and json.loads(text)[0]["path"] == FORGER.path


def test_step_summary_row_is_one_row_with_hidden_characters_shown():
    rows = [row for row in step_summary([FORGER], Counted(1, 1, 0)).splitlines() if row.startswith("| x")]
    assert rows == [
        "| x\\\\x1b\\]0;t\\\\x07.yaml | 2 | 3 | error | `not-a-number` "
        "| '1 other.yaml:1:1: error\\[fake\\]: x' \\\\u202e  |"
    ]


def test_json_array():
    assert json.loads(to_json([D, W])) == [
        {"path": D.path, "line": 3, "column": 7, "severity": "error", "code": "decimal-comma", "message": D.message},
        {"path": "a.yaml", "line": 1, "column": 1, "severity": "warning", "code": "surplus", "message": W.message},
    ]
    assert json.loads(to_json([])) == []


def test_step_summary_is_a_markdown_table():
    text = step_summary([D, W], Counted(2, 1, 1))
    assert "checked 2 files: 1 error, 1 warning" in text
    assert "| a.yaml | 1 | 1 | warning | `surplus` | in 2024 \\| more |" in text
    assert "'10,35' 100% wrong next" in text


def test_summary_counts():
    assert summary(Counted(1, 0, 1)) == "checked 1 file: 0 errors, 1 warning"
    assert summary(Counted(2, 3, 0, 1)) == "checked 2 files: 3 errors, 0 warnings (1 folder could not be read)"
    assert summary(Counted(0, 2, 0, 2)) == "checked 0 files: 2 errors, 0 warnings (2 folders could not be read)"


def test_step_summary_paths_and_messages_are_shown_as_written_not_as_markdown():
    """issue 20, point 5: a path or message that is Markdown or HTML (a tag, a link, a heading or list at the
    start of the note of diagnostics not shown) renders as text, and each diagnostic stays one row of six
    cells."""
    from markdown_it import MarkdownIt

    path = "# 1. <b>fil</b> [l](https://evil.example) | x.yaml"
    many = [Diagnostic(path, n, 1, "surplus", "'</td></tr></table><h1>x</h1>' ![i](y)") for n in range(1, 1003)]
    text = step_summary(many, Counted(1, 0, 1002))
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert set(re.findall(r"<(/?[a-z0-9]+)", rendered)) == {
        *("h3", "p", "table", "thead", "tbody", "tr", "th", "td", "code"),
        *("/h3", "/p", "/table", "/thead", "/tbody", "/tr", "/th", "/td", "/code"),
    }
    assert rendered.count("<tr>") == 1 + SHOWN and rendered.count("<td") == 6 * SHOWN
    assert "<p># 1. &lt;b&gt;fil&lt;/b&gt; [l](https://evil.example) | x.yaml: 2 more diagnostics" in rendered
