"""docs/architecture.md is the map of the tree: every module under src/ is named on it by its path, every module
it names exists, and the import rules it states hold (no cycle; the core and the reports never import the CLI or
the edges above them)."""

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "effektinvest"
PAGE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


@cache
def _tree(path: Path) -> ast.Module:
    """PATH parsed, once a session (each test below reads every module)."""
    return ast.parse(path.read_text(encoding="utf-8"))


def _has_code(path: Path) -> bool:
    """Whether a package's __init__.py holds more than its docstring (then it is a module to name)."""
    body = _tree(path).body
    return any(not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)) for node in body)


def modules() -> list[str]:
    """Every module under src/effektinvest, as a path from there: core/arithmetic.py, reader/__init__.py."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "__main__.py" or (path.name == "__init__.py" and not _has_code(path)):
            continue
        found.append(path.relative_to(SRC).as_posix())
    return found


def test_every_module_under_src_is_named_on_the_page_by_its_path():
    missing = [module for module in modules() if f"`{module}`" not in PAGE]
    assert missing == [], f"docs/architecture.md does not name {missing}"


def test_every_module_the_page_names_exists():
    named = set(re.findall(r"(?<![\w./-])((?:[\w-]+/)*[\w-]+\.py)\b", PAGE))
    basenames = {path.name for path in SRC.rglob("*.py")}
    stale = sorted(
        name
        for name in named
        if not any((base / name).exists() for base in (SRC, ROOT, ROOT / "tests"))
        and not ("/" not in name and name in basenames)
    )
    assert stale == [], f"docs/architecture.md names modules that do not exist: {stale}"


def _imports(path: Path) -> set[str]:
    """The effektinvest modules PATH imports, as dotted names (relative imports resolved)."""
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    out = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *filter(None, [base])])
            out.update({base, *(f"{base}.{alias.name}" for alias in node.names)})
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return {name for name in out if name.startswith("effektinvest")}


@cache
def _graph() -> dict[str, set[str]]:
    names = {}
    for path in SRC.rglob("*.py"):
        dotted = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        names[dotted.removesuffix(".__init__")] = path
    return {name: {o for o in _imports(path) if o in names and o != name} for name, path in names.items()}


def test_no_import_cycle_among_modules():
    """Package __init__ files aside (a package imports its parts), no module imports one that imports it back."""
    graph = {
        name: edges
        for name, edges in _graph().items()
        if not (SRC.parent / name.replace(".", "/") / "__init__.py").exists()
    }
    cycles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    cycles.append(trail)
                elif nxt not in seen and nxt in graph:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
    assert cycles == []


def test_imports_go_down_the_layers():
    """The pure core (core, checks, reader, model) imports no report, edge or CLI; a report imports no edge or
    CLI; a format toolkit imports no report; nothing but the CLI imports the CLI."""
    core = ("reports", "formats", "edges", "cli")
    rules = {
        "core": core,
        "checks": core,
        "reader": core,
        "model": core,
        "reports": ("edges", "cli"),
        "formats": ("reports", "edges", "cli"),
        "edges": ("cli",),
    }
    above = {f"effektinvest.{layer}": tuple(f"effektinvest.{n}" for n in names) for layer, names in rules.items()}
    wrong = sorted(
        (name, other)
        for name, edges in _graph().items()
        for layer, forbidden in above.items()
        if name == layer or name.startswith(layer + ".")
        for other in edges
        if other.startswith(forbidden)
    )
    assert wrong == []


def test_the_pure_core_imports_no_rich_typer_or_openpyxl():
    heavy = ("rich", "typer", "click", "openpyxl")
    wrong = []
    for package in ("core", "checks", "reader", "model"):
        for path in (SRC / package).rglob("*.py"):
            for node in ast.walk(_tree(path)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                wrong += [(path.name, name) for name in names if name.split(".")[0] in heavy]
    assert wrong == []
