"""The terminal table toolkit (Rich): a grid with label columns, then a right-aligned column per budget
year and the total, as in a Danish budget note. It knows no report; each report's `table.py` fills it.
Every text a user wrote goes in as a Rich Text, never as markup."""

from __future__ import annotations

from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from effektinvest.core.display_context import visible

_LABEL_MIN = 10  # a label column is never narrower than this (or its longest word, up to _LABEL_WORD)
_LABEL_WORD = 16  # a longer word is folded


class _Grid(Table):
    """A table whose narrowest useful width is its number columns at full width and its label columns at
    their minimum (Rich would count each label's longest word): narrower than that, a number would be cut."""

    def __rich_measure__(self, console, options):
        natural = super().__rich_measure__(console, options)
        chrome = len(self.columns) + 1 + 2 * len(self.columns)  # the rules between columns, and padding
        least = chrome + sum(column.min_width or 0 for column in self.columns)
        return Measurement(min(least, natural.maximum), natural.maximum)


def grid(title: str, caption_text: str, heads: list[str], body: list[list[str]], labels: int = 1) -> Table:
    """A table whose first LABELS columns hold text, then a right-aligned column a year and the total.

    On a narrow terminal a number is never cut: each number column is at least as wide as its widest
    cell, and the first label column wraps instead (words longer than _LABEL_WORD are folded). A table
    that cannot fit even so is printed at its natural width by `streams.emit`."""
    table = _Grid(title=Text(visible(title)), caption=Text(caption_text), caption_justify="right")
    words = [len(word) for line in body for word in line[0].split()] or [0]
    table.add_column(Text(heads[0]), min_width=max(_LABEL_MIN, min(max(words), _LABEL_WORD)), overflow="fold")
    for index in range(1, labels):
        width = max(len(line[index]) for line in body) if body else 0
        table.add_column(Text(heads[index]), no_wrap=True, min_width=width)
    for index in range(labels, len(heads)):
        width = max([len(heads[index]), *(len(line[index]) for line in body)])
        table.add_column(Text(heads[index]), justify="right", no_wrap=True, min_width=width)
    return table


def texts(lines) -> list[Text]:
    """Lines of text under a table, each shown by `visible` (one line, nothing a terminal acts on)."""
    return [Text(visible(line)) for line in lines]
