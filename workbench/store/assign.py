"""Provides assignment: which analyst codes which article, and blind double coding.

`select_articles` picks articles by id list and filters (country, outlet, published date
range, status); `assign_articles` gives them round robin to coders, and a random share of
them to a second coder as well (double coding). A double-coded article is coded blind: each
of its two coders gets a copy of the article's shared events (`events.coder` = the coder,
`copy_of` = the shared event, origin 'copy'), decides on that copy only, and never sees the
other's until both copies are done (see `store.team`). The whole assignment, copies
included, is one logged action: one undo takes it back.

Only admins assign. Articles assigned to anyone already are skipped and counted.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any

from .changes import Tx, change
from .db import Store, StoreError, now
from .queries import ARTICLE_STATUSES
from .team import require_member, require_role


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles to assign; every given criterion must hold."""

    ids: tuple[int, ...] = ()
    country: str | None = None
    outlet: str | None = None
    since: str | None = None  # published on or after (ISO date)
    until: str | None = None  # published on or before
    status: str | None = None


def _place_ids_in(store: Store, country: str) -> set[int]:
    # Attributes are JSON; read in Python so the query stays the same on every backend.
    wanted = country.strip().casefold()
    out = set()
    for row in store.query("SELECT id, attrs FROM entities WHERE kind = 'place'"):
        attrs = json.loads(row["attrs"] or "{}")
        if str(attrs.get("country") or "").casefold() == wanted:
            out.add(int(row["id"]))
    return out


def select_articles(store: Store, which: ArticleFilter) -> list[int]:
    """Ids of the articles matching every criterion, in id order."""
    if which.status is not None and which.status not in ARTICLE_STATUSES:
        raise ValueError(f"status must be one of {', '.join(ARTICLE_STATUSES)}")
    clauses, params = ["1 = 1"], []
    for column, op, value in (
        ("outlet", "=", which.outlet),
        ("published", ">=", which.since),
        ("published", "<=", which.until),
        ("status", "=", which.status),
    ):
        if value is not None:
            clauses.append(f"{column} {op} ?")
            params.append(value)
    ids = [int(r["id"]) for r in store.query(
        f"SELECT id FROM articles WHERE {' AND '.join(clauses)} ORDER BY id", params
    )]  # fmt: skip
    if which.ids:
        missing = sorted(set(which.ids) - {int(r["id"]) for r in store.query(
            "SELECT id FROM articles"
        )})  # fmt: skip
        if missing:
            raise StoreError(f"no article with id {missing[0]}")
        wanted = set(which.ids)
        ids = [i for i in ids if i in wanted]
    if which.country is not None:
        places = _place_ids_in(store, which.country)
        with_place = {
            int(r["article_id"])
            for r in store.query(
                "SELECT DISTINCT article_id, entity_id FROM mentions "
                "WHERE kind = 'place' AND status = 'active' AND entity_id IS NOT NULL"
            )
            if r["entity_id"] in places
        }
        ids = [i for i in ids if i in with_place]
    return ids


def _copy_events(tx: Tx, article_id: int, coder: str) -> int:
    """Give `coder` their own copy of the article's shared events (as proposals)."""
    store = tx.store
    shared = store.query(
        "SELECT * FROM events WHERE coder IS NULL AND status != 'merged' AND id IN ("
        "SELECT id FROM events WHERE article_id = ? "
        "UNION SELECT event_id FROM event_sources WHERE article_id = ?) ORDER BY id",
        [article_id, article_id],
    )
    stamp = now()
    for event in shared:
        values = {k: v for k, v in event.items() if k not in ("id", "version")}
        values.update(
            article_id=article_id, coder=coder, copy_of=event["id"], origin="copy",
            status="proposed", edited=0, confirmed_by=None, confirmed_at=None,
            merged_into=None, created_at=stamp, updated_at=stamp,
        )  # fmt: skip
        copy_id = tx.insert("events", values)
        for src in store.query(
            'SELECT article_id, quote, start, "end" FROM event_sources '
            "WHERE event_id = ? AND article_id = ? ORDER BY id",
            [event["id"], article_id],
        ):
            tx.insert("event_sources", {**src, "event_id": copy_id})
    return len(shared)


def assign_articles(
    store: Store,
    article_ids: list[int],
    coders: list[str],
    *,
    double: float = 0.0,
    seed: int | None = None,
) -> dict[str, Any]:
    """Assign articles round robin; a random `double` share also to the next coder, blind.

    Returns counts: assigned articles, double-coded ones, skipped (already assigned), and
    per analyst how many they got."""
    coders = list(dict.fromkeys(c.strip() for c in coders if c.strip()))
    if not coders:
        raise ValueError("name at least one analyst to assign to")
    if not 0 <= double <= 1:
        raise ValueError("--double is a share between 0 and 1 (0.2 = 20 %)")
    if double and len(coders) < 2:
        raise ValueError("double coding needs at least two analysts")
    with change(store, "assign-articles") as tx:
        require_role(store, "admin", "assigning articles")
        for name in coders:
            require_member(store, name)
        taken = {int(r["article_id"]) for r in store.query(
            "SELECT DISTINCT article_id FROM assignments"
        )}  # fmt: skip
        todo = [i for i in dict.fromkeys(article_ids) if i not in taken]
        doubled = set(random.Random(seed).sample(todo, round(double * len(todo))))
        per: dict[str, int] = {name: 0 for name in coders}
        stamp = now()
        for n, article_id in enumerate(todo):
            names = [coders[n % len(coders)]]
            if article_id in doubled:
                names.append(coders[(n + 1) % len(coders)])
            for name in names:
                tx.insert("assignments", {
                    "article_id": article_id, "analyst": name,
                    "blind": 1 if article_id in doubled else 0,
                    "assigned_by": store.analyst, "assigned_at": stamp,
                })  # fmt: skip
                if article_id in doubled:
                    _copy_events(tx, article_id, name)
                per[name] += 1
        return {
            "assigned": len(todo),
            "double": len(doubled),
            "skipped": len(set(article_ids)) - len(todo),
            "per_analyst": per,
        }


def assignments_of(store: Store, article_id: int) -> list[dict[str, Any]]:
    """Who has an article: analyst, blind, status."""
    return store.query(
        "SELECT analyst, blind, status, done_at FROM assignments WHERE article_id = ? "
        "ORDER BY analyst",
        [article_id],
    )


def has_assignments(store: Store, analyst: str) -> bool:
    return bool(store.scalar("SELECT count(*) FROM assignments WHERE analyst = ?", [analyst]))


def set_copy_done(store: Store, article_id: int, done: bool) -> dict[str, Any]:
    """Mark the analyst's assignment on an article done (freezing a blind copy) or reopen
    it: one logged action. The article's own status follows for an ordinary (not blind)
    assignment; a double-coded article is done when adjudicated."""
    with change(store, "finish-copy" if done else "reopen-copy") as tx:
        row = store.query(
            "SELECT id, blind FROM assignments WHERE article_id = ? AND analyst = ?",
            [article_id, store.analyst],
        )
        if not row:
            raise StoreError(f"article {article_id} is not assigned to {store.analyst}")
        tx.update(
            "assignments",
            int(row[0]["id"]),
            {"status": "done" if done else "assigned", "done_at": now() if done else None},
        )
        article = tx.get("articles", article_id)
        if row[0]["blind"]:
            if article["status"] == "new":
                article = tx.update("articles", article_id, {"status": "in_review"})
        else:
            article = tx.update("articles", article_id, {"status": "done" if done else "in_review"})
        return {**article, "status": "done" if done else "in_review"}
