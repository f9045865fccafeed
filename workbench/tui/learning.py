"""Provides `Learner`: the learned layer for one open database, used only from workers.

The model loads on first use, in a worker, so the workbench opens as fast without it. The
app retrains in a worker at start-up when decisions changed since the stored model, and then
whenever `RETRAIN_EVERY` more decisions were made (checked every `CHECK_SECONDS`); a key
never waits for it. Each call opens its own connection: SQLite connections stay in the
thread that made them, and workers run in different threads.
"""

from __future__ import annotations

import threading
from typing import Any

from ..store import Store

RETRAIN_EVERY = 10
CHECK_SECONDS = 20.0


class Learner:
    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.lock = threading.Lock()  # one engine user at a time (the engine is not shared-safe)
        self.engine: Any = None
        self.why = ""
        self.trained_on: int | None = None  # decisions when last trained or checked
        self.failed = ""

    def _with_engine(self, fn):
        from ..learn.engine import engine_for

        with self.lock, Store(self.db_path) as store:
            if self.engine is None:
                self.engine, self.why = engine_for(store)
            self.engine.store = store
            try:
                return fn(self.engine, store)
            finally:
                self.engine.store = None

    def suggestions(self, events: list[Any]) -> dict[int, tuple[list[Any], float | None]]:
        """Event id -> (ranked suggestions, P(real event) or None), for events with evidence."""
        shown = [e for e in events if e.quote]
        if not shown:
            return {}

        def run(engine, _store):
            texts = [e.quote for e in shown]
            ranked = engine.rank(texts)
            odds = engine.eventness(texts)
            return {e.id: (r, p) for e, r, p in zip(shown, ranked, odds, strict=True)}

        return self._with_engine(run)

    def retrain_if_due(self) -> bool:
        """Retrain when the stored model is stale: at start-up on any change, later after
        RETRAIN_EVERY new decisions. True if it trained."""
        from ..learn.engine import is_stale, retrain
        from ..store.models import decision_count

        def run(engine, store):
            count = decision_count(store)
            if self.trained_on is not None and abs(count - self.trained_on) < RETRAIN_EVERY:
                return False
            self.trained_on = count
            if not is_stale(store, engine):
                return False
            retrain(store, engine)
            return True

        return self._with_engine(run)
