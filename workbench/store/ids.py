"""Provides `next_event_id`, `reserve_event_ids` and `claim_event_ids`: event ids are never
handed out twice.

SQLite gives a new row max(id) + 1, so an id freed by deleting the newest events (extraction
re-run replacing its untouched proposals, an undone import) would be given to a different
event. A screen or a second analyst still holding the old id could then confirm or edit the
wrong event, and the version check would not catch it (both rows start at version 1). The
high-water mark in `id_sequence` only grows; every event insert takes its id from it.
Call inside a write transaction.
"""

from __future__ import annotations

from typing import Any

_LAST = (  # the aggregate max(), which both backends spell alike (not the scalar max(a, b))
    "SELECT coalesce(max(n), 0) FROM (SELECT seq AS n FROM id_sequence WHERE name = 'events' "
    "UNION ALL SELECT max(id) FROM events) AS taken"
)


def last_event_id(conn: Any) -> int:
    """The highest event id ever handed out (whether or not the event still exists)."""
    return int(conn.execute(_LAST).fetchone()[0])


def claim_event_ids(conn: Any, last: int) -> None:
    """Record that ids up to `last` are taken."""
    conn.execute(
        "INSERT INTO id_sequence (name, seq) VALUES ('events', ?) "
        "ON CONFLICT(name) DO UPDATE SET seq = CASE WHEN excluded.seq > id_sequence.seq "
        "THEN excluded.seq ELSE id_sequence.seq END",
        [last],
    )


def reserve_event_ids(conn: Any, count: int) -> int:
    """The first of `count` new event ids, all marked taken: a bulk insert's."""
    first = last_event_id(conn) + 1
    claim_event_ids(conn, first + count - 1)
    return first


def next_event_id(conn: Any) -> int:
    new = last_event_id(conn) + 1
    claim_event_ids(conn, new)
    return new
