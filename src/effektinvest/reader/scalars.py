"""Keys and single values: a key as text, a plain scalar under the format's YAML rules, a quoted or
tagged scalar, and what a tag that is not the format's is told. Functions of one scalar event and the walk's
`Record`, to which they report what is wrong with it."""

from __future__ import annotations

from decimal import Decimal
from unicodedata import normalize as _normalize

from effektinvest.model.lexical import Written, looks_like_thousands, nfc, resolve_plain
from effektinvest.model.misread import explain_text_as_number
from effektinvest.model.problem import describe
from effektinvest.reader.limits import MAX_KEY_CHARS, MAX_SCALAR_CHARS
from effektinvest.reader.record import Record

T = "tag:yaml.org,2002:"
SCALAR_TAGS = frozenset({T + "str", T + "int", T + "float", T + "bool", T + "null"})


def is_plain(event) -> bool:
    """Whether a scalar event is plain: untagged and unquoted, so that its type is read from its text.

    The non-specific tag `!` makes a value text, as quotes do (YAML 1.2; libyaml and PyYAML call `! 10.35`
    plain-implicit, and PyYAML's resolver would make it a number): `! "10.35"` is text, never a number."""
    return event.implicit[0] and event.tag is None


def key_text(text, event, record: Record) -> str | None:
    """TEXT, a scalar event (the key EVENT, or the value its alias names), as a mapping key: text in NFC, or
    None after reporting at EVENT why it cannot be one."""
    key = text.value
    if is_plain(text):
        if key == "<<":
            record.poison(
                event,
                "merge-key",
                "merge keys ('<<') are not supported (PyYAML releases disagree on them): write the keys out",
            )
            return None
    elif text.tag is not None and text.tag != "!" and text.tag not in SCALAR_TAGS:
        record.poison(event, "unsupported-tag", tag_message(text.tag))
        return None
    if not key.isascii():
        key = _normalize("NFC", key)
    if len(key) > MAX_KEY_CHARS:
        record.poison(event, "too-long", f"a key is at most {MAX_KEY_CHARS} characters; this one has {len(key):,}")
        return None
    return key


def plain_value(event, record: Record):
    """A plain scalar's value: YAML 1.2 core, numbers as exact decimals (see lexical.resolve_plain)."""
    text = event.value
    if len(text) > MAX_SCALAR_CHARS:
        record.poison(
            event, "too-long", f"a value is at most {MAX_SCALAR_CHARS:,} characters; this one has {len(text):,}"
        )
        return None
    value = resolve_plain(text)
    if value.__class__ is Decimal and "." in text and looks_like_thousands(text):
        record.thousand(event, text)
    return value


def scalar_value(event, record: Record):
    """A single value's value: plain, quoted, a block, or with a tag."""
    if is_plain(event):
        return plain_value(event, record)
    text = event.value
    if len(text) > MAX_SCALAR_CHARS:
        record.poison(
            event, "too-long", f"a value is at most {MAX_SCALAR_CHARS:,} characters; this one has {len(text):,}"
        )
        return None
    tag = event.tag
    if tag is None or tag == "!" or tag == T + "str":  # quoted, a block, or the non-specific tag: text
        if event.style in ("|", ">"):
            return Written(nfc(text), "block")  # a number there is told what a block is
        return Written(nfc(text), "tag") if tag == "!" else nfc(text)
    if tag in SCALAR_TAGS:
        value = resolve_plain(text)
        if not _matches(tag, value):
            record.poison(event, *_mismatch(tag[len(T) :], text, value))
            return None
        return value
    record.poison(event, "unsupported-tag", tag_message(tag))
    return None


def _matches(tag: str, value: object) -> bool:
    """Whether a value read by the plain rules is of the standard type its explicit tag names."""
    kind = tag[len(T) :]
    if kind == "null":
        return value is None
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, Decimal) and value.as_tuple().exponent == 0
    return isinstance(value, Decimal)  # float


def _mismatch(kind: str, text: str, value: object) -> tuple[str, str]:
    """The code and message for a value that its standard tag (!!int, !!float, !!bool, !!null) does not fit:
    what is wrong with the value as written, never a bare "does not match"."""
    if kind in ("int", "float") and isinstance(value, str):
        problem = explain_text_as_number(text, f"a !!{kind} value")  # 1e3: "has an exponent ... write 1000"
        return problem.code, f"{problem.message} (a tag such as !!{kind} does not change how a number is written)"
    if kind == "int" and isinstance(value, Decimal):
        return "unsupported-tag", f"!!int {value} is not a whole number; leave out the tag"
    if kind in ("int", "float"):
        return "unsupported-tag", f"!!{kind} {describe(text)} is not a number; leave out the tag"
    if kind == "bool":
        return "unsupported-tag", f"!!bool {describe(text)} is not true or false; leave out the tag"
    return "unsupported-tag", f"!!null {describe(text)} is not empty (~ or null); leave out the tag"


def tag_message(tag: str) -> str:
    shown = "!!" + tag[len(T) :] if tag.startswith(T) else tag
    if shown.startswith("!!python/"):
        return f"tag {shown} is refused: a scenario is data, and nothing in it is run"
    return f"tag {shown} is not supported; use plain values, mappings and lists"
