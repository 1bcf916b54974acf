"""Hostile input (issue 10, section 2): text that tries to reach the terminal or forge a line, broken standard
streams, files that cannot be read, and a "did you mean" that must not take minutes.

Every output gets the same hostile names (the title, source and project names, ids, notes, a tag's text and
the file's own path): none may carry a raw control, format or line-separator character, no diagnostic line
may be forged, and CSV, TSV and JSON must read back as what they say.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT, invoke

SEED = str(ROOT / "scenarios" / "2024.yaml")

# --- hostile names -------------------------------------------------------------------------------------------------

FORGED = "other.yaml:1:1: error[fake]: forged"
# A scenario whose every user-written string is hostile (YAML double-quoted escapes: \e is ESC, \a BEL, \x9b the
# C1 CSI, \u202e a right-to-left override, \u2028 a line separator, \u200b a zero-width space).
HOSTILE = r"""scenario: "Titel \e]0;pwned\a \e[31mrød\e[0m \u202Eslutning\u202C"
budget_year: 2024
sources:
  "kasse\e[2J":
    name: "Kassen \e]8;;http://evil.example\e\\klik\e]8;;\e\\"
    note: "note \e[31m"
  "ubrugt\r\nother.yaml:1:1: error[fake]: forged":
    name: "Ubrugt\x9b31m"
projects:
  "p\x7f1":
    name: "Projekt\rA\nother.yaml:1:1: error[fake]: forged"
    costs: {2024: 100, 2025: 200}
    financing:
      - source: "kasse\e[2J"
        amount: 50
        note: "\x9b31m C1"
  "udskudt\u2028":
    name: "Udskudt\u200b \u2066isoleret\u2069\ttab"
    status: defer
    decide_at: 2025
    costs: {2025: 10}
"""
# An invalid file: a tag whose text, a source id and a project id each try to start a diagnostic line of their own.
FORGING = r"""scenario: Forfalsket
budget_year: 2024
sources:
  kasse: {name: Kassen}
projects:
  p1:
    name: P
    costs: {2024: !!int "1\nother.yaml:1:1: error[fake]: forged", 2025: 5}
    financing:
      - {source: "kasse\nother.yaml:1:1: error[fake]: forged", amount: 1}
financing:
  - {source: kasse, share: "10%", projects: ["\e]0;x\a\u202e"]}
