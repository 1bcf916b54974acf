"""What the tests share: `invoke`, the command line driven in this process (typer's CliRunner isolation
around `cli.run`), for every test where a real process does not matter."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import typer.main
from hypothesis import settings
from typer.testing import CliRunner

from effektinvest.cli import app, run

# Property tests: a fixed seed in CI (CI=true), so a run there is repeatable; random locally, to find more.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
# How much nicer (`os.nice`) than pytest's own process are the processes that run beside it for long (see
# `pytest_collection_finish`): they take the second core, not the first.
BESIDE = 10
# Variables of the developer's or CI's shell that would change what a command prints.
_UNSET = {"FORCE_COLOR": None, "NO_COLOR": None, "GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None}


@dataclass(frozen=True)
class Result:
    code: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8", "backslashreplace")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8", "backslashreplace")

    @property
    def returncode(self) -> int:  # as subprocess.CompletedProcess names it
        return self.code


# typer makes the click command of an app anew on every call of the app: most of an in-process run on a
# small file (docs/testing.md). A process of the CLI makes it once; so does this session (as a click command
# driven by click's own CliRunner is made once).
_make_command = typer.main.get_command
_command = _make_command(app)


def _made_once(typer_app: typer.Typer):
    return _command if typer_app is app else _make_command(typer_app)


typer.main.get_command = _made_once


def invoke(*args: str, input: bytes | str | None = None, env: dict | None = None) -> Result:
    """`effektinvest ARGS...` in this process: the exit code, standard output and standard error."""
    runner = CliRunner()
    with runner.isolation(input=input, env={**_UNSET, **(env or {})}) as (out, err, _):
        code = run([str(a) for a in args])
        sys.stdout.flush()
        sys.stderr.flush()
        return Result(code, out.getvalue(), err.getvalue())


def pytest_collection_finish(session) -> None:
    """Start now what runs in processes of its own for long: the memory-bound cases that the session will run
    (test_limits.py, `start_memory_runs`), and, when the pre-commit test is to run, its `pre-commit` run
    (test_precommit.py, `start_pre_commit`), so that they run while the other tests run
    in this process; each of those tests waits for its own."""
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker collects every test: the tests start their own
        return
    import contextlib
    import tempfile

    memory = "test_memory_stays_within_the_bound"
    cases = [item.callspec.params["case"] for item in session.items if item.originalname == memory]
    if cases and sys.platform.startswith("linux"):  # (the test's address-space cap: elsewhere it skips)
        from test_limits import start_memory_runs

        root = Path(tempfile.mkdtemp(prefix="effektinvest-memory-"))
        session.config.memory_runs = start_memory_runs(root, cases)
        session.config.memory_root = root
    if any(item.name == "test_the_hook_fails_a_bad_scenario_and_passes_good_ones" for item in session.items):
        from test_precommit import start_pre_commit

        root = Path(tempfile.mkdtemp(prefix="effektinvest-precommit-"))
        run = start_pre_commit(root)
        if not isinstance(run, str):  # (and what it starts, from now on)
            with contextlib.suppress(OSError, AttributeError):  # (no setpriority on Windows)
                os.setpriority(os.PRIO_PROCESS, run.pid, BESIDE)
        session.config.pre_commit_run = root, run


def pytest_sessionfinish(session) -> None:
    """What `pytest_collection_finish` started and no test waited for (a session stopped early): ended, and
    its files removed."""
    import shutil

    for _, _, processes in getattr(session.config, "memory_runs", {}).values():
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    if hasattr(session.config, "memory_root"):
        shutil.rmtree(session.config.memory_root, ignore_errors=True)
