"""Scenario files for the benchmark: N projects, each with costs in four years and a share line, plus a pooled
amount line. Written as block YAML, as an analyst's file would be."""

from __future__ import annotations

from pathlib import Path


def scenario_text(projects: int) -> str:
    out = [
        f"scenario: Benchmark with {projects} projects",
        "budget_year: 2025",
        "unit: t.kr.",
        "price_level: 2025",
        "sources:",
        "  dept: {name: Afdelingen, kind: decentral}",
        "  fund: {name: Outcomefonden, kind: fund}",
        "projects:",
    ]
    for i in range(projects):
        base = 100 + i % 900
        out += [
            f"  p{i}:",
            f"    name: Projekt {i}",
            "    costs:",
            f"      2025: {base}.25",
            f"      2026: {base + 10}.50",
            f"      2027: {base + 20}",
            f"      2028: {base + 30}.75",
            "    financing:",
            "      - source: dept",
            '        share: "25%"',
        ]
    out += ["financing:", "  - source: fund", f"    amount: {projects * 100}.00", ""]
    return "\n".join(out)


def write(folder: Path, projects: int) -> Path:
    path = folder / f"projects_{projects}.yaml"
    if not path.exists():
        path.write_text(scenario_text(projects), encoding="utf-8")
    return path
