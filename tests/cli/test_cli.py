"""The command line as a user sees it: exit codes, streams, the seed's figures, the output shapes.

Commands run in this process (`invoke`, from conftest.py), where output is never a terminal and the
console's width comes from COLUMNS. A real process runs only where the process itself is the point:
the console script's own exit status, a reader that closes the pipe early, a full disk, a closed
standard input.
"""

import csv
import io
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, invoke

SEED = str(ROOT / "scenarios" / "2024.yaml")
FIXTURES = ROOT / "tests" / "fixtures"
WIDE = {"COLUMNS": "200"}  # wider than any table here: nothing wraps


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch):
    """Relative paths (scenarios/2024.yaml) as a user in the repository gives them."""
    monkeypatch.chdir(ROOT)


def run(*args, stdin: bytes | None = None, env: dict | None = None):
    return invoke(*args, input=stdin, env=env)


def process_env() -> dict:
    """The environment of a real process: without the shell's colour and CI variables, and with standard output
    buffered, as in a user's shell (PYTHONUNBUFFERED would make a write into a closed pipe end short and silent,
    never reaching the broken-pipe handling these tests are about)."""
    unset = {"FORCE_COLOR", "NO_COLOR", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "PYTHONUNBUFFERED"}
    return {k: v for k, v in os.environ.items() if k not in unset}


def process(*args, **kwargs) -> subprocess.CompletedProcess:
    """`python -m effektinvest ARGS...` in a process of its own."""
    command = [sys.executable, "-m", "effektinvest", *args]
    return subprocess.run(command, env=process_env(), cwd=ROOT, timeout=60, **kwargs)


def gap_json(*args, stdin=None):
    result = run("gap", *args, "--format", "json", stdin=stdin)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)


