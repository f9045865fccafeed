"""Provides `export_to_file`: one call for the CLI and the TUI to write a dataset file.

The file is written to a temporary name beside the target and renamed when complete
(`atomic_output`), so a crash never leaves half a dataset; events are streamed, so memory
stays bounded. `progress(done, total)` is called every `PROGRESS_EVERY` events and at the
end, from the calling thread (the TUI calls this from a worker).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from ..store import Store
from .csv import write_csv
from .datasette import write_metadata
from .geojson import write_geojson
from .jsonl import write_jsonl_rows
from .records import EntityCache, EventFilter, count_events, iter_rows
from .writer import atomic_output

FORMATS = ("csv", "jsonl", "geojson", "datasette-metadata")
SUFFIXES = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".geojson": "geojson",
    ".yml": "datasette-metadata",
    ".yaml": "datasette-metadata",
}
PROGRESS_EVERY = 2000
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")

Progress = Callable[[int, int], None]


def date_bound(value: str | None, *, end: bool, name: str = "date") -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as an inclusive ISO bound ("2018-02" until -> 2018-02-28)."""
    if value is None or not str(value).strip():
        return None
    match = _PARTIAL.match(str(value).strip())
    if not match:
        raise ValueError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    year, month, day = match.groups()
    try:
        if day:
            return date(int(year), int(month), int(day)).isoformat()
        if month:
            last = calendar.monthrange(int(year), int(month))[1]
            return date(int(year), int(month), last if end else 1).isoformat()
        return date(int(year), 12, 31).isoformat() if end else date(int(year), 1, 1).isoformat()
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a real date") from None


def format_for(path: str | None, fmt: str | None) -> str:
    """The format asked for, else the one the file name implies."""
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        return fmt
    name = (path or "").lower()
    for suffix, implied in SUFFIXES.items():
        if name.endswith(suffix):
            return implied
    if name.endswith(".json") and "metadata" in name:
        return "datasette-metadata"
    raise ValueError(f"choose a format ({', '.join(FORMATS)}): none is implied by {path!r}")


def _reporting(
    rows: Iterator[Any], total: int, progress: Progress
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    progress(0, total)
    done = 0
    for item in rows:
        yield item
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done, total)
    progress(done, max(total, done))


def export_to_file(
    store: Store,
    path: str | None,
    fmt: str,
    *,
    status: str = "confirmed",
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Export events to `path` ("-" or None: stdout); returns how many were written.

    For `datasette-metadata` it returns the number of tables described. GeoJSON counts only
    events with coordinates; `progress` counts every event considered.
    """
    fmt = format_for(path, fmt)
    if fmt == "datasette-metadata":
        with atomic_output(path) as out:
            return write_metadata(store, out)
    first = date_bound(since, end=False, name="since")
    last = date_bound(until, end=True, name="until")
    entities = EntityCache(store)
    which = EventFilter(status, first, last, country=country or None)
    rows: Iterator[Any] = iter_rows(store, which, entities)
    if progress is not None:
        total = count_events(store, which, entities)
        rows = _reporting(rows, total, progress)
    writer = {"csv": write_csv, "geojson": write_geojson, "jsonl": write_jsonl_rows}[fmt]
    with atomic_output(path, newline="" if fmt == "csv" else None) as out:
        return writer(rows, entities, out)
