"""Provides read-only views of actors and places: listing with counts, names, example contexts.

Counts are active mentions; a page is read with LIMIT/OFFSET so screens never hold more than
they show. Merged-away entities are hidden (their names live on as aliases of the survivor).
"""

from __future__ import annotations

import json
from typing import Any

from ..base.names import name_key
from ..store import Store

KINDS = ("actor", "place")
# Places with no coordinates (the gazetteer did not know them and nobody set them), so an
# analyst can place them in one pass, most mentioned first.
UNPLACED = "unplaced"

_COUNT = "(SELECT count(*) FROM mentions m WHERE m.entity_id = e.id AND m.status = 'active')"


def _kind_clause(store: Store, kind: str | None) -> tuple[str, list[Any]]:
    if kind is None:
        return "", []
    if kind == UNPLACED:
        latitude = store.sql.json_value("e.attrs", "latitude")
        return f" AND e.kind = 'place' AND {latitude} IS NULL", []
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    return " AND e.kind = ?", [kind]


def aliases_of(store: Store, entity_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {i: [] for i in entity_ids}
    for start in range(0, len(entity_ids), 500):
        chunk = entity_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for eid, name in store.conn.execute(
            f"SELECT entity_id, name FROM aliases WHERE entity_id IN ({marks}) ORDER BY id", chunk
        ):
            out[eid].append(name)
    return out


def attributes_of(store: Store, entity_ids: list[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(entity_ids), 500):
        chunk = entity_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for eid, attrs in store.conn.execute(
            f"SELECT id, attrs FROM entities WHERE id IN ({marks})", chunk
        ):
            out[eid] = json.loads(attrs or "{}")
    return out


def list_entities(
    store: Store,
    kind: str | None = None,
    *,
    search: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Live entities, most mentioned first: entity_id, kind, canonical, aliases, count, attrs."""
    where, params = _kind_clause(store, kind)
    if search:
        # Match the canonical name or any alias, on the stored alias key.
        where += (
            " AND (e.canonical LIKE ? OR EXISTS (SELECT 1 FROM aliases a "
            "WHERE a.entity_id = e.id AND a.norm LIKE ?))"
        )
        params += [f"%{search.strip()}%", f"%{name_key(search)}%"]
    sql = (
        f"SELECT e.id, e.kind, e.canonical, e.attrs, e.origin, e.version, {_COUNT} AS count "
        f"FROM entities e WHERE e.merged_into IS NULL{where} "
        "ORDER BY count DESC, lower(e.canonical), e.id"
    )
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = store.conn.execute(sql, params).fetchall()
    names = aliases_of(store, [r[0] for r in rows])
    out = []
    for eid, kind_, canonical, attrs, origin, version, count in rows:
        out.append(
            {
                "entity_id": eid,
                "kind": kind_,
                "canonical": canonical,
                "aliases": [n for n in names[eid] if n != canonical],
                "count": count,
                "attrs": json.loads(attrs or "{}"),
                "origin": origin,
                "version": version,
            }
        )
    return out


def count_entities(store: Store, kind: str | None = None) -> int:
    where, params = _kind_clause(store, kind)
    return store.scalar(
        f"SELECT count(*) FROM entities e WHERE e.merged_into IS NULL{where}", params
    )


def mention_counts(store: Store, kind: str | None = None) -> dict[int, int]:
    where, params = _kind_clause(store, kind)
    rows = store.conn.execute(
        "SELECT m.entity_id, count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id "
        f"WHERE m.status = 'active'{where} GROUP BY m.entity_id",
        params,
    )
    return dict(rows.fetchall())


def examples(store: Store, entity_id: int, limit: int = 3, width: int = 70) -> list[dict[str, Any]]:
    """Where an entity is mentioned: article, and the text before/at/after the mention."""
    # CASE, not the two-argument max()/min() PostgreSQL does not have (it spells them
    # greatest/least): the `width` characters before the mention, fewer at the text's start.
    rows = store.conn.execute(
        "SELECT m.article_id, m.start, m.end, a.title, a.file, "
        "substr(a.text, CASE WHEN m.start < :width THEN 1 ELSE m.start + 1 - :width END, "
        "CASE WHEN m.start < :width THEN m.start ELSE :width END), "
        "substr(a.text, m.start + 1, m.end - m.start), substr(a.text, m.end + 1, :width) "
        "FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.entity_id = :entity AND m.status = 'active' "
        "ORDER BY m.article_id, m.start LIMIT :limit",
        {"width": width, "entity": entity_id, "limit": limit},
    )
    return [
        {
            "article_id": aid,
            "title": title or file,
            "start": start,
            "end": end,
            "before": " ".join(before.split()),
            "text": text,
            "after": " ".join(after.split()),
        }
        for aid, start, end, title, file, before, text, after in rows
    ]
