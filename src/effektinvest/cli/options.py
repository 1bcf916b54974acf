"""The options that are shares of something, as the command line writes them: --realisation (one value, or a
list for a sensitivity table; one value only for gap and note) and --discount. Each bad value is a usage error
(exit 2) that says why."""

from __future__ import annotations

import re
from decimal import Decimal

import typer

from effektinvest.model.numbers import (
    DECIMAL_RE,
    EXACT,
    MAX_DIGITS,
    MISREAD_CODES,
    ValueProblem,
    parse_realisation,
    plain,
)
from effektinvest.model.problem import short

# The most values a --realisation list may have: a sensitivity table of every whole percentage from 0 to
# 200 %. Each value is a whole report kept until the table is printed, so the list is bounded (20,000 values
# took 1.2 GiB on a 4 KB scenario).
MAX_REALISATIONS = 201

_DECIMAL_COMMA = re.compile(r"([0-9]),([0-9])")
_ITEM = re.compile(r"\s*[-+]?[0-9]+(?:\.[0-9]+)?\s*%?\s*")
_WHOLE = re.compile(r"\s*[-+]?[0-9]+")  # the item before a comma that may be a decimal comma: 1 in 1,5%
_DECIMALS = re.compile(r"[0-9]+\s*%?\s*")  # and the item after it: 5% in 1,5%


def _number(text: str) -> object:
    """TEXT as the file would give it: a plain decimal is a number, anything else text."""
    stripped = text.strip()
    return Decimal(stripped) if DECIMAL_RE.fullmatch(stripped) else stripped


def _usage(message: str, option: str = "--realisation") -> typer.BadParameter:
    return typer.BadParameter(message, param_hint=f"'{option}'")


def parse_realisations(text: str) -> list[Decimal]:
    """--realisation: one realisation or a comma-separated list ("100%,75%" or "1,0.75") of at most
    MAX_REALISATIONS. A comma between digits is a decimal comma when the list reading fails ("42,5%" is one
    value); when both readings are realisations ("1,5%": 100 % and 5 %, or 1.5 %) it is refused with both;
    otherwise a comma that makes a list of numbers once it is a point is told as a decimal comma ("0,75")."""
    items = text.split(",")
    if len(items) > MAX_REALISATIONS:
        raise _usage(
            f"at most {MAX_REALISATIONS} realisations (every whole percentage from 0 to 200 %), not {len(items):,}"
        )
    try:
        values = [parse_realisation(_number(item)) for item in items]
    except ValueProblem as problem:
        one = _one_value(text)
        if one is not None:
            return [one]
        raise _usage(_decimal_comma(text) or problem.message) from None
    _refuse_ambiguous(text, items, values)
    return values


# --realisation of gap and note: one value; the help of both commands.
ONE_REALISATION_HELP = (
    'The gap if only this share of the expected outcomes is achieved, "50%" or 0.5, from 0 to 200 %: each outcome '
    "line pays tariff x count x R (then its cap), and the residual grows by what it no longer pays (default: the "
    "plan as written, whatever the file's realisation)."
)


def parse_one_realisation(text: str, command: str) -> Decimal:
    """--realisation of COMMAND (gap, note): one realisation, read as `savings` reads each of its list
    ("50%", "0.5", "42,5%"); a list is a usage error that says where a list goes."""
    values = parse_realisations(text)
    if len(values) > 1:
        raise _usage(
            f"{command} takes one realisation, not a list of {len(values)} ({text.strip()}); a sensitivity table "
            f"of several is `effektinvest savings --realisation {text.strip()}`"
        )
    return values[0]


def _one_value(text: str) -> Decimal | None:
    """TEXT as one realisation written with a decimal comma (42,5%), or None."""
    if "," not in text:
        return None
    try:
        return parse_realisation(_number(text))
    except ValueProblem:
        return None


def _decimal_comma(text: str) -> str | None:
    """What to say of TEXT when it is a list of numbers once each comma between digits is a point ("0,75",
    "0,5,0,75"), else None."""
    pointed = _DECIMAL_COMMA.sub(r"\1.\2", text.strip())
    if pointed == text.strip() or not all(_ITEM.fullmatch(item) for item in pointed.split(",")):
        return None
    list_ = "(commas separate the realisations of a list, such as 100%,75%)"
    return f"{text.strip()} has a decimal comma: write {pointed} {list_}"


def _percent(value: Decimal) -> str:
    return f"{plain(value.scaleb(2, EXACT))}%"


def _refuse_ambiguous(text: str, items: list[str], values: list[Decimal]) -> None:
    """Refuse a list in which a comma may as well be a decimal comma: between a whole number and digits ("1,5%"
    is 100 % and 5 %, or 1.5 %; "1,2" is 100 % and 200 %, or 1.2), when the value it makes is a realisation
    too. Both readings are said, each written so that it cannot be read the other way."""
    for i in range(len(items) - 1):
        before, after = items[i], items[i + 1]
        if not (_WHOLE.fullmatch(before) and _DECIMALS.fullmatch(after)):
            continue
        pointed = f"{before}.{after}"
        try:
            parse_realisation(_number(pointed))
        except ValueProblem:
            continue  # 2,5 would be 250 %: only the list is a reading
        as_list = ",".join(_percent(value) for value in values)
        as_value = ",".join([*items[:i], pointed.strip(), *items[i + 2 :]])
        pair = f"{before.strip()},{after.strip()}"
        said = "" if pair == text.strip() else f"{pair} is "
        raise _usage(
            f"{text.strip()} is ambiguous: {said}two realisations ({_percent(values[i])} and "
            f"{_percent(values[i + 1])}) or one with a decimal comma ({pointed.strip()})? write {as_list} for "
            f"the list, or {as_value}"
        )


def parse_discount(text: str) -> Decimal:
    """--discount: a rate from 0 to 100 %, "4%" or 0.04. A bare number is a fraction below 1: 1 and above is a
    percentage written without % (docs/scenario-format.md), and is said so."""
    value = _number(text)
    shown = short(text.strip())  # (a value of 30,000 digits is not said back whole)
    if isinstance(value, str) and not value.rstrip().endswith("%"):
        from effektinvest.model.misread import explain_text_as_number  # the error path only

        problem = explain_text_as_number(value, "a discount rate")
        if problem.code in MISREAD_CODES:
            raise _usage(problem.message, "--discount")
    try:
        rate = parse_realisation(value)  # the same two ways of writing a fraction; the range is checked below
    except ValueProblem as problem:
        if problem.code == "too-many-digits":  # a rate in range, written with more digits than any amount may
            raise _usage(f"a discount rate has at most {MAX_DIGITS} digits, not {shown}", "--discount") from None
        rate = None
    message = f'a discount rate is a percentage from 0 to 100 % such as "4%", or a fraction such as 0.04, not {shown!r}'
    if isinstance(value, Decimal) and 1 <= value <= 100:
        raise _usage(
            f'{message}: a bare number is a fraction below 1; for {plain(value)} % write "{plain(value)}%"',
            "--discount",
        )
    if rate is None or rate > 1:
        raise _usage(message, "--discount")
    return rate
