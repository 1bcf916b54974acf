"""Fuzzing the command line: generated scenario texts, valid and mutated.

Valid texts keep the arithmetic's invariants, with and without `--prices`; texts with an amount finer than
one øre fail with `too-precise`; mutated ones (deleted lines, swapped values, random bytes) may be anything,
and the CLI must still never raise nor exit with anything but 0, 1 or 3. The CLI runs in this process
(`conftest.invoke`, which lets an exception through as a test failure), reading the text from standard
input as `-`.
"""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import invoke

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# spelling -> power of ten of one unit in kr.
UNITS = {"kr.": 0, "t.kr.": 3, "mio. kr.": 6, "DKK": 0, "1.000 kr.": 3, "tkr": 3, "mio": 6, "mio. DKK": 6}
YEARS = st.integers(2024, 2029)
ORE = st.integers(0, 10**9)


def amount_text(ore: int, exponent: int) -> str:
    """ORE øre written in the unit of 10**EXPONENT kr.: whole øre in any unit."""
    return format(Decimal(ore).scaleb(-2 - exponent), "f")


def sub_ore_text(ore: int, exponent: int, tenth: int) -> str:
    """ORE øre and TENTH tenths of an øre (1-9): one digit finer than the unit allows."""
    return format(Decimal(ore * 10 + tenth).scaleb(-3 - exponent), "f")


@st.composite
def scenarios(draw, sub_ore: bool = False) -> str:
    """A scenario file: continued projects with costs over 1-4 years, project share and amount lines (total or
    by year), pooled lines with and without `projects:`, a deferred and a stopped project with their own lines,
    maybe a price_index. Valid unless SUB_ORE, which writes one amount finer than one øre."""
    spelling = draw(st.sampled_from(sorted(UNITS)))
    exp = UNITS[spelling]

    def amount(ore_strategy=ORE) -> str:
        return amount_text(draw(ore_strategy), exp)

    sources = [f"s{i}" for i in range(draw(st.integers(1, 3)))]
    source = st.sampled_from(sources)
    lines = ["scenario: Fuzz", "budget_year: 2024", f"unit: {spelling}"]
    if draw(st.booleans()):
        lines.append("price_level: 2024")
        index = draw(st.integers(1000, 1300))  # tenths; at least the base, so no cost rounds to 0
        lines.append(f"price_index: {{2024: 100, 2025: {Decimal(index).scaleb(-1)}, 2026: 112.5}}")
    lines.append("sources:")
    lines += [f"  {sid}: {{name: Kilde {sid}}}" for sid in sources]
    lines.append("projects:")
    count = draw(st.integers(1, 4))
    cost_years: dict[str, list[int]] = {}
    for p in range(count):
        years = sorted(set(draw(st.lists(YEARS, min_size=1, max_size=4))))
        cost_years[f"p{p}"] = years
        costs = ", ".join(f"{y}: {amount(st.integers(1, 10**9))}" for y in years)
        lines += [f"  p{p}:", f"    name: Projekt {p}", f"    costs: {{{costs}}}"]
        own = []
        if draw(st.booleans()):
            own.append(f'{{source: {draw(source)}, share: "{draw(st.integers(0, 25))}%"}}')
        if draw(st.booleans()):
            chosen = draw(st.lists(st.sampled_from(years), min_size=1, unique=True))
            own.append(f"{{source: {draw(source)}, amount: {{{', '.join(f'{y}: {amount()}' for y in chosen)}}}}}")
        if draw(st.booleans()):
            own.append(f"{{source: {draw(source)}, amount: {amount()}}}")
        if own:
            lines += ["    financing:", *(f"      - {line}" for line in own)]
    for pid, status in (("d", "defer"), ("x", "stop")):
        if draw(st.booleans()):
            lines += [f"  {pid}:", f"    name: Projekt {pid}", f"    status: {status}"]
            if status == "defer":
                lines.append("    decide_at: 2025")
            if draw(st.booleans()):
                lines.append(f"    costs: {{2025: {amount()}}}")
            if draw(st.booleans()):  # checked, pays nothing
                lines += ["    financing:", f"      - {{source: {draw(source)}, amount: {{2027: {amount()}}}}}"]
    active = sorted(cost_years)
    inactive = [pid for pid in ("d", "x") if f"  {pid}:" in lines]
    lines.append("financing:")
    lines.append(f"  - {{source: {draw(source)}, amount: {amount()}}}")  # every continued project
    for _ in range(draw(st.integers(0, 3))):
        listed = draw(st.lists(st.sampled_from(active), min_size=1, unique=True))
        # naming a deferred or stopped project as well only warns
        names = listed + draw(st.lists(st.sampled_from(inactive), unique=True)) if inactive else listed
        kind = draw(st.sampled_from(["share", "amount", "by-year"]))
        if kind == "share":
            value = "share: " + draw(st.sampled_from(["0.25", "0.1", "0", '"12,5 %"']))  # at most 3 x 25 %
        elif kind == "amount":
            value = f"amount: {amount()}"
        else:
            years = sorted({y for pid in listed for y in cost_years[pid]})
            chosen = draw(st.lists(st.sampled_from(years), min_size=1, unique=True))
            value = f"amount: {{{', '.join(f'{y}: {amount()}' for y in chosen)}}}"
        lines.append(f"  - {{source: {draw(source)}, {value}, projects: [{', '.join(names)}]}}")
    if sub_ore:  # one more pooled line, or a cost, finer than one øre
        fine = sub_ore_text(draw(ORE), exp, draw(st.integers(1, 9)))
        if draw(st.booleans()):
            lines.append(f"  - {{source: {sources[0]}, amount: {fine}}}")
        else:
            lines.append(f"  - {{source: {sources[0]}, amount: {{{cost_years['p0'][0]}: {fine}}}, projects: [p0]}}")
    return "\n".join(lines) + "\n"