"""
# A file name that is itself hostile: an OSC title, a line break that starts a forged diagnostic, a bidi override
NAME = "evil\x1b]0;pwned\x07\u202e\nother.yaml:1:1: error[fake]: forged.yaml"


def hidden(character: str) -> bool:
    """A character that a terminal acts on or hides, or that starts a line: what must never reach an output raw."""
    return unicodedata.category(character) in {"Cc", "Cf", "Cs", "Zl", "Zp"}


def raw_hidden(text: str, allowed: str = "\n") -> list[str]:
    return sorted({repr(c) for c in text if hidden(c) and c not in allowed})


@pytest.fixture()
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / NAME).write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "after.yaml").write_text(HOSTILE.replace('"p\\x7f1":', '"ny\\e[5m":'), encoding="utf-8")
    (tmp_path / "forging.yaml").write_text(FORGING, encoding="utf-8")
    return tmp_path


def test_the_hostile_file_is_valid_and_its_names_are_what_was_written(files):
    result = invoke("gap", NAME, "--format", "json")
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["scenario"] == "Titel \x1b]0;pwned\x07 \x1b[31mrød\x1b[0m \u202eslutning\u202c"
    assert report["projects"][0]["id"] == "p\x7f1"
    assert report["projects"][0]["name"] == "Projekt\rA\n" + FORGED  # JSON keeps the data exact ...
    assert raw_hidden(result.stdout) == []  # ... and writes every such character as an escape


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "tsv", "json"])
def test_gap_shows_no_raw_control_character_in_any_format(files, fmt):
    result = invoke("gap", NAME, "--format", fmt, env={"COLUMNS": "300"})
    assert result.code == 0, result.stderr
    assert raw_hidden(result.stdout, "\n\t" if fmt == "tsv" else "\n") == []
    assert "\x1b" not in result.stderr and "Projekt" in result.stdout  # the names are shown, visibly
    if fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(result.stdout), delimiter="\t" if fmt == "tsv" else ","))
        assert {len(row) for row in rows} == {5}
        assert any(row[3].startswith("Projekt") and "forged" in row[3] for row in rows)  # one field, one row
    if fmt == "markdown":
        table = [line for line in result.stdout.splitlines() if line.startswith("|")]
        assert len({line.count(" | ") - line.count("\\|") for line in table}) == 1  # no row is split or widened


def test_the_table_shows_each_hidden_character_visibly(files):
    out = invoke("gap", NAME, env={"COLUMNS": "300"}).stdout
    assert "\\x1b]0;pwned\\x07" in out and "\\u202e" in out and "Projekt\\rA\\nother.yaml" in out


def diagnostic_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


@pytest.mark.parametrize("path", ["forging.yaml", NAME])
def test_check_text_lines_are_each_one_diagnostic(files, path):
    result = invoke("check", path, "--strict")
    assert result.code == 1
    lines = diagnostic_lines(result.stderr)
    shown = re.escape(path.encode("unicode_escape").decode("ascii").replace("\\\\", "\\"))  # the path, visibly
    pattern = re.compile(rf"{shown}:\d+:\d+: (error|warning)\[[a-z0-9-]+\]: .*|checked 1 file: .*")
    assert [line for line in lines if not pattern.fullmatch(line)] == []
    assert not any(line.startswith("other.yaml") for line in lines)
    assert raw_hidden(result.stderr) == []


@pytest.mark.parametrize("path", ["forging.yaml", NAME])
def test_check_github_lines_are_each_one_command(files, path):
    result = invoke("check", path, "--format", "github", "--strict")
    assert result.code == 1
    lines = diagnostic_lines(result.stdout)
    assert lines and all(re.match(r"::(error|warning) file=[^\n]*,line=\d+,col=\d+::\[", line) for line in lines)
    assert raw_hidden(result.stdout) == []


@pytest.mark.parametrize("path", ["forging.yaml", NAME])
def test_check_json_keeps_the_text_and_escapes_it(files, path):
    result = invoke("check", path, "--format", "json", "--strict")
    assert result.code == 1
    found = json.loads(result.stdout)
    assert {item["path"] for item in found} == {path}
    assert raw_hidden(result.stdout) == []


def test_the_step_summary_is_one_row_per_diagnostic(files):
    summary = files / "summary.md"
    invoke("check", "forging.yaml", NAME, env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + len(json.loads(invoke("check", "forging.yaml", NAME, "-f", "json").stdout))  # + head
    assert raw_hidden(text) == []


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_due_shows_no_raw_control_character(files, fmt):
    result = invoke("due", NAME, "--budget", "2025", "--format", fmt, env={"COLUMNS": "300"})
    assert result.code == 0, result.stderr
    assert "Udskudt" in result.stdout and raw_hidden(result.stdout) == []
    if fmt == "csv":
        assert {len(row) for row in csv.reader(io.StringIO(result.stdout))} == {12}
    if fmt == "json":
        assert json.loads(result.stdout)[0]["path"] == NAME


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_compare_shows_no_raw_control_character(files, fmt):
    result = invoke("compare", NAME, "after.yaml", "--format", fmt, env={"COLUMNS": "300"})
    assert result.code == 0, result.stderr
    assert raw_hidden(result.stdout) == []
    if fmt == "csv":
        assert {len(row) for row in csv.reader(io.StringIO(result.stdout))} == {7}


def test_usage_errors_show_a_hostile_path_visibly(files):
    result = invoke("gap", "no\x1b[2Jsuch\nfile.yaml")
    assert result.code == 2 and raw_hidden(result.stderr) == [] and len(diagnostic_lines(result.stderr)) == 1


# --- broken standard streams (a real process: the streams are the point) -------------------------------------------


def process(*args: str, stdout=subprocess.PIPE, stderr=subprocess.PIPE, close: tuple[int, ...] = ()):
    """`python -m effektinvest ARGS...` with CLOSE's descriptors closed, as `>&-` or `2>&-` leave them."""
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "NO_COLOR", "PYTHONUNBUFFERED"}}

    def closing() -> None:
        for fd in close:
            os.close(fd)

    return subprocess.run(
        [sys.executable, "-m", "effektinvest", *args],
        stdout=stdout,
        stderr=stderr,
        env=env,
        cwd=ROOT,
        timeout=60,
        preexec_fn=closing if close else None,
    )


def full():
    return open("/dev/full", "wb")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("--version",), ("gap", SEED, "-f", "json"), ("gap", SEED)])
def test_output_into_a_full_disk_is_exit_2_and_one_line(args):
    with full() as disk:
        result = process(*args, stdout=disk)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "effektinvest: error: cannot write the output: No space left on device"
    ]


@pytest.mark.parametrize("args", [("--version",), ("gap", SEED, "-f", "json"), ("gap", SEED)])
@pytest.mark.measured_process
def test_output_with_standard_output_closed_is_exit_2_and_one_line(args):
    result = process(*args, stdout=subprocess.DEVNULL, close=(1,))
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert lines == ["effektinvest: error: cannot write the output: standard output is closed"]


@pytest.mark.measured_process
def test_version_into_a_pipe_whose_reader_has_gone_is_quiet():
    read_end, write_end = os.pipe()
    os.close(read_end)  # `effektinvest --version | true`
    result = process("--version", stdout=write_end)
    os.close(write_end)
    assert (result.returncode, result.stderr) == (0, b"")


