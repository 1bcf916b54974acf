"""Every table view in 80 columns and nothing cut at 60 (issue 19, point 5): the console script run in a
pseudo-terminal of that width; every line fits, every figure of the command's JSON is whole in it, and a table
split into blocks repeats its label column in each."""

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

EXE = str(Path(sys.executable).parent / "effektinvest")
S = "scenarios/"
COMMANDS = {
    "gap": ["gap", S + "2024.yaml"],
    "gap-cap": ["gap", S + "outcome-cap.yaml"],
    "savings": ["savings", S + "2024.yaml"],
    "sensitivity": ["savings", S + "2024.yaml", "--realisation", "100%,75%,50%"],
    "compare": ["compare", S + "2024.yaml", S + "2025.yaml"],
    "due": ["due", "scenarios", "--budget", "2025"],
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


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("columns", [80, 60])
def test_every_view_fits_and_cuts_nothing(name, columns):
    args = COMMANDS[name]
    out = _on_a_terminal(args, columns)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert "…" not in out
    figures = re.compile(r"-?[0-9][0-9.]*,[0-9]+")
    assert set(figures.findall(_on_a_terminal(args, 400))) <= set(figures.findall(out))  # every figure whole
