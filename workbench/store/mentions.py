"""Provides `fix_mentions`: re-link mentions to another (or a new) entity, or drop them.

Events follow in the same logged action: an event of the article whose actor, associated
actor or place was the mention's old entity, and which used that mention (the mention lies
inside the event's evidence, or no other live mention of the old entity is left in the
article), now points at the new entity, or at nothing when the mention was dropped.
"""

from __future__ import annotations

from typing import Any

from .changes import Tx, change
from .db import Store, StoreError, now
from .entities import KINDS, find_or_create, repointed


def fix_mentions(
    store: Store,
    mention_ids: list[int],
    name: str | None = None,
    *,
    drop: bool = False,
    expected_versions: dict[int, int] | None = None,
) -> dict[str, Any]:
    """Re-link (to `name`, created if new) or drop mentions: one undoable action.

    Returns {"mentions": [...ids], "entity_id": id or None, "events": [...ids changed]}.
    """
    if not mention_ids:
        raise ValueError("no mention to fix")
    if not drop and not (name or "").strip():
        raise ValueError("give the entity name to link the mention to, or drop it")
    with change(store, "fix-mention") as tx:
        mentions = [tx.get("mentions", m) for m in dict.fromkeys(mention_ids)]
        article_ids = {m["article_id"] for m in mentions}
        if len(article_ids) != 1:
            raise StoreError("mentions to fix together must come from one article")
        new_id = None
        if not drop:
            kinds = {m["kind"] for m in mentions}
            if len(kinds) != 1 or next(iter(kinds)) not in KINDS:
                raise ValueError("only actor and place mentions link to entities; drop others")
            new_id = find_or_create(tx, kinds.pop(), (name or "").strip())
        changed_events: set[int] = set()
        for m in mentions:
            expected = (expected_versions or {}).get(m["id"])
            values: dict[str, Any] = {"edited": 1}
            if drop:
                values["status"] = "dropped"
            else:
                values["entity_id"] = new_id
            tx.update("mentions", m["id"], values, expected_version=expected)
            if m["entity_id"] is not None and m["entity_id"] != new_id:
                changed_events |= _follow_events(tx, m, new_id)
        return {
            "mentions": [m["id"] for m in mentions],
            "entity_id": new_id,
            "events": sorted(changed_events),
        }


def _follow_events(tx: Tx, mention: dict[str, Any], new_id: int | None) -> set[int]:
    store = tx.store
    old = mention["entity_id"]
    article = mention["article_id"]
    others_left = store.scalar(
        "SELECT COUNT(*) FROM mentions WHERE article_id = ? AND entity_id = ? "
        "AND status = 'active' AND id != ?",
        [article, old, mention["id"]],
    )
    events = store.query(
        """
        SELECT e.*, s.start AS src_start, s.end AS src_end FROM events e
        LEFT JOIN event_sources s ON s.event_id = e.id AND s.article_id = :a
        WHERE e.status != 'merged' AND (e.article_id = :a OR s.id IS NOT NULL)
        """,
        {"a": article},
    )
    changed: set[int] = set()
    for ev in events:
        inside = (
            ev["src_start"] is not None
            and ev["src_end"] is not None
            and ev["src_start"] <= mention["start"]
            and mention["end"] <= ev["src_end"]
        )
        if not inside and others_left:
            continue
        values = repointed(tx.get("events", ev["id"]), old, new_id)
        if values:
            values.update(edited=1, updated_at=now())
            tx.update("events", ev["id"], values)
            changed.add(ev["id"])
    return changed
