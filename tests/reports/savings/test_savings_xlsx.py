"""`savings --format xlsx` (issue 12; docs/cli.md, "Spreadsheets"): read back with openpyxl, the sheet holds every
figure of `--format json` (as Decimal, rounded to the output's øre; ratios exactly), number formats with the
decimals the figures need, text never a formula. (csv-da is in test_savings_csv.py, `--output` in
edges/test_output.py.)"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from conftest import FORMULA_LIKE, ROOT, SAVINGS_RUN_IDS, SAVINGS_RUNS, invoke
from effektinvest.reports.savings.sensitivity import HEADS

SEED = str(ROOT / "scenarios" / "2024.yaml")
WORKED = str(ROOT / "tests" / "fixtures" / "savings" / "worked.yaml")
ORE = {"kr.": 2, "t.kr.": 5, "mio. kr.": 8}  # the output unit's øre, in decimals
D = Decimal
HEAD = 4  # the header's row: title, caption, an empty row, then the header
OUTSIDE = {"state", "region"}
SIDES = {"municipal": "kommunalt", "public": "offentligt"}


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

    def group(sid: str) -> int:  # municipal, money from outside, state and region
        return 2 if kinds[sid] in OUTSIDE else 1 if kinds[sid] in ("refund", "external") else 0

    def residual(c) -> Decimal:  # what the municipal pockets pay and repay (format 1.3), net of what they receive
        own = [c["sources"][sid] for sid in kinds if group(sid) == 0]
        paid = sum((p["paid"] + p.get("repaid", 0) - p.get("received", 0) for p in own), Decimal(0))
        return paid - c["municipal_cost"]

    def details(sid: str) -> tuple:  # a pocket that repays has a row `repaid`, an investor repaid `received`
        flows = tuple(name for name in ("repaid", "received") if data["total"]["sources"][sid].get(name))
        return ("savings", "paid", *flows, "net")

    out = [figure("cost", "Udgift i alt"), figure("municipal_cost", "Kommunal udgift")]
    for number in (0, 1, 2):
        for sid in [s for s in kinds if group(s) == number]:
            for index, detail in enumerate(("savings",) if number == 2 else details(sid)):
                values = [c["sources"][sid][detail] for c in columns]
                out.append((detail, sid, names[sid] if index == 0 else None, values))
        if number == 0:
            out.append(("residual", "", "Restfinansiering", [residual(c) for c in columns]))
            out.append(figure("municipal_savings", "Kommunale besparelser"))
        elif number == 1 and any(group(sid) == 1 for sid in kinds):
            out.append(("outside_paid", "", "Finansiering udefra", [c["cost"] - c["municipal_cost"] for c in columns]))
        elif number == 2:
            out.append(figure("outside_savings", "Besparelser i stat og region"))
    out += [figure("savings", "Besparelser i alt"), figure("municipal_net", "Kommunal netto"), cumulative("municipal")]
    return [*out, figure("public_net", "Offentlig netto"), cumulative("public")]


@pytest.mark.parametrize("args", SAVINGS_RUNS, ids=SAVINGS_RUN_IDS)
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
        assert _exact(keys[("Hjemtjeningsår", word)], "0") == data["break_even"][side]
        assert _amount(keys[("Nutidsværdi", word)], unit) == data["npv"][side]
        ratio = keys[("Besparelser pr. udgiftskrone (nutidsværdi)", word)]
        assert _exact(ratio, "0.0000") == data["benefit_cost"][side]
    backed = {sid: source for sid, source in data["sources"].items() if source["backing"] is not None}
    for sid, source in backed.items():  # (a pocket that repays an investor: per krone paid and repaid)
        repays = data["total"]["sources"][sid].get("repaid")
        label = f"Besparelser pr. betalt{' og tilbagebetalt' if repays else ''} krone, {names[sid]}"
        assert _exact(keys[(label, None)], "0.0000") == source["backing"]
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


def test_present_values_in_xlsx_have_the_decimals_they_need(tmp_path):
    target = tmp_path / "s.xlsx"
    assert invoke("savings", WORKED, "--unit", "mio. kr.", "-f", "xlsx", "-o", target).code == 0
    rows = list(openpyxl.load_workbook(target).active.iter_rows())
    npv = [row[2] for row in rows if row[0].value == "Nutidsværdi"]
    assert [cell.number_format for cell in npv] == ["#,##0.00000000"] * 2
    assert [D(str(cell.value)) for cell in npv] == [D("-0.00054631"), D("-0.00007956")]
