"""Provides `Gateway`: every read the screens make, paged from SQLite, behind one lock.

The Store's connection is shared by the reader workers and the writer thread; SQLite would
interleave their statements inside one transaction, so every use takes `Gateway.lock`.
Lists are fetched a page at a time: no widget ever holds more than a page of rows.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from ..store import Store
from ..store.entities import entity_attrs
from ..store.events import public_values
from ..store.presence import present
from ..store.team_reads import annotate, copy_for, events_where, my_assignment

PAGE_SIZE = 100
MAX_EVENTS = 1000  # per article shown in the review list
ARTICLE_STATUSES = ("new", "in_review", "done")


@dataclass(frozen=True)
class QueueQuery:
    """What the articles queue shows: a status filter and a full-text search."""

    status: str | None = None
    search: str = ""
    mine: str | None = None  # only the articles assigned to this analyst

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["1"], []
        if self.status:
            clauses.append("a.status = ?")
            params.append(self.status)
        if self.mine:
            clauses.append("a.id IN (SELECT article_id FROM assignments WHERE analyst = ?)")
            params.append(self.mine)
        match = fts_query(self.search)
        if match:
            clauses.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(match)
        return " AND ".join(clauses), params


def fts_query(text: str) -> str:
    """User words -> a safe FTS5 query: every word must occur (prefix match), no syntax."""
    words = re.findall(r"\w+", text or "")
    return " ".join(f'"{w}"*' for w in words)


@dataclass
class EventView:
    """One event as the review screen shows it."""

    row: dict[str, Any]
    values: dict[str, Any]  # public field values (names, not ids)
    quote: str = ""
    start: int | None = None
    end: int | None = None
    sources: int = 1
    unplaced: bool = False  # a location the gazetteer did not know and nobody placed

    @property
    def id(self) -> int:
        return self.row["id"]

    @property
    def status(self) -> str:
        return self.row["status"]


@dataclass
class Bundle:
    """Everything the review screen needs for one article."""

    article: dict[str, Any]
    mentions: list[dict[str, Any]] = field(default_factory=list)
    events: list[EventView] = field(default_factory=list)
    position: int = 0  # 1-based place of the article in the queue
    total: int = 0


@dataclass
class Progress:
    articles_done: int = 0
    articles: int = 0
    confirmed: int = 0
    proposed: int = 0
    rejected: int = 0
    unextracted: int = 0  # never extracted (an interrupted run): finished at start-up
    failed: int = 0  # extraction failed or was stopped (its reason is on the article)


class Gateway:
    """Reads for the TUI; the writer thread uses the same `store` under the same lock."""

    def __init__(self, store: Store):
        self.store = store
        self.lock = threading.RLock()
        # Totals scan indexes of every event (~50 ms at 500k): on a connection of their own,
        # so recounting after a change never holds up the next article (WAL readers do not
        # block each other or the writer).
        self._totals: Store | None = None
        self._totals_lock = threading.Lock()

    def close(self) -> None:
        with self.lock:
            self.store.close()
        with self._totals_lock:
            if self._totals is not None:
                self._totals.close()

    # -- the queue ------------------------------------------------------------------

    def page(self, query: QueueQuery, offset: int, limit: int = PAGE_SIZE):
        """(rows, total) for one page of the queue, with per-article event counts.

        `+e.status` keeps SQLite on the per-article index: without ANALYZE statistics it
        would otherwise scan every proposed event in the database for each row (12 s at
        500k events instead of 1 ms).
        """
        where, params = query.where()
        with self.lock:
            total = self.store.scalar(f"SELECT COUNT(*) FROM articles a WHERE {where}", params)
            rows = self.store.query(
                f"""
                SELECT a.id, a.status, a.published, a.title, a.outlet, a.file,
                  (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id
                     AND +e.status = 'proposed' AND e.coder IS NULL) AS proposed,
                  (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id
                     AND +e.status = 'confirmed' AND e.coder IS NULL) AS confirmed
                FROM articles a WHERE {where} ORDER BY a.id LIMIT ? OFFSET ?
                """,
                [*params, limit, offset],
            )
            team = annotate(self.store, [r["id"] for r in rows])
        for row in rows:
            row.update(team[row["id"]])  # a blind coder's counts are of their own copy
        return rows, total

    def neighbour(self, query: QueueQuery, article_id: int, step: int) -> int | None:
        """The next (step=1) or previous (step=-1) article in the queue's order."""
        where, params = query.where()
        op, order = (">", "ASC") if step > 0 else ("<", "DESC")
        with self.lock:
            return self.store.scalar(
                f"SELECT a.id FROM articles a WHERE {where} AND a.id {op} ? "
                f"ORDER BY a.id {order} LIMIT 1",
                [*params, article_id],
            )

    def offset_of(self, query: QueueQuery, article_id: int) -> int:
        where, params = query.where()
        with self.lock:
            return self.store.scalar(
                f"SELECT COUNT(*) FROM articles a WHERE {where} AND a.id < ?",
                [*params, article_id],
            )

    # -- one article ----------------------------------------------------------------

    def bundle(self, article_id: int, query: QueueQuery | None = None) -> Bundle | None:
        with self.lock:
            article = self.store.row("articles", article_id)
            if article is None:
                return None
            mentions = self.store.query(
                "SELECT m.*, e.canonical AS entity FROM mentions m "
                "LEFT JOIN entities e ON e.id = m.entity_id "
                "WHERE m.article_id = ? AND m.status = 'active' ORDER BY m.start",
                [article_id],
            )
            events = self._events(article_id)
            mine = my_assignment(self.store, article_id)
            if mine and mine["blind"]:
                # A double-coded article is done for its coder when their copy is.
                article["status"] = "done" if mine["status"] == "done" else "in_review"
            article["blind"] = bool(mine and mine["blind"])
            article["open_by"] = present(self.store, [article_id]).get(article_id, [])
            bundle = Bundle(article=article, mentions=mentions, events=events)
            if query is not None:
                where, params = query.where()
                bundle.position = 1 + self.offset_of(query, article_id)
                bundle.total = self.store.scalar(
                    f"SELECT COUNT(*) FROM articles a WHERE {where}", params
                )
            return bundle

    def _events(self, article_id: int) -> list[EventView]:
        # The analyst's own copy of a double-coded article, else the shared events: never
        # another coder's copy (blind double coding).
        copy, copy_params = events_where(copy_for(self.store, article_id))
        rows = self.store.query(
            f"""
            SELECT e.* FROM events e WHERE e.status != 'merged' AND {copy} AND e.id IN (
              SELECT id FROM events WHERE article_id = ?
              UNION SELECT event_id FROM event_sources WHERE article_id = ?)
            ORDER BY e.id LIMIT ?
            """,
            [*copy_params, article_id, article_id, MAX_EVENTS],
        )
        sources: dict[int, list[dict[str, Any]]] = {}
        if rows:
            marks = ",".join("?" for _ in rows)
            for src in self.store.query(
                f"SELECT * FROM event_sources WHERE event_id IN ({marks}) ORDER BY id",
                [r["id"] for r in rows],
            ):
                sources.setdefault(src["event_id"], []).append(src)
        out = []
        for row in rows:
            mine = [s for s in sources.get(row["id"], []) if s["article_id"] == article_id]
            src = mine[0] if mine else {}
            out.append(
                EventView(
                    row=row,
                    values=public_values(self.store, row),
                    quote=src.get("quote") or "",
                    start=src.get("start"),
                    end=src.get("end"),
                    sources=len(sources.get(row["id"], [])) or 1,
                    unplaced=row.get("place_id") is not None
                    and entity_attrs(self.store, row["place_id"]).get("latitude") is None,
                )
            )
        return out

    def event(self, event_id: int, article_id: int) -> EventView | None:
        with self.lock:
            for view in self._events(article_id):
                if view.id == event_id:
                    return view
        return None

    # -- totals ---------------------------------------------------------------------

    def progress(self) -> Progress:
        if self.store.path == ":memory:":
            return self._count(self.store, self.lock)
        with self._totals_lock:
            if self._totals is None:
                self._totals = Store(self.store.path, analyst=self.store.analyst)
        return self._count(self._totals, self._totals_lock)

    @staticmethod
    def _count(store: Store, lock) -> Progress:
        with lock:
            counts = dict(
                store.conn.execute(
                    "SELECT status, COUNT(*) FROM events WHERE coder IS NULL GROUP BY status"
                )
            )
            articles = store.scalar("SELECT COUNT(*) FROM articles") or 0
            done = store.scalar("SELECT COUNT(*) FROM articles WHERE status = 'done'") or 0
            pending = dict(
                store.conn.execute(
                    "SELECT extract_error IS NOT NULL, COUNT(*) FROM articles "
                    "WHERE extracted_at IS NULL AND content_hash NOT LIKE 'stub:%' GROUP BY 1"
                ).fetchall()
            )
        return Progress(
            unextracted=pending.get(0, 0),
            failed=pending.get(1, 0),
            articles_done=done,
            articles=articles,
            confirmed=counts.get("confirmed", 0),
            proposed=counts.get("proposed", 0),
            rejected=counts.get("rejected", 0),
        )

    def names(self, kind: str) -> list[tuple[str, int, str]]:
        """(alias or canonical name, live entity id, canonical) for fuzzy completion."""
        with self.lock:
            rows = self.store.conn.execute(
                """
                SELECT a.name, coalesce(m.id, e.id), coalesce(m.canonical, e.canonical)
                FROM aliases a JOIN entities e ON e.id = a.entity_id
                LEFT JOIN entities m ON m.id = e.merged_into
                WHERE e.kind = ?
                """,
                [kind],
            ).fetchall()
        return [(name, eid, canonical) for name, eid, canonical in rows]

    def safe(self, fn, *args, **kwargs):
        """Run `fn(store, ...)` under the lock (used by workers)."""
        with self.lock:
            return fn(self.store, *args, **kwargs)
