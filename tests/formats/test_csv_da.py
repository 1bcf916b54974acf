"""`--format csv-da` (issue 12): CSV as Danish Excel opens it with a double-click: the rows of `--format csv`,
separated by ';', decimal comma, no thousands separator, a UTF-8 byte-order mark, CRLF; text that begins with
= + - @ gets a leading ', numbers never."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import FORMULA_LIKE, ROOT, SAVINGS_RUN_IDS, SAVINGS_RUNS, invoke

SEED = str(ROOT / "scenarios" / "2024.yaml")
LATER = str(ROOT / "scenarios" / "2025.yaml")
RUNS = {
    "gap": ["gap", SEED, "--unit", "kr."],
    "gap-prices": ["gap", LATER, "--prices", "2024", "--unit", "t.kr."],
    "compare": ["compare", SEED, LATER, "-q"],
    "due": ["due", str(ROOT / "scenarios"), "--budget", "2025"],
}
WORKED = str(ROOT / "tests" / "fixtures" / "savings" / "worked.yaml")


def csv_rows(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def assert_rows_of_csv_with_decimal_commas(args: list[str]) -> None:
    """ARGS with -f csv-da: the rows of -f csv, with ';', decimal commas, a byte-order mark and CRLF."""
    plain = invoke(*args, "-f", "csv")
    danish = invoke(*args, "-f", "csv-da")
    assert danish.code == plain.code == 0
    raw = danish.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")  # the UTF-8 byte-order mark
    assert raw.count(b"\r\n") == raw.count(b"\n") == plain.stdout_bytes.count(b"\n")  # every line ends CRLF
    rows = csv_rows(raw.decode("utf-8")[1:], ";")
    expected = csv_rows(plain.stdout, ",")
    assert len(rows) == len(expected)
    for row, want in zip(rows, expected, strict=True):
        assert row == [cell.replace(".", ",") if _is_number(cell) else cell for cell in want]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("name", list(RUNS))
def test_the_rows_of_csv_with_decimal_commas(name):
    assert_rows_of_csv_with_decimal_commas(RUNS[name])


def test_amounts_have_no_thousands_separator_and_a_decimal_comma():
    text = invoke("gap", SEED, "--unit", "kr.", "-f", "csv-da").stdout
    assert "total;cost;;;10350000\r\n" in text
    text = invoke("gap", SEED, "-f", "csv-da").stdout
    assert "total;cost;;;10,35\r\n" in text and "2024;cost;havnen;Havnen;2,48\r\n" in text
    assert '"Hjem, Job og Helhed"' not in text and ";Hjem, Job og Helhed;" in text  # a comma needs no quotes


def test_negative_numbers_are_never_prefixed():
    text = invoke("compare", SEED, LATER, "-q", "-f", "csv-da").stdout
    assert "2025;cost;hjem_job_helhed;Hjem, Job og Helhed;2,49;0;-2,49;\r\n" in text  # 2024 is closed: no change
    assert ";'-" not in text


def test_formula_looking_text_gets_a_leading_quote(tmp_path):
    names = ['=HYPERLINK("http://x")', "+45 1234", "-1", "@SUM(A1)", "Almindelig", "a=b"]
    projects = "".join(
        f"  p{i}: {{name: {json.dumps(n)}, costs: {{2024: 1}}, funding_ends: 2024}}\n" for i, n in enumerate(names)
    )
    scenario = tmp_path / "formula.yaml"
    scenario.write_text(
        "scenario: x\nbudget_year: 2024\nunit: kr.\nsources:\n  s: {name: '=2*3', kind: fund}\n"
        f"projects:\n{projects}financing:\n  - {{source: s, amount: 6}}\n",
        encoding="utf-8",
    )
    expected = ['\'=HYPERLINK("http://x")', "'+45 1234", "'-1", "'@SUM(A1)", "Almindelig", "a=b"]
    rows = csv_rows(invoke("gap", scenario, "-f", "csv-da").stdout[1:], ";")
    assert [row[3] for row in rows if row[:2] == ["2024", "cost"] and row[2]] == expected
    assert [row[3] for row in rows if row[1] == "financing"][0] == "'=2*3"
    due = csv_rows(invoke("due", scenario, "--budget", "2024", "-f", "csv-da").stdout[1:], ";")
    assert [row[2] for row in due[1:]] == expected
    assert {row[5] for row in due[1:]} == {"1"}
    plain = csv_rows(invoke("gap", scenario, "-f", "csv").stdout, ",")
    assert [row[3] for row in plain if row[:2] == ["2024", "cost"] and row[2]] == names  # csv as before


# --- savings and its sensitivity view ---------------------------------------------------------------------------------


@pytest.mark.parametrize("args", SAVINGS_RUNS, ids=SAVINGS_RUN_IDS)
def test_savings_csv_da_is_the_csv_with_danish_conventions(args):
    assert_rows_of_csv_with_decimal_commas(["savings", *args])


def test_savings_csv_da_decimal_commas_and_no_thousands_separator():
    text = invoke("savings", SEED, "-f", "csv-da").stdout
    assert "1;total;cost;;;10,35\r\n" in text
    assert "1;2024;net;sfb;Sociale Forhold og Beskæftigelse;-0,46\r\n" in text  # a number is never prefixed
    text = invoke("savings", WORKED, "--realisation", "100%,50%", "-f", "csv-da").stdout
    assert "0,5;total;savings;;;1000\r\n" in text and "0,5;;shortfall;dec;Decentralt budget;250\r\n" in text


def test_savings_csv_da_prefixes_formula_looking_text(formulas):
    rows = csv_rows(invoke("savings", formulas, "-f", "csv-da").stdout[1:], ";")
    named = {row[3]: row[4] for row in rows[1:] if row[2] == "paid"}
    assert named == {sid: "'" + name for sid, name in FORMULA_LIKE.items()}
    assert {row[3]: row[4] for row in rows[1:] if row[3] == "s"} == {"s": "Rød\\x1b[31m"}
