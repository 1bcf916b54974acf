"""cli.run: how an unexpected end of a command reaches a user (one line on standard error and an exit
code, never a traceback), whatever raised it; and a path a user gave, in what a command says on standard
error, is one line with nothing a terminal acts on."""


import pytest
import typer

import effektinvest.cli.gap as gap_command
from conftest import ROOT, invoke

SEED = str(ROOT / "scenarios" / "2024.yaml")
NO_SAVINGS = ROOT / "scenarios" / "2025.yaml"


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


def test_a_scenario_path_in_the_savings_note_is_shown_escaped(tmp_path):
    scenario = tmp_path / "a\x1b]0;title\x07\nb.yaml"
    scenario.write_bytes(NO_SAVINGS.read_bytes())
    result = invoke("savings", scenario)
    assert result.returncode == 0
    assert result.stderr == (
        f"effektinvest: note: {tmp_path}/a\\x1b]0;title\\x07\\nb.yaml states no savings (the projects' 'savings:')\n"
    )
