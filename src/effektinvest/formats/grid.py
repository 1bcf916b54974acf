"""The terminal table toolkit (Rich): a grid with label columns, then a right-aligned column per budget
year and the total, as in a Danish budget note. It knows no report; each report's `table.py` fills it.
Every text a user wrote goes in as a Rich Text, or as a str that a grid shows as its Text: never as markup.

A grid too wide for the width it is given (the terminal's) is printed as several tables, one per block of
consecutive number columns (the total with the last block), each repeating the label columns; the title over
the first block, the caption under the last (docs/cli.md, "Amounts on screen")."""

from __future__ import annotations

from dataclasses import fields, replace

from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from effektinvest.core.display_context import visible
from effektinvest.formats.lean import Column, bare, deciding, row, streamed

_LABEL_MIN = 10  # a label column is never narrower than this (or its longest word, up to _LABEL_WORD)
_LABEL_WORD = 16  # a longer word is folded


class _Grid(Table):
    """A table whose narrowest useful width is its label columns at their minimum and its widest number column at
    full width (Rich would count each label's longest word): narrower than a block of one number column, a number
    would be cut. Given less than its full minimum, it prints itself in blocks of number columns.

    Lean and linear at any size (docs/performance.md, "Large tables"): plain cells are kept as text (`lean.Column`), a
    column is measured by the two cells that decide its width (`_measure_column`), and the rows are rendered
    a chunk at a time, each line as few segments as print the same (`lean.streamed`)."""

    labels = 1  # how many columns on the left hold text: repeated in every block

    def add_column(self, *args, **kwargs) -> None:
        super().add_column(*args, **kwargs)
        column = self.columns[-1]
        self.columns[-1] = Column(**{f.name: getattr(column, f.name) for f in fields(column)})

    def add_row(self, *renderables, style=None, end_section: bool = False) -> None:
        super().add_row(*renderables, style=style, end_section=end_section)
        for column in self.columns:
            cell = column._cells[-1]
            if bare(cell):
                column._cells[-1] = cell.plain
        self.rows[-1] = row(style, end_section)

    def add_section(self) -> None:
        if self.rows:
            self.rows[-1] = row(self.rows[-1].style, True)

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
            decided[key] = deciding(cells)
        cells = decided[key]
        measured = column if cells is None else replace(column, _cells=cells)
        return super()._measure_column(console, options, measured)

    def __rich_measure__(self, console, options):
        natural = super().__rich_measure__(console, options)
        widest = max((_least(column) for column in self.columns[self.labels :]), default=0)
        return Measurement(min(_chrome(self.columns[: self.labels]) + widest, natural.maximum), natural.maximum)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:  # (a table with no rows is still printed)
        return True

    def __rich_console__(self, console, options):
        yield from self.render(console, options)

    def render(self, console, options, start: int | None = None):
        """The table, or with START only its rows from START (`lean.Piece`): as a whole for START 0 when printed in
        blocks of years, then nothing for any other START."""
        labels, numbers = self.columns[: self.labels], self.columns[self.labels :]
        width = options.max_width
        widest = max((_least(column) for column in numbers), default=0)
        words = 1 + sum(max(_least(column), self._longest_word(column) + 3) for column in labels)  # no word folded
        fits = _chrome(labels) + sum(_least(column) for column in numbers) <= width
        blocks = _blocks(numbers, width - (words if words + widest <= width else _chrome(labels)))
        if fits or len(blocks) == 1:
            yield from streamed(self, console, options, start)
            return
        if start:
            return
        for index, block in enumerate(blocks):
            if index:
                yield ""
            labelled = self._labelled(console, options, width - sum(_least(column) for column in block))
            out = self._block(labelled, block, first=index == 0, last=index == len(blocks) - 1)
            yield from streamed(out, console, options)

    def _longest_word(self, column) -> int:
        """The length of the longest word of COLUMN's cells (once: every piece of the table asks)."""
        key = id(column._cells), len(column._cells), "word"
        decided = self.__dict__.setdefault("_decided", {})
        if key not in decided:
            decided[key] = max((len(word) for cell in column._cells for word in str(cell).split()), default=0)
        return decided[key]

    def _labelled(self, console, options, room: int) -> list:
        """The label columns of a block that leaves them ROOM (its number columns taken off the width), the first
        at a width of its own: each label column first gets its longest word, in order, as far as ROOM goes, then
        the first what it needs more. Left to Rich, a block whose labels must fold would shrink every wrapping
        label column alike, a later one below its least width, and then widen that one again past the width,
        cutting the table's right edge."""
        labels = self.columns[: self.labels]
        widths = [column.min_width or 0 for column in labels]
        spare = room - _chrome(labels)
        for index, column in enumerate(labels):  # no word folded, where the room allows
            more = max(0, min(spare, self._longest_word(column) - widths[index]))
            widths[index] += more
            spare -= more
        needs = self._measure_column(console, options, labels[0]).maximum
        widths[0] += max(0, min(spare, needs - widths[0]))
        return [replace(labels[0], width=widths[0]), *labels[1:]]

    def _block(self, labels: list, columns: list, first: bool, last: bool) -> Table:
        """One block: LABELS (the label columns) and COLUMNS, the title over the first block, the caption under the
        last."""
        out = _Grid(
            title=self.title if first else None,
            caption=self.caption if last else None,
            caption_justify=self.caption_justify,
        )
        out.columns = [replace(column, _index=i) for i, column in enumerate([*labels, *columns])]
        out.rows = list(self.rows)
        return out


def _least(column) -> int:
    """The narrowest a column is printed: its minimum width, its padding and the rule at its right."""
    return (column.min_width or 0) + 3


def _chrome(labels: list) -> int:
    """The width of the label columns at their narrowest, and the table's left edge."""
    return 1 + sum(_least(column) for column in labels)


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


def wrapping(column, cells: list[str]) -> None:
    """Let a text column wrap at its spaces (on a narrow terminal), as the first label column does: a word of
    CELLS longer than _LABEL_WORD (a pocket's name) is folded only where the width leaves no room for it."""
    longest = max((len(word) for cell in cells for word in cell.split()), default=0)
    column.no_wrap, column.overflow, column.min_width = False, "fold", min(longest, _LABEL_WORD)


def texts(lines) -> list[Text]:
    """Lines of text under a table, each shown by `visible` (one line, nothing a terminal acts on)."""
    return [Text(visible(line)) for line in lines]
