"""`effektinvest follow-up`: the options it shares with `gap`, its usage error without closed years, errors in the
file as in `gap`, standard input and --output."""

from decimal import Decimal

import pytest

from conftest import ROOT, as_json, cells, invoke

HERE = ROOT / "tests" / "cli"
FOLLOWUP = ROOT / "tests" / "reports" / "followup"
WORKED = str(FOLLOWUP / "worked.yaml")
PRICES = str(HERE / "followup_prices.yaml")
D = Decimal


def _json(*args) -> dict:
    result = invoke("follow-up", *args, "--format", "json")
    assert result.code == 0, result.stderr
    return as_json(result.stdout)


@pytest.mark.usefixtures("at_the_root")
def test_a_valid_file_without_closed_years_is_a_usage_error():
    result = invoke("follow-up", "scenarios/2024.yaml")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == "effektinvest: error: no closed years: set actuals_through and the actual figures\n"


def test_errors_in_the_file_are_diagnostics_and_exit_1_as_in_gap(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((FOLLOWUP / "worked.yaml").read_text(encoding="utf-8").replace("source: fond", "source: fund"))
    result = invoke("follow-up", bad, "--format", "json")
    assert (result.code, result.stdout) == (1, "")
    assert f"{bad}:16:17: error[unknown-source]" in result.stderr


def test_prices_restate_the_accounts_like_every_amount_and_never_the_counts():
    data = _json(PRICES, "--prices", "2025")
    assert data["cost"]["plan"] == {"2024": D(1100), "2025": D(1100), "total": D(2200)}
    assert data["cost"]["actual"] == {"2024": D(1320), "2025": D(1100), "total": D(2420)}
    assert data["financing"]["dec"]["actual"]["2024"] == D(550)  # paid 500, restated
    (line,) = data["outcome_followup"]
    assert (line["achieved"], line["paid"], line["cap"], line["cap_left"]) == (
        {"2024": 3},
        {"2024": D(330), "2025": D(165)},  # 3 x 110, then what is left of the cap of 495
        D(495),
        D(0),
    )
    assert data["savings"]["dec"] == {
        "expected": {"2024": D(220), "2025": D(0), "total": D(220)},
        "realised": {"2024": D(165), "2025": D(0), "total": D(165)},
        "rate": D("0.75"),
    }
    plain = _json(PRICES)
    assert plain["outcome_followup"][0]["paid"] == {"2024": D(300), "2025": D(150)}
    assert plain["financing"]["dec"]["actual"]["2024"] == D(500)


def test_unit_and_decimals_on_the_table():
    result = invoke("follow-up", WORKED, "--unit", "t.kr.", "--decimals", "2", env={"COLUMNS": "250"})
    assert result.code == 0, result.stderr
    assert cells(result.stdout)[2] == ["", "Regnskab / forventet", "1,10", "0,95", "1,00", "3,05"]
    lines = [line.strip() for line in result.stdout.splitlines()]
    bottom = next(index for index, line in enumerate(lines) if line.startswith("└"))
    assert lines[bottom + 1] == "t.kr."  # the caption, under the table


def test_standard_input_and_output_to_a_file(tmp_path):
    source = (FOLLOWUP / "worked.yaml").read_text(encoding="utf-8")
    result = invoke("follow-up", "-", "--format", "json", input=source)
    assert result.code == 0 and as_json(result.stdout)["outcome_followup"][0]["path"] == "<stdin>"
    target = tmp_path / "opfoelgning.csv"
    assert invoke("follow-up", WORKED, "-f", "csv", "-o", target).code == 0
    assert target.read_text(encoding="utf-8").splitlines()[1] == "2024,cost,,,1000,1100,100"
    again = invoke("follow-up", WORKED, "-f", "csv", "-o", target)
    assert again.code == 2 and "exists" in again.stderr
    assert invoke("follow-up", WORKED, "-f", "markdown", "-o", target, "--force").code == 0
    assert target.read_text(encoding="utf-8").startswith("### Opfølgning (opfølgning, budget 2024)\n")


def test_help_and_an_unknown_format():
    result = invoke("follow-up", "--help", env={"COLUMNS": "120"})
    assert result.code == 0
    for option in ("--format", "--unit", "--decimals", "--prices", "--output", "--force"):
        assert option in result.stdout
    assert "follow-up" in invoke("--help", env={"COLUMNS": "120"}).stdout
    wrong = invoke("follow-up", WORKED, "--format", "tsv")
    assert wrong.code == 2 and "tsv" in wrong.stderr
