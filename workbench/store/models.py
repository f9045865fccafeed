"""Provides the learned layer's storage: its model per database, and the decisions it learns from.

The model is derived data (it can always be retrained from the decisions), so saving it is
not an analyst action: it is not logged and undo never touches it. Decisions are read here
so that the SQL stays in the store: an event the analyst confirmed (as extracted, corrected
or added) is an example of its sub-event type, a rejected proposal an example of a non-event.
The model's P(real event) per event (`event_odds`, derived too) is what the queue filters by
(store/queries.py), and its highest per article (`article_odds`) what it orders by
(store/likely.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .db import Store, now
from .odds import article_odds_rows

# Confirmed and rejected examples each before the model learns event-ness (learn/model.py).
MIN_EVENTNESS = 3
MIN_EVENTNESS_NOTE = (
    f"the model learns from {MIN_EVENTNESS} confirmed and {MIN_EVENTNESS} rejected proposals"
)
# The model name in event_odds of the extractor's own confidence: the order before the
# learned model can tell events from non-events.
EXTRACTOR = "extractor"


@dataclass(frozen=True)
class Decision:
    event_id: int
    article_id: int | None
    status: str  # confirmed | rejected
    sub_event_type: str
    text: str  # the evidence sentence (the first source's quote)


@dataclass(frozen=True)
class SavedModel:
    kind: str
    trained_at: str
    examples: int
    decisions: int
    meta: dict[str, Any]
    data: bytes


_EVIDENCE = (
    "(SELECT s.quote FROM event_sources s WHERE s.event_id = e.id "
    "AND s.quote != '' ORDER BY s.id LIMIT 1)"
)


def decisions(store: Store) -> list[Decision]:
    """Every confirmed or rejected event with evidence text, in article order."""
    rows = store.conn.execute(
        f"SELECT e.id, e.article_id, e.status, e.sub_event_type, {_EVIDENCE} AS quote "
        "FROM events e WHERE e.status IN ('confirmed', 'rejected') "
        "ORDER BY coalesce(e.article_id, 0), e.id"
    ).fetchall()
    return [Decision(int(r[0]), r[1], str(r[2]), str(r[3]), str(r[4])) for r in rows if r[4]]


def proposals(store: Store) -> list[Decision]:
    """Every proposed event with evidence text (status 'proposed'), in article order."""
    rows = store.conn.execute(
        f"SELECT e.id, e.article_id, e.status, e.sub_event_type, {_EVIDENCE} AS quote "
        "FROM events e WHERE e.status = 'proposed' ORDER BY coalesce(e.article_id, 0), e.id"
    ).fetchall()
    return [Decision(int(r[0]), r[1], str(r[2]), str(r[3]), str(r[4])) for r in rows if r[4]]


def decision_count(store: Store) -> int:
    return int(
        store.scalar("SELECT count(*) FROM events WHERE status IN ('confirmed', 'rejected')") or 0
    )


def decision_stamp(store: Store) -> str:
    """Changes whenever a decision is made, changed or undone: when to retrain."""
    row = store.conn.execute(
        "SELECT count(*), max(updated_at), sum(id * length(sub_event_type)) FROM events "
        "WHERE status IN ('confirmed', 'rejected')"
    ).fetchone()
    return f"{row[0]}:{row[1]}:{row[2]}"


def evidence(store: Store, event_ids: list[int]) -> dict[int, str]:
    """Event id -> its evidence sentence (events without one are left out)."""
    if not event_ids:
        return {}
    marks = ",".join("?" * len(event_ids))
    rows = store.conn.execute(
        f"SELECT e.id, {_EVIDENCE} FROM events e WHERE e.id IN ({marks})", event_ids
    ).fetchall()
    return {int(r[0]): str(r[1]) for r in rows if r[1]}


def save_model(
    store: Store, kind: str, data: bytes, *, examples: int, decisions: int, meta: dict[str, Any]
) -> None:
    with store.write() as db:
        db.execute(
            # An upsert both backends spell the same (SQLite 3.24+, PostgreSQL 9.5+).
            "INSERT INTO learned_models "
            "(kind, trained_at, examples, decisions, meta, data) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (kind) DO UPDATE SET trained_at = excluded.trained_at, "
            "examples = excluded.examples, decisions = excluded.decisions, "
            "meta = excluded.meta, data = excluded.data",
            [kind, now(), examples, decisions, json.dumps(meta, sort_keys=True), data],
        )


def load_model(store: Store, kind: str) -> SavedModel | None:
    row = store.conn.execute(
        "SELECT kind, trained_at, examples, decisions, meta, data "
        "FROM learned_models WHERE kind = ?",
        [kind],
    ).fetchone()
    if row is None:
        return None
    return SavedModel(
        str(row[0]), str(row[1]), int(row[2]), int(row[3]), json.loads(row[4]), bytes(row[5])
    )


def cached_vectors(store: Store, keys: list[str]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for lo in range(0, len(keys), 500):
        part = keys[lo : lo + 500]
        marks = ",".join("?" * len(part))
        for key, blob in store.conn.execute(
            f"SELECT key, vector FROM learned_vectors WHERE key IN ({marks})", part
        ):
            found[str(key)] = bytes(blob)
    return found


def cache_vectors(store: Store, items: list[tuple[str, bytes]]) -> None:
    if items:
        with store.write():
            store.conn.executemany(
                "INSERT INTO learned_vectors (key, vector) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET vector = excluded.vector",
                items,
            )


def unscored(store: Store, model: str, limit: int) -> list[tuple[int, str]]:
    """Up to `limit` events (not blind coders' copies) without odds from `model`, with their
    evidence sentence ("" when they have none)."""
    rows = store.conn.execute(
        f"SELECT e.id, {_EVIDENCE} FROM events e LEFT JOIN event_odds o ON o.event_id = e.id "
        "WHERE e.coder IS NULL AND (o.event_id IS NULL OR o.model != ?) ORDER BY e.id LIMIT ?",
        [model, limit],
    ).fetchall()
    return [(int(r[0]), str(r[1] or "")) for r in rows]


def has_odds(store: Store) -> bool:
    """Has any model scored events yet (the queue's model order and filter need it)?"""
    return store.scalar("SELECT 1 FROM event_odds WHERE p_event IS NOT NULL LIMIT 1") is not None


def odds_source(store: Store) -> str | None:
    """Whose odds the queue orders by: EXTRACTOR (day one), "model" once the learned model
    tells events from non-events, None before either scored an event."""
    found = store.scalar("SELECT model FROM event_odds WHERE p_event IS NOT NULL LIMIT 1")
    return None if found is None else EXTRACTOR if found == EXTRACTOR else "model"


def extractor_odds(store: Store, limit: int) -> int:
    """Day one: the extractor's confidence as the P(real event) of up to `limit` events no
    model scored yet (it is calibrated as the chance that a proposal is a real event,
    bench/calibrate); how many were written. The learned model's odds replace them once it
    can tell events from non-events (learn/engine.py score_events)."""
    rows = store.conn.execute(
        "SELECT e.id, e.confidence FROM events e LEFT JOIN event_odds o ON o.event_id = e.id "
        "WHERE e.coder IS NULL AND o.event_id IS NULL ORDER BY e.id LIMIT ?",
        [limit],
    ).fetchall()
    save_odds(store, EXTRACTOR, [(int(i), None if c is None else float(c)) for i, c in rows])
    return len(rows)


def save_odds(store: Store, model: str, odds: list[tuple[int, float | None]]) -> None:
    """P(real event) per event id (None: nothing to judge), from the model named `model`."""
    if odds:
        with store.write():
            store.conn.executemany(
                # An event undone (deleted) since it was read is skipped, not an error.
                # Typed: PostgreSQL reads an untyped NULL in a select list as text.
                "INSERT INTO event_odds (event_id, article_id, p_event, model) "
                f"SELECT id, article_id, CAST(? AS {store.sql.REAL}), ? FROM events WHERE id = ? "
                "ON CONFLICT (event_id) DO UPDATE SET p_event = excluded.p_event, "
                "model = excluded.model",
                [(p, model, i) for i, p in odds],
            )
            _article_odds(store, [i for i, _ in odds])


def _article_odds(store: Store, event_ids: list[int]) -> None:
    """Recompute the articles' row in article_odds (their likeliest event, their doubted
    proposals) for the articles of these events: what the queue's model order and filter
    read (store/likely.py)."""
    for lo in range(0, len(event_ids), 500):
        part = event_ids[lo : lo + 500]
        articles = f"SELECT article_id FROM events WHERE id IN ({','.join('?' * len(part))})"
        # Deleted and written again: an article whose events now have no odds (no evidence
        # to judge) has no row, as before any model scored it.
        store.conn.execute(f"DELETE FROM article_odds WHERE article_id IN ({articles})", part)
        store.conn.execute(
            "INSERT INTO article_odds (article_id, likely, doubted) "
            + article_odds_rows(f"o.article_id IN ({articles})"),
            part,
        )
