"""Provides the team: analysts with roles, and the guards team work puts on events.

Roles are light (coder < reviewer < admin; each role can do what the ones below it can):
only admins assign articles and set roles, only reviewers and admins review. On one SQLite
file they guard against mistakes between colleagues, not against a colleague who wants to
get round them: anyone who can write the file can change the `analysts` table.

Blind double coding keeps each coder's decisions on their own copy of an article's events
(`events.coder`). `check_event_writable` is called by every event action in
`store.events`: a coder changes only their own copy, and not after marking it done.
"""

from __future__ import annotations

from typing import Any

from .changes import change
from .db import Store, StoreError, now

ROLES = ("coder", "reviewer", "admin")
_RANK = {role: rank for rank, role in enumerate(ROLES)}


def analysts(store: Store) -> list[dict[str, Any]]:
    """The team, by name, with how many articles each has assigned and done."""
    rows = store.query("SELECT name, role, created_at FROM analysts ORDER BY name")
    counts: dict[tuple[str, str], int] = {
        (str(r["analyst"]), str(r["status"])): int(r["n"])
        for r in store.query(
            "SELECT analyst, status, count(*) AS n FROM assignments GROUP BY analyst, status"
        )
    }
    for row in rows:
        row["assigned"] = counts.get((row["name"], "assigned"), 0)
        row["done"] = counts.get((row["name"], "done"), 0)
    return rows


def role_of(store: Store, name: str | None = None) -> str | None:
    """The role of `name` (default: the store's analyst); None if not in the team."""
    value = store.scalar("SELECT role FROM analysts WHERE name = ?", [name or store.analyst])
    return None if value is None else str(value)


def has_role(store: Store, role: str, name: str | None = None) -> bool:
    mine = role_of(store, name)
    return mine is not None and _RANK[mine] >= _RANK[role]


def require_role(store: Store, role: str, doing: str) -> None:
    """Refuse `doing` unless the store's analyst has `role` (or a higher one)."""
    if has_role(store, role):
        return
    mine = role_of(store)
    who = f"{store.analyst} is a {mine}" if mine else f"{store.analyst} is not in the team"
    raise StoreError(f"{doing} needs the {role} role; {who} (see: workbench team list)")


def set_analyst(store: Store, name: str, role: str = "coder") -> dict[str, Any]:
    """Add an analyst or change their role: one logged, undoable action.

    Only an admin may do it, except to name the team's first admin (nobody could
    otherwise start a team)."""
    name = name.strip()
    if not name:
        raise ValueError("an analyst needs a name")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    with change(store, "set-analyst") as tx:
        has_admin = store.scalar("SELECT count(*) FROM analysts WHERE role = 'admin'")
        if has_admin:
            require_role(store, "admin", "setting roles")
        elif role != "admin":
            raise StoreError(
                "the team has no admin yet: name one first (workbench team add NAME --role admin)"
            )
        row_id = store.scalar("SELECT id FROM analysts WHERE name = ?", [name])
        if row_id is None:
            new_id = tx.insert("analysts", {"name": name, "role": role, "created_at": now()})
            return tx.get("analysts", new_id)
        return tx.update("analysts", int(row_id), {"role": role})


def require_member(store: Store, name: str) -> None:
    if role_of(store, name) is None:
        raise StoreError(f"{name!r} is not in the team (add them: workbench team add {name})")


def blind_assignment(
    store: Store, article_id: int, name: str | None = None
) -> dict[str, Any] | None:
    """The analyst's blind (double-coding) assignment on an article, if any."""
    rows = store.query(
        "SELECT * FROM assignments WHERE article_id = ? AND analyst = ? AND blind = 1",
        [article_id, name or store.analyst],
    )
    return rows[0] if rows else None


def check_event_writable(store: Store, event: dict[str, Any]) -> None:
    """Refuse a change to another coder's copy, or to a copy its coder marked done."""
    coder = event.get("coder")
    if coder is None:
        return
    article = event.get("article_id")
    if coder != store.analyst:
        raise StoreError(
            f"event {event['id']} is {coder}'s blind copy of article {article}: only "
            f"{coder} changes it"
        )
    mine = blind_assignment(store, int(article)) if article is not None else None
    if mine is not None and mine["status"] == "done":
        raise StoreError(
            f"your copy of article {article} is marked done and frozen: reopen it first "
            "(d in the review screen)"
        )
