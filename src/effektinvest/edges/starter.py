"""`effektinvest init`: a commented starter scenario, written atomically."""

from __future__ import annotations

import shlex
from pathlib import Path

from effektinvest.core.display_context import visible
from effektinvest.edges.output import NotRegularFile, write_file
from effektinvest.model.numbers import YEAR_MAX, YEAR_MIN

__all__ = ["LAST_BUDGET_YEAR", "NotRegularFile", "starter_text", "write_new", "year_in_name"]

SPAN = 2  # the starter's examples reach the budget year + SPAN
LAST_BUDGET_YEAR = YEAR_MAX - SPAN  # the latest budget year whose starter holds only valid years

STARTER = """\
# Scenarie til budgetbeslutning om sociale effektinvesteringer.
# Ret tallene og navnene; tjek filen med:  effektinvest check {name}
# og se dækning og restfinansiering med:   effektinvest gap {name}
#
# Tal skrives som decimaltal med punktum: 10.35, aldrig 10,35 eller 1.500 for tusind.

scenario: "Budget {budget}: Videreførelse af sociale investeringsprojekter"
budget_year: {budget}          # budgettet, hvor byrådet træffer beslutningen
unit: mio. kr.             # kr., t.kr. (1.000 kr.) eller mio. kr.
price_level: {budget}          # vises som "{budget}-priser"
# realisation: "75%"       # format 1.2: den andel af besparelserne, der forventes realiseret (standard 100 %)
# actuals_through: {budget}    # format 1.3: seneste afsluttede regnskabsår i filen (effektinvest follow-up)

# Budgetlommerne, der kan betale en del af udgiften.
sources:
  decentral:
    name: Magistratsafdelingens decentrale budget
    kind: decentral        # decentral, non_decentral, fund, refund eller external
  ikke_decentral:
    name: Ikke-decentraliserede budgetter
    kind: non_decentral
    note: Forsørgelse og forsorgshjem
  outcomefonden:
    name: Outcomefonden
    kind: fund
  # staten:                # format 1.2: en lomme uden for kommunen (state eller region), hvor besparelser
  #   name: Staten         # lander; den kan aldrig betale
  #   kind: state

projects:
  projekt_a:
    name: Projekt A
    # status: continue (videreføres, standard), defer (udskydes) eller stop
    costs: {{{budget}: 2.5, {next}: 2.5}}   # udgift ved videreførelse pr. budgetår
    # actual_costs: {{{budget}: 2.4}}     # format 1.3: regnskab pr. afsluttet år
    financing:                          # finansiering, der kun dækker dette projekt
      - source: decentral
        share: "40%"                    # andel af udgiften hvert år
        note: Mod forventning om tilsvarende decentrale besparelser
    # savings:                          # format 1.2: forventede besparelser pr. lomme og år (negativ: merudgift)
    #   decentral: {{{next}: 1.0, {after}: 1.2}}
    #   staten: {{{next}: 0.4, {after}: 0.4}}      # kan ikke høstes i kommunen
    # realised_savings: {{decentral: {{{budget}: 0.2}}}}   # format 1.3: realiseret pr. lomme og afsluttet år
  projekt_b:
    name: Projekt B
    status: defer
    decide_at: {next}                     # budgettet, hvor der tages stilling

# Finansiering, der dækker flere projekter (standard: alle, der videreføres).
financing:
  - source: ikke_decentral
    amount: 1.0                         # i alt; fordeles på årene efter udgiften
    note: Mod forventning om besparelser på forsørgelsesudgifter
  - source: outcomefonden
    amount: {{{budget}: 0.5, {next}: 0.5}}    # eller beløb pr. år
  #   paid: {{{budget}: 0.45}}                # format 1.3: faktisk betalt pr. afsluttet år
  #   repay:                              # format 1.3: kommunen tilbagebetaler investoren (fund eller external)
  #     tariff: 0.05                      # pr. opnået effekt (eller amount: {{år: beløb}}, en fast plan)
  #     outcomes: {{{next}: 5, {after}: 10}}     # forventet antal effekter pr. år; gerne efter udgiftsårene
  #     cap: 0.6                          # højst i alt (valgfri)
  #     by: {{decentral: "60%", ikke_decentral: "40%"}}   # lommernes andel af hver tilbagebetaling; i alt 100 %
  # - source: outcomefonden             # format 1.2: resultatbetaling pr. opnået effekt
  #   tariff: {{{budget}: 0.02, {next}: 0.025}}  # betaling pr. effekt pr. år (format 1.3); ens alle år: 0.02
  #   outcomes: {{{budget}: 10, {next}: 20}}     # forventet antal effekter pr. år
  #   cap: 0.5                          # højst i alt (valgfri)
  #   achieved: {{{budget}: 8}}                # format 1.3: opnåede effekter pr. afsluttet år
"""


def starter_text(name: str, budget_year: int) -> str:
    """The starter for the file NAME in BUDGET_YEAR. NAME stands in its comments as a command to copy: quoted
    for the shell where it needs it, and every hidden character (an escape, a line break, a bidi control) written
    as its escape (`visible`), so that no name can break the YAML, end a comment line or reach a terminal raw."""
    shown = shlex.quote(visible(name))
    return STARTER.format(name=shown, budget=budget_year, next=budget_year + 1, after=budget_year + SPAN)


def write_new(path: Path, text: str, force: bool) -> None:
    """Write TEXT to PATH atomically (`output.write_file`): never over an existing PATH without FORCE, with
    FORCE only over a regular file (NotRegularFile), no half file when interrupted."""
    write_file(path, text.encode("utf-8"), force)


def year_in_name(name: str) -> int | None:
    """The budget year a file name gives, as in scenarios/2026.yaml or budget-2026-v2.yaml: the first
    four-digit number that is a budget year `init` can start (YEAR_MIN to LAST_BUDGET_YEAR), standing alone;
    None if there is none."""
    import re

    for match in re.finditer(r"(?<![0-9])[0-9]{4}(?![0-9])", name):
        if YEAR_MIN <= int(match.group()) <= LAST_BUDGET_YEAR:
            return int(match.group())
    return None
