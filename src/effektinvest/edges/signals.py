"""A signal that ends a command leaves nothing behind (issue 20, 3; docs/cli.md, "Writing a report to a file",
Signals): SIGINT, SIGTERM and SIGHUP while a report is made or written. `ending_cleanly` runs the work; what the
work makes (a temporary file, a library's temporary folder) is noted with `remove_at_end`, made between
`signals_held`; `unless_ended` comes before what must not be done once a signal came (the rename into place).

The first signal decides how the command ends; from then on every ending signal is ignored until the process
ends (`first_decides`: for the console script's whole process), and no exception of this module ever reaches
the user.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# The signals that end a command, as this system numbers them (Windows has no SIGHUP).
_ENDING = tuple(number for name in ("SIGINT", "SIGTERM", "SIGHUP") if (number := getattr(signal, name, None)))


class _Ended(BaseException):
    """A signal that ends the command, raised where the command stands (never an Exception: nothing catches
    it but `ending_cleanly`)."""


class _Ending:
    """What one `ending_cleanly` knows: the temporary files and folders made so far (LEFTOVERS), the signal that
    came (the first), and whether the work is still running (ARMED: the signal is raised in it as _Ended) or
    not (the signal is only noted, and given back at the end)."""

    def __init__(self) -> None:
        self.armed = False
        self.signal: int | None = None
        self.leftovers: list[str] = []

    def __call__(self, number: int, _frame) -> None:
        if self.signal is not None:  # a second signal: the first already ends the command
            return
        self.signal = number = _earliest(number)
        if self.armed:
            self.armed = False
            raise _Ended(number)

    def unraisable(self, hook):
        """A hook for `sys.unraisablehook`: the signal raised where Python drops what is raised (a `__del__`, a
        generator closed as it is freed) is not printed as a traceback; it is still noted (`unless_ended`)."""

        def quiet(report) -> None:
            if not isinstance(report.exc_value, _Ended):
                hook(report)

        return quiet


_running: list[_Ending] = []  # the `ending_cleanly` running (one: an inner one is its work's part)


def ending_cleanly(work: Callable[[], T]) -> T:
    """WORK() (make and write a report), so that neither a failure nor SIGINT, SIGTERM or SIGHUP leave anything
    behind. A signal is raised where WORK stands (_Ended); at the end, every temporary file or folder WORK made
    (`remove_at_end`) is removed, with no signal raised any more, so that nothing can cut the removal short;
    then the signal ends the command as what handled it before would: SIGTERM and SIGHUP end the process as at
    any other moment (killed by the signal), SIGINT is Python's KeyboardInterrupt (typer's exit 130). A second
    signal is ignored, to the end of the process; a signal the process ignores (`nohup`) stays ignored. Signals
    are caught in the main thread only (Python runs their handlers nowhere else); nested, the outer one does
    it all."""
    if _running:
        return work()
    ending = _Ending()
    previous = _catch(ending)
    hook, sys.unraisablehook = sys.unraisablehook, ending.unraisable(sys.unraisablehook)
    _running.append(ending)
    try:
        try:
            ending.armed = True
            unless_ended()  # a signal that came while the handlers were set
            return work()
        finally:
            ending.armed = False
    except _Ended:
        pass
    finally:
        _running.clear()
        for path in ending.leftovers:
            _remove(path)
        if ending.signal is None:
            for number, handler in previous.items():
                signal.signal(number, handler)
            sys.unraisablehook = hook
        else:
            _end_by(ending.signal, previous)


def _end_by(number: int, previous: dict) -> None:
    """End the command by the signal NUMBER, as what handled it before (in PREVIOUS) would, every ending signal
    ignored from now on (the first decides). Never returns."""
    for each in previous:
        signal.signal(each, _ignored)
    handler = previous.get(number, signal.SIG_DFL)
    if handler is _first:  # the first is known already: not the one that came first of those still unread
        _end(number)
    if handler is signal.default_int_handler:
        raise KeyboardInterrupt  # SIGINT as Python gives it: typer's exit 130
    if handler == signal.SIG_DFL:
        signal.signal(number, signal.SIG_DFL)
        signal.raise_signal(number)  # ends the process
    elif callable(handler):
        handler(number, None)
    raise SystemExit(128 + number)  # a handler that did not end it: the command still ends


def first_decides() -> None:
    """For the console script's whole process, also outside `ending_cleanly`: the first of SIGINT, SIGTERM and
    SIGHUP ends the command as Python would (SIGINT: KeyboardInterrupt, typer's exit 130; SIGTERM, SIGHUP:
    killed by the signal), with every ending signal ignored from then on, so that a second one (SIGTERM just
    after Ctrl-C, while the process is still in a library's C code and has not yet run Python's handler of
    the SIGINT) cannot change how it ends. A signal the process ignores (`nohup`) stays ignored."""
    for number in _ENDING:
        if signal.getsignal(number) in (signal.default_int_handler, signal.SIG_DFL):
            signal.signal(number, _first)
    _note_arrivals()


def _first(number: int, _frame) -> None:
    _end(_earliest(number))


def _end(number: int) -> None:
    """End the process by the signal NUMBER, every ending signal ignored from now on (what `_first` does)."""
    for each in _ENDING:
        if signal.getsignal(each) is _first:
            signal.signal(each, _ignored)
    if number == signal.SIGINT:
        raise KeyboardInterrupt
    signal.signal(number, signal.SIG_DFL)
    signal.raise_signal(number)  # ends the process


_arrivals: list[int] = []  # the read end of the wakeup file Python's C handler writes each signal's number to


def _note_arrivals() -> None:
    """Python runs the handlers of the signals that came while it was in C code in the order of their numbers
    (SIGHUP before SIGINT); Python's C handler writes each signal's number to a wakeup file as it comes, in
    the order they came, which `_earliest` reads. Main thread only."""
    read, write = os.pipe()
    os.set_blocking(read, False)
    os.set_blocking(write, False)
    try:
        signal.set_wakeup_fd(write, warn_on_full_buffer=False)
    except ValueError:  # not the main thread
        os.close(read)
        os.close(write)
        return
    _arrivals.append(read)


def _earliest(number: int) -> int:
    """Of the ending signals that have come, the first (NUMBER, whose handler runs, if nothing says otherwise)."""
    came = b""
    for read in _arrivals:
        try:
            came = os.read(read, 64)
        except OSError:  # nothing came (a wakeup file that does not block)
            pass
    return next((each for each in came if each in _ENDING), number)


def _ignored(_number: int, _frame) -> None:
    """A signal after the first: ignored. A handler that does nothing, not SIG_IGN: a signal that already came
    and waits for its Python handler would find SIG_IGN and be printed as "ignored due to race condition"."""


def unless_ended() -> None:
    """Go on only if no ending signal came: for what a signal must not come before unnoticed (the rename into
    place), since Python may have dropped the one raised (in a `__del__`)."""
    if _running and _running[-1].signal is not None:
        _running[-1].armed = False
        raise _Ended(_running[-1].signal)


def _catch(ending: _Ending) -> dict:
    """ENDING as the handler of every ending signal the process does not ignore; what handled each before.
    Nothing outside the main thread."""
    previous = {}
    for number in _ENDING:
        if signal.getsignal(number) in (signal.SIG_IGN, None):
            continue
        try:
            previous[number] = signal.signal(number, ending)
        except ValueError:  # not the main thread
            return {}
    return previous


def remove_at_end(path: str) -> None:
    """The temporary file or folder PATH is removed when the running `ending_cleanly` ends (if it is still there)."""
    _running[-1].leftovers.append(path)


def _remove(path: str) -> None:
    import shutil

    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)
    except FileNotFoundError:  # renamed into place (os.replace), or never there
        pass


@contextlib.contextmanager
def signals_held():
    """`with signals_held():` an ending signal that comes is noted, not raised, until the block ends, and raised
    then: for a step that makes a file and notes it for removal, which a signal must not come between. (Not
    blocked: the signals that a process had blocked come in the order of their numbers, not as they came.)"""
    ending = _running[-1] if _running else None
    armed = ending is not None and ending.armed
    if armed:
        ending.armed = False
    try:
        yield
    finally:
        if armed:
            ending.armed = True
    if armed:
        unless_ended()
