"""The JSON Schema and the loader agree: no file that an editor with the schema accepts and `check` refuses,
or the other way round, but for the checks only the loader can make (LOADER_ONLY, each with its reason).

Every scenario file the tests hold (tests/**/*.yaml: the corpus, the fixtures, the inputs of the report tests),
the shipped scenarios (the golden notes' inputs among them), the starter `init` writes, the shipped scenarios
saved with each byte-order mark and line end, and, drawn by hypothesis, a file with every key whose values are
written each way issue 20's probe and bad-inputs.md write one, and the valid scenarios the property tests draw,
are read twice:

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

The inputs test_corpus.py generates at test time are not run here (no test module imports another): their
encodings and line ends are the shipped scenarios saved otherwise, above; their control characters are YAML
that does not parse; the rest are the reader's bounds (an alias bomb, 30,000 brackets, a 10 MB line, a file
over 64 MiB), which only `check` knows (LOADER_ONLY), and which would need test_corpus.py's guarded process.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, invoke
from drawn import drawn_scenarios, text
from effektinvest.model.codes import CODES

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
    "missing-tariff": "an outcome count's year against the years of the line's rate card (tariff by year)",
    "repay-not-investor": "a repayment against the kind of its line's source (fund or external)",
    "repay-shares": "the shares of a repayment's payers add up to 100 %: a sum of values",
    "repay-payer": "a repayment's payer against its kind and its line's source",
}

# Codes the schema sees in a value but not in how it is written: where `check` gives one of these at a number that is
# not written as the loader wants it (the regular expression), the schema may take the number.
WRITTEN = {
    "invalid-year": (r"[1-9][0-9]*", "2024.0, 02024 and +2024 are the integer 2024 to an editor"),
    "invalid-value": (r"0|[1-9][0-9]*", "decimals: 2.0, 02 and 0o2 are the integer 2 to an editor"),
    "invalid-count": (r"0|[1-9][0-9]*", "an outcome count 40.0 is the integer 40 to JSON Schema"),
    "not-a-share": (r"-?(0|[1-9][0-9]*)(\.[0-9]+)?", ".5 and 1. are numbers to an editor, 0.5 and 1 to the loader"),
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
    "invalid-count": "an integer of 0 or more",
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
    "repay-kind": "oneOf tariff, amount in a repay; dependencies of outcomes, cap and achieved",
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
    assert set(WRITTEN) <= set(SCHEMA_SEES)


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


def check_errors(path: Path) -> list[tuple[str, int, int]]:
    """(code, line, column) of each error `effektinvest check` finds in PATH (warnings do not refuse a file)."""
    result = invoke("check", "--format", "json", path)
    assert result.code in (0, 1), result.stderr[-2000:]
    errors = [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout) if d["severity"] == "error"]
    assert (result.code == 1) == bool(errors), result.stdout[-2000:]
    return errors


def _written_otherwise(raw: bytes, code: str, line: int, column: int) -> bool:
    """Whether the error CODE at LINE:COLUMN stands at a number that YAML 1.2 reads and the loader wants written
    otherwise (WRITTEN)."""
    if code not in WRITTEN:
        return False
    text = raw.decode("utf-8").splitlines()[line - 1][column - 1 :]
    scalar = re.match(r"[^\s,\]}#]*", text).group()
    number = re.fullmatch(PLAIN["int"], scalar) or re.fullmatch(PLAIN["float"], scalar)
    return bool(number) and not re.fullmatch(WRITTEN[code][0], scalar)


def assert_agree(path: Path, refused_alike: bool = True) -> None:
    """The schema and `check` agree on PATH. A file the editor refuses `check` refuses too: REFUSED_ALIKE, with
    the code EDITOR_REFUSES names (a generated file may have a problem `check` names first: `02024` as a key
    beside `2024` is an invalid year to `check`, the same key twice to an editor)."""
    errors = check_errors(path)
    codes = {code for code, _, _ in errors}
    raw = path.read_bytes()
    try:
        data = editor_data(raw)
    except Refused as refused:
        expected = EDITOR_REFUSES[str(refused)] if refused_alike else set(CODES)
        assert codes & expected, f"the editor refuses the file ({refused}); check gives {sorted(codes)}"
        return
    schema_errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    if not errors:
        assert schema_errors == [], f"check accepts the file, the schema does not: {schema_errors}"
    elif not schema_errors:
        seen = [e for e in errors if e[0] not in LOADER_ONLY and not _written_otherwise(raw, *e)]
        assert seen == [], f"the schema accepts the file, check refuses it: {seen}"


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_the_schema_and_check_agree_on_every_file(path):
    assert_agree(path)


@pytest.mark.parametrize("saved", SAVED_AS)
@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_the_schema_and_check_agree_on_shipped_scenarios_saved_otherwise(path, saved, tmp_path):
    copy = tmp_path / path.name
    copy.write_bytes(SAVED_AS[saved](path.read_text(encoding="utf-8")))
    assert_agree(copy)
    assert check_errors(copy) == []


def test_the_schema_and_check_agree_on_the_starter(tmp_path):
    path = tmp_path / "2025.yaml"
    assert invoke("init", path).code == 0
    assert_agree(path)
    assert check_errors(path) == []


def test_the_files_include_the_corpus_fixtures_and_shipped_scenarios():
    names = {str(p.relative_to(ROOT)) for p in FILES}
    assert {"tests/corpus/numbers_as_text.yaml", "tests/fixtures/base.yaml", "scenarios/2024.yaml"} <= names
    assert len(names) > 150


# --- generated files: every key, written every way -------------------------------------------------------------------

# A valid scenario with every key of formats 1 to 1.3 (check: no finding).
EVERY_KEY = """\
scenario: T
budget_year: 2024
unit: kr.
price_level: 2024
decimals: 2
price_index: {2024: 100, 2025: 102}
realisation: 0.8
actuals_through: 2024
sources:
  s: {name: S, kind: decentral, note: n}
  f: {name: F, kind: fund}
  st: {name: St, kind: state}
