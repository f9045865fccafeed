"""Provides the reads the CLI and the TUI share: the article queue with its event counts,
a place in the queue, and the progress totals.

`workbench articles list` and the Articles screen page through the same query
(`article_rows`), `workbench stats` and the progress line count with the same `progress`.
Blind coders' copies of events (events.coder) are working copies, never counted here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import likely
from .db import Store

ARTICLE_STATUSES = ("new", "in_review", "done")
EVENT_STATUSES = ("proposed", "confirmed", "rejected", "merged")
# Never extracted, or its extraction failed or was stopped (a stub from an import is not an
# article to extract).
UNEXTRACTED = "a.extracted_at IS NULL AND a.content_hash NOT LIKE 'stub:%'"


# The learned model's P(real event) of an article's likeliest event (blind coders' copies
# are never scored; decided events count too, so that deciding an event does not move its
# article while the analyst is on it), kept per article in article_odds (store/likely.py).
LIKELY = "(SELECT o.likely FROM article_odds o WHERE o.article_id = a.id)"


@dataclass(frozen=True)
class ArticleQuery:
    """Which articles the queue shows: a status (or "unextracted"), a full-text search,
    only those assigned to one analyst, only those with a proposal the model doubts; and
    in which order: the queue's (article id) or the likeliest events first."""

    status: str | None = None
    search: str = ""
    mine: str | None = None
    doubted: bool = False
    order: str = "queue"

    def where(self, backend: Any) -> tuple[str, list[Any]]:
        """SQL condition on `articles a`, and its parameters, for the store's `backend`."""
        clauses, params = [likely.NO_FILTER], []
        if self.status == "unextracted":
            clauses.append(UNEXTRACTED)
        elif self.status:
            clauses.append("a.status = ?")
            params.append(self.status)
        if self.mine:
            clauses.append("a.id IN (SELECT article_id FROM assignments WHERE analyst = ?)")
            params.append(self.mine)
        words = search_words(self.search)
        if words:  # every word must occur, as a prefix; the words are never query syntax
            clauses.append(backend.article_search("a"))
            params.append(backend.search_param(words))
        if self.doubted:  # a proposal the model doubts (store/odds.py)
            clauses.append(likely.DOUBTED)
        return " AND ".join(clauses), params

    @property
    def likely(self) -> bool:
        """In the model's order (store/likely.py) rather than the queue's own (by id)?"""
        return self.order == "likely"


def search_words(text: str) -> list[str]:
    return re.findall(r"\w+", text or "")


def article_rows(
    store: Store, query: ArticleQuery, offset: int = 0, limit: int = 100
) -> list[dict[str, Any]]:
    """One page of the queue in its order, each article with its proposed and confirmed
    event counts, its extraction state (`extracted`: yes, no, failed or stub) and the
    model's P(real event) of its likeliest event (`likely`, None before any is scored).

    `+e.status` (the `unindexed` fragment) keeps SQLite on the per-article index: without ANALYZE statistics it would
    otherwise scan every proposed event in the database for each row (12 s at 500k events
    instead of 1 ms).
    """
    where, params = query.where(store.sql)
    unindexed = store.sql.unindexed("e.status")
    page = "ORDER BY a.id LIMIT ? OFFSET ?"
    args: list[Any] = [*params, limit, offset]
    ids = None
    if query.likely:
        ids = likely.page_ids(store, where, params, offset, limit)
    elif likely.odds_only(where) not in (None, likely.NO_FILTER):  # the doubted filter alone
        sql = f"SELECT a.id FROM {_by_id(where)} ORDER BY a.id LIMIT ? OFFSET ?"
        ids = [int(r[0]) for r in store.conn.execute(sql, [*params, limit, offset])]
    if ids is not None:
        if not ids:
            return []
        where, page, args = f"a.id IN ({','.join('?' * len(ids))})", "", ids
    rows = store.query(
        f"""
        SELECT a.id, a.status, a.published, a.published_source, a.file, a.title, a.outlet,
          a.skipped_chars,
          CASE WHEN a.extracted_at IS NOT NULL THEN 'yes'
               WHEN a.content_hash LIKE 'stub:%' THEN 'stub'
               WHEN a.extract_error IS NOT NULL THEN 'failed' ELSE 'no' END AS extracted,
          a.extract_error,
          (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id
             AND {unindexed} = 'proposed' AND e.coder IS NULL) AS proposed,
          (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id
             AND {unindexed} = 'confirmed' AND e.coder IS NULL) AS confirmed,
          {LIKELY} AS likely
        FROM articles a WHERE {where} {page}
        """,
        args,
    )
    if ids is not None:
        place = {article_id: i for i, article_id in enumerate(ids)}
        rows.sort(key=lambda r: place[r["id"]])
    return rows


