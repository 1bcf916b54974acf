"""Large Rich tables and texts, lean and linear (docs/performance.md, "Large tables"): a table's plain cells kept as
text (`Column`), a column measured by its two deciding cells (`deciding`), rows rendered a chunk at a time with
each line as few segments as print the same (`streamed`), lines of text printed a chunk at a time (`Lines`).
Every output is Rich's own, byte for byte (tests/formats/test_grid_large.py). A toolkit for `formats.grid`."""

from __future__ import annotations

from copy import copy
from dataclasses import replace

from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Column as RichColumn
from rich.table import Row, Table
from rich.text import Text

_CHUNK = 256  # rows (or lines of text) rendered at a time: what a large table holds at once besides its texts


class Column(RichColumn):
    """A column that keeps each plain cell as its text and gives Rich a Text of it only while a block of rows is
    measured or rendered (a Text is about 350 bytes: 120,000 rows of five cells held 200 MiB). A text cell is
    never markup."""

    @property
    def cells(self):
        for cell in self._cells:
            yield Text(cell) if type(cell) is str else cell


def bare(cell) -> bool:
    """Whether CELL is a Text that `Text(cell.plain)` gives again: no style, span or setting of its own."""
    return (
        type(cell) is Text
        and not cell.style
        and not cell.spans
        and cell.justify is cell.overflow is cell.no_wrap is cell.tab_size is None
        and cell.end == "\n"
    )


_ROWS: dict = {}  # (style, end_section) -> the one Row of them: a grid's rows share it, never change it


def row(style, end_section: bool) -> Row:
    try:
        return _ROWS.setdefault((style, end_section), Row(style, end_section))
    except TypeError:  # (a style that cannot be a key)
        return Row(style, end_section)


def deciding(cells: list) -> list | None:
    """Of CELLS, the first with the widest word and the first with the widest line, as Rich measures a Text; None
    if some cell is not text."""
    word = line = None
    most_word = most_line = -1
    for cell in cells:
        if type(cell) is not str and not isinstance(cell, Text):
            return None
        measured = Text.__rich_measure__(Text(cell) if type(cell) is str else cell, None, None)
        if measured.minimum > most_word:
            word, most_word = cell, measured.minimum
        if measured.maximum > most_line:
            line, most_line = cell, measured.maximum
    return [word, line]


def streamed(table: Table, console, options, start: int | None = None):
    """TABLE as Rich renders it, `_CHUNK` rows at a time: the column widths are set once for all rows, and each
    chunk is a copy of TABLE with those widths fixed, its rows and the next row (so that a chunk's last row is
    drawn as in the whole table: not as the last, with the rule below it that ends a section), of which only the
    lines of its own rows are kept. Rich renders every row of a table at once, and keeps a Text, a Padding and a
    cell for each cell while it does; at 120,000 rows that was 400 MiB. With START, only the chunk of rows from
    START (`Piece`): all of the table for START 0 where it is not rendered in chunks, nothing for any other."""
    rows = table.rows
    chunked = (
        len(rows) > _CHUNK
        and table.box
        and table.show_edge
        and table.show_header
        and not (table.show_footer or table.show_lines or table.leading or table.row_styles or table.collapse_padding)
        and table.pad_edge
        and table.width is None
        and not table.expand
    )
    widths = table._calculate_column_widths(console, options.update_width(options.max_width - table._extra_width))
    pads = [table._get_padding_width(column._index) for column in table.columns]
    if not chunked or any(width <= pad for width, pad in zip(widths, pads, strict=True)):  # (too narrow to fix)
        if not start:
            yield from merged(Table.__rich_console__(table, console, options), console)
        return

    # (as wide as those widths: a table wider than OPTIONS, as Rich may make one, is not made narrower again)
    fixed = options.update_width(sum(widths) + table._extra_width)

    def part(start: int, end: int, title=None, caption=None) -> list[list[Segment]]:
        """The lines of TABLE with rows START to END only, its column widths fixed."""
        out = copy(table)
        out.title, out.caption, out.rows = title, caption, rows[start:end]
        out.columns = [
            replace(column, width=width - pad, _cells=column._cells[start:end])
            for column, width, pad in zip(table.columns, widths, pads, strict=True)
        ]
        return list(Segment.split_lines(Table.__rich_console__(out, console, fixed)))

    head = len(part(0, 0)) - 1  # the rule above, the header and the rule below it
    new_line = Segment.line()
    for begin in range(0, len(rows), _CHUNK) if start is None else [start]:
        end = min(begin + _CHUNK, len(rows))
        first, last = begin == 0, end == len(rows)
        lines = part(begin, end + (not last), table.title if first else None, table.caption if last else None)
        below = 0 if last else len(part(end, end + 1)) - head  # the next row's lines and the rule under the table
        for line in lines[0 if first else head : len(lines) - below]:
            yield from merged(line, console)
            yield new_line


