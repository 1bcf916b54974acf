"""edges.paths.expand: the files a folder given to `check` and `due` means. A folder below it that cannot be
read is a finding (unreadable-file), never skipped in silence (issue 20, 4). Root reads every folder, so the
walk's failure is made in this process (os.scandir refusing one folder), and a real process reads a real folder
without permission as a user (under root, without the capabilities that let root read it)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, invoke
from effektinvest.edges.paths import UnreadableFolder, expand

SEED = ROOT / "scenarios" / "2024.yaml"
DUE = ROOT / "tests" / "fixtures" / "portfolio" / "after.yaml"
EXE = str(Path(sys.executable).parent / "effektinvest")
DENIED = "the folder cannot be read: permission denied"


def _tree(root: Path, scenario: Path) -> Path:
    """ROOT/a.yaml, ROOT/locked/b.yaml, ROOT/z.yaml: SCENARIO each."""
    (root / "locked").mkdir()
    for name in ("a.yaml", "locked/b.yaml", "z.yaml"):
        (root / name).write_bytes(scenario.read_bytes())
    return root / "locked"


@pytest.fixture
def refused(monkeypatch):
    """os.scandir refuses every folder named `locked`, as the system refuses a user without permission."""
    scandir = os.scandir

    def refusing(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)


@pytest.mark.usefixtures("refused")
def test_a_folder_that_cannot_be_read_is_in_the_list_in_its_place(tmp_path):
    locked = _tree(tmp_path, SEED)
    found = expand([str(tmp_path)])
    assert found == [str(tmp_path / "a.yaml"), str(locked), str(tmp_path / "z.yaml")]
    assert isinstance(found[1], UnreadableFolder) and found[1].error.errno == errno.EACCES


@pytest.mark.usefixtures("refused")
def test_check_reports_a_folder_it_cannot_read_and_checks_the_others(tmp_path):
    locked = _tree(tmp_path, SEED)
    result = invoke("check", tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        f"{locked}:1:1: error[unreadable-file]: {DENIED}\n"
        "checked 2 files: 1 error, 0 warnings (1 folder could not be read)\n"
    )
    as_json = invoke("check", tmp_path, "--format", "json", "--quiet")
    assert as_json.returncode == 1
    assert [(d["path"], d["code"]) for d in json.loads(as_json.stdout)] == [(str(locked), "unreadable-file")]


@pytest.mark.usefixtures("refused")
def test_a_given_folder_that_cannot_be_read_is_a_finding_not_an_empty_folder(tmp_path):
    locked = _tree(tmp_path, SEED)
    result = invoke("check", locked)
    assert (result.returncode, result.stderr.splitlines()[0]) == (1, f"{locked}:1:1: error[unreadable-file]: {DENIED}")


@pytest.mark.usefixtures("refused")
def test_due_reports_a_folder_it_cannot_read_and_reports_on_the_others(tmp_path):
    locked = _tree(tmp_path, DUE)
    result = invoke("due", tmp_path, "--budget", "2026", "--format", "json")
    assert result.returncode == 1
    assert result.stderr == f"{locked}:1:1: error[unreadable-file]: {DENIED}\n"
    assert [item["project"] for item in json.loads(result.stdout)] == ["b", "b"]  # a.yaml and z.yaml


@pytest.fixture
def shut(monkeypatch):
    """os.stat refuses everything inside a folder named `shut`, as for a folder a user can list but not enter
    (permission r, not x): its names are seen, none can be looked at."""
    stat = os.stat

    def refusing(path, *args, **kwargs):
        if os.path.basename(os.path.dirname(os.fspath(path))) == "shut":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", refusing)


@pytest.mark.usefixtures("shut")
def test_a_file_in_a_folder_that_cannot_be_entered_is_a_finding_not_a_write_error(tmp_path):
    (tmp_path / "shut").mkdir()
    hidden = tmp_path / "shut" / "b.yaml"
    hidden.write_bytes(SEED.read_bytes())
    said = f"{hidden}:1:1: error[unreadable-file]: the file cannot be read: permission denied\n"
    for given in (tmp_path, hidden):  # found in the walk, or given
        result = invoke("check", given)
        assert (result.returncode, result.stderr) == (1, f"{said}checked 1 file: 1 error, 0 warnings\n")


def _as_a_user() -> list[str]:
    """The start of a command line that runs a process as an ordinary user would: as it is; under root, without
    the capabilities by which root reads any folder (setpriv)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root reads any folder, and there is no setpriv to run as a user")
    drop = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}"]


def test_a_folder_without_read_permission_is_a_finding(tmp_path):
    """A real process and real folders without permission: one that cannot be listed (chmod 000), one that can
    be listed but not entered (chmod 644)."""
    locked = _tree(tmp_path, SEED)
    (tmp_path / "shut").mkdir()
    (tmp_path / "shut" / "c.yaml").write_bytes(SEED.read_bytes())
    locked.chmod(0)
    (tmp_path / "shut").chmod(0o644)
    try:
        check = subprocess.run([*_as_a_user(), EXE, "check", tmp_path], capture_output=True, text=True)
        due = subprocess.run([*_as_a_user(), EXE, "due", tmp_path, "--budget", "2026"], capture_output=True, text=True)
    finally:
        locked.chmod(0o755)
        (tmp_path / "shut").chmod(0o755)
    said = (
        f"{locked}:1:1: error[unreadable-file]: {DENIED}\n"
        f"{tmp_path}/shut/c.yaml:1:1: error[unreadable-file]: the file cannot be read: permission denied\n"
    )
    counted = "checked 3 files: 2 errors, 0 warnings (1 folder could not be read)\n"
    assert (check.returncode, check.stderr) == (1, said + counted)
    assert (due.returncode, due.stderr) == (1, said)


@pytest.mark.usefixtures("refused")
def test_a_folder_that_cannot_be_read_is_named_as_the_files_beside_it_are(tmp_path, monkeypatch):
    """`check .`: the folder as `locked`, like `a.yaml` beside it, never `./locked`."""
    _tree(tmp_path, SEED)
    monkeypatch.chdir(tmp_path)
    assert expand(["."]) == ["a.yaml", "locked", "z.yaml"]
    assert invoke("check", ".").stderr.startswith("locked:1:1: error[unreadable-file]")
