"""Renderers: one module per output format (table, json, csv, markdown), each with one function per
report (gap, compare, due), as pipdeptree has one renderer module per format. What a report shows is in
the *_view modules; how one cell is shown in `cells`; diagnostics have their own reporters
(`diagnostics`). `render` is the one dispatch from a format's name to its renderer.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

# The formats of each report, as the CLI offers them (the first is the default).
FORMATS = {
    "gap": ("table", "json", "csv", "tsv", "markdown", "csv-da", "xlsx"),
    "compare": ("table", "json", "csv", "markdown", "csv-da", "xlsx"),
    "due": ("table", "json", "csv", "csv-da", "xlsx"),
    "savings": ("table", "json", "csv", "markdown", "csv-da", "xlsx"),
}
_MODULES = {"table": "grid", "json": "json", "csv": "csv", "tsv": "csv", "markdown": "markdown", "csv-da": "csv"}
_MODULES["xlsx"] = "workbook"  # openpyxl, imported only for this format


@dataclass(frozen=True)
class Options:
    decimals: int | None = None  # table and Markdown: round what is shown to this many decimals
    delimiter: str = ","  # csv: ',' (tsv: a tab)
    danish: bool = False  # csv-da: ';', decimal comma, BOM, CRLF, formula-looking text prefixed with '


def render(report: str, format: str, view, decimals: int | None = None):
    """VIEW (the report REPORT, e.g. a gap_view.Report) in FORMAT: text, for the table a Rich renderable,
    for xlsx bytes. Only the format's own module is imported."""
    if format not in FORMATS[report]:
        raise ValueError(f"{report} has no format {format!r}")
    module = import_module(f"effektinvest.formats.{_MODULES[format]}")
    delimiter = {"tsv": "\t", "csv-da": ";"}.get(format, ",")
    return getattr(module, report)(view, Options(decimals, delimiter, danish=format == "csv-da"))
