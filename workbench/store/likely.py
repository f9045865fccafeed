"""Provides the queue in the model's order ("likely events first"), read from indexes.

`article_odds` holds one row per scored article: the highest P(real event) of its events
(store/models.py keeps it as the worker writes event_odds). The order is the scored articles
by that figure, highest first, ties by id; then the articles with none, by id. Every read
here is one range of article_odds' (likely DESC, article_id) index or of the articles' ids,
so a page, an article's place and its neighbour stay a few milliseconds at 100k articles
(bench/learn-queue), where an aggregate over event_odds per article cost ~1.6 s per n/p.

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


def likely_of(store: Store, article_id: int) -> float | None:
    value = store.scalar("SELECT likely FROM article_odds WHERE article_id = ?", [article_id])
    return None if value is None else float(value)


def _ids(store: Store, sql: str, params: list[Any]) -> list[int]:
    return [int(r[0]) for r in store.conn.execute(sql, params).fetchall()]


def _one(store: Store, sql: str, params: list[Any]) -> int | None:
    found = _ids(store, sql + " LIMIT 1", params)
    return found[0] if found else None


def _scored(where: str) -> str:
    # The whole queue needs nothing of the article's row: counting along the index alone
    # is ~20x faster than reading every article it passes (their rows hold the text).
    return "article_odds o" if where == NO_FILTER else SCORED


def scored_count(store: Store, where: str, params: list[Any]) -> int:
    return int(store.scalar(f"SELECT COUNT(*) FROM {_scored(where)} WHERE {where}", params) or 0)


def page_ids(store: Store, where: str, params: list[Any], offset: int, limit: int) -> list[int]:
    """The ids of one page in the likely order."""
    ids = _ids(
        store,
        f"SELECT o.article_id FROM {SCORED} WHERE {where} {FIRST} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    if len(ids) < limit:
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
    if k is None:
        before = store.scalar(
            f"SELECT COUNT(*) FROM articles a WHERE {where} AND {UNSCORED} AND a.id < ?",
            [*params, article_id],
        )
        return scored_count(store, where, params) + int(before or 0)
    # `likely >= k` first: one range of the index, the rest a test per row in it.
    before = store.scalar(
        f"SELECT COUNT(*) FROM {_scored(where)} WHERE {where} AND o.likely >= ? "
        "AND (o.likely > ? OR o.article_id < ?)",
        [*params, k, k, article_id],
    )
    return int(before or 0)


def neighbour(
    store: Store, where: str, params: list[Any], article_id: int, step: int
) -> int | None:
    """The next (step=1) or previous (step=-1) article in the likely order."""
    k = likely_of(store, article_id)
    unscored = f"SELECT a.id FROM articles a WHERE {where} AND {UNSCORED}"
    scored = f"SELECT o.article_id FROM {SCORED} WHERE {where}"
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
