"""The terminal table toolkit (Rich): a grid with label columns, then a right-aligned column per budget
year and the total, as in a Danish budget note. It knows no report; each report's `table.py` fills it.
Every text a user wrote goes in as a Rich Text, or as a str that a grid shows as its Text: never as markup.

A grid too wide for the width it is given (the terminal's) is printed as several tables, one per block of
consecutive number columns (the total with the last block), each repeating the label columns; the title over
the first block, the caption under the last (docs/cli.md, "Amounts on screen")."""

from __future__ import annotations

from copy import copy
from dataclasses import fields, replace

from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Column, Row, Table
from rich.text import Text

from effektinvest.core.display_context import visible

_LABEL_MIN = 10  # a label column is never narrower than this (or its longest word, up to _LABEL_WORD)
_LABEL_WORD = 16  # a longer word is folded
_TEXT_WORD = 8  # in a table of text (`text_grid`), a longer word may be folded


_CHUNK = 256  # rows (or lines of text) rendered at a time: what a large table holds at once besides its texts


class _Column(Column):
    """A column that keeps each plain cell as its text and gives Rich a Text of it only while a block of rows is
    measured or rendered (a Text is about 350 bytes: 120,000 rows of five cells held 200 MiB). A text cell is
    never markup."""

    @property
    def cells(self):
        for cell in self._cells:
            yield Text(cell) if type(cell) is str else cell


def _bare(cell) -> bool:
    """Whether CELL is a Text that `Text(cell.plain)` gives again: no style, span or setting of its own."""
    return (
        type(cell) is Text
        and not cell.style
        and not cell.spans
        and cell.justify is cell.overflow is cell.no_wrap is cell.tab_size is None
        and cell.end == "\n"
    )


class _Grid(Table):
    """A table whose narrowest useful width is its label columns at their minimum and its widest number column at
    full width (Rich would count each label's longest word): narrower than a block of one number column, a number
    would be cut. Given less than its full minimum, it prints itself in blocks of number columns.

    Lean and linear at any size (docs/performance.md, "Large tables"): plain cells are kept as text (`_Column`), a
    column is measured by the two cells that decide its width (`_measure_column`), and the rows are rendered
    `_CHUNK` at a time, each line as few segments as print the same (`_streamed`)."""

    labels = 1  # how many columns on the left hold text: repeated in every block

    def add_column(self, *args, **kwargs) -> None:
        super().add_column(*args, **kwargs)
        column = self.columns[-1]
        self.columns[-1] = _Column(**{f.name: getattr(column, f.name) for f in fields(column)})

    def add_row(self, *renderables, style=None, end_section: bool = False) -> None:
        super().add_row(*renderables, style=style, end_section=end_section)
        for column in self.columns:
            cell = column._cells[-1]
            if _bare(cell):
                column._cells[-1] = cell.plain
        self.rows[-1] = _row(style, end_section)

    def add_section(self) -> None:
        if self.rows:
            self.rows[-1] = _row(self.rows[-1].style, True)

    def _measure_column(self, console, options, column) -> Measurement:
        """As Rich measures COLUMN, from its two deciding cells: the one with the longest word and the one with the
        longest line (a column's measurement is the largest minimum and the largest maximum of its cells, each
        growing with the cell's own; a header is measured as before)."""
        cells = column._cells
        if column.width is not None or len(cells) <= 2:
            return super()._measure_column(console, options, column)
        key = id(cells), len(cells)
        decided = self.__dict__.setdefault("_decided", {})
        if key not in decided:
            decided[key] = _deciding(cells)
        deciding = decided[key]
        measured = column if deciding is None else replace(column, _cells=deciding)
        return super()._measure_column(console, options, measured)

    def __rich_measure__(self, console, options):
        natural = super().__rich_measure__(console, options)
        widest = max((_least(column) for column in self.columns[self.labels :]), default=0)
        return Measurement(min(_chrome(self.columns[: self.labels]) + widest, natural.maximum), natural.maximum)

    def __rich_console__(self, console, options):
        labels, numbers = self.columns[: self.labels], self.columns[self.labels :]
        width = options.max_width
        widest = max((_least(column) for column in numbers), default=0)
        words = 1 + sum(max(_least(column), _longest_word(column) + 3) for column in labels)  # no label word folded
        fits = _chrome(labels) + sum(_least(column) for column in numbers) <= width
        blocks = _blocks(numbers, width - (words if words + widest <= width else _chrome(labels)))
        if fits or len(blocks) == 1:
            yield from _streamed(self, console, options)
            return
        for index, block in enumerate(blocks):
            if index:
                yield ""
            yield from _streamed(self._block(block, first=index == 0, last=index == len(blocks) - 1), console, options)

    def _block(self, columns: list, first: bool, last: bool) -> Table:
        """One block: the label columns and COLUMNS, the title over the first block, the caption under the last."""
        out = _Grid(
            title=self.title if first else None,
            caption=self.caption if last else None,
            caption_justify=self.caption_justify,
        )
        out.columns = [replace(column, _index=i) for i, column in enumerate([*self.columns[: self.labels], *columns])]
        out.rows = list(self.rows)
        return out


_ROWS: dict = {}  # (style, end_section) -> the one Row of them: a grid's rows share it, never change it


def _row(style, end_section: bool) -> Row:
    try:
        return _ROWS.setdefault((style, end_section), Row(style, end_section))
    except TypeError:  # (a style that cannot be a key)
        return Row(style, end_section)


def _deciding(cells: list) -> list | None:
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


