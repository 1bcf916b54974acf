"""What the tests share: `invoke`, the command line driven in this process (typer's CliRunner isolation
around `cli.run`), for every test where a real process does not matter."""

from __future__ import annotations

import sys

# pytest compiles each test module, and each module of hypothesis (a pytest plugin's distribution), from its
# rewritten source, and caches the result beside it, unless Python is told not to write bytecode
# (PYTHONDONTWRITEBYTECODE, set on this project's machines): then each worker does it again in every session,
# 3 of its 5 s before the first test under `pytest --cov`. So the tests write it: the first session on a
# machine pays, the later ones read it (__pycache__ is ignored by git). The package's own: `pytest_configure`.
sys.dont_write_bytecode = False

import itertools  # noqa: E402
import os  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import typer.main  # noqa: E402
from hypothesis import settings  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from effektinvest.cli import app, run  # noqa: E402

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


@pytest.fixture(autouse=True)
def _processes_unmeasured(request, monkeypatch) -> None:
    """Under `pytest --cov`, coverage starts itself in each Python process a test starts (`patch = subprocess`
    in pyproject.toml): about 0.1 s of CPU more a process, 13 s of the suite's 100, for lines that tests in
    this process run anyway. Only a test marked `measured_process` keeps it: its process runs lines that no
    test can run in pytest's own process (the console script, a closed pipe, the reader without libyaml)."""
    if request.node.get_closest_marker("measured_process") is None:
        monkeypatch.delenv("COVERAGE_PROCESS_CONFIG", raising=False)


# Under `pytest --cov`, how many examples of a property test are measured (see `pytest_runtest_call`).
MEASURED_EXAMPLES = 20


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """Under `pytest --cov`, a property test is measured while its body runs, not while hypothesis draws and
    shrinks its examples. Coverage's tracer (Python 3.11: `sys.settrace`) sees every call in every module,
    its own `source` or not, so hypothesis' engine ran two to three times slower under it, for lines of no
    module of ours. The body, which is all of a property test that runs our code, is wrapped through
    `.hypothesis.inner_test`, the hook hypothesis keeps for test runners. Only its first MEASURED_EXAMPLES
    examples are measured: they reach the lines that its later examples reach (the report is line for line
    the same measured on every example, docs/testing.md), and all of them still run and are checked."""
    test = getattr(item.obj, "hypothesis", None)
    measuring = sys.modules.get("coverage") and sys.modules["coverage"].Coverage.current()
    if not (measuring and getattr(item.obj, "is_hypothesis_test", False)):
        yield
        return
    body = test.inner_test
    examples = itertools.count()

    def measured(*args, **kwargs):
        if next(examples) >= MEASURED_EXAMPLES:
            return body(*args, **kwargs)
        measuring.start()
        try:
            return body(*args, **kwargs)
        finally:
            measuring.stop()

    test.inner_test = measured
    measuring.stop()
    try:
        yield
    finally:
        measuring.start()
        test.inner_test = body


def pytest_configure(config) -> None:
    """Compile the package's bytecode once, before any worker or CLI process starts: an editable install has
    none, and where PYTHONDONTWRITEBYTECODE is set (as on this project's machines) every CLI process a test
    starts would compile the package from source again (about 30 ms of CPU each; `bench/run.py` does the
    same). Reading bytecode is not affected by that setting; `__pycache__` is ignored by git."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        import compileall

        compileall.compile_dir(str(ROOT / "src" / "effektinvest"), quiet=2)


def pytest_collection_finish(session) -> None:
    """Start now what runs in processes of its own for long: the memory-bound cases that the session will run
    (acceptance/test_limits.py, `start_memory_runs`), and, when the pre-commit test is to run, its `pre-commit` run
    (acceptance/test_precommit.py, `start_pre_commit`), so that they run while the other tests run
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


# --- What several test modules share (no test module imports another) ----------------------------------------------
# Helpers come here as plain functions, constants and strategies (or as fixtures) when a second module needs them.

import json  # noqa: E402
import re  # noqa: E402
from decimal import Decimal  # noqa: E402

from effektinvest.edges.load import load_bytes  # noqa: E402
from effektinvest.model.units import Unit  # noqa: E402

