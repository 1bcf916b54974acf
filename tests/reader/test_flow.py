"""reader/flow.py: a flow mapping written alike is read once, and every later one gets its own copy of that data;
whatever a reading says, and anything read otherwise, is read as before."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from effektinvest.reader import read

HEAD = "scenario: x\nbudget_year: 2025\nlines:\n"
REPAY = '{tariff: 0.5, outcomes: {2027: 20, 2028: 30}, cap: 40, by: {dept: "60%", forsorg: "40%"}}'


def lines(*values: str) -> bytes:
    return (HEAD + "".join(f"  - repay: {value}\n" for value in values)).encode()


def test_mappings_written_alike_share_their_values_in_dictionaries_of_their_own():
    first, second, third = (line["repay"] for line in read(lines(REPAY, REPAY, REPAY), "f", marks=False).data["lines"])
    assert (
        first
        == second
        == third
        == {
            "tariff": Decimal("0.5"),
            "outcomes": {"2027": Decimal(20), "2028": Decimal(30)},
            "cap": Decimal(40),
            "by": {"dept": "60%", "forsorg": "40%"},
        }
    )
    assert second is not first and second["outcomes"] is not first["outcomes"] and second["by"] is not first["by"]
    assert second["tariff"] is first["tariff"] and third["outcomes"]["2028"] is first["outcomes"]["2028"]
    second["by"]["dept"] = "0%"  # a reader of the data may change its own; the others keep theirs
    assert first["by"]["dept"] == third["by"]["dept"] == "60%"


def test_a_mapping_written_otherwise_to_the_letter_is_read_by_itself():
    data = read(lines("{a: 0.5}", "{a: 0.50}", '{a: "0.5"}', "{a: '0.5'}", "{a: 0.5}"), "f", marks=False).data
    values = [line["repay"]["a"] for line in data["lines"]]
    assert [str(v) for v in values] == ["0.5", "0.50", "0.5", "0.5", "0.5"]
    assert [type(v) for v in values] == [Decimal, Decimal, str, str, Decimal]
    assert values[4] is values[0] and values[1] is not values[0]


def test_what_reading_a_mapping_says_is_said_at_each_mapping_written_alike():
    text = lines("{2025: 1.500}", "{2025: 1.500}", "{2025: 10, 35}", "{2025: 10,35}", "{2025: 10,35}")
    result = read(text, "f", marks=False)
    assert [(where, line) for where, line, _, _ in result.thousands] == [
        (("lines", 0, "repay", "2025"), 4),
        (("lines", 1, "repay", "2025"), 5),
    ]
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [
        ("decimal-comma", 7, 19),
        ("decimal-comma", 8, 19),
    ]
    assert result.data["lines"][2]["repay"] == {"2025": Decimal(10), "35": None}


def test_a_mapping_read_first_where_it_fits_is_too_deep_where_it_does_not():
    nested = "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 62))
    text = f"x: {{a: {{b: {{c: 1}}}}}}\ny:\n{nested}{'  ' * 62}z: {{a: {{b: {{c: 1}}}}}}\n".encode()
    assert [(d.code, d.line) for d in read(text, "f", marks=False).diagnostics] == [("too-deep", 64)]


_MAPPINGS = st.sampled_from(
    [
        "{a: 1}",
        "{a: 1.0}",
        "{a: '1'}",
        "{2025: 10,35}",
        "{2025: 10, 35}",
        "{2025: 1.500, b: x}",
        "{a: 1, a: 2}",
        "{a: {b: 1}, c: 2}",
        "{a: &x {b: 1}}",
        "{a: *x}",
        "{a: !!int 1}",
        "{a: [1, 2]}",
        "{<<: {a: 1}}",
        "{å: yes, b: ~}",
        "{a: }",
    ]
)


@settings(max_examples=60)
@given(st.lists(_MAPPINGS, min_size=1, max_size=12))
def test_reading_without_marks_says_and_gives_what_reading_each_mapping_with_marks_does(written):
    """With marks, every mapping is read by itself: no mapping is ever kept."""
    text = ("x: &x {b: 0}\n" + HEAD + "".join(f"  - {value}\n" for value in written)).encode()
    fast, marked = read(text, "f", marks=False), read(text, "f", marks=True)
    assert fast.data == marked.data
    assert fast.diagnostics == marked.diagnostics
    assert (fast.poisoned, fast.thousands) == (marked.poisoned, marked.thousands)
