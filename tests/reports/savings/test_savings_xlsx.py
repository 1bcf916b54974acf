"""`savings` with the outputs of issue 12 (docs/cli.md, "Writing a report to a file", "Spreadsheets"):
`--format xlsx` read back with openpyxl holds every figure of `--format json` (as Decimal, rounded to the
output's øre; ratios exactly), `--format csv-da` is the CSV with Danish conventions, and `--output`/`--force`
write atomically and never over an existing file without --force."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from conftest import ROOT, assert_rows_of_csv_with_decimal_commas, csv_rows, invoke
from effektinvest.reports.savings.sensitivity import HEADS

SEED = str(ROOT / "scenarios" / "2024.yaml")
WORKED = str(ROOT / "tests" / "fixtures" / "savings" / "worked.yaml")
ORE = {"kr.": 2, "t.kr.": 5, "mio. kr.": 8}  # the output unit's øre, in decimals
HEAD = 4  # the header's row: title, caption, an empty row, then the header
OUTSIDE = {"state", "region"}
SIDES = {"municipal": "kommunalt", "public": "offentligt"}
RUNS = [
    [SEED],
    [WORKED],
    [SEED, "--realisation", "100%,50%"],
    [WORKED, "--realisation", "100%,50%"],
    [SEED, "--unit", "t.kr.", "--discount", "4%", "--realisation", "42,5%"],
    [WORKED, "--decimals", "0", "--unit", "mio. kr."],
    [SEED, "--decimals", "1"],  # the rounding-difference line under the table
]


def _json(*args) -> dict:
    result = invoke("savings", *args, "-f", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal)


def _names(*args) -> dict[str, str]:
    """Source id -> name, as the CSV gives them (the JSON has ids only)."""
    rows = csv.DictReader(io.StringIO(invoke("savings", *args, "-f", "csv").stdout))
    return {row["id"]: row["name"] for row in rows if row["name"]}


def _workbook(tmp_path, *args):
    target = tmp_path / "savings.xlsx"
    result = invoke("savings", *args, "-f", "xlsx", "-o", target)
    assert result.code == 0, result.stderr
    assert result.stdout_bytes == b""
    return openpyxl.load_workbook(target), target.read_bytes()


def _amount(cell, unit: str) -> Decimal | None:
    """A number cell's value as Decimal, rounded to the output's øre (None for an empty cell)."""
    if cell.value is None:
        return None
    assert cell.data_type == "n" and "#,##0" in cell.number_format, cell.coordinate
    return Decimal(cell.value).quantize(Decimal(1).scaleb(-ORE[unit]))


def _exact(cell, number_format: str | None = None):
    """A ratio, a percentage or a year: the cell's own digits; 'ingen' (no figure) is None."""
    if cell.data_type == "s":
        assert cell.value == "ingen", cell.coordinate
        return None
    assert cell.data_type == "n", cell.coordinate
    if number_format == "%":
        assert cell.number_format.endswith("%"), cell.coordinate
    elif number_format is not None:
        assert cell.number_format == number_format, cell.coordinate
    return Decimal(repr(cell.value))


def _expected_rows(data: dict, names: dict[str, str]) -> list[tuple[str, str, str | None, list]]:
    """The table's rows from the JSON: (category, id, label (None: a pocket's 2nd and 3rd row), figures per year
    and the total)."""
    columns = [*data["years"], data["total"]]
    kinds = {sid: source["kind"] for sid, source in data["sources"].items()}

    def figure(name: str, label: str) -> tuple:
        return (name, "", label, [c[name] for c in columns])

    def cumulative(side: str) -> tuple:
        return (f"{side}_cumulative", "", "Akkumuleret", [y[f"{side}_cumulative"] for y in data["years"]] + [None])

    out = [figure("cost", "Udgift i alt"), figure("municipal_cost", "Kommunal udgift")]
    for outside in (False, True):
        for sid in [s for s in kinds if (kinds[s] in OUTSIDE) == outside]:
            for index, detail in enumerate(("savings",) if outside else ("savings", "paid", "net")):
                values = [c["sources"][sid][detail] for c in columns]
                out.append((detail, sid, names[sid] if index == 0 else None, values))
        sums = ("outside_savings", "Besparelser i stat og region"), ("municipal_savings", "Kommunale besparelser")
        out.append(figure(*sums[0 if outside else 1]))
    out += [figure("savings", "Besparelser i alt"), figure("municipal_net", "Kommunal netto"), cumulative("municipal")]
    return [*out, figure("public_net", "Offentlig netto"), cumulative("public")]