def scenario_file(tmp_path: Path, text: str, name: str = "s.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_seed_totals_reproduce_the_budget_note():
    report = gap_json(SEED)
    total = report["total"]
    assert total["cost"] == Decimal("10.35")
    assert total["financing"] == {
        "sfb": Decimal("4.4"),
        "ikke_decentral": Decimal("1.9"),
        "outcomefonden": Decimal("2.05"),
    }
    assert total["financed"] == Decimal("8.35")
    assert total["residual"] == Decimal("2.0")
    assert total["coverage"] == Decimal("0.8068")
    assert report["deferred"] == [{"id": "dialog_mod_vold", "name": "Dialog mod Vold", "decide_at": 2025}]
    assert report["unit"] == "mio. kr." and report["price_level"] == 2024 and report["budget_year"] == 2024


def test_seed_json_shape():
    report = gap_json(SEED)
    assert list(report) == [
        *("scenario", "budget_year", "unit", "price_level", "years", "total", "projects", "deferred"),
        "sources",  # issue 13: added at the end
    ]
    assert [y["year"] for y in report["years"]] == [2024, 2025]
    for year in report["years"]:
        assert list(year) == ["year", "cost", "financing", "financed", "residual", "coverage"]
        assert year["residual"] + year["financed"] == year["cost"]
    assert sum(y["cost"] for y in report["years"]) == report["total"]["cost"]
    statuses = {p["id"]: p["status"] for p in report["projects"]}
    assert statuses == {"havnen": "continue", "hjem_job_helhed": "continue", "dialog_mod_vold": "defer"}


# --- the table -----------------------------------------------------------------------------------------------------

# Every cell of the shipped scenario's table, row by row: the head, then each row's label and its
# figures for 2024, 2025 and I alt.
SEED_CELLS = [
    ["Budget 2024", "2024", "2025", "I alt"],
    ["Havnen", "2,48", "3,72", "6,20"],
    ["Hjem, Job og Helhed", "1,66", "2,49", "4,15"],
    ["Udgift i alt", "4,14", "6,21", "10,35"],
    ["Sociale Forhold og Beskæftigelse", "1,76", "2,64", "4,40"],
    ["Ikke-decentraliserede budgetter", "0,76", "1,14", "1,90"],
    ["Outcomefonden", "0,82", "1,23", "2,05"],
    ["Finansiering i alt", "3,34", "5,01", "8,35"],
    ["Dækningsgrad", "80,7 %", "80,7 %", "80,7 %"],
    ["Restfinansiering", "0,80", "1,20", "2,00"],
]


def cells(table: str) -> list[list[str]]:
    """The text of each cell of a Rich table, row by row (rules and borders left out)."""
    return [
        [cell.strip() for cell in re.split("[┃│]", line)[1:-1]]
        for line in table.splitlines()
        if line.startswith(("┃", "│"))
    ]


def test_seed_table():
    result = run("gap", SEED, env=WIDE)
    assert result.returncode == 0
    assert result.stderr == ""
    out = result.stdout
    assert "\x1b[" not in out  # no colour in a pipe
    assert cells(out) == SEED_CELLS
    lines = out.splitlines()
    assert lines[0].strip() == "Budget 2024: Videreførelse af Housing First-projekterne"
    assert lines[-3].strip() == "mio. kr., 2024-priser"
    assert lines[-2] == "Nuværende finansiering til og med 2024: Havnen; Hjem, Job og Helhed; Dialog mod Vold"
    assert lines[-1] == "Udskudt: Dialog mod Vold (beslutning ved budget 2025)"
    assert len(lines) == 20  # title, 3 lines of head, 9 rows, 3 rules, the bottom, caption, 2 lines of foot


def readme_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("`effektinvest gap scenarios/2024.yaml` reproduces", 1)[1]
    return re.search(r"^```\n(.*?)^```$", after, re.M | re.S).group(1)


def test_readme_table_is_what_gap_prints():
    # byte for byte, but for the spaces Rich pads the centred title with (no README line ends in a space)
    printed = run("gap", "scenarios/2024.yaml", env={**WIDE, "NO_COLOR": "1"}).stdout
    assert re.sub(r" +$", "", printed, flags=re.M) == readme_table()
    assert cells(readme_table()) == SEED_CELLS


def test_table_is_as_wide_as_it_needs_in_a_pipe_at_any_width():
    narrow = run("gap", SEED, env={"COLUMNS": "20"}).stdout
    assert narrow == run("gap", SEED, env=WIDE).stdout
    assert cells(narrow) == SEED_CELLS


# --- the other formats ---------------------------------------------------------------------------------------------


def test_seed_csv():
    result = run("gap", SEED, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["year", "category", "id", "name", "amount"]
    totals = {(r["category"], r["id"]): Decimal(r["amount"]) for r in rows if r["year"] == "total"}
    assert totals[("cost", "")] == Decimal("10.35")
    assert totals[("financing", "sfb")] == Decimal("4.4")
    assert totals[("financed", "")] == Decimal("8.35")
    assert totals[("residual", "")] == Decimal("2")
    assert {r["category"] for r in rows} == {"cost", "financing", "financed", "residual"}
    assert all("e" not in r["amount"].lower() and "," not in r["amount"] for r in rows)


ZERO = """\
scenario: Nul
budget_year: 2024
sources:
  f: {name: Fonden}
projects:
  a:
    name: A
    costs: {2024: 10, 2025: 10}
    financing:
      - {source: f, amount: {2024: 4, 2025: 10}}
  b:
    name: B
    costs: {2024: 5, 2025: 0}
"""


def test_csv_keeps_the_rows_whose_amount_is_0(tmp_path):
    # B costs 0 in 2025, and 2025 is covered exactly: its residual is 0
    result = run("gap", scenario_file(tmp_path, ZERO), "--format", "csv")
    assert (result.returncode, result.stderr) == (0, "")
    rows = result.stdout.splitlines()
    assert "2025,cost,b,B,0" in rows
    assert "2025,residual,,,0" in rows
    assert rows == [
        "year,category,id,name,amount",
        *("2024,cost,a,A,10", "2024,cost,b,B,5", "2024,cost,,,15"),
        *("2024,financing,f,Fonden,4", "2024,financed,,,4", "2024,residual,,,11"),
        *("2025,cost,a,A,10", "2025,cost,b,B,0", "2025,cost,,,10"),
        *("2025,financing,f,Fonden,10", "2025,financed,,,10", "2025,residual,,,0"),
        *("total,cost,a,A,20", "total,cost,b,B,5", "total,cost,,,25"),
        *("total,financing,f,Fonden,14", "total,financed,,,14", "total,residual,,,11"),
    ]
    tsv = run("gap", scenario_file(tmp_path, ZERO), "--format", "tsv").stdout.splitlines()
    assert tsv == [row.replace(",", "\t") for row in rows]


def test_seed_markdown():
    out = run("gap", SEED, "--format", "markdown").stdout
    assert "| **Restfinansiering** | **0,80** | **1,20** | **2,00** |" in out
    assert "| Outcomefonden | 0,82 | 1,23 | 2,05 |" in out


def test_unit_option_converts_exactly():
    report = gap_json(SEED, "--unit", "t.kr.")
    assert report["unit"] == "t.kr."
    assert report["total"]["cost"] == Decimal("10350")
    assert report["years"][0]["financing"]["sfb"] == Decimal("1760")
    report = gap_json(SEED, "--unit", "DKK")
    assert report["total"]["residual"] == Decimal("2000000")


def test_stdin_is_read_for_dash():
    report = gap_json("-", stdin=Path(SEED).read_bytes())
    assert report["total"]["cost"] == Decimal("10.35")
    result = run("check", "-", stdin=b"scenario: x\n")
    assert result.returncode == 1
    assert "<stdin>:1:1: error[missing-key]" in result.stderr


# --- --fail-on-gap -------------------------------------------------------------------------------------------------


SEED_GAP_LINE = "effektinvest: a residual remains in 2024 (0.8 mio. kr.) and 2025 (1.2 mio. kr.) (--fail-on-gap)\n"


def test_fail_on_gap_exits_3_with_a_residual():
    result = run("gap", SEED, "--format", "json", "--fail-on-gap")
    assert result.returncode == 3
    assert json.loads(result.stdout)["total"]["residual"] == 2  # the report is still printed
    # one line on stderr, naming the years and residuals (in the report's unit); -q leaves it out
    assert result.stderr == SEED_GAP_LINE
    in_kr = run("gap", SEED, "--format", "csv", "--fail-on-gap", "--unit", "kr.")
    assert in_kr.stderr.endswith("in 2024 (800000 kr.) and 2025 (1200000 kr.) (--fail-on-gap)\n")
    quiet = run("gap", SEED, "--format", "json", "--fail-on-gap", "-q")
    assert (quiet.returncode, quiet.stderr) == (3, "")


def test_fail_on_gap_exits_0_when_covered(tmp_path):
    covered = scenario_file(
        tmp_path,
        "scenario: c\nbudget_year: 2024\nsources: {f: {name: F}}\n"
        "projects: {a: {name: A, costs: {2024: 10}, financing: [{source: f, share: 1}]}}\n",
    )
    assert run("gap", covered, "--fail-on-gap").returncode == 0


SURPLUS = """\
scenario: Overskud
budget_year: 2024
sources:
  f: {name: Fonden}
projects:
  a:
    name: A
    costs: {2024: 10, 2025: 10}
    financing:
      - {source: f, amount: {2024: 4, 2025: %s}}
"""


def test_fail_on_gap_looks_at_every_year_not_the_total(tmp_path):
    # 2024 lacks 6; 2025 has a surplus of 10: the total residual is -4, yet 2024 has a gap
    path = scenario_file(tmp_path, SURPLUS % 20)
    result = run("gap", path, "--format", "json", "--fail-on-gap")
    report = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)
    assert [y["residual"] for y in report["years"]] == [6, -10] and report["total"]["residual"] == -4
    assert result.returncode == 3
    assert f"{path}:10:9: warning[surplus]" in result.stderr
    assert result.stderr.splitlines()[-1] == "effektinvest: a residual remains in 2024 (6 kr.) (--fail-on-gap)"


def test_fail_on_gap_exits_0_when_no_year_has_a_positive_residual(tmp_path):
    # 2024 has a surplus, 2025 is covered exactly: no year lacks anything
    path = scenario_file(tmp_path, SURPLUS.replace("{2024: 4, 2025: %s}", "{2024: 12, 2025: 10}"))
    result = run("gap", path, "--format", "json", "--fail-on-gap")
    report = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)
    assert [y["residual"] for y in report["years"]] == [-2, 0]
    assert result.returncode == 0


