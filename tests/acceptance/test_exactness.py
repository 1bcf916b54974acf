"""Exactness past 28 significant digits (issue 20, family 1): the format allows amounts of 30 significant digits,
and Python's default decimal context rounds to 28, so every operation on money must be exact (the rule in
core/exact.py). Every report runs on scenarios whose amounts have 30 significant digits, of both
signs (savings that are extra costs, surpluses), and its figures are compared with figures computed here,
independently, from the format's rules in a 60-digit context.

A second check holds the rule itself: every report, run with the ambient decimal context at one digit and
trapping any rounding, prints what it prints in the default context: no operation on a figure happens outside
the exact context, whatever its size.
"""

from __future__ import annotations

import json
import zipfile
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, Inexact, Rounded, localcontext
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import invoke

WIDE = Context(prec=60, rounding=ROUND_HALF_EVEN)  # every figure below is computed here: sums of 30 digits fit
ORE = Decimal("0.01")
YEARS = (2024, 2025, 2026)
D = Decimal

# Two continued projects, each with its own lines (so --by project is each project's own), a deferred one;
# savings of both signs, one of them -100000000000000000000000000.01 (29 digits: its øre is the 29th), and a
# surplus in 2025 (the refund pays more than is left of the cost).
COSTS = {
    "p": {2024: D("1000000000000000000000000000.01"), 2025: D("2222222222222222222222222222.23")},
    "q": {2024: D("9999999999999999999999999999.99")},
}
SHARE = D("0.375")  # dec pays 37.5 % of p's cost, rounded to whole øre, half to even
AMOUNTS = {  # (source, project) -> year -> amount
    ("ref", "p"): {2024: D("100000000000000000000000000.01"), 2025: D("9999999999999999999999999999.99")},
    ("dec", "q"): {2024: D("1234567890123456789012345678.91")},
}
SAVINGS = {  # project -> source -> year -> expected saving
    "p": {
        "dec": {2025: D("3333333333333333333333333333.33"), 2026: D("-1111111111111111111111111111.11")},
        "stat": {2025: D("-100000000000000000000000000.01")},
    },
    "q": {"dec": {2024: D("-4444444444444444444444444444.45")}},
}
KINDS = {"dec": "decentral", "ref": "refund", "stat": "state"}


def scenario(costs=COSTS, amounts=AMOUNTS, actuals: str = "") -> str:
    def mapping(by_year: dict) -> str:
        return "{" + ", ".join(f"{year}: {amount}" for year, amount in by_year.items()) + "}"

    def savings(pid: str) -> str:
        return "{" + ", ".join(f"{sid}: {mapping(by)}" for sid, by in SAVINGS[pid].items()) + "}"

    return f"""\
scenario: Tredive cifre
budget_year: 2024
unit: kr.
price_level: 2024
price_index: {{2024: 100, 2025: 103.7}}
{actuals}sources:
  dec: {{name: Decentral, kind: decentral}}
  ref: {{name: Refusion, kind: refund}}
  stat: {{name: Staten, kind: state}}
projects:
  p:
    name: P
    funding_ends: 2025
    costs: {mapping(costs["p"])}
    financing:
      - {{source: dec, share: 37.5%}}
      - {{source: ref, amount: {mapping(amounts["ref", "p"])}}}
    savings: {savings("p")}
  q:
    name: Q
    funding_ends: 2025
    costs: {mapping(costs["q"])}
    financing:
      - {{source: dec, amount: {mapping(amounts["dec", "q"])}}}
    savings: {savings("q")}
  r:
    name: Udskudt
    status: defer
    decide_at: 2025
    costs: {{2025: 123456789012345678901234567.89}}
"""


# --- the figures, computed here from the format's rules --------------------------------------------------------------


INDEX = Fraction(1037, 1000)  # --prices 2025: index 103.7 over the price level's 100


