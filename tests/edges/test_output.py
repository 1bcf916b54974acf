"""`--output FILE` and `--force` on every report command (issue 12): atomic, never over an existing file
without --force, nothing left behind on a failure, exit 2 with one line (docs/cli.md, "Writing a report to a
file"). Real processes only where the process matters: a file-size limit, /dev/full, a terminal."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, invoke

SEED = str(ROOT / "scenarios" / "2024.yaml")
LATER = str(ROOT / "scenarios" / "2025.yaml")
WORKED = str(ROOT / "tests" / "fixtures" / "savings" / "worked.yaml")
EXE = str(Path(sys.executable).parent / "effektinvest")

# Every report command, with what it needs besides --output.
COMMANDS = {
    "gap": ["gap", SEED],
    "compare": ["compare", SEED, LATER, "--quiet"],
    "due": ["due", str(ROOT / "scenarios"), "--budget", "2025"],
    "savings": ["savings", SEED],
    "note": ["note", SEED],
}


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("command", list(COMMANDS))
def test_output_writes_what_standard_output_gets(tmp_path, command):
    args = COMMANDS[command]
    target = tmp_path / "report.txt"
    written = invoke(*args, "--output", target)
    assert written.code == 0, written.stderr
    assert written.stdout == ""
    assert target.read_bytes() == invoke(*args).stdout_bytes
    assert _left(tmp_path) == ["report.txt"]  # no temporary file left


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "markdown", "csv-da", "table"])
def test_every_text_format_goes_to_the_file_as_to_a_pipe(tmp_path, fmt):
    target = tmp_path / f"gap.{fmt}"
    assert invoke("gap", SEED, "-f", fmt, "-o", target).code == 0
    assert target.read_bytes() == invoke("gap", SEED, "-f", fmt).stdout_bytes


def test_the_table_in_a_file_has_no_colour_even_when_colour_is_forced(tmp_path):
    target = tmp_path / "gap.txt"
    assert invoke("gap", SEED, "-o", target, "--chart", env={"FORCE_COLOR": "1", "COLUMNS": "200"}).code == 0
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text and "Restfinansiering" in text and "░ Restfinansiering" in text


def test_dash_is_standard_output():
    assert invoke("gap", SEED, "-f", "json", "-o", "-").stdout == invoke("gap", SEED, "-f", "json").stdout


@pytest.mark.parametrize("command", list(COMMANDS))
def test_an_existing_file_is_refused_without_force(tmp_path, command):
    target = tmp_path / "report.txt"
    target.write_text("keep me\n", encoding="utf-8")
    result = invoke(*COMMANDS[command], "-o", target)
    assert result.code == 2
    assert result.stderr == f"effektinvest: error: {target} exists; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert _left(tmp_path) == ["report.txt"]


def test_force_replaces_an_existing_file(tmp_path):
    target = tmp_path / "gap.json"
    target.write_text("old\n", encoding="utf-8")
    assert invoke("gap", SEED, "-f", "json", "-o", target, "--force").code == 0
    assert target.read_text(encoding="utf-8").startswith('{"scenario"')
    assert _left(tmp_path) == ["gap.json"]


def test_a_folder_as_file_is_refused(tmp_path):
    result = invoke("gap", SEED, "-o", tmp_path, "--force")
    assert result.code == 2
    assert result.stderr == f"effektinvest: error: {tmp_path} is a folder; give a file name for --output\n"
    assert _left(tmp_path) == []


def test_force_replaces_only_a_regular_file(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = invoke("gap", SEED, "-f", "json", "-o", link, "--force")
    assert result.code == 2
    assert "is a symbolic link, not a regular file" in result.stderr
    assert real.read_text(encoding="utf-8") == "keep\n" and link.is_symlink()


def test_dev_full_as_file_is_refused_not_written_through():
    assert invoke("gap", SEED, "-o", "/dev/full").stderr.endswith("/dev/full exists; use --force to overwrite it\n")
    result = invoke("gap", SEED, "-o", "/dev/full", "--force")
    assert result.code == 2
    assert "/dev/full is a device, not a regular file" in result.stderr


def test_an_unwritable_folder(tmp_path):
    # /sys refuses a new file even to root (a chmod'ed folder would not stop root)
    result = invoke("gap", SEED, "-o", "/sys/effektinvest-report.txt")
    assert result.code == 2
    assert result.stderr.startswith("effektinvest: error: cannot write /sys/effektinvest-report.txt: ")
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    result = invoke("gap", SEED, "-o", folder / "x.txt")
    assert result.code == 2 and "Permission denied" in result.stderr
    assert _left(folder) == []


def test_a_missing_folder(tmp_path):
    result = invoke("gap", SEED, "-o", tmp_path / "no" / "such.txt")
    assert result.code == 2
    assert "No such file or directory; nothing was written" in result.stderr


def test_a_full_disk_leaves_nothing_behind(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "gap.xlsx"
    result = invoke("gap", SEED, "-f", "xlsx", "-o", target)
    assert result.code == 2
    assert (
        result.stderr == f"effektinvest: error: cannot write {target}: No space left on device; nothing was written\n"
    )
    assert _left(tmp_path) == []


@pytest.mark.parametrize(
    ("fmt", "unbuffered"), [("table", False), ("xlsx", False), ("json", True)], ids=["table", "xlsx", "unbuffered"]
)
def test_a_file_size_limit_stops_the_write_and_leaves_nothing(tmp_path, fmt, unbuffered):
    """A real failure while writing, in a real process: the file-size limit (RLIMIT_FSIZE) makes the write of the
    report fail half way (EFBIG), as a full disk would (for xlsx, already openpyxl's temporary file of the sheet,
    which is not left behind in TMPDIR either)."""
    (tmp_path / "out").mkdir()
    (tmp_path / "tmp").mkdir()
    target = tmp_path / "out" / f"gap.{fmt}"
    result = subprocess.run(
        [EXE, "gap", SEED, "-f", fmt, "-o", target],
        preexec_fn=_file_size_limit(1000),
        capture_output=True,
        text=True,
        env={**_process_env(unbuffered), "TMPDIR": str(tmp_path / "tmp")},
    )
    assert result.returncode == 2
    assert result.stderr == f"effektinvest: error: cannot write {target}: File too large; nothing was written\n"
    assert _left(tmp_path / "out") == [] and _left(tmp_path / "tmp") == []


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "PYTHONUNBUFFERED"])
@pytest.mark.parametrize(
    "args",
    [["gap", "-f", "xlsx", "-o"], ["gap", "-f", "xlsx"], ["savings", "-f", "xlsx", "-o"], ["note", "-f", "docx", "-o"]],
    ids=["gap-output", "gap-stdout", "savings-output", "note-docx-output"],
)
def test_a_file_size_limit_while_a_large_workbook_is_made_is_a_write_error(tmp_path, args, unbuffered):
    """A workbook large enough that openpyxl's temporary file of a sheet (in TMPDIR) meets the file-size limit
    before the workbook is whole: that write fails inside lxml (`SerialisationError: IO_EFBIG`, a traceback and
    exit 1 before), and is the same one line and exit 2 as any failed write, with nothing left behind."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import scenario_text

    scenario = tmp_path / "large.yaml"
    scenario.write_text(scenario_text(300, savings=True), encoding="utf-8")
    for folder in ("out", "tmp"):
        (tmp_path / folder).mkdir()
    command, *options = args
    target = tmp_path / "out" / f"report.{options[1]}"
    with open(tmp_path / "stdout", "wb") as stdout:
        result = subprocess.run(
            [EXE, command, scenario, *options, *([target] if options[-1] == "-o" else [])],
            preexec_fn=_file_size_limit(1000),
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            env={**_process_env(unbuffered), "TMPDIR": str(tmp_path / "tmp")},
        )
    written = f"{target}: File too large; nothing was written" if options[-1] == "-o" else "the output: File too large"
    assert (result.returncode, result.stderr) == (2, f"effektinvest: error: cannot write {written}\n")
    assert _left(tmp_path / "out") == [] and _left(tmp_path / "tmp") == []


