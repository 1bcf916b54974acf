"""Values written alike, validated once: a small mapping of single values (a repayment's `by`, an outcome
line's `outcomes`), or of such mappings (a whole `repay`), that 100,000 lines of one contract write the same
way is validated once and its result shared, not made 100,000 times (docs/performance.md, issue 22). Only for
results a model keeps as they are (a frozen model, a mapping never changed)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

_SCALARS = frozenset({Decimal, str, int})


def written(value: Any, nested: bool = False) -> tuple | None:
    """A mapping of single values (NESTED: or of such mappings) as a key of what it says, to the letter (`40`
    and `40.0`, or `40` and `"40"`, differ); None for anything else."""
    if value.__class__ is not dict or len(value) > 8:
        return None
    out = []
    for key, one in value.items():
        if key.__class__ not in _SCALARS:
            return None
        if one.__class__ in _SCALARS:
            out.append((key, one.__class__, str(one)))
        elif nested and one.__class__ is dict:
            inner = written(one)
            if inner is None:
                return None
            out.append((key, dict, inner))
        else:
            return None
    return tuple(out)


def shared(validate, at_most: int = 256):
    """VALIDATE (of a small year or share mapping that a model keeps as it is, never changed), its result shared
    by the mappings written alike: 100,000 repayments of one contract keep one `by` and one `outcomes`, not
    100,000 (docs/performance.md, issue 22). Of the first AT_MOST mappings written differently; a mapping with a
    problem raises as before, every time."""
    made: dict[tuple, object] = {}

    def validated(value: Any):
        return _once(made, at_most, value, validate, False)

    return validated


def shared_by_pydantic(at_most: int = 256, nested: bool = False):
    """`shared` for a WrapValidator: pydantic's own validation of the mapping (and its errors, at each key);
    NESTED: of a mapping of such mappings too (a whole `repay`: see `written`)."""
    made: dict[tuple, object] = {}

    def validated(value: Any, handler):
        return _once(made, at_most, value, handler, nested)

    return validated


def _once(made: dict, at_most: int, value: Any, validate, nested: bool):
    key = written(value, nested)
    if key is None:
        return validate(value)
    out = made.get(key)
    if out is None:
        out = validate(value)
        if len(made) < at_most:
            made[key] = out
    return out
