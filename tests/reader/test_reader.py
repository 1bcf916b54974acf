"""The strict YAML reader: values under our rules, and where things are."""

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from effektinvest.reader import ALIAS_NODE_ALLOWANCE, C_LOADER, MAX_DEPTH, locate, read


def codes(text: str | bytes):
    data = text.encode() if isinstance(text, str) else text
    return [(d.code, d.line, d.column) for d in read(data, "f.yaml").diagnostics]


def test_uses_the_c_parser():
    assert C_LOADER


def test_values_follow_yaml_12_core_and_stay_exact():
    data = read(b"a: 10.35\nb: yes\nc: true\nd: 010\ne: 1e3\nf: ~\ng: '10.35'\nh: 2024-01-01\ni: -3\n", "f").data
    assert data == {
        "a": Decimal("10.35"),
        "b": "yes",
        "c": True,
        "d": "010",
        "e": "1e3",
        "f": None,
        "g": "10.35",
        "h": "2024-01-01",
        "i": Decimal("-3"),
    }
    assert str(data["a"]) == "10.35"


def test_duplicate_keys_name_both_lines():
    [(code, line, column)] = codes("a: 1\nb: 2\na: 3\n")
    assert (code, line, column) == ("duplicate-key", 3, 1)
    message = read(b"a: 1\nb: 2\na: 3\n", "f").diagnostics[0].message
    assert "first on line 1, again on line 3" in message


def test_year_keys_are_compared_after_reading():
    assert codes('c:\n  2024: 1\n  "2024": 2\n') == [("duplicate-key", 3, 3)]


def test_keys_are_compared_in_nfc():
    composed, decomposed = "\u00e5", "a\u030a"
    assert codes(f"{composed}: 1\n{decomposed}: 2\n") == [("duplicate-key", 2, 1)]


def test_an_anchor_may_repeat_a_value():
    result = read(b"a: &c {2024: 1}\nb: *c\n", "f")
    assert result.diagnostics == []
    assert result.data == {"a": {"2024": Decimal(1)}, "b": {"2024": Decimal(1)}}


def test_a_value_that_contains_itself():
    # the diagnostic names the alias itself, where it stands
    assert codes("x: &p {self: *p}\n") == [("alias-cycle", 1, 14)]
    assert codes("x: &p [1, *p]\n") == [("alias-cycle", 1, 11)]
    assert codes("x: &p [1, {a: *p}]\ny: *p\n") == [("alias-cycle", 1, 15), ("alias-cycle", 1, 15)]


def test_alias_growth_is_bounded_and_fast():
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    result = read("\n".join(lines).encode(), "f")
    assert [d.code for d in result.diagnostics] == ["alias-expansion"]
    assert result.data is None
    assert ALIAS_NODE_ALLOWANCE >= 100_000


def test_depth_limit():
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert [c for c, _, _ in codes(f"a: {deep}\n")] == ["too-deep"]
    ok = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert codes(f"a: {ok}\n") == []


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: 1\n---\nb: 2\n", "multiple-documents", 2),
        ("", "empty-file", 1),
        ("# only a comment\n", "empty-file", 1),
        ("---\n", "empty-file", 1),
        ("- a\n- b\n", "top-level-not-mapping", 1),
        ("just text\n", "top-level-not-mapping", 1),
        ("a: 1\n<<: {b: 2}\n", "merge-key", 2),
        ("a: !!binary aGVsbG8=\n", "unsupported-tag", 1),
        ("a: !!python/object/apply:os.system [echo hi]\n", "unsupported-tag", 1),
        ("a: !!set {x, y}\n", "unsupported-tag", 1),
        ("a: 1\n  b: 2\n", "yaml-syntax", 2),
    ],
)
def test_reading_errors(text, code, line):
    assert [(c, ln) for c, ln, _ in codes(text)] == [(code, line)]


def test_a_syntax_mistake_of_no_known_kind_keeps_libyamls_words_and_place():
    [d] = read(b"a: [1, 2\nb: 2\n", "f").diagnostics
    assert (d.code, d.line, d.column) == ("yaml-syntax", 2, 2)
    assert d.message == "while parsing a flow sequence did not find expected ',' or ']'"


