"""The JSON Schema and the loader agree: no file that an editor with the schema accepts and `check` refuses,
or the other way round, but for the checks only the loader can make (LOADER_ONLY, each with its reason).

Every scenario file the tests hold (tests/**/*.yaml: the corpus, the fixtures, the inputs of the report tests),
the shipped scenarios (the golden notes' inputs among them), the starter `init` writes, and the shipped
scenarios saved with each byte-order mark and line end, are read twice:

- as an editor reads it (`editor_data`): YAML 1.2 core, as yaml-language-server does by default (only `true`
  and `false` are booleans; `010` is ten and `0x1F` thirty-one; `1_000`, `1:20` and dates are text), into
  JSON data: numbers as floats and integers, every key as the text JSON gives it (`2024:` is "2024"). PyYAML's
  own safe_load reads YAML 1.1 instead (`name: yes` a boolean, `010` eight, `<<` merged), which neither the
  editor nor `check` does, so the test composes with PyYAML's parser and resolves the scalars itself. Then
  validated with `jsonschema` against the committed schema;
- by `effektinvest check --format json`, in this process.

What an editor cannot turn into JSON data is its own error, shown before any schema is asked (EDITOR_REFUSES):
YAML that does not parse, more than one document, a tag outside the core schema (`!!binary`, `!!set`,
`!!python/...`, custom tags), a key given twice (the same JSON text: `2024:` and `"2024":` too), a key that is
a list or mapping, a value that contains itself, aliases that repeat past a million values. `check` must refuse
each of those files too, with the code the row names.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT, invoke
from effektinvest.model.diagnostics import CODES

SCHEMA = json.loads((ROOT / "schema" / "scenario.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)

# --- what only the loader can check ---------------------------------------------------------------------------------

# Error codes for which `check` refuses a file that the schema accepts. Only these: a file the schema accepts
# and `check` refuses for any other code fails the test, as does every file the schema refuses and `check` takes.
LOADER_ONLY = {
    # How a number is written: JSON Schema sees the number an editor read, never its text.
    "exponent": "1e3 is the number 1000 to an editor; the loader wants it written out",
    "not-plain-decimal": "010, 0x1F and .5 are numbers to an editor (YAML 1.2); the loader wants plain decimals",
    "too-many-digits": "a number's digits are its text; JSON Schema has no keyword for them",
    "ambiguous-thousands": "1.500 is one and a half to an editor; the loader refuses it as ambiguous",
    "not-finite": "an editor reads .nan and .inf as numbers; no draft-07 keyword refuses them",
    "invalid-index": "an index number's digits are its text (at most 30, zeros after the point too)",
    "invalid-count": "40.0 is the integer 40 to JSON Schema; the loader wants a count written whole",
    "too-precise": "finer than one øre depends on `unit:` (0.01 in kr., 0.00001 in t.kr.): a relation of two keys",
    # What the reader bounds: JSON Schema describes values, not what reading them costs.
    "too-deep": "nesting deeper than 64 levels: a bound of the reader",
    "too-long": "a key or value past the reader's length limit",
    "file-too-large": "a file over 64 MiB, refused before parsing",
    "alias-expansion": "aliases that repeat values past the reader's bound (an editor stops at its own)",
    # Keys the editor reads as distinct, the loader as the same or as forbidden.
    "duplicate-key": "keys equal after Unicode NFC are two keys to an editor, one to the loader",
    "duplicate-project": "project ids equal after Unicode NFC are two texts to an editor's uniqueItems",
    "merge-key": "`<<` is an ordinary key in YAML 1.2; the loader refuses it, as PyYAML releases disagree on it",
    # Cross-value checks: a value against another part of the file.
    "unknown-source": "a line's source (or a savings key) must be an id under `sources`",
    "unknown-project": "a line's projects must be ids under `projects`",
    "unharvestable-source": "a line may not be paid by a source whose kind is state or region",
    "shares-over-100": "the shares of all lines covering a project add up to more than 100 %",
    "amount-without-cost": "a line's years against the cost years of the projects it covers",
    "decide-at-too-early": "decide_at against budget_year",
    "year-before-budget": "a cost or actual figure's year against budget_year",
    "actuals-without-close": "an actual figure anywhere in the file against a missing top-level actuals_through",
    "actuals-through-too-early": "actuals_through against budget_year",
    "actual-in-open-year": "an actual figure's year against actuals_through",
}

# What an editor refuses before the schema is asked, and the code `check` gives the same file.
EDITOR_REFUSES = {
    "not YAML": {"yaml-syntax", "not-utf8", "multiple-documents", "too-deep", "too-long"},
    "a tag outside YAML 1.2 core": {"unsupported-tag"},
    "a key twice": {"duplicate-key"},
    "a key that is a list or mapping": {"key-not-text"},
    "a value that contains itself": {"alias-cycle"},
    "aliases past a million values": {"alias-expansion"},
}

# Codes the schema sees: where `check` gives one of these, the schema refuses the file too (or the editor does).
SCHEMA_SEES = {
    "empty-file": "an empty document is null, not an object",
    "top-level-not-mapping": "type: object",
    "unknown-key": "additionalProperties: false",
    "missing-key": "required, and for a continued project (status absent or continue) costs with a year",
    "wrong-type": "type",
    "invalid-value": "enum (status, kind) and the range of decimals",
    "invalid-year": "integer from 1900 to 2200, or its text",
    "unknown-unit": "a pattern of the accepted spellings, in any case, with any spaces and dots",
    "not-a-number": "type: number (quoted numbers, words, dates and block scalars are text)",
    "missing-amount": "no null, and minProperties: 1",
    "negative-amount": "minimum: 0",
    "decimal-comma": "10,35 is text where a number is wanted",
    "thousands-separator": "2.000.000 is text",
    "digit-separator": "1_000 is text in YAML 1.2",
    "unit-in-amount": "2,5 mio. kr. is text",
    "share-range": "the pattern of a percentage from 0 to 100 %",
    "share-percent": "a bare share is a number from 0 to 1",
    "not-a-share": "a percentage pattern or a number",
    "realisation-range": "from 0 to 200 %, or a number from 0 to 2",
    "amount-or-share": "oneOf amount, share, tariff; dependencies of outcomes, cap and achieved",
    "achieved-not-outcome": "dependencies: achieved needs tariff",
    "decide-at-missing": "if status is defer then decide_at is required",
}
NOT_FILE_CONTENT = {
    "unreadable-file": "the file cannot be read at all",
    "prices-unavailable": "only with --prices, never by check",
}


def test_every_error_code_is_placed():
    """A new error code is either seen by the schema or listed as the loader's alone, with its reason."""
    errors = {code for code, entry in CODES.items() if entry.severity.value == "error"}
    placed = [*LOADER_ONLY, *SCHEMA_SEES, *NOT_FILE_CONTENT]
    assert len(placed) == len(set(placed)), "a code is placed twice"
    assert errors == set(placed) | {c for codes in EDITOR_REFUSES.values() for c in codes}


