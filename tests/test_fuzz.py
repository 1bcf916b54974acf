"""Fuzzing the command line: generated scenario texts, valid and mutated.

Valid texts keep the arithmetic's invariants; mutated ones (deleted lines, swapped values, random
bytes) may be anything, and the CLI must still never print a traceback nor exit with anything but
0, 1 or 3. The CLI runs in-process (typer's test runner, which lets an exception through as a test
failure), reading the text from standard input as `-`.
"""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from effektinvest.cli import app

RUNNER = CliRunner()
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

UNITS = ["kr.", "t.kr.", "mio. kr.", "DKK", "1.000 kr."]
YEARS = st.integers(2024, 2029)
ORE = st.integers(0, 10**9)  # an amount in øre, written in kr.


def amount_text(ore: int) -> str:
    return str(Decimal(ore).scaleb(-2))


@st.composite
def scenarios(draw) -> str:
    """A valid scenario file, in kr. amounts written as whole øre (any unit: øre stay whole in larger ones)."""
    unit = draw(st.sampled_from(UNITS))
    sources = [f"s{i}" for i in range(draw(st.integers(1, 3)))]
    lines = ["scenario: Fuzz", "budget_year: 2024", f"unit: {unit}", "sources:"]
    lines += [f"  {sid}: {{name: Kilde {sid}}}" for sid in sources]
    lines.append("projects:")
    count = draw(st.integers(1, 4))
    for p in range(count):
        years = sorted(set(draw(st.lists(YEARS, min_size=1, max_size=4))))
        costs = ", ".join(f"{y}: {amount_text(draw(st.integers(1, 10**9)))}" for y in years)
        lines += [f"  p{p}:", f"    name: Projekt {p}", f"    costs: {{{costs}}}"]
        if draw(st.booleans()):
            share = draw(st.integers(0, 50))
            lines += ["    financing:", f"      - {{source: {draw(st.sampled_from(sources))}, share: \"{share}%\"}}"]
    if draw(st.booleans()):
        lines.append("  d:\n    name: Udskudt\n    status: defer\n    decide_at: 2025")
    lines.append("financing:")
    lines.append(f"  - {{source: {draw(st.sampled_from(sources))}, amount: {amount_text(draw(ORE))}}}")
    if draw(st.booleans()):
        lines.append(f"  - {{source: {sources[0]}, share: 0.4, projects: [p0]}}")
    return "\n".join(lines) + "\n"


def run(*args: str, text: bytes):
    result = RUNNER.invoke(app, list(args), input=text, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@SETTINGS
@given(scenarios())
def test_valid_scenarios_keep_the_invariants(text):
    result = run("gap", "-", "--format", "json", text=text.encode())
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)
    for year in report["years"]:
        assert year["residual"] + year["financed"] == year["cost"]
        assert sum(year["financing"].values(), Decimal(0)) == year["financed"]
    for key in ("cost", "financed", "residual"):
        assert sum((y[key] for y in report["years"]), Decimal(0)) == report["total"][key]


@st.composite
def mutated(draw) -> bytes:
    lines = draw(scenarios()).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "bytes", "truncate"]))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            a, _, rest_a = lines[i].partition(":")
            b, _, rest_b = lines[j].partition(":")
            if rest_a and rest_b:
                lines[i], lines[j] = f"{a}:{rest_b}", f"{b}:{rest_a}"
        elif kind == "bytes":
            noise = draw(st.binary(min_size=1, max_size=8)).decode("latin-1")
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + noise + lines[i][at:]
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    return "".join(lines).encode("latin-1", "replace")


@SETTINGS
@given(mutated(), st.sampled_from([["gap", "-", "--format", "json"], ["check", "-"], ["gap", "-", "--fail-on-gap"]]))
def test_mutated_scenarios_never_crash(data, args):
    result = run(*args, text=data)
    assert result.exit_code in (0, 1, 3), result.output
    if result.exit_code == 1:
        assert ": error[" in result.stderr


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data):
    result = run("check", "-", text=data)
    assert result.exit_code in (0, 1), result.output
