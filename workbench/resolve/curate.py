"""Provides the analyst's entity actions: merge, split an alias, rename, exclude from a cluster.

Each function is one logged action (one transaction, one `actions` row), so one undo puts
back everything it touched. A merge keeps the losing entity (``merged_into`` set), moves its
names to the survivor as aliases - extraction loads the aliases table, so later ingests
recognise them - and re-points events (actor1, actor2, place, associated actors) and
mentions to the survivor.
"""

from __future__ import annotations

import json
from typing import Any

from ..base.names import name_key
from ..store import Store, StoreError, change
from ..store.changes import Tx
from ..store.db import now
from ..store.entities import add_alias, events_referencing, find_entity, follow, repointed


def _live(store: Store, entity_id: int) -> dict[str, Any]:
    row = store.row("entities", entity_id)
    if row is None:
        raise StoreError(f"no entity with id {entity_id}")
    if row["merged_into"] is not None:
        live = follow(store, entity_id)
        raise StoreError(f"entity {entity_id} ({row['canonical']}) was merged into entity {live}")
    return row


def repoint(tx: Tx, old: int, new: int, *, mention_ids: list[int] | None = None) -> None:
    """Move mentions (all, or those given) and every event reference from `old` to `new`."""
    store = tx.store
    if mention_ids is None:
        mention_ids = [r[0] for r in store.conn.execute(
            "SELECT id FROM mentions WHERE entity_id = ?", [old])]  # fmt: skip
    for mid in mention_ids:
        tx.update("mentions", mid, {"entity_id": new})
    for event_id in events_referencing(store, old):
        tx.update("events", event_id, event_repointed(tx.get("events", event_id), old, new))


def event_repointed(row: dict[str, Any], old: int, new: int) -> dict[str, Any]:
    return {**repointed(row, old, new), "updated_at": now()}


def merge_entities(
    store: Store,
    entity_ids: list[int],
    into: int | None = None,
    *,
    action: str | None = None,
    expected_versions: dict[int, int] | None = None,
) -> int:
    """Merge entities into `into` (default: the first id); returns the survivor's id."""
    ids = list(dict.fromkeys(entity_ids))
    into = ids[0] if into is None else into
    if into not in ids:
        ids.insert(0, into)
    if len(ids) < 2:
        raise ValueError("a merge needs at least two different entities")
    rows = {i: _live(store, i) for i in ids}
    kinds = {r["kind"] for r in rows.values()}
    if len(kinds) > 1:
        raise StoreError("cannot merge an actor with a place")
    action = action or f"merge-{kinds.pop()}s"
    versions = expected_versions or {}
    with change(store, action) as tx:
        survivor = tx.get("entities", into)
        attrs = json.loads(survivor["attrs"] or "{}")
        for loser in ids:
            if loser == into:
                continue
            row = tx.get("entities", loser)
            for key, value in json.loads(row["attrs"] or "{}").items():
                if value not in (None, "") and attrs.get(key) in (None, ""):
                    attrs[key] = value  # fill what the survivor lacks; never overwrite
            _move_aliases(tx, loser, into)
            repoint(tx, loser, into)
            tx.update(
                "entities", loser, {"merged_into": into}, expected_version=versions.get(loser)
            )
        tx.update(
            "entities",
            into,
            {"attrs": json.dumps(attrs, ensure_ascii=False)},
            expected_version=versions.get(into),
        )
    return into


def _move_aliases(tx: Tx, loser: int, into: int) -> None:
    have = {r[0] for r in tx.store.conn.execute(
        "SELECT norm FROM aliases WHERE entity_id = ?", [into])}  # fmt: skip
    for alias_id, norm in tx.store.conn.execute(
        "SELECT id, norm FROM aliases WHERE entity_id = ? ORDER BY id", [loser]
    ).fetchall():
        if norm in have:
            tx.delete("aliases", alias_id)  # the survivor already answers to this name
        else:
            have.add(norm)
            tx.update("aliases", alias_id, {"entity_id": into, "source": "merge"})


