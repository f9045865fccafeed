"""Provides undo, redo and the action log, replayed from the `actions` table.

The undo stack of an analyst is derived from the log itself (never kept in memory), so it
survives restarts: an ordinary undoable action pushes; `undo` of X pops X and makes it
redoable; `redo` of X pushes X back; any new ordinary action clears the redo stack.
Undo refuses, naming who, when a row was changed by someone else since. On a server the
undo or redo of a change to one event (and its articles) runs beside other analysts'
writes (`rows`); of anything else, alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .changes import SINGULAR, Tx, last_change_later, write_action
from .db import ConflictError, NeedsExclusive, Store
from .odds import lock_with_events
from .rows import SHARED_TABLES, attempt, read_later


@dataclass
class Replay:
    action_id: int  # the new undo/redo action
    ref: int  # the action undone or redone
    action: str  # name of the action undone or redone
    targets: list[str]


# The undo and redo stacks, read from the log without replaying it (each reads a few index
# entries, where replaying every action of the analyst took 0.3-0.5 s at 25,000 of them,
# inside the write lock). In a log written by this module, replaying it (an ordinary
# undoable action pushes onto the undo stack and empties the redo stack; undo moves the top
# of the undo stack onto the redo stack; redo moves it back) leaves on the undo stack
# exactly the analyst's undoable actions whose latest undo or redo is not an undo, in id
# order; and on the redo stack the actions undone after the analyst's latest undoable action
# and not redone since, in the order of their undo. tests/test_store_history.py checks both
# against that replay over random histories.
#
# The undo top is found by walking the analyst's undoable actions newest first, one index
# entry a step (`actions_undoable`), past those whose latest undo or redo is an undo, and
# stopping at the first that is not. Asked as one filtered query ("the newest undoable
# action not undone"), a server planned it, once the plan was cached for the session, as a
# read of every action of the analyst, each tested, then sorted (it cannot tell how many
# pass the test): 16 ms at 1,500 actions an analyst, growing with the log, inside the write
# lock. The walk has a sentinel first row (`start`: past the newest id); it ends on the top,
# or on NULL when every undoable action is undone (then the stack is empty).
_UNDONE = (
    "(SELECT r.action FROM actions r WHERE r.ref = w.id AND r.analyst = ?1 "
    "AND r.action IN ('undo', 'redo') ORDER BY r.id DESC LIMIT 1) = 'undo'"
)
_UNDO_TOP = (
    "WITH RECURSIVE walk(id, start) AS (SELECT max(id) + 1, 1 FROM actions UNION ALL "
    "SELECT (SELECT a.id FROM actions a WHERE a.analyst = ?1 AND a.undoable = 1 AND a.id < w.id "
    f"ORDER BY a.id DESC LIMIT 1), 0 FROM walk w WHERE w.id IS NOT NULL AND (w.start = 1 OR {_UNDONE})) "
    "SELECT CASE WHEN count(*) = count(id) THEN min(id) END FROM walk WHERE start = 0"
)
_REDO_TOP = (
    "SELECT u.ref FROM actions u WHERE u.analyst = ?1 AND u.action = 'undo' "
    "AND u.id > coalesce((SELECT l.id FROM actions l WHERE l.analyst = ?1 AND l.undoable = 1 "
    "ORDER BY l.id DESC LIMIT 1), 0) "
    "AND NOT EXISTS (SELECT 1 FROM actions r WHERE r.ref = u.ref AND r.analyst = u.analyst "
    "AND r.action IN ('undo', 'redo') AND r.id > u.id) "
    "ORDER BY u.id DESC LIMIT 1"
)


def undo_top(store: Store) -> int | None:
    """The action `undo` would take back: the top of this analyst's undo stack."""
    found = store.scalar(_UNDO_TOP, [store.analyst])
    return None if found is None else int(found)


def redo_top(store: Store) -> int | None:
    """The action `redo` would put back: the top of this analyst's redo stack."""
    found = store.scalar(_REDO_TOP, [store.analyst])
    return None if found is None else int(found)


def _content(row: dict[str, Any] | None) -> dict[str, Any] | None:
    # Versions move on every replay, so "unchanged since" compares values, not versions.
    return None if row is None else {k: v for k, v in row.items() if k != "version"}


# The ids of `table`'s rows among the targets of the action `top` (its id, as SQL).
_TARGET_IDS = (
    "SELECT CAST(substr(t.target, {start}) AS INTEGER) FROM action_targets t "
    "WHERE t.action_id = ({top}) AND t.target LIKE '{table}:%'"
)
# Who last changed each target of the action `top`.
_TARGETS_WHO = (
    "SELECT t.target, w.analyst, w.ts, w.action FROM action_targets t JOIN actions w "
    "ON w.id = (SELECT max(l.action_id) FROM action_targets l WHERE l.target = t.target) "
    "WHERE t.action_id = ({top})"
)

Locked = dict[str, tuple[dict[str, Any] | None, dict[str, Any] | None]]


