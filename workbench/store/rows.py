"""Provides the rules by which writes run side by side on a server (`Store.write(shared=True)`).

Under the exclusive write lock (every write on a SQLite file, most on a server) nothing else
writes, so an action may read, decide and write anything. An analyst's everyday decisions on
one event (confirm, reject, edit, and the undo or redo of one) run beside each other on a
server instead, under these rules, which `Tx` enforces:

- Such a write changes existing rows of `events` and `articles` only, and reads each row it
  changes with a row lock (`SELECT ... FOR UPDATE`): the version check, the before-image
  and undo's "unchanged since" see the row as its last writer committed it, and the next
  writer of that row waits for this one's COMMIT. So stale writes are still refused naming
  who changed the row, and no update is lost.
- One event at most, and one order of locks: the event; its article's row in the queue's
  order (`article_odds`, which a trigger recounts when the event's status changes: locked
  before the event is written, so the trigger counts what the last writer committed, not
  what its statement began with); then articles by ascending id. With one event each, two
  such writes never wait for each other in a circle.
- What else it reads (names, assignments, sources, rules) is written only under the
  exclusive lock, which waits for every shared write to end: it holds still meanwhile.
- Anything else (a new row: a new name, a new event and its id; a deleted row; any other
  table; a second event) raises `NeedsExclusive`: the write is rolled back and run again
  alone (`attempt`). So every guarantee of the exclusive lock holds for those steps.
- The analyst's own lock (backends/postgres.begin_write) keeps one analyst's actions in
  order, as their undo and redo stacks are read from the log.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

from .db import NeedsExclusive, Store
from .odds import lock_with_events

T = TypeVar("T")

SHARED_TABLES = frozenset({"events", "articles"})


def attempt(store: Store, body: Callable[[bool], T]) -> T:
    """`body(shared)`: on a server first beside other writers, then alone if it raised
    NeedsExclusive; inside another write, under that write's lock (a NeedsExclusive then
    goes to the outer write)."""
    if store.conn.in_transaction:
        tries: tuple[bool, ...] = (store.shared,)
    else:
        tries = (True, False) if store.is_postgres else (False,)
    for shared in tries[:-1]:
        with contextlib.suppress(NeedsExclusive):
            return body(shared)
    return body(tries[-1])


def require(store: Store, table: str, row_id: int | None, step: str) -> None:
    """Refuse (NeedsExclusive) a step a shared write may not take: anything but updating a
    row of events or articles it has locked."""
    if not store.shared:
        return
    if step != "update" or table not in SHARED_TABLES:
        raise NeedsExclusive(f"{step} {table}")
    if f"{table}:{row_id}" not in store.row_locks:
        raise NeedsExclusive(f"{table}:{row_id} changed without its row lock")


def read(store: Store, table: str, row_id: int) -> dict[str, Any] | None:
    """A row read to be changed: in a shared write, locked (see the module's rules)."""
    return read_later(store, table, row_id)()


def read_later(store: Store, table: str, row_id: int) -> Callable[[], dict[str, Any] | None]:
    """As `read`, sent with the next statement (on a server, what an action reads under its
    locks goes in one round trip: the event, its article's queue row, the articles);
    call the returned function for the row (sent alone then, if nothing went yet)."""
    if not store.shared:
        plain = store.sql.rows_later(store.conn, f'SELECT * FROM "{table}" WHERE id = ?', [row_id])
        return lambda: next(iter(plain()), None)
    if table not in SHARED_TABLES:
        raise NeedsExclusive(f"change {table}")
    if table == "events" and any(
        k.startswith("events:") and k != f"events:{row_id}" for k in store.row_locks
    ):
        raise NeedsExclusive("a second event")
    sql = f'SELECT * FROM "{table}" WHERE id = ?{store.sql.FOR_UPDATE}'
    if table == "events":  # its article's queue row locked next, in the same statement
        sql = store.sql.locked_then(
            sql, lock_with_events("SELECT id FROM locked", store.sql.FOR_UPDATE)
        )
    rows = store.sql.rows_later(store.conn, sql, [row_id])
    store.row_locks.add(f"{table}:{row_id}")
    return lambda: next(iter(rows()), None)


def read_many(store: Store, table: str, sql: str, params: Any) -> list[dict[str, Any]]:
    """Rows of `table` (`sql`: SELECT * of them, ORDER BY id) read to be changed: in a shared
    write, locked in that order."""
    return read_many_later(store, table, sql, params)()


def read_many_later(
    store: Store, table: str, sql: str, params: Any
) -> Callable[[], list[dict[str, Any]]]:
    """As `read_many`, sent with the next statement (on a server: no round trip of its own
    while the row locks are held); call the returned function after that statement. Its
    locks are taken before that statement's."""
    if store.shared and table not in SHARED_TABLES - {"events"}:
        raise NeedsExclusive(f"change {table}")
    fetch = store.sql.rows_later(
        store.conn, sql + (store.sql.FOR_UPDATE if store.shared else ""), params
    )

    def rows() -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = fetch()
        if store.shared:
            store.row_locks.update(f"{table}:{r['id']}" for r in found)
        return found

    return rows
