"""The command line as a user sees it, whatever the command: standard input, exit codes, usage errors, the version,
colour, closed and full streams, help. (Each command's options are in its own test module here; each report's
output in reports/.)

Commands run in this process (`invoke`, from conftest.py), where output is never a terminal and the
console's width comes from COLUMNS. A real process runs only where the process itself is the point:
the console script's own exit status, a reader that closes the pipe early, a full disk, a closed
standard input.
"""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, SEED_GAP_LINE, gap_json, invoke, write_scenario

SEED = str(ROOT / "scenarios" / "2024.yaml")
FIXTURES = ROOT / "tests" / "fixtures"
WIDE = {"COLUMNS": "200"}  # wider than any table here: nothing wraps

# relative paths (scenarios/2024.yaml) as a user in the repository gives them
pytestmark = pytest.mark.usefixtures("at_the_root")


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


# --- standard input, the console script's exit code, usage errors -----------------------------------------------------


def test_stdin_is_read_for_dash():
    report = gap_json("-", stdin=Path(SEED).read_bytes())
    assert report["total"]["cost"] == Decimal("10.35")
    result = run("check", "-", stdin=b"scenario: x\n")
    assert result.returncode == 1
    assert "<stdin>:1:1: error[missing-key]" in result.stderr


@pytest.mark.measured_process
def test_the_console_script_exits_with_the_commands_code():
    """One gap in a real process: main() ends the process with the command's exit code, the report printed."""
    result = process("gap", "scenarios/2024.yaml", "--format", "json", "--fail-on-gap", capture_output=True)
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith(b"effektinvest: a residual remains in 2024")
    assert result.stdout.decode() == run("gap", "scenarios/2024.yaml", "--format", "json").stdout


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


# --- the version, colour, any width -----------------------------------------------------------------------------------


def test_version():
    from effektinvest import __version__

    result = process("--version", capture_output=True)  # the console script's own answer, before typer
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"effektinvest {__version__}"
    assert run("--version").stdout.strip() == f"effektinvest {__version__}"  # typer's, with other options


def test_no_colour_with_no_color_even_on_a_forced_terminal():
    result = run("gap", SEED, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[" not in result.stdout


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


# --- a real process: pipes, a full disk, a closed standard input ---------------------------------------------------


def many_projects(tmp_path: Path, extra: str = "", count: int = 3000) -> str:
    """A scenario whose report (~150 kB of CSV) is far more than a pipe holds; EXTRA is added to each project."""
    lines = ["scenario: B", "budget_year: 2024", "sources: {}", "projects:"]
    lines += [f"  p{i}: {{name: P{i}, costs: {{2024: 10}}{extra}}}" for i in range(count)]
    return write_scenario(tmp_path, "\n".join(lines) + "\n", "big.yaml")


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


@pytest.mark.measured_process
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
@pytest.mark.measured_process
def test_a_reader_gone_before_the_report_is_written(args, code):
    # `effektinvest ... | true`: the command's own exit code, and nothing but its own diagnostics on stderr
    got, stderr = into_a_closed_pipe(*args, read=0)
    assert got == code
    expected = {"check": "checked 1 file: 1 error, 1 warning\n"}.get(args[0], "")
    if "--fail-on-gap" in args:  # its own line, and nothing about the pipe
        expected = SEED_GAP_LINE
    assert stderr.decode() == expected


@pytest.mark.measured_process
def test_an_unwritable_output_is_an_error_not_a_traceback():
    with open("/dev/full", "wb") as full:
        result = process("gap", SEED, "-f", "json", stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert b"cannot write the output" in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.measured_process
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
@pytest.mark.measured_process
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
    import os

    env = {k: v for k, v in os.environ.items() if k != "COVERAGE_PROCESS_CONFIG"}  # `pytest --cov` adds its own
    run = subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL, env=env)
    assert run.stdout.decode().startswith("effektinvest ")
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.decode().splitlines() if "|" in line}
    ours = sorted(name for name in imported if name.startswith("effektinvest"))
    assert ours == ["effektinvest", "effektinvest.edges", "effektinvest.edges.streams"]
    assert not imported & {"typer", "rich", "pydantic", "yaml", "click", "contextlib"}