def test_not_utf8_names_the_line():
    assert codes("a: 1\nb: caf\xe9\n".encode("latin-1")) == [("not-utf8", 2, 7)]


def test_utf16_without_bom_is_refused_with_a_line():
    assert [c for c, _, _ in codes("a: 1\n".encode("utf-16-le"))] == ["not-utf8"]


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfa: 1\r\nb: 2\r\n",
        "a: 1\nb: 2\n".encode("utf-16"),
        b"a: 1\rb: 2\r",
    ],
)
def test_boms_and_line_ends_are_fine(data):
    result = read(data, "f")
    assert result.diagnostics == []
    assert result.data == {"a": Decimal(1), "b": Decimal(2)}


def test_locate_points_at_keys_and_values():
    result = read(b"projects:\n  havnen:\n    name: Havnen\n    costs: {2024: 1.5}\n", "f")
    assert locate(result.marks, ("projects", "havnen", "costs", "2024")) == (4, 19)
    assert locate(result.marks, ("projects", "havnen", "costs", "2024"), at_key=True) == (4, 13)
    assert locate(result.marks, ("projects", "havnen", "missing"), at_key=True) == (2, 3)
    assert locate(None, ("x",)) == (1, 1)


def test_explicit_standard_tags_must_match_their_value():
    assert codes("a: !!int 12\nb: !!float 1.5\nc: !!str 10\n") == []
    assert [(c, ln) for c, ln, _ in codes("a: !!null 100\nb: !!bool 200\nc: !!int 1.5\n")] == [
        ("unsupported-tag", 1),
        ("unsupported-tag", 2),
        ("unsupported-tag", 3),
    ]


# An alias reads its anchor's kept events again: the data must be what YAML says whatever the
# aliases, as PyYAML's own loader reads it.
_WORDS = st.sampled_from(["a", "b", "c", "ja", "nej", "x1"])


@st.composite
def _documents(draw):
    anchors: list[str] = []

    def node(depth: int) -> str:
        kind = draw(st.sampled_from(["word", "map", "seq", "alias"] if depth < 4 else ["word", "alias"]))
        if kind == "alias" and anchors:
            return "*" + draw(st.sampled_from(anchors))
        if kind == "map":
            keys = draw(st.lists(_WORDS, min_size=1, max_size=3, unique=True))
            text = "{" + ", ".join(f"{k}: {node(depth + 1)}" for k in keys) + "}"
        elif kind == "seq":
            text = "[" + ", ".join(node(depth + 1) for _ in range(draw(st.integers(1, 3)))) + "]"
        else:
            return draw(_WORDS)
        if draw(st.booleans()):
            name = f"n{len(anchors)}"
            anchors.append(name)
            return f"&{name} {text}"
        return text

    keys = draw(st.lists(_WORDS, min_size=1, max_size=4, unique=True))
    return "".join(f"{k}: {node(1)}\n" for k in keys)


@settings(max_examples=200, deadline=None)
@given(_documents())
def test_aliases_read_as_yaml_says_whatever_is_let_go(text):
    import yaml

    result = read(text.encode(), "f")
    assert result.diagnostics == []
    assert result.data == yaml.load(text, Loader=yaml.BaseLoader)


def test_a_key_repeated_through_an_alias_says_so():
    [d] = read(b"a: 1\n&k b: 2\n*k : 3\n", "f").diagnostics
    assert (d.code, d.line, d.column) == ("duplicate-key", 3, 1)
    assert "first on line 2, again on line 3 (through the alias *k)" in d.message


def test_a_value_repeated_by_an_alias_is_marked_where_the_alias_stands():
    result = read(b"a: &c {2024: 1}\nb:\n  x: *c\n", "f")
    assert locate(result.marks, ("b", "x")) == (3, 6)
    assert locate(result.marks, ("b", "x", "2024")) == (1, 14)  # inside it: where the anchored value stands


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("a: &x 1\nb: &x 2\n", 2, 4, "anchor &x is defined twice: first on line 1"),
        ("a: *x\nb: &x 1\n", 1, 4, "the alias *x names no anchor before it"),
    ],
)
def test_anchors_are_defined_once_and_before_their_aliases(text, line, column, words):
    [d] = read(text.encode(), "f").diagnostics
    assert (d.code, d.line, d.column) == ("yaml-syntax", line, column)
    assert words in d.message


