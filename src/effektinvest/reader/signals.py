"""How the walk stops early: the exceptions the walker and its anchors raise, and `read` catches."""


class Abort(Exception):
    """The walk stops: its reason is already among the walker's diagnostics."""


class NeedMarks(Exception):
    """A reading without marks met a problem that is told by a mark."""


class Refused(Exception):
    """The file cannot be read at all: (line, column, code, message), from 1."""