@pytest.mark.parametrize("args", RUNS, ids=[" ".join(a.rsplit("/", 1)[-1] for a in args) for args in RUNS])
def test_the_sheet_holds_every_figure_of_json(tmp_path, args):
    data = _json(*args)
    names = _names(*args)
    workbook, raw = _workbook(tmp_path, *args)
    ws = workbook.active
    unit = data["unit"]
    assert ws["A1"].value == data["scenario"] and ws["A1"].font.b
    price = "" if data["price_level"] is None else f", {data['price_level']}-priser"
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()  # values, never formulas
    if "sensitivity" in data:
        _sensitivity(ws, data, names, unit, price)
        return
    assert workbook.sheetnames == [f"Besparelser {data['budget_year']}"]
    assert ws["A2"].value.startswith(f"{unit}{price}, realisering ")
    years = [y["year"] for y in data["years"]]
    assert [c.value for c in ws[HEAD]] == [f"Budget {data['budget_year']}", None, *years, "I alt"]
    expected = _expected_rows(data, names)
    rows = list(ws.iter_rows(min_row=HEAD + 1, max_row=HEAD + len(expected)))
    for (category, sid, label, figures), row in zip(expected, rows, strict=True):
        assert row[0].value == label, (category, sid)
        assert [_amount(c, unit) for c in row[2:]] == figures, (category, sid)
        assert row[0].font.b == (not sid and not category.endswith("cumulative"))  # sums in bold, as in the table
    keys = {}
    for row in ws.iter_rows(min_row=HEAD + len(expected) + 1):
        if row[0].value is not None:
            keys[(row[0].value, row[1].value)] = row[2]
    assert _exact(keys[("Realisering", None)], "%") == data["realisation"]
    discount = keys[("Diskontering", None)]
    if data["discount"] == "finance-ministry":
        assert discount.value == "Finansministeriets diskonteringsrente 3,5/2,5/1,5 %"
    else:
        assert _exact(discount, "%") == data["discount"]
    assert _exact(keys[("Forkert lomme (andel)", None)], "%") == data["wrong_pocket_share"]
    for side, word in SIDES.items():
        assert _exact(keys[("Break-even", word)], "0") == data["break_even"][side]
        assert _amount(keys[("Nutidsværdi", word)], unit) == data["npv"][side]
        assert _exact(keys[("Benefit-cost (nutidsværdi)", word)], "0.0000") == data["benefit_cost"][side]
    backed = {sid: source for sid, source in data["sources"].items() if source["backing"] is not None}
    for sid, source in backed.items():
        assert _exact(keys[(f"Besparelser pr. betalt krone, {names[sid]}", None)], "0.0000") == source["backing"]
        assert _amount(keys[(f"Mangler, {names[sid]}", None)], unit) == source["shortfall"]
    rounding = [label for label, _ in keys if label == "Afrundingsdifferencer kan forekomme."]
    assert len(rounding) == (args[-1] == "1")
    assert len(keys) == 9 + 2 * len(backed) + len(rounding)  # every key figure, nothing else


def _sensitivity(ws, data: dict, names: dict[str, str], unit: str, price: str) -> None:
    """A row per realisation: the sensitivity table's figures, with a shortfall column per source that has one."""
    assert ws.title == f"Følsomhed {data['budget_year']}"
    assert ws["A2"].value == f"{unit}{price}"
    backed = [
        sid
        for sid in data["sensitivity"][0]["sources"]
        if data["sensitivity"][0]["sources"][sid]["shortfall"] is not None
    ]
    heads = [*HEADS[:-1], *(f"Mangler, {names[sid]}" for sid in backed)]  # a shortfall column per source
    assert [c.value for c in ws[HEAD]] == heads
    rows = list(ws.iter_rows(min_row=HEAD + 1))
    assert len(rows) == len(data["sensitivity"])
    for entry, row in zip(data["sensitivity"], rows, strict=True):
        total = entry["total"]
        assert _exact(row[0], "%") == entry["realisation"]
        amounts = [total["savings"], total["municipal_net"], total["public_net"], *entry["npv"].values()]
        assert [_amount(c, unit) for c in row[1:6]] == amounts
        assert _exact(row[6], "0") == entry["break_even"]["municipal"]
        assert [_amount(c, unit) for c in row[7:]] == [entry["sources"][sid]["shortfall"] for sid in backed]