def restated(amounts: dict) -> dict:
    """AMOUNTS (a mapping of year mappings) at --prices 2025: each x INDEX, rounded to whole øre, half to even."""
    return {
        key: {year: D(round(Fraction(a) * INDEX * 100)).scaleb(-2, WIDE) for year, a in by.items()}
        for key, by in amounts.items()
    }


def paid(costs=COSTS, amounts=AMOUNTS) -> dict[tuple[str, str], dict[int, Decimal]]:
    """What each line pays per year: (source, project) -> year -> amount."""
    with localcontext(WIDE):
        share = {year: (cost * SHARE).quantize(ORE, ROUND_HALF_EVEN) for year, cost in costs["p"].items()}
    return {("dec", "p"): share, **amounts}


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """NUMERATOR / DENOMINATOR to 4 decimals, half to even, from the exact ratio; None for a denominator of 0."""
    if denominator == 0:
        return None
    rounded = round(Fraction(numerator) / Fraction(denominator), 4)
    with localcontext(WIDE):
        return D(rounded.numerator) / D(rounded.denominator)


def gap(costs=COSTS, amounts=AMOUNTS) -> dict:
    """gap's figures per year and in total (key "total"): cost, financing per source, financed, residual, coverage;
    and per project (key "projects")."""
    lines = paid(costs, amounts)
    years = sorted({year for by_year in costs.values() for year in by_year})
    out = {}
    with localcontext(WIDE):
        for column in (*years, "total"):
            inside = years if column == "total" else [column]
            cost = sum((c.get(y, 0) for c in costs.values() for y in inside), D(0))
            financing = {}
            for (sid, _), by_year in lines.items():
                amount = sum((by_year.get(y, 0) for y in inside), D(0))
                if amount:
                    financing[sid] = financing.get(sid, D(0)) + amount
            financed = sum(financing.values(), D(0))
            out[column] = {
                "cost": cost,
                "financing": financing,
                "financed": financed,
                "residual": cost - financed,
                "coverage": ratio(financed, cost),
            }
        out["projects"] = {
            pid: {
                year: (
                    cost,
                    sum((by.get(year, 0) for (_, p), by in lines.items() if p == pid), D(0)),
                )
                for year, cost in by_year.items()
            }
            for pid, by_year in costs.items()
        }
    return out


def savings(realisation: Decimal) -> dict:
    """savings' figures per year and in total at REALISATION, and each source's backing and shortfall."""
    figures, lines = gap(), paid()
    out = {}
    with localcontext(WIDE):
        realised = {sid: {year: D(0) for year in YEARS} for sid in KINDS}
        for by_source in SAVINGS.values():
            for sid, by_year in by_source.items():
                for year, amount in by_year.items():
                    realised[sid][year] += (amount * realisation).quantize(ORE, ROUND_HALF_EVEN)
        pays = {sid: {year: D(0) for year in YEARS} for sid in KINDS}
        for (sid, _), by_year in lines.items():
            for year, amount in by_year.items():
                pays[sid][year] += amount
        running = [D(0), D(0)]
        for column in (*YEARS, "total"):
            inside = YEARS if column == "total" else [column]
            cost = figures[column]["cost"] if column in figures else D(0)
            saved = {sid: sum(realised[sid][y] for y in inside) for sid in KINDS}
            pocket_paid = {sid: sum(pays[sid][y] for y in inside) for sid in KINDS}
            municipal_cost = cost - pocket_paid["ref"]
            municipal = saved["dec"] + saved["ref"]
            entry = {
                "cost": cost,
                "municipal_cost": municipal_cost,
                "savings": municipal + saved["stat"],
                "municipal_savings": municipal,
                "outside_savings": saved["stat"],
                "municipal_net": municipal - municipal_cost,
                "public_net": municipal + saved["stat"] - cost,
                "sources": {
                    sid: {"savings": saved[sid], "paid": pocket_paid[sid], "net": saved[sid] - pocket_paid[sid]}
                    for sid in KINDS
                },
            }
            if column != "total":
                running = [running[0] + entry["municipal_net"], running[1] + entry["public_net"]]
                entry["municipal_cumulative"], entry["public_cumulative"] = running
            out[column] = entry
        total = out["total"]["sources"]["dec"]
        out["sources"] = {
            "dec": {
                "backing": ratio(total["savings"], total["paid"]),
                "shortfall": max(total["paid"] - total["savings"], D(0)),
            },
            "ref": {"backing": None, "shortfall": None},
            "stat": {"backing": None, "shortfall": None},
        }
        out["wrong_pocket_share"] = ratio(out["total"]["outside_savings"], out["total"]["savings"])
    return out


