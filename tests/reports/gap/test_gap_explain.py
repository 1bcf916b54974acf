"""gap --explain: each financing line where it stands, what it covers and pays, and the rule in
figures; the notes, kinds and funding_ends the file gives. Driven in-process (`invoke`)."""

import json
import math
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import in_order, invoke, write_scenario
from drawn import CLI, drawn_scenarios, load, text
from effektinvest.reports.gap.explain import explain

ROOT = Path(__file__).resolve().parents[3]
SEED = str(ROOT / "scenarios" / "2024.yaml")
D = Decimal
# the lines of the seed's financing lines (other sessions add to the file: found, not counted)
SEED_LINES = [i for i, line in enumerate(Path(SEED).read_text(encoding="utf-8").splitlines(), 1) if "- source:" in line]

SHARES = """\
scenario: Andele
budget_year: 2024
unit: kr.
price_level: 2024
price_index: {2024: 100, 2025: 103}
sources:
  fund: {name: Fonden, kind: fund, note: "kilde\\u001bnote"}
  dept: {name: Afdelingen}
projects:
  a:
    name: A
    funding_ends: 2024
    costs: {2024: 2.48, 2025: 3.72}
    financing:
      - source: fund
        share: "30%"
        note: "linje\\u202enote"
  b:
    name: B
    costs: {2024: 1.66}
financing:
  - {source: dept, amount: {2024: 1, 2025: 1.05}}
  - {source: dept, amount: 0.05}
"""


def as_json(text_):
    return json.loads(text_, parse_float=Decimal, parse_int=Decimal)


@pytest.fixture
def shares(tmp_path):
    path = tmp_path / "andele.yaml"
    path.write_text(SHARES, encoding="utf-8")
    return str(path)


def test_seed_explains_each_pooled_line_split_by_cost():
    result = invoke("gap", SEED, "--explain", env={"COLUMNS": "200"})
    assert result.code == 0, result.stderr
    out = result.stdout
    assert f"{SEED}:{SEED_LINES[-1]}: outcomefonden, beløb 2,05, dækker havnen, hjem_job_helhed" in out
    assert "  2,05 fordelt efter udgift 4,14 : 6,21 -> 0,82 + 1,23 (største brøks metode)" in out
    assert "  bemærkning: Mod forventning om tilsvarende decentrale besparelser" in out
    assert "  sfb: Sociale Forhold og Beskæftigelse, decentral (Magistratsafdelingens decentrale budget)" in out


def test_seed_json_lines_and_sources():
    report = as_json(invoke("gap", SEED, "--explain", "-f", "json").stdout)
    assert list(report)[-2:] == ["sources", "lines"]
    assert [(line["line"], line["source"], line["kind"]) for line in report["lines"]] == list(
        zip(SEED_LINES, ["sfb", "sfb", "ikke_decentral", "outcomefonden"], ["amount"] * 4, strict=True)
    )
    last = report["lines"][-1]
    assert last["path"] == SEED and last["projects"] == ["havnen", "hjem_job_helhed"]
    assert last["amount"] == D("2.05")
    assert last["covered"] == {"2024": D("4.14"), "2025": D("6.21")}
    assert last["paid"] == {"2024": D("0.82"), "2025": D("1.23")}
    assert last["note"].startswith("Mod forventning om fortsatte besparelser")
    assert report["sources"][2] == {"id": "outcomefonden", "name": "Outcomefonden", "kind": "fund", "note": None}
    assert {p["id"]: p["funding_ends"] for p in report["projects"]} == {
        "havnen": 2024,
        "hjem_job_helhed": 2024,
        "dialog_mod_vold": 2024,
    }


def test_without_explain_json_has_sources_but_no_lines():
    report = as_json(invoke("gap", SEED, "-f", "json").stdout)
    assert "lines" not in report
    assert [s["id"] for s in report["sources"]][:3] == ["sfb", "ikke_decentral", "outcomefonden"]


