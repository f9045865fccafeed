"""Provides `Watchdog`: a time budget per article, so one runaway text cannot stall a batch.

The extractor is pure Python, so a stuck article can be stopped from outside: a watchdog
thread waits for the budget to pass and then raises `ExtractionTimeout` in the extracting
thread (CPython's `PyThreadState_SetAsyncExc`, delivered at the next bytecode). This works
in the TUI's worker threads and in the worker processes alike, where a signal-based alarm
would work only in a main thread. A single C call that never returns (no such regex is known)
would not be interrupted; everything else is.

The budget counts the extracting thread's own CPU time where the platform offers a
per-thread clock (Linux, BSD, macOS), so a machine busy with other work does not stop an
article a quiet one would finish; elsewhere it counts wall time.
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
import time
from collections.abc import Callable, Iterator

from ..base.budget import DEFAULT_SECONDS


def _clock_of(thread_id: int) -> Callable[[], float]:
    """The CPU-time clock of a thread (its pthread id), or wall time where there is none."""
    try:
        clock_id = time.pthread_getcpuclockid(thread_id)
    except (AttributeError, OSError):
        return time.monotonic
    return lambda: time.clock_gettime(clock_id)


class ExtractionTimeout(Exception):
    """The article ran past its time budget."""


def _raise_in(thread_id: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(ExtractionTimeout)
    )


class Watchdog:
    """One thread that stops the article being extracted once it has run `seconds`.

    Use `with watchdog.limit(): extract(...)` around each article, inside a `try` that
    catches `ExtractionTimeout` (it can arrive as the block ends); `close()` ends the thread.
    """

    def __init__(self, seconds: float | None = DEFAULT_SECONDS) -> None:
        self.seconds = seconds or 0.0
        self._cond = threading.Condition()
        self._armed: tuple[int, Callable[[], float], float] | None = None  # id, clock, end
        self._closed = False
        self._thread: threading.Thread | None = None

    @contextlib.contextmanager
    def limit(self) -> Iterator[None]:
        if self.seconds <= 0:
            yield
            return
        clock = _clock_of(threading.get_ident())
        with self._cond:
            self._armed = (threading.get_ident(), clock, clock() + self.seconds)
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="extract-watchdog")
                self._thread.daemon = True
                self._thread.start()
            self._cond.notify()
        try:
            yield
        finally:
            with self._cond:  # disarmed under the lock: no exception is sent after this
                self._armed = None
                self._cond.notify()

    def _watch(self) -> None:
        with self._cond:
            while not self._closed:
                if self._armed is None:
                    self._cond.wait()
                    continue
                thread_id, clock, deadline = self._armed
                left = deadline - clock()
                if left > 0:
                    self._cond.wait(left)  # a wall second holds at most a CPU second
                    continue
                self._armed = None
                _raise_in(thread_id)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