# --- the editor's reading -------------------------------------------------------------------------------------------

CORE = "tag:yaml.org,2002:"
# The YAML 1.2 core schema's plain scalars (yaml.org/spec/1.2.2, 10.3.2): no yes/no, dates, merge keys, base 60 or
# underscores; the explicit core tags (`!!int 010`, `!!float 1e3`) read their text the same way.
PLAIN = {
    "null": r"~|null|Null|NULL|",
    "bool": r"true|True|TRUE|false|False|FALSE",
    "int": r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+",
    "float": r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)",
}
MAX_VALUES = 1_000_000  # values an alias may make the document hold, as an editor's own bound


class Refused(Exception):
    """What an editor shows before the schema: a key of EDITOR_REFUSES."""


def _number(kind: str, text: str):
    if kind == "int" and len(text) < 4000:  # a longer one is a float, as a JavaScript editor reads it
        base = 8 if text.startswith("0o") else 16 if text.startswith("0x") else 10
        return int(text[2:] if base != 10 else text, base)
    special = text.lstrip("+-").lower()
    value = float(special[1:]) if special in (".inf", ".nan") else float(text)
    return -value if text.startswith("-") and special == ".inf" else value


def _scalar(event: yaml.ScalarEvent):
    """A scalar as YAML 1.2 core reads it: plain text by its form, quoted or block text or `!` as text."""
    text, tag = event.value, event.tag
    if tag is None and not event.implicit[0] or tag in ("!", CORE + "str"):
        return text
    kinds = [tag.removeprefix(CORE)] if tag is not None else list(PLAIN)
    for kind in kinds:
        if kind in PLAIN and re.fullmatch(PLAIN[kind], text):
            if kind == "null":
                return None
            return text.lower() == "true" if kind == "bool" else _number(kind, text)
    if tag is None:
        return text
    raise Refused("a tag outside YAML 1.2 core")


def _key(value) -> str:
    if isinstance(value, (dict, list)):
        raise Refused("a key that is a list or mapping")
    return value if isinstance(value, str) else json.dumps(value)


_OPEN = object()  # an anchored collection still being read: an alias to it makes it contain itself


