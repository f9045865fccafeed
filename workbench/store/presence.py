"""Provides presence: which article each analyst has open, so two people don't code the
same article by accident.

An open review screen sends a heartbeat (`touch`) every 20 seconds; a row older than a
minute is stale (a closed laptop, a killed process) and ignored. Presence is not a decision
on the data: it is written outside the action log (logging a heartbeat every 20 seconds
would bury the analysts' actions) and never undone, in a short transaction of its own.
The upsert is the standard `ON CONFLICT ... DO UPDATE`, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from .db import Store, now

STALE_AFTER = timedelta(minutes=1)
HEARTBEAT_SECONDS = 20


def touch(store: Store, article_id: int | None) -> None:
    """Record that the store's analyst has `article_id` open (None: no article)."""
    with store.write():
        store.conn.execute(
            "INSERT INTO presence (analyst, article_id, seen_at) VALUES (?, ?, ?) "
            "ON CONFLICT (analyst) DO UPDATE SET article_id = excluded.article_id, "
            "seen_at = excluded.seen_at",
            [store.analyst, article_id, now()],
        )


def _cutoff() -> str:
    when = datetime.now(UTC) - STALE_AFTER
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def present(store: Store, article_ids: list[int]) -> dict[int, list[str]]:
    """The other analysts who have each of these articles open now."""
    out: dict[int, list[str]] = {}
    if not article_ids:
        return out
    marks = ",".join("?" for _ in article_ids)
    for row in store.query(
        f"SELECT article_id, analyst FROM presence WHERE article_id IN ({marks}) "
        "AND seen_at >= ? AND analyst != ? ORDER BY analyst",
        [*article_ids, _cutoff(), store.analyst],
    ):
        out.setdefault(int(row["article_id"]), []).append(str(row["analyst"]))
    return out
