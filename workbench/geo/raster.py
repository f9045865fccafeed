"""Provides `fit`, `draw` and `caption`: points on a small text map, for terminals.

A map is `height` lines of `width` cells. Each cell is a Unicode braille character, 2 dots
wide and 4 high, and a terminal cell is about twice as tall as wide, so the dots are about
square: the projection is equirectangular with longitude shrunk by cos(latitude) at the
view's middle, which keeps shapes right at the scales an article spans. The backdrop (the
towns of the countries shown, from the gazetteer) is drawn in dots; marks (events) replace
their cell with a glyph, so they read without colour. Pure functions of numbers: the TUI's
map widget only styles what `draw` returns.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

BRAILLE = 0x2800
# Bit of each dot of a braille cell, by (row 0-3, column 0-1) (Unicode's dot numbering).
DOT_BITS = np.array([[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]], dtype=np.uint8)
WORLD = (-58.0, 78.0, -180.0, 180.0)  # the inhabited latitudes: a whole-world view
KM_PER_DEGREE = 111.32


@dataclass(frozen=True, slots=True)
class View:
    """The part of the world a map shows, in degrees."""

    south: float
    north: float
    west: float
    east: float


@dataclass(frozen=True, slots=True)
class Mark:
    """A point drawn as a glyph over the dots (`kind` lets the caller style it)."""

    lat: float
    lon: float
    glyph: str
    kind: str = "mark"


@dataclass(frozen=True, slots=True)
class Raster:
    lines: list[str]
    marks: list[tuple[int, int, str]]  # (line, column, kind) of each cell a mark took
    outside: int = 0  # marks that fall outside the view


def fit(
    points: Iterable[tuple[float, float]],
    width: int,
    height: int,
    min_span: float = 1.0,
    margin: float = 0.15,
) -> View:
    """The smallest view, padded by `margin` of its span, that shows every (lat, lon) with
    square dots on a `width` x `height` map; at least `min_span` degrees of latitude.
    No points: the whole world."""
    pts = [(lat, lon) for lat, lon in points if _valid(lat, lon)]
    if not pts:
        return View(*WORLD)
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    mid_lat = (min(lats) + max(lats)) / 2
    mid_lon = (min(lons) + max(lons)) / 2
    shrink = max(math.cos(math.radians(mid_lat)), 0.2)
    lat_span = max(max(lats) - min(lats), min_span) * (1 + 2 * margin)
    lon_span = max(max(lons) - min(lons), min_span / shrink) * (1 + 2 * margin)
    # Dots per degree must agree: 2*width dots across lon_span*shrink, 4*height down lat_span.
    wide, tall = 2 * max(width, 1), 4 * max(height, 1)
    if lon_span * shrink / wide < lat_span / tall:
        lon_span = lat_span / tall * wide / shrink
    else:
        lat_span = lon_span * shrink / wide * tall
    lat_span, lon_span = min(lat_span, WORLD[1] - WORLD[0]), min(lon_span, 360.0)
    south = min(max(mid_lat - lat_span / 2, WORLD[0]), WORLD[1] - lat_span)
    west = min(max(mid_lon - lon_span / 2, -180.0), 180.0 - lon_span)
    return View(south, south + lat_span, west, west + lon_span)


def around(lat: float, lon: float, width: int, height: int, span: float = 3.0) -> View:
    """A view centred on one point, `span` degrees of latitude tall (or the world)."""
    return fit([(lat - span / 2, lon), (lat + span / 2, lon)], width, height, margin=0)


def _valid(lat: float | None, lon: float | None) -> bool:
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180


def _dots(view: View, width: int, height: int, lats: np.ndarray, lons: np.ndarray):
    """Dot row and column of each point, and which points lie inside the view."""
    x = (lons - view.west) / (view.east - view.west) * (2 * width)
    y = (view.north - lats) / (view.north - view.south) * (4 * height)
    inside = (x >= 0) & (x <= 2 * width) & (y >= 0) & (y <= 4 * height)
    col = np.minimum(x, 2 * width - 1).astype(np.int64)
    row = np.minimum(y, 4 * height - 1).astype(np.int64)
    return row, col, inside


def cell_of(view: View, width: int, height: int, lat: float, lon: float) -> tuple[int, int] | None:
    """(line, column) of the cell a point falls in, or None outside the view."""
    if not _valid(lat, lon):
        return None
    row, col, inside = _dots(view, width, height, np.array([lat]), np.array([lon]))
    return (int(row[0]) // 4, int(col[0]) // 2) if inside[0] else None


def draw(
    view: View,
    width: int,
    height: int,
    backdrop: np.ndarray | Sequence[tuple[float, float]] = (),
    marks: Sequence[Mark] = (),
) -> Raster:
    """The map: backdrop points as braille dots, then each mark's glyph in its cell (a
    later mark wins a shared cell, so the caller lists the one that matters last)."""
    width, height = max(width, 1), max(height, 1)
    cells = np.zeros((height, width), dtype=np.uint8)
    points = np.asarray(backdrop, dtype=np.float64).reshape(-1, 2)
    if len(points):
        row, col, inside = _dots(view, width, height, points[:, 0], points[:, 1])
        row, col = row[inside], col[inside]
        np.bitwise_or.at(cells, (row // 4, col // 2), DOT_BITS[row % 4, col % 2])
    grid = [[chr(BRAILLE + int(b)) if b else " " for b in line] for line in cells]
    placed: dict[tuple[int, int], str] = {}
    outside = 0
    for mark in marks:
        cell = cell_of(view, width, height, mark.lat, mark.lon)
        if cell is None:
            outside += 1
            continue
        grid[cell[0]][cell[1]] = mark.glyph
        placed[cell] = mark.kind
    spots = [(r, c, kind) for (r, c), kind in placed.items()]
    return Raster(["".join(line) for line in grid], spots, outside)


OTHER = "•"  # another event of the same article
SELECTED = "◉"  # the event under the cursor


def event_marks(
    view: View,
    width: int,
    height: int,
    points: Sequence[tuple[float, float]],
    selected: tuple[float, float] | None = None,
    counts: bool = False,
) -> list[Mark]:
    """The marks for events: each point `OTHER` (or, with `counts`, each cell the number of
    points in it, `count_glyph`), then the selected point `SELECTED`, drawn last."""
    marks: list[Mark] = []
    if counts:
        cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
        for lat, lon in points:
            cell = cell_of(view, width, height, lat, lon)
            if cell is not None:
                cells.setdefault(cell, []).append((lat, lon))
        for found in cells.values():
            marks.append(Mark(*found[0], count_glyph(len(found)), "mark"))
    else:
        marks = [Mark(lat, lon, OTHER, "mark") for lat, lon in points]
    if selected is not None:
        marks.append(Mark(*selected, SELECTED, "selected"))
    return marks


def count_glyph(n: int) -> str:
    """A cell's count as one character: 1-9, then + for ten or more."""
    return str(n) if n < 10 else "+"


def _deg(value: float, pos: str, neg: str) -> str:
    return f"{abs(value):.1f}°{pos if value >= 0 else neg}"


def caption(view: View) -> str:
    """The view's extent in words: how wide it is (first: a narrow map cuts the end),
    then its corners."""
    mid = (view.south + view.north) / 2
    km = (view.east - view.west) * KM_PER_DEGREE * math.cos(math.radians(mid))
    return (
        f"{km:,.0f} km across · {_deg(view.south, 'N', 'S')}–{_deg(view.north, 'N', 'S')} "
        f"{_deg(view.west, 'E', 'W')}–{_deg(view.east, 'E', 'W')}"
    )