def _process_env(unbuffered: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return {**env, "PYTHONUNBUFFERED": "1"} if unbuffered else env


def _file_size_limit(size: int):
    """For a process's preexec_fn: files of at most SIZE bytes; a write past it fails (EFBIG), as a full disk."""
    import resource
    import signal

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "PYTHONUNBUFFERED"])
@pytest.mark.parametrize("args", [["gap", SEED, "-f", "json"], ["gap", SEED, "-f", "xlsx"], ["schema"]])
def test_a_report_cut_short_on_standard_output_is_a_write_error(tmp_path, unbuffered, args):
    """Standard output on a file that takes only the first 1,000 bytes (`ulimit -f`): the rest of the report
    cannot be written, and the command says so and exits 2, buffered or not. (Unbuffered, Python's text layer
    dropped what a short write left over, and the command exited 0 with half a report.)"""
    with open(tmp_path / "report", "wb") as out:
        result = subprocess.run(
            [EXE, *args],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=_process_env(unbuffered),
            preexec_fn=_file_size_limit(1000),
        )
    assert result.returncode == 2
    assert result.stderr == "effektinvest: error: cannot write the output: File too large\n"
    assert (tmp_path / "report").stat().st_size == 1000


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "PYTHONUNBUFFERED"])
def test_a_report_to_a_full_disk_is_a_write_error(unbuffered):
    with open("/dev/full", "wb") as full:
        command = [EXE, "gap", SEED, "-f", "json"]
        result = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, env=_process_env(unbuffered))
    assert result.returncode == 2
    assert result.stderr == "effektinvest: error: cannot write the output: No space left on device\n"


