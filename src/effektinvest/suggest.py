"""'Did you mean ...?': the nearest of the names a file defines, for a name it does not."""

from __future__ import annotations

import difflib


def nearest(word: str, choices) -> str:
    """'; did you mean X?' for the closest of CHOICES, or ''."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""
