"""A key given twice in one mapping: where it first stands, and the message that names both places."""

from __future__ import annotations

from itertools import count, islice

from yaml.events import AliasEvent


class Duplicates:
    """The keys of each mapping in which a key is given again, indexed once per mapping: the index grows
    with the mapping, so that many duplicates in one mapping take linear time, not a search each."""

    def __init__(self):
        self.indexes: dict[int, tuple[dict, dict]] = {}  # id of a mapping being read: (it, key -> position)

    def told(self, out: dict, spots: list[int], key: str, event) -> str:
        """What to say of KEY, given again by EVENT in OUT (a mapping being read; SPOTS: its packed marks)."""
        first = spots[2 * self.first_index(out, key)]
        through = f" (through the alias *{event.anchor})" if event.__class__ is AliasEvent else ""
        return f"key {key!r} is given twice in this mapping: {_twice(first, event.start_mark)}{through}"

    def first_index(self, out: dict, key: str) -> int:
        """Where KEY, given again, first stands among the keys of OUT."""
        held = self.indexes.get(id(out))
        if held is None or held[0] is not out:  # (held keeps OUT alive: its id names no other mapping)
            held = self.indexes[id(out)] = (out, {})
        index = held[1]
        if key not in index:
            index.update(zip(islice(out, len(index), None), count(len(index))))
        return index[key]


def _twice(first: int, again) -> str:
    """Where a key stands first (a packed spot) and again (a mark): by line, or by line and column when both
    are on one line (`{a: 1, a: 2}`)."""
    line, column = (first >> 32) + 1, (first & 0xFFFFFFFF) + 1
    if line == again.line + 1:
        return f"first at {line}:{column}, again at {again.line + 1}:{again.column + 1}"
    return f"first on line {line}, again on line {again.line + 1}"
