"""Provides `Tx`, the logged change recorder: the only way rows change after ingest.

Usage::

    with change(store, "confirm-event") as tx:
        tx.update("events", 12, {"status": "confirmed"}, expected_version=3)

Everything inside the block is one write transaction (`Store.write`; with `shared=True`,
on a server, beside other writers under the rules of `rows`). On exit it appends one
`actions` row holding every touched row before and after, plus `action_targets` rows so the
history of any row can be looked up by index. Each update bumps the row's `version`; an
update against a stale `expected_version` raises `ConflictError` naming who changed it.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from typing import Any

from ..base.untrusted import clean_text
from .db import ConflictError, Store, StoreError, now
from .ids import claim_event_ids, next_event_id, reserve_event_ids
from .rows import read, read_later, require

SINGULAR = {
    "events": "event",
    "entities": "entity",
    "mentions": "mention",
    "articles": "article",
    "aliases": "alias",
    "event_sources": "event source",
    "distinct_pairs": "distinct pair",
    "analysts": "analyst",
    "assignments": "assignment",
}


def key(table: str, row_id: int) -> str:
    return f"{table}:{row_id}"


def last_change(store: Store, table: str, row_id: int) -> dict[str, Any] | None:
    """Who last changed a row, and when (from the action log)."""
    return last_change_later(store, table, row_id)()


def last_change_later(store: Store, table: str, row_id: int) -> Callable[[], dict[str, Any] | None]:
    """As `last_change`, sent with the next statement: read with a row's lock, it names who
    wrote the version the lock found, should the action be stale (on a server, without a
    round trip of its own while the lock is held)."""
    rows = store.sql.rows_later(
        store.conn,
        "SELECT a.analyst, a.ts, a.action FROM action_targets t JOIN actions a "
        "ON a.id = t.action_id WHERE t.target = ? ORDER BY t.action_id DESC LIMIT 1",
        [key(table, row_id)],
    )
    return lambda: next(iter(rows()), None)


_ASK: Any = object()  # `who` not read beforehand: read it now


def conflict(
    store: Store, table: str, row_id: int, had: int, now_version: int, who: Any = _ASK
) -> ConflictError:
    """The refusal of a change made against version `had`; `who`: the row's `last_change`
    when the caller read it with the row."""
    if who is _ASK:
        who = last_change(store, table, row_id)
    name = SINGULAR.get(table, table)
    by = f" by {who['analyst']} at {who['ts']} ({who['action']})" if who else ""
    return ConflictError(
        f"{name} {row_id} was changed{by}: you had version {had}, it is now at "
        f"version {now_version}. Nothing was saved; reload and try again."
    )


class Tx:
    """Records the rows an action touches, before and after."""

    def __init__(self, store: Store, action: str):
        self.store = store
        self.action = action
        self.before: dict[str, Any] = {}
        self.after: dict[str, Any] = {}
        self.order: list[str] = []
        self.action_id: int | None = None  # the log entry, once `change` has written it

    def _touch(self, table: str, row_id: int, before: dict[str, Any] | None) -> None:
        k = key(table, row_id)
        if k not in self.before:
            self.before[k] = before
            self.order.append(k)

    def get(self, table: str, row_id: int) -> dict[str, Any]:
        """A row this action reads to change (locked in a shared write: `rows.read`)."""
        return self.get_later(table, row_id)()

    def get_later(self, table: str, row_id: int) -> Callable[[], dict[str, Any]]:
        """As `get`, sent with the next statement (`rows.read_later`): what else the action
        reads under the same locks can go in the same round trip."""
        later = read_later(self.store, table, row_id)

        def row() -> dict[str, Any]:
            found = later()
            if found is None:
                raise StoreError(f"no {SINGULAR.get(table, table)} with id {row_id}")
            return found

        return row

    def insert(self, table: str, values: dict[str, Any]) -> int:
        require(self.store, table, None, "insert")
        values = {k: _clean(v) for k, v in values.items() if k != "version"}
        if table == "events" and values.get("id") is None:
            values["id"] = next_event_id(self.store.conn)  # never an id given before
        cols = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _ in values)
        # RETURNING * is the after-image: no second read (on a server, no second round trip
        # while every other writer waits for the lock). No trigger changes these rows.
        cur = self.store.conn.execute(
            f'INSERT INTO "{table}" ({cols}) VALUES ({marks}) RETURNING *', list(values.values())
        )
        row = _returned(self.store, cur)
        if row is None:
            raise StoreError("an insert wrote no row")
        row_id = int(row["id"])
        self._touch(table, row_id, None)
        self.after[key(table, row_id)] = row
        return row_id

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> list[int]:
        """Insert many rows at once, each logged as `insert` logs it: COPY on a server (one
        round trip per set of columns, not one per row), executemany on a file. Rows keep
        an `id` they carry (events: ids the caller took from `reserve_event_ids`); the
        others get theirs here. The after-images are read back in a few queries."""
        if not rows:
            return []
        require(self.store, table, None, "insert")
        rows = [{k: _clean(v) for k, v in r.items() if k != "version"} for r in rows]
        missing = [r for r in rows if r.get("id") is None]
        if table == "events" and missing:
            first = reserve_event_ids(self.store.conn, len(missing))
            fresh = iter(range(first, first + len(missing)))
        else:
            fresh = iter(self.store.sql.reserve_ids(self.store.conn, table, len(missing)))
        for row in missing:
            row["id"] = next(fresh)
        if table == "events":
            claim_event_ids(self.store.conn, max(r["id"] for r in rows))
        # One bulk insert per set of columns: a column left out takes its default.
        groups: dict[tuple[str, ...], list[list[Any]]] = {}
        for row in rows:
            groups.setdefault(tuple(row), []).append(list(row.values()))
        for cols, values in groups.items():
            self.store.sql.bulk_insert(self.store.conn, table, list(cols), values)
        ids = [int(r["id"]) for r in rows]
        written: dict[int, dict[str, Any]] = {}
        for at in range(0, len(ids), 500):
            chunk = ids[at : at + 500]
            cur = self.store.conn.execute(
                f'SELECT * FROM "{table}" WHERE id IN ({", ".join("?" * len(chunk))})', chunk
            )
            names = self.store.sql.column_names(cur)
            for found in cur.fetchall():
                row = dict(zip(names, found, strict=True))
                written[int(row["id"])] = row
        for row_id in ids:
            self._touch(table, row_id, None)
            self.after[key(table, row_id)] = written[row_id]
        return ids

    def expect(
        self,
        table: str,
        row: dict[str, Any],
        expected_version: int | None,
        who: Callable[[], dict[str, Any] | None] | None = None,
    ) -> None:
        """Refuse (`ConflictError`, naming who) a change to `row`, as just read, made against
        an older version than it has; `who`: its `last_change_later`, read with it."""
        if expected_version is not None and row["version"] != expected_version:
            raise conflict(
                self.store, table, int(row["id"]), expected_version, row["version"],
                who() if who else _ASK,
            )  # fmt: skip

    def update(
        self,
        table: str,
        row_id: int,
        values: dict[str, Any],
        expected_version: int | None = None,
        current: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Change a row; `current` is the row as this transaction has just read it with
        `get`, when nothing in between wrote it. Then the row after the change is known
        here, and the UPDATE is sent with the next statement (`send_later`: on a server,
        at latest with the COMMIT, so no round trip of its own while every other writer of
        the row waits for its lock); otherwise the server returns it."""
        known = current is not None
        if current is None:
            current = self.get(table, row_id)
        require(self.store, table, row_id, "update")
        self.expect(table, current, expected_version)
        values = {k: _clean(v) for k, v in values.items() if k not in ("id", "version")}
        self._touch(table, row_id, current)
        sets = ", ".join(f'"{c}" = ?' for c in values)
        sets = f"{sets}, version = version + 1" if sets else "version = version + 1"
        sql = f'UPDATE "{table}" SET {sets} WHERE id = ?'
        if known:
            row = _after(current, values)
            self.store.sql.send_later(self.store.conn, sql, [*values.values(), row_id])
        else:
            cur = self.store.conn.execute(f"{sql} RETURNING *", [*values.values(), row_id])
            row = _returned(self.store, cur)  # type: ignore[assignment]
        self.after[key(table, row_id)] = row
        if row is None:  # only if something deleted it: say so rather than return None
            raise StoreError(f"{table}:{row_id} vanished while it was updated")
        return row

    def delete(self, table: str, row_id: int, expected_version: int | None = None) -> None:
        require(self.store, table, row_id, "delete")
        current = self.get(table, row_id)
        if expected_version is not None and current["version"] != expected_version:
            raise conflict(self.store, table, row_id, expected_version, current["version"])
        self._touch(table, row_id, current)
        self.store.conn.execute(f'DELETE FROM "{table}" WHERE id = ?', [row_id])
        self.after[key(table, row_id)] = None

    _UNREAD: Any = object()

    def restore(
        self, table: str, row_id: int, values: dict[str, Any] | None, current: Any = _UNREAD
    ) -> None:
        """Put a row back to `values` (None = absent); used by undo/redo, which passes the
        `current` row it has just read (with `rows.read`)."""
        if current is Tx._UNREAD:
            current = read(self.store, table, row_id)
        step = "delete" if values is None else "insert" if current is None else "update"
        require(self.store, table, row_id, step)
        self._touch(table, row_id, current)
        if values is None:
            if current is not None:
                self.store.conn.execute(f'DELETE FROM "{table}" WHERE id = ?', [row_id])
            self.after[key(table, row_id)] = None
            return
        # Versions only grow, so a restored row never looks older than what a reader holds.
        version = (current["version"] if current else values.get("version", 0)) + 1
        values = {**values, "id": row_id, "version": version}
        cols = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _ in values)
        if current is None:
            cur = self.store.conn.execute(
                f'INSERT INTO "{table}" ({cols}) VALUES ({marks}) RETURNING *',
                list(values.values()),
            )
            self.after[key(table, row_id)] = _returned(self.store, cur)
        else:  # the row after is known here: the UPDATE goes with the next statement
            changed = {c: v for c, v in values.items() if c != "id"}
            sets = ", ".join(f'"{c}" = ?' for c in changed)
            self.store.sql.send_later(
                self.store.conn,
                f'UPDATE "{table}" SET {sets} WHERE id = ?',
                [*changed.values(), row_id],
            )
            self.after[key(table, row_id)] = _after(current, changed)

    def changed(self) -> bool:
        return any(self.before[k] != self.after.get(k) for k in self.order)