def test_the_console_script_exits_with_the_commands_code():
    """One gap in a real process: main() ends the process with the command's exit code, the report printed."""
    result = process("gap", "scenarios/2024.yaml", "--format", "json", "--fail-on-gap", capture_output=True)
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith(b"effektinvest: a residual remains in 2024")
    assert result.stdout.decode() == run("gap", "scenarios/2024.yaml", "--format", "json").stdout


# --- invalid files and usage errors --------------------------------------------------------------------------------


def test_invalid_scenario_exits_1_and_prints_no_report():
    result = run("gap", str(FIXTURES / "unknown_source.yaml"), "--format", "json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "unknown_source.yaml:10:17: error[unknown-source]" in result.stderr


def test_warnings_go_to_stderr_and_the_report_still_prints():
    result = run("gap", str(FIXTURES / "warnings.yaml"), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["years"][0]["residual"] == -60
    assert "warning[surplus]" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("gap", "no-such-file.yaml"),
        ("gap", "scenarios/2024.yaml", "--bogus"),
        ("gap", "scenarios/2024.yaml", "--format", "xml"),
        ("gap", "scenarios/2024.yaml", "--unit", "mia. kr."),
        ("check", "no-such-dir/"),
        ("frobnicate",),
        ("gap",),
        ("gap", "scenarios"),
    ],
)
def test_usage_errors_exit_2_without_traceback(args):
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# --- check ---------------------------------------------------------------------------------------------------------


