"""`gap --chart`: below the table, a horizontal bar per budget year and one for the total, each the financing
from every paying source and the residual, stacked, on one scale that fills the width; then a legend
(docs/cli.md, "gap --chart").

Colour on a terminal: every part a block in its own colour. Without colour (NO_COLOR, TERM=dumb, a pipe, a
file) every part is drawn with its own character, so the bar still reads.

The rounding rule: the scale is the width available for a bar over the longest bar's figure, so the longest
bar fills it exactly. A bar is its figure times the scale, rounded half to even to whole characters; its
parts get their exact lengths rounded down, and the characters still missing go one each to the parts with
the largest remainders (the earlier part on a tie). So every bar is within half a character of its exact
length, every part within one character of its own, and the parts add up to the bar.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from rich.measure import Measurement
from rich.text import Text

from effektinvest.core.display_context import danish, visible
from effektinvest.core.exact import exact_sum
from effektinvest.reports.gap.view import LABELS, Report, caption, decimals_for

MARKS = "█▓#=+*%@&$~o"  # a source's character without colour, in the order of the sources (then again)
RESIDUAL_MARK = "░"
COLOURS = ("blue", "green", "cyan", "magenta", "yellow", "bright_blue", "bright_green", "bright_cyan")
RESIDUAL_COLOUR = "red"
MIN_BAR = 10  # a bar is given at least this many characters, however narrow the terminal


class Bar(NamedTuple):
    label: str  # the year, or "I alt"
    parts: tuple[Decimal, ...]  # what each paying source pays, then the residual (0 for none or a surplus)

    @property
    def figure(self) -> Decimal:
        """What the whole bar stands for: the cost, or the financing where it exceeds the cost."""
        return exact_sum(self.parts)


def bars(report: Report) -> list[Bar]:
    """A bar per budget year, then one for the total, in the report's unit."""
    labels = [*(str(year) for year in report.years), LABELS["total"]]
    out = []
    for label, column in zip(labels, report.columns, strict=True):
        paid = tuple(column.financing.get(sid, Decimal(0)) for sid in report.sources)
        out.append(Bar(label, (*paid, max(column.residual, Decimal(0)))))
    return out


def lengths(parts: tuple[Decimal, ...], scale: Fraction) -> list[int]:
    """Each part's length in characters under SCALE (characters per unit), by the rule above."""
    exact = [Fraction(part) * scale for part in parts]
    total = round(sum(exact, Fraction(0)))  # a Fraction rounds half to even
    out = [int(length) for length in exact]  # down: the lengths are never negative
    order = sorted(range(len(exact)), key=lambda i: (out[i] - exact[i], i))  # largest remainder first
    for index in order[: total - sum(out)]:
        out[index] += 1
    return out


def legend(report: Report) -> list[tuple[str, str, str]]:
    """(character, colour, name) for each part of a bar: the paying sources in order, then the residual."""
    out = [
        (MARKS[i % len(MARKS)], COLOURS[i % len(COLOURS)], visible(name))
        for i, name in enumerate(report.sources.values())
    ]
    return [*out, (RESIDUAL_MARK, RESIDUAL_COLOUR, LABELS["residual"])]


def lines(report: Report, width: int, colour: bool) -> list[Text]:
    """The chart at WIDTH characters: a line per bar (label, bar, its figure), an empty line, the legend."""
    chart_bars = bars(report)
    shown = decimals_for(report, None)
    figures = [danish(bar.figure, shown) for bar in chart_bars]
    label_width = max(len(bar.label) for bar in chart_bars)
    figure_width = max(len(figure) for figure in figures)
    room = max(MIN_BAR, width - label_width - figure_width - 2)
    longest = max(bar.figure for bar in chart_bars)
    keys = legend(report)
    out = []
    for bar, figure in zip(chart_bars, figures, strict=True):
        line = Text(bar.label.rjust(label_width) + " ")
        drawn = 0
        if longest > 0:
            parts = lengths(bar.parts, Fraction(room) / Fraction(longest))
            for (mark, style, _), length in zip(keys, parts, strict=True):
                line.append("█" * length if colour else mark * length, style=style if colour else None)
                drawn += length
        line.append(" " * (room - drawn) + " " + figure.rjust(figure_width))
        out.append(line)
    out.append(Text(""))
    for mark, style, name in keys:
        out.append(Text.assemble(("█", style) if colour else mark, f" {name}"))
    out.append(Text(f"({caption(report)})"))
    return out


class Chart:
    """The chart as a Rich renderable: it takes the width it is given, and colour only where the console has
    colour."""

    def __init__(self, report: Report):
        self.report = report

    def __rich_console__(self, console, options):
        colour = console.color_system is not None and not console.no_color
        yield from lines(self.report, options.max_width, colour)

    def __rich_measure__(self, console, options) -> Measurement:
        return Measurement(MIN_BAR, min(80, options.max_width))
