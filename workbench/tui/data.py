"""Provides `Gateway`: every read the screens make, paged from SQLite, behind one lock.

The Store's connection is shared by the reader workers and the writer thread; SQLite would
interleave their statements inside one transaction, so every use takes `Gateway.lock`.
Lists are fetched a page at a time: no widget ever holds more than a page of rows.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any

from ..base.untrusted import shown_text
from ..store import Store
from ..store.entities import entity_attrs
from ..store.events import public_values
from ..store.mapped import point_of
from ..store.presence import present
from ..store.queries import (
    ArticleQuery,
    Progress,
    article_offset,
    article_rows,
    article_total,
    neighbour,
    progress,
)
from ..store.team_reads import annotate, copy_for, events_where, my_assignment

PAGE_SIZE = 100
MAX_EVENTS = 1000  # per article shown in the review list


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
    point: tuple[float, float] | None = None  # the place's (lat, lon), for the map
    country: str = ""  # the place's country (the map's backdrop)

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
    position: int = 0  # 1-based place of the article in the queue (Gateway.place)
    total: int = 0  # 0 until known
    # Made ready to draw by the screen's loading thread (widgets' types: kept opaque here).
    shown: Any = None
    groups: Any = None


def for_screen(store: Store) -> Store:
    """The store, its connection set to read every text value through `shown_text`: a title,
    a name or a quote holding an escape sequence (a database written before ingest cleaned
    such text, or by another tool) shows `␛` on the screen instead of reaching the terminal,
    and text that is not valid UTF-8 shows `�` instead of stopping the screen."""
    store.conn.text_factory = shown_text
    return store


class Gateway:
    """Reads for the TUI; the writer thread uses the same `store` under the same lock."""

    def __init__(self, store: Store):
        self.store = for_screen(store)
        self.lock = threading.RLock()
        # Totals (and an article's place in the queue) scan indexes of every event (~50 ms
        # at 500k): on a connection of their own, so recounting after a change never holds
        # up the next article (WAL readers do not block each other or the writer).
        self._totals: Store | None = None
        self._totals_lock = threading.Lock()

    def close(self) -> None:
        with self.lock:
            self.store.close()
        with self._totals_lock:
            if self._totals is not None:
                self._totals.close()

    # -- the queue ------------------------------------------------------------------

    def page(self, query: ArticleQuery, offset: int, limit: int = PAGE_SIZE):
        """(rows, total) for one page of the queue, with per-article event counts."""
        with self.lock:
            total = article_total(self.store, query)
            rows = article_rows(self.store, query, offset, limit)
            team = annotate(self.store, [r["id"] for r in rows])
        for row in rows:
            row.update(team[row["id"]])  # a blind coder's counts are of their own copy
        return rows, total

    def neighbour(self, query: ArticleQuery, article_id: int, step: int) -> int | None:
        """The next (step=1) or previous (step=-1) article in the queue's order."""
        with self.lock:
            return neighbour(self.store, query, article_id, step)

    def offset_of(self, query: ArticleQuery, article_id: int) -> int:
        with self.lock:
            return article_offset(self.store, query, article_id)

    # -- one article ----------------------------------------------------------------

    def bundle(self, article_id: int) -> Bundle | None:
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
            return Bundle(article=article, mentions=mentions, events=events)

    def place(self, query: ArticleQuery, article_id: int) -> tuple[int, int]:
        """(1-based place of the article in the queue, the queue's length). Asked apart
        from the article's bundle: a filter such as "doubted" costs a count over every
        article (~0.3 s at 100k), which no key should wait for; on the totals' connection, so
        that the next article's reads never wait for it."""
        store, lock = self._counting()
        with lock:
            return 1 + article_offset(store, query, article_id), article_total(store, query)

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
            place = entity_attrs(self.store, row["place_id"])
            out.append(
                EventView(
                    row=row,
                    values=public_values(self.store, row),
                    quote=src.get("quote") or "",
                    start=src.get("start"),
                    end=src.get("end"),
                    # Articles, not quotes: two quotes from one article are one source.
                    sources=len({s["article_id"] for s in sources.get(row["id"], [])}) or 1,
                    unplaced=row.get("place_id") is not None and place.get("latitude") is None,
                    point=point_of(place),
                    country=str(place.get("country") or ""),
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
        return self._count(*self._counting())

    def _counting(self) -> tuple[Store, Any]:
        """The connection (and its lock) for counts that scan many rows."""
        if self.store.path == ":memory:":
            return self.store, self.lock
        with self._totals_lock:
            if self._totals is None:
                self._totals = for_screen(Store(self.store.path, analyst=self.store.analyst))
        return self._totals, self._totals_lock

    @staticmethod
    def _count(store: Store, lock) -> Progress:
        with lock:
            return progress(store)

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

    def name_info(self, kind: str) -> dict[int, tuple[dict[str, Any], int]]:
        """Entity id -> (attributes, events using it), to rank completions."""
        column = "place_id" if kind == "place" else "actor1_id"
        with self.lock:
            rows = self.store.conn.execute(
                f"""
                SELECT e.id, e.attrs,
                  (SELECT COUNT(*) FROM events v WHERE v.{column} = e.id)
                  + (SELECT COUNT(*) FROM events v WHERE v.actor2_id = e.id AND ? = 'actor')
                FROM entities e WHERE e.kind = ? AND e.merged_into IS NULL
                """,
                [kind, kind],
            ).fetchall()
        return {eid: (json.loads(attrs or "{}"), uses) for eid, attrs, uses in rows}

    def safe(self, fn, *args, **kwargs):
        """Run `fn(store, ...)` under the lock (used by workers)."""
        with self.lock:
            return fn(self.store, *args, **kwargs)