def note_figure(value: Decimal) -> str:
    """VALUE (kr.) as the note writes it: whole kroner, half away from zero, '.' between thousands, 'ca. ' when
    that changed it."""
    shown = value.quantize(D(1), ROUND_HALF_UP, WIDE)
    about = "" if shown == value else "ca. "
    return about + f"{shown:,}".replace(",", ".") + " kr."


# --- running the reports --------------------------------------------------------------------------------------------


def report(*args) -> dict | list:
    result = invoke(*args)
    assert result.code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal)


def equal(got, expected, where: str = "") -> None:
    """GOT (from JSON) equals EXPECTED, every figure exactly (1e27 == 1000000000000000000000000000)."""
    if isinstance(expected, dict):
        for key, value in expected.items():
            equal(got[str(key)], value, f"{where}/{key}")
    else:
        assert (got is None) == (expected is None) and (expected is None or D(got) == expected), (where, got, expected)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "s.yaml").write_text(scenario(), encoding="utf-8")
    return tmp_path


def test_gap_its_explanation_and_split_are_exact_at_30_digits_also_restated(files: Path) -> None:
    _gap_equal(report("gap", files / "s.yaml", "--format", "json", "--explain"), gap(), paid())
    by_project = report("gap", files / "s.yaml", "--format", "json", "--by", "project")
    for project in by_project["projects"][:2]:
        for year, (cost, financed) in gap()["projects"][project["id"]].items():
            with localcontext(WIDE):
                residual = cost - financed
            equal(project, {"costs": {year: cost}, "financed": {year: financed}, "residual": {year: residual}})
    # --prices 2025: each amount x 1.037, explained as written, unrounded and restated
    costs, amounts = restated(COSTS), restated(AMOUNTS)
    got = report("gap", files / "s.yaml", "--format", "json", "--explain", "--prices", "2025")
    _gap_equal(got, gap(costs, amounts), paid(costs, amounts))
    for line in got["lines"][1:]:  # the amount lines: each amount written, x 1.037 unrounded, restated
        key = line["source"], line["projects"][0]
        for entry in line["prices"]["amounts"]:
            year = int(entry["what"])
            unrounded = round(Fraction(AMOUNTS[key][year]) * INDEX, 12)
            assert Fraction(entry["unrounded"]) == unrounded, (key, year)
            assert D(entry["written"]) == AMOUNTS[key][year] and D(entry["restated"]) == amounts[key][year]


def _gap_equal(got: dict, expected: dict, lines: dict) -> None:
    for index, year in enumerate((2024, 2025)):
        assert got["years"][index]["year"] == year
        equal(got["years"][index], expected[year], str(year))
    equal(got["total"], expected["total"], "total")
    for line, (key, by_year) in zip(got["lines"], lines.items(), strict=True):
        assert line["source"] == key[0] and line["projects"] == [key[1]]
        equal(line["paid"], by_year, f"lines/{key}")


def test_the_gap_table_shows_no_rounding_difference_where_every_figure_is_shown_exactly(files: Path) -> None:
    expected = gap()
    for command in (("gap",), ("gap", "--by", "project")):
        result = invoke(*command, files / "s.yaml", "--format", "markdown")
        assert result.code == 0, result.stderr
        assert "Afrundingsdifferencer" not in result.stdout
        for column in (2024, 2025, "total"):
            assert danish(expected[column]["residual"]) in result.stdout, column