def test_xlsx_to_dev_full_is_a_write_error():
    with open("/dev/full", "wb") as full:
        result = subprocess.run([EXE, "gap", SEED, "-f", "xlsx"], stdout=full, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 2
    assert result.stderr == "effektinvest: error: cannot write the output: No space left on device\n"


@pytest.mark.measured_process
def test_xlsx_to_a_closed_standard_output_is_a_write_error():
    result = subprocess.run(f"'{EXE}' gap '{SEED}' -f xlsx >&-", shell=True, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 2
    assert result.stderr == "effektinvest: error: cannot write the output: standard output is closed\n"


def test_an_invalid_scenario_writes_no_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: x\n", encoding="utf-8")
    result = invoke("gap", bad, "-o", tmp_path / "out.txt")
    assert result.code == 1
    assert _left(tmp_path) == ["bad.yaml"]


def test_fail_on_gap_still_writes_the_file(tmp_path):
    target = tmp_path / "gap.json"
    result = invoke("gap", SEED, "-f", "json", "-o", target, "--fail-on-gap")
    assert result.code == 3
    assert target.read_text(encoding="utf-8").startswith('{"scenario"')


def test_xlsx_to_a_terminal_is_refused(monkeypatch):
    from effektinvest.edges import output

    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)
    for args in (["gap", SEED], ["compare", SEED, LATER, "-q"], ["due", SEED, "--budget", "2025"]):
        result = invoke(*args, "-f", "xlsx")
        assert result.code == 2
        assert result.stdout_bytes == b""
        assert "use --output FILE" in result.stderr
    assert invoke("gap", SEED, "-f", "json").code == 0  # text formats still go to a terminal


def test_xlsx_to_a_real_terminal_is_refused():
    import pty

    main, secondary = pty.openpty()
    try:
        result = subprocess.run([EXE, "gap", SEED, "-f", "xlsx"], stdout=secondary, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(secondary)
        os.close(main)
    assert result.returncode == 2
    assert result.stderr == (
        "effektinvest: error: --format xlsx is a workbook, not text for a terminal: use --output FILE "
        "(or redirect standard output to a file: > report.xlsx)\n"
    )


@pytest.mark.parametrize("name", ["out/", "existing.txt/"])
def test_a_name_that_ends_in_a_slash_names_a_folder_and_is_refused(tmp_path, name):
    (tmp_path / "existing.txt").write_text("x\n")
    given = f"{tmp_path}/{name}"  # (a Path would drop the slash)
    result = invoke("gap", SEED, "-o", given, "--force")
    assert result.code == 2
    assert result.stderr == f"effektinvest: error: {given} is a folder; give a file name for --output\n"
    assert (tmp_path / "existing.txt").read_text() == "x\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.txt"]


def test_an_empty_name_is_refused():
    result = invoke("gap", SEED, "-o", "")
    assert (result.code, result.stderr) == (2, "effektinvest: error: --output needs a file name\n")


@pytest.mark.parametrize("command", [["gap"], ["note"], ["savings"], ["due", "--budget", "2024"], ["compare", SEED]])
def test_an_existing_file_is_refused_before_the_scenario_is_read(tmp_path, command):
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: x\nbudget_year: 2024\nsources: {}\nprojects: {p: {name: P, costs: {2024: 1,5}}}\n")
    existing = tmp_path / "report.txt"
    existing.write_text("x\n")
    result = invoke(*command, str(bad), "-o", str(existing))
    assert result.code == 2
    assert result.stderr == f"effektinvest: error: {existing} exists; use --force to overwrite it\n"  # no diagnostic


# --- savings and its sensitivity view ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "csv-da"])
def test_savings_output_is_what_standard_output_gets_in_every_text_format(tmp_path, fmt):
    target = tmp_path / "savings.out"
    for args in ([SEED], [WORKED, "--realisation", "100%,50%"]):
        written = invoke("savings", *args, "-f", fmt, "--output", target, "--force")
        assert written.code == 0, written.stderr
        assert written.stdout == ""
        assert target.read_bytes() == invoke("savings", *args, "-f", fmt).stdout_bytes
        assert _left(tmp_path) == ["savings.out"]  # no temporary file left


@pytest.mark.parametrize("fmt", ["table", "xlsx"])
def test_an_existing_file_is_refused_without_force_for_a_savings_table_or_workbook(tmp_path, fmt):
    target = tmp_path / "report.out"
    target.write_text("keep me\n", encoding="utf-8")
    for option in ("-o", "--output"):
        result = invoke("savings", SEED, "-f", fmt, option, target)
        assert result.code == 2
        assert result.stdout_bytes == b""
        assert result.stderr == f"effektinvest: error: {target} exists; use --force to overwrite it\n"
        assert target.read_text(encoding="utf-8") == "keep me\n"
        assert _left(tmp_path) == ["report.out"]


def test_force_replaces_a_savings_workbook_atomically(tmp_path, monkeypatch):
    target = tmp_path / "savings.xlsx"
    target.write_text("old\n", encoding="utf-8")
    assert invoke("savings", SEED, "-f", "xlsx", "-o", target, "--force").code == 0
    assert target.read_bytes().startswith(b"PK") and _left(tmp_path) == ["savings.xlsx"]
    # a write that fails half way (a full disk) leaves the old file as it was and no temporary file
    import errno
    import os

    before = target.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = invoke("savings", WORKED, "-f", "json", "-o", target, "--force")
    assert result.code == 2
    assert (
        result.stderr == f"effektinvest: error: cannot write {target}: No space left on device; nothing was written\n"
    )
    assert target.read_bytes() == before and _left(tmp_path) == ["savings.xlsx"]
    result = invoke("savings", WORKED, "-f", "json", "-o", tmp_path / "new.json")
    assert result.code == 2 and _left(tmp_path) == ["savings.xlsx"]


def test_an_invalid_scenario_writes_no_savings_workbook(tmp_path):
    scenario = tmp_path / "bad.yaml"
    scenario.write_text("scenario: x\nbudget_year: 2024\n", encoding="utf-8")
    result = invoke("savings", scenario, "-f", "xlsx", "-o", tmp_path / "out.xlsx")
    assert result.code == 1
    assert _left(tmp_path) == ["bad.yaml"]


# --- a signal while a report is written leaves nothing behind (issue 20, 3) -------------------------------------------

# `python -c SIGNALLED WHEN SIGNAL ARGS...`: `effektinvest ARGS...` in a real process that gets SIGNAL at a known point,
# so that the test does not depend on timing: WHEN is `create` (the moment a temporary file exists but has no name
# yet in the code that made it: tempfile's own), `write` (as the report is written: fsync), `pause` (at fsync it
# says "ready" on standard error and waits to be signalled from outside), `del` (at fsync, from inside a `__del__`,
# where Python drops what a signal handler raises), `refuse` (before the report is made: no file yet, the handlers
# the command started with), `in-c` (at refuse, SIGNAL then THEN 2 ms apart, both while Python is in C code and runs
# no handler), `cleanup` (SIGNAL at fsync, THEN as the temporary file is removed). THEN=SIGNAL in the environment: a
# second signal, otherwise as the command ends (when its output is flushed, after the first signal was handled).
SIGNALLED = """
import os, signal, sys, tempfile, time
when, name, *args = sys.argv[1:]
number = getattr(signal, name)
then = os.environ.get("THEN")
signalled = []
if when == "cleanup":
    unlink = os.unlink
    def unlink_after_a_second_signal(path):
        if signalled:
            os.kill(os.getpid(), getattr(signal, then))
            for _ in range(1000):
                pass
        return unlink(path)
    os.unlink = unlink_after_a_second_signal
elif then and when != "in-c":
    import effektinvest.cli as cli
    finish = cli.finish
    def finish_after_a_second_signal(code):
        os.kill(os.getpid(), getattr(signal, then))
        return finish(code)
    cli.finish = finish_after_a_second_signal
if when == "in-c":
    import threading
    import effektinvest.edges.output as output
    refuse = output.refuse
    def send_both():
        time.sleep(0.05)
        os.kill(os.getpid(), number)
        time.sleep(0.002)
        os.kill(os.getpid(), getattr(signal, then))
    def refuse_in_c_code(*a):
        threading.Thread(target=send_both).start()
        sum(range(20_000_000))  # C code, where Python runs no handler: both signals come meanwhile
        return refuse(*a)
    output.refuse = refuse_in_c_code
elif when == "refuse":
    import effektinvest.edges.output as output
    refuse = output.refuse
    def signalled_refuse(*a):
        os.kill(os.getpid(), number)
        return refuse(*a)
    output.refuse = signalled_refuse
elif when == "create":
    made = tempfile._mkstemp_inner
    def mkstemp_inner(*a, **k):
        fd_and_name = made(*a, **k)
        os.kill(os.getpid(), number)
        return fd_and_name
    tempfile._mkstemp_inner = mkstemp_inner
else:
    fsync = os.fsync
    def signalled_fsync(fd):
        if when == "pause":
            print("ready", file=sys.stderr, flush=True)
            time.sleep(60)
        elif when == "cleanup":  # SIGNAL now, THEN as what was made is removed (and its handler runs)
            signalled.append(number)
            os.kill(os.getpid(), number)
        elif when == "del":
            class Freed:
                def __del__(self):
                    os.kill(os.getpid(), number)
                    for _ in range(1000):  # the handler runs here, and what it raises is dropped
                        pass
            Freed()
        else:
            os.kill(os.getpid(), number)
        return fsync(fd)
    os.fsync = signalled_fsync
sys.argv = ["effektinvest", *args]
from effektinvest import main
main()
"""
# How the command ends: SIGTERM and SIGHUP as at any other moment (killed by the signal), SIGINT as typer ends it.
ENDED = {"SIGTERM": -15, "SIGHUP": -1, "SIGINT": 130}


def _signalled(tmp_path: Path, when: str, name: str, *args, then: str = "", ignoring: str = "") -> subprocess.Popen:
    (tmp_path / "tmp").mkdir()
    (tmp_path / "out").mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "THEN": then}  # TMPDIR: where openpyxl's files go
    return subprocess.Popen(
        [sys.executable, "-c", SIGNALLED, when, name, *map(str, args)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_started(ignoring),
    )


def _started(ignoring: str):
    """A process's preexec_fn: SIGINT as a terminal's command gets it, and the signal IGNORING (if any) ignored,
    as `nohup` starts a command. A shell starts a job in the background with SIGINT ignored, and the command
    rightly leaves an ignored signal ignored (edges/signals.py), so the suite run from such a job would
    otherwise see no SIGINT end a command."""

    def preexec() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if ignoring:
            signal.signal(getattr(signal, ignoring), signal.SIG_IGN)

    return preexec


@pytest.mark.parametrize("name", list(ENDED))
@pytest.mark.parametrize("when", ["create", "write"])
def test_a_signal_while_the_file_is_written_leaves_nothing_behind(tmp_path, when, name):
    command = _signalled(tmp_path, when, name, "gap", SEED, "-f", "json", "-o", tmp_path / "out" / "gap.json")
    command.communicate(timeout=60)
    assert command.returncode == ENDED[name]
    assert _left(tmp_path / "out") == [] and _left(tmp_path / "tmp") == []


def test_a_signal_the_command_was_started_ignoring_stays_ignored(tmp_path):
    """`nohup effektinvest gap ... -o FILE`: a SIGHUP while the file is written changes nothing."""
    out = tmp_path / "out" / "gap.json"
    command = _signalled(tmp_path, "write", "SIGHUP", "gap", SEED, "-f", "json", "-o", out, ignoring="SIGHUP")
    assert (command.communicate(timeout=60)[1], command.returncode) == ("", 0)
    assert out.read_text(encoding="utf-8") == invoke("gap", SEED, "-f", "json").stdout
    assert _left(tmp_path / "tmp") == []


def test_a_signal_ignored_when_a_report_is_written_is_left_ignored(tmp_path, monkeypatch):
    """In this process, as in one started by `nohup` or in the background: what it ignores, it ignores while
    the file is written too (no handler of the command's own in its place), and after."""
    during = []
    fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: during.append(signal.getsignal(signal.SIGHUP)) or fsync(fd))
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        result = invoke("gap", SEED, "-f", "json", "-o", tmp_path / "gap.json")
        after = signal.getsignal(signal.SIGHUP)
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert (result.code, during, after) == (0, [signal.SIG_IGN], signal.SIG_IGN)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_signals_from_outside_while_a_workbook_is_written_leave_nothing_behind(tmp_path, name):
    command = _signalled(tmp_path, "pause", name, "gap", SEED, "-f", "xlsx", "-o", tmp_path / "out" / "gap.xlsx")
    assert command.stderr.readline() == "ready\n"
    assert [p.name.endswith(".tmp") for p in (tmp_path / "out").iterdir()] == [True]  # the file being written
    for _ in range(3):  # repeated, as an impatient user or a supervisor does: the first ends it, cleanly
        command.send_signal(getattr(signal, name))
    command.communicate(timeout=60)
    assert command.returncode == ENDED[name]
    assert _left(tmp_path / "out") == [] and _left(tmp_path / "tmp") == []