projects:
  p:
    name: P
    status: continue
    funding_ends: 2025
    costs: {2024: 100, 2025: 200}
    actual_costs: {2024: 90}
    savings: {st: {2024: 5, 2025: -3}}
    realised_savings: {st: {2024: 4}}
    note: n
    financing:
      - {source: s, amount: 10, note: n, paid: {2024: 5}}
      - {source: s, share: "10%"}
      - {source: f, tariff: 2, outcomes: {2024: 3, 2025: 4}, cap: 100, achieved: {2024: 2}}
  q:
    name: Q
    status: defer
    decide_at: 2026
financing:
  - {source: s, amount: {2024: 1, 2025: 2}, projects: [p]}
"""
# Where a value stands in EVERY_KEY: (line, start, end) of each value after `key: `, `[` or `, ` (44 places).
PLACES = [
    (number, found.start(), found.end())
    for number, line in enumerate(EVERY_KEY.splitlines())
    for found in re.finditer(r"(?<=[:\[{,] )[^\s,{}\[\]][^,{}\[\]]*?(?=[,}\]]|$)", line)
]
# A value written each way the probe of issue 20 and bad-inputs.md write one.
WRITINGS = [
    *("yes", "true", "null", "~", "''", "0", "1", "-1", "2", "0.5", "1.0", "40.0", "3.5", "-0", "+0", "-0.0"),
    *("2024", "2024.0", "02024", "+2024", "'2024'", "'2024 '", "1899", "2199", "2200", "2201", "2025-01-01", "1:20"),
    *("1e3", "010", "0x1F", "0o7", ".5", "1.", ".nan", ".inf", "-.inf", "1_000", "1.500", "10,35", "'10.35'"),
    *("0.001", "12345678901234567890123456789012", "! 5", "!!str 5", "!!int 5", "!!float 5", "abc", "' '"),
    *("100%", "'100%'", "'50 %'", "'-0%'", "'+50%'", "'150%'", "'200%'", "'201%'", "[]", "{}", "[p]", "{a: 1}"),
    *("kr", "'mio. kr.'", "defer", "stop", "fund", "state"),
]
WRITTEN_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def test_every_key_is_a_valid_scenario_with_its_places(tmp_path):
    path = tmp_path / "every.yaml"
    path.write_text(EVERY_KEY, encoding="utf-8")
    assert check_errors(path) == [] and VALIDATOR.is_valid(editor_data(path.read_bytes()))
    assert len(PLACES) == 44


@WRITTEN_SETTINGS
@given(st.dictionaries(st.sampled_from(PLACES), st.sampled_from(WRITINGS), min_size=1, max_size=2))
def test_the_schema_and_check_agree_on_any_value_written_any_way(tmp_path, changes):
    """One or two values of EVERY_KEY written otherwise."""
    lines = EVERY_KEY.splitlines()
    for (number, start, end), written in sorted(changes.items(), key=lambda change: -change[0][1]):
        lines[number] = lines[number][:start] + written + lines[number][end:]
    path = tmp_path / "written.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_agree(path, refused_alike=False)


@WRITTEN_SETTINGS
@given(drawn_scenarios())
def test_the_schema_takes_every_drawn_scenario(tmp_path, drawn):
    """The scenarios the property tests draw (conftest.py: every kind of line, shares written three ways)."""
    path = tmp_path / "drawn.yaml"
    path.write_text(text(drawn), encoding="utf-8")
    assert check_errors(path) == []
    assert_agree(path)
