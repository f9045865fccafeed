"""Provides the GeoJSON writer: a FeatureCollection of the events that have coordinates.

RFC 7946: one Point feature per event, coordinates in `[longitude, latitude]` order (WGS 84,
no `crs` member), `id` the event id, `properties` the JSONL export record unchanged. It is
written feature by feature, so memory stays bounded; QGIS and geojson.io read it as is.
Events without usable coordinates (missing, not numbers, out of range) are left out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, TextIO

from ..base.untrusted import escape_json
from .jsonl import JsonLines, value
from .records import EVENT_COLUMNS, EntityCache, Row, Source

PLACE = EVENT_COLUMNS.index("place_id")


def point(latitude: Any, longitude: Any) -> list[float] | None:
    """`[lon, lat]`, or None when these are not valid WGS 84 coordinates."""
    if isinstance(latitude, bool) or isinstance(longitude, bool):
        return None
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return [lon, lat]


def write_geojson(
    rows: Iterable[tuple[Row, list[Source]]], entities: EntityCache, out: TextIO
) -> int:
    lines = JsonLines(entities)
    geometry: dict[int | None, str | None] = {}  # per place: the geometry member, or None
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for row, sources in rows:
        place_id = row[PLACE]
        if place_id not in geometry:
            attrs = entities.attrs(place_id)
            lonlat = point(attrs.get("latitude"), attrs.get("longitude"))
            geometry[place_id] = (
                None
                if lonlat is None
                else f'{{"type": "Point", "coordinates": [{value(lonlat[0])}, {value(lonlat[1])}]}}'
            )
        shape = geometry[place_id]
        if shape is None:
            continue
        out.write("\n" if count == 0 else ",\n")
        out.write(
            f'{{"type": "Feature", "id": {value(row[0])}, "geometry": {shape}, '
            f'"properties": {escape_json(lines.line(row, sources))}}}'
        )
        count += 1
    out.write("\n]}\n")
    return count
