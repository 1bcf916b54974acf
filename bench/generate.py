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


def outcomes_text(projects: int) -> str:
    """The shape of issue 20's probe: N projects, each with a long name, costs in three years and an outcome line
    (tariff, counts, cap) with a note; about 250 bytes a project, written compactly. What `gap --explain` and
    `gap --by project` show in the most rows and lines per byte of the file."""
    out = [
        f"scenario: Resultatbetaling i {projects} projekter",
        "budget_year: 2025",
        "sources:",
        "  fund: {name: Fonden for resultatbetaling, kind: external}",
        "projects:",
    ]
    for i in range(projects):
        base = 1000 + i % 900
        out += [
            f"  p{i}:",
            f"    name: Projekt {i} om unge i varigt job",
            f"    costs: {{2025: {base}.25, 2026: {base + 10}.5, 2027: {base + 20}}}",
            "    financing:",
            f"      - {{source: fund, tariff: 25, outcomes: {{2025: 24, 2026: 30, 2027: 26}}, cap: {base + 500},",
            "         note: Betaling pr. ung i varigt job}",
        ]
    return "\n".join(out) + "\n"


def write(folder: Path, projects: int, savings: bool = False, actuals: bool = False) -> Path:
    path = folder / f"projects_{projects}{'_savings' if savings else ''}{'_actuals' if actuals else ''}.yaml"
    if not path.exists():
        path.write_text(scenario_text(projects, savings, actuals), encoding="utf-8")
    return path
