"""Defects an outside review found, each held by a test: the savings present values and ratios of any figure a
file allows (no traceback from a rounding to øre or 4 decimals), and a workbook that opens whatever the
scenario's title or a file's name holds. (The schema's agreement with the loader is in test_schema.py and the
corpus; the cap in `gap --explain` in test_explain.py.)"""

from __future__ import annotations

import io
import json
from decimal import Decimal, localcontext
from fractions import Fraction

import openpyxl
import pytest

from conftest import invoke
from effektinvest.core.discount import npv, ratio
from effektinvest.core.display_context import visible
from effektinvest.model.numbers import EXACT

D = Decimal
FORMATS = ["table", "json", "csv", "csv-da", "markdown", "xlsx"]

# A refund-like (external) outcome line of 30-digit tariff x 30-digit count: the municipal cost, and so the
# municipal net, has 57 digits before the point, which a 50-digit context cannot round to øre.
HUGE_OUTCOMES = """\
scenario: Stor
budget_year: 2024
unit: kr.
sources:
  fond: {name: Fond, kind: external}
projects:
  a:
    name: A
    costs: {2024: 1000}
    financing:
      - {source: fond, tariff: 999999999999999999999999999.99, outcomes: {2024: 999999999999999999999999999999}}
"""

# A price index from 1e-28 to a 28-digit number: every amount restated in 2025 prices by a factor of ~1e56.
WIDE_INDEX = """\
scenario: Indeks
budget_year: 2024
unit: kr.
price_level: 2024
price_index: {2024: 0.0000000000000000000000000001, 2025: 9999999999999999999999999999}
sources:
  dep: {name: Afdelingen}
projects:
  a:
    name: A
    costs: {2024: 99999999999999999999999999.99}
    savings:
      dep: {2024: 1}
"""

# A saving 300 years before the budget year, discounted at 99 %: DF = 1.99^300 (~1e89), against a cost of one
# øre: a benefit-cost ratio of ~1e118, which a 50-digit context cannot round to 4 decimals.
FAR_BACK = """\
scenario: Langt
budget_year: 2200
unit: kr.
sources:
  dep: {name: Afdelingen}
projects:
  a:
    name: A
    costs: {2200: 0.01}
    savings:
      dep: {1900: 999999999999999999999999999.99}
"""


def _savings(tmp_path, text: str, *args: str) -> dict:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    assert invoke("check", path).code == 0
    for fmt in FORMATS:  # every format: exit 0, never a traceback
        result = invoke("savings", path, *args, "-f", fmt, *(["-o", tmp_path / "s.xlsx", "--force"] * (fmt == "xlsx")))
        assert result.code == 0 and "Traceback" not in result.stderr, (fmt, result.stderr[-2000:])
    result = invoke("savings", path, *args, "-f", "json")
    return json.loads(result.stdout, parse_float=D, parse_int=D)


def test_npv_of_a_57_digit_net_is_rounded_to_ore(tmp_path):
    data = _savings(tmp_path, HUGE_OUTCOMES)
    paid = D("999999999999999999999999999989000000000000000000000000000.01")  # tariff x count, to øre
    assert data["total"]["sources"]["fond"]["paid"] == paid
    assert data["total"]["municipal_net"] == EXACT.subtract(paid, 1000)
    # the net at 50 significant digits (DF(0) = 1), then to whole øre: the øre of a 59-digit figure are 0
    assert data["npv"] == {"municipal": D("999999999999999999999999999989000000000000000000000000000"), "public": -1000}
    assert data["benefit_cost"] == {"municipal": 0, "public": 0}  # 0 / a negative cost is 0, not -0
    assert "-0" not in json.dumps(data["benefit_cost"], default=str)


