"""The docs show what the program does: every YAML example in them is a valid scenario."""

import re

import pytest

from conftest import ROOT
from effektinvest.edges.load import load_bytes
from effektinvest.model.codes import CODES

DOCS = [ROOT / "README.md", *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "diagnostics.md")]
BLOCKS = [
    (doc.name, i, block)
    for doc in DOCS
    for i, block in enumerate(re.findall(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S))
    if re.search(r"^scenario:", block, re.M)  # a scenario, not a workflow or pre-commit config
]


@pytest.mark.parametrize(("doc", "index", "block"), BLOCKS, ids=[f"{d}-{i}" for d, i, _ in BLOCKS])
def test_yaml_examples_are_valid_scenarios(doc, index, block):
    loaded = load_bytes(block.encode(), f"{doc}#{index}")
    assert loaded.errors == []


def test_readme_has_an_example():
    assert any(doc == "README.md" for doc, _, _ in BLOCKS)


def test_readme_shows_the_main_command():
    assert "effektinvest gap scenarios/2024.yaml" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_code_has_a_severity_a_title_and_a_fix():
    for code, (severity, title, fix) in CODES.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code)
        assert severity.value in ("error", "warning") and title and fix.endswith(".")


def test_no_link_leaves_the_repository():
    """The docs stand alone: every Markdown link is to a file of the repository, and nothing refers to
    the ../shared folder of a development checkout, which a clone does not have."""
    for doc in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)\s]+)\)", doc.read_text(encoding="utf-8")):
            path = target.split("#")[0]
            assert "://" not in target and (not path or (doc.parent / path).exists()), f"{doc.name}: {target}"
    texts = [ROOT / "README.md", ROOT / "pyproject.toml", *ROOT.glob("docs/*.md"), *ROOT.glob("scenarios/*")]
    texts += [*ROOT.glob("src/**/*.py"), *ROOT.glob("tests/**/*.py"), *ROOT.glob("tools/*.py")]
    assert [p.name for p in texts if "../shared" in p.read_text(encoding="utf-8")] == ["test_docs.py"]


def _sections(text: str, level: str = "## ") -> dict[str, str]:
    parts = re.split(rf"^{level}", text, flags=re.M)[1:]
    return {part.split("\n", 1)[0]: part for part in parts}


def test_cli_doc_names_every_command_and_option():
    import typer.main

    from effektinvest.cli import app

    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    sections = _sections(doc)
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        section = sections.get(f"`effektinvest {name}`")
        assert section is not None, f"docs/cli.md has no section for {name}"
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("-") and opt != "--help":
                    assert f"`{opt}`" in section, f"{name} {opt} is not in docs/cli.md"
    for param in group.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert opt in doc, f"{opt} is not in docs/cli.md"


DIAGNOSTICS = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
SECTIONS = {re.match(r"`([a-z0-9-]+)`", head).group(1): body for head, body in _sections(DIAGNOSTICS).items()}


def test_diagnostics_doc_lists_exactly_the_codes():
    assert list(SECTIONS) == list(CODES)


@pytest.mark.parametrize("code", list(SECTIONS))
def test_every_documented_code_has_a_test_case(code):
    body = SECTIONS[code]
    example = re.search(r"```yaml\n(.*?)```", body, re.S)
    if example:  # the page's own example is a case: it prints exactly what the page shows, its one line
        printed = re.search(r"```text\n(.*?)\n```", body, re.S).group(1)
        loaded = load_bytes(example.group(1).encode(), "example.yaml")
        from effektinvest.reports.check.reporters import line

        assert [line(d) for d in loaded.diagnostics] == [printed]
        assert f"[{code}]: " in printed
    else:
        tests = [p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py") if p.name != "test_docs.py"]
        assert any(f'"{code}"' in text or f"[{code}]" in text for text in tests), f"no test case for {code}"