def test_values_under_refused_keys_and_tags_are_read_but_not_reported():
    # the repeated key's value and the refused !!set's items would have their own problems
    assert codes("a: 1\na: {b: 1, b: 2}\nc: !!set {x: {y: 1, y: 2}}\n") == [
        ("duplicate-key", 2, 1),
        ("unsupported-tag", 3, 4),
    ]
    # an anchor under a refused key still counts
    assert codes("<<: &m {a: 1}\nb: *m\n") == [("merge-key", 1, 1)]


def test_a_root_that_is_one_long_value_is_not_empty():
    [d] = read(b"x" * (2 * 1024 * 1024), "f").diagnostics
    assert d.code == "top-level-not-mapping"


# Run in a process of its own with PyYAML's C parser blocked: each command of argv[1] (a JSON object of name:
# argv) through the CLI, printing {name: [exit code, standard output]} as JSON on the last line.
_WITHOUT_LIBYAML = """
import contextlib, io, json, sys
sys.modules["yaml._yaml"] = None
from effektinvest.cli import run
answers = {}
for name, argv in json.loads(sys.argv[1]).items():
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = run(argv)
    answers[name] = [code, out.getvalue()]
print(json.dumps(answers))
"""


@pytest.mark.measured_process
def test_without_libyaml_it_says_so_and_reads_the_same(monkeypatch):
    # PyYAML without its C parser: a warning on stderr, never a silent switch, and the same
    # diagnostics (code, line, column) for every corpus and fixture file, the same report for the seed.
    # One process without libyaml runs both commands; the same commands with libyaml run in this one.
    from conftest import ROOT, invoke
    from effektinvest.reader import c_loader_warning

    monkeypatch.chdir(ROOT)
    commands = {
        "check": ["check", "tests/corpus", "tests/fixtures", "--format", "json"],
        "seed": ["gap", "scenarios/2024.yaml", "--format", "json"],
    }
    pure = subprocess.run(
        [sys.executable, "-c", _WITHOUT_LIBYAML, json.dumps(commands)], capture_output=True, text=True, cwd=ROOT
    )
    assert pure.returncode == 0, pure.stderr[-3000:]
    answers = json.loads(pure.stdout.splitlines()[-1])
    c = {name: invoke(*argv) for name, argv in commands.items()}
    assert "no libyaml C parser here; using the pure-Python parser" in pure.stderr
    assert c_loader_warning() is None  # with libyaml, the warning is not printed ...
    assert "libyaml" not in c["check"].stderr + c["seed"].stderr  # ... nor anything else about it

    def found(stdout: str) -> set:
        return {(d["path"], d["line"], d["column"], d["code"]) for d in json.loads(stdout)}

    pure_check = answers["check"]
    assert pure_check[0] == c["check"].returncode == 1
    # the one difference: libyaml lets a tab separate a flow mapping's key and value
    assert found(pure_check[1]) - found(c["check"].stdout) == {("tests/corpus/tab_in_flow.yaml", 10, 18, "yaml-syntax")}
    assert found(c["check"].stdout) - found(pure_check[1]) == set()
    assert answers["seed"] == [0, c["seed"].stdout]


def test_aliases_to_their_own_value_count_towards_the_bound():
    # each of them is a value read, even when it is refused as a cycle: 4 million of them are not reported
    many = ", ".join(["*a"] * 2000)
    result = read(f"x: &a [{many}]\ny: [{many}]\n".encode(), "f")
    assert result.data is None
    assert result.diagnostics[-1].code == "alias-expansion"
    assert len(result.diagnostics) <= ALIAS_NODE_ALLOWANCE + 4 * 16_100


def test_an_anchor_inside_a_repeated_value_is_a_cycle_there_too():
    result = read(b"a: &x [&y [*y]]\nb: *x\n", "f")
    assert result.data == {"a": [[None]], "b": [[None]]}
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("alias-cycle", 1, 12)] * 2


