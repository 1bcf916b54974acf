"""Scenario files for the benchmark: N projects, each with costs in four years and a share line, plus a pooled
amount line; with SAVINGS, each also with savings in three pockets (the department, forsørgelse, the state)
over four years (format 1.2); with ACTUALS, the accounts of two closed years (format 1.3: `actuals_through:
2026`, each project's actual costs of 2025 and 2026). Written as block YAML, as an analyst's file would be."""

from __future__ import annotations

from pathlib import Path


def scenario_text(projects: int, savings: bool = False, actuals: bool = False) -> str:
    out = [
        f"scenario: Benchmark with {projects} projects",
        "budget_year: 2025",
        *(["actuals_through: 2026"] if actuals else []),
        "unit: t.kr.",
        "price_level: 2025",
        "sources:",
        "  dept: {name: Afdelingen, kind: decentral}",
        "  fund: {name: Outcomefonden, kind: fund}",
        *(_SAVINGS_SOURCES if savings else []),
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
            *(["    actual_costs:", f"      2025: {base + 5}.10", f"      2026: {base + 3}.40"] if actuals else []),
            "    financing:",
            "      - source: dept",
            '        share: "25%"',
        ]
        if savings:
            out += _savings(base)
    out += ["financing:", "  - source: fund", f"    amount: {projects * 100}.00", ""]
    return "\n".join(out)


_SAVINGS_SOURCES = [
    "  forsorg: {name: Forsørgelse, kind: non_decentral}",
    "  stat: {name: Staten, kind: state}",
]


def _savings(base: int) -> list[str]:
    out = ["    savings:"]
    for pocket, part in (("dept", 3), ("forsorg", 4), ("stat", 2)):
        out.append(f"      {pocket}:")
        out += [f"        {year}: {base * part // 10 + year - 2025}.{part}0" for year in range(2025, 2029)]
    return out


def write(folder: Path, projects: int, savings: bool = False, actuals: bool = False) -> Path:
    path = folder / f"projects_{projects}{'_savings' if savings else ''}{'_actuals' if actuals else ''}.yaml"
    if not path.exists():
        path.write_text(scenario_text(projects, savings, actuals), encoding="utf-8")
    return path
