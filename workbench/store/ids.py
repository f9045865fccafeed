"""Provides `next_event_id` and `claim_event_ids`: event ids are never handed out twice.

SQLite gives a new row max(id) + 1, so an id freed by deleting the newest events (extraction
re-run replacing its untouched proposals, an undone import) would be given to a different
event. A screen or a second analyst still holding the old id could then confirm or edit the
wrong event, and the version check would not catch it (both rows start at version 1). The
high-water mark in `id_sequence` only grows; every event insert takes its id from it.
Call inside a write transaction.
"""

from __future__ import annotations

import sqlite3

_LAST = (
    "SELECT max(coalesce((SELECT seq FROM id_sequence WHERE name = 'events'), 0), "
    "coalesce((SELECT max(id) FROM events), 0))"
)


def last_event_id(conn: sqlite3.Connection) -> int:
    """The highest event id ever handed out (whether or not the event still exists)."""
    return int(conn.execute(_LAST).fetchone()[0])


def claim_event_ids(conn: sqlite3.Connection, last: int) -> None:
    """Record that ids up to `last` are taken."""
    conn.execute(
        "INSERT INTO id_sequence (name, seq) VALUES ('events', ?) "
        "ON CONFLICT(name) DO UPDATE SET seq = max(seq, excluded.seq)",
        [last],
    )


def next_event_id(conn: sqlite3.Connection) -> int:
    new = last_event_id(conn) + 1
    claim_event_ids(conn, new)
    return new
