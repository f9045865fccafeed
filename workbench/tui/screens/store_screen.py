"""Provides `StoreScreen`: a screen that reads through a database connection of its own.

The names and duplicates screens compute clusters and pairs in thread workers, which may
take a while: on their own `Store` (passed in, or opened from a path; WAL lets it read while
the app writes), guarded by a lock so one worker uses it at a time, and closed when the
screen goes away. Their changes go through the app's writer (`app.submit`), as every
screen's do. A worker hands what it read to the screen through `deliver`, which drops it
when the screen has closed meanwhile (escape pressed while a slow load ran).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from ...store import Store
from ..data import for_screen


class StoreScreen(Screen):
    def __init__(self, store: Store | str | None = None) -> None:
        super().__init__()
        # The screen owns this connection (the app opens one for it) and closes it.
        self.store = for_screen(store if isinstance(store, Store) else Store(store))
        # One connection, used by one worker at a time. Not `self.lock`: that is Textual's
        # own (an asyncio lock that Widget.batch() takes).
        self.db_lock = threading.Lock()

    def deliver(self, fn: Callable[..., object], *args: Any) -> None:
        """From a worker thread: run `fn(*args)` on the UI thread if this screen is still
        open. A load that finished after its screen was dismissed filled widgets already
        removed (NoMatches, and the app died: bench/hostile under load)."""
        self.app.call_from_thread(self._if_open, fn, *args)

    def _if_open(self, fn: Callable[..., object], *args: Any) -> None:
        if self in self.app.screen_stack:
            fn(*args)

    def on_unmount(self) -> None:
        with self.db_lock:
            self.store.close()