def test_share_rule_shows_the_product_and_its_rounding(shares):
    out = invoke("gap", shares, "--explain", env={"COLUMNS": "200"}).stdout
    assert "  2024: dækket udgift 2,48, betaler 0,74: 30 % x 2,48 = 0,744 -> 0,74 (hele øre, halvt til lige)" in out
    assert "  2025: dækket udgift 3,72, betaler 1,12: 30 % x 3,72 = 1,116 -> 1,12 (hele øre, halvt til lige)" in out
    assert "  2024: dækket udgift 4,14, betaler 1 (som i filen)" in out
    assert "  0,05 fordelt efter udgift 4,14 : 3,72 -> 0,03 + 0,02 (største brøks metode)" in out
    assert "Finansieringen udløber i 2024: A" in out


def test_share_line_json(shares):
    report = as_json(invoke("gap", shares, "--explain", "-f", "json").stdout)
    first, mapped, single = report["lines"]
    assert (first["kind"], first["share"], first["line"]) == ("share", D("0.3"), 15)
    assert first["paid"] == {"2024": D("0.74"), "2025": D("1.12")} and "amount" not in first
    assert mapped["kind"] == "amounts" and mapped["amount"] == {"2024": D("1"), "2025": D("1.05")}
    assert single["kind"] == "amount" and single["projects"] == ["a", "b"]


def test_text_a_user_wrote_is_neutralised(shares):
    out = invoke("gap", shares, "--explain", env={"COLUMNS": "200"}).stdout
    assert "\x1b" not in out and "\u202e" not in out
    assert "kilde\\x1bnote" in out and "linje\\u202enote" in out
    raw = invoke("gap", shares, "--explain", "-f", "json").stdout
    assert "\\u001b" in raw and "\\u202e" in raw
    assert as_json(raw)["lines"][0]["note"] == "linje\u202enote"
    markdown = invoke("gap", shares, "--explain", "-f", "markdown").stdout
    assert "#### Forklaring" in markdown and "\x1b" not in markdown


def test_prices_show_the_factor_and_each_amount_before_and_after_rounding(shares):
    out = invoke("gap", shares, "--explain", "--prices", "2025", env={"COLUMNS": "200"}).stdout
    assert "i 2025-priser: x 103 / 100 (indeks 2025 / indeks 2024)" in out
    assert "    2025: 1,05 x 103 / 100 = 1,0815 -> 1,08" in out
    assert "    beløb: 0,05 x 103 / 100 = 0,0515 -> 0,05" in out
    report = as_json(invoke("gap", shares, "--explain", "--prices", "2025", "-f", "json").stdout)
    prices = report["lines"][1]["prices"]
    assert prices["index"] == {"2024": 100, "2025": 103} and prices["year"] == 2025
    assert prices["amounts"][1] == {"what": "2025", "written": D("1.05"), "unrounded": D("1.0815"),
                                    "restated": D("1.08")}
    assert report["lines"][0]["prices"]["covered"] == {"2024": D("2.48"), "2025": D("3.72")}
    assert report["lines"][0]["covered"] == {"2024": D("2.55"), "2025": D("3.83")}


TIE = """\
scenario: Halv
budget_year: 2024
unit: kr.
price_level: 2024
price_index: {2024: 1, 2025: 1.0000000000005}
sources:
  dept: {name: Afdelingen}
projects:
  b: {name: B, costs: {2025: 2}}
financing:
  - {source: dept, amount: {2025: 1}}
"""


def test_an_unrounded_amount_at_a_tie_is_shown_by_the_one_display_rounding(tmp_path):
    """1 x 1,0000000000005 = 1,0000000000005 exactly: a half at the 13th place, shown to 12 places half away
    from zero (cli.md "Amounts on screen"), as a spreadsheet would, in the text and in the JSON."""
    path = write_scenario(tmp_path, TIE)
    out = invoke("gap", path, "--explain", "--prices", "2025", env={"COLUMNS": "200"}).stdout
    assert "    2025: 1 x 1,0000000000005 / 1 = 1,000000000001… -> 1\n" in out
    report = as_json(invoke("gap", path, "--explain", "--prices", "2025", "-f", "json").stdout)
    assert report["lines"][0]["prices"]["amounts"] == [
        {"what": "2025", "written": 1, "unrounded": D("1.000000000001"), "restated": 1}
    ]


def test_explain_in_csv_is_a_usage_error(shares):
    result = invoke("gap", shares, "--explain", "-f", "csv")
    assert result.code == 2 and "--explain" in result.stderr and result.stdout == ""