def test_npv_of_amounts_restated_by_a_wide_price_index(tmp_path):
    data = _savings(tmp_path, WIDE_INDEX, "--prices", "2025")
    with localcontext(EXACT):
        factor = D(9999999999999999999999999999) / D("0.0000000000000000000000000001")
        cost = D("99999999999999999999999999.99") * factor
        net = factor - cost
        rounded = net.quantize(D(1).scaleb(82 - 50))  # 50 significant digits, then øre: nothing more
    assert data["total"]["cost"] == cost and data["total"]["savings"] == factor
    assert data["total"]["public_net"] == net and net.adjusted() == 81  # 82 digits
    assert data["npv"] == {"municipal": rounded, "public": rounded}
    assert data["npv"]["public"] == D("-9999999999999999999999999898E+54")
    assert data["benefit_cost"]["public"] == D("0.0000")  # 1e55 / 1e82


def test_a_benefit_cost_ratio_of_118_digits_is_rounded_to_4_decimals(tmp_path):
    data = _savings(tmp_path, FAR_BACK, "--discount", "99%")
    ratio_ = data["benefit_cost"]["public"]
    exact = Fraction(D("999999999999999999999999999.99")) * Fraction(199, 100) ** 300 / Fraction(1, 100)
    assert ratio_ == data["benefit_cost"]["municipal"] and ratio_ == ratio_.to_integral_value()
    assert len(str(ratio_)) == 119 and abs(Fraction(ratio_) / exact - 1) < Fraction(1, 10**45)
    assert data["npv"]["public"] == data["npv"]["municipal"] and len(str(data["npv"]["public"])) == 117


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        ({2024: D(10) ** 120 + D("0.005")}, "1" + "0" * 120 + ".00"),  # 50 digits, then øre
        ({2024: D(10) ** 250}, "1" + "0" * 250 + ".00"),  # wider than numbers.EXACT's 200 digits too
        ({2024: D("-0.001")}, "0.00"),  # never -0.00
        ({2024: D("1.005")}, "1.00"),  # half to even
    ],
)
def test_npv_rounds_any_present_value(amounts, expected):
    assert format(npv(amounts, {2024: D(1)}), "f") == expected


def test_ratio_rounds_any_quotient():
    assert ratio(D(10) ** 300, D("0.01")) == D(10) ** 302
    assert str(ratio(D(0), D(-5))) == "0.0000"
    assert ratio(D(2), D(3)) == D("0.6667") and ratio(D(1), D(0)) is None
    assert ratio(D(1), D(3) * D(10) ** 250) == 0


# --- a workbook that opens ----------------------------------------------------------------------------------------

ESC_TITLE = """\
scenario: "T\\e[31mred\\uffff"
budget_year: 2024
sources:
  k: {name: K}
projects:
  p:
    name: "P\\e]0;x\\a"
    status: defer
    decide_at: 2025
    costs: {2025: 100}
  q:
    name: Q
    costs: {2024: 100}
    savings:
      k: {2024: 5}
financing:
  - {source: k, share: 10%}
"""


def _opened(result):
    assert result.code == 0, result.stderr
    return openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))


@pytest.fixture
def escaped(tmp_path):
    path = tmp_path / "a\uffffb.yaml"  # a file name with a noncharacter, which XML cannot hold either
    path.write_text(ESC_TITLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["gap", "savings"])
def test_a_title_with_a_control_character_makes_a_workbook_that_opens(escaped, command):
    workbook = _opened(invoke(command, escaped, "-f", "xlsx"))
    title = "T\\x1b[31mred\\uffff"
    assert workbook.properties.title == title == visible("T\x1b[31mred\uffff")
    assert workbook.active["A1"].value == title


def test_compare_and_due_workbooks_open_with_the_escapes(escaped):
    workbook = _opened(invoke("compare", escaped, escaped, "-f", "xlsx"))
    assert "T\\x1b[31mred\\uffff" in workbook.properties.title
    workbook = _opened(invoke("due", escaped, "--budget", "2025", "-f", "xlsx"))
    row = [cell.value for cell in list(workbook.active.rows)[4]]
    assert row[:3] == [str(escaped).replace("\uffff", "\\uffff"), "P\\x1b]0;x\\x07", "p"]


def test_the_noncharacters_are_shown_as_escapes_everywhere():
    assert visible("a\ufffeb\uffff") == "a\\ufffeb\\uffff"
    assert visible("\ufdd0") == "\ufdd0"  # another noncharacter, which XML allows: as it is
