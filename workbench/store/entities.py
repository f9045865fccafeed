"""Provides entity lookup and creation by name or alias (actors and places).

An entity is found by the `name_key` of its canonical name or any alias; an entity merged
into another (`merged_into`) is followed to the survivor, so old names keep resolving.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ..base.names import name_key
from .changes import Tx
from .db import Store, now
from .record import ENTITY_COLUMNS, ENTITY_LIST_COLUMNS

KINDS = ("actor", "place")


def follow(store: Store, entity_id: int | None) -> int | None:
    """The live entity an id now stands for (following merges)."""
    seen = set()
    while entity_id is not None and entity_id not in seen:
        seen.add(entity_id)
        nxt = store.scalar("SELECT merged_into FROM entities WHERE id = ?", [entity_id])
        if nxt is None:
            return entity_id
        entity_id = nxt
    return entity_id


def follow_merges(parent: Mapping[int, int | None]) -> dict[int, int]:
    """Entity id -> the live entity it now stands for, given each id's `merged_into`: for
    passes over many events (exports, duplicate detection) that read entities once."""

    def live(i: int) -> int:
        seen: set[int] = set()
        while (nxt := parent.get(i)) is not None and i not in seen:
            seen.add(i)
            i = nxt
        return i

    return {i: live(i) for i in parent}


def live_ids(store: Store) -> dict[int, int]:
    """`follow_merges` over every entity of the database."""
    return follow_merges(dict(store.conn.execute("SELECT id, merged_into FROM entities")))


def events_referencing(store: Store, entity_id: int) -> list[int]:
    """Ids of the events that name an entity in any entity column (ENTITY_COLUMNS and the
    lists in ENTITY_LIST_COLUMNS)."""
    single = " OR ".join(f"{c} = ?1" for c in ENTITY_COLUMNS)
    lists = " OR ".join(
        f"EXISTS (SELECT 1 FROM {store.sql.json_ints(c)} AS j WHERE j.value = ?1)"
        for c in ENTITY_LIST_COLUMNS
    )
    rows = store.conn.execute(
        f"SELECT id FROM events WHERE {single} OR {lists} ORDER BY id", [entity_id]
    )
    return [r[0] for r in rows]


def repointed(row: dict[str, Any], old: int | None, new: int | None) -> dict[str, Any]:
    """The entity columns of an events row that change when `old` becomes `new` (None: the
    reference is dropped); a list keeps each entity once."""
    values: dict[str, Any] = {c: new for c in ENTITY_COLUMNS if row[c] == old}
    for col in ENTITY_LIST_COLUMNS:
        ids = json.loads(row[col] or "[]")
        if old in ids:
            moved = [new if i == old else i for i in ids if new is not None or i != old]
            values[col] = json.dumps(list(dict.fromkeys(moved)))
    return values


def find_entity(store: Store, kind: str, name: str) -> int | None:
    """The live entity of this kind whose canonical name or alias matches `name`."""
    norm = name_key(name)
    if not norm:
        return None
    row = store.conn.execute(
        "SELECT e.id FROM aliases a JOIN entities e ON e.id = a.entity_id "
        "WHERE a.norm = ? AND e.kind = ? ORDER BY e.merged_into IS NOT NULL, e.id LIMIT 1",
        [norm, kind],
    ).fetchone()
    return follow(store, row[0]) if row else None


# (kind, name_key) -> the live entity's id and attrs (None: read them if needed).
Found = dict[tuple[str, str], tuple[int, dict[str, Any] | None]]


def find_many_later(store: Store, names: Iterable[tuple[str, str]]) -> Callable[[], Found]:
    """`find_entity` for several (kind, name) pairs in one query sent with the next
    statement (on a server, with an action's locks: no round trip of its own under them);
    the returned function gives those found, keyed by (kind, name_key(name))."""
    norms = sorted({n for _, name in names if (n := name_key(name))})
    if not norms:
        return dict
    rows = store.sql.rows_later(
        store.conn,
        "SELECT a.norm, e.kind, e.id, e.merged_into, e.attrs FROM aliases a "
        f"JOIN entities e ON e.id = a.entity_id WHERE a.norm IN ({', '.join('?' * len(norms))}) "
        "ORDER BY e.merged_into IS NOT NULL, e.id",
        norms,
    )

    def found() -> Found:
        out: Found = {}
        for row in rows():  # the first per name as find_entity orders them
            if (row["kind"], row["norm"]) not in out:
                merged = row["merged_into"] is not None  # rare: followed, a query per step
                attrs = None if merged else json.loads(row["attrs"]) if row["attrs"] else {}
                live = follow(store, row["id"]) if merged else row["id"]
                out[row["kind"], row["norm"]] = (live or row["id"], attrs)
        return out

    return found


def entity_name(store: Store, entity_id: int | None) -> str:
    if entity_id is None:
        return ""
    return store.scalar("SELECT canonical FROM entities WHERE id = ?", [entity_id]) or ""


def _names_query(ids: Iterable[int | None]) -> tuple[str, list[int]]:
    wanted = sorted({i for i in ids if i is not None})
    return (
        f"SELECT id, canonical FROM entities WHERE id IN ({', '.join('?' * len(wanted))})",
        wanted,
    )


def entity_names(store: Store, ids: Iterable[int | None]) -> dict[int, str]:
    """The canonical names of these entities, by id, in one query (None ids left out)."""
    sql, wanted = _names_query(ids)
    if not wanted:
        return {}
    return {int(i): name or "" for i, name in store.conn.execute(sql, wanted)}


def entity_names_later(store: Store, ids: Iterable[int | None]) -> Callable[[], dict[int, str]]:
    """As `entity_names`, sent with the next statement (on a server, in its round trip);
    call the returned function after that statement."""
    sql, wanted = _names_query(ids)
    if not wanted:
        return dict
    rows = store.sql.rows_later(store.conn, sql, wanted)
    return lambda: {int(r["id"]): r["canonical"] or "" for r in rows()}


def article_country(store: Store, article_id: int) -> str | None:
    """The country most of the article's places are in, as its place entity's name; None
    when its places name no country, or the country is no place here. Where an event added
    from a sentence that names no place happened, at country precision (ACLED codes the
    country when it knows no more)."""
    rows = store.conn.execute(
        "SELECT e.attrs FROM mentions m JOIN entities e ON e.id = m.entity_id "
        "WHERE m.article_id = ? AND m.kind = 'place' AND m.status = 'active'",
        [article_id],
    ).fetchall()
    counts = Counter(json.loads(attrs or "{}").get("country") for (attrs,) in rows)
    counts.pop(None, None)
    if not counts:
        return None
    place = find_entity(store, "place", counts.most_common(1)[0][0])
    return entity_name(store, place) if place else None


def entity_attrs(store: Store, entity_id: int | None) -> dict[str, Any]:
    if entity_id is None:
        return {}
    raw = store.scalar("SELECT attrs FROM entities WHERE id = ?", [entity_id])
    return json.loads(raw) if raw else {}


def create_entity(
    tx: Tx,
    kind: str,
    canonical: str,
    *,
    attrs: dict[str, Any] | None = None,
    aliases: Sequence[str] = (),
    origin: str = "analyst",
) -> int:
    if kind not in KINDS:
        raise ValueError(f"entity kind must be one of {', '.join(KINDS)}, not {kind!r}")
    canonical = canonical.strip()
    if not name_key(canonical):
        raise ValueError(f"{canonical!r} is not a usable {kind} name")
    entity_id = tx.insert(
        "entities",
        {
            "kind": kind,
            "canonical": canonical,
            "attrs": json.dumps(attrs or {}, ensure_ascii=False),
            "origin": origin,
            "created_at": now(),
        },
    )
    # Its first alias, unchecked: a new entity has none.
    tx.insert("aliases", {"entity_id": entity_id, "name": canonical,
                          "norm": name_key(canonical), "source": origin})  # fmt: skip
    for alias in aliases:
        add_alias(tx, entity_id, alias, source=origin)
    return entity_id


def add_alias(tx: Tx, entity_id: int, name: str, *, source: str = "analyst") -> int | None:
    """Attach an alias unless the entity already has one with the same key."""
    norm = name_key(name)
    if not norm:
        return None
    exists = tx.store.scalar(
        "SELECT id FROM aliases WHERE entity_id = ? AND norm = ?", [entity_id, norm]
    )
    if exists:
        return None
    return tx.insert(
        "aliases", {"entity_id": entity_id, "name": name.strip(), "norm": norm, "source": source}
    )


def find_or_create(
    tx: Tx,
    kind: str,
    name: str,
    *,
    attrs: dict[str, Any] | None = None,
    origin: str = "analyst",
) -> int:
    """The entity for `name`, created (logged in `tx`) if no canonical name or alias matches."""
    found = find_entity(tx.store, kind, name)
    if found is not None:
        return found
    return create_entity(tx, kind, name, attrs=attrs, origin=origin)
