"""reports/followup/csv.py: year,category,id,name,plan,actual,deviation, a row per figure; csv-da for a Danish
spreadsheet."""

from pathlib import Path

from conftest import invoke

HERE = Path(__file__).resolve().parent


def _csv(name: str, *args) -> str:
    result = invoke("follow-up", str(HERE / name), *args)
    assert result.code == 0, result.stderr
    return result.stdout


def test_the_worked_example_row_by_row():
    assert _csv("worked.yaml", "--format", "csv").splitlines() == [
        "year,category,id,name,plan,actual,deviation",
        "2024,cost,,,1000,1100,100",
        "2024,financing,dec,Decentralt budget,500,550,50",
        "2024,financing,fond,Outcomefonden,300,100,-200",
        "2024,residual,,,200,450,250",
        "2024,outcomes,fond/16/count,Outcomefonden,3,1,-2",
        "2024,outcomes,fond/16/paid,Outcomefonden,300,100,-200",
        "2024,savings,dec,Decentralt budget,0,0,0",
        "2025,cost,,,1000,950,-50",
        "2025,financing,dec,Decentralt budget,500,475,-25",
        "2025,financing,fond,Outcomefonden,300,200,-100",
        "2025,residual,,,200,275,75",
        "2025,outcomes,fond/16/count,Outcomefonden,3,2,-1",
        "2025,outcomes,fond/16/paid,Outcomefonden,300,200,-100",
        "2025,savings,dec,Decentralt budget,600,450,-150",
        "2026,cost,,,1000,1000,0",
        "2026,financing,dec,Decentralt budget,500,500,0",
        "2026,financing,fond,Outcomefonden,200,300,100",
        "2026,residual,,,300,200,-100",
        "2026,outcomes,fond/16/count,Outcomefonden,3,3,0",  # an open year: the planned count is the forecast
        "2026,outcomes,fond/16/paid,Outcomefonden,200,300,100",
        "2026,savings,dec,Decentralt budget,600,600,0",
        "total,cost,,,3000,3050,50",
        "total,financing,dec,Decentralt budget,1500,1525,25",
        "total,financing,fond,Outcomefonden,800,600,-200",
        "total,residual,,,700,925,225",
        "total,outcomes,fond/16/count,Outcomefonden,9,6,-3",
        "total,outcomes,fond/16/paid,Outcomefonden,800,600,-200",
        "total,outcomes,fond/16/cap_left,Outcomefonden,0,200,200",
        "total,savings,dec,Decentralt budget,1200,1050,-150",
    ]


def test_amounts_exact_in_the_output_unit():
    rows = _csv("pooled.yaml", "--format", "csv", "--unit", "mio. kr.").splitlines()
    assert rows[1:5] == [
        "2024,cost,,,0.0015,0.0016,0.0001",
        "2024,financing,dec,Decentralt budget,0.0006,0.00064,0.00004",
        "2024,financing,pulje,Puljen,0.0003,0.0003,0",
        "2024,residual,,,0.0006,0.00066,0.00006",
    ]


def test_csv_da_semicolons_a_decimal_comma_and_no_formula():
    out = _csv("names.yaml", "--format", "csv-da", "--unit", "t.kr.")
    assert out.startswith("\ufeffyear;category;id;name;plan;actual;deviation\r\n")
    assert out.split("\r\n")[1:6] == [
        "2024;cost;;;0,1;0,11;0,01",
        "2024;financing;'=s;'=SUM(A1);0,01;0,011;0,001",
        "2024;financing;f;'-fond | <b>;0,02;0,03;0,01",
        "2024;residual;;;0,07;0,069;-0,001",
        "2024;outcomes;f/16/count;'-fond | <b>;2;3;1",
    ]
