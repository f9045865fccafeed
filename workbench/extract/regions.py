"""Provides `world_region`: regions of the world and continents as places.

"Europe", "the Middle East", "Africa" name no country and no province, yet an event is
reported there; ACLED codes such a place at a point standing for the region, at geo
precision 3. The regions are those of countries.csv's `region` column (ACLED's regions);
a continent is the union of the regions whose name ends in it ("Western Africa" ... ->
Africa). A region's point is the median of its countries' points (GeoNames country
centroids, from the gazetteer), so nothing here is entered by hand.
"""

from __future__ import annotations

from functools import lru_cache
from statistics import median

from ..base.countries import country_rows
from ..geo.gazetteer import gazetteer
from ..geo.placekey import place_key
from .lexicon import PlaceEntry

CONTINENTS = ("Africa", "Asia", "America")


@lru_cache(maxsize=1)
def _world_regions() -> dict[str, tuple[str, float, float]]:
    """place_key -> (name, lat, lon) of each world region and continent."""
    members: dict[str, list[tuple[float, float]]] = {}
    for row in country_rows():
        region = row.get("region") or ""
        point = next((p for p in gazetteer().find(row["country"]) if p.kind == "C"), None)
        if point is None or not region:
            continue
        for name in [region] + [c for c in CONTINENTS if region.endswith(" " + c)]:
            members.setdefault(name, []).append((point.lat, point.lon))
    return {
        place_key(name): (name, median(p[0] for p in pts), median(p[1] for p in pts))
        for name, pts in members.items()
    }


def world_region(name: str) -> PlaceEntry | None:
    """The region of the world a name means, as a place whose point stands for it (no
    country, no province), or None."""
    found = _world_regions().get(place_key(name))
    if found is None:
        return None
    entry = PlaceEntry(found[0], "region", lat=found[1], lon=found[2], origin="gazetteer")
    entry.point_of = "region"
    return entry
