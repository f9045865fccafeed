"""Provides `Writer`: the analyst's changes, applied in key-press order on one worker thread.

Keys are faster than fsync: the screen updates at once and queues the write here. One thread
applies the writes in order, so three quick `confirm-event` presses confirm three events in
order, and the UI never waits on the disk.

Each change is checked against the row version the analyst saw (`ConflictError` when someone
else changed it). A version this writer itself produced moments ago (say the analyst
confirms, then edits the same event before the screen has caught up) is not someone else's
change: `expected()` follows the versions this thread wrote, so only foreign changes conflict.
"""

from __future__ import annotations

import collections
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from ..base.untrusted import one_line
from ..store import Store, StoreError
from .data import Gateway

Expect = Callable[[str, int, int], int]
RETRY_SECONDS = 1.0  # how often a change waiting for an unreachable server is tried again


@dataclass
class Job:
    fn: Callable[[Store, Expect], Any]  # runs on the writer thread, under the gateway lock
    on_done: Callable[[Any], object] | None = None  # called on the UI thread
    on_error: Callable[[Exception], object] | None = None
    table: str | None = None  # table of the row `fn` returns, to learn its new version


class Writer:
    """A queue of Jobs and the thread worker that drains it."""

    def __init__(self, gateway: Gateway, post: Callable[[Callable[[], object]], None]):
        self.gateway = gateway
        self.post = post  # schedules a callable on the UI thread
        self.jobs: queue.Queue[Job | None] = queue.Queue()
        self._moved: dict[tuple[str, int], dict[int, int]] = {}
        # When each change not yet written was made (oldest first): the screen says "not
        # saved" when the oldest has waited over a second (the database locked elsewhere).
        self._queued: collections.deque[float] = collections.deque()
        self._queued_lock = threading.Lock()
        self.refuse: str | None = None  # why no write may be made (a damaged database)
        self.offline: str | None = None  # why changes wait: the server cannot be reached
        self.cancelled: Callable[[], bool] = lambda: False

    def submit(self, job: Job) -> None:
        with self._queued_lock:
            self._queued.append(time.monotonic())
        self.jobs.put(job)

    def unsaved(self) -> tuple[int, float]:
        """(changes not written yet, seconds the oldest has waited)."""
        with self._queued_lock:
            if not self._queued:
                return 0, 0.0
            return len(self._queued), time.monotonic() - self._queued[0]

    def stop(self) -> None:
        self.jobs.put(None)

    def drain(self) -> None:
        """Block until every queued job has been applied (call from a thread)."""
        self.jobs.join()

    def expected(self, table: str, row_id: int, seen: int) -> int:
        moves = self._moved.get((table, row_id), {})
        steps = 0
        while seen in moves and steps < 1000:
            seen, steps = moves[seen], steps + 1
        return seen

    def _learn(self, table: str, before: int, row: Any) -> None:
        if isinstance(row, dict) and "id" in row and "version" in row:
            self._moved.setdefault((table, row["id"]), {})[before] = row["version"]

    def run(self, cancelled: Callable[[], bool]) -> None:
        """The worker body: apply jobs until `stop()` or cancellation (which also ends the
        wait for an unreachable server: the app is closing)."""
        self.cancelled = cancelled
        while True:
            try:
                job = self.jobs.get(timeout=0.2)
            except queue.Empty:
                if cancelled():
                    return
                continue
            if job is None:
                self.jobs.task_done()
                return
            try:
                self._apply(job)
            finally:
                with self._queued_lock:
                    if self._queued:
                        self._queued.popleft()
                self.jobs.task_done()

    def _apply(self, job: Job) -> None:
        seen_versions: list[tuple[str, int, int]] = []

        def expect(table: str, row_id: int, seen: int) -> int:
            version = self.expected(table, row_id, seen)
            seen_versions.append((table, row_id, version))
            return version

        while True:
            seen_versions.clear()
            try:
                if self.refuse:
                    raise StoreError(self.refuse)
                with self.gateway.lock:
                    result = job.fn(self.gateway.store, expect)
            except Exception as exc:  # shown to the analyst; the app keeps running
                store = self.gateway.store
                if store.sql.unreachable(store.conn) and not self.cancelled():
                    # The server went away: the change was rolled back with its transaction
                    # and waits here, counted as not saved yet, until the server is back.
                    cause = str(exc.__cause__ or exc).strip().splitlines() or ["unreachable"]
                    self.offline = one_line(cause[0])
                    time.sleep(RETRY_SECONDS)
                    continue
                self.offline = None
                if job.on_error:
                    self.post(partial(job.on_error, exc))
                return
            self.offline = None
            break
        for table, row_id, version in seen_versions:
            if table == job.table and isinstance(result, dict) and result.get("id") == row_id:
                self._learn(table, version, result)
        if job.on_done:
            self.post(partial(job.on_done, result))
