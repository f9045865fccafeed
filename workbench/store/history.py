"""Provides undo, redo and the action log, replayed from the `actions` table.

The undo stack of an analyst is derived from the log itself (never kept in memory), so it
survives restarts: an ordinary undoable action pushes; `undo` of X pops X and makes it
redoable; `redo` of X pushes X back; any new ordinary action clears the redo stack.
Undo refuses, naming who, when a row was changed by someone else since.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .changes import SINGULAR, Tx, last_change, write_action
from .db import ConflictError, Store


@dataclass
class Replay:
    action_id: int  # the new undo/redo action
    ref: int  # the action undone or redone
    action: str  # name of the action undone or redone
    targets: list[str]


def _stacks(store: Store) -> tuple[list[int], list[int]]:
    done: list[int] = []
    undone: list[int] = []
    rows = store.conn.execute(
        "SELECT id, action, undoable, ref FROM actions WHERE analyst = ? "
        "AND (undoable = 1 OR action IN ('undo', 'redo')) ORDER BY id",
        [store.analyst],
    )
    for action_id, action, undoable, ref in rows:
        if action == "undo":
            if done and done[-1] == ref:
                done.pop()
                undone.append(ref)
        elif action == "redo":
            if undone and undone[-1] == ref:
                undone.pop()
                done.append(ref)
        elif undoable:
            done.append(action_id)
            undone.clear()
    return done, undone


def _content(row: dict[str, Any] | None) -> dict[str, Any] | None:
    # Versions move on every replay, so "unchanged since" compares values, not versions.
    return None if row is None else {k: v for k, v in row.items() if k != "version"}


def _replay(store: Store, ref: int, *, backwards: bool) -> Replay:
    """Undo (backwards) or redo action `ref`, checking nobody changed its rows since."""
    name, before_json, after_json = store.conn.execute(
        "SELECT action, before, after FROM actions WHERE id = ?", [ref]
    ).fetchone()
    target = json.loads(before_json if backwards else after_json)
    # The rows must still be as the last replay of `ref` (or `ref` itself) left them.
    kinds = "'redo'" if backwards else "'undo'"
    last = store.scalar(
        f"SELECT after FROM actions WHERE action IN ({kinds}) AND ref = ? ORDER BY id DESC LIMIT 1",
        [ref],
    )
    expected_now = json.loads(last) if last else json.loads(after_json)
    verb = "undo" if backwards else "redo"
    tx = Tx(store, verb)
    keys = list(target)
    for k in reversed(keys) if backwards else keys:
        table, row_id = k.split(":")
        current = store.row(table, int(row_id))
        expected = expected_now.get(k)
        if _content(current) != _content(expected):
            who = last_change(store, table, int(row_id))
            by = f" by {who['analyst']} at {who['ts']} ({who['action']})" if who else ""
            raise ConflictError(
                f"cannot {verb} {name} (action {ref}): {SINGULAR.get(table, table)} {row_id} "
                f"was changed since{by}. Nothing was changed."
            )
        tx.restore(table, int(row_id), target[k], current)
    action_id = write_action(store, tx, undoable=False, ref=ref)
    return Replay(action_id, ref, name, keys)


def undo(store: Store) -> Replay | None:
    """Undo this analyst's latest action; None when there is nothing to undo."""
    with store.write():
        done, _ = _stacks(store)
        return _replay(store, done[-1], backwards=True) if done else None


def redo(store: Store) -> Replay | None:
    """Redo this analyst's latest undone action; None when there is nothing to redo."""
    with store.write():
        _, undone = _stacks(store)
        return _replay(store, undone[-1], backwards=False) if undone else None


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
