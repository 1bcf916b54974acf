"""`gap --chart` (issue 12): a stacked bar per budget year and for the total below the table, scaled to the
terminal's width, with a legend; each part its own character without colour. The rounding rule is in
render/chart.py: a bar is its figure times the scale rounded half to even, its parts by the largest remainder."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, invoke
from effektinvest.reports.gap.chart import MARKS, RESIDUAL_MARK, lengths

SEED = str(ROOT / "scenarios" / "2024.yaml")
BAR = re.compile(r"^ *(\d{4}|I alt) (\S*) +(\S+)$")


def _terminal(columns: int, colour: bool = False) -> dict:
    """A terminal COLUMNS wide (FORCE_COLOR makes the console one), without colour unless COLOUR."""
    env = {"FORCE_COLOR": "1", "COLUMNS": str(columns), "TERM": "xterm-256color"}
    return env if colour else {**env, "NO_COLOR": "1"}


def _bars(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for line in text.splitlines() if (m := BAR.match(line))}


@pytest.mark.parametrize("columns", [80, 60])
def test_bars_fill_the_width_in_proportion(columns):
    result = invoke("gap", SEED, "--chart", env=_terminal(columns))
    assert result.code == 0
    chart = result.stdout.split("Udskudt: Dialog mod Vold (beslutning ved budget 2025)\n", 1)[1]
    lines = chart.splitlines()
    assert all(len(line) <= columns for line in lines)
    bars = _bars(chart)
    assert list(bars) == ["2024", "2025", "I alt"]
    room = columns - len("I alt") - len("10,35") - 2
    assert len(bars["I alt"]) == room  # the longest bar fills the width
    for label, cost in (("2024", Decimal("4.14")), ("2025", Decimal("6.21"))):
        assert len(bars[label]) == round(Fraction(cost) * room / Fraction(Decimal("10.35")))
    # the parts: the three sources' characters, then the residual's, each in proportion to its figure
    total = bars["I alt"]
    parts = [total.count(mark) for mark in (*MARKS[:3], RESIDUAL_MARK)]
    assert parts == lengths(
        tuple(Decimal(x) for x in ("4.4", "1.9", "2.05", "2.0")), Fraction(room) / Fraction("10.35")
    )
    assert total == "".join(mark * n for mark, n in zip((*MARKS[:3], RESIDUAL_MARK), parts, strict=True))
    legend = lines[-5:]
    assert legend == [
        f"{MARKS[0]} Sociale Forhold og Beskæftigelse",
        f"{MARKS[1]} Ikke-decentraliserede budgetter",
        f"{MARKS[2]} Outcomefonden",
        f"{RESIDUAL_MARK} Restfinansiering",
        "(mio. kr., 2024-priser)",
    ]


def test_at_80_columns_exactly():
    chart = invoke("gap", SEED, "--chart", env=_terminal(80)).stdout.splitlines()
    bars = [line for line in chart if BAR.match(line)]
    assert bars == [
        " 2024 ████████████▓▓▓▓▓#####░░░░░                                           4,14",
        " 2025 █████████████████▓▓▓▓▓▓▓▓########░░░░░░░░                             6,21",
        "I alt █████████████████████████████▓▓▓▓▓▓▓▓▓▓▓▓▓#############░░░░░░░░░░░░░ 10,35",
    ]


def test_colour_on_a_terminal_draws_blocks():
    text = invoke("gap", SEED, "--chart", env=_terminal(80, colour=True)).stdout
    assert "\x1b[" in text
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    bars = _bars(plain)
    assert set(bars["I alt"]) == {"█"} and len(bars["I alt"]) == 80 - 12


def test_in_a_pipe_each_part_has_its_character():
    text = invoke("gap", SEED, "--chart").stdout
    assert "\x1b" not in text
    assert set(_bars(text)["I alt"]) == {*MARKS[:3], RESIDUAL_MARK}


def test_chart_needs_the_table():
    result = invoke("gap", SEED, "--chart", "-f", "json")
    assert result.code == 2
    assert result.stderr == "effektinvest: error: --chart draws below the table; it cannot go with --format json\n"


def test_a_surplus_has_no_residual_part(tmp_path):
    scenario = tmp_path / "surplus.yaml"
    scenario.write_text(
        "scenario: Overskud\nbudget_year: 2024\nunit: kr.\nsources:\n  s: {name: Fonden, kind: fund}\n"
        "projects:\n  p: {name: P, costs: {2024: 100, 2025: 300}}\n"
        "financing:\n  - {source: s, amount: {2024: 150, 2025: 200}}\n",
        encoding="utf-8",
    )
    bars = _bars(invoke("gap", scenario, "--chart", env=_terminal(60)).stdout)
    room = 60 - len("I alt") - len("400") - 2
    assert bars["2024"] == MARKS[0] * round(Fraction(150 * room, 400))  # a surplus: the financing, no residual
    # 2025: 300 of 400 is 37.5 characters, 38 half to even; the fund's 25 exactly, the residual's 12.5 gets the 13th
    assert bars["2025"] == MARKS[0] * 25 + RESIDUAL_MARK * 13
    assert len(bars["I alt"]) == room


@given(
    st.lists(st.decimals(min_value=0, max_value=10**6, places=2), min_size=1, max_size=8),
    st.integers(min_value=1, max_value=300),
)
def test_lengths_add_up_and_stay_within_one_character(parts, room):
    parts = tuple(parts)
    total = sum(parts, Decimal(0))
    if total == 0:
        assert lengths(parts, Fraction(room)) == [0] * len(parts)
        return
    scale = Fraction(room) / Fraction(total)
    out = lengths(parts, scale)
    assert sum(out) == room  # the longest bar fills the room exactly
    assert all(abs(n - Fraction(p) * scale) < 1 for n, p in zip(out, parts, strict=True))


@pytest.mark.parametrize("columns", [40, 30])
def test_on_a_terminal_too_narrow_for_the_table_the_bars_still_fit_it(columns):
    # the table is split into blocks of years (a number is never cut); the chart below it is not widened
    result = invoke("gap", SEED, "--chart", env=_terminal(columns))
    assert result.code == 0
    chart = result.stdout.split("Udskudt:", 1)[1].split("2025)\n", 1)[1]  # the foot line may wrap
    bars = [line for line in chart.splitlines() if BAR.match(line)]
    assert len(bars) == 3
    assert all(len(line) <= columns for line in bars)