def _streamed(table: Table, console, options):
    """TABLE as Rich renders it, `_CHUNK` rows at a time: the column widths are set once for all rows, and each
    chunk is a copy of TABLE with those widths fixed, its rows and the next row (so that a chunk's last row is
    drawn as in the whole table: not as the last, with the rule below it that ends a section), of which only the
    lines of its own rows are kept. Rich renders every row of a table at once, and keeps a Text, a Padding and a
    cell for each cell while it does; at 120,000 rows that was 400 MiB."""
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
    if not chunked:
        yield from _merged(Table.__rich_console__(table, console, options), console)
        return
    widths = table._calculate_column_widths(console, options.update_width(options.max_width - table._extra_width))
    pads = [table._get_padding_width(column._index) for column in table.columns]
    if any(width <= pad for width, pad in zip(widths, pads, strict=True)):  # (too narrow to fix: as Rich does)
        yield from _merged(Table.__rich_console__(table, console, options), console)
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
    for start in range(0, len(rows), _CHUNK):
        end = min(start + _CHUNK, len(rows))
        first, last = start == 0, end == len(rows)
        lines = part(start, end + (not last), table.title if first else None, table.caption if last else None)
        below = 0 if last else len(part(end, end + 1)) - head  # the next row's lines and the rule under the table
        for line in lines[0 if first else head : len(lines) - below]:
            yield from _merged(line, console)
            yield new_line


def _merged(segments, console):
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


def _least(column) -> int:
    """The narrowest a column is printed: its minimum width, its padding and the rule at its right."""
    return (column.min_width or 0) + 3


def _chrome(labels: list) -> int:
    """The width of the label columns at their narrowest, and the table's left edge."""
    return 1 + sum(_least(column) for column in labels)


def _longest_word(column) -> int:
    return max((len(word) for cell in column._cells for word in str(cell).split()), default=0)


def _blocks(numbers: list, room: int) -> list[list]:
    """The number columns in blocks of consecutive columns, each as many as fit ROOM (at least one): all of them in
    one block when they fit."""
    blocks: list[list] = [[]]
    used = 0
    for column in numbers:
        if blocks[-1] and used + _least(column) > room:
            blocks.append([])
            used = 0
        blocks[-1].append(column)
        used += _least(column)
    return blocks


def grid(title: str, caption_text: str, heads: list[str], body: list[list[str]], labels: int = 1) -> Table:
    """A table whose first LABELS columns hold text, then a right-aligned column a year and the total.

    On a narrow terminal a number is never cut: each number column is at least as wide as its widest
    cell, and the first label column wraps instead (words longer than _LABEL_WORD are folded). A table
    that does not fit even so is printed in blocks of number columns; one whose single column does not fit
    beside the labels is printed at its natural width by `streams.emit`."""
    table = _Grid(title=Text(visible(title)), caption=Text(caption_text), caption_justify="right")
    table.labels = labels
    words = [len(word) for line in body for word in line[0].split()] or [0]
    table.add_column(Text(heads[0]), min_width=max(_LABEL_MIN, min(max(words), _LABEL_WORD)), overflow="fold")
    for index in range(1, labels):
        width = max(len(line[index]) for line in body) if body else 0
        table.add_column(Text(heads[index]), no_wrap=True, min_width=width)
    for index in range(labels, len(heads)):
        width = max([len(heads[index]), *(len(line[index]) for line in body)])
        table.add_column(Text(heads[index]), justify="right", no_wrap=True, min_width=width)
    return table


def text_grid(title: Text, caption_text: str | None, heads: list[str], body: list[list[str]]) -> Table:
    """A table of text columns whose last column holds figures: every column wraps at its spaces, a word of the
    others is folded at _TEXT_WORD characters on a narrow terminal, a word of the last never (no figure cut)."""
    table = _Grid(title=title, caption=Text(caption_text) if caption_text else None, caption_justify="right")
    table.labels = len(heads)
    for index, head in enumerate(heads):
        words = [len(word) for cells in (heads, *body) for word in cells[index].split()] or [0]
        least = max(words) if index == len(heads) - 1 else min(max(words), _TEXT_WORD)
        table.add_column(Text(head), min_width=least, overflow="fold")
    return table


def wrapping(column, cells: list[str]) -> None:
    """Let a text column wrap at its spaces (on a narrow terminal), never folding a word of CELLS."""
    column.no_wrap, column.min_width = False, max((len(word) for cell in cells for word in cell.split()), default=0)


class Lines:
    """LINES of text under a table, printed as one Text of them all is (each line wrapped at its spaces on a narrow
    terminal), `_CHUNK` lines at a time, each line a segment of its own. One Text of 30,000 lines was one segment,
    which Rich splits into lines by taking the first off the rest again and again: quadratic (50 s for
    `gap --explain` at 32,000 outcome lines). A Text for each line is slow (a Rich render each)."""

    def __init__(self, lines: list[str]):
        self.lines = lines

    def _chunks(self):
        for start in range(0, max(len(self.lines), 1), _CHUNK):  # (no lines: one empty Text, an empty line)
            yield Text("\n".join(self.lines[start : start + _CHUNK]))

    def __rich_measure__(self, console, options) -> Measurement:
        """As Rich measures one Text of the lines: its longest word, its longest line (the longest line if it has
        no word)."""
        longest, word = 0, None
        for chunk in self._chunks():
            measured = Text.__rich_measure__(chunk, console, options)
            longest = max(longest, measured.maximum)
            if chunk.plain.split():
                word = max(word or 0, measured.minimum)
        return Measurement(longest if word is None else word, longest)

    def __rich_console__(self, console, options):
        for chunk in self._chunks():
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


def texts(lines) -> list[Text]:
    """Lines of text under a table, each shown by `visible` (one line, nothing a terminal acts on)."""
    return [Text(visible(line)) for line in lines]