def danish(value: Decimal) -> str:
    """VALUE with two decimals in Danish: 1.234,50."""
    return f"{value.quantize(ORE, context=WIDE):,}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def test_savings_and_its_sensitivity_are_exact_at_30_digits(files: Path) -> None:
    got = report("savings", files / "s.yaml", "--format", "json", "--realisation", "75%")
    _savings_equal(got, savings(D("0.75")))
    sensitivity = report("savings", files / "s.yaml", "--format", "json", "--realisation", "100%,75%,33%")
    for entry, realisation in zip(sensitivity["sensitivity"], ("1", "0.75", "0.33"), strict=True):
        _savings_equal(entry, savings(D(realisation)))
    result = invoke("savings", files / "s.yaml", "--format", "markdown", "--realisation", "33%")
    assert result.code == 0, result.stderr
    assert "Afrundingsdifferencer" not in result.stdout
    assert danish(savings(D("0.33"))["total"]["public_net"]) in result.stdout


def _savings_equal(got: dict, expected: dict) -> None:
    for index, year in enumerate(YEARS):
        assert got["years"][index]["year"] == year
        equal(got["years"][index], expected[year], str(year))
    equal(got["total"], {k: v for k, v in expected["total"].items()}, "total")
    equal(got["sources"], expected["sources"], "sources")
    equal(got["wrong_pocket_share"], expected["wrong_pocket_share"], "wrong_pocket_share")


def test_compare_is_exact_at_30_digits(files: Path) -> None:
    costs = {**COSTS, "p": {2024: COSTS["p"][2024], 2025: D("2222222222222222222222222222.29")}}
    amounts = {**AMOUNTS, ("dec", "q"): {2024: D("1234567890123456789012345679.97")}}
    (files / "after.yaml").write_text(scenario(costs, amounts), encoding="utf-8")
    before, after = gap(), gap(costs, amounts)
    got = report("compare", files / "s.yaml", files / "after.yaml", "--format", "json")
    for index, year in enumerate((2024, 2025)):
        for figure in ("cost", "financed", "residual"):
            with localcontext(WIDE):
                change = after[year][figure] - before[year][figure]
            equal(
                got["years"][index][figure],
                {"before": before[year][figure], "after": after[year][figure], "change": change},
            )
    result = invoke("compare", files / "s.yaml", files / "after.yaml", "--format", "markdown")
    assert result.code == 0, result.stderr
    assert "Afrundingsdifferencer" not in result.stdout


def test_follow_up_is_exact_at_30_digits(files: Path) -> None:
    actual_p = D("1000000000000000000000000000.07")
    text = (
        scenario(actuals="actuals_through: 2024\n")
        .replace(
            "    funding_ends: 2025\n    costs: {2024: 1000",
            f"    funding_ends: 2025\n    actual_costs: {{2024: {actual_p}}}\n    costs: {{2024: 1000",
        )
        .replace(
            "    savings: {dec: {2024: -4444",
            "    actual_costs: {2024: 9999999999999999999999999999.99}\n"
            "    realised_savings: {dec: {2024: -4444444444444444444444444444.41}}\n    savings: {dec: {2024: -4444",
        )
    )
    (files / "f.yaml").write_text(text, encoding="utf-8")
    plan = gap()
    actual = gap({**COSTS, "p": {**COSTS["p"], 2024: actual_p}})
    got = report("follow-up", files / "f.yaml", "--format", "json")
    for figure in ("cost", "residual"):
        with localcontext(WIDE):
            deviation = {y: actual[y][figure] - plan[y][figure] for y in (2024, 2025)}
        equal(
            got[figure],
            {
                "plan": {2024: plan[2024][figure], 2025: plan[2025][figure], "total": plan["total"][figure]},
                "actual": {2024: actual[2024][figure], 2025: actual[2025][figure], "total": actual["total"][figure]},
                "deviation": deviation,
            },
            figure,
        )
    equal(got["savings"]["dec"]["realised"], {2024: D("-4444444444444444444444444444.41")})
    result = invoke("follow-up", files / "f.yaml", "--format", "markdown")
    assert result.code == 0, result.stderr
    assert "Afrundingsdifferencer" not in result.stdout
    assert f"i regnskab / forventet: 2025 B: {danish(actual[2025]['residual'].copy_negate())}" in result.stdout


