"""Provides `mapped_events`: the confirmed events with their coordinates, for the map.

An event's point is its place's (following merges): the coordinates the gazetteer gave the
place or the analyst set in the names screen. Confirmed events without coordinates are
counted, not dropped silently, so the map says how many it cannot show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .db import Store
from .entities import live_ids


@dataclass(frozen=True)
class MappedEvent:
    id: int
    event_date: str | None
    event_type: str
    sub_event_type: str
    place: str
    country: str
    lat: float
    lon: float


@dataclass
class MapData:
    events: list[MappedEvent] = field(default_factory=list)
    unplaced: int = 0  # confirmed events in the filter whose place has no coordinates
    types: list[str] = field(default_factory=list)  # event types of all confirmed events


def point_of(attrs: dict[str, Any]) -> tuple[float, float] | None:
    """A place's (lat, lon) from its attributes, or None when it has none (or a value that
    is no number)."""
    try:
        return float(attrs["latitude"]), float(attrs["longitude"])
    except (KeyError, TypeError, ValueError):
        return None


def mapped_events(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    event_type: str | None = None,
) -> MapData:
    """Confirmed shared events (never a blind coder's copy) dated within the inclusive ISO
    bounds and of one event type (None: every type), each with its place's point."""
    where, params = ["e.status = 'confirmed'", "e.coder IS NULL"], []
    if since:
        where.append("e.event_date >= ?")
        params.append(since)
    if until:
        where.append("e.event_date <= ?")
        params.append(until)
    if event_type:
        where.append("e.event_type = ?")
        params.append(event_type)
    rows = store.conn.execute(
        "SELECT e.id, e.event_date, e.event_type, e.sub_event_type, e.place_id FROM events e "
        f"WHERE {' AND '.join(where)} ORDER BY e.id",
        params,
    ).fetchall()
    live = live_ids(store)
    places = {
        pid: (name, json.loads(raw) if raw else {})
        for pid, name, raw in store.conn.execute(
            "SELECT id, canonical, attrs FROM entities WHERE kind = 'place'"
        )
    }
    data = MapData()
    for eid, day, etype, sub, place_id in rows:
        name, attrs = places.get(live.get(place_id, place_id), ("", {}))
        point = point_of(attrs)
        if point is None:
            data.unplaced += 1
            continue
        country = str(attrs.get("country") or "")
        data.events.append(MappedEvent(eid, day, etype, sub, name, country, *point))
    data.types = [
        t
        for (t,) in store.conn.execute(
            "SELECT DISTINCT event_type FROM events WHERE status = 'confirmed' AND coder IS NULL "
            "AND event_type != '' ORDER BY 1"
        )
    ]
    return data