def _compose(events, anchors: dict) -> tuple[object, int]:
    """The next value of EVENTS as JSON data, and how many values it holds (an alias's values count again)."""
    event = next(events)
    if isinstance(event, yaml.AliasEvent):
        value, size = anchors.get(event.anchor, (None, 1))
        if value is _OPEN:
            raise Refused("a value that contains itself")
        return value, size
    if isinstance(event, yaml.ScalarEvent):
        value, size = _scalar(event), 1
    else:
        if event.tag not in (None, "!", CORE + "seq", CORE + "map"):
            raise Refused("a tag outside YAML 1.2 core")
        anchors[event.anchor] = (_OPEN, 0)
        items, size, end = [], 1, (yaml.SequenceEndEvent, yaml.MappingEndEvent)
        while not isinstance(peeked := events.peek(), end):
            item, count = _compose(events, anchors)
            items.append(item)
            size += count
            if size > MAX_VALUES:
                raise Refused("aliases past a million values")
        next(events)
        if isinstance(peeked, yaml.SequenceEndEvent):
            value = items
        else:
            value = {}
            for key, item in zip(items[::2], items[1::2], strict=True):
                if _key(key) in value:
                    raise Refused("a key twice")
                value[_key(key)] = item
    if event.anchor is not None:
        anchors[event.anchor] = (value, size)
    return value, size


class _Events:
    """libyaml's events of RAW (as the loader reads: a tab inside {2024:<TAB>100} is fine), one document's."""

    def __init__(self, raw: bytes):
        self._events = yaml.parse(raw, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
        self._next = None

    def peek(self):
        if self._next is None:
            self._next = next(self._events)
        return self._next

    def __next__(self):
        event = self.peek()
        self._next = None
        return event


def editor_data(raw: bytes):
    """RAW as JSON data, as an editor's YAML server reads it; Refused if it cannot."""
    events = _Events(raw)
    try:
        next(events)  # the stream's start
        if isinstance(events.peek(), yaml.StreamEndEvent):
            return None  # an empty file: a null document
        next(events)  # the document's start
        value, _ = _compose(events, {})
        next(events)  # the document's end
        if not isinstance(next(events), yaml.StreamEndEvent):
            raise Refused("not YAML")  # more than one document
    except (yaml.YAMLError, RecursionError):
        raise Refused("not YAML") from None
    return value


# --- the files ------------------------------------------------------------------------------------------------------

FILES = sorted(
    [*(ROOT / "tests").rglob("*.yaml"), *(ROOT / "tests").rglob("*.yml"), *(ROOT / "scenarios").glob("*.yaml")]
)
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
SAVED_AS = {
    "utf8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf16le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf16be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode(),
    "cr": lambda text: text.replace("\n", "\r").encode(),
}


def check_errors(path: Path) -> set[str]:
    """The codes of the errors `effektinvest check` finds in PATH (warnings do not refuse a file)."""
    result = invoke("check", "--format", "json", path)
    assert result.code in (0, 1), result.stderr[-2000:]
    errors = {d["code"] for d in json.loads(result.stdout) if d["severity"] == "error"}
    assert (result.code == 1) == bool(errors), result.stdout[-2000:]
    return errors


def assert_agree(path: Path) -> None:
    errors = check_errors(path)
    try:
        data = editor_data(path.read_bytes())
    except Refused as refused:
        expected = EDITOR_REFUSES[str(refused)]
        assert errors & expected, f"the editor refuses the file ({refused}); check gives {sorted(errors)}"
        return
    schema_errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    if not errors:
        assert schema_errors == [], f"check accepts the file, the schema does not: {schema_errors}"
    elif not schema_errors:
        assert errors <= set(LOADER_ONLY), f"the schema accepts the file, check refuses it: {sorted(errors)}"


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_the_schema_and_check_agree_on_every_file(path):
    assert_agree(path)


@pytest.mark.parametrize("saved", SAVED_AS)
@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_the_schema_and_check_agree_on_shipped_scenarios_saved_otherwise(path, saved, tmp_path):
    copy = tmp_path / path.name
    copy.write_bytes(SAVED_AS[saved](path.read_text(encoding="utf-8")))
    assert_agree(copy)
    assert check_errors(copy) == set()


def test_the_schema_and_check_agree_on_the_starter(tmp_path):
    path = tmp_path / "2025.yaml"
    assert invoke("init", path).code == 0
    assert_agree(path)
    assert check_errors(path) == set()


def test_the_files_include_the_corpus_fixtures_and_shipped_scenarios():
    names = {str(p.relative_to(ROOT)) for p in FILES}
    assert {"tests/corpus/numbers_as_text.yaml", "tests/fixtures/base.yaml", "scenarios/2024.yaml"} <= names
    assert len(names) > 150