def test_the_non_specific_tag_on_an_empty_value_is_text():
    assert read(b"a: !\nb: [!, 1]\n! : 2\n", "f").data == {"a": "", "b": ["", Decimal(1)], "": Decimal(2)}


def test_what_a_refused_value_holds_stays_unreported_when_reading_stops():
    deep = "[" * 70 + "]" * 70
    assert [c for c, _, _ in codes(f"a: !foo {{x: {{y: 1, y: 2}}, z: {deep}}}\n")] == ["unsupported-tag", "too-deep"]


def test_an_alias_under_a_refused_key_is_not_expanded():
    # 200 merge keys repeating 1,000 values each would pass the bound if they were read
    text = "big: &big [" + "1," * 1000 + "]\n" + "".join(f"s{i}: {{<<: *big}}\n" for i in range(200))
    assert {c for c, _, _ in codes(text)} == {"merge-key"}
    assert [c for c, _, _ in codes("<<: *nowhere\n")] == ["yaml-syntax"]  # but it must name an anchor


def test_an_anchor_on_the_empty_value_after_a_decimal_comma_is_defined():
    assert [c for c, _, _ in codes("a: {x: 10,35: &x }\nb: *x\n")] == ["decimal-comma"]


# The parts the walker calls, each on its own: the Record and the Anchors have narrow interfaces, read
# here without a walker.


def _events(text: str) -> list:
    import yaml

    return list(yaml.parse(text, Loader=yaml.CSafeLoader))


def test_the_record_takes_back_what_was_said_but_not_what_was_counted():
    from effektinvest.reader.record import Record

    record = Record("f", budget=10)
    event = _events("a: 1\n")[3]
    record.report(event, "too-deep", "before")
    kept = record.mark()
    record.tick(event, 3)
    record.poison(event, "merge-key", "dropped")
    record.thousand(event, "1.500")
    record.forget(kept)
    assert [d.message for d in record.diagnostics] == ["before"]
    assert (record.count, record.poisoned, record.thousands) == (3, [], [])
    record.report(event, "merge-key", "dropped")
    record.report(event, "alias-expansion", "the reason to stop")
    record.forget(kept, but_the_last=True)
    assert [d.message for d in record.diagnostics] == ["before", "the reason to stop"]


def test_the_record_says_again_at_another_path_what_was_said_below_one():
    from effektinvest.reader.record import Record

    record = Record("f", budget=10)
    event = _events("a: 1\n")[3]
    record.trail[:] = ["a", 0]
    kept = record.mark()
    record.trail.append("x")
    record.poison(event, "merge-key", "dropped")
    record.thousand(event, "1.500")
    record.trail.pop()
    said = record.since(kept)
    assert (said.values, said.poisoned, said.thousands) == (0, [("x",)], [(("x",), 1, 1, "1.500")])
    record.trail[:] = ["b"]
    record.repeat(said)
    assert record.poisoned == [("a", 0, "x"), ("b", "x")]
    assert [t[0] for t in record.thousands] == [("a", 0, "x"), ("b", "x")]
    assert len(record.diagnostics) == 2


def test_the_anchors_read_an_anchored_value_once_and_give_the_same_object_at_each_alias():
    from effektinvest.reader.anchors import Anchors
    from effektinvest.reader.record import Record
    from effektinvest.reader.signals import Refused

    events = _events("a: &x [1]\nb: *x\n")
    start, alias = (e for e in events if getattr(e, "anchor", None) == "x")
    record = Record("f", budget=100)
    anchors = Anchors(record, parse=None)  # the events `watch` would count: none here, `node` reads none
    read = []

    def node(event, depth):
        read.append(event)
        record.tick(event)
        record.report(event, "merge-key", "said inside")
        return ["value"], None

    value, _ = anchors.anchored(start, 2, node)
    again, _ = anchors.alias(alias, 2, node)
    assert again is value and read == [start]  # read once, shared
    assert [(d.line, d.column) for d in record.diagnostics] == [(1, 4)] * 2  # said again as it was said
    assert record.count == 3  # the value read, the alias, and the value it repeats
    with pytest.raises(Refused, match="defined twice: first on line 1"):
        anchors.define(start)
    with pytest.raises(Refused, match=r"\*x names no anchor"):
        Anchors(record, None).named(alias)