@pytest.mark.measured_process
def test_nothing_written_to_a_closed_standard_output_is_no_error():
    result = process("check", SEED, "--quiet", stdout=subprocess.DEVNULL, close=(1,))
    assert (result.returncode, result.stderr) == (0, b"")


@pytest.mark.parametrize("broken", ["closed", "full"])
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("gap", str(ROOT / "tests" / "fixtures" / "warnings.yaml"), "-f", "json"), 0),  # warnings on stderr
        (("check", str(ROOT / "tests" / "fixtures" / "warnings.yaml"), "-f", "json"), 0),  # the summary too
        (("check", str(ROOT / "tests" / "fixtures" / "unknown_source.yaml"), "-f", "json"), 1),
        (("due", str(ROOT / "tests" / "fixtures" / "portfolio"), "--budget", "2025", "-f", "json"), 1),
    ],
)
@pytest.mark.measured_process
def test_standard_output_carries_the_report_whatever_happens_to_standard_error(broken, args, code):
    if broken == "full":
        if not Path("/dev/full").exists():
            pytest.skip("needs /dev/full")
        with full() as disk:
            result = process(*args, stderr=disk)
    else:
        result = process(*args, stderr=subprocess.DEVNULL, close=(2,))
    assert result.returncode == code
    json.loads(result.stdout)  # the report, whole, and nothing else (no summary in the JSON)


# --- files that cannot be read (issue 10, 2.9) ---------------------------------------------------------------------


def test_an_unreadable_file_is_a_finding_and_the_others_are_still_checked(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(Path(SEED).read_text(encoding="utf-8"), encoding="utf-8")
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)  # a link that leads to itself
    bad = tmp_path / "z_bad.yaml"
    bad.write_text((ROOT / "tests" / "fixtures" / "unknown_source.yaml").read_text(encoding="utf-8"))
    result = invoke("check", str(good), str(loop), str(bad))
    assert result.code == 1
    assert f"{loop}:1:1: error[unreadable-file]: the file cannot be read: too many levels of symbolic links" in (
        result.stderr
    )
    assert f"{bad}:" in result.stderr and "[unknown-source]" in result.stderr  # the file after it was checked
    assert "checked 3 files: 2 errors" in result.stderr
    folder = invoke("check", str(tmp_path), "--format", "json")  # a link loop in a folder: the same finding
    assert folder.code == 1 and "unreadable-file" in {d["code"] for d in json.loads(folder.stdout)}


def test_due_goes_on_past_an_unreadable_file(tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    portfolio = ROOT / "tests" / "fixtures" / "portfolio" / "after.yaml"
    result = invoke("due", str(loop), str(portfolio), "--budget", "2026", "--format", "json")
    assert result.code == 1
    assert f"{loop}:1:1: error[unreadable-file]" in result.stderr
    assert [item["project"] for item in json.loads(result.stdout)] == ["b"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission_is_a_finding(tmp_path):
    locked = tmp_path / "locked.yaml"
    locked.write_text("scenario: x\n")
    locked.chmod(0)
    result = invoke("check", str(locked), SEED)
    assert result.code == 1 and f"{locked}:1:1: error[unreadable-file]" in result.stderr


# --- "did you mean" in bounded time (issue 10, 2.8) ----------------------------------------------------------------


def test_did_you_mean_compares_each_name_with_a_bounded_number_of_names(monkeypatch):
    import difflib

    from effektinvest.model import suggest

    compared = []
    real = difflib.SequenceMatcher.ratio
    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", lambda self: compared.append(1) or real(self))
    defined = {f"projekt_{i:05d}": None for i in range(5000)}  # more names sharing a pair than one lookup reads
    asked = range(0, 5000, 10)  # every tenth of them misspelt (all 5,000: 86 s before)
    started = time.perf_counter()
    answers = [suggest.nearest(f"prjekt_{i:05d}", defined) for i in asked]
    elapsed = time.perf_counter() - started
    assert answers[123] == "; did you mean 'projekt_01230'?"
    assert len(compared) <= 2 * len(asked) * suggest.CANDIDATES  # (difflib computes a match's ratio twice)
    assert elapsed < 30  # a hang guard: a few seconds here


def test_did_you_mean_finds_a_name_that_only_looks_like_another():
    from effektinvest.model.suggest import nearest

    assert nearest("р1", {"p1": None, "p2": None}).startswith("; did you mean 'p1'? ('р' is a Cyrillic letter")
    assert nearest("p\u200b1", ["p1"]) == "; did you mean 'p1'? (it has an invisible character, U+200B)"
    assert nearest("Havnen", ["havnen", "skolen"]) == "; did you mean 'havnen'?"
    assert nearest("xyz", ["havnen"]) == ""
