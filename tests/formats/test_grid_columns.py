"""Every table view in 80 columns and nothing cut at 60 (issue 19, point 5): the console script run in a
pseudo-terminal of that width; every line fits, nothing is replaced by `…`, and every figure the table shows is
whole in it: the figures of the command's JSON, each as the table shows it (display rounding, half away from
zero, with the table's decimals), as many times as the table shows it. A figure lost or mangled where a table
is split into blocks fails. `due`'s names, reasons and paths are whole words too."""

import os
import pty
import subprocess
import sys
from pathlib import Path

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

EXE = str(Path(sys.executable).parent / "effektinvest")
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
}


def _on_a_terminal(args: list[str], columns: int) -> str:
    """ARGS run by the console script with standard output on a pseudo-terminal COLUMNS wide."""
    main, secondary = pty.openpty()
    os.set_blocking(main, True)
    import fcntl
    import struct
    import termios

    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")} | {"NO_COLOR": "1"}
    process = subprocess.Popen([EXE, *args], stdout=secondary, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
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
    return out.decode("utf-8").replace("\r\n", "\n")


FIGURES = {
    "gap": gap_figures,
    "gap-cap": gap_figures,
    "savings": savings_figures,
    "sensitivity": sensitivity_figures,
    "compare": compare_figures,
    "due": due_figures,
    "due-kr": due_figures,
    "follow-up": followup_figures,
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("columns", [80, 60])
def test_every_view_fits_and_shows_every_figure_of_its_json(name, columns):
    args = COMMANDS[name]
    out = _on_a_terminal(args, columns)
    assert max(len(line) for line in out.splitlines()) <= columns
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
    groups = due_tables(_on_a_terminal(args, columns))
    assert [(path, [row[:3] for row in rows[1:]]) for path, rows in groups] == expected
