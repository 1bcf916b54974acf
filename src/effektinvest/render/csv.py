"""The report as CSV: year,category,id,name,amount, one row per figure (cli.md).

Rows with an empty id are sums (the year's total cost, financed, residual).
Decimal point, no thousands separators; amounts exact in the output unit.
"""

from __future__ import annotations

import csv
import io

from effektinvest.numbers import plain
from effektinvest.render.rows import Report


def to_csv(report: Report, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["year", "category", "id", "name", "amount"])
    columns = [*(str(y) for y in report.years), "total"]
    for index, column in enumerate(columns):
        for row in report.rows:
            value = row.values[index]
            if row.category == "coverage" or value is None:
                continue
            writer.writerow([column, row.category, row.id, row.label if row.id else "", plain(value)])
    return out.getvalue()
