"""'Did you mean ...?': the nearest of the names a file defines, for a name it does not.

In two steps, so that a file with thousands of unknown names among thousands of defined ones answers in
a moment (a comparison with every defined name took 86 s for 5,000 among 5,000):

1. a name equal to a defined one once both are folded (case, width, look-alike letters of other scripts
   such as the Cyrillic р for p, invisible characters, '-' for '_') is found by one lookup;
2. otherwise difflib compares it with every defined name when there are at most FULL of them (a
   usual file: the answer difflib alone gives), else with the CANDIDATES names that share the most
   character pairs with it (its rarest pairs first, at most _BUDGET index entries), from an index built
   once per set of names.

Each unknown name thus costs a bounded amount of work, and a name asked about twice is answered once.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from functools import lru_cache

FULL = 12  # up to this many defined names, difflib compares a name with each
CANDIDATES = 4  # beyond that, the names difflib compares it with
_BUDGET = 2048  # the most index entries one name reads: its rarest character pairs first

# Letters of other scripts that look like a Latin one (after casefold), as Unicode's confusables list them.
_LOOKALIKES = {
    **dict(zip("аеорсухіјѕԁԛԝһүӏкԍ", "aeopcyxijsdqwhylkg", strict=True)),  # Cyrillic
    **dict(zip("αονριυκχτ", "aovpiukxt", strict=True)),  # Greek
}
_FOLD = str.maketrans({**_LOOKALIKES, "-": "_"})


def _invisible(character: str) -> bool:
    return unicodedata.category(character) == "Cf"  # zero-width spaces and joiners, bidi marks, soft hyphen


def fold(name: str) -> str:
    """NAME as it looks: NFKC, casefold, look-alike letters as the Latin ones, no invisible characters."""
    folded = unicodedata.normalize("NFKC", name).casefold().translate(_FOLD).strip()
    return folded if folded.isascii() else "".join(c for c in folded if not _invisible(c))


def _pairs(folded: str) -> set[str]:
    padded = f"^{folded}$"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


class _Names:
    """The defined names, folded, and which names hold each character pair."""

    def __init__(self, names: tuple[str, ...]):
        self.names = names
        self.folded = [fold(name) for name in names]
        self.by_fold: dict[str, str] = {}
        self.index: dict[str, list[int]] = {}
        self.answers: dict[str, str | None] = {}
        for number, folded in enumerate(self.folded):
            self.by_fold.setdefault(folded, names[number])
            for pair in _pairs(folded):
                self.index.setdefault(pair, []).append(number)

    def nearest(self, word: str) -> str | None:
        if word not in self.answers:
            self.answers[word] = self._nearest(word)
        return self.answers[word]

    def _nearest(self, word: str) -> str | None:
        folded = fold(word)
        same = self.by_fold.get(folded)
        if same is not None and same != word:
            return same
        if len(self.names) <= FULL:
            numbers = range(len(self.names))
        else:
            numbers = self._sharing(folded)
        candidates = {self.folded[number]: self.names[number] for number in reversed(numbers)}
        match = difflib.get_close_matches(folded, list(candidates), n=1, cutoff=0.6)
        return candidates[match[0]] if match and candidates[match[0]] != word else None

    def _sharing(self, folded: str) -> list[int]:
        """The CANDIDATES names that share the most character pairs with FOLDED (on a tie, the nearest in
        length), reading the index for its rarest pairs first and at most _BUDGET entries in all."""
        shared: Counter = Counter()
        budget = _BUDGET
        for holders in sorted((self.index.get(pair, ()) for pair in _pairs(folded)), key=len):
            shared.update(holders[:budget])
            budget -= min(len(holders), budget)
            if not budget:
                break
        best = shared.most_common(4 * CANDIDATES)
        best.sort(key=lambda item: (-item[1], abs(len(self.folded[item[0]]) - len(folded))))
        return [number for number, _ in best[:CANDIDATES]]


@lru_cache(maxsize=8)
def _names(names: tuple[str, ...]) -> _Names:
    return _Names(names)


def nearest_name(word: str, choices) -> str | None:
    """The closest of CHOICES to WORD (the X of 'did you mean X?'), or None."""
    return _names(tuple(choices)).nearest(word)


def nearest(word: str, choices) -> str:
    """'; did you mean X?' for the closest of CHOICES, or ''. Says which characters of WORD only look like
    those of X (a Cyrillic letter, an invisible character), since the two print alike."""
    match = nearest_name(word, choices)
    if match is None:
        return ""
    odd = [_odd(character) for character in dict.fromkeys(word) if character not in match and not character.isascii()]
    odd = [note for note in odd if note]
    return f"; did you mean {match!r}?" + (f" ({'; '.join(odd)})" if odd else "")


def _odd(character: str) -> str | None:
    """What a character is, when it only looks like another or cannot be seen."""
    code = f"U+{ord(character):04X}"
    if _invisible(character):
        return f"it has an invisible character, {code}"
    latin = _LOOKALIKES.get(character.casefold())
    if latin is None:
        return None
    script = unicodedata.name(character, "").split(" ")[0].title() or "another script's"
    return f"'{character}' is a {script} letter ({code}) that looks like '{latin}'"
