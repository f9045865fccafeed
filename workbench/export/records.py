"""Provides `iter_records`: events as export records (DESIGN.md), streamed in id order.

Two cursors walk events and their sources in the same id order and are zipped together, so
memory stays bounded however many events there are. Entity names and attributes come from
one cache of the (far fewer) entities.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..store import Store

STATUS_FILTERS = ("confirmed", "proposed", "rejected", "all")

RECORD_FIELDS = (
    "event_id",
    "status",
    "event_date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "notes",
    "confidence",
    "confirmed_by",
    "confirmed_at",
    "sources",
)


def event_filter(
    status: str = "confirmed",
    since: str | None = None,
    until: str | None = None,
    article_id: int | None = None,
) -> tuple[str, list[Any]]:
    """SQL WHERE clause (on alias `e`) selecting exportable events."""
    if status not in STATUS_FILTERS:
        raise ValueError(f"status must be one of {', '.join(STATUS_FILTERS)}")
    where = ["e.status != 'merged'"] if status == "all" else ["e.status = ?"]
    params: list[Any] = [] if status == "all" else [status]
    if since:
        where.append("e.event_date >= ?")
        params.append(since)
    if until:
        where.append("e.event_date <= ?")
        params.append(until)
    if article_id is not None:
        where.append("e.id IN (SELECT event_id FROM event_sources WHERE article_id = ?)")
        params.append(article_id)
    return " AND ".join(where), params


class EntityCache:
    """Canonical names and attributes of entities, loaded once, following merges."""

    def __init__(self, store: Store):
        self.rows: dict[int, tuple[str, dict[str, Any], int | None]] = {}
        for eid, canonical, attrs, merged_into in store.conn.execute(
            "SELECT id, canonical, attrs, merged_into FROM entities"
        ):
            self.rows[eid] = (canonical, json.loads(attrs or "{}"), merged_into)

    def live(self, eid: int | None) -> int | None:
        seen: set[int] = set()
        while eid is not None and eid in self.rows and self.rows[eid][2] is not None:
            if eid in seen:
                break
            seen.add(eid)
            eid = self.rows[eid][2]
        return eid

    def name(self, eid: int | None) -> str:
        eid = self.live(eid)
        return self.rows[eid][0] if eid in self.rows else ""

    def attrs(self, eid: int | None) -> dict[str, Any]:
        eid = self.live(eid)
        return self.rows[eid][1] if eid in self.rows else {}


def _sources(store: Store, where: str, params: list[Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    cur = store.conn.execute(
        f"""
        SELECT s.event_id, s.article_id, a.file, a.record_id, a.title, a.url, a.published,
               s.quote, s.start, s.end
        FROM event_sources s JOIN articles a ON a.id = s.article_id
        WHERE s.event_id IN (SELECT e.id FROM events e WHERE {where})
        ORDER BY s.event_id, s.id
        """,
        params,
    )
    for event_id, article_id, file, record_id, title, url, published, quote, start, end in cur:
        yield (
            event_id,
            {
                "article_id": article_id,
                "file": record_id or file,
                "title": title,
                "url": url,
                "published": published,
                "quote": quote,
                "start": start,
                "end": end,
            },
        )


def iter_records(
    store: Store,
    status: str = "confirmed",
    since: str | None = None,
    until: str | None = None,
    article_id: int | None = None,
    country: str | None = None,
) -> Iterator[dict[str, Any]]:
    where, params = event_filter(status, since, until, article_id)
    entities = EntityCache(store)
    sources = _sources(store, where, params)
    pending = next(sources, None)
    events = store.conn.execute(f"SELECT e.* FROM events e WHERE {where} ORDER BY e.id", params)
    columns = [c[0] for c in events.description]
    for values in events:
        row = dict(zip(columns, values, strict=True))
        event_sources = []
        while pending is not None and pending[0] < row["id"]:
            pending = next(sources, None)
        while pending is not None and pending[0] == row["id"]:
            event_sources.append(pending[1])
            pending = next(sources, None)
        record = to_record(row, entities, event_sources)
        if country and record["country"].casefold() != country.casefold():
            continue
        yield record


def to_record(
    row: dict[str, Any], entities: EntityCache, sources: list[dict[str, Any]]
) -> dict[str, Any]:
    place = entities.attrs(row["place_id"])
    country = place.get("country") or ""
    return {
        "event_id": row["id"],
        "status": row["status"],
        "event_date": row["event_date"],
        "date_precision": row["date_precision"],
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "actor1": entities.name(row["actor1_id"]),
        "assoc_actor_1": [entities.name(i) for i in json.loads(row["assoc_actor_1"] or "[]")],
        "actor2": entities.name(row["actor2_id"]),
        "assoc_actor_2": [entities.name(i) for i in json.loads(row["assoc_actor_2"] or "[]")],
        "location": entities.name(row["place_id"]),
        "admin1": place.get("admin1") or "",
        "country": country,
        "latitude": place.get("latitude"),
        "longitude": place.get("longitude"),
        "geo_precision": row["geo_precision"],
        "fatalities": row["fatalities"],
        "fatalities_low": row["fatalities_low"],
        "fatalities_high": row["fatalities_high"],
        "notes": row["notes"],
        "confidence": row["confidence"],
        "confirmed_by": row["confirmed_by"],
        "confirmed_at": row["confirmed_at"],
        "sources": sources,
    }