def _lock_targets(store: Store, top: str) -> Callable[[], Locked]:
    """In a write beside others: the events and articles the action `top` (its id, as SQL)
    changed, locked in the rows' order (its events by id, their article's queue row, then
    articles by id), each with who last changed it; sent with the query of the stack's
    top itself, so an undo takes its locks in the round trip that finds what it undoes.
    Call the returned function after that query: "table:id" -> (row, who)."""
    params: list[Any] = []
    events, articles = (
        _TARGET_IDS.format(start=len(table) + 2, top=top, table=table)
        for table in ("events", "articles")
    )
    lock = store.sql.FOR_UPDATE
    locked_events = store.sql.locked_then(
        f"SELECT * FROM events WHERE id IN ({events}) ORDER BY id{lock}",
        lock_with_events("SELECT id FROM locked", lock),
    )
    rows = {"events": store.sql.rows_later(store.conn, locked_events, params)}
    rows["articles"] = store.sql.rows_later(
        store.conn, f"SELECT * FROM articles WHERE id IN ({articles}) ORDER BY id{lock}", params
    )
    who = store.sql.rows_later(store.conn, _TARGETS_WHO.format(top=top), params)

    def locked() -> Locked:
        whose = {w.pop("target"): w for w in who()}
        found = {f"{t}:{r['id']}": r for t, later in rows.items() for r in later()}
        store.row_locks.update(found)
        return {k: (row, whose.get(k)) for k, row in found.items()}

    return locked


def _replay(
    store: Store, *, backwards: bool
) -> tuple[Callable[[], int], int, str, list[str]] | None:
    """Undo (backwards) or redo the top of this analyst's stack, checking nobody changed
    its rows since: the Replay's fields, its action id readable once the transaction ends
    (`write_action`); None when the stack is empty."""
    # The rows must still be as the last replay of the action (or the action itself) left
    # them. The top, the action and that replay are read in one query (on a server each
    # query is a round trip while the analyst's lock is held); beside other writers, its
    # rows are locked in the same round trip.
    kinds = "'redo'" if backwards else "'undo'"
    top = _UNDO_TOP if backwards else _REDO_TOP
    # Beside other writers (a server's), the top found is kept for the statements that
    # lock its rows in the same round trip (working it out is mostly the server planning
    # its query: ~0.7 ms of its CPU each time).
    keep = f", {store.sql.remember('undo_top', 'a.id')}" if store.shared else ""
    found_later = store.sql.rows_later(
        store.conn,
        f"SELECT a.id, action, before, after, (SELECT r.after FROM actions r WHERE "
        f"r.ref = a.id AND r.action IN ({kinds}) ORDER BY r.id DESC LIMIT 1) AS last{keep} "
        f"FROM actions a WHERE a.id = ({top})",
        [store.analyst],
    )
    locked = _lock_targets(store, store.sql.recall("undo_top")) if store.shared else None
    found = next(iter(found_later()), None)
    if found is None:
        return None
    ref, name = int(found["id"]), found["action"]
    target = json.loads(found["before"] if backwards else found["after"])
    expected_now = json.loads(found["last"] or found["after"])
    verb = "undo" if backwards else "redo"
    tx = Tx(store, verb)
    keys = list(target)
    order = list(reversed(keys) if backwards else keys)
    if locked is not None:
        # Beside other writers only when every row is an update of events and articles,
        # one event at most (see rows.py).
        if sum(k.startswith("events:") for k in keys) > 1 or any(
            k.split(":")[0] not in SHARED_TABLES or target[k] is None or expected_now.get(k) is None
            for k in keys
        ):
            raise NeedsExclusive(f"{verb} of {name}")
        rows = locked()
        currents = [(k, rows.get(k, (None, None))) for k in order]
    else:  # every row and who last changed it, in one round trip on a server
        later = [
            (k, read_later(store, k.split(":")[0], int(k.split(":")[1])),
             last_change_later(store, k.split(":")[0], int(k.split(":")[1])))
            for k in order
        ]  # fmt: skip
        currents = [(k, (row(), who())) for k, row, who in later]
    for k, (current, who) in currents:
        table, row_id = k.split(":")
        if _content(current) != _content(expected_now.get(k)):
            by = f" by {who['analyst']} at {who['ts']} ({who['action']})" if who else ""
            raise ConflictError(
                f"cannot {verb} {name} (action {ref}): {SINGULAR.get(table, table)} {row_id} "
                f"was changed since{by}. Nothing was changed."
            )
        tx.restore(table, int(row_id), target[k], current)
    return write_action(store, tx, undoable=False, ref=ref), ref, name, keys


def _undo_or_redo(store: Store, backwards: bool) -> Replay | None:
    def run(shared: bool) -> Replay | None:
        with store.write(shared=shared):
            done = _replay(store, backwards=backwards)
        return None if done is None else Replay(done[0](), *done[1:])

    return attempt(store, run)


def undo(store: Store) -> Replay | None:
    """Undo this analyst's latest action; None when there is nothing to undo."""
    return _undo_or_redo(store, backwards=True)


def redo(store: Store) -> Replay | None:
    """Redo this analyst's latest undone action; None when there is nothing to redo."""
    return _undo_or_redo(store, backwards=False)


def log(store: Store, limit: int = 50, target: str | None = None) -> list[dict[str, Any]]:
    """The newest actions first (optionally only those touching one `table:id`)."""
    if target:
        return store.query(
            "SELECT a.* FROM actions a JOIN action_targets t ON t.action_id = a.id "
            "WHERE t.target = ? ORDER BY a.id DESC LIMIT ?",
            [target, limit],
        )
    return store.query("SELECT * FROM actions ORDER BY id DESC LIMIT ?", [limit])


def action_count(store: Store, *, by_analysts: bool = False) -> int:
    """Logged actions; `by_analysts`: only the analysts' own (undoable ones, undo and redo),
    not what the workbench logged for itself."""
    where = " WHERE undoable = 1 OR action IN ('undo', 'redo')" if by_analysts else ""
    return int(store.scalar(f"SELECT count(*) FROM actions{where}") or 0)