def write_action(
    store: Store, tx: Tx, *, undoable: bool = True, ref: int | None = None
) -> Callable[[], int]:
    """Log the action `tx` recorded. On a server the row goes with the statement that ends
    the transaction (see pg_connection.defer): call the returned function after it for
    the action's id."""
    store.logged = True
    written: Callable[[], int] = store.sql.insert_action(
        store.conn,
        "INSERT INTO actions (analyst, ts, action, target, before, after, undoable, ref) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            store.analyst,
            now(),
            tx.action,
            " ".join(tx.order),
            json.dumps({k: tx.before[k] for k in tx.order}, ensure_ascii=False),
            json.dumps({k: tx.after.get(k) for k in tx.order}, ensure_ascii=False),
            1 if undoable else 0,
            ref,
        ],
        tx.order,
    )
    return written


def _after(current: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The row `current` (as read, in the table's column order) once an UPDATE has set
    `values` and moved its version on: what `SELECT *` would read back (no trigger changes
    a row of its own table; the values are those the store writes, cleaned)."""
    row = {**current, **values}
    if "version" not in values:
        row["version"] = current["version"] + 1
    return row


def _returned(store: Store, cur: Any) -> dict[str, Any] | None:
    """The row a `... RETURNING *` statement wrote, as `Store.row` reads it (every row
    fetched, so the statement is finished before the next one)."""
    rows = cur.fetchall()
    if not rows:
        return None
    return dict(zip(store.sql.column_names(cur), rows[0], strict=True))


def _clean(value: Any) -> Any:
    """Every string a logged change writes is cleaned of escapes and control characters:
    the store's own choke point, behind ingest's and import's (names typed on a command
    line or pasted into the TUI come this way)."""
    return clean_text(value)[0] if isinstance(value, str) else value


@contextlib.contextmanager
def change(
    store: Store, action: str, *, undoable: bool = True, shared: bool = False
) -> Iterator[Tx]:
    """One analyst action: one transaction, one log entry (none if nothing changed).
    `shared`: beside other writers on a server (`rows`; run it through `rows.attempt`)."""
    written = None
    with store.write(shared=shared):
        tx = Tx(store, action)
        yield tx
        if tx.order:
            written = write_action(store, tx, undoable=undoable)
    tx.action_id = written() if written else None  # committed (or released) by now


def log_system(store: Store, action: str, target: str, after: Any) -> int:
    """Record a system action (ingest, extraction run) that is not an analyst's undoable step."""
    tx = Tx(store, action)
    tx.order = [target]
    tx.before = {target: None}
    tx.after = {target: after}
    with store.write():
        written = write_action(store, tx, undoable=False)
    return written()
