"""The profile behind docs/performance.md: each step of `gap --format json` on one file, timed in one
process with the collector paused; then the same for the bare load, in a fresh process image.

    .venv/bin/python bench/phases.py FILE        # e.g. a file bench/run.py generated (bench/generate.py)
"""

from __future__ import annotations

import gc
import os
import sys
import time


def main(path: str) -> None:
    gc.disable()
    clock = time.perf_counter
    start = clock()
    from yaml.events import StreamEndEvent

    from effektinvest import reader
    from effektinvest.edges.load import checked
    from effektinvest.model import Scenario
    from effektinvest.reports import gap as gap_report
    from effektinvest.reports.gap.view import build

    steps = [("imports", clock() - start)]
    with open(path, "rb") as handle:
        data = handle.read()
    t = clock()
    events = reader._Parser(data).get_event
    while events().__class__ is not StreamEndEvent:
        pass
    aside = [("(libyaml's events alone)", clock() - t)]
    t = clock()
    reader.read(data, path)
    aside.append(("(reading with marks)", clock() - t))
    t = clock()
    value = reader.read(data, path, marks=False).data  # what the CLI does first (see load.py)
    steps.append(("read: events to data", clock() - t))
    t = clock()
    scenario = Scenario.model_validate(value)
    steps.append(("pydantic validation", clock() - t))
    t = clock()
    _findings, gap, _paid = checked(scenario)
    steps.append(("checks and arithmetic", clock() - t))
    t = clock()
    gap_report.render("json", build(scenario, gap, scenario.unit))
    steps.append(("JSON report", clock() - t))
    steps.append(("total", sum(seconds for _, seconds in steps)))
    steps += aside

    for name, seconds in steps:
        print(f"{name:<30} {seconds:6.2f} s")
    sys.stdout.flush()
    # the bare load in a fresh process image: as a child of this one (700 MB at 100,000 projects) it ran
    # a quarter slower
    os.execv(sys.executable, [sys.executable, __file__, "--bare", path])


def bare(path: str) -> None:
    gc.disable()
    clock = time.perf_counter
    import yaml

    with open(path, "rb") as handle:
        data = handle.read()
    t = clock()
    loader = yaml.CSafeLoader(data)
    node = loader.get_single_node()
    compose = clock() - t
    t = clock()
    loader.construct_document(node)
    construct = clock() - t
    print(f"{'bare: compose':<30} {compose:6.2f} s")
    print(f"{'bare: construct':<30} {construct:6.2f} s")
    print(f"{'bare: total':<30} {compose + construct:6.2f} s")


if __name__ == "__main__":
    if sys.argv[1] == "--bare":
        bare(sys.argv[2])
    else:
        main(sys.argv[1])
