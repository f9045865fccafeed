"""Provides `describe`: what one logged action changed, in words, with names for ids.

The action log keeps rows as they were (`place_id: 42`); the analyst reads names
(`place: Kafr Nabl -> —`). Used by `workbench log` and the app's undo and redo messages.
Entity ids are looked up when described, so a renamed entity shows its current name.
"""

from __future__ import annotations

import json
from typing import Any

from .changes import SINGULAR
from .db import Store
from .record import FIELDS

# events column -> the record field it holds (actor1_id -> actor1, place_id -> location).
_ENTITY_COLUMNS = {f.source: f.name for f in FIELDS if f.kind in ("actor", "place", "actors")}
_ENTITY_COLUMNS |= {"entity_id": "entity"}
_HIDDEN = frozenset({"version", "updated_at", "created_at"})
MAX_FIELDS = 4  # per row; the log line stays one line
NONE = "—"


def describe(store: Store, action: dict[str, Any]) -> str:
    """One line: for each row the action touched, the fields it changed, old -> new."""
    before, after = json.loads(action["before"]), json.loads(action["after"])
    rows = [(k, before.get(k), after.get(k)) for k in action["target"].split()]
    names = _names(store, [r for _, b, a in rows for r in (b, a) if r])
    parts = []
    for key, old, new in rows:
        table, _, row_id = key.partition(":")
        what = f"{SINGULAR.get(table, table)} {row_id}"
        if old is None and new is None:
            continue
        if old is None:
            parts.append(f"+{what}")
        elif new is None:
            parts.append(f"-{what}")
        else:
            changed = [c for c in new if c not in _HIDDEN and old.get(c) != new.get(c)]
            said = [
                f"{_label(table, c)}: {_value(table, c, old.get(c), names)} -> "
                f"{_value(table, c, new.get(c), names)}"
                for c in changed[:MAX_FIELDS]
            ]
            parts.append(f"{what} {', '.join(said)}" if said else what)
    return "; ".join(parts)[:300]


def describe_action(store: Store, action_id: int) -> str:
    """`describe` of the action with this id ("" if there is none)."""
    row = store.row("actions", action_id)
    return describe(store, row) if row is not None else ""


def _label(table: str, column: str) -> str:
    if table == "events":
        return _ENTITY_COLUMNS.get(column, column)
    return column.removesuffix("_id") if column in _ENTITY_COLUMNS else column


def _ids(table: str, column: str, value: Any) -> list[int] | None:
    """The entity ids a value holds, or None if the column holds no entity ids."""
    refers = column in _ENTITY_COLUMNS or (table == "entities" and column == "merged_into")
    if not refers or value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    items = value if isinstance(value, list) else [value]
    return [int(v) for v in items if isinstance(v, int | str) and str(v).isdigit()]


def _names(store: Store, rows: list[dict[str, Any]]) -> dict[int, str]:
    """Names of every entity id the rows refer to (tables other than entities included)."""
    wanted: set[int] = set()
    for row in rows:
        for column, value in row.items():
            wanted.update(_ids("", column, value) or [])
            if column == "merged_into":
                wanted.update(_ids("entities", column, value) or [])
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    found = store.query(f"SELECT id, canonical FROM entities WHERE id IN ({marks})", sorted(wanted))
    return {int(r["id"]): str(r["canonical"]) for r in found}


def _value(table: str, column: str, value: Any, names: dict[int, str]) -> str:
    ids = _ids(table, column, value)
    if ids is not None:
        return "; ".join(names.get(i, f"entity {i}") for i in ids) or NONE
    if value is None or value == "":
        return NONE
    return str(value)
