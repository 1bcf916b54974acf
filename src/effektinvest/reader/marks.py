"""Where the keys and values of a file stand: `Marks`, made by the walker, and `locate`, which finds the
line and column of a path in them. Pure."""

from __future__ import annotations

from array import array
from typing import NamedTuple


def spot(mark) -> int:
    """A libyaml mark packed in one int: line << 32 | column, both from 0."""
    return mark.line << 32 | mark.column


class Marks(NamedTuple):
    """Where the keys and values of one mapping or list stand in the file, compactly.

    A node tree (PyYAML's takes some 500 bytes a value) is never built: this keeps a line and column
    for each key and value in 16 bytes. KEYS is None for a list.
    SPOTS holds two packed positions (line << 32 | column, from 0) per entry: its key's and its value's.
    (A tuple, made by `new_marks` without a Python call: one is made for every mapping and list.)
    """

    keys: tuple | None
    spots: array
    children: dict | None
    start: int


new_marks = tuple.__new__

_SEARCHED = 16  # a mapping with at most this many keys is searched; a larger one is indexed (see `locate`)


def locate(marks: Marks | None, path: tuple, at_key: bool = False, known: dict | None = None) -> tuple[int, int]:
    """The line and column (from 1) of the value at PATH, or of its key when AT_KEY.

    Walks as far down the path as the file goes; a missing step points at the
    deepest value found (for a missing key with AT_KEY: the key of the mapping that lacks it).
    KNOWN, if given, keeps the keys of each large mapping indexed from one call to the next (a caller
    that locates many findings in one file passes the same dict): a lookup, not a search of the keys, so
    that locating n findings takes linear time.
    """
    if marks is None:
        return 1, 1
    spot, key_spot = marks.start, None
    for step in path:
        if marks is None:
            break
        keys = marks.keys
        if keys is not None and known is not None and len(keys) > _SEARCHED:
            held = known.get(id(keys))
            if held is None or held[0] is not keys:  # (held keeps KEYS alive: its id names no other tuple)
                held = known[id(keys)] = (keys, {key: i for i, key in enumerate(keys)})
            index = held[1].get(str(step))
            if index is None:
                break
        elif keys is not None:
            try:
                index = keys.index(str(step))
            except ValueError:
                break
        elif isinstance(step, int) and 0 <= step < len(marks.spots) // 2:
            index = step
        else:
            break
        key_spot = marks.spots[2 * index] if marks.keys is not None else None
        spot = marks.spots[2 * index + 1]
        marks = marks.children.get(index) if marks.children else None
    target = key_spot if (at_key and key_spot is not None) else spot
    return (target >> 32) + 1, (target & 0xFFFFFFFF) + 1
