"""lexical.py, numbers.py and misread.py: how plain YAML scalars resolve, and how amounts, shares and years
are written.

The rules are those of docs/scenario-format.md ("How the file is read",
"Errors", "Warnings").
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from effektinvest.model.codes import CODES
from effektinvest.model.lexical import looks_like_thousands, resolve_plain
from effektinvest.model.misread import explain_text_as_number
from effektinvest.model.numbers import (
    ValueProblem,
    ambiguous_thousands,
    parse_amount,
    parse_realisation,
    parse_share,
    parse_year,
    plain,
)

# ---------------------------------------------------------------------------
# resolve_plain: YAML 1.2 core, stricter (a number is only a plain decimal)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.35", "10.35"),
        ("1500", "1500"),
        ("-3", "-3"),
        ("0", "0"),
        ("0.5", "0.5"),
        ("2024", "2024"),
        ("1.500", "1.500"),  # read as one and a half (a warning says so elsewhere)
        ("0.1", "0.1"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
    ],
)
def test_plain_decimal_is_an_exact_decimal(text, expected):
    value = resolve_plain(text)
    assert type(value) is Decimal
    assert value == Decimal(expected)
    assert str(value) == expected  # read from its text: never via a binary float


def test_ten_point_three_five_is_exactly_ten_point_three_five():
    value = resolve_plain("10.35")
    assert value == Decimal("10.35")
    assert value != Decimal(10.35)  # the binary float 10.35 is 10.3499999999999996447...
    assert value * 100 == 1035


@pytest.mark.parametrize("text", ["true", "True", "TRUE"])
def test_true_is_the_only_true(text):
    assert resolve_plain(text) is True


@pytest.mark.parametrize("text", ["false", "False", "FALSE"])
def test_false_is_the_only_false(text):
    assert resolve_plain(text) is False


@pytest.mark.parametrize(
    "text",
    ["yes", "no", "on", "off", "Yes", "No", "ON", "OFF", "y", "n", "Y", "N"],
)
def test_yaml_11_booleans_stay_text(text):
    value = resolve_plain(text)
    assert value == text
    assert type(value) is str


@pytest.mark.parametrize(
    "text",
    [
        "010",  # YAML 1.1 octal
        "0o17",
        "0x1F",
        "0b101",
        "1e3",
        "1E3",
        "1.5e6",
        ".inf",
        "-.inf",
        "+.inf",
        ".Inf",
        ".nan",
        ".NaN",
        "1_000",
        "1:20",  # YAML 1.1 sexagesimal
        "2024-01-01",  # no implicit dates
        "10,35",
        "2.000.000",
        ".5",
        "5.",
        "1,5 mio. kr.",
    ],
)
def test_other_number_like_text_stays_text(text):
    value = resolve_plain(text)
    assert value == text
    assert type(value) is str


@pytest.mark.parametrize("text", ["", "~", "null", "Null", "NULL"])
def test_nulls(text):
    assert resolve_plain(text) is None


def test_text_is_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Forsørgelse Café")
    assert decomposed != "Forsørgelse Café"
    assert resolve_plain(decomposed) == unicodedata.normalize("NFC", "Forsørgelse Café")


# Text a plain scalar may be: numbers and the things written like them, the YAML 1.1 words, dates, text.
_SCALARS = st.one_of(
    st.text(alphabet="0123456789+-.,_:eExXoObB~", min_size=1, max_size=12),
    st.sampled_from(["true", "False", "NULL", "null", "~", "yes", "on", ".inf", ".nan", "1.500", "2.000.000"]),
    st.text(alphabet="aæøåÅbcz 0123456789-", min_size=1, max_size=12),
    st.from_regex(r"[-+]?(0|[1-9][0-9]{0,40})(\.[0-9]{1,40})?", fullmatch=True),
)


@settings(max_examples=400, deadline=None)
@given(_SCALARS, st.sampled_from(["block", "flow", "list"]))
def test_the_readers_inline_reading_of_a_plain_value_is_resolve_plain(text, where):
    """The reader reads the common plain values of a mapping inline (its hot loop) and the rest through
    `resolve_plain`: both must read every plain scalar as `resolve_plain` does."""
    import yaml

    from effektinvest.reader import read

    source = {"block": f"k: {text}\n", "flow": f"{{k: {text}}}\n", "list": f"k:\n  - {text}\n"}[where]
    try:
        events = list(yaml.parse(source, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return  # not a plain scalar in YAML at all
    scalars = [e for e in events if isinstance(e, yaml.ScalarEvent)]
    if len(scalars) != 2 or scalars[1].value != text.strip() or not scalars[1].implicit[0]:
        return  # YAML reads it as something else than this one plain scalar (a comment, more keys, ...)
    data = read(source.encode(), "t", marks=False).data
    if data is None:
        return  # refused as a whole (e.g. too long): nothing read inline
    value = data["k"][0] if where == "list" else data["k"]
    expected = resolve_plain(scalars[1].value)
    assert value == expected and type(value) is type(expected)
    if isinstance(expected, Decimal):
        assert str(value) == str(expected)  # the same digits, not just an equal number


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False))
def test_any_plain_decimal_round_trips_exactly(value):
    text = format(value, "f")
    resolved = resolve_plain(text)
    assert type(resolved) is Decimal
    assert resolved == value


# ---------------------------------------------------------------------------
# parse_amount


@pytest.mark.parametrize(
    "value",
    [Decimal("10.35"), Decimal("0"), Decimal("1500"), Decimal("0.01"), Decimal("123456789012345678901234567890")],
)
def test_amount_as_written(value):
    result = parse_amount(value)
    assert result == value
    assert str(result) == str(value)  # never rounded


def _problem(call, *args):
    with pytest.raises(ValueProblem) as info:
        call(*args)
    problem = info.value
    assert problem.code in CODES
    assert problem.message
    return problem


@pytest.mark.parametrize(
    ("text", "code", "hint"),
    [
        ("10,35", "decimal-comma", "10.35"),
        ("2,5", "decimal-comma", "2.5"),
        ("2.000.000", "thousands-separator", "2000000"),
        ("1,000,000", "thousands-separator", "1000000"),
        ("1e3", "exponent", "1000"),
        ("1E3", "exponent", "1000"),
        ("2.5e6", "exponent", "2500000"),
        (".nan", "not-finite", None),
        (".NaN", "not-finite", None),
        (".inf", "not-finite", None),
        ("-.inf", "not-finite", None),
        ("+.INF", "not-finite", None),
        ("1_000", "digit-separator", "1000"),
        ("010", "not-plain-decimal", "10"),
        ("0x1F", "not-plain-decimal", None),
        ("0o17", "not-plain-decimal", None),
        (".5", "not-plain-decimal", "0.5"),
        ("5.", "not-plain-decimal", "5"),
        ("2,5 mio. kr.", "unit-in-amount", "2.5"),
        ("1500 kr", "unit-in-amount", "1500"),
        ("1:20", "not-a-number", None),
        ("2024-01-01", "not-a-number", None),
        ("ti kroner", "not-a-number", None),
        ("yes", "not-a-number", None),
        ("10.35", "not-a-number", "10.35"),  # a quoted number: text, not a number
    ],
)
def test_amount_text_problems(text, code, hint):
    problem = _problem(parse_amount, text)
    assert problem.code == code
    if hint is not None:
        assert hint in problem.message


def test_decimal_comma_says_to_write_a_point():
    problem = _problem(parse_amount, "10,35")
    assert "write 10.35" in problem.message


def test_thousands_separator_suggests_the_plain_number():
    problem = _problem(parse_amount, "2.000.000")
    assert "write 2000000" in problem.message


def test_explain_names_what_was_expected():
    problem = explain_text_as_number("abc", "the cost in 2024")
    assert problem.code == "not-a-number"
    assert "the cost in 2024" in problem.message


def test_missing_amount_is_not_zero():
    problem = _problem(parse_amount, None)
    assert problem.code == "missing-amount"


@pytest.mark.parametrize("value", [True, False])
def test_boolean_is_not_an_amount(value):
    assert _problem(parse_amount, value).code == "not-a-number"


@pytest.mark.parametrize("value", [Decimal("-5"), Decimal("-0.01"), Decimal("-1500")])
def test_negative_amount(value):
    assert _problem(parse_amount, value).code == "negative-amount"


@pytest.mark.parametrize(
    "value",
    [
        Decimal("1234567890123456789012345678901"),  # 31 digits
        Decimal("123456789012345678901234567890.1"),  # 31 digits with a point
        Decimal("-1234567890123456789012345678901"),
    ],
)
def test_more_than_thirty_digits(value):
    assert _problem(parse_amount, value).code == "too-many-digits"


def test_thirty_digits_are_fine():
    value = Decimal("12345678901234567890.1234567890")
    assert parse_amount(value) == value


# ---------------------------------------------------------------------------
# parse_share


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("30%", "0.3"),
        ("42,5 %", "0.425"),
        ("42.5%", "0.425"),
        ("100%", "1"),
        ("0%", "0"),
        ("7,25%", "0.0725"),
        ("33.333 %", "0.33333"),
        (Decimal("0.3"), "0.3"),
        (Decimal("0.425"), "0.425"),
        (Decimal("1"), "1"),
        (Decimal("0"), "0"),
    ],
)
def test_share_as_a_fraction(value, expected):
    result = parse_share(value)
    assert type(result) is Decimal
    assert result == Decimal(expected)


@pytest.mark.parametrize(("value", "shown"), [(Decimal("60"), '"60%"'), (Decimal("1.5"), '"1.5%"')])
def test_bare_number_above_one_is_a_percentage_written_wrong(value, shown):
    problem = _problem(parse_share, value)
    assert problem.code == "share-percent"
    assert shown in problem.message


@pytest.mark.parametrize("value", ["120%", "100.01%", "-5%", "-0,5 %", Decimal("-0.1")])
def test_share_outside_0_to_100_percent(value):
    assert _problem(parse_share, value).code == "share-range"


@pytest.mark.parametrize("value", ["thirty", "30 procent", "%", True, ["30%"]])
def test_not_a_share(value):
    assert _problem(parse_share, value).code == "not-a-share"


def test_a_quoted_share_is_told_as_a_quoted_realisation_is():
    assert _problem(parse_share, "30").code == "share-percent"  # '"30"': write "30%", as '"75"' for a realisation
    assert _problem(parse_share, "0.3").message == "a share is a number, not text: write 0.3 without quotes"


@pytest.mark.parametrize(
    ("text", "code", "said"),
    [
        ("0x1", "not-plain-decimal", "'0x1' is not a plain decimal number (hex, octal or binary)"),
        ("0_5", "digit-separator", "'0_5' has underscores: write 5"),
        ("1e0", "exponent", "'1e0' has an exponent; numbers are plain decimals: write 1"),
        (".nan", "not-finite", "must be a finite number, not '.nan'"),
        ("-.inf", "not-finite", "must be a finite number, not '-.inf'"),
        ("0,5", "decimal-comma", "'0,5' has a decimal comma: write 0.5"),
    ],
)
@pytest.mark.parametrize("parse", [parse_share, parse_realisation])
def test_a_fraction_written_as_no_number_is_told_as_an_amount_is(parse, text, code, said):
    problem = _problem(parse, text)
    assert (problem.code, problem.message) == (code, said) or (problem.code == code and said in problem.message)


@pytest.mark.parametrize(
    ("parse", "value", "code", "said"),
    [
        (parse_realisation, "2.0001", "realisation-range", "realisation 2.0001 is read as a fraction (200.01 %), above "
         "200 %: a realisation is a fraction from 0 to 2 or a percentage from 0 to 200 %"),
        (parse_share, "1.0001", "share-range", "share 1.0001 is read as a fraction (100.01 %), above 100 %: a share "
         "is a fraction from 0 to 1 or a percentage from 0 to 100 %"),
        (parse_realisation, "75", "realisation-range", 'realisation 75 is read as a fraction (7500 %); a percentage '
         'is written "75%"'),
        (parse_share, "42.5", "share-percent", 'share 42.5 is read as a fraction (4250 %); a percentage is written '
         '"42.5%"'),
    ],
)  # fmt: skip
def test_a_bare_number_past_the_bound_is_told_to_be_a_percentage_only_when_it_reads_as_one(parse, value, code, said):
    problem = _problem(parse, Decimal(value))
    assert (problem.code, problem.message) == (code, said)


# ---------------------------------------------------------------------------
# parse_year


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("2024"), 2024),
        ("2024", 2024),
        (Decimal("1900"), 1900),
        (Decimal("2200"), 2200),
        ("1900", 1900),
        ("2200", 2200),
    ],
)
def test_year(value, expected):
    result = parse_year(value)
    assert type(result) is int
    assert result == expected


@pytest.mark.parametrize(
    "value",
    [
        Decimal("1899"),
        Decimal("2201"),
        "1899",
        "2201",
        Decimal("2024.5"),
        Decimal("2024.0"),
        Decimal("-2024"),
        "2024.5",
        "20 24",
        "år 2024",
        "",
        None,
        True,
    ],
)
def test_not_a_year(value):
    assert _problem(parse_year, value).code == "invalid-year"


# ---------------------------------------------------------------------------
# Danish thousands (format 1.2: ambiguous, an error offering both readings) and plain


@pytest.mark.parametrize(
    ("text", "thousands", "decimal"),
    [
        ("1.500", "1500", "1.5"),
        ("12.250", "12250", "12.25"),
        ("250.000", "250000", "250"),
        ("2.075", "2075", "2.0750"),  # the decimal reading keeps three decimals: a fourth makes it plain
        ("-1.500", "-1500", "-1.5"),
    ],
)
def test_ambiguous_thousands_offers_both_readings(text, thousands, decimal):
    message = ambiguous_thousands(text)
    assert message.endswith(f"write {thousands} or {decimal}")
    assert not looks_like_thousands(thousands) and not looks_like_thousands(decimal)  # each reading is plain


@pytest.mark.parametrize(
    ("text", "said"),
    [("2.200", "write 2200 or 2.2 without quotes"), ("2.075", "write 2075 or 2.0750 without quotes")],
)
def test_a_quoted_number_like_danish_thousands_is_told_both_readings(text, said):
    """Not "write 2.200 without quotes", which is then ambiguous-thousands: the two readings that are not."""
    assert explain_text_as_number(text).message == f"an amount is a number, not text: {said}"
    assert explain_text_as_number("1.5").message == "an amount is a number, not text: write 1.5 without quotes"


@pytest.mark.parametrize("text", ["1.5", "10.35", "1500", "0.500", "1.5000", "1.234.567", "2.0750"])
def test_not_ambiguous(text):
    assert ambiguous_thousands(text) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("10.350"), "10.35"), (Decimal("2E+1"), "20"), (Decimal("0.80680"), "0.8068"), (Decimal("2"), "2")],
)
def test_plain(value, text):
    assert plain(value) == text


def test_a_year_with_spaces_or_a_line_break_around_it_is_refused():
    from effektinvest.model.numbers import ValueProblem, parse_year

    for text in ("2024 ", " 2024", "2024\n"):
        with pytest.raises(ValueProblem):
            parse_year(text)


def test_negative_zero_is_zero():
    from effektinvest.model.numbers import parse_amount

    assert str(parse_amount(Decimal("-0.00"))) == "0.00"


def test_a_share_with_more_digits_than_the_bound_is_too_many_digits():
    from effektinvest.model.numbers import ValueProblem, parse_share

    with pytest.raises(ValueProblem) as info:
        parse_share(Decimal("0." + "9" * 40))
    assert info.value.code == "too-many-digits"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("1\u00a0500", "an amount has a no-break space (U+00A0) in it: write 1500"),
        ("10.35\u200b", "an amount has a zero width space (U+200B) in it: write 10.35"),
        ("12\u202f000,5", "an amount has a narrow no-break space (U+202F) in it: write 12000.5"),
        ("\ufeff7", "an amount has a zero width no-break space (U+FEFF) in it: write 7"),
        ("ti\u00a0kr", "an amount has a no-break space (U+00A0) in it"),
    ],
)
def test_an_invisible_character_in_a_number_is_named_in_words(text, said):
    problem = explain_text_as_number(text)
    assert (problem.code, problem.message) == ("not-a-number", said)
    assert "\\x" not in problem.message and "\\u" not in problem.message


def test_every_written_year_range_is_the_one_of_model_numbers():
    """The one year range: the schema's year keys and the invalid-year diagnostic say YEAR_MIN..YEAR_MAX, which
    they spell out as constants of their own (issue 20, 11: the starter's years come from the one range)."""
    import re

    from effektinvest.model.numbers import YEAR_MAX, YEAR_MIN
    from effektinvest.model.values import YEAR_KEY_PATTERN

    assert [y for y in range(1000, 10_000) if re.fullmatch(YEAR_KEY_PATTERN, str(y))] == list(
        range(YEAR_MIN, YEAR_MAX + 1)
    )
    code = CODES["invalid-year"]
    assert f"from {YEAR_MIN} to {YEAR_MAX}" in code.title and f"from {YEAR_MIN} to {YEAR_MAX}" in code.fix
