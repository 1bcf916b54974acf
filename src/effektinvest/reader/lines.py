"""Lines as an editor counts them. PyYAML follows YAML 1.1, where NEL (U+0085), LINE SEPARATOR (U+2028) and
PARAGRAPH SEPARATOR (U+2029) also end a line; editors, grep and GitHub count only LF, CR and CR LF, as
YAML 1.2 does. In a file that holds one of them, every line and column PyYAML gives after it is mapped
back to the editor's (`LineMap.real`); a file without them (nearly every file) pays one search. Pure."""

from __future__ import annotations

import re

_EXTRA = ("\x85", "\u2028", "\u2029")
_EXTRA_UTF8 = tuple(c.encode("utf-8") for c in _EXTRA)
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class LineMap:
    """For each line as PyYAML counts them (from 0): the editor's line (from 1) and the characters before
    it on that editor's line."""

    def __init__(self, text: str):
        self._starts: list[tuple[int, int]] = [(1, 0)]
        line, line_start = 1, 0  # the editor's line, and where it starts
        for found in _BREAK.finditer(text):
            end = found.end()
            if found.group() in _EXTRA:
                self._starts.append((line, end - line_start))
            else:
                line, line_start = line + 1, end
                self._starts.append((line, 0))

    def real(self, line: int, column: int) -> tuple[int, int]:
        """LINE and COLUMN (from 1, as PyYAML counts them) as an editor counts them."""
        if 1 <= line <= len(self._starts):
            real_line, before = self._starts[line - 1]
            return real_line, before + column
        return line, column


def line_map(text: str | bytes) -> LineMap | None:
    """The LineMap of TEXT when it holds a line break that only YAML 1.1 counts; else None."""
    extra = _EXTRA_UTF8 if isinstance(text, bytes) else _EXTRA
    if not any(c in text for c in extra):
        return None
    return LineMap(text.decode("utf-8", "replace") if isinstance(text, bytes) else text)
