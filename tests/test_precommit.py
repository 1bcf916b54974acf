"""The pre-commit hook works with the real pre-commit, run against a scratch repository."""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def test_hook_definition():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "effektinvest-check"
    assert hook["entry"] == "effektinvest check"
    assert hook["language"] == "python"


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


def test_try_repo_fails_on_a_bad_scenario_and_passes_on_good_ones(tmp_path):
    hooks_repo = snapshot(tmp_path)
    repo = tmp_path / "analyses"
    (repo / "scenarios").mkdir(parents=True)
    shutil.copy(ROOT / "scenarios" / "2024.yaml", repo / "scenarios" / "2024.yaml")
    shutil.copy(FIXTURES / "base.yaml", repo / "scenarios" / "base.yaml")
    (repo / "other.yaml").write_text("not: a scenario\n")  # outside scenarios/: not checked
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "scenarios")

    def try_repo():
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(hooks_repo), "effektinvest-check", "--all-files"],
            cwd=repo, capture_output=True, text=True, timeout=600,
        )

    good = try_repo()
    assert good.returncode == 0, good.stdout + good.stderr
    assert "effektinvest check" in good.stdout and "Passed" in good.stdout

    shutil.copy(FIXTURES / "unknown_source.yaml", repo / "scenarios" / "bad.yaml")
    git(repo, "add", ".")
    bad = try_repo()
    assert bad.returncode == 1
    assert "scenarios/bad.yaml:10:17: error[unknown-source]" in bad.stdout
    assert "checked 3 files: 1 error" in bad.stdout  # several filenames in one call