def article_total(store: Store, query: ArticleQuery) -> int:
    where, params = query.where(store.sql)
    if likely.odds_only(where) not in (None, likely.NO_FILTER):  # read off article_odds
        return likely.scored_count(store, where, params)
    return int(store.scalar(f"SELECT COUNT(*) FROM articles a WHERE {where}", params) or 0)


def article_offset(store: Store, query: ArticleQuery, article_id: int) -> int:
    """How many articles of the queue come before this one."""
    where, params = query.where(store.sql)
    if query.likely:
        return likely.offset_of(store, where, params, article_id)
    sql = f"SELECT COUNT(*) FROM {_by_id(where)} AND a.id < ?"
    return int(store.scalar(sql, [*params, article_id]) or 0)


def _by_id(where: str) -> str:
    """FROM ... WHERE for the articles `where` selects, in the queue's order (by id): the
    doubted filter alone reads article_odds' partial index, `a.id` its article_id."""
    only = likely.odds_only(where)
    if only not in (None, likely.NO_FILTER):
        return f"(SELECT article_id AS id FROM article_odds o WHERE {only}) a WHERE 1 = 1"
    return f"articles a WHERE {where}"


def neighbour(store: Store, query: ArticleQuery, article_id: int, step: int) -> int | None:
    """The next (step=1) or previous (step=-1) article in the queue's order."""
    where, params = query.where(store.sql)
    if query.likely:
        return likely.neighbour(store, where, params, article_id, step)
    op, order = (">", "ASC") if step > 0 else ("<", "DESC")
    sql = f"SELECT a.id FROM {_by_id(where)} AND a.id {op} ? ORDER BY a.id {order}"
    found = store.scalar(sql + " LIMIT 1", [*params, article_id])
    return int(found) if found is not None else None


@dataclass
class Progress:
    """Articles (all, done, waiting for extraction, failed) and events by status."""

    articles: int = 0
    articles_done: int = 0
    unextracted: int = 0  # never extracted (an interrupted run): finished at start-up
    failed: int = 0  # extraction failed or was stopped (its reason is on the article)
    events: dict[str, int] = field(default_factory=dict)  # EVENT_STATUSES -> count

    @property
    def proposed(self) -> int:
        return self.events.get("proposed", 0)

    @property
    def confirmed(self) -> int:
        return self.events.get("confirmed", 0)

    @property
    def rejected(self) -> int:
        return self.events.get("rejected", 0)


def progress(store: Store) -> Progress:
    counts = dict(
        store.conn.execute("SELECT status, COUNT(*) FROM events WHERE coder IS NULL GROUP BY 1")
    )
    pending = dict(
        store.conn.execute(
            f"SELECT a.extract_error IS NOT NULL, COUNT(*) FROM articles a WHERE {UNEXTRACTED} "
            "GROUP BY 1"
        ).fetchall()
    )
    return Progress(
        articles=int(store.scalar("SELECT COUNT(*) FROM articles") or 0),
        articles_done=int(store.scalar("SELECT COUNT(*) FROM articles WHERE status = 'done'") or 0),
        unextracted=pending.get(0, 0),
        failed=pending.get(1, 0),
        events={s: counts.get(s, 0) for s in EVENT_STATUSES},
    )


def article_published(store: Store, article_id: int) -> str | None:
    """The article's publication date (what date phrases are resolved against)."""
    found = store.scalar("SELECT published FROM articles WHERE id = ?", [article_id])
    return None if found is None else str(found)


def article_text(store: Store, article_id: int) -> str:
    return str(store.scalar("SELECT text FROM articles WHERE id = ?", [article_id]) or "")


def article_files(store: Store) -> set[str]:
    """The file (or record) names of every article."""
    return {str(r[0]) for r in store.conn.execute("SELECT DISTINCT file FROM articles")}


def source_count(store: Store, event_id: int) -> int:
    """How many sources (article quotes) an event has."""
    sql = "SELECT count(*) FROM event_sources WHERE event_id = ?"
    return int(store.scalar(sql, [event_id]) or 0)


def mention_count(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM mentions") or 0)
