"""reader/lines.py: lines and columns as an editor counts them, in a file with a line break that only YAML 1.1
counts (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR)."""

import pytest

from conftest import invoke
from effektinvest.reader.lines import LineMap, line_map

HEAD = 'scenario: "LS{0}x{1}y"\nbudget_year: 2025\nunit: kr.\nsources:\n  a: {{name: A, note: "n{2}z"}}\n'
BODY = "projects:\n  p:\n    name: P\n    costs: {2025: 10}\nfinancing:\n  - source: a\n    amount: AMOUNT\n"
BREAKS = ("\u2028", "\x85", "\u2029")


def _file(tmp_path, amount: str, extra: str = ""):
    path = tmp_path / "ls.yaml"
    path.write_text(HEAD.format(*BREAKS) + BODY.replace("AMOUNT", amount) + extra, encoding="utf-8")
    return path


def test_a_file_without_such_breaks_has_no_map():
    assert line_map("a: 1\r\nb: 2\rc: 3\n") is None
    assert line_map(b"a: 1\n") is None


def test_lines_and_columns_after_such_breaks_are_the_editors():
    text = "a: x\u2028yz\nb: 1\u2029c\r\nd: 2\n"
    lines = line_map(text)
    assert isinstance(lines, LineMap)
    assert lines.real(1, 1) == (1, 1)  # a
    assert lines.real(2, 1) == (1, 6)  # y, after the separator on the editor's line 1
    assert lines.real(3, 1) == (2, 1)  # b
    assert lines.real(4, 1) == (2, 6)  # c
    assert lines.real(5, 1) == (3, 1)  # d
    assert line_map(text.encode("utf-8")).real(5, 1) == (3, 1)


@pytest.mark.parametrize("separator", BREAKS)
def test_each_such_break_counts_as_no_line(separator):
    assert line_map(f"a{separator}b\nc\n").real(3, 1) == (2, 1)


def test_a_diagnostic_after_such_breaks_names_the_editors_line_and_column(tmp_path):
    result = invoke("check", _file(tmp_path, "1,5"))
    assert result.code == 1
    assert f"{tmp_path / 'ls.yaml'}:12:13: error[decimal-comma]" in result.stderr


def test_a_finding_located_later_names_the_editors_line(tmp_path):
    result = invoke("check", _file(tmp_path, "1.5", "  - source: b\n    share: 10%\n"))
    assert result.code == 1
    assert f"{tmp_path / 'ls.yaml'}:13:13: error[unknown-source]" in result.stderr


def test_explain_names_the_editors_line(tmp_path):
    result = invoke("gap", _file(tmp_path, "1.5"), "--explain")
    assert result.code == 0
    assert f"{tmp_path / 'ls.yaml'}:11: a, beløb 1,5" in result.stdout
