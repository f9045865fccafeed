"""Provides `copy_database`: a whole workbench database into an empty one, across backends.

SQLite -> PostgreSQL when a team outgrows one machine, and back for an offline copy or an
archive. Every table is copied row for row with its ids (analysts and assignments,
articles, entities and aliases, mentions, events and their sources, the action log with its
targets, distinct pairs, the event id high-water mark, the learned type model and its
odds per event and article; not who has what open now), so the undo stacks, which are read from the log, come along too.
Self-references (an entity or event merged into another with a higher id) are set in a
second pass, so foreign keys hold at every statement on both backends.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .db import Store, StoreError

# Parents before children. A table not named here makes the copy refuse (rather than leave
# it behind): a new table must say where it goes.
TABLES = (
    "analysts",
    "articles",
    "assignments",
    "entities",
    "aliases",
    "mentions",
    "events",
    "event_sources",
    "actions",
    "action_targets",
    "distinct_pairs",
    "id_sequence",
    "learned_models",
    "learned_vectors",
    "event_odds",
    "article_odds",
)
# Who has which article open right now (store/presence.py): meaningless in another database.
NOT_COPIED = ("presence",)
SELF_REFERENCES = {"entities": "merged_into", "events": "merged_into"}
BATCH = 2000


def _tables(store: Store) -> set[str]:
    if store.is_postgres:
        rows = store.conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    else:
        rows = store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    own = ("articles_fts", "_sqlite_migrations", "_workbench_migrations", "sqlite_")
    return {r[0] for r in rows if not r[0].startswith(own)}


def _columns(store: Store, table: str) -> list[str]:
    cur = store.conn.execute(f'SELECT * FROM "{table}" WHERE 1 = 0')
    return [c[0] for c in cur.description]


def _rows(store: Store, table: str, cols: list[str]) -> Iterator[list[Any]]:
    names = ", ".join(f'"{c}"' for c in cols)
    order = " ORDER BY 1" if table != "action_targets" else " ORDER BY action_id, target"
    cur = store.conn.execute(f'SELECT {names} FROM "{table}"{order}')
    while batch := cur.fetchmany(BATCH):
        yield from (list(r) for r in batch)


def _detached(
    rows: Iterator[list[Any]],
    cols: list[str],
    column: str | None,
    later: list[tuple[Any, int]],
    counted: list[int],
) -> Iterator[list[Any]]:
    """The rows with `column` (a reference to the same table) emptied and kept in `later`
    as (value, id) for the second pass; `counted[0]` counts them."""
    index = cols.index(column) if column else -1
    for row in rows:
        if index >= 0 and row[index] is not None:
            later.append((row[index], row[0]))
            row[index] = None
        counted[0] += 1
        yield row


def copy_database(src: Store, dst: Store) -> dict[str, int]:
    """Copy every row of `src` into `dst`, which must hold no data; returns rows per table."""
    unknown = sorted(_tables(src) - set(TABLES) - set(NOT_COPIED))
    if unknown:
        raise StoreError(f"{src.sql.describe(src.path)}: no copy rule for table {unknown[0]!r}")
    busy = [t for t in TABLES if t != "id_sequence" and dst.scalar(f'SELECT 1 FROM "{t}" LIMIT 1')]
    if busy:
        raise StoreError(
            f"{dst.sql.describe(dst.path)} is not empty ({busy[0]} has rows): copy into a new "
            "database"
        )
    counts: dict[str, int] = {}
    with dst.write():
        dst.conn.execute("DELETE FROM id_sequence")  # the new database's own zero mark
        for table in TABLES:
            cols = _columns(src, table)
            if set(cols) != set(_columns(dst, table)):
                raise StoreError(f"{table}: the two databases have different columns")
            deferred = SELF_REFERENCES.get(table)
            later: list[tuple[Any, int]] = []
            counted = [0]
            rows = _detached(_rows(src, table, cols), cols, deferred, later, counted)
            dst.sql.bulk_insert(dst.conn, table, cols, rows)
            if later:
                dst.conn.executemany(f'UPDATE "{table}" SET "{deferred}" = ? WHERE id = ?', later)
            if "id" in cols:
                dst.sql.sync_ids(dst.conn, table)
            counts[table] = counted[0]
    return counts
