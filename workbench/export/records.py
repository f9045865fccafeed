"""Provides `iter_records`: events as export records (DESIGN.md), streamed in id order.

One query walks events joined to their sources in id order, grouped as it goes, so memory
stays bounded however many events there are; the sources' article members come from a
bounded cache read a block of articles at a time (`ArticleCache`). Entity names and attributes come from
one cache of the (far fewer) entities, resolved through merges once, up front.

Each source carries, besides DESIGN's `{article_id, file, title, url, published, quote,
start, end}`, the article's `outlet` (ACLED's `source` column) and `content_hash`, so that
another analyst's `import-events` can match the article exactly.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..base.countries import country_info
from ..store import Store
from ..store.entities import follow_merges
from ..store.record import FIELDS, PER_SOURCE, SOURCE_FIELDS, Field, source_sql

STATUS_FILTERS = ("confirmed", "reviewed", "proposed", "rejected", "all")

# The events columns the record's fields read (FIELDS order, each once), then what only the
# CSV needs: ACLED's `timestamp` (Unix seconds of the last change), which SQLite computes
# faster than Python would. Rows are tuples in this order (no `SELECT *`: cheaper per row).
EXTRA_COLUMNS = ("timestamp",)
EVENT_COLUMNS = (*dict.fromkeys(f.source for f in FIELDS), *EXTRA_COLUMNS)


def _event_sql(backend: Any) -> str:
    return ", ".join(
        backend.epoch_seconds("e.updated_at") if c == "timestamp" else f'e."{c}"'
        for c in EVENT_COLUMNS
    )


class EntityCache:
    """Canonical names and attributes of entities, loaded once, following merges."""

    def __init__(self, store: Store):
        self.rows: dict[int, tuple[str, dict[str, Any], int | None]] = {}
        for eid, canonical, attrs, merged_into in store.conn.execute(
            "SELECT id, canonical, attrs, merged_into FROM entities"
        ):
            self.rows[eid] = (canonical, json.loads(attrs or "{}"), merged_into)
        # Resolved once, so each lookup per event is a single dict access.
        self._live = follow_merges({eid: row[2] for eid, row in self.rows.items()})
        self.names: dict[int, str] = {}
        self.attributes: dict[int, dict[str, Any]] = {}
        for eid, live in self._live.items():
            if live in self.rows:
                self.names[eid] = self.rows[live][0]
                self.attributes[eid] = self.rows[live][1]

    def live(self, eid: int | None) -> int | None:
        return self._live.get(eid, eid) if eid is not None else None

    def name(self, eid: int | None) -> str:
        return self.names.get(eid, "")  # type: ignore[arg-type]

    def attrs(self, eid: int | None) -> dict[str, Any]:
        return self.attributes.get(eid, {})  # type: ignore[arg-type]

    def place_ids_in(self, country: str) -> list[int]:
        """Ids of entities (merged ones included) whose live entity lies in `country`.

        Names are compared through the country table too, so "DRC", "COD" and "Democratic
        Republic of Congo" select the same places.
        """
        wanted = country.casefold()
        known = country_info(country)
        return sorted(
            eid
            for eid in self.rows
            if (name := str(self.attrs(eid).get("country") or ""))
            and (name.casefold() == wanted or (known is not None and country_info(name) == known))
        )


@dataclass(frozen=True)
class EventFilter:
    """Which events an export (or a listing) selects: a status ("all" is every one but the
    merged), an inclusive ISO date range, one article's, one country's places; and the
    shared events unless `coder` names a blind coder whose copies are wanted (agreement)."""

    status: str = "confirmed"
    since: str | None = None
    until: str | None = None
    article_id: int | None = None
    country: str | None = None
    coder: str | None = None

    def where(self, entities: EntityCache, backend: Any = None) -> tuple[str, list[Any]]:
        """SQL WHERE clause (on alias `e`) and its parameters.

        With `backend`, for rows wanted in id order (`iter_rows`): the columns every export
        filters on are hidden from the planner's index choice (`backend.unindexed`), so
        SQLite reads the events in id order. Through an index (coder IS NULL, a status, a
        date range, a country's places) it sorted the whole result, every row with its
        quotes and titles, in a temporary B-tree before the first row came out. A blind
        coder's copies and one article's events are few: those keep their index."""

        def col(name: str) -> str:
            return backend.unindexed(name) if backend is not None else name

        status = self.status
        if status not in STATUS_FILTERS:
            raise ValueError(f"status must be one of {', '.join(STATUS_FILTERS)}")
        # Blind coders' copies (events.coder) are working copies, never the dataset.
        where = (
            [f"{col('e.status')} != 'merged'"] if status == "all" else [f"{col('e.status')} = ?"]
        )
        params: list[Any] = [] if status == "all" else [status]
        if status == "reviewed":  # confirmed, and passed by a reviewer
            params = ["confirmed"]
            where.append("e.reviewed_by IS NOT NULL")
        if self.coder is None:
            where.append(f"{col('e.coder')} IS NULL")
        else:
            where.append("e.coder = ?")
            params.append(self.coder)
        if self.since:
            where.append(f"{col('e.event_date')} >= ?")
            params.append(self.since)
        if self.until:
            where.append(f"{col('e.event_date')} <= ?")
            params.append(self.until)
        if self.article_id is not None:
            where.append("e.id IN (SELECT event_id FROM event_sources WHERE article_id = ?)")
            params.append(self.article_id)
        if self.country:
            # A country has a few hundred places at most: a plain list, the same on both
            # backends.
            place_ids = entities.place_ids_in(self.country)
            marks = ", ".join("?" * len(place_ids))
            where.append(f"{col('e.place_id')} IN ({marks})" if place_ids else "0 = 1")
            params.extend(place_ids)
        return " AND ".join(where), params


# Sources come from the same query as their event (LEFT JOIN, ordered by event then source):
# the article id and the members of the source itself (PER_SOURCE). The article's members
# come from `ArticleCache`: read with each source they were a quarter of the query's time
# (six strings made per source, for a few articles reported again and again). A source is
# assembled in SOURCE_FIELDS order as article head + own members + article tail, which
# needs the source's own members to be one run after the article id.
_ORDER = {name: i for i, name in enumerate(SOURCE_FIELDS)}
_OWN = tuple(sorted(PER_SOURCE, key=_ORDER.__getitem__))
_HEAD = SOURCE_FIELDS[: _ORDER[_OWN[0]]]
_TAIL = SOURCE_FIELDS[_ORDER[_OWN[-1]] + 1 :]
assert _HEAD[0] == "article_id" and (*_HEAD, *_OWN, *_TAIL) == SOURCE_FIELDS, SOURCE_FIELDS
_SOURCE_SQL = source_sql(("article_id", *_OWN))
ARTICLE_BLOCK = 500  # articles read at once: events come roughly in article order
ARTICLE_CACHE = 20_000  # articles kept

Row = tuple[Any, ...]  # an events row, EVENT_COLUMNS order
Source = tuple[Any, ...]  # a source, SOURCE_FIELDS order


class ArticleCache:
    """The article members of sources, as (head, tail) tuples around the source's own
    members, read a block of ids at a time and bounded. On SQLite these reads happen while
    the export's query is still open, so they see the same snapshot."""

    def __init__(self, store: Store):
        self.conn = store.conn
        self.found: dict[int, tuple[tuple[Any, ...], tuple[Any, ...]]] = {}
        self.sql = (
            f"SELECT a.id, {source_sql((*_HEAD[1:], *_TAIL))} FROM articles a "
            "WHERE a.id >= ? AND a.id < ?"
        )

    def __call__(self, article_id: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """(head, tail) of an article the cache does not hold (callers try `found` first)."""
        if len(self.found) >= ARTICLE_CACHE:
            self.found.clear()  # bounded memory on corpora of any size
        split = len(_HEAD)
        for values in self.conn.execute(self.sql, [article_id, article_id + ARTICLE_BLOCK]):
            self.found[values[0]] = (values[:split], values[split:])
        if article_id not in self.found:  # gone: as the LEFT JOIN read it, members unknown
            self.found[article_id] = ((article_id, *[None] * (split - 1)), (None,) * len(_TAIL))
        return self.found[article_id]


def count_events(store: Store, which: EventFilter, entities: EntityCache | None = None) -> int:
    """How many events `iter_rows` with the same filter yields (for progress bars)."""
    where, params = which.where(entities or EntityCache(store))
    return int(store.scalar(f"SELECT count(*) FROM events e WHERE {where}", params))


def rows_query(
    store: Store, which: EventFilter, entities: EntityCache | None = None
) -> tuple[str, list[Any]]:
    """The SQL `iter_rows` runs, and its parameters: events and their sources, in id order."""
    where, params = which.where(entities or EntityCache(store), store.sql)
    sql = f"""
        SELECT {_event_sql(store.sql)}, {_SOURCE_SQL}
        FROM events e
        LEFT JOIN event_sources s ON s.event_id = e.id
        WHERE {where}
        ORDER BY e.id, s.id
        """
    return sql, params


def iter_rows(
    store: Store, which: EventFilter, entities: EntityCache | None = None
) -> Iterator[tuple[Row, list[Source]]]:
    """(events row tuple, its source tuples) for each selected event, in id order.

    The raw form the writers use: tuples, no per-row dicts (they cost ~1/4 of an export).
    """
    cursor = store.conn.execute(*rows_query(store, which, entities))
    width = len(EVENT_COLUMNS)
    own = width + 1  # the source's own members follow its article id
    articles = ArticleCache(store)
    found, read = articles.found, articles
    row: Row | None = None
    sources: list[Source] = []
    for values in cursor:
        if row is None or values[0] != row[0]:
            if row is not None:
                yield row, sources
            row, sources = values[:width], []
        article_id = values[width]
        if article_id is not None:
            head, tail = found.get(article_id) or read(article_id)
            sources.append(head + values[own:] + tail)
    if row is not None:
        yield row, sources


def iter_records(
    store: Store, status: str = "confirmed", **filters: Any
) -> Iterator[dict[str, Any]]:
    """The export records of the events an `EventFilter(status, **filters)` selects."""
    entities = EntityCache(store)
    for row, sources in iter_rows(store, EventFilter(status, **filters), entities):
        yield to_record(row, entities, sources)


_NO_ATTRS: dict[str, Any] = {}
_COLUMN = {c: i for i, c in enumerate(EVENT_COLUMNS)}


def _names(names: dict[int, str], ids_json: str | None) -> list[str]:
    if not ids_json or ids_json == "[]":  # the common case, without a JSON parse
        return []
    return [names.get(i, "") for i in json.loads(ids_json)]


def field_value(field: Field, row: Row, entities: EntityCache) -> Any:
    """The record value of one field, from an events row tuple (EVENT_COLUMNS order)."""
    raw = row[_COLUMN[field.source]]
    kind = field.kind
    if kind in ("actor", "place"):
        return entities.names.get(raw, "")
    if kind == "actors":
        return _names(entities.names, raw)
    if kind == "place_text":
        return entities.attributes.get(raw, _NO_ATTRS).get(field.attr or "") or ""
    if kind == "place_number":
        return entities.attributes.get(raw, _NO_ATTRS).get(field.attr or "")
    return raw


def to_record(row: Row, entities: EntityCache, sources: list[Source]) -> dict[str, Any]:
    """The export record (RECORD_FIELDS) of an events row tuple and its source tuples."""
    record = {f.name: field_value(f, row, entities) for f in FIELDS}
    record["sources"] = [dict(zip(SOURCE_FIELDS, s, strict=True)) for s in sources]
    return record
