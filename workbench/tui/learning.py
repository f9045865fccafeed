"""Provides `Learner`: the learned layer for one open database, used only from workers.

The model loads on first use, in a worker, so the workbench opens as fast without it. The
app retrains in a worker at start-up when decisions changed since the stored model, and then
whenever `RETRAIN_EVERY` more decisions were made (checked every `CHECK_SECONDS`); a key
never waits for it. After a retrain, and for events extracted or added since, it writes the
model's P(real event) per event in small batches (the queue orders and filters by it), so a
review screen asking for suggestions waits at most one batch. Each call opens its own connection: SQLite connections stay in the
thread that made them, and workers run in different threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from ..store import Store

RETRAIN_EVERY = 10
CHECK_SECONDS = 20.0
SCORE_BATCH = 64  # events embedded and scored per hold of the engine (about 2 s at most)


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

    def score_due(self, cancelled: Callable[[], bool] = lambda: False) -> int:
        """Score every event the current model has not (batch by batch, releasing the
        engine between batches); how many were scored."""
        from ..learn.engine import refresh, score_events

        def run(engine, store):
            refresh(store, engine)
            return score_events(store, engine, SCORE_BATCH)

        total = 0
        while not cancelled():
            done = self._with_engine(run)
            if not done:
                break
            total += done
        return total

    def step(self, cancelled: Callable[[], bool] = lambda: False) -> int:
        """What the app's worker runs: retrain if due, then score; events scored."""
        self.retrain_if_due()
        return self.score_due(cancelled)
