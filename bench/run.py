"""Benchmark: effektinvest against its floors, wall time and peak memory, as ratios.

Run by hand, never in the test suite:

    .venv/bin/python bench/run.py              # every case, 5 runs each (3 for 100,000 projects)
    .venv/bin/python bench/run.py --quick      # 10 and 1,000 projects only, 3 runs

Each case runs A (effektinvest) and B (its floor) alternately, each in a fresh process, and reports the
median wall time and the median peak resident memory (GNU time's %M, from wait4) of each,
and their ratio A/B against the target of issue 5 (docs/performance.md records the figures).

Before it measures, it compiles the package's bytecode (`compile_package`): effektinvest as a user installs
it, whose every module pip has compiled, against floors whose modules (Typer, Rich, yaml) pip has compiled.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import write  # noqa: E402

PY = sys.executable
EXE = str(Path(PY).parent / "effektinvest")
SEED = str(ROOT / "scenarios" / "2024.yaml")

BARE_LOAD = (
    "import gc, sys, yaml; gc.disable()\n"
    "for p in sys.argv[1:]:\n"
    "    with open(p, 'rb') as f: yaml.load(f, Loader=yaml.CSafeLoader)\n"
)
BARE_TABLE = (
    "import sys, yaml\n"
    "from rich.console import Console\n"
    "from rich.table import Table\n"
    "data = yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)\n"
    "t = Table(title=str(data.get('scenario')))\n"
    "[t.add_column(c) for c in ('', '2024', '2025', 'I alt')]\n"
    "[t.add_row(f'row {i}', '1,00', '2,00', '3,00') for i in range(10)]\n"
    "Console().print(t)\n"
)


def compile_package() -> str:
    """Compile src/effektinvest to bytecode (its __pycache__ folders, as any run without PYTHONDONTWRITEBYTECODE
    leaves them, and as pip does for an installed wheel) and say so. An editable install is never compiled by
    pip, and where PYTHONDONTWRITEBYTECODE is set (as in this project's workplace) Python never writes the
    bytecode either: every run would compile from source the 49 modules of the package that `gap` loads, about
    30 ms that no installed copy pays, nor any floor (docs/performance.md, "Start-up")."""
    package = ROOT / "src" / "effektinvest"
    if not compileall.compile_dir(str(package), quiet=1):
        raise SystemExit(f"cannot compile {package}")
    state = "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "not set"
    return f"bytecode: {package.relative_to(ROOT)} compiled (PYTHONDONTWRITEBYTECODE {state})"


OUTCOME_LINE = "      - {source: fund, tariff: 0.5, outcomes: {2025: 20, 2026: 30, 2027: 40, 2028: 50}, cap: 60}\n"


def with_outcome_lines(path: Path) -> Path:
    """A copy of the generated file PATH in which every project also has an outcome line on the fund (tariff
    0.5 t.kr., 20 to 50 outcomes a year, a cap of 60 t.kr. that binds in the last year at 100 %)."""
    target = path.with_name(path.stem + "_outcomes.yaml")
    if not target.exists():
        share = '        share: "25%"\n'
        text = path.read_text(encoding="utf-8")
        target.write_text(text.replace(share, share + OUTCOME_LINE), encoding="utf-8")
    return target


INVESTOR_SOURCE = "  inv: {name: Investoren, kind: external}\n"
INVESTOR_LINE = "      - source: inv\n        amount: {2025: 10}\n"
REPAY = (
    "        repay: {tariff: 0.5, outcomes: {2027: 20, 2028: 30, 2029: 40}, cap: 40, "
    'by: {dept: "60%", forsorg: "40%"}}\n'
)


def with_investor_lines(path: Path, repay: bool) -> Path:
    """A copy of the generated file PATH (with savings) in which every project also has a line of an external
    investor (10 t.kr. in 2025); with REPAY, repaid per outcome (0.5 t.kr. for 20, 30, 40 outcomes in 2027 to
    2029, a cap of 40 t.kr. that binds in 2029) by the department and forsørgelse: issue 22's file, and the same
    file without `repay` to hold it against."""
    target = path.with_name(path.stem + ("_repaid" if repay else "_invested") + ".yaml")
    if not target.exists():
        share = '        share: "25%"\n'
        text = path.read_text(encoding="utf-8").replace("sources:\n", "sources:\n" + INVESTOR_SOURCE, 1)
        target.write_text(text.replace(share, share + INVESTOR_LINE + (REPAY if repay else "")), encoding="utf-8")
    return target


def measure(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one fresh process, its output thrown away.

    The peak comes from GNU time's own wait4 on the command: a child forked from this (larger) process
    would inherit this process's peak in ru_maxrss, so the command is started from a small one.
    """
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    wall = time.perf_counter() - start
    if result.returncode not in (0, 3):
        raise SystemExit(f"{argv} exited {result.returncode}: {result.stderr[-300:]}")
    return wall, int(result.stderr.strip().splitlines()[-1])


def pair(a: list[str], b: list[str], runs: int) -> tuple[tuple[float, int], tuple[float, int]]:
    """Medians of A and B, run alternately (A, B, A, B, ...) after one warm-up each."""
    measure(a), measure(b)
    results_a, results_b = [], []
    for _ in range(runs):
        results_a.append(measure(a))
        results_b.append(measure(b))

    def median(results):
        return statistics.median(r[0] for r in results), int(statistics.median(r[1] for r in results))

    return median(results_a), median(results_b)


ROWS: list[tuple] = []


def case(name: str, a: list[str], b: list[str], runs: int, target_time: float | None, target_memory: float | None):
    (ta, ma), (tb, mb) = pair(a, b, runs)
    ROWS.append((name, ta, tb, ta / tb, target_time, ma, mb, ma / mb, target_memory))
    time_target = f"(≤{target_time:.2f})" if target_time else "(-)"
    memory_target = f" (≤{target_memory:.2f})" if target_memory else ""
    print(
        f"{name:<44} {ta:8.3f}s {tb:8.3f}s {ta / tb:6.2f}x {time_target:>7} "
        f"{ma / 1024:8.1f}M {mb / 1024:8.1f}M {ma / mb:6.2f}x{memory_target}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 and 1,000 projects only, 3 runs")
    parser.add_argument("--runs", type=int, default=5)
    groups = ["large", "startup", "folder", "savings", "risk", "repay", "views", "followup", "docx"]
    parser.add_argument("--only", choices=groups, help="one group of cases")
    parser.add_argument("--sizes", type=int, nargs="+", metavar="N", help="project counts of the large-file cases")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    sizes = args.sizes or ([10, 1000] if args.quick else [10, 1000, 10_000, 100_000])
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, load average {os.getloadavg()[0]:.2f}"
    )
    print(compile_package())
    print(f"{'case':<44} {'A':>9} {'B':>9} {'time':>7} {'(target)':>7} {'A mem':>9} {'B mem':>9} {'mem':>7}")
    with tempfile.TemporaryDirectory(prefix="effektinvest-bench-") as tmp:
        folder = Path(tmp)
        if args.only in (None, "large"):
            for n in sizes:
                path = str(write(folder, n))
                r = min(runs, 3) if n >= 100_000 else runs
                bare = [PY, "-c", BARE_LOAD, path]
                # the targets are for large files; at 10 and 1,000 projects start-up is most of it
                target = 1.0 if n >= 10_000 else None
                case(
                    f"gap --format json, {n:,} projects",
                    [EXE, "gap", path, "--format", "json"],
                    bare,
                    r,
                    target,
                    target,
                )
                case(f"check, {n:,} projects", [EXE, "check", path], bare, r, target, target)
                # issue 12: the workbook (openpyxl, write-only) within 3x of the JSON report of the same file
                case(
                    f"gap --format xlsx vs json, {n:,} projects",
                    [EXE, "gap", path, "--format", "xlsx"],
                    [EXE, "gap", path, "--format", "json"],
                    r,
                    3.0 if n >= 10_000 else None,
                    None,
                )
        if args.only in (None, "savings"):
            # issue 11: each project with savings in three pockets over four years; the target as for gap
            n = 1000 if args.quick else 100_000
            path = str(write(folder, n, savings=True))
            bare = [PY, "-c", BARE_LOAD, path]
            target = None if args.quick else 1.0
            command = [EXE, "savings", path, "--format", "json"]
            case(f"savings --format json, {n:,} projects", command, bare, 3, target, target)
        if args.only in (None, "risk"):
            # issue 21: every project also with an outcome line (its counts scaled by each realisation, a cap
            # that binds at 100 %); five realisations within 2.5x of one, on the same file
            n = 1000 if args.quick else 100_000
            path = str(with_outcome_lines(write(folder, n, savings=True)))
            one = [EXE, "savings", path, "--format", "json"]
            five = [*one, "--realisation", "100%,75%,50%,25%,0%"]
            case(f"savings 5 realisations vs 1, {n:,} projects", five, one, 3, None if args.quick else 2.5, None)
        if args.only in (None, "repay"):
            # issue 22: every project also with an investor's line repaid per outcome by two pockets, against the
            # same file without `repay`: gap and savings within 1.3x in time and peak memory
            n = 1000 if args.quick else 100_000
            base = write(folder, n, savings=True)
            repaid, plain = with_investor_lines(base, True), with_investor_lines(base, False)
            target = None if args.quick else 1.3
            for command in ("gap", "savings"):
                a, b = ([EXE, command, str(p), "--format", "json"] for p in (repaid, plain))
                case(f"{command} --format json repaid vs not, {n:,} projects", a, b, 3, target, target)
            # what reading and checking the larger file costs by itself (no target): the floor of the two above
            a, b = ([EXE, "check", str(p)] for p in (repaid, plain))
            case(f"check repaid vs not, {n:,} projects", a, b, 3, None, None)
        if args.only in (None, "followup"):
            # issue 18: the accounts of two closed years in every project, against gap on the same file
            n = 1000 if args.quick else 100_000
            path = str(write(folder, n, actuals=True))
            target = None if args.quick else 1.2
            plain = [EXE, "gap", path, "--format", "json"]
            command = [EXE, "follow-up", path, "--format", "json"]
            case(f"follow-up --format json vs gap, {n:,} projects", command, plain, 3, target, target)
        if args.only in (None, "views"):  # issue 13: against plain gap --format json on the same file
            for n in sizes:
                path = str(write(folder, n))
                r = min(runs, 3) if n >= 100_000 else runs
                plain = [EXE, "gap", path, "--format", "json"]
                target = 1.5 if n >= 10_000 else None
                for view in (["--explain"], ["--by", "project"]):
                    case(f"gap {' '.join(view)} --format json, {n:,} projects", [*plain, *view], plain, r, target, None)
        # issue 19, point 7: the Word note and the workbook within 3x of gap's JSON, time and memory
        if args.only in (None, "docx"):
            for n in args.sizes or [1000 if args.quick else 5000]:
                path = str(write(folder, n))
                target = 3.0 if n >= 5000 else None
                plain = [EXE, "gap", path, "--format", "json"]
                for command, fmt in (("note", "docx"), ("gap", "xlsx")):
                    a = [EXE, command, path, "--format", fmt]
                    case(f"{command} --format {fmt} vs gap json, {n:,} projects", a, plain, runs, target, target)
        if args.only in (None, "startup"):
            case(
                "gap scenarios/2024.yaml vs minimal Typer app",
                [EXE, "gap", SEED],
                [PY, str(HERE / "floor_typer.py"), SEED],
                runs,
                1.15,
                None,
            )
            case(
                "gap scenarios/2024.yaml vs bare python -c",
                [EXE, "gap", SEED],
                [PY, "-c", BARE_TABLE, SEED],
                runs,
                None,
                None,
            )
            case(
                "gap 2024.yaml --format xlsx vs --format json",  # what importing openpyxl costs, only for xlsx
                [EXE, "gap", SEED, "--format", "xlsx"],
                [EXE, "gap", SEED, "--format", "json"],
                runs,
                None,
                None,
            )
            case("--version vs python -c pass", [EXE, "--version"], [PY, "-c", "pass"], runs, 1.5, None)
            case(
                "python -m effektinvest --version vs python -c pass",
                [PY, "-m", "effektinvest", "--version"],
                [PY, "-c", "pass"],
                runs,
                1.5,
                None,
            )
        if args.only in (None, "folder"):
            many = folder / "many"
            many.mkdir()
            text = write(folder, 10).read_text(encoding="utf-8")
            for i in range(1000):
                (many / f"s{i:04}.yaml").write_text(text, encoding="utf-8")
            files = sorted(str(p) for p in many.iterdir())
            case(
                "check over 1,000 small files",
                [EXE, "check", str(many)],
                [PY, "-c", BARE_LOAD, *files],
                runs,
                1.5,
                None,
            )
    missed = [row[0] for row in ROWS if (row[4] and row[3] > row[4]) or (row[8] and row[7] > row[8])]
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    print("all targets met" if not missed else "targets missed: " + "; ".join(missed))


if __name__ == "__main__":
    main()
