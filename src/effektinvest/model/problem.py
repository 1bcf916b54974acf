"""How a value that is not what the format wants is refused: `ValueProblem`, a stable code and a message,
and how a value is named in that message. Pure."""

from __future__ import annotations

from decimal import Decimal


class ValueProblem(ValueError):
    """A value that is not what the format wants: a stable code and a message."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def short(text: str, limit: int = 40) -> str:
    """TEXT as a message shows it: at most LIMIT characters, cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(value: object) -> str:
    """How to name a wrongly typed value in a message."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Decimal):
        return str(value)
    return repr(short(str(value)))