def test_check_folder_summary_only_when_all_is_well():
    result = run("check", "scenarios")
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "checked 3 files: 0 errors, 0 warnings"  # 2024, 2025, outcome-cap


def test_check_strict_passes_a_clean_file_and_fails_on_warnings():
    clean = run("check", "--strict", SEED)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "checked 1 file: 0 errors, 0 warnings\n")
    warned = str(FIXTURES / "warnings.yaml")
    lenient = run("check", warned)
    assert lenient.returncode == 0
    assert lenient.stderr.splitlines()[-1] == "checked 1 file: 0 errors, 3 warnings"
    strict = run("check", "--strict", warned)
    assert strict.returncode == 1
    assert strict.stderr == lenient.stderr  # the same diagnostics: only the exit code differs


def test_check_several_paths_counts_all(tmp_path):
    (tmp_path / "a.yml").write_text("scenario: x\n")
    (tmp_path / "notes.txt").write_text("not yaml")
    result = run("check", SEED, str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "checked 2 files: 3 errors, 0 warnings"


def test_check_json_on_stdout():
    result = run("check", str(FIXTURES / "unknown_source.yaml"), "--format", "json")
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert [(i["line"], i["column"], i["severity"], i["code"]) for i in items] == [
        (4, 3, "warning", "unused-source"),
        (10, 17, "error", "unknown-source"),
    ]
    assert set(items[0]) == {"path", "line", "column", "severity", "code", "message"}
    assert result.stderr.strip() == "checked 1 file: 1 error, 1 warning"


def test_check_json_is_an_empty_array_when_all_is_well():
    result = run("check", "scenarios", "--format", "json")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_check_github_format_by_itself_under_github_actions(tmp_path):
    summary_file = tmp_path / "summary.md"
    result = run(
        "check",
        str(FIXTURES / "unknown_source.yaml"),
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary_file)},
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[1].startswith(f"::error file={FIXTURES / 'unknown_source.yaml'},line=10,col=17::[unknown-source]")
    assert "| 10 | 17 | error | `unknown-source` |" in summary_file.read_text(encoding="utf-8")
    text = run("check", str(FIXTURES / "unknown_source.yaml"), "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert text.stdout == "" and ":10:17: error[unknown-source]" in text.stderr


def test_quiet_hides_the_summary_never_a_diagnostic():
    path = str(FIXTURES / "unknown_source.yaml")
    loud, quiet = run("check", path), run("check", "--quiet", path)
    assert (quiet.returncode, quiet.stdout) == (1, "")
    assert quiet.stderr.splitlines() == loud.stderr.splitlines()[:-1]  # all but "checked 1 file: ..."
    assert len(quiet.stderr.splitlines()) == 2  # the warning and the error
    as_json = run("check", "--quiet", "--format", "json", path)
    assert len(json.loads(as_json.stdout)) == 2 and as_json.stderr == ""


def test_step_summary_that_is_a_folder_is_a_warning_not_a_crash(tmp_path):
    result = run("check", SEED, env={"GITHUB_STEP_SUMMARY": str(tmp_path)})
    assert result.returncode == 0
    assert "warning: GITHUB_STEP_SUMMARY" in result.stderr and "Traceback" not in result.stderr


def test_folder_without_scenarios_and_double_stdin_are_usage_errors(tmp_path):
    assert run("check", str(tmp_path)).returncode == 2
    assert run("check", "-", "-", stdin=b"").returncode == 2


# --- the rest ------------------------------------------------------------------------------------------------------


def test_version():
    from effektinvest import __version__

    result = process("--version", capture_output=True)  # the console script's own answer, before typer
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"effektinvest {__version__}"
    assert run("--version").stdout.strip() == f"effektinvest {__version__}"  # typer's, with other options


def test_no_colour_with_no_color_even_on_a_forced_terminal():
    result = run("gap", SEED, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[" not in result.stdout


def test_names_are_printed_literally(tmp_path):
    path = scenario_file(
        tmp_path,
        "scenario: '[bold]Titel[/bold]'\nbudget_year: 2024\nsources: {f: {name: 'Fond [/]'}}\n"
        "projects: {a: {name: 'Skole [fase 2]', costs: {2024: 10}, financing: [{source: f, amount: 5}]}}\n",
        "markup.yaml",
    )
    out = run("gap", path, env=WIDE).stdout
    assert "Skole [fase 2]" in out and "Fond [/]" in out and "[bold]Titel[/bold]" in out


def test_gap_quiet_still_prints_the_warnings():
    result = run("gap", "--quiet", "--format", "csv", str(FIXTURES / "warnings.yaml"))
    assert result.returncode == 0
    assert [line.split(": ")[1] for line in result.stderr.splitlines()] == [
        "warning[unused-source]",
        "warning[surplus]",
        "warning[covers-inactive-project]",
    ]
    assert result.stdout.startswith("year,category,id,name,amount\n")


def test_gap_tsv():
    lines = run("gap", SEED, "--format", "tsv").stdout.splitlines()
    assert lines[0] == "year\tcategory\tid\tname\tamount"
    assert "total\tfinancing\toutcomefonden\tOutcomefonden\t2.05" in lines


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "markdown"])
def test_machine_output_is_the_same_at_any_width(fmt):
    narrow = run("gap", SEED, "--format", fmt, env={"COLUMNS": "20"}).stdout_bytes
    wide = run("gap", SEED, "--format", fmt, env={"COLUMNS": "300", "TERM": "xterm-256color"}).stdout_bytes
    assert narrow == wide


def test_no_colour_with_term_dumb():
    result = run("gap", SEED, env={"TERM": "dumb", "FORCE_COLOR": "1"})
    assert "\x1b[" not in result.stdout


def test_colour_on_a_terminal():
    result = run("gap", SEED, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[1m" in result.stdout  # the residual row is bold


def test_init_dash_prints_the_starter():
    result = run("init", "-")
    assert result.returncode == 0 and result.stdout.startswith("# Scenarie")
    assert not (ROOT / "-").exists()


# --- a real process: pipes, a full disk, a closed standard input ---------------------------------------------------


def many_projects(tmp_path: Path, extra: str = "", count: int = 3000) -> str:
    """A scenario whose report (~150 kB of CSV) is far more than a pipe holds; EXTRA is added to each project."""
    lines = ["scenario: B", "budget_year: 2024", "sources: {}", "projects:"]
    lines += [f"  p{i}: {{name: P{i}, costs: {{2024: 10}}{extra}}}" for i in range(count)]
    return scenario_file(tmp_path, "\n".join(lines) + "\n", "big.yaml")


def into_a_closed_pipe(*args: str, read: int = 100) -> tuple[int, bytes]:
    """`effektinvest ARGS... | head -c READ`: the reader takes READ bytes and goes; the exit code and stderr.

    The pipe holds one page only, so a longer report is still being written when its reader goes. With READ 0
    the reader has gone before the command starts (`| true`): its first write, or flush, meets a closed pipe."""
    import fcntl

    read_end, write_end = os.pipe()
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        fcntl.fcntl(read_end, fcntl.F_SETPIPE_SZ, 4096)
    with os.fdopen(read_end, "rb") as reader:
        if read == 0:
            reader.close()
        child = subprocess.Popen(
            [sys.executable, "-m", "effektinvest", *args], stdout=write_end, stderr=subprocess.PIPE, env=process_env()
        )
        os.close(write_end)
        if read:
            assert len(reader.read(read)) == read
    # the reader has gone, as `| head` does
    _, stderr = child.communicate(timeout=60)
    return child.returncode, stderr


def test_a_closed_pipe_keeps_the_exit_code(tmp_path):
    code, stderr = into_a_closed_pipe("gap", many_projects(tmp_path), "--format", "csv", "--fail-on-gap")
    assert code == 3
    assert b"Traceback" not in stderr


def test_a_closed_pipe_is_not_an_error(tmp_path):
    # `effektinvest gap big.yaml -f csv | head -1`: exit 0 and nothing on standard error
    code, stderr = into_a_closed_pipe("gap", many_projects(tmp_path), "--format", "csv")
    assert (code, stderr) == (0, b"")


def test_check_into_a_closed_pipe_keeps_its_exit_code(tmp_path):
    # 3000 decide-at-ignored warnings, as JSON or GitHub lines: far more than a pipe holds
    path = many_projects(tmp_path, extra=", decide_at: 2025")
    summary = b"checked 1 file: 0 errors, 3000 warnings\n"
    assert into_a_closed_pipe("check", path, "--format", "json") == (0, summary)
    assert into_a_closed_pipe("check", path, "--format", "github", "--strict") == (1, summary)



@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("gap", SEED), 0),  # a table: Rich writes it and flushes itself (streams.console stays quiet)
        (("gap", SEED, "--fail-on-gap"), 3),
        (("gap", SEED, "--format", "csv"), 0),
        (("check", str(FIXTURES / "unknown_source.yaml"), "--format", "json"), 1),
    ],
)
def test_a_reader_gone_before_the_report_is_written(args, code):
    # `effektinvest ... | true`: the command's own exit code, and nothing but its own diagnostics on stderr
    got, stderr = into_a_closed_pipe(*args, read=0)
    assert got == code
    expected = {"check": "checked 1 file: 1 error, 1 warning\n"}.get(args[0], "")
    if "--fail-on-gap" in args:  # its own line, and nothing about the pipe
        expected = SEED_GAP_LINE
    assert stderr.decode() == expected