def split_alias(store: Store, entity_id: int, alias: str) -> int:
    """Move one alias out into its own entity; returns that entity's id.

    An entity that was merged in under that name comes back (with its attributes);
    otherwise a new one is made. Mentions written as that alias move with it, and so do
    events whose source articles mention the entity only under that alias. The two are
    then remembered as distinct, so they are not suggested again.
    """
    row = _live(store, entity_id)
    norm = name_key(alias)
    if norm == name_key(row["canonical"]):
        raise StoreError(f"{alias!r} is the canonical name of entity {entity_id}; rename it first")
    alias_row = store.query(
        "SELECT * FROM aliases WHERE entity_id = ? AND norm = ?", [entity_id, norm]
    )
    if not alias_row:
        raise StoreError(f"entity {entity_id} ({row['canonical']}) has no alias {alias!r}")
    mentions = store.query(
        "SELECT id, article_id, text FROM mentions WHERE entity_id = ?", [entity_id]
    )
    moving = [m for m in mentions if name_key(m["text"]) == norm]
    events = _events_following(store, entity_id, mentions, norm)
    with change(store, "split-alias") as tx:
        revived = _revivable(store, entity_id, row["kind"], norm)
        if revived:
            new_id = revived
            tx.update("entities", new_id, {"merged_into": None})
        else:
            new_id = tx.insert(
                "entities",
                {
                    "kind": row["kind"],
                    "canonical": alias_row[0]["name"],
                    "attrs": "{}",
                    "origin": "analyst",
                    "created_at": now(),
                },
            )
        tx.update("aliases", alias_row[0]["id"], {"entity_id": new_id, "source": "analyst"})
        for m in moving:
            tx.update("mentions", m["id"], {"entity_id": new_id})
        for event_id in events:
            tx.update(
                "events",
                event_id,
                event_repointed(tx.get("events", event_id), entity_id, new_id),
            )
        a, b = sorted((entity_id, new_id))
        if not store.scalar(
            "SELECT 1 FROM distinct_pairs WHERE kind = 'entity' AND a = ? AND b = ?", [a, b]
        ):
            tx.insert("distinct_pairs", {"kind": "entity", "a": a, "b": b})
    return new_id


def _revivable(store: Store, entity_id: int, kind: str, norm: str) -> int | None:
    for eid, canonical in store.conn.execute(
        "SELECT id, canonical FROM entities WHERE merged_into = ? AND kind = ? ORDER BY id DESC",
        [entity_id, kind],
    ):
        if name_key(canonical) == norm:
            return eid
    return None


def _events_following(
    store: Store, entity_id: int, mentions: list[dict[str, Any]], norm: str
) -> list[int]:
    """Events whose every source article names the entity only by the split alias."""
    by_article: dict[int, set[bool]] = {}
    for m in mentions:
        by_article.setdefault(m["article_id"], set()).add(name_key(m["text"]) == norm)
    out = []
    for event_id in events_referencing(store, entity_id):
        articles = {r[0] for r in store.conn.execute(
            "SELECT article_id FROM event_sources WHERE event_id = ? UNION "
            "SELECT article_id FROM events WHERE id = ? AND article_id IS NOT NULL",
            [event_id, event_id])}  # fmt: skip
        seen = [by_article.get(a) for a in articles]
        if seen and all(s == {True} for s in seen):
            out.append(event_id)
    return out


def rename_entity(
    store: Store, entity_id: int, name: str, *, expected_version: int | None = None
) -> dict[str, Any]:
    """Give an entity a new canonical name; the old one stays as an alias."""
    row = _live(store, entity_id)
    name = " ".join(name.split())
    if not name_key(name):
        raise ValueError(f"{name!r} is not a usable name")
    other = find_entity(store, row["kind"], name)
    if other is not None and other != entity_id:
        other_name = store.scalar("SELECT canonical FROM entities WHERE id = ?", [other])
        raise StoreError(
            f"{name!r} is already a name of {row['kind']} {other} ({other_name}); merge instead"
        )
    with change(store, "rename-entity") as tx:
        add_alias(tx, entity_id, row["canonical"], source="analyst")
        add_alias(tx, entity_id, name, source="analyst")
        return tx.update(
            "entities", entity_id, {"canonical": name}, expected_version=expected_version
        )


def exclude_pairs(store: Store, entity_id: int, others: list[int]) -> int:
    """Remember that `entity_id` is not the same as any of `others`; returns pairs added."""
    _live(store, entity_id)
    added = 0
    with change(store, "exclude-name") as tx:
        for other in dict.fromkeys(others):
            if other == entity_id:
                continue
            a, b = sorted((entity_id, other))
            if store.scalar(
                "SELECT 1 FROM distinct_pairs WHERE kind = 'entity' AND a = ? AND b = ?", [a, b]
            ):
                continue
            tx.insert("distinct_pairs", {"kind": "entity", "a": a, "b": b})
            added += 1
    return added