def merged(segments, console):
    """SEGMENTS, each run of them within a line that prints as its bare text (no style, or no colour) as one."""
    plain = console.color_system is None and not console.legacy_windows
    run: list[str] = []
    for segment in segments:
        text, style, control = segment
        if not control and "\n" not in text and (plain or not style):
            run.append(text)
            continue
        if run:
            yield Segment("".join(run))
            run = []
        yield segment
    if run:
        yield Segment("".join(run))


class Lines:
    """LINES of text under a table, printed as one Text of them all is (each line wrapped at its spaces on a narrow
    terminal), `_CHUNK` lines at a time, each line a segment of its own. One Text of 30,000 lines was one segment,
    which Rich splits into lines by taking the first off the rest again and again: quadratic (50 s for
    `gap --explain` at 32,000 outcome lines). A Text for each line is slow (a Rich render each)."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.measured: Measurement | None = None

    def __len__(self) -> int:
        return len(self.lines)

    def _chunks(self, start: int | None = None):
        starts = range(0, max(len(self.lines), 1), _CHUNK) if start is None else [start]
        for begin in starts:  # (no lines: one empty Text, an empty line)
            yield Text("\n".join(self.lines[begin : begin + _CHUNK]))

    def __rich_measure__(self, console, options) -> Measurement:
        """As Rich measures one Text of the lines: its longest word, its longest line (the longest line if it has
        no word). Once: every `Piece` of the lines is measured as all of them."""
        if self.measured is None:
            longest, word = 0, None
            for chunk in self._chunks():
                measured = Text.__rich_measure__(chunk, console, options)
                longest = max(longest, measured.maximum)
                if chunk.plain.split():
                    word = max(word or 0, measured.minimum)
            self.measured = Measurement(longest if word is None else word, longest)
        return self.measured

    def __rich_console__(self, console, options):
        yield from self.render(console, options)

    def render(self, console, options, start: int | None = None):
        """The lines, or with START the chunk of them from START (`Piece`)."""
        for chunk in self._chunks(start):
            for segment in console.render(chunk, options):
                text, style, control = segment
                if control or "\n" not in text:
                    yield segment
                    continue
                for index, part in enumerate(text.split("\n")):
                    if index:
                        yield Segment.line()
                    if part:
                        yield Segment(part, style)


class Piece:
    """The chunk of rows or lines from START of WHOLE (a grid, or `Lines`), printed by itself: measured as WHOLE,
    rendered by `WHOLE.render(console, options, START)`. A console keeps everything one print makes until the print
    ends (at 120,000 rows, 30 MiB), and `streams.emit` prints each part of a report by itself: a large table or
    text as its pieces is printed a chunk at a time, the same bytes."""

    def __init__(self, whole, start: int):
        self.whole, self.start = whole, start

    def __rich_measure__(self, console, options) -> Measurement:
        return self.whole.__rich_measure__(console, options)

    def __rich_console__(self, console, options):
        yield from self.whole.render(console, options, self.start)


def pieces(whole) -> list:
    """WHOLE (a grid, or `Lines`) as the parts to print one after the other: itself when it is small."""
    size = len(whole)
    return [whole] if size <= _CHUNK else [Piece(whole, start) for start in range(0, size, _CHUNK)]
