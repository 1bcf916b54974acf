"""formats/markdown: the one escaper of a user's text in Markdown (`markdown_text`) and the toolkit around it.
Each Markdown string is also rendered by a CommonMark renderer with GitHub's tables and strikethrough
(markdown-it-py, which Rich already depends on), so that what is checked is what a reader sees."""

import html
import re

import pytest
from markdown_it import MarkdownIt

from effektinvest.formats.markdown import bold, foot, head, heading, item, markdown_text, row

RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def rendered(markdown: str) -> str:
    return RENDERER.render(markdown)


def shown_text(markdown: str) -> str:
    """What a reader sees of MARKDOWN: the rendered HTML without its tags, its entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered(markdown))).strip()


def tags(markdown: str) -> list[str]:
    """The HTML tags MARKDOWN renders to, in order."""
    return re.findall(r"<(/?[a-z0-9]+)", rendered(markdown))


def test_markdown_text_escapes_what_markdown_and_its_html_act_on():
    hostile = "</td></tr></table><h1>x</h1> [link](http://x) ![i](y) *a* _b_ `c` ~d~ &amp; a|b \\ \n# h"
    escaped = markdown_text(hostile)
    for raw in ("<", ">", "[", "]", "*", "_", "`", "~", "&", "|"):
        assert escaped.count(raw) == escaped.count("\\" + raw), raw
    assert "\n" not in escaped and "\\\\ " in escaped
    assert rendered(escaped) == (
        "<p>&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;h1&gt;x&lt;/h1&gt; [link](http://x) ![i](y) *a* _b_ `c` ~d~ "
        "&amp;amp; a|b \\  # h</p>\n"
    )


def test_ordinary_text_and_figures_are_left_as_they_are():
    for text in ("Hjem, Job og Helhed", "-0,48", "+0,13", "1.234,5", "2024: dækket udgift 2,48", "CTI-metoden"):
        assert markdown_text(text) == text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# Overskrift", "\\# Overskrift"),
        ("#", "\\#"),
        ("- punkt", "\\- punkt"),
        ("+ punkt", "\\+ punkt"),
        ("-", "\\-"),
        ("---", "\\---"),
        ("- - -", "\\- - -"),
        ("1. punkt", "1\\. punkt"),
        ("2024) punkt", "2024\\) punkt"),
        ("   # indrykket", "   \\# indrykket"),
        ("> citat", "\\> citat"),
        ("```", "\\`\\`\\`"),
        ("***", "\\*\\*\\*"),
        ("[x]: https://evil.example", "\\[x\\]: https://evil.example"),
    ],
)
def test_a_text_that_would_open_a_block_is_shown_as_written(text, escaped):
    """At the start of a list item or a paragraph (an --explain line, the step summary's note) a user's text
    opens no heading, list, rule, quote, code block or link definition; in a cell the escape changes nothing."""
    assert markdown_text(text) == escaped
    assert tags(item(text)) == ["ul", "li", "/li", "/ul"]
    assert tags(markdown_text(text)) == ["p", "/p"]
    assert tags(row([markdown_text(text)]) + "\n| --- |\n") == [
        "table",
        "thead",
        "tr",
        "th",
        "/th",
        "/tr",
        "/thead",
        "/table",
    ]
    assert shown_text(item(text)) == shown_text(markdown_text(text)) == text.strip()


def test_a_line_break_cannot_end_a_row_or_an_item():
    name = "Kassen\n| 9 | 9 |\r\n- ny\rlinje"
    lines = [*head("T", ["mio. kr."], [2024]), row([markdown_text(name), "1,0", "1,0"])]
    assert len(lines) == 5 and lines[-1] == "| Kassen \\| 9 \\| 9 \\| - ny linje | 1,0 | 1,0 |"
    assert item(name) == "- Kassen \\| 9 \\| 9 \\| - ny linje"
    assert rendered("\n".join(lines)).count("<tr>") == 2


def test_heading_item_and_foot_escape_what_they_are_given():
    assert heading("<b>Titel</b> (budget 2024)") == "### \\<b\\>Titel\\</b\\> (budget 2024)"
    assert heading("1. Forklaring", 4) == "#### 1\\. Forklaring"
    assert item("1. <b>kasse</b>: Kassen", 1) == "  - 1\\. \\<b\\>kasse\\</b\\>: Kassen"
    assert foot(["# a", "b"]) == ["", "- \\# a", "- b"]
    assert foot([]) == []


@pytest.mark.parametrize("text", ["Projekt A", "   # indented heading", "I alt  ", " - x ", "*"])
def test_bold_is_bold_whatever_spaces_stand_around_the_text(text):
    """A name with spaces around it is shown in bold, never with its asterisks (`** x**` is not bold)."""
    table = f"| h |\n| --- |\n{row(bold([markdown_text(text)]))}\n"
    assert tags(table).count("strong") == 1
    assert shown_text(table).split() == ["h", *text.split()]
    assert bold([""]) == [""] and bold(["  "]) == ["  "]