def test_due_is_exact_at_30_digits(files: Path) -> None:
    got = report("due", files / "s.yaml", "--budget", "2025", "--format", "json")
    equal({row["project"]: row["costs"] for row in got}, {**COSTS, "r": {2025: D("123456789012345678901234567.89")}})
    result = invoke("due", files / "s.yaml", "--budget", "2025", "--format", "xlsx", "--output", files / "due.xlsx")
    assert result.code == 0, result.stderr
    with zipfile.ZipFile(files / "due.xlsx") as workbook:  # a cell's exact digits, as the file holds them
        cells = workbook.read("xl/worksheets/sheet1.xml").decode()
    with localcontext(WIDE):
        for pid, costs in COSTS.items():
            assert f"<v>{sum(costs.values())}</v>" in cells, pid


def test_the_note_is_exact_at_30_digits(files: Path) -> None:
    expected = gap()
    result = invoke("note", files / "s.yaml")
    assert result.code == 0, result.stderr
    assert f"koster i alt {note_figure(expected['total']['cost'])}" in result.stdout
    for sid, name in (("dec", "Decentral"), ("ref", "Refusion")):
        assert f"- {note_figure(expected['total']['financing'][sid])} fra {name}" in result.stdout
    assert f"restfinansiering på {note_figure(expected['total']['residual'])}" in result.stdout
    with localcontext(WIDE):
        surplus = -expected[2025]["residual"]
    assert f"et overskud på {note_figure(surplus)} i 2025" in result.stdout


def test_the_note_says_ca_before_a_surplus_its_rounding_changed(tmp_path: Path) -> None:
    path = tmp_path / "surplus.yaml"
    path.write_text(
        "scenario: Overskud\nbudget_year: 2024\nunit: kr.\nsources:\n  kasse: {name: Kassen}\nprojects:\n"
        "  p:\n    name: P\n    costs: {2024: 1000000000000000000000000000}\n"
        "    financing:\n      - {source: kasse, amount: 1100000000000000000000000000.01}\n",
        encoding="utf-8",
    )
    result = invoke("note", path)
    assert result.code == 0, result.stderr
    assert "der er et overskud på ca. 100.000.000.000.000.000.000.000.000 kr." in result.stdout


