"""The rule of exactness, for every module that touches an amount (the core, the checks, the reports' analyses
and views): an operation on money runs in the EXACT context (`model.numbers.EXACT`: `localcontext(EXACT)`, a
method such as `EXACT.subtract`, `exact_sum`, a function made `exactly`), or is one that never rounds
(`copy_negate`, `copy_abs`, a comparison, `scaleb(n, EXACT)`). Never `-x`, `abs(x)`, `sum(...)` or an operator
in the ambient context: Python's default rounds to 28 significant digits, and the format allows amounts of 30,
whose sums need more. tests/acceptance/test_exactness.py runs every report with a one-digit ambient context that
traps any rounding, to hold them all to it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from decimal import Decimal, localcontext
from typing import ParamSpec, TypeVar

from effektinvest.model.numbers import EXACT

_Params = ParamSpec("_Params")
_Result = TypeVar("_Result")


def exact_sum(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum of AMOUNTS (0 for none): `sum` in the EXACT context, whatever the ambient one."""
    with localcontext(EXACT):
        return sum(amounts, Decimal(0))


def exactly(function: Callable[_Params, _Result]) -> Callable[_Params, _Result]:
    """FUNCTION, run in the EXACT context: every `+`, `-` and `sum` in it is exact (for a view's check that adds
    up the figures it shows)."""

    @functools.wraps(function)
    def in_exact_context(*args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
        with localcontext(EXACT):
            return function(*args, **kwargs)

    return in_exact_context