OUTCOMES = """\
scenario: Outcomes
budget_year: 2025
unit: kr.
sources:
  fund: {name: Fonden}
projects:
  a:
    name: A
    costs: {2025: 1000000, 2026: 1000000, 2027: 1000000}
    financing:
      - {source: fund, tariff: 20000, outcomes: {2025: 40, 2026: 50, 2027: 30}, cap: 1300000}
"""


def test_outcome_line_shows_tariff_times_count_and_the_cap(tmp_path):
    path = tmp_path / "outcomes.yaml"
    path.write_text(OUTCOMES, encoding="utf-8")
    result = invoke("gap", path, "--explain", env={"COLUMNS": "200"})
    if result.code != 0:
        pytest.skip("outcome lines (format 1.2) are not in this tree yet")
    assert "betaler 800.000: 40 x 20.000 = 800.000" in result.stdout
    assert "50 x 20.000 = 1.000.000; loft 1.300.000 nået i 2026: 1.000.000 -> 500.000" in result.stdout
    assert "loft 1.300.000 allerede nået i 2026: 600.000 -> 0" in result.stdout
    line = as_json(invoke("gap", path, "--explain", "-f", "json").stdout)["lines"][0]
    assert (line["kind"], line["tariff"], line["cap"]) == ("outcomes", 20000, 1300000)
    assert line["outcomes"] == {"2025": 40, "2026": 50, "2027": 30}
    assert line["paid"] == {"2025": 800000, "2026": 500000, "2027": 0}


RATE_CARD = """\
scenario: Takstkort
budget_year: 2024
unit: kr.
price_level: 2024
price_index: {2024: 100, 2025: 103}
sources:
  fond: {name: Fond, kind: external}
projects:
  a:
    name: A
    costs: {2024: 1000, 2025: 1000, 2026: 1000}
    financing:
      - {source: fond, tariff: {2024: 100, 2025: 100, 2026: 150}, outcomes: {2024: 2, 2025: 3, 2026: 4}, cap: 1000}
"""


def test_a_rate_card_is_explained_year_by_year_and_restated_tariff_by_tariff(tmp_path):
    """Issue 21: each year's rule uses that year's tariff (4 x 150 in 2026, cut by the cap to 500); JSON gives the
    rate card as {"YEAR": C}; --prices restates each year's tariff ("takst 2026": 150 x 1.03 = 154.5)."""
    path = tmp_path / "card.yaml"
    path.write_text(RATE_CARD, encoding="utf-8")
    result = invoke("gap", path, "--explain", env={"COLUMNS": "200"})
    assert result.code == 0, result.stderr
    assert "2025: dækket udgift 1.000, betaler 300: 3 x 100 = 300" in result.stdout
    assert "2026: dækket udgift 1.000, betaler 500: 4 x 150 = 600; loft 1.000 nået i 2026: 600 -> 500" in result.stdout
    line = as_json(invoke("gap", path, "--explain", "-f", "json").stdout)["lines"][0]
    assert line["tariff"] == {"2024": 100, "2025": 100, "2026": 150}
    assert line["paid"] == {"2024": 200, "2025": 300, "2026": 500}
    restated = as_json(invoke("gap", path, "--explain", "-f", "json", "--prices", "2025").stdout)["lines"][0]
    amounts = {entry["what"]: (entry["written"], entry["restated"]) for entry in restated["prices"]["amounts"]}
    assert amounts == {
        "tariff 2024": (100, 103),
        "tariff 2025": (100, 103),
        "tariff 2026": (150, D("154.5")),
        "cap": (1000, 1030),
    }
    text_ = invoke("gap", path, "--explain", "--prices", "2025", env={"COLUMNS": "200"}).stdout
    assert "takst 2026: 150 x 103 / 100 = 154,5 -> 154,5" in text_


CAP_FILLED = """\
scenario: Loft
budget_year: 2024
unit: kr.
sources:
  fond: {name: Fond, kind: fund}
projects:
  a:
    name: A
    costs: {2024: 1000, 2025: 1000, 2026: 1000, 2027: 1000, 2028: 1000}
    financing:
      - {source: fond, tariff: 100, outcomes: {2024: 3, 2025: 2, 2026: 5, 2028: 0}, cap: 500}
"""


