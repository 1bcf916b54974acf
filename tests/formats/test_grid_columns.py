"""Every table view in 80 columns and nothing cut at 60 (issue 19, point 5): the CLI run in a
pseudo-terminal of that width; every line fits, nothing is replaced by `…`, and every figure the table shows is
whole in it: the figures of the command's JSON, each as the table shows it (display rounding, half away from
zero, with the table's decimals), as many times as the table shows it. A figure lost or mangled where a table
is split into blocks fails. `due`'s names, reasons and paths are whole words too."""

import fcntl
import functools
import json
import os
import pty
import struct
import subprocess
import sys
import termios

import pytest

from conftest import ROOT, due_tables
from json_figures import (
    compare_figures,
    due_figures,
    followup_figures,
    gap_figures,
    missing,
    report_json,
    savings_figures,
    sensitivity_figures,
)

S = "scenarios/"
COMMANDS = {
    "gap": ["gap", S + "2024.yaml"],
    "gap-cap": ["gap", S + "outcome-cap.yaml"],
    "savings": ["savings", S + "2024.yaml"],
    "sensitivity": ["savings", S + "2024.yaml", "--realisation", "100%,75%,50%"],
    "compare": ["compare", S + "2024.yaml", S + "2025.yaml"],
    "due": ["due", "scenarios", "--budget", "2025"],
    "due-kr": ["due", "tests/fixtures/due", "--budget", "2025"],
    "follow-up": ["follow-up", S + "2024-opfoelgning.yaml"],
    # a repayment's rows, whose second label column holds a pocket's name (19 letters)
    "follow-up-repaid": ["follow-up", "tests/fixtures/repayment/followup.yaml", "--unit", "mio. kr."],
}


# Every view at one width, in one process of the CLI (`effektinvest.cli.run`, what the console script runs, after
# `streams.guard` as there), standard output on a pseudo-terminal of that width: what the test looks at is how a
# view fits the terminal it finds, the same in the first command of a process as in the eighth; one process a
# width, not one a view (each process of the CLI costs a quarter of a second of CPU).
DRIVER = """
import json, sys
from effektinvest.cli import run
from effektinvest.edges.streams import guard

guard()
for args in json.loads(sys.argv[1]):
    code = run(args)
    sys.stdout.write(f"\\n{sys.argv[2]} {code}\\n")
    sys.stdout.flush()
"""
MARK = "=== effektinvest view ended, exit"


@functools.cache
def _on_a_terminal(columns: int) -> dict[str, str]:
    """Each of COMMANDS run with standard output on a pseudo-terminal COLUMNS wide: name -> what it printed."""
    main, secondary = pty.openpty()
    os.set_blocking(main, True)
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")} | {"NO_COLOR": "1"}
    names = sorted(COMMANDS)
    argv = [sys.executable, "-c", DRIVER, json.dumps([COMMANDS[name] for name in names]), MARK]
    process = subprocess.Popen(argv, stdout=secondary, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    os.close(secondary)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.close(main)
    assert process.wait() == 0
    first, *rest = out.decode("utf-8").replace("\r\n", "\n").split(f"\n{MARK} ")
    codes, outputs = zip(*(part.split("\n", 1) for part in rest), strict=True)  # "CODE\nNEXT VIEW"
    assert codes == ("0",) * len(names) and outputs[-1] == "", dict(zip(names, codes, strict=False))
    return dict(zip(names, [first, *outputs[:-1]], strict=True))


FIGURES = {
    "gap": gap_figures,
    "gap-cap": gap_figures,
    "savings": savings_figures,
    "sensitivity": sensitivity_figures,
    "compare": compare_figures,
    "due": due_figures,
    "due-kr": due_figures,
    "follow-up": followup_figures,
    "follow-up-repaid": followup_figures,
}
# A table's lines: each that starts with its left border ends with its right one (a line cut at the terminal's
# edge keeps its width and its figures, but not its border)
LEFT, RIGHT = "┏┃┡│├└", "┓┃┩│┤┘"


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("columns", [80, 61, 60])
def test_every_view_fits_and_shows_every_figure_of_its_json(name, columns):
    args = COMMANDS[name]
    out = _on_a_terminal(columns)[name]
    assert max(len(line) for line in out.splitlines()) <= columns
    assert [line for line in out.splitlines() if line[:1] in LEFT and line[-1:] not in RIGHT] == []  # none cut
    assert "…" not in out
    expected = FIGURES[name](report_json(args))
    assert expected and not missing(expected, out)  # every figure, whole, as often as the table shows it


@pytest.mark.parametrize("name", ["due", "due-kr"])
@pytest.mark.parametrize("columns", [80, 60])
def test_due_splits_no_word_of_a_name_or_a_path(name, columns):
    """Each file's path whole on its heading line; each cell, its lines read together, is the JSON's words."""
    args = COMMANDS[name]
    items = report_json(args)
    paths = list(dict.fromkeys(item["path"] for item in items))
    expected = [
        (path, [[f"{i['name']} ({i['project']})", i["reason_text"], i["decision"]] for i in items if i["path"] == path])
        for path in paths
    ]
    groups = due_tables(_on_a_terminal(columns)[name])
    assert [(path, [row[:3] for row in rows[1:]]) for path, rows in groups] == expected
