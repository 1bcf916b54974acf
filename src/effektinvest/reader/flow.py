"""Flow mappings written alike, read once: `{tariff: 0.5, outcomes: {2027: 20}, by: {dept: "60%"}}` on 100,000
financing lines is read into data once, and each later one written the same way, to the letter, gets a copy
of that data (its own dictionaries, sharing the values, which never change), not a reading of its own:
issue 22's repayments (docs/performance.md).

Only a flow mapping of plain and quoted single values and flow mappings of them, without an anchor, a tag or
an empty value, of at most `_LONGEST` events; and only what reading it said nothing of (no diagnostic, no
number like 1.500, no watched key), counted against the alias bound and nested as deep as where it was read
first. The events of such a mapping say all that reading it gives, but for a decimal comma (`{2024: 10,35}`),
which needs an empty value (35 read as a key without one), and which is therefore read each time. Anything
else is read as before, from the events gathered and then the parser's: the walker's diagnostics, marks
(never used here: a reading with marks reads each mapping itself) and duplicate keys are unchanged."""

from __future__ import annotations

from yaml.events import MappingEndEvent, MappingStartEvent, ScalarEvent

from effektinvest.reader.limits import MAX_DEPTH

_LONGEST = 64  # events of one flow mapping gathered before it is read as any other
_AT_MOST = 256  # mappings written differently that are kept; and as many misses before it stops trying
_QUOTED = frozenset({'"', "'"})


class Flows:
    """The flow mappings of one reading, by what their events say: the data, what reading it counted, and how
    many levels of mappings it has (its own included)."""

    def __init__(self):
        self.made: dict[tuple, tuple[dict, int, int]] = {}
        self.missed = 0  # readings that could not be kept: past _AT_MOST the walker reads every one itself
        self.reading = False  # a mapping is being read from its gathered events (those inside it are not kept)

    @property
    def open(self) -> bool:
        return not self.reading and self.missed <= _AT_MOST

    def mapping(self, walker, start, depth: int) -> dict:
        """The flow mapping that starts with START, at DEPTH: a copy of one written alike before, or read by
        the WALKER's `mapping` (from the events gathered here, then the parser's), and kept if it may be."""
        get = walker.get
        events: list = []
        key, height = _gathered(get, events)
        record = walker.record
        if key is not None:
            made = self.made.get(key)
            if made is not None and depth + made[2] - 1 <= MAX_DEPTH and record.count + made[1] <= record.budget:
                record.count += made[1]
                return _copy(made[0])
        before, watched = record.mark(), len(record.watched)
        pending = iter(events)

        def replay():
            event = next(pending, None)
            return get() if event is None else event

        walker.get = replay
        self.reading = True
        try:
            value, _ = walker.mapping(start, depth)
        finally:
            walker.get = get
            self.reading = False
        said = record.mark()
        if key is None or said[1:] != before[1:] or len(record.watched) != watched or len(self.made) >= _AT_MOST:
            self.missed += 1
        else:
            self.made[key] = (_copy(value), said[0] - before[0], height)
        return value


def _gathered(get, events: list) -> tuple[tuple | None, int]:
    """The events of a flow mapping (its start already read) gathered into EVENTS through GET, as a key of
    what they say and the mapping's levels; None for a key when it is not one to keep (see the module), in
    which case EVENTS ends with the first event that is not read here."""
    said: list = []
    keep, tell = events.append, said.append
    level = height = 1
    for _ in range(_LONGEST):
        event = get()
        keep(event)
        kind = event.__class__
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                break
            if event.implicit[0]:
                if not event.value:  # an empty value: perhaps a number split at its decimal comma
                    break
                tell(event.value)  # plain text never starts with a quote or a brace
            elif event.style in _QUOTED:
                tell(event.style + event.value)
            else:
                break
        elif kind is MappingEndEvent:
            tell("}")
            level -= 1
            if not level:
                return tuple(said), height
        elif kind is MappingStartEvent and event.anchor is None and event.tag is None:
            tell("{")
            level += 1
            if level > height:
                height = level
        else:
            break
    return None, height


def _copy(value: dict) -> dict:
    """VALUE's own dictionaries anew (a reader of the data may change one), its single values shared."""
    out = value.copy()
    for key, one in out.items():
        if one.__class__ is dict:
            out[key] = _copy(one)
    return out