def test_amounts_show_the_tables_decimals_and_ratios_their_own():
    """--decimals sets the amounts' number format only; the value stays exact."""
    for args, shown in (([WORKED], "#,##0.00"), ([WORKED, "--decimals", "1"], "#,##0.0"), ([SEED], "#,##0.00")):
        result = invoke("savings", *args, "-f", "xlsx")  # standard output is no terminal here
        assert result.code == 0, result.stderr
        ws = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes)).active
        assert ws.cell(HEAD + 1, 3).number_format == shown
    ws = openpyxl.load_workbook(
        io.BytesIO(invoke("savings", SEED, "-f", "xlsx", "--decimals", "0").stdout_bytes)
    ).active
    assert ws.cell(HEAD + 1, 6).value == 10.35 and ws.cell(HEAD + 1, 6).number_format == "#,##0"


FORMULA_LIKE = {"a": "=2*3", "b": "+45 1234", "c": "-1", "d": "@SUM(A1)"}


@pytest.fixture
def formulas(tmp_path):
    """A scenario whose title and names begin with = + - @ (and one with a control character)."""
    sources = "".join(f"  {sid}: {{name: {json.dumps(n)}, kind: decentral}}\n" for sid, n in FORMULA_LIKE.items())
    savings = ", ".join(f"{sid}: {{2025: 1}}" for sid in FORMULA_LIKE)
    scenario = tmp_path / "formula.yaml"
    scenario.write_text(
        "scenario: \"=cmd|' /C calc'!A0\"\nbudget_year: 2024\nunit: kr.\n"
        f'sources:\n{sources}  s: {{name: "Rød\\e[31m", kind: state}}\n'
        "projects:\n  p:\n    name: P\n    costs: {2024: 4}\n"
        "    financing:\n"
        + "".join(f"      - {{source: {sid}, amount: 1}}\n" for sid in FORMULA_LIKE)
        + f"    savings: {{{savings}, s: {{2025: 1}}}}\n",
        encoding="utf-8",
    )
    return scenario


def test_text_is_never_a_formula_in_xlsx(tmp_path, formulas):
    for args in ([formulas], [formulas, "--realisation", "100%,0%"]):
        workbook, raw = _workbook(tmp_path, *args)
        (tmp_path / "savings.xlsx").unlink()
        ws = workbook.active
        assert ws["A1"].value == "=cmd|' /C calc'!A0" and ws["A1"].data_type == "s"
        texts = [c.value for row in ws.iter_rows() for c in row if c.data_type == "s"]
        for name in FORMULA_LIKE.values():
            assert any(text.startswith(name) or text.endswith(name) for text in texts)
        assert not any("\x1b" in text for text in texts)
        if len(args) == 1:  # the state, in the table (the sensitivity sheet has no column for it: no shortfall)
            assert "Rød\\x1b[31m" in texts
        assert all(c.data_type in ("s", "n") for row in ws.iter_rows() for c in row if c.value is not None)
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_xlsx_to_a_terminal_is_refused(monkeypatch, tmp_path):
    from effektinvest.edges import output

    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)
    for args in ([SEED], [WORKED, "--realisation", "100%,50%"]):
        result = invoke("savings", *args, "-f", "xlsx")
        assert result.code == 2
        assert result.stdout_bytes == b""
        assert result.stderr == (
            "effektinvest: error: --format xlsx is a workbook, not text for a terminal: use --output FILE "
            "(or redirect standard output to a file: > report.xlsx)\n"
        )
    assert invoke("savings", SEED, "-f", "xlsx", "-o", tmp_path / "s.xlsx").code == 0  # to a file it goes
    assert invoke("savings", SEED, "-f", "json").code == 0  # text formats still go to a terminal