def test_a_saving_of_29_digits_keeps_its_ore(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(scenario(), encoding="utf-8")
    got = report("savings", path, "--format", "json")
    assert D(got["years"][1]["outside_savings"]) == D("-100000000000000000000000000.01")


# --- the rule itself: no figure is computed in the ambient context --------------------------------------------------

ONE_DIGIT = Context(prec=1, traps=[Inexact, Rounded])  # any rounding in the ambient context raises

# Every other kind of line, at 30 digits: an outcome line with a cap and achieved counts, a pooled amount split over
# the projects, a line with `paid`; a price index; a later budget of the same projects (compare across years).
EVERY_KIND = """\
scenario: Alle slags
budget_year: 2024
unit: kr.
actuals_through: 2024
price_level: 2024
price_index: {2024: 100, 2025: 103.7, 2026: 107.1}
realisation: 75%
sources:
  dec: {name: Decentral, kind: decentral}
  fond: {name: Fonden, kind: fund}
  ref: {name: Refusion, kind: refund}
  stat: {name: Staten, kind: state}
projects:
  p:
    name: P
    funding_ends: 2025
    costs:
      2024: 9876543210987654321098765432.17
      2025: 1234567890123456789012345678.91
      2026: 5555555555555555555555555555.55
    actual_costs: {2024: 9876543210987654321098765431.99}
    financing:
      - {source: dec, share: 33.3%, paid: {2024: 7129766806563415639308604939.11}}
      - source: fond
        tariff: 123456789012345678901234567.89
        outcomes: {2024: 3, 2025: 7}
        cap: 999999999999999999999999999.99
        achieved: {2024: 2}
    savings:
      dec: {2025: 1111111111111111111111111111.11, 2026: -2222222222222222222222222222.23}
      stat: {2026: -100000000000000000000000000.01}
  q:
    name: Q
    costs: {2024: 3333333333333333333333333333.33, 2025: 3333333333333333333333333333.33}
    actual_costs: {2024: 3333333333333333333333333333.37}
financing:
  - {source: ref, amount: 7777777777777777777777777777.77, projects: [p, q]}
"""


# EVERY_KIND with a rate card (format 1.3): the outcome line's tariff changes from 2024 to 2025.
RATE_CARD = EVERY_KIND.replace(
    "tariff: 123456789012345678901234567.89",
    "tariff: {2024: 123456789012345678901234567.89, 2025: 234567890123456789012345678.91}",
)
TARIFF = D("123456789012345678901234567.89")
CAP = D("999999999999999999999999999.99")


def test_gap_at_a_realisation_is_exact_at_30_digits(tmp_path: Path) -> None:
    """gap --realisation 33% on EVERY_KIND: the fund's outcome line pays tariff x count x 0.33, rounded to whole
    øre half to even, within its cap (computed here in a 60-digit context), and the residual grows by what it
    no longer pays, year by year, to the øre (issue 21)."""
    path = tmp_path / "every.yaml"
    path.write_text(EVERY_KIND, encoding="utf-8")
    plan = report("gap", path, "--format", "json")
    got = report("gap", path, "--format", "json", "--realisation", "33%")
    with localcontext(WIDE):
        left, fond = CAP, {}
        for year, count in ((2024, 3), (2025, 7)):
            due = (TARIFF * count * D("0.33")).quantize(ORE, ROUND_HALF_EVEN)
            fond[year] = min(due, left)
            left -= fond[year]
        for index, year in enumerate((2024, 2025)):
            planned, at = plan["years"][index], got["years"][index]
            assert D(at["financing"]["fond"]) == fond[year], year
            grown = D(planned["residual"]) + D(planned["financing"]["fond"]) - fond[year]
            assert D(at["residual"]) == grown, year
    assert got["realisation"] == D("0.33")


# EVERY_KIND with a repayment to an investor from outside (format 1.3, issue 22): ext pays 10 % of p, and is repaid
# per outcome at a tariff of 30 digits by dec and the fund (33.3 % and 66.7 %), its cap binding in 2026.
REPAID = EVERY_KIND.replace(
    "  ref: {name: Refusion, kind: refund}\n",
    "  ref: {name: Refusion, kind: refund}\n  ext: {name: Ekstern, kind: external}\n",
).replace(
    "      - source: fond\n        tariff:",
    "      - source: ext\n        share: 10%\n        repay:\n          tariff: 123456789012345678901234567.89\n"
    "          outcomes: {2025: 7, 2026: 5}\n          cap: 1234567890123456789012345678.91\n"
    "          by: {dec: 33.3%, fond: 66.7%}\n      - source: fond\n        tariff:",
)
REPAY_CAP = D("1234567890123456789012345678.91")


def _split(amount: Decimal, shares: dict[str, Decimal]) -> dict[str, Decimal]:
    """AMOUNT over SHARES to the øre by the largest remainder, a tie to the first listed: computed here."""
    ore = int(amount * 100)
    exact = {sid: Fraction(ore) * Fraction(share) for sid, share in shares.items()}
    parts = {sid: int(value) for sid, value in exact.items()}
    order = sorted(shares, key=lambda sid: -(exact[sid] - parts[sid]))  # sorted() is stable: a tie keeps file order
    for sid in order[: ore - sum(parts.values())]:
        parts[sid] += 1
    return {sid: D(part) / 100 for sid, part in parts.items()}


def test_repayments_are_exact_at_30_digits(tmp_path: Path) -> None:
    """REPAID: gap's repayments (tariff x count to the øre, the cap binding in 2026, each year split by the
    largest remainder) and savings' repaid, received and municipal cost, computed here in a 60-digit context."""
    path = tmp_path / "repaid.yaml"
    path.write_text(REPAID, encoding="utf-8")
    got = report("gap", path, "--format", "json")
    shares = {"dec": D("0.333"), "fond": D("0.667")}
    with localcontext(WIDE):
        first = TARIFF * 7
        second = min(TARIFF * 5, REPAY_CAP - first)
        assert second < TARIFF * 5  # the cap binds
        expected = {2025: first, 2026: second}
        [repayment] = got["repayments"]
        for year, total in expected.items():
            equal(repayment["years"][str(year)], {"by": _split(total, shares), "total": total}, str(year))
        equal(repayment["total"], {"total": REPAY_CAP})
        assert D(repayment["uncapped"]) == TARIFF * 12
        savings = report("savings", path, "--format", "json", "--realisation", "100%")  # the file's is 75 %
        plan = {y["year"]: y for y in got["years"]}
        for year in savings["years"]:
            number = year["year"]
            if number not in expected:
                continue
            equal(year["sources"]["dec"], {"repaid": _split(expected[number], shares)["dec"]}, str(number))
            equal(year["sources"]["ext"], {"received": expected[number]}, str(number))
            outside = D(plan[number]["financing"].get("ref", 0)) + D(plan[number]["financing"].get("ext", 0))
            equal(year, {"municipal_cost": D(plan[number]["cost"]) - outside + expected[number]}, str(number))


def _later(text: str) -> str:
    """TEXT a budget later: 2024 closed and gone, the accounts of 2025."""
    return (
        text.replace("budget_year: 2024", "budget_year: 2025")
        .replace("actuals_through: 2024", "actuals_through: 2025")
        .replace("      2024: 9876543210987654321098765432.17\n", "")
        .replace(
            "actual_costs: {2024: 9876543210987654321098765431.99}",
            "actual_costs: {2025: 1234567890123456789012345678.99}",
        )
        .replace(", paid: {2024: 7129766806563415639308604939.11}", "")
        .replace("outcomes: {2024: 3, 2025: 7}", "outcomes: {2025: 7, 2026: 2}")
        .replace("achieved: {2024: 2}", "achieved: {2025: 5}")
        .replace("costs: {2024: 3333333333333333333333333333.33, ", "costs: {")
        .replace(
            "actual_costs: {2024: 3333333333333333333333333333.37}",
            "actual_costs: {2025: 3333333333333333333333333333.39}",
        )
    )


def _every_report(files: Path, s: Path, after: Path) -> list[tuple]:
    """Every report of S (and AFTER, a file with accounts) in every format, with the options that change figures."""
    xlsx = ("--output", files / "out.xlsx", "--force")
    out = []
    for format in ("table", "json", "csv", "tsv", "csv-da", "markdown"):
        out += [("gap", s, "-f", format), ("gap", s, "-f", format, "--by", "project", "--unit", "mio")]
        out += [("gap", s, "-f", format, "--prices", "2025"), ("gap", s, "-f", format, "--realisation", "33%")]
    out += [("gap", s, "--explain"), ("gap", s, "-f", "json", "--explain", "--unit", "t.kr."), ("gap", s, "--chart")]
    out += [("gap", s, "-f", "markdown", "--explain", "--prices", "2025"), ("gap", s, "-f", "xlsx", *xlsx)]
    for format in ("table", "json", "csv", "markdown"):
        out += [("savings", s, "-f", format), ("savings", s, "-f", format, "--realisation", "100%,33%")]
        out += [("savings", s, "-f", format, "--discount", "4%", "--unit", "mio", "--prices", "2025")]
        out += [("compare", s, after, "-f", format), ("follow-up", after, "-f", format, "--unit", "t.kr.")]
        out += [("follow-up", after, "-f", format, "--prices", "2025")]
    out += [("savings", s, "-f", "xlsx", *xlsx), ("compare", s, after, "-f", "xlsx", *xlsx)]
    out += [("follow-up", after, "-f", "xlsx", *xlsx), ("compare", s, after, "-f", "csv-da", "--unit", "mio")]
    for format in ("table", "json", "csv", "csv-da"):
        out.append(("due", s, after, "--budget", "2025", "-f", format))
    out += [("due", s, "--budget", "2025", "-f", "xlsx", *xlsx), ("check", s, after)]
    out += [
        ("note", s),
        ("note", s, "--unit", "mio", "--prices", "2025"),
        ("note", s, "--realisation", "33%", "--unit", "t.kr."),
        ("gap", s, "-f", "xlsx", "--realisation", "33%", "--prices", "2025", *xlsx),
        ("savings", s, "-f", "xlsx", "--realisation", "100%,33%", *xlsx),
        ("note", after, "-f", "docx", "--output", files / "n.docx", "--force"),
    ]
    return out


def test_no_report_computes_a_figure_in_the_ambient_decimal_context(files: Path) -> None:
    """With the ambient context at one digit, trapping any rounding, every report prints exactly what it prints in
    Python's default context: each operation on a figure is exact (core/exact.py)."""
    text = scenario(actuals="actuals_through: 2024\n").replace(
        "    savings: {dec: {2024: -4444",
        "    actual_costs: {2024: 9999999999999999999999999999.97}\n"
        "    realised_savings: {dec: {2024: -4444444444444444444444444444.41}}\n    savings: {dec: {2024: -4444",
    )
    (files / "after.yaml").write_text(text, encoding="utf-8")
    (files / "every.yaml").write_text(EVERY_KIND, encoding="utf-8")
    (files / "later.yaml").write_text(_later(EVERY_KIND), encoding="utf-8")
    xlsx = ("--output", files / "out.xlsx", "--force")
    runs = _every_report(files, files / "s.yaml", files / "after.yaml")
    runs += _every_report(files, files / "every.yaml", files / "later.yaml")
    (files / "card.yaml").write_text(RATE_CARD, encoding="utf-8")  # issue 21: a rate card, at a realisation
    card = files / "card.yaml"
    runs += [("gap", card, "-f", "json", "--realisation", "33%"), ("gap", card, "--explain", "--prices", "2025")]
    runs += [("savings", card, "-f", "json", "--realisation", "100%,33%"), ("note", card, "--realisation", "0.333")]
    (files / "repaid.yaml").write_text(REPAID, encoding="utf-8")  # issue 22: repayments to an investor
    (files / "repaid-later.yaml").write_text(
        _later(REPAID).replace("by: {dec", "achieved: {2025: 4}\n          by: {dec"), encoding="utf-8"
    )
    repaid, later = files / "repaid.yaml", files / "repaid-later.yaml"
    for format in ("table", "json", "csv", "csv-da", "markdown"):
        runs += [("gap", repaid, "-f", format), ("savings", repaid, "-f", format), ("follow-up", later, "-f", format)]
    runs += [("gap", repaid, "--explain"), ("gap", repaid, "-f", "json", "--realisation", "33%", "--unit", "t.kr.")]
    runs += [("gap", repaid, "--by", "project", "--prices", "2025"), ("note", repaid, "--realisation", "0.333")]
    runs += [("savings", repaid, "-f", "json", "--realisation", "100%,33%"), ("gap", repaid, "-f", "xlsx", *xlsx)]
    for args in runs:
        expected = invoke(*args)
        assert expected.code == 0, (args, expected.stderr[-2000:])
        with localcontext(ONE_DIGIT):
            got = invoke(*args)
        assert (got.code, got.stdout, got.stderr) == (expected.code, expected.stdout, expected.stderr), args