def test_the_cap_is_reached_in_the_year_it_is_filled_and_no_count_is_invented(tmp_path):
    """Review: 2025 pays exactly up to the cap, so the cap is reached in 2025, not in 2026 (the first year it
    cuts); 2027 has covered cost but no count, and says so instead of '0 x 100'."""
    path = tmp_path / "cap.yaml"
    path.write_text(CAP_FILLED, encoding="utf-8")
    result = invoke("gap", path, "--explain", env={"COLUMNS": "200"})
    assert result.code == 0, result.stderr
    years = [line.strip() for line in result.stdout.splitlines() if re.match(r"\s+20\d\d: dækket udgift", line)]
    assert years == [
        "2024: dækket udgift 1.000, betaler 300: 3 x 100 = 300",
        "2025: dækket udgift 1.000, betaler 200: 2 x 100 = 200; loft 500 nået i 2025",
        "2026: dækket udgift 1.000, betaler 0: 5 x 100 = 500; loft 500 allerede nået i 2025: 500 -> 0",
        "2027: dækket udgift 1.000, betaler 0: ingen resultater i 2027",
        "2028: dækket udgift 1.000, betaler 0: 0 x 100 = 0; loft 500 allerede nået i 2025",
    ]
    markdown = invoke("gap", path, "--explain", "-f", "markdown").stdout
    # Markdown: the same words, with what Markdown would act on escaped (display_context.markdown_text)
    assert "loft 500 allerede nået i 2025: 500 -\\> 0" in markdown and "ingen resultater i 2027" in markdown


@CLI
@given(drawn_scenarios())
def test_the_lines_pay_exactly_each_sources_figure(drawn):
    """The explanation is the arithmetic's own: per year, the lines of a source add up to its figure."""
    loaded = load(text(drawn))
    sums: dict = {}
    for entry in explain(loaded.scenario):
        for year, paid in entry.paid.items():
            if year in loaded.gap.years:
                key = (year, entry.source)
                sums[key] = sums.get(key, D(0)) + paid
    for year, column in loaded.gap.years.items():
        for source, amount in column.financing.items():
            assert sums.pop((year, source)) == amount
    assert all(value == 0 for value in sums.values())  # a source that pays nothing is not listed


def _expected_line(report, item) -> dict:
    """docs/cli.md's JSON of one line, from the report's own figures: amounts in its unit (`report.scaled`)."""
    e, scaled = item.entry, report.scaled
    line = {"path": item.file, "line": item.line, "source": e.source, "projects": list(e.projects), "kind": e.kind}
    if e.kind == "share":
        line["share"] = e.share
    elif e.kind == "amount":
        line["amount"] = scaled(e.amount)
    elif e.kind == "amounts":
        line["amount"] = {str(year): scaled(value) for year, value in e.amount.items()}
    else:
        tariff, counts, cap = e.outcomes
        line.update(tariff=scaled(tariff), outcomes={str(y): n for y, n in counts.items()}, cap=scaled(cap))
    line["covered"] = {str(year): scaled(value) for year, value in e.covered.items()}
    line["paid"] = {str(year): scaled(value) for year, value in e.paid.items()}
    line["note"] = e.note
    if e.prices is not None:
        line["prices"] = _expected_prices(report, e.prices)
    return line


def _expected_prices(report, p) -> dict:
    from fractions import Fraction

    def unrounded(kr: Fraction) -> Decimal:  # to 12 decimals of the unit, half away from zero (display rounding)
        value = kr / 10**report.unit.exponent
        shown = math.trunc(value * 10**12 + (Fraction(1, 2) if value >= 0 else Fraction(-1, 2)))
        return D(shown).scaleb(-12)

    amounts = [
        {"what": "amount" if c.key is None else str(c.key), "written": report.scaled(c.written),
         "unrounded": unrounded(c.exact), "restated": report.scaled(c.restated)}
        for c in p.amounts
    ]
    index = {str(p.price_level): p.index[1], str(p.year): p.index[0]}
    covered = {str(year): report.scaled(value) for year, value in p.covered.items()}
    return {"year": p.year, "price_level": p.price_level, "index": index, "amounts": amounts, "covered": covered}


def _json_lines(report) -> list:
    from effektinvest.reports.gap.json import json as gap

    return json.loads(gap(report), parse_float=Decimal)["lines"]


