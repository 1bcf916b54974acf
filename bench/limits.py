"""Broken and hostile files: time and peak memory, against the bound of docs/performance.md ("Memory").

Run by hand, never in the test suite (tests/test_limits.py holds the bound under an address-space cap):

    .venv/bin/python bench/limits.py                 # every shape at its default size
    .venv/bin/python bench/limits.py --scale 4       # four times larger
    .venv/bin/python bench/limits.py --only findings_80000

Each case writes one generated file and runs `check --format json` (and `gap --format json` where the file
is valid; for `outcome_lines`, also the tables of `gap --by project` and `gap --explain`, and `compare` of the file
with itself: `VIEWS`) in a fresh process, which reports its wall time and its peak address space (VmPeak, what
RLIMIT_AS caps) and peak resident memory (VmHWM); the bound is `effektinvest.edges.paths.memory_bound`: 128 MiB +
64 bytes per byte of the file + 256 bytes per value an alias repeats + 4 KiB per diagnostic.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import outcomes_text, scenario_text  # noqa: E402

from effektinvest.edges.paths import memory_bound  # noqa: E402  (the bound of docs/performance.md, "Memory")

MIB = 1024 * 1024

HEAD = "scenario: T\nbudget_year: 2024\nsources:\n  kasse: {name: Kassen}\nprojects:\n"
TAIL = "financing:\n  - source: kasse\n    amount: 1\n"


bound = memory_bound  # (size, values repeated by aliases, diagnostics) -> bytes of address space


# Each shape: SIZE (bytes, roughly) -> (text, values repeated by aliases, diagnostics).


def alias_growth(size: int) -> tuple[str, int, int]:
    """An anchored list of SIZE/2 bytes, then enough aliases of it to pass the alias bound: refused before
    any of it is repeated."""
    n = size // 4
    aliases = 4 * size // n + 2
    items = ",".join(["1"] * n)
    refs = ", ".join(["*a"] * aliases)
    text = f"{HEAD}  p1:\n    name: P\n    costs: {{2024: 1}}\n    note: &a [{items}]\n  p2:\n    name: Q\n"
    return f"{text}    note: [{refs}]\n{TAIL}", 0, 1


def repeated_projects(size: int) -> tuple[str, int, int]:
    """One project with 30 cost years, repeated by an alias in as many projects as SIZE bytes hold: valid,
    and 31 values more with each alias, each of them in the model, the figures and the report."""
    n = size // 12
    costs = ", ".join(f"{2024 + y}: 1" for y in range(30))
    text = HEAD + f"  p0: &p {{name: P, costs: {{{costs}}}}}\n" + "".join(f"  p{i}: *p\n" for i in range(1, n)) + TAIL
    return text, 31 * (n - 1), 0


def long_list(size: int) -> tuple[str, int, int]:
    """SIZE/2 ones in one list (issue 10: ten million of them in 20 MB took 2.6 GB)."""
    items = ",".join(["1"] * (size // 2))
    return f"{HEAD}  p1:\n    name: P\n    costs: {{2024: 1}}\n    note: [{items}]\n{TAIL}", 0, 1


def clean(size: int) -> tuple[str, int, int]:
    return scenario_text(size // 170), 0, 0


def one_warning(size: int) -> tuple[str, int, int]:
    return clean(size)[0].replace("sources:\n", "sources:\n  unused: {name: Ubrugt}\n", 1), 0, 1


def outcome_lines(size: int) -> tuple[str, int, int]:
    """Issue 20's probe: a project with a long name and an outcome line with a note every 256 bytes; valid. What
    `gap --by project` (five rows a project) and `gap --explain` (five lines a project) print the most of, a
    byte of the file."""
    return outcomes_text(size // 256), 0, 0


def findings(n: int) -> str:
    """N projects, each with a negative cost: N errors, each on its own line."""
    return HEAD + "".join(f"  p{i}:\n    name: P{i}\n    costs: {{2024: -1}}\n" for i in range(n)) + TAIL


def finding_per_project(size: int) -> tuple[str, int, int]:
    return findings(size // 48), 0, size // 48


def repeated_ids(size: int) -> tuple[str, int, int]:
    """A pooled line that lists one project again and again: a check's finding every 3 bytes."""
    n = size // 3
    ids = ",".join(["p1"] * n)
    return f"{HEAD}  p1: {{name: P, costs: {{2024: 1}}}}\n{TAIL}    projects: [{ids}]\n", 0, n - 1


def lists_for_ids(size: int) -> tuple[str, int, int]:
    """A pooled line whose project ids are lists: a model error every 3 bytes."""
    n = size // 3
    ids = ",".join(["[]"] * n)
    return f"{HEAD}  p1: {{name: P, costs: {{2024: 1}}}}\n{TAIL}    projects: [{ids}]\n", 0, n


