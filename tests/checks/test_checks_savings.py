"""checks/savings.py: the savings of a project name defined sources, and count nowhere when the project is
deferred or stopped; the checks go on past what did not validate."""

from conftest import DECENTRAL_HEAD, KINDS_HEAD, diagnostics_of, invoke, messages_of, write_scenario

# --- what mutation testing found untested (docs/testing.md) -----------------------------------------------------------


def test_savings_naming_a_source_are_not_checked_when_sources_did_not_validate(tmp_path):
    # `sources: 5` is the one mistake: with no sources known, `nope` is not reported as an unknown source.
    path = write_scenario(
        tmp_path,
        "scenario: S\nbudget_year: 2024\nunit: kr.\nsources: 5\nprojects:\n  p:\n    name: P\n"
        "    costs: {2024: 100}\n    savings:\n      nope: {2025: 1}\n",
    )
    result = invoke("check", path)
    out = result.stdout + result.stderr
    assert result.code == 1
    assert "error[wrong-type]: 'sources' must be a mapping of keys, not 5" in out
    assert "unknown-source" not in out
    assert "1 error, 0 warnings" in out


def test_a_project_without_savings_does_not_end_the_savings_checks(tmp_path):
    # The first project has no savings; the second's unknown source and the third's inactive savings are found.
    path = write_scenario(
        tmp_path,
        DECENTRAL_HEAD + "projects:\n  a:\n    name: A\n    costs: {2024: 100}\n"
        "  b:\n    name: B\n    costs: {2024: 100}\n"
        "    savings:\n      deq: {2025: 1}\n  c:\n    name: C\n    status: stop\n    costs: {2024: 100}\n"
        "    savings:\n      dec: {2025: 1}\n",
    )
    result = invoke("check", path)
    out = result.stdout + result.stderr
    assert "error[unknown-source]: the savings of project 'b' name source 'deq', which is not defined under " \
        "'sources'" in out  # fmt: skip
    assert "warning[inactive-line]: project 'c' has status stop: its savings count nowhere" in out


# --- what a project's savings name ------------------------------------------------------------------------------------


def test_a_savings_key_naming_an_undefined_source_suggests_the_nearest_id():
    text = KINDS_HEAD.replace("savings: {stat: {2025: 1}", "savings: {stta: {2025: 1}")
    text = text.replace("  stat: {name: Staten, kind: state}\n", "  stat: {name: Staten, kind: state}\n  # x\n")
    assert diagnostics_of(text, unused=True)[-2:] == [
        ("warning", "unused-source", 7, 3),
        ("error", "unknown-source", 14, 15),
    ]
    assert messages_of(text)[0] == (
        "the savings of project 'a' name source 'stta', which is not defined under 'sources'; did you mean 'stat'?"
    )
    result = invoke("check", "-", input=text)
    assert result.returncode == 1
    assert "<stdin>:14:15: error[unknown-source]" in result.stderr


def test_a_deferred_or_stopped_project_with_savings_is_an_inactive_line_at_its_savings_key():
    text = KINDS_HEAD + "  b:\n    name: B\n    status: stop\n    savings: {dec: {2024: 5}, nope: {2024: 1}}\n"
    assert diagnostics_of(text) == [("warning", "inactive-line", 17, 5), ("error", "unknown-source", 17, 31)]
    assert messages_of(text)[0] == (
        "project 'b' has status stop: its savings count nowhere (remove them, or continue the project)"
    )
    good = text.replace(", nope: {2024: 1}", "")
    result = invoke("check", "-", "--strict", input=good)
    assert result.returncode == 1
    assert "<stdin>:17:5: warning[inactive-line]" in result.stderr
    assert invoke("check", "-", input=good).returncode == 0


def test_a_source_only_named_by_savings_is_used_and_one_named_by_nothing_is_not():
    text = KINDS_HEAD + "    financing:\n      - {source: dec, share: 0.1}\n"
    assert diagnostics_of(text, unused=True) == [("warning", "unused-source", 5, 3)]  # fond; stat and reg: savings
    deferred = text.replace("  stat: {name", "  x: {name: X, kind: state}\n  stat: {name") + (
        "  b: {name: B, status: defer, decide_at: 2025, savings: {fond: {2025: 1}}}\n"
    )
    assert [(code, line) for _, code, line, _ in diagnostics_of(deferred, unused=True)] == [
        ("unused-source", 7),  # x, of kind state, neither pays nor receives savings
        ("inactive-line", 17),
    ]
