"""The `due` report: CSV and the table."""

import csv
import io

from conftest import ROOT, invoke

PORTFOLIO = ROOT / "tests" / "fixtures" / "portfolio"
AFTER = str(PORTFOLIO / "after.yaml")


def test_due_csv_and_table():
    result = invoke("due", AFTER, "--budget", "2026", "--format", "csv")
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["project"], r["reason"], r["year"], r["cost"]) for r in rows] == [("b", "deferred", "2026", "0.4")]
    table = invoke("due", AFTER, "--budget", "2025").stdout
    assert "B (b)" in table and "finansiering udløber" in table and "2026: 0,4 mio. kr." in table