def run(*args: str, text: bytes):
    result = invoke(*args, input=text)
    assert "Traceback" not in result.stderr
    return result


def figures(stdout: str) -> dict:
    return json.loads(stdout, parse_float=Decimal, parse_int=Decimal)


def assert_invariants(report: dict) -> None:
    for year in report["years"]:
        assert year["residual"] + year["financed"] == year["cost"]
        assert sum(year["financing"].values(), Decimal(0)) == year["financed"]
    for key in ("cost", "financed", "residual"):
        assert sum((y[key] for y in report["years"]), Decimal(0)) == report["total"][key]
    for sid, amount in report["total"]["financing"].items():
        assert sum((y["financing"].get(sid, Decimal(0)) for y in report["years"]), Decimal(0)) == amount


@SETTINGS
@given(scenarios())
def test_valid_scenarios_keep_the_invariants(text):
    result = run("gap", "-", "--format", "json", text=text.encode())
    assert result.code == 0, result.stderr
    report = figures(result.stdout)
    assert_invariants(report)
    if "price_index" in text:
        # in the prices of the price level itself, nothing changes
        same = run("gap", "-", "--format", "json", "--prices", "2024", text=text.encode())
        assert same.code == 0, same.stderr
        assert figures(same.stdout)["years"] == report["years"]
        restated = run("gap", "-", "--format", "json", "--prices", "2025", text=text.encode())
        assert restated.code == 0, restated.stderr
        later = figures(restated.stdout)
        assert_invariants(later)
        assert later["price_level"] == 2025
        assert [y["year"] for y in later["years"]] == [y["year"] for y in report["years"]]
        assert later["total"]["cost"] >= report["total"]["cost"]  # the index rose, or stayed


@SETTINGS
@given(scenarios(sub_ore=True), st.sampled_from([[], ["--prices", "2025"]]))
def test_an_amount_finer_than_one_ore_is_an_error(text, prices):
    result = run("gap", "-", "--format", "json", *prices, text=text.encode())
    assert result.code == 1, result.stderr
    assert ": error[too-precise]: " in result.stderr
    assert result.stdout == ""


@st.composite
def mutated(draw) -> bytes:
    lines = draw(scenarios(sub_ore=draw(st.booleans()))).splitlines(keepends=True)
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
@given(
    mutated(),
    st.sampled_from(
        [
            ["gap", "-", "--format", "json"],
            ["check", "-"],
            ["gap", "-", "--fail-on-gap"],
            ["gap", "-", "--format", "csv", "--prices", "2025"],
        ]
    ),
)
def test_mutated_scenarios_never_crash(data, args):
    result = run(*args, text=data)
    assert result.code in (0, 1, 3), result.stderr
    if result.code == 1:
        assert ": error[" in result.stderr


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data):
    result = run("check", "-", text=data)
    assert result.code in (0, 1), result.stderr