def test_a_signal_while_a_workbook_is_made_leaves_no_temporary_file_of_openpyxl(tmp_path):
    """To standard output: the workbook's renderer (openpyxl) writes each sheet to a temporary file first."""
    command = _signalled(tmp_path, "create", "SIGTERM", "gap", SEED, "-f", "xlsx")
    command.communicate(timeout=60)
    assert command.returncode == ENDED["SIGTERM"]
    assert _left(tmp_path / "tmp") == []


@pytest.mark.parametrize("name", list(ENDED))
def test_a_signal_that_python_drops_in_a_del_still_ends_the_command_without_a_traceback(tmp_path, name):
    """A signal whose handler runs inside a `__del__` (Python prints what it raises there as "Exception ignored"
    and goes on): no traceback, and the command still ends by the signal, before the file is put in place."""
    command = _signalled(tmp_path, "del", name, "gap", SEED, "-f", "json", "-o", tmp_path / "out" / "gap.json")
    _, stderr = command.communicate(timeout=60)
    assert (command.returncode, stderr) == (ENDED[name], "")
    assert _left(tmp_path / "out") == [] and _left(tmp_path / "tmp") == []


@pytest.mark.parametrize(
    ("when", "first", "second"),
    [
        *[(when, *pair) for when in ("write", "refuse") for pair in [("SIGINT", "SIGTERM"), ("SIGINT", "SIGINT")]],
        ("write", "SIGTERM", "SIGHUP"),
        ("cleanup", "SIGINT", "SIGTERM"),
        ("in-c", "SIGINT", "SIGHUP"),  # SIGHUP 2 ms after SIGINT, both while Python is in C code: still 130
    ],
)
def test_a_second_signal_as_the_command_ends_is_ignored(tmp_path, when, first, second):
    """The first signal decides how the command ends (docs/cli.md, Signals): a second one that comes after the
    first was handled, while the command is ending, is ignored (SIGINT then SIGTERM ended killed by SIGTERM),
    whether the first came while the report was written or before (while the scenario is read), and also when
    the second comes before Python has run the first's handler (SIGTERM at its default killed the process; a
    SIGHUP, whose number is lower, was handled first)."""
    out = tmp_path / "out" / "r.xlsx"
    command = _signalled(tmp_path, when, first, "savings", SEED, "-f", "xlsx", "-o", out, then=second)
    _, stderr = command.communicate(timeout=60)
    assert (command.returncode, stderr) == (ENDED[first], "")
    assert _left(tmp_path / "out") == [] and _left(tmp_path / "tmp") == []