@pytest.mark.parametrize("args", RUNS, ids=[" ".join(a.rsplit("/", 1)[-1] for a in args) for args in RUNS])
def test_csv_da_is_the_csv_with_danish_conventions(args):
    assert_rows_of_csv_with_decimal_commas(["savings", *args])


def test_csv_da_decimal_commas_and_no_thousands_separator():
    text = invoke("savings", SEED, "-f", "csv-da").stdout
    assert "1;total;cost;;;10,35\r\n" in text
    assert "1;2024;net;sfb;Sociale Forhold og Beskæftigelse;-0,46\r\n" in text  # a number is never prefixed
    text = invoke("savings", WORKED, "--realisation", "100%,50%", "-f", "csv-da").stdout
    assert "0,5;total;savings;;;1000\r\n" in text and "0,5;;shortfall;dec;Decentralt budget;250\r\n" in text


def test_csv_da_prefixes_formula_looking_text(formulas):
    rows = csv_rows(invoke("savings", formulas, "-f", "csv-da").stdout[1:], ";")
    named = {row[3]: row[4] for row in rows[1:] if row[2] == "paid"}
    assert named == {sid: "'" + name for sid, name in FORMULA_LIKE.items()}
    assert {row[3]: row[4] for row in rows[1:] if row[3] == "s"} == {"s": "Rød\\x1b[31m"}


def _left(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "csv-da"])
def test_output_writes_what_standard_output_gets(tmp_path, fmt):
    target = tmp_path / "savings.out"
    for args in ([SEED], [WORKED, "--realisation", "100%,50%"]):
        written = invoke("savings", *args, "-f", fmt, "--output", target, "--force")
        assert written.code == 0, written.stderr
        assert written.stdout == ""
        assert target.read_bytes() == invoke("savings", *args, "-f", fmt).stdout_bytes
        assert _left(tmp_path) == ["savings.out"]  # no temporary file left


@pytest.mark.parametrize("fmt", ["table", "xlsx"])
def test_an_existing_file_is_refused_without_force(tmp_path, fmt):
    target = tmp_path / "report.out"
    target.write_text("keep me\n", encoding="utf-8")
    for option in ("-o", "--output"):
        result = invoke("savings", SEED, "-f", fmt, option, target)
        assert result.code == 2
        assert result.stdout_bytes == b""
        assert result.stderr == f"effektinvest: error: {target} exists; use --force to overwrite it\n"
        assert target.read_text(encoding="utf-8") == "keep me\n"
        assert _left(tmp_path) == ["report.out"]


def test_force_replaces_the_file_atomically(tmp_path, monkeypatch):
    target = tmp_path / "savings.xlsx"
    target.write_text("old\n", encoding="utf-8")
    assert invoke("savings", SEED, "-f", "xlsx", "-o", target, "--force").code == 0
    assert target.read_bytes().startswith(b"PK") and _left(tmp_path) == ["savings.xlsx"]
    # a write that fails half way (a full disk) leaves the old file as it was and no temporary file
    import errno
    import os

    before = target.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = invoke("savings", WORKED, "-f", "json", "-o", target, "--force")
    assert result.code == 2
    assert (
        result.stderr == f"effektinvest: error: cannot write {target}: No space left on device; nothing was written\n"
    )
    assert target.read_bytes() == before and _left(tmp_path) == ["savings.xlsx"]
    result = invoke("savings", WORKED, "-f", "json", "-o", tmp_path / "new.json")
    assert result.code == 2 and _left(tmp_path) == ["savings.xlsx"]


def test_an_invalid_scenario_writes_no_file(tmp_path):
    scenario = tmp_path / "bad.yaml"
    scenario.write_text("scenario: x\nbudget_year: 2024\n", encoding="utf-8")
    result = invoke("savings", scenario, "-f", "xlsx", "-o", tmp_path / "out.xlsx")
    assert result.code == 1
    assert _left(tmp_path) == ["bad.yaml"]
