"""What the tests share: `invoke`, the command line driven in this process (typer's CliRunner isolation
around `cli.run`), for every test where a real process does not matter."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from hypothesis import settings
from typer.testing import CliRunner

from effektinvest.cli import run

# Property tests: a fixed seed in CI (CI=true), so a run there is repeatable; random locally, to find more.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
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


def invoke(*args: str, input: bytes | str | None = None, env: dict | None = None) -> Result:
    """`effektinvest ARGS...` in this process: the exit code, standard output and standard error."""
    runner = CliRunner()
    with runner.isolation(input=input, env={**_UNSET, **(env or {})}) as (out, err, _):
        code = run([str(a) for a in args])
        sys.stdout.flush()
        sys.stderr.flush()
        return Result(code, out.getvalue(), err.getvalue())


def pytest_collection_finish(session) -> None:
    """When the pre-commit test is to run, start its two `pre-commit try-repo` processes now, so that they
    install their environments while the other tests run (test_precommit.py, `start_try_repos`)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker collects every test: the test starts its own
        return
    if not any(item.name == "test_try_repo_fails_on_a_bad_scenario_and_passes_on_good_ones" for item in session.items):
        return
    import tempfile

    from test_precommit import start_try_repos

    root = Path(tempfile.mkdtemp(prefix="effektinvest-precommit-"))
    session.config.try_repos = root, start_try_repos(root)
