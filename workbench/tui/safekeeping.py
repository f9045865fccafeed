"""Provides `Safekeeping`, mixed into the app: the analyst always knows what is not saved.

- A decision shows at once (its mark followed by `…`) but is written by the writer thread;
  when the oldest change has waited over a second (the database locked by another process)
  the bottom line says how many changes are "not saved yet" and a notice says why, and
  "Saved" when they are written. A change the store refuses says "Not saved: ...".
- At start-up SQLite's quick_check runs on a connection of its own, in the background
  (~10 ms per MB: 4 s for a 400 MB database, never in the UI's way); if it fails, no write
  is made from then on and the notice says so.
- On a server that goes away (stopped, restarted, the network cut) changes wait the same
  way, tried again each second, and are written in order when it is back; a read that
  fails meanwhile is a notice, never the end of the session.
- A write-ahead log deleted or replaced under the open database (see `store.faults`) stops
  all writing, with a notice.
- Articles an interrupted ingest left unextracted are extracted at start-up, on a
  connection of their own, and the bottom line counts those not extracted yet or failed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import work

from ..store import Store

if TYPE_CHECKING:
    from textual.app import App

    from .data import Gateway
    from .writer import Writer

    _App = App[Any]
else:
    _App = object

WAIT_NOTICE = 1.0  # seconds a change may wait before the screen says it is not saved


class Safekeeping(_App):
    """Mixed into `WorkbenchApp` (which has `writer`, `gateway`, `db_path`, `_post`)."""

    if TYPE_CHECKING:
        writer: Writer
        gateway: Gateway
        db_path: str
        analyst: str

        def _post(self, fn: Callable[[], None]) -> None: ...

        def reload_screen(self) -> None: ...

        def refresh_progress(self) -> Any: ...

    unsaved = 0  # changes waiting over WAIT_NOTICE seconds (0: none, or not waiting long)
    health_seconds: float | None = None  # how long the start-up check took

    def start_safekeeping(self) -> None:
        self._told_refusal = False
        self.set_interval(0.4, self._watch_writes)
        if self.db_path != ":memory:":
            self.check_health()

    @work(thread=True, exclusive=True, group="health")
    def check_health(self) -> None:
        started = time.perf_counter()
        with Store(self.db_path, analyst=self.analyst) as store:
            problem = store.check_quick()
        self.health_seconds = time.perf_counter() - started
        if problem:
            self.writer.refuse = (
                f"{store.sql.describe(self.db_path)}: the database file is damaged "
                f"({problem[:200]}); nothing "
                f"will be written. Close the workbench and run `workbench check`."
            )
            self._post(self._tell_refusal)

    def _tell_refusal(self) -> None:
        if not self._told_refusal and self.writer.refuse:
            self._told_refusal = True
            self.notify(self.writer.refuse, severity="error", timeout=3600)

    def _watch_writes(self) -> None:
        broken = self.gateway.store.wal.broken
        if broken and not self.writer.refuse:
            self.writer.refuse = broken
        if self.writer.refuse:
            self._tell_refusal()
        count, waited = self.writer.unsaved()
        waiting = count if waited > WAIT_NOTICE else 0
        if bool(waiting) != bool(self.unsaved):
            if waiting and self.writer.offline:
                self.notify(
                    f"Not saved yet: {count} change(s) wait for the database server "
                    f"({self.writer.offline}). They are written in order when it is back; "
                    f"quitting waits for them.",
                    severity="warning",
                    timeout=30,
                )
            elif waiting:
                self.notify(
                    f"Not saved yet: {count} change(s) wait for the database (another program "
                    f"is writing to it). They are written in order when it frees; quitting "
                    f"waits for them.",
                    severity="warning",
                )
            else:
                self.notify("Saved")
        if waiting != self.unsaved:
            self.unsaved = waiting
            self._refresh_progress_lines()

    def _refresh_progress_lines(self) -> None:
        from .widgets.progress_line import ProgressLine

        for line in self.screen.query(ProgressLine):
            line.refresh()

    @work(thread=True, exclusive=True, group="extract")
    def finish_extraction(self) -> None:
        """Extract the articles an interrupted ingest left unextracted (not those that
        failed: `workbench extract --all` retries them), on a connection of its own."""
        from ..extract.run import extract_articles, unextracted

        with Store(self.db_path, analyst=self.analyst) as store:
            pending, _ = unextracted(store)
            if not pending:
                return
            self._post(
                partial(
                    self.notify,
                    f"Extracting {len(pending)} article(s) an earlier run left unextracted",
                )
            )
            summary = extract_articles(store, pending, workers=1)
        failed = len(summary["failed"])
        message = f"Extracted {len(pending) - failed} article(s) left unextracted"
        if failed:
            message += f"; {failed} failed (see workbench articles list --status unextracted)"
        self._post(partial(self.notify, message, markup=False))
        self._post(self.reload_screen)
        self._post(lambda: self.refresh_progress())

    def not_saved(self, exc: Exception | str) -> str:
        """The notice for a change the store refused."""
        return f"Not saved: {exc}"
