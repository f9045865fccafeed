"""Provides the queue in the model's order ("likely events first"), read from indexes.

`article_odds` holds one row per scored article: the highest P(real event) of its events
(store/models.py keeps it as the worker writes event_odds). The order is the scored articles
by that figure, highest first, ties by id; then the articles with none, by id. Every read
here is one range of article_odds' (likely DESC, article_id) index or of the articles' ids,
so a page, an article's place and its neighbour stay a few milliseconds at 100k articles
(bench/learn-queue), where an aggregate over event_odds per article cost ~1.6 s per n/p.

The "doubted" filter (articles with a proposal the model doubts) is article_odds' own
`doubted` count (store/odds.py): with no other filter, a page, a count, an article's place
and its neighbour read article_odds' partial indexes (`doubted > 0`) alone, in either order.

`where`/`params` is an `ArticleQuery.where()` condition on `articles a`.
"""

from __future__ import annotations

from typing import Any

from .db import Store

NO_FILTER = "1 = 1"  # what ArticleQuery.where() gives for the whole queue
SCORED = "article_odds o JOIN articles a ON a.id = o.article_id"
UNSCORED = "NOT EXISTS (SELECT 1 FROM article_odds u WHERE u.article_id = a.id)"
FIRST = "ORDER BY o.likely DESC, o.article_id"  # the index's own order
LAST = "ORDER BY o.likely ASC, o.article_id DESC"  # the same index backwards
# Articles with a proposal the model doubts; only scored articles have one.
DOUBTED = "a.id IN (SELECT d.article_id FROM article_odds d WHERE d.doubted > 0)"


def odds_only(where: str) -> str | None:
    """The condition on `article_odds o` alone that `where` comes to when it asks nothing of
    the articles but, perhaps, the doubted filter; None when it asks more."""
    if where == NO_FILTER:
        return NO_FILTER
    if where == f"{NO_FILTER} AND {DOUBTED}":
        return "o.doubted > 0"
    return None


def likely_of(store: Store, article_id: int) -> float | None:
    value = store.scalar("SELECT likely FROM article_odds WHERE article_id = ?", [article_id])
    return None if value is None else float(value)


def _ids(store: Store, sql: str, params: list[Any]) -> list[int]:
    return [int(r[0]) for r in store.conn.execute(sql, params).fetchall()]


def _one(store: Store, sql: str, params: list[Any]) -> int | None:
    found = _ids(store, sql + " LIMIT 1", params)
    return found[0] if found else None


def _scored(where: str) -> tuple[str, str]:
    """(FROM, WHERE) of the scored articles `where` selects. What needs nothing of the
    article's row reads article_odds alone: counting along its index is ~20x faster than
    reading every article it passes (their rows hold the text)."""
    only = odds_only(where)
    return ("article_odds o", only) if only is not None else (SCORED, where)


def _unscored(where: str) -> bool:
    """Can unscored articles meet `where`? (A doubted one has odds.)"""
    return DOUBTED not in where


def scored_count(store: Store, where: str, params: list[Any]) -> int:
    source, cond = _scored(where)
    return int(store.scalar(f"SELECT COUNT(*) FROM {source} WHERE {cond}", params) or 0)


def page_ids(store: Store, where: str, params: list[Any], offset: int, limit: int) -> list[int]:
    """The ids of one page in the likely order."""
    source, cond = _scored(where)
    ids = _ids(
        store,
        f"SELECT o.article_id FROM {source} WHERE {cond} {FIRST} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    if len(ids) < limit and _unscored(where):
        # Past the scored articles: the unscored ones follow, from the start when this page
        # holds the last scored ones.
        skip = 0 if ids else max(0, offset - scored_count(store, where, params))
        ids += _ids(
            store,
            f"SELECT a.id FROM articles a WHERE {where} AND {UNSCORED} ORDER BY a.id "
            "LIMIT ? OFFSET ?",
            [*params, limit - len(ids), skip],
        )
    return ids


def offset_of(store: Store, where: str, params: list[Any], article_id: int) -> int:
    """How many articles of the likely order come before this one."""
    k = likely_of(store, article_id)
    if k is None and not _unscored(where):
        return scored_count(store, where, params)
    if k is None:
        before = store.scalar(
            f"SELECT COUNT(*) FROM articles a WHERE {where} AND {UNSCORED} AND a.id < ?",
            [*params, article_id],
        )
        return scored_count(store, where, params) + int(before or 0)
    # `likely >= k` first: one range of the index, the rest a test per row in it.
    source, cond = _scored(where)
    before = store.scalar(
        f"SELECT COUNT(*) FROM {source} WHERE {cond} AND o.likely >= ? "
        "AND (o.likely > ? OR o.article_id < ?)",
        [*params, k, k, article_id],
    )
    return int(before or 0)


def neighbour(
    store: Store, where: str, params: list[Any], article_id: int, step: int
) -> int | None:
    """The next (step=1) or previous (step=-1) article in the likely order."""
    k = likely_of(store, article_id)
    # No unscored article meets a condition that no row can meet (1 = 0): the queries stay.
    unscored = f"SELECT a.id FROM articles a WHERE {where} AND {UNSCORED}"
    if not _unscored(where):
        unscored += " AND 1 = 0"
    source, cond = _scored(where)
    scored = f"SELECT o.article_id FROM {source} WHERE {cond}"
    if step > 0:
        if k is None:
            return _one(store, f"{unscored} AND a.id > ? ORDER BY a.id", [*params, article_id])
        return (
            _one(
                store,
                f"{scored} AND o.likely = ? AND o.article_id > ? ORDER BY o.article_id",
                [*params, k, article_id],
            )  # fmt: skip
            or _one(store, f"{scored} AND o.likely < ? {FIRST}", [*params, k])
            or _one(store, f"{unscored} ORDER BY a.id", params)
        )
    if k is None:
        return _one(
            store, f"{unscored} AND a.id < ? ORDER BY a.id DESC", [*params, article_id]
        ) or _one(store, f"{scored} {LAST}", params)
    return _one(
        store, f"{scored} AND o.likely = ? AND o.article_id < ? ORDER BY o.article_id DESC",
        [*params, k, article_id],
    ) or _one(store, f"{scored} AND o.likely > ? {LAST}", [*params, k])  # fmt: skip
