"""The pre-commit hook works with the real pre-commit, run against a scratch repository."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


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

    pre-commit try-repo would otherwise see only tracked files, not a module added but not yet committed.
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
    """Why pip cannot reach the package index (None if it can): try-repo installs the hook's environment from it.

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


def analyses(path: Path, bad: bool) -> Path:
    """A repository of scenario files as a user has it: two good ones under scenarios/, one other YAML file;
    with BAD, a scenario with warnings only (no error) staged on top."""
    (path / "scenarios").mkdir(parents=True)
    shutil.copy(ROOT / "scenarios" / "2024.yaml", path / "scenarios" / "2024.yaml")
    shutil.copy(FIXTURES / "base.yaml", path / "scenarios" / "base.yaml")
    (path / "other.yaml").write_text("not: a scenario\n")  # outside scenarios/: not checked
    git(path, "init", "-q")
    git(path, "add", ".")
    git(path, "commit", "-qm", "scenarios")
    if bad:
        shutil.copy(FIXTURES / "warnings.yaml", path / "scenarios" / "bad.yaml")
        git(path, "add", ".")
    return path


def start_try_repos(root: Path) -> list[subprocess.Popen] | str:
    """Start `pre-commit try-repo` on a good and a bad repository under ROOT, side by side, and return the two
    processes (or why they cannot run). Each installs the hook's environment afresh, most of its time spent
    waiting on the package index: tests/conftest.py starts them when the session starts, so that they run
    while the other tests do, and the test below only waits for them."""
    problem = package_index_problem()
    if problem:
        return f"the package index is unreachable, and pre-commit installs the hook from it ({problem})"
    hooks_repo = snapshot(root)

    def try_repo(repo: Path) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "pre_commit", "try-repo", str(hooks_repo), "effektinvest-check", "--all-files"],
            cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )

    return [try_repo(analyses(root / name, bad=name == "bad")) for name in ("good", "bad")]


def test_try_repo_fails_on_a_bad_scenario_and_passes_on_good_ones(request, tmp_path):
    root, runs = getattr(request.config, "try_repos", None) or (tmp_path, start_try_repos(tmp_path))  # started early
    try:
        if isinstance(runs, str):
            pytest.skip(runs)
        (good_out, good_err), (bad_out, _) = (run.communicate(timeout=600) for run in runs)
    finally:
        if root != tmp_path:
            shutil.rmtree(root, ignore_errors=True)
    good, bad = runs

    assert good.returncode == 0, good_out + good_err
    assert "effektinvest check" in good_out and "Passed" in good_out

    assert bad.returncode == 1  # warnings fail a commit (--strict)
    assert "scenarios/bad.yaml:5:3: warning[unused-source]" in bad_out
    assert "checked 3 files: 0 errors, 3 warnings" in bad_out  # several filenames in one call