def test_an_unwritable_output_is_an_error_not_a_traceback():
    with open("/dev/full", "wb") as full:
        result = process("gap", SEED, "-f", "json", stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert b"cannot write the output" in result.stderr and b"Traceback" not in result.stderr


def test_a_closed_standard_input_is_a_usage_error():
    result = process(
        "gap", "-", stdin=subprocess.DEVNULL, capture_output=True, close_fds=True, preexec_fn=lambda: os.close(0)
    )
    assert result.returncode == 2 and b"standard input is closed" in result.stderr


# --- help reads like a person wrote it -----------------------------------------------------------------------------

COMMANDS = ("gap", "check", "due", "compare", "schema", "init")


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_names_values_not_python_types(command):
    result = run(*([command] if command else []), "--help", env=WIDE)
    assert result.returncode == 0
    for python_ish in ("<bool>", "<str>", "<int", "<list", "list[", "{SCENARIO}", "{PATH", "Value error"):
        assert python_ish not in result.stdout, (command, python_ish)


def test_help_shows_arguments_and_values_by_their_names():
    gap_help = run("gap", "--help", env=WIDE).stdout
    assert "Usage: effektinvest gap [OPTIONS] SCENARIO" in gap_help
    assert "[table|json|csv|tsv|markdown|csv-da|xlsx]" in gap_help and "--decimals" in gap_help and " N " in gap_help
    assert "Usage: effektinvest check [OPTIONS] PATH..." in run("check", "--help", env=WIDE).stdout
    assert "Either side may be '-'" in run("compare", "--help", env=WIDE).stdout


def test_a_bad_option_value_is_said_plainly():
    result = run("due", "scenarios", "--budget", "2025", "--format", "markdown")
    assert result.returncode == 2
    said = "Error: Invalid value for '--format' / '-f': 'markdown' is not one of 'table', 'json', 'csv', 'csv-da', "
    said += "'xlsx'."
    assert said in result.stderr
    assert "Value error" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "exit_code"), [(("--help",), 0), (("gap", "--help"), 0), ((), 2)])
def test_help_into_a_closed_pipe_keeps_its_exit_code_quietly(args, exit_code):
    # `effektinvest --help | head -1`: the reader goes after a line; help is not an error (no command at all
    # is a usage error, 2, with the help printed as well)
    code, stderr = into_a_closed_pipe(*args, read=0)
    assert (code, stderr) == (exit_code, b"")


def test_version_imports_nothing_but_the_package_and_its_streams():
    """`--version` is answered before the CLI framework is imported (docs/performance.md, "Start-up"): of the
    project only the package and edges/streams load, and no typer, rich, pydantic or yaml."""
    import subprocess
    import sys

    command = [sys.executable, "-X", "importtime", "-c", "import sys; sys.argv[1:] = ['--version'];"
               " from effektinvest import main; main()"]
    run = subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL)
    assert run.stdout.decode().startswith("effektinvest ")
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.decode().splitlines() if "|" in line}
    ours = sorted(name for name in imported if name.startswith("effektinvest"))
    assert ours == ["effektinvest", "effektinvest.edges", "effektinvest.edges.streams"]
    assert not imported & {"typer", "rich", "pydantic", "yaml", "click", "contextlib"}
