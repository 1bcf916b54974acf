"""checks/savings.py: the savings of a project name defined sources, and count nowhere when the project is
deferred or stopped; the checks go on past what did not validate."""

from conftest import DECENTRAL_HEAD, invoke, write_scenario

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