def pooled(n: int) -> str:
    """N projects, all listed by one pooled line."""
    listed = ", ".join(f"p{i}" for i in range(n))
    projects = "".join(f"  p{i}: {{name: P, costs: {{2024: 1}}}}\n" for i in range(n))
    return f"{HEAD}{projects}{TAIL}    projects: [{listed}]\n"


def duplicates(n: int) -> str:
    """N projects, each given twice: N duplicate keys in one mapping."""
    once = "".join(f"  p{i}: {{name: P, costs: {{2024: 1}}}}\n" for i in range(n))
    return HEAD + once + once + TAIL


# The views of a valid file a case also runs, each as `check` and `gap` are (name: the arguments before the file, and
# how many times the file is given): the tables of --by project and --explain, and compare of the file with itself.
VIEWS = {
    "outcome_lines": {"by-project": (["gap", "--by", "project"], 1), "explain": (["gap", "--explain"], 1),
                      "compare": (["compare"], 2)},
}

MEMORY = {  # name: (shape, default size)
    "alias_growth": (alias_growth, 4 * MIB),
    "repeated_projects": (repeated_projects, MIB),
    "long_list": (long_list, 4 * MIB),
    "clean": (clean, 4 * MIB),
    "one_warning": (one_warning, 4 * MIB),
    "finding_per_project": (finding_per_project, 4 * MIB),
    "outcome_lines": (outcome_lines, 5 * MIB),  # (20,000 projects: the probe's --by project and compare)
    "repeated_ids": (repeated_ids, MIB // 2),
    "lists_for_ids": (lists_for_ids, MIB // 2),
}
TIME = {  # name: (text, diagnostics) for the superlinear cases of issue 10, 2.3
    "findings_80000": lambda: (findings(80_000), 80_000),
    "findings_200000": lambda: (findings(200_000), 200_000),
    "pooled_40000": lambda: (pooled(40_000), 0),
    "duplicates_40000": lambda: (duplicates(40_000), 40_000),
}

# Runs the CLI as `effektinvest.cli.main` does, then reports its peak address space and resident memory.
PROBE = """
import gc, os, sys, time
gc.disable()
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
from effektinvest.cli import run
start = time.perf_counter()
code = run(sys.argv[1:])
sys.stdout.flush()
wall = time.perf_counter() - start
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
peak, hwm = (int(status[k].split()[0]) * 1024 for k in ("VmPeak", "VmHWM"))
os.write(2, f"\\nPROBE {code} {wall:.2f} {peak} {hwm}\\n".encode())
os._exit(code)
"""


def probe(args: list[str], cwd: Path) -> tuple[int, float, int, int]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    code, wall, peak, hwm = result.stderr.rstrip().splitlines()[-1].split()[1:]
    return int(code), float(wall), int(peak), int(hwm)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every memory shape's size")
    parser.add_argument("--only", nargs="*", help="cases to run, by name")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cwd = Path(folder)
        print(f"{'case':<22}{'command':>11}{'size':>12}{'repeated':>11}{'diags':>9}{'wall':>9}"
              f"{'VmPeak':>10}{'VmHWM':>10}{'bound':>10}  peak/bound")
        for name, (shape, size) in MEMORY.items():
            if options.only and name not in options.only:
                continue
            text, repeated, diagnostics = shape(int(size * options.scale))
            (cwd / "f.yaml").write_text(text)
            size = (cwd / "f.yaml").stat().st_size
            limit = bound(size, repeated, diagnostics)
            views = {command: ([command, "-f", "json"], 1) for command in ("check", "gap")} | VIEWS.get(name, {})
            for command, (args, files) in views.items():
                code, wall, peak, hwm = probe([*args, *["f.yaml"] * files], cwd)
                if command == "gap" and code:
                    break
                print(f"{name:<22}{command:>11}{size:>12,}{repeated:>11,}{diagnostics:>9,}{wall:>8.2f}s"
                      f"{peak / MIB:>9.0f}M{hwm / MIB:>9.0f}M{limit / MIB:>9.0f}M  {peak / limit:.2f}")
        for name, make in TIME.items():
            if options.only and name not in options.only:
                continue
            text, diagnostics = make()
            (cwd / "f.yaml").write_text(text)
            size = (cwd / "f.yaml").stat().st_size
            code, wall, peak, hwm = probe(["check", "-f", "json", "f.yaml"], cwd)
            print(f"{name:<22}{'check':>11}{size:>12,}{0:>11,}{diagnostics:>9,}{wall:>8.2f}s"
                  f"{peak / MIB:>9.0f}M{hwm / MIB:>9.0f}M{bound(size, 0, diagnostics) / MIB:>9.0f}M  "
                  f"{peak / bound(size, 0, diagnostics):.2f}")


if __name__ == "__main__":
    main()
