"""The command line as a user sees it: exit codes, streams, the seed's figures, the output shapes."""

import csv
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "scenarios" / "2024.yaml")
FIXTURES = Path(__file__).parent / "fixtures"


def run(*args, stdin: bytes | None = None, env: dict | None = None):
    unset = {"FORCE_COLOR", "NO_COLOR", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"}
    full_env = {k: v for k, v in os.environ.items() if k not in unset}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "effektinvest", *args], input=stdin, capture_output=True, env=full_env, cwd=ROOT
    )


def gap_json(*args, stdin=None):
    result = run("gap", *args, "--format", "json", stdin=stdin)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)


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
    assert list(report) == ["scenario", "budget_year", "unit", "price_level", "years", "total", "projects", "deferred"]
    assert [y["year"] for y in report["years"]] == [2024, 2025]
    for year in report["years"]:
        assert list(year) == ["year", "cost", "financing", "financed", "residual", "coverage"]
        assert year["residual"] + year["financed"] == year["cost"]
    assert sum(y["cost"] for y in report["years"]) == report["total"]["cost"]
    statuses = {p["id"]: p["status"] for p in report["projects"]}
    assert statuses == {"havnen": "continue", "hjem_job_helhed": "continue", "dialog_mod_vold": "defer"}


def test_seed_table():
    result = run("gap", SEED)
    assert result.returncode == 0
    out = result.stdout.decode()
    for text in [
        "2024",
        "2025",
        "I alt",
        "Havnen",
        "Hjem, Job og Helhed",
        "10,35",
        "8,35",
        "2,00",
        "80,7 %",
        "4,40",
        "1,90",
        "2,05",
        "mio. kr., 2024-priser",
        "Restfinansiering",
        "Udskudt: Dialog mod Vold (beslutning ved budget 2025)",
    ]:
        assert text in out, text
    assert "\x1b[" not in out  # no colour in a pipe
    assert result.stderr == b""


