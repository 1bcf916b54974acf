"""Large tables and texts (issue 20, family 6; formats/lean.py): a grid printed a chunk of rows at a time, and lines
of text printed a chunk at a time, are the same bytes Rich prints for the whole table or one Text of the lines, at
every width, with colour and without; a grid keeps its plain cells as text."""

import io
import random

import pytest
from rich.console import Console, Group
from rich.table import Column, Row, Table
from rich.text import Text

from effektinvest.formats import lean
from effektinvest.formats.grid import grid

WORDS = ["Projekt", "Fonden", "æøå", "Ekstraordinærtlangtordudenmellemrum", "x", "Finansiering i alt", "med et navn"]
FIGURES = ["1.234,50", "-0,25", "100,0 %", "12.345.678,00", "", "0,00"]


def printed(renderable, width: int, colour: bool) -> str:
    """RENDERABLE as `streams.emit` prints it on a console WIDTH wide: each part of a Group by itself."""
    out = io.StringIO()
    console = Console(file=out, width=width, color_system="truecolor" if colour else None, force_terminal=colour)
    for part in renderable.renderables if isinstance(renderable, Group) else [renderable]:
        console.print(part)
    return out.getvalue()


def _table(seed: int, rows: int) -> tuple:
    """A grid of ROWS rows with wrapping labels, sections and bold rows, and its parts."""
    rng = random.Random(seed)
    labels = 2 if seed % 2 else 1
    heads = ["Budget 2025", *([""] * (labels - 1)), "2025", "2026", "I alt"]
    body = [
        [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 5))) for _ in range(labels)]
        + [rng.choice(FIGURES) for _ in range(3)]
        for _ in range(rows)
    ]
    styles = [rng.choice([None, None, "bold"]) for _ in range(rows)]
    sections = {i for i in range(1, rows) if rng.random() < 0.2}
    title = rng.choice(["T", "En lang titel med mange ord som skal ombrydes på en smal terminal"])
    made = grid(title, "mio. kr.", heads, body, labels)
    for index, (line, style) in enumerate(zip(body, styles, strict=True)):
        if index in sections:
            made.add_section()
        made.add_row(*line, style=style)
    return made, body, styles, sections


def _rich(made: Table, body, styles, sections) -> Table:
    """The same table as a plain Rich Table, every cell a Text: what Rich prints for the whole of it."""
    out = Table(title=made.title, caption=made.caption, caption_justify=made.caption_justify)
    out.columns = [
        Column(**{**vars(column), "_cells": [Text(line[index]) for line in body]})
        for index, column in enumerate(made.columns)
    ]
    out.rows = [Row(style, index + 1 in sections) for index, style in enumerate(styles)]
    return out


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("width", [200, 80, 40])
@pytest.mark.parametrize("seed", range(6))
def test_a_grid_printed_in_chunks_is_what_rich_prints_for_the_whole_table(monkeypatch, seed, width, colour) -> None:
    """At every width (at 40 and 80, labels wrap or the years go in blocks), against the same grid printed whole;
    where it fits (200), against Rich's own plain Table of the same cells too."""
    monkeypatch.setattr(lean, "_CHUNK", 10**6)
    whole = printed(_table(seed, 23)[0], width, colour)
    if width == 200:
        made, *parts = _table(seed, 23)
        assert whole == printed(_rich(made, *parts), width, colour)
    monkeypatch.setattr(lean, "_CHUNK", 3)  # (a chunk of 3 rows: 23 rows are 8 chunks and 8 pieces)
    assert printed(_table(seed, 23)[0], width, colour) == whole
    assert printed(Group(*lean.pieces(_table(seed, 23)[0])), width, colour) == whole  # each chunk by itself


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("width", [8, 30, 120])
@pytest.mark.parametrize("seed", range(8))
def test_lines_print_as_one_text_of_them(monkeypatch, seed, width, colour) -> None:
    monkeypatch.setattr(lean, "_CHUNK", 3)
    rng = random.Random(seed)
    words = [*WORDS, "", " "]
    lines = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(0, 10))]
    whole = printed(Text("\n".join(lines)), width, colour)
    assert printed(lean.Lines(lines), width, colour) == whole
    assert printed(Group(*lean.pieces(lean.Lines(lines))), width, colour) == whole


def test_a_grid_keeps_plain_cells_as_text_and_never_reads_them_as_markup() -> None:
    made = grid("T", "kr.", ["Projekt", "2025"], [["[bold]Navn[/bold]", "1,00"]])
    made.add_row("[bold]Navn[/bold]", Text("1,00"))
    made.add_row(Text("Rød", style="red"), Text("2,00"))
    assert [column._cells for column in made.columns][1] == ["1,00", "2,00"]  # plain Texts kept as their text
    assert isinstance(made.columns[0]._cells[1], Text)  # a styled one as it is
    assert "[bold]Navn[/bold]" in printed(made, 80, colour=False)


def test_a_long_text_is_printed_a_line_a_segment() -> None:
    """Rich splits a segment of many lines into lines by taking the first off the rest, again and again: one
    Text of 30,000 lines was quadratic (`gap --explain`). Each segment of `Lines` holds at most one line."""
    console = Console(file=io.StringIO(), width=80)
    lines = [f"linje {i} med nogle ord" for i in range(1000)]
    segments = list(console.render(lean.Lines(lines), console.options))
    assert max(segment.text.count("\n") for segment in segments) == 1
    assert "".join(segment.text for segment in segments) == "\n".join(lines) + "\n"
