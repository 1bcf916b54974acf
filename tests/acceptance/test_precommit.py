"""The pre-commit hook works with the real pre-commit, in scratch repositories whose .pre-commit-config.yaml
takes it from a snapshot of this tree."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def test_hook_definition():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "effektinvest-check"
    assert hook["entry"] == "effektinvest check"
    assert hook["language"] == "python"
    assert hook["args"] == ["--strict"]  # a commit fails on warnings too


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=ci@example.invalid", "-c", "user.name=ci", *args], cwd=repo, check=True,
        capture_output=True,
    )


def snapshot(tmp_path: Path) -> Path:
    """This working tree (tracked and new files, as they are now) as a repository of its own.

    pre-commit would otherwise see only tracked files, not a module added but not yet committed.
    """
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
        check=True,
    ).stdout.decode().split("\0")
    copy = tmp_path / "effektinvest"
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    git(copy, "init", "-q")
    git(copy, "add", ".")
    git(copy, "commit", "-qm", "snapshot")
    return copy


def package_index_problem() -> str | None:
    """Why pip cannot reach the package index (None if it can): pre-commit installs the hook's environment from it.

    Asks pip itself, with its own configuration (index, mirrors, proxy), for the versions of one of the hook's
    dependencies: about a second when the index answers, a few when it does not."""
    command = [sys.executable, "-m", "pip", "index", "versions", "typer", "--retries", "0", "--timeout", "5"]
    try:
        probe = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        return "pip index versions typer did not answer in 30 s"
    if probe.returncode == 0:
        return None
    said = [line for line in probe.stderr.splitlines() if line.strip()]
    return f"pip index versions typer: exit {probe.returncode}: {said[-1] if said else ''}"


def analyses(path: Path, bad: bool, hooks_repo: Path, rev: str) -> Path:
    """A repository of scenario files as a user has it: two good ones under scenarios/, one other YAML file, and
    a .pre-commit-config.yaml that takes the hook from HOOKS_REPO at REV; with BAD, a scenario with warnings
    only (no error) staged on top."""
    (path / "scenarios").mkdir(parents=True)
    shutil.copy(ROOT / "scenarios" / "2024.yaml", path / "scenarios" / "2024.yaml")
    shutil.copy(FIXTURES / "base.yaml", path / "scenarios" / "base.yaml")
    (path / "other.yaml").write_text("not: a scenario\n")  # outside scenarios/: not checked
    config = f"repos:\n- repo: {hooks_repo.as_posix()}\n  rev: {rev}\n  hooks:\n  - id: effektinvest-check\n"
    (path / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(path, "init", "-q")
    git(path, "add", ".")
    git(path, "commit", "-qm", "scenarios")
    if bad:
        shutil.copy(FIXTURES / "warnings.yaml", path / "scenarios" / "bad.yaml")
        git(path, "add", ".")
    return path


# Runs `pre-commit run --all-files` in each repository named on the command line, one after the other, and
# prints [returncode, stdout, stderr] of each as JSON. The hook's environment is installed by the first run
# (into PRE_COMMIT_HOME) and used by the second, as in a user's repositories: once, not once per run.
_RUN_EACH = """
import json, subprocess, sys
results = []
for repo in sys.argv[1:]:
    run = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo,
                         capture_output=True, text=True)
    results.append([run.returncode, run.stdout, run.stderr])
print(json.dumps(results))
"""


def start_pre_commit(root: Path) -> subprocess.Popen | str:
    """Start pre-commit, with the hook taken from a snapshot of this tree, on a good and then a bad repository
    under ROOT, and return the process (or why it cannot run). Installing the hook's environment takes most of
    its time, waiting on the package index: tests/conftest.py starts it when the session starts, so that it
    runs while the other tests do, and the test below only waits for it."""
    problem = package_index_problem()
    if problem:
        return f"the package index is unreachable, and pre-commit installs the hook from it ({problem})"
    hooks_repo = snapshot(root)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hooks_repo, capture_output=True, text=True, check=True)
    repos = [analyses(root / name, name == "bad", hooks_repo, rev.stdout.strip()) for name in ("good", "bad")]
    # Not under `pytest --cov` (its subprocess patch would start coverage in pre-commit and virtualenv): the
    # hook runs effektinvest in the environment pre-commit made for it, which coverage does not measure.
    env = {k: v for k, v in os.environ.items() if k != "COVERAGE_PROCESS_CONFIG"}
    env["PRE_COMMIT_HOME"] = str(root / "pre-commit-home")
    # pip compiles every module it installs to bytecode (a third of the install's CPU, pydantic's and rich's
    # thousands of files) for the two runs of the hook, which import a few dozen: --no-compile. (pip sets an
    # option's own value from its variable, and --no-compile's value is `compile`: hence 0.)
    env["PIP_NO_COMPILE"] = "0"
    if sys.version_info < (3, 12):  # the hook's environment has setuptools (virtualenv adds it below 3.12):
        env["PIP_NO_BUILD_ISOLATION"] = "0"  # the wheel is built with it, not in a second environment made for it
    return subprocess.Popen(
        [sys.executable, "-c", _RUN_EACH, *map(str, repos)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env,
    )


def test_the_hook_fails_a_bad_scenario_and_passes_good_ones(request, tmp_path):
    started = getattr(request.config, "pre_commit_run", None)  # started with the session
    root, run = started or (tmp_path, start_pre_commit(tmp_path))
    try:
        if isinstance(run, str):
            pytest.skip(run)
        out, err = run.communicate(timeout=600)
    finally:
        if root != tmp_path:
            shutil.rmtree(root, ignore_errors=True)
    assert run.returncode == 0, err
    (good_code, good_out, good_err), (bad_code, bad_out, _) = json.loads(out)

    assert good_code == 0, good_out + good_err
    assert "effektinvest check" in good_out and "Passed" in good_out
    # one environment for both repositories: installed by the first run, used by the second
    assert "Installing environment for " in good_out
    assert "Installing environment" not in bad_out and "Initializing environment" not in bad_out, bad_out

    assert bad_code == 1  # warnings fail a commit (--strict)
    assert "scenarios/bad.yaml:5:3: warning[unused-source]" in bad_out
    assert "checked 3 files: 0 errors, 3 warnings" in bad_out  # several filenames in one call
