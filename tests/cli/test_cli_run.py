"""cli.run: how an unexpected end of a command reaches a user (one line on standard error and an exit
code, never a traceback), whatever raised it."""


import pytest
import typer

import effektinvest.cli.gap as gap_command
from conftest import ROOT, invoke

SEED = str(ROOT / "scenarios" / "2024.yaml")


def _raising(exc: BaseException):
    def deliver(*_args, **_kwargs):
        raise exc

    return deliver


@pytest.mark.parametrize(
    ("raised", "code", "said"),
    [
        (MemoryError(), 2, "effektinvest: error: out of memory while writing the report\n"),
        (typer.Abort(), 1, "effektinvest: aborted\n"),
        (SystemExit("effektinvest: stopped"), 1, "effektinvest: stopped\n"),
        (SystemExit(None), 0, ""),
        (SystemExit(4), 4, ""),
    ],
)
def test_an_unexpected_end_is_one_line_and_an_exit_code(monkeypatch, raised, code, said):
    monkeypatch.setattr(gap_command, "deliver", _raising(raised))
    result = invoke("gap", SEED)
    assert result.returncode == code
    assert result.stderr == said
    assert result.stdout == ""
