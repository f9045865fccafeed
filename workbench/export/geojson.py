"""Provides the GeoJSON writer: a FeatureCollection of the events that have coordinates.

RFC 7946: one Point feature per event, coordinates in `[longitude, latitude]` order (WGS 84,
no `crs` member), `id` the event id, `properties` the JSONL export record unchanged. It is
written feature by feature, so memory stays bounded; QGIS and geojson.io read it as is.
Events without usable coordinates (missing, not numbers, out of range) are left out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TextIO

from .jsonl import JsonLines, value
from .records import EVENT_COLUMNS, EntityCache, Row, Source
from .writer import CHUNK_LINES

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
    line = JsonLines(entities).line
    geometry: dict[int | None, str | None] = {}  # per place: the geometry member, or None

    def features() -> Iterator[str]:
        for row, sources in rows:
            place_id = row[PLACE]
            shape = geometry.get(place_id, "")
            if shape == "":
                shape = geometry[place_id] = _geometry(entities.attrs(place_id))
            if shape is not None:
                yield (
                    f'{{"type": "Feature", "id": {value(row[0])}, "geometry": {shape}, '
                    f'"properties": {line(row, sources)}}}'
                )

    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    separator = "\n"
    found = features()
    while chunk := list(islice(found, CHUNK_LINES)):  # written a thousand at a time
        out.write(separator + ",\n".join(chunk))
        separator = ",\n"
        count += len(chunk)
    out.write("\n]}\n")
    return count


def _geometry(attrs: dict[str, Any]) -> str | None:
    """The geometry member of a place's features, or None when it has no coordinates."""
    lonlat = point(attrs.get("latitude"), attrs.get("longitude"))
    if lonlat is None:
        return None
    return f'{{"type": "Point", "coordinates": [{value(lonlat[0])}, {value(lonlat[1])}]}}'
