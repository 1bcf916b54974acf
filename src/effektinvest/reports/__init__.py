"""The reports: one package per report (gap, compare, due, savings, note, check), each holding everything the
report needs: its analysis, its view (what it shows, in the output unit) and one module per output format
(`table.py`, `json.py`, `csv.py`, `markdown.py`, `xlsx.py`). The format modules fill the toolkits of
`effektinvest.formats`, which know no report.

Each report package names its formats (`FORMATS`, the first the default) and maps a format's name to the
function that writes it (`render`): an explicit registry, in which only the asked format's module is
imported (Rich for the table, openpyxl for xlsx). Adding a report is adding a package here and a command in
`cli/`; no format module changes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    """How a report is written, beyond its view: the decimals asked for (table, Markdown, xlsx), and the
    CSV dialect (csv ',', tsv a tab, csv-da ';' with a decimal comma, a BOM, CRLF and no formula)."""

    decimals: int | None = None
    delimiter: str = ","
    danish: bool = False

    @classmethod
    def of(cls, format: str, decimals: int | None = None) -> Options:
        """The options of FORMAT (its CSV dialect) with DECIMALS."""
        return cls(decimals, {"tsv": "\t", "csv-da": ";"}.get(format, ","), danish=format == "csv-da")
