"""`effektinvest init`: a commented starter scenario, written atomically."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

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

projects:
  projekt_a:
    name: Projekt A
    # status: continue (videreføres, standard), defer (udskydes) eller stop
    costs: {{{budget}: 2.5, {next}: 2.5}}   # udgift ved videreførelse pr. budgetår
    financing:                          # finansiering, der kun dækker dette projekt
      - source: decentral
        share: "40%"                    # andel af udgiften hvert år
        note: Mod forventning om tilsvarende decentrale besparelser
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
"""


def starter_text(name: str, budget_year: int) -> str:
    return STARTER.format(name=name, budget=budget_year, next=budget_year + 1)


class NotRegularFile(Exception):
    """`init --force` onto something that is not a regular file; the message says what it is."""


_KINDS = {
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def write_new(path: Path, text: str, force: bool) -> None:
    """Write TEXT to PATH atomically: a temporary file in the same folder, then a rename.

    Without FORCE an existing PATH is never replaced, even if it appears while
    writing (FileExistsError). With FORCE only a regular file is replaced: a symbolic link, a device
    node, a FIFO or a folder at PATH is refused (NotRegularFile), never replaced nor written through.
    An interrupted run leaves no half file at PATH.
    """
    if force:
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            raise NotRegularFile(_KINDS.get(stat.S_IFMT(mode), "not a regular file"))
    folder = path.parent if str(path.parent) else Path(".")
    # The temporary name holds at most 64 bytes of PATH's, so that it is a valid name whenever PATH's is
    # (a name has at most 255 bytes; ".NAME.12345678.tmp" would not be for a 245-byte NAME).
    stem = os.fsdecode(os.fsencode(path.name)[:64])
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=folder, prefix=f".{stem}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(handle.fileno(), 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(handle.name, path)
        else:
            os.link(handle.name, path)  # fails if PATH exists: no overwrite, no race
            os.unlink(handle.name)
    except BaseException:
        if os.path.exists(handle.name):
            os.unlink(handle.name)
        raise


def year_in_name(name: str) -> int | None:
    """The budget year a file name gives, as in scenarios/2026.yaml or budget-2026-v2.yaml: the first
    four-digit number that is a year (1900 to 2199), standing alone; None if there is none."""
    import re

    from effektinvest.numbers import YEAR_MAX, YEAR_MIN

    for match in re.finditer(r"(?<![0-9])[0-9]{4}(?![0-9])", name):
        if YEAR_MIN <= int(match.group()) < YEAR_MAX:
            return int(match.group())
    return None