def test_seed_csv():
    result = run("gap", SEED, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert list(rows[0]) == ["year", "category", "id", "name", "amount"]
    totals = {(r["category"], r["id"]): Decimal(r["amount"]) for r in rows if r["year"] == "total"}
    assert totals[("cost", "")] == Decimal("10.35")
    assert totals[("financing", "sfb")] == Decimal("4.4")
    assert totals[("financed", "")] == Decimal("8.35")
    assert totals[("residual", "")] == Decimal("2")
    assert {r["category"] for r in rows} == {"cost", "financing", "financed", "residual"}
    assert all("e" not in r["amount"].lower() and "," not in r["amount"] for r in rows)


def test_seed_markdown():
    out = run("gap", SEED, "--format", "markdown").stdout.decode()
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
    assert b"<stdin>:1:1: error[missing-key]" in result.stderr


def test_fail_on_gap_exits_3_with_a_residual():
    result = run("gap", SEED, "--format", "json", "--fail-on-gap")
    assert result.returncode == 3
    assert json.loads(result.stdout)["total"]["residual"] == 2  # the report is still printed


def test_fail_on_gap_exits_0_when_covered(tmp_path):
    covered = tmp_path / "covered.yaml"
    covered.write_text(
        "scenario: c\nbudget_year: 2024\nsources: {f: {name: F}}\n"
        "projects: {a: {name: A, costs: {2024: 10}, financing: [{source: f, share: 1}]}}\n"
    )
    assert run("gap", str(covered), "--fail-on-gap").returncode == 0


def test_invalid_scenario_exits_1_and_prints_no_report():
    result = run("gap", str(FIXTURES / "unknown_source.yaml"), "--format", "json")
    assert result.returncode == 1
    assert result.stdout == b""
    assert b"unknown_source.yaml:10:17: error[unknown-source]" in result.stderr


def test_warnings_go_to_stderr_and_the_report_still_prints():
    result = run("gap", str(FIXTURES / "warnings.yaml"), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["years"][0]["residual"] == -60
    assert b"warning[surplus]" in result.stderr


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
    assert b"Traceback" not in result.stderr
    assert result.stdout == b""


def test_check_folder_summary_only_when_all_is_well():
    result = run("check", "scenarios")
    assert result.returncode == 0
    assert result.stdout == b""
    assert result.stderr.decode().strip() == "checked 2 files: 0 errors, 0 warnings"


def test_check_several_paths_counts_all(tmp_path):
    (tmp_path / "a.yml").write_text("scenario: x\n")
    (tmp_path / "notes.txt").write_text("not yaml")
    result = run("check", SEED, str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[-1] == "checked 2 files: 3 errors, 0 warnings"


def test_version():
    from effektinvest import __version__

    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"effektinvest {__version__}"


def test_no_colour_with_no_color_even_on_a_forced_terminal():
    result = run("gap", SEED, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert b"\x1b[" not in result.stdout


def test_names_are_printed_literally(tmp_path):
    path = tmp_path / "markup.yaml"
    path.write_text(
        "scenario: '[bold]Titel[/bold]'\nbudget_year: 2024\nsources: {f: {name: 'Fond [/]'}}\n"
        "projects: {a: {name: 'Skole [fase 2]', costs: {2024: 10}, financing: [{source: f, amount: 5}]}}\n"
    )
    out = run("gap", str(path)).stdout.decode()
    assert "Skole [fase 2]" in out and "Fond [/]" in out and "[bold]Titel[/bold]" in out


def test_check_json_on_stdout():
    result = run("check", str(FIXTURES / "unknown_source.yaml"), "--format", "json")
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert [(i["line"], i["column"], i["severity"], i["code"]) for i in items] == [
        (4, 3, "warning", "unused-source"),
        (10, 17, "error", "unknown-source"),
    ]
    assert set(items[0]) == {"path", "line", "column", "severity", "code", "message"}
    assert result.stderr.decode().strip() == "checked 1 file: 1 error, 1 warning"


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
    lines = result.stdout.decode().splitlines()
    assert lines[1].startswith(f"::error file={FIXTURES / 'unknown_source.yaml'},line=10,col=17::[unknown-source]")
    assert "| 10 | 17 | error | `unknown-source` |" in summary_file.read_text(encoding="utf-8")
    text = run("check", str(FIXTURES / "unknown_source.yaml"), "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert text.stdout == b"" and b":10:17: error[unknown-source]" in text.stderr


def test_check_quiet_prints_nothing():
    result = run("check", "--quiet", str(FIXTURES / "unknown_source.yaml"))
    assert (result.returncode, result.stdout, result.stderr) == (1, b"", b"")


def test_gap_quiet_prints_only_the_report():
    result = run("gap", "--quiet", "--format", "csv", str(FIXTURES / "warnings.yaml"))
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout.startswith(b"year,category,id,name,amount\n")


def test_gap_tsv():
    lines = run("gap", SEED, "--format", "tsv").stdout.decode().splitlines()
    assert lines[0] == "year\tcategory\tid\tname\tamount"
    assert "total\tfinancing\toutcomefonden\tOutcomefonden\t2.05" in lines


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "markdown"])
def test_machine_output_is_the_same_at_any_width(fmt):
    narrow = run("gap", SEED, "--format", fmt, env={"COLUMNS": "20"}).stdout
    wide = run("gap", SEED, "--format", fmt, env={"COLUMNS": "300", "TERM": "xterm-256color"}).stdout
    assert narrow == wide


def test_no_colour_with_term_dumb():
    result = run("gap", SEED, env={"TERM": "dumb", "FORCE_COLOR": "1"})
    assert b"\x1b[" not in result.stdout


def test_colour_on_a_terminal():
    result = run("gap", SEED, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert b"\x1b[1m" in result.stdout  # the residual row is bold


def test_init_dash_prints_the_starter():
    result = run("init", "-")
    assert result.returncode == 0 and result.stdout.startswith(b"# Scenarie")
    assert not (ROOT / "-").exists()


def test_step_summary_that_is_a_folder_is_a_warning_not_a_crash(tmp_path):
    result = run("check", SEED, env={"GITHUB_STEP_SUMMARY": str(tmp_path)})
    assert result.returncode == 0
    assert b"warning: GITHUB_STEP_SUMMARY" in result.stderr and b"Traceback" not in result.stderr


def test_folder_without_scenarios_and_double_stdin_are_usage_errors(tmp_path):
    assert run("check", str(tmp_path)).returncode == 2
    assert run("check", "-", "-", stdin=b"").returncode == 2


def test_a_closed_pipe_keeps_the_exit_code(tmp_path):
    big = tmp_path / "big.yaml"
    lines = ["scenario: B", "budget_year: 2024", "sources: {}", "projects:"]
    lines += [f"  p{i}: {{name: P{i}, costs: {{2024: 10}}}}" for i in range(3000)]
    big.write_text("\n".join(lines) + "\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "effektinvest", "gap", str(big), "--format", "csv", "--fail-on-gap"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.read(100)
    process.stdout.close()  # the reader goes away, as `| head` does
    assert process.wait(timeout=60) == 3
    assert b"Traceback" not in process.stderr.read()


def test_an_unwritable_output_is_an_error_not_a_traceback():
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "effektinvest", "gap", SEED, "-f", "json"], stdout=full, stderr=subprocess.PIPE
        )
    assert result.returncode == 2
    assert b"cannot write the output" in result.stderr and b"Traceback" not in result.stderr


def test_a_closed_standard_input_is_a_usage_error():
    result = subprocess.run(
        [sys.executable, "-m", "effektinvest", "gap", "-"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        close_fds=True,
        preexec_fn=lambda: os.close(0),
    )
    assert result.returncode == 2 and b"standard input is closed" in result.stderr
