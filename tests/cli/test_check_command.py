"""`effektinvest check`: files and folders, --strict, --quiet, --format json and github (under GitHub Actions
by itself, with a step summary), and what it refuses."""

import json

import pytest

from conftest import ROOT, invoke

SEED = str(ROOT / "scenarios" / "2024.yaml")
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.mark.usefixtures("at_the_root")
def test_check_folder_summary_only_when_all_is_well():
    result = invoke("check", "scenarios")
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "checked 5 files: 0 errors, 0 warnings"  # the five shipped scenarios


def test_check_strict_passes_a_clean_file_and_fails_on_warnings():
    clean = invoke("check", "--strict", SEED)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "checked 1 file: 0 errors, 0 warnings\n")
    warned = str(FIXTURES / "warnings.yaml")
    lenient = invoke("check", warned)
    assert lenient.returncode == 0
    assert lenient.stderr.splitlines()[-1] == "checked 1 file: 0 errors, 3 warnings"
    strict = invoke("check", "--strict", warned)
    assert strict.returncode == 1
    assert strict.stderr == lenient.stderr  # the same diagnostics: only the exit code differs


def test_check_several_paths_counts_all(tmp_path):
    (tmp_path / "a.yml").write_text("scenario: x\n")
    (tmp_path / "notes.txt").write_text("not yaml")
    result = invoke("check", SEED, str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "checked 2 files: 3 errors, 0 warnings"


def test_check_json_on_stdout():
    result = invoke("check", str(FIXTURES / "unknown_source.yaml"), "--format", "json")
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert [(i["line"], i["column"], i["severity"], i["code"]) for i in items] == [
        (4, 3, "warning", "unused-source"),
        (10, 17, "error", "unknown-source"),
    ]
    assert set(items[0]) == {"path", "line", "column", "severity", "code", "message"}
    assert result.stderr.strip() == "checked 1 file: 1 error, 1 warning"


@pytest.mark.usefixtures("at_the_root")
def test_check_json_is_an_empty_array_when_all_is_well():
    result = invoke("check", "scenarios", "--format", "json")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_check_github_format_by_itself_under_github_actions(tmp_path):
    summary_file = tmp_path / "summary.md"
    result = invoke(
        "check",
        str(FIXTURES / "unknown_source.yaml"),
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary_file)},
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[1].startswith(f"::error file={FIXTURES / 'unknown_source.yaml'},line=10,col=17::[unknown-source]")
    assert "| 10 | 17 | error | `unknown-source` |" in summary_file.read_text(encoding="utf-8")
    text = invoke("check", str(FIXTURES / "unknown_source.yaml"), "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert text.stdout == "" and ":10:17: error[unknown-source]" in text.stderr


def test_quiet_hides_the_summary_never_a_diagnostic():
    path = str(FIXTURES / "unknown_source.yaml")
    loud, quiet = invoke("check", path), invoke("check", "--quiet", path)
    assert (quiet.returncode, quiet.stdout) == (1, "")
    assert quiet.stderr.splitlines() == loud.stderr.splitlines()[:-1]  # all but "checked 1 file: ..."
    assert len(quiet.stderr.splitlines()) == 2  # the warning and the error
    as_json = invoke("check", "--quiet", "--format", "json", path)
    assert len(json.loads(as_json.stdout)) == 2 and as_json.stderr == ""


def test_step_summary_that_is_a_folder_is_a_warning_not_a_crash(tmp_path):
    result = invoke("check", SEED, env={"GITHUB_STEP_SUMMARY": str(tmp_path)})
    assert result.returncode == 0
    assert "warning: GITHUB_STEP_SUMMARY" in result.stderr and "Traceback" not in result.stderr


def test_folder_without_scenarios_and_double_stdin_are_usage_errors(tmp_path):
    assert invoke("check", str(tmp_path)).returncode == 2
    assert invoke("check", "-", "-", input=b"").returncode == 2


def test_a_step_summary_path_from_the_environment_is_shown_escaped(tmp_path):
    forged = f"{tmp_path}/missing/x\x1b[2J\nfile.yaml:1:1: error: forged"
    result = invoke("check", SEED, env={"GITHUB_STEP_SUMMARY": forged})
    assert result.returncode == 0
    assert result.stderr.splitlines()[-1] == (
        f"effektinvest: warning: GITHUB_STEP_SUMMARY {tmp_path}/missing/x\\x1b[2J\\nfile.yaml:1:1: error: forged: "
        "No such file or directory"
    )
    assert "\x1b" not in result.stderr