def test_json_lines_are_each_lines_figures(tmp_path):
    """`lines` is each line's figures in the order of docs/cli.md, for every kind of line, with and without
    --prices, in every unit, with the lines and payments the load kept (`Loaded.paid`) and without them; text
    a user wrote (a %, a hidden character) as written, escaped."""
    from effektinvest.cli.gap import _views
    from effektinvest.edges.load import load_path, with_prices
    from effektinvest.model.units import Unit
    from effektinvest.reports.gap.view import build

    outcomes, cap, shares = tmp_path / "outcomes.yaml", tmp_path / "cap.yaml", tmp_path / "andele.yaml"
    outcomes.write_text(OUTCOMES, encoding="utf-8")
    cap.write_text(CAP_FILLED, encoding="utf-8")
    odd = SHARES.replace("name: B", 'name: "B\\u2028%s"').replace("dept:", '"de%pt":')
    shares.write_text(odd.replace("source: dept", 'source: "de%pt"'), encoding="utf-8")
    files = [(SEED, None), (str(outcomes), None), (str(cap), None), (str(shares), None), (str(shares), 2025)]
    for path, prices in files:
        written = load_path(path, marks=True, keep_paid=True)
        assert written.scenario is not None, written.diagnostics
        loaded = written if prices is None else with_prices(written, prices)
        for unit in Unit:
            report = build(loaded.scenario, loaded.gap, unit)
            both = _views(report, loaded, written if prices else None, prices, True, "project")
            expected = [_expected_line(both, item) for item in both.explained]
            assert in_order(_json_lines(both)) == in_order(expected)
            unkept = replace(written, paid=None) if prices else None
            again = _views(report, replace(loaded, paid=None), unkept, prices, True, "project")
            assert in_order(_json_lines(again)) == in_order(expected)
    assert [line["source"] for line in _json_lines(both)] == ["fund", "de%pt", "de%pt"]
    from effektinvest.reports.gap.json import json as gap

    assert '"source": "de%pt"' in gap(both) and '"name": "B\\u2028%s"' in gap(both)


@CLI
@given(drawn_scenarios(), st.sampled_from(["kr.", "t.kr.", "mio. kr."]))
def test_json_lines_carry_each_lines_figures(drawn, unit):
    from effektinvest.model.units import parse_unit
    from effektinvest.reports.gap.explain_view import placed
    from effektinvest.reports.gap.view import build

    loaded = load(text(drawn))
    report = build(loaded.scenario, loaded.gap, parse_unit(unit))
    lines = placed(explain(loaded.scenario), "egenskaber.yaml", lambda path: (len(path), 1))
    report = replace(report, explained=lines)
    assert in_order(_json_lines(report)) == in_order([_expected_line(report, item) for item in lines])


def test_numbers_are_written_from_their_exact_digits():
    """Every amount is its exact digits, in every unit: trailing zeros of a fraction off, no exponent."""
    from effektinvest.formats.json import dumps, exact, number, numbers
    from effektinvest.model.numbers import plain
    from effektinvest.model.units import Unit

    texts = ("10.35", "2.50", "2.00", "0.00", "-0.00", "1.0025E+5", "0E-7", "1E+2", "100", "-3.10", "1E-8", "0.1000")
    values = [D(t) for t in texts]
    assert [number(v) for v in values] == [
        "10.35", "2.5", "2", "0", "-0", "100250", "0", "100", "100", "-3.1", "0.00000001", "0.1"
    ]
    for unit in Unit:
        converted = [unit.from_kr(v) for v in values]
        assert numbers(values, unit.from_kr) == [number(v) for v in converted] == [plain(v) for v in converted]
    big = D("123456789012345678901234567.89")
    assert json.loads(dumps({"a": exact(big), "b": [big, None]}), parse_float=Decimal) == {"a": big, "b": [big, None]}
    assert dumps([exact(D("0.1")), "0.1", exact(None)]) == '[0.1, "0.1", null]'


