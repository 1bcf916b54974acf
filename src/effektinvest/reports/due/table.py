"""`due` on a terminal: the decisions due at a budget, grouped by file: each file's path as a heading line,
then a table of its decisions (the project, why it is due, what the file decides, its cost a line per year),
in the report's one unit (the caption under the last table).

Every table has the same column widths, fitted to the terminal: a column wraps only at its spaces, never
narrower than its longest word, so no word of a name and no figure is split; the costs wrap last. A path is
never in a cell: a heading line holds it whole. What does not fit even so is printed at its natural width
(`edges.streams.emit`), and the terminal wraps it."""

from __future__ import annotations

from itertools import groupby

from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from effektinvest.core.display_context import NONE, caption, danish, visible
from effektinvest.reports import Options
from effektinvest.reports.due.view import DueReport, DueRow, decimals, decision, reason_text

HEADS = ["Projekt", "Årsag", "Beslutning", "Udgift pr. år"]
_COSTS = len(HEADS) - 1  # the column of figures: right-aligned, narrowed last


def table(report: DueReport, options: Options) -> DueTable:
    shown = decimals(report, options.decimals)
    files = [
        (visible(path), [_cells(row, shown) for row in rows]) for path, rows in groupby(report.rows, lambda r: r.path)
    ]
    unit = caption(report.unit, None) if report.rows else None
    return DueTable(f"Beslutninger ved budget {report.budget}", unit, files)


def _cells(row: DueRow, shown: int) -> list[str]:
    costs = "\n".join(f"{year}: {danish(amount, shown)}" for year, amount in row.costs.items()) or NONE
    return [visible(f"{row.name} ({row.project})"), reason_text(row), decision(row), costs]


class DueTable:
    """The title, then each file's path over a table of its decisions (rows of HEADS' cells), the caption under
    the last; with no decision, the title over an empty table."""

    def __init__(self, title: str, unit: str | None, files: list[tuple[str, list[list[str]]]]):
        self.title, self.unit, self.files = title, unit, files
        every = [HEADS, *(cells for _, rows in files for cells in rows)]
        self.natural = [max(_width(cells[i]) for cells in every) for i in range(len(HEADS))]
        self.least = [max(_word(cells[i]) for cells in every) for i in range(len(HEADS))]

    def __rich_measure__(self, console, options) -> Measurement:
        paths = max((len(path) for path, _ in self.files), default=0)
        least = max(_chrome() + sum(self.least), paths)
        return Measurement(least, max(_chrome() + sum(self.natural), paths, len(self.title), least))

    def __rich_console__(self, console, options):
        widths = fitted(self.natural, self.least, options.max_width - _chrome())
        width = _chrome() + sum(widths)
        yield Text(self.title.center(width).rstrip())
        if not self.files:
            yield _table(widths, [])
        for path, rows in self.files:
            yield Text(path, no_wrap=True, overflow="ignore")
            yield _table(widths, rows)
        if self.unit:
            yield Text(self.unit.rjust(width))


def _table(widths: list[int], rows: list[list[str]]) -> Table:
    out = Table(show_lines=True)
    for index, (head, width) in enumerate(zip(HEADS, widths, strict=True)):
        out.add_column(Text(head), width=width, justify="right" if index == _COSTS else "left")
    for cells in rows:
        out.add_row(*(Text(cell) for cell in cells))
    return out


def fitted(natural: list[int], least: list[int], room: int) -> list[int]:
    """The width of each column within ROOM: NATURAL where they all fit; else, one character at a time, the text
    column with the most to spare above its LEAST (its longest word) narrowed, and the costs only when the text
    columns are at their least. Where even the least do not fit, the least."""
    widths = list(natural)
    for floor in ([*least[:_COSTS], natural[_COSTS]], least):
        while sum(widths) > room:
            slack = [width - low for width, low in zip(widths, floor, strict=True)]
            widest = max(range(len(widths)), key=slack.__getitem__)
            if slack[widest] <= 0:
                break
            widths[widest] -= 1
    return widths


def _chrome() -> int:
    """The table's borders and the padding of its columns: its left edge, then a space each side and a rule."""
    return 1 + 3 * len(HEADS)


def _width(cell: str) -> int:
    return max(len(line) for line in cell.split("\n"))


def _word(cell: str) -> int:
    return max((len(word) for word in cell.split()), default=0)