# --- savings (reports/savings/, cli/test_savings_command.py, acceptance/) ---------------------------------------------

def savings_json(*args) -> dict:
    """`effektinvest savings ARGS... --format json`: exit 0, every number read as Decimal."""
    result = invoke("savings", *args, "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)


def savings_out(*args, env: dict | None = None) -> str:
    """`effektinvest savings ARGS...` (the table, on a terminal 250 columns wide, unless ARGS ask for a format):
    exit 0, standard output."""
    result = invoke("savings", *args, env={"COLUMNS": "250"} if env is None else env)
    assert result.code == 0, result.stderr
    return result.stdout


# The savings runs whose every output is held to the JSON's figures (reports/savings/test_savings_xlsx.py, csv-da).
_SEED = str(ROOT / "scenarios" / "2024.yaml")
_WORKED = str(ROOT / "tests" / "fixtures" / "savings" / "worked.yaml")
_REPAID = str(ROOT / "tests" / "fixtures" / "repayment" / "worked.yaml")  # format 1.3: repaid and received
SAVINGS_RUNS = [
    [_SEED],
    [_WORKED],
    [_SEED, "--realisation", "100%,50%"],
    [_WORKED, "--realisation", "100%,50%"],
    [_SEED, "--unit", "t.kr.", "--discount", "4%", "--realisation", "42,5%"],
    [_WORKED, "--decimals", "0", "--unit", "mio. kr."],
    [_SEED, "--decimals", "1"],  # the rounding-difference line under the table
    [_REPAID],
    [_REPAID, "--realisation", "100%,50%", "--unit", "t.kr."],
]
SAVINGS_RUN_IDS = [" ".join(a.rsplit("/", 1)[-1] for a in args) for args in SAVINGS_RUNS]

FORMULA_LIKE = {"a": "=2*3", "b": "+45 1234", "c": "-1", "d": "@SUM(A1)"}


@pytest.fixture
def formulas(tmp_path):
    """A savings scenario whose title and names begin with = + - @ (and one with a control character)."""
    sources = "".join(f"  {sid}: {{name: {json.dumps(n)}, kind: decentral}}\n" for sid, n in FORMULA_LIKE.items())
    savings = ", ".join(f"{sid}: {{2025: 1}}" for sid in FORMULA_LIKE)
    scenario = tmp_path / "formula.yaml"
    scenario.write_text(
        "scenario: \"=cmd|' /C calc'!A0\"\nbudget_year: 2024\nunit: kr.\n"
        f'sources:\n{sources}  s: {{name: "Rød\\e[31m", kind: state}}\n'
        "projects:\n  p:\n    name: P\n    costs: {2024: 4}\n"
        "    financing:\n"
        + "".join(f"      - {{source: {sid}, amount: 1}}\n" for sid in FORMULA_LIKE)
        + f"    savings: {{{savings}, s: {{2025: 1}}}}\n",
        encoding="utf-8",
    )
    return scenario


# A decentral source: the head of a scenario the savings tests add projects to
DECENTRAL_HEAD = """\
scenario: S
budget_year: 2024
unit: kr.
sources:
  dec: {name: Decentralt budget, kind: decentral}
"""


def write_scenario(tmp_path, text: str, name: str = "s.yaml"):
    """TEXT as the scenario file NAME in TMP_PATH: its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- a source of each kind that outcome lines and savings care about --------------------------------------------------
# (model/test_values.py, checks/test_checks.py, checks/test_checks_savings.py, model/test_partial.py)

# Lines 1 to 13; what a case adds starts at line 14.
KINDS_HEAD = """scenario: T
budget_year: 2024
unit: kr.
sources:
  fond: {name: Fond, kind: fund}
  dec: {name: Decentral, kind: decentral}
  stat: {name: Staten, kind: state}
  reg: {name: Regionen, kind: region}
projects:
  a:
    name: A
    costs: {2024: 1000, 2025: 1500}
    savings: {stat: {2025: 1}, reg: {2025: 1}}
"""


def found_in(text: str, unused: bool):
    found = load_bytes(text.encode(), "t.yaml").diagnostics
    return [d for d in found if unused or d.code != "unused-source"]  # KINDS_HEAD's fond and dec pay in few cases


def diagnostics_of(text: str, unused: bool = False) -> list[tuple[str, str, int, int]]:
    return [(d.severity.value, d.code, d.line, d.column) for d in found_in(text, unused)]


def messages_of(text: str) -> list[str]:
    return [d.message for d in found_in(text, False)]


# --- the command line from the repository's root; exact JSON; the portfolio fixtures ---------------------------------


@pytest.fixture
def at_the_root(monkeypatch):
    """Relative paths (scenarios/2024.yaml) as a user in the repository gives them."""
    monkeypatch.chdir(ROOT)


def as_json(text: str):
    """A JSON report read exactly: every number a Decimal."""
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


def load_portfolio(name: str):
    """tests/fixtures/portfolio/NAME, loaded without an error."""
    from effektinvest.edges.load import load_path

    result = load_path(str(ROOT / "tests" / "fixtures" / "portfolio" / name))
    assert result.errors == []
    return result


# --- the shipped scenario's gap (cli/, reports/gap/, acceptance/) -----------------------------------------------------


def seed_report(unit=Unit.MIO):
    """The gap view of the shipped scenario, in UNIT."""
    from effektinvest.edges.load import load_path
    from effektinvest.reports.gap.view import build

    loaded = load_path(str(ROOT / "scenarios" / "2024.yaml"))
    return build(loaded.scenario, loaded.gap, unit)


def gap_json(*args, stdin=None):
    """`effektinvest gap ARGS... --format json`: exit 0, every number read as Decimal."""
    result = invoke("gap", *args, "--format", "json", input=stdin)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)


SEED_GAP_LINE = "effektinvest: a residual remains in 2024 (0.8 mio. kr.) and 2025 (1.2 mio. kr.) (--fail-on-gap)\n"

# Every cell of the shipped scenario's table, row by row: the head, then each row's label and its
# figures for 2024, 2025 and I alt.
SEED_CELLS = [
    ["Budget 2024", "2024", "2025", "I alt"],
    ["Havnen", "2,48", "3,72", "6,20"],
    ["Hjem, Job og Helhed", "1,66", "2,49", "4,15"],
    ["Udgift i alt", "4,14", "6,21", "10,35"],
    ["Sociale Forhold og Beskæftigelse", "1,76", "2,64", "4,40"],
    ["Ikke-decentraliserede budgetter", "0,76", "1,14", "1,90"],
    ["Outcomefonden", "0,82", "1,23", "2,05"],
    ["Finansiering i alt", "3,34", "5,01", "8,35"],
    ["Dækningsgrad", "80,7 %", "80,7 %", "80,7 %"],
    ["Restfinansiering", "0,80", "1,20", "2,00"],
]


def cells(table: str) -> list[list[str]]:
    """The text of each cell of a Rich table, row by row (rules and borders left out)."""
    return [
        [cell.strip() for cell in re.split("[┃│]", line)[1:-1]]
        for line in table.splitlines()
        if line.startswith(("┃", "│"))
    ]


def due_tables(out: str) -> list[tuple[str | None, list[list[str]]]]:
    """`due`'s table (reports/due/table.py) as its groups: each file's heading line (its path; None over the
    empty table) with its table's rows, the head first, each cell's lines joined by a space (a cell wrapped at
    its spaces reads as written, a word folded does not)."""
    lines = out.splitlines()
    groups: list[tuple[str | None, list[list[str]]]] = []
    pieces: list[list[str]] = []
    for index, line in enumerate(lines):
        if line.startswith("┏"):
            groups.append((lines[index - 1].strip() if index > 1 else None, []))
        elif line.startswith(("┃", "│")):
            pieces.append([cell.strip() for cell in re.split("[┃│]", line)[1:-1]])
        elif line.startswith(("┡", "├", "└")) and pieces:
            columns = zip(*pieces, strict=True)
            groups[-1][1].append([" ".join(piece for piece in column if piece) for column in columns])
            pieces = []
    return groups


def in_order(value):
    """VALUE with each object as the list of its (key, value) pairs: equal only in the same order (a JSON
    object's keys as docs/cli.md lists them)."""
    if isinstance(value, dict):
        return [(key, in_order(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [in_order(item) for item in value]
    return value