def test_a_template_filled_is_what_dumps_writes():
    """`formats.json.template`: an object written once with holes, then filled, is what `dumps` writes of the
    object with the values in place: with a % and hidden characters in its keys and its texts."""
    from effektinvest.formats.json import HOLE, Raw, array, dumps, exact, numbers, string, template

    keys = ["a%s", "b%%", 'c"\\', "d\u202e\x1b\x7f", "é"]
    values = ["%s", "100%", 'q"\\', "x\u2028\x00\x85", "ø"]
    shape = {"kind": "k", "texts": dict.fromkeys(keys, HOLE), "numbers": {"2024": HOLE, "2025": HOLE}, "none": None}
    amounts = [D("1.50"), D("-0.00")]
    filled = template(shape) % (*map(string, values), *numbers(amounts))
    texts = dict(zip(keys, values, strict=True))
    expected = {**shape, "texts": texts, "numbers": {"2024": amounts[0], "2025": amounts[1]}}
    marked = {**expected, "numbers": {"2024": exact(D("1.5")), "2025": exact(D("-0"))}}
    assert dumps(Raw(filled)) == dumps(expected) == dumps(marked)
    assert dumps({"all": Raw(array([filled, filled])), "after": 1}) == dumps({"all": [expected, expected], "after": 1})
    assert json.loads(dumps(Raw(filled)), parse_float=Decimal) == expected


def test_text_a_user_wrote_is_never_a_number(tmp_path):
    """A name, an id or a note that looks like the number mark or a hole stays the text it is, escaped."""
    from effektinvest.formats import json as toolkit

    tricky = ['"<', "%s", "%%", "\ue000\ue001", "00" * 8, ">", toolkit._MARK[:8], "1" + toolkit._END[:4]]
    path = tmp_path / "andele.yaml"
    text_ = SHARES.replace("name: B", "name: " + json.dumps("".join(tricky) + "\x1b"))
    path.write_text(text_.replace("scenario: Andele", "scenario: " + json.dumps("".join(reversed(tricky)))), "utf-8")
    result = invoke("gap", path, "--explain", "--by", "project", "-f", "json")
    assert result.code == 0, result.stderr
    report = as_json(result.stdout)
    assert report["projects"][1]["name"] == "".join(tricky) + "\x1b"
    assert report["scenario"] == "".join(reversed(tricky))
    assert "\x1b" not in result.stdout and "\\u001b" in result.stdout


# --- outcome lines: the tariff and cap restated by --prices, a line without a cap in t.kr. ---------------------------

OUTCOME_LINES = """\
scenario: R
budget_year: 2024
unit: {unit}
price_level: 2024
price_index: {{2024: 100, 2025: 110}}
sources:
  fond: {{name: Fonden, kind: fund}}
  dec: {{name: D, kind: decentral}}
projects:
  a:
    name: A
    costs: {{2024: 1000, 2025: 1000}}
    financing:
      - {{source: dec, tariff: 10, outcomes: {{2024: 3}}}}
financing:
  - source: fond
    tariff: 20
    outcomes: {{2024: 40, 2025: 60}}
    cap: 1500
"""


def test_explain_with_prices_restates_an_outcome_lines_tariff_and_cap(tmp_path):
    path = write_scenario(tmp_path, OUTCOME_LINES.format(unit="kr."))
    result = invoke("gap", path, "--explain", "--prices", "2025", "--format", "json")
    assert result.code == 0, result.stderr
    lines = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)["lines"]
    assert [line["prices"]["amounts"] for line in lines] == [
        [{"what": "tariff", "written": 10, "unrounded": 11, "restated": 11}],
        [
            {"what": "tariff", "written": 20, "unrounded": 22, "restated": 22},
            {"what": "cap", "written": 1500, "unrounded": 1650, "restated": 1650},
        ],
    ]
    text = invoke("gap", path, "--explain", "--prices", "2025", env={"COLUMNS": "200"}).stdout
    assert "    takst: 10 x 110 / 100 = 11 -> 11\n" in text
    assert "    takst: 20 x 110 / 100 = 22 -> 22\n    loft: 1.500 x 110 / 100 = 1.650 -> 1.650\n" in text
    assert "60 x 22 = 1.320; loft 1.650 nået i 2025: 1.320 -> 770" in text


def test_explain_an_outcome_line_without_a_cap_in_thousands(tmp_path):
    path = write_scenario(tmp_path, OUTCOME_LINES.format(unit="t.kr."))
    result = invoke("gap", path, "--explain", "--format", "json")
    assert result.code == 0, result.stderr
    lines = json.loads(result.stdout, parse_float=Decimal, parse_int=Decimal)["lines"]
    assert [(line["tariff"], line["cap"], line["paid"]) for line in lines] == [
        (10, None, {"2024": 30}),
        (20, 1500, {"2024": 800, "2025": 700}),
    ]
