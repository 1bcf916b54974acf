"""core/display_context: the one home of how a figure or a user's text is shown."""

from decimal import Decimal as D

from effektinvest.core.display_context import (
    caption,
    danish,
    decimals_needed,
    figure,
    markdown_text,
    percent,
    places,
    points,
    rounded,
    shown_coverage,
    signed,
    visible,
)
from effektinvest.model.units import Unit


def test_decimals_needed_counts_only_the_digits_that_change_the_value():
    assert [decimals_needed(D(t)) for t in ("2.050", "800000", "1E+3", "0.00", "-0.125")] == [2, 0, 0, 0, 3]
    assert places(Unit.MIO, [D("2.05"), None, D("0.125")]) == 3
    assert places(Unit.MIO, [D("2.05")], asked=1) == 1
    assert places(Unit.MIO, []) == 0


def test_the_one_display_rounding_is_half_to_even():
    shown = [rounded(D(t), 1) for t in ("2.05", "2.15", "-2.05", "2.0500001")]
    assert shown == [D("2.0"), D("2.2"), D("-2.0"), D("2.1")]


def test_percentages_to_one_decimal_or_as_many_as_needed_and_points():
    assert percent(D("0.8068")) == "80,7 %"
    assert percent(D("0.425"), None) == "42,5 %"
    assert percent(D("0.75"), None) == "75 %"
    assert figure(D("800000")) == "800.000" and figure(D("0.744")) == "0,744"
    assert points(D("0.012")) == "+1,2 pct.-point"
    assert points(D("-0.0004")) == "0,0 pct.-point"  # a change that rounds away has no sign
    assert signed(D("-1.2"), 2) == "-1,20"


def test_coverage_for_people_is_rounded_once_from_the_exact_ratio():
    assert shown_coverage(D("8.35"), D("10.35")) == D("0.807")
    assert shown_coverage(D("1"), None) is None


def test_caption_names_the_unit_and_the_price_level():
    assert caption(Unit.MIO, 2024) == "mio. kr., 2024-priser"
    assert caption(Unit.TKR, None) == "t.kr."


def test_markdown_text_escapes_what_markdown_and_its_html_act_on():
    hostile = "</td></tr></table><h1>x</h1> [link](http://x) ![i](y) *a* _b_ `c` ~d~ &amp; a|b \\ \n# h"
    escaped = markdown_text(hostile)
    for raw in ("<", ">", "[", "]", "*", "_", "`", "~", "&", "|"):
        assert escaped.count(raw) == escaped.count("\\" + raw), raw
    assert "\n" not in escaped and "\\\\ " in escaped
    assert markdown_text("Hjem, Job og Helhed") == "Hjem, Job og Helhed"


def test_no_markdown_report_lets_a_users_markup_through():
    """gap, --explain, --by project, compare and savings in Markdown escape a name, title or note as the
    note does: no tag, link or image a user wrote is live."""
    import re

    from conftest import ROOT, invoke

    path = str(ROOT / "tests" / "fixtures" / "markdown" / "injection.yaml")
    runs = [
        ("gap", path, "-f", "markdown", "--explain"),
        ("gap", path, "-f", "markdown", "--by", "project"),
        ("compare", path, path, "-f", "markdown"),
        ("savings", path, "-f", "markdown"),
        ("note", path),
    ]
    for args in runs:
        result = invoke(*args)
        assert result.code == 0, (args, result.stderr)
        out = result.stdout
        for live in ("<h1>", "</td>", "<script>", "<b>", "*vigtigt*"):
            assert live not in out, (args, live)
        assert not re.search(r"(?<!\\)\]\(", out), args  # no link or image: every ] escaped
        assert "\\<h1\\>" in out, args  # the source's name, escaped
        assert "Havnen \\[klik\\]" in out or args[0] == "savings", args  # savings names no project


def test_the_noncharacters_are_shown_as_escapes_everywhere():
    assert visible("a\ufffeb\uffff") == "a\\ufffeb\\uffff"
    assert visible("\ufdd0") == "\ufdd0"  # another noncharacter, which XML allows: as it is


def test_danish_numbers():
    assert danish(D("1234567.891"), 2) == "1.234.567,89"
    assert danish(D("10.35"), 2) == "10,35"
    assert danish(D("-0.5"), 0) == "-0"  # half to even, sign kept
    assert danish(D("2.5"), 0) == "2"
    assert danish(D("3.5"), 0) == "4"
    assert percent(D("0.8068")) == "80,7 %"
