"""The CSV toolkit, for csv, tsv and csv-da (docs/cli.md): a writer through the csv module, an exact number,
and text a user wrote. It knows no report; each report's `csv.py` writes its rows with it.

Decimal point, no thousands separators; amounts exact in the output unit. Text a user wrote is shown by
`display_context.visible` (a control character as its escape: no raw carriage return, tab or ESC), then quoted
by the csv module where it holds the delimiter, a quote or a line break. csv and tsv are machine formats:
text is otherwise as written; csv-da, for a spreadsheet, also neutralises text that would run as a formula.
"""

from __future__ import annotations

import csv
import io

from effektinvest.core.display_context import spreadsheet_text, visible
from effektinvest.model.numbers import plain


class Table:
    """Rows of one CSV document in the dialect OPTIONS asks for (its delimiter; csv-da: ';', a decimal comma,
    a byte-order mark and CRLF, as Danish Excel opens it with a double-click)."""

    def __init__(self, options, header: list[str]):
        self.danish = options.danish
        self.out = io.StringIO()
        if self.danish:
            self.out.write("\ufeff")
        line_end = "\r\n" if self.danish else "\n"
        self.writer = csv.writer(self.out, delimiter=options.delimiter, lineterminator=line_end)
        self.writer.writerow(header)

    def row(self, cells: list[str]) -> None:
        self.writer.writerow(cells)

    def number(self, value) -> str:
        """An amount, exact: a decimal point, or in csv-da a decimal comma (never a thousands separator)."""
        return plain(value).replace(".", ",") if self.danish else plain(value)

    def text(self, text: str) -> str:
        """Text a user wrote (`visible`); in csv-da, never a formula (`spreadsheet_text`)."""
        return spreadsheet_text(text) if self.danish else visible(text)

    def value(self) -> str:
        return self.out.getvalue()


def year_labels(years) -> list[str]:
    """The year column's values: each budget year, then `total`."""
    return [*(str(year) for year in years), "total"]
