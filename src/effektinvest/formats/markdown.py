"""The Markdown toolkit: a GitHub-flavoured Markdown table under a heading, and a list of lines under it.
It knows no report; each report's `markdown.py` fills it. Text a user wrote goes through
`display_context.markdown_text` before it gets here."""

from __future__ import annotations

from effektinvest.core.display_context import markdown_text, year_heads


def row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def bold(cells: list[str]) -> list[str]:
    """CELLS in bold."""
    return [f"**{cell}**" for cell in cells]


def head(title: str, labels: list[str], years) -> list[str]:
    """A heading, then a table's header: left-aligned LABELS columns, then a right-aligned column a year and
    the total."""
    numbers = year_heads(years)
    return [
        f"### {title}",
        "",
        row([markdown_text(h) for h in [*labels, *numbers]]),
        row([":--"] * len(labels) + ["--:"] * len(numbers)),
    ]


def foot(lines: list[str]) -> list[str]:
    """Lines under a table, as a list (each through `markdown_text`)."""
    return ["", *(f"- {markdown_text(line)}" for line in lines)] if lines else []


def document(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"
