"""Diagnostics reporters: text, JSON, GitHub workflow commands (escaped), the step summary."""

import json

from effektinvest.diagnostics import Diagnostic
from effektinvest.render.diagnostics import github, line, step_summary, summary, to_json

D = Diagnostic("scen,arier/a:b.yaml", 3, 7, "decimal-comma", "'10,35' 100% wrong\nnext")
W = Diagnostic("a.yaml", 1, 1, "surplus", "in 2024 | more")


def test_text_line():
    assert line(W) == "a.yaml:1:1: warning[surplus]: in 2024 | more"


def test_github_escapes_as_the_actions_toolkit():
    assert github([D]) == (
        "::error file=scen%2Carier/a%3Ab.yaml,line=3,col=7::[decimal-comma] '10,35' 100%25 wrong%0Anext\n"
    )
    assert github([W]).startswith("::warning file=a.yaml,line=1,col=1::")


def test_json_array():
    assert json.loads(to_json([D, W])) == [
        {"path": D.path, "line": 3, "column": 7, "severity": "error", "code": "decimal-comma", "message": D.message},
        {"path": "a.yaml", "line": 1, "column": 1, "severity": "warning", "code": "surplus", "message": W.message},
    ]
    assert json.loads(to_json([])) == []


def test_step_summary_is_a_markdown_table():
    text = step_summary([D, W], 2)
    assert "checked 2 files: 1 error, 1 warning" in text
    assert "| a.yaml | 1 | 1 | warning | `surplus` | in 2024 \\| more |" in text
    assert "'10,35' 100% wrong next" in text


def test_summary_counts():
    assert summary(1, 0, 1) == "checked 1 file: 0 errors, 1 warning"
