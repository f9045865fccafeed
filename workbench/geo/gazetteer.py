"""Provides `Gazetteer` and `gazetteer()`: GeoNames places looked up by spelling-blind key.

The data (workbench/data/gazetteer, built by tools/build-gazetteer from GeoNames, CC BY 4.0)
is two sorted text files read through `mmap`: opening costs a few system calls, a lookup
is a binary search over the key file (about 20 probes), and only the pages a lookup
touches are ever read into memory. Nothing is parsed at start-up, so commands that never
look a place up pay nothing, and the ones that do stay far below 100 MB resident.
"""

from __future__ import annotations

import mmap
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .placekey import place_key

# GeoNames kinds: a populated place, a first-level division, a country.
PRECISION = {"P": 1, "A1": 3, "C": 3}  # ACLED geo precision of a place of that kind
TYPE = {"P": "town", "A1": "governorate", "C": "country"}  # the extractor's place types


@dataclass(frozen=True, slots=True)
class GeoPlace:
    name: str
    kind: str  # P | A1 | C
    country: str
    admin1: str
    admin2: str
    lat: float
    lon: float
    population: int
    geonameid: str
    alternates: tuple[str, ...]

    @property
    def precision(self) -> int:
        return PRECISION[self.kind]

    @property
    def type(self) -> str:
        return TYPE[self.kind]

    @classmethod
    def parse(cls, line: str) -> GeoPlace:
        name, kind, country, a1, a2, lat, lon, pop, gid, alts, _ = line.split("\t")
        alternates = tuple(a for a in alts.split("; ") if a)
        return cls(name, kind, country, a1, a2, float(lat), float(lon), int(pop), gid, alternates)


def _map(path: Path) -> mmap.mmap:
    with path.open("rb") as fh:
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)


class Gazetteer:
    """The places of one gazetteer folder (places.tsv + names.tsv + countries.tsv)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._places = _map(folder / "places.tsv")
        self._names = _map(folder / "names.tsv")
        self._by_offset: dict[int, GeoPlace] = {}
        self._ranges: dict[str, tuple[int, int]] | None = None
        self._towns: dict[str, list[tuple[float, float]]] = {}

    # -- exact keys ------------------------------------------------------------------------

    def _first_at_or_after(self, target: bytes) -> int:
        """Byte offset of the first names.tsv line whose key is >= target."""
        mm = self._names
        lo, hi = 0, len(mm)
        while lo < hi:
            mid = (lo + hi) // 2
            start = mm.rfind(b"\n", 0, mid) + 1
            if start < lo:
                start = lo
            end = mm.find(b"\n", start)
            tab = mm.find(b"\t", start, end)
            if mm[start:tab] < target:
                lo = end + 1
            else:
                hi = start
        return lo

    def _line(self, pos: int) -> tuple[bytes, bytes, int]:
        mm = self._names
        end = mm.find(b"\n", pos)
        tab = mm.find(b"\t", pos, end)
        return mm[pos:tab], mm[tab + 1 : end], end + 1

    def place_at(self, offset: int) -> GeoPlace:
        place = self._by_offset.get(offset)
        if place is None:
            end = self._places.find(b"\n", offset)
            place = GeoPlace.parse(self._places[offset:end].decode("utf-8"))
            self._by_offset[offset] = place
        return place

    def by_key(self, key: str) -> list[GeoPlace]:
        """Every place filed under this exact `place_key`."""
        if not key:
            return []
        target = key.encode("ascii", "ignore")
        pos = self._first_at_or_after(target)
        if pos >= len(self._names):
            return []
        found, offsets, _ = self._line(pos)
        if found != target:
            return []
        return [self.place_at(int(o)) for o in offsets.split(b",")]

    def find(self, name: str) -> list[GeoPlace]:
        """Places a name may mean, under its key, most populous first."""
        return sorted(self.by_key(place_key(name)), key=lambda p: -p.population)

    def complete(self, prefix: str, limit: int = 20) -> Iterator[tuple[str, GeoPlace]]:
        """(key, place) for keys starting with the prefix's key, in key order (completion)."""
        target = place_key(prefix).encode("ascii", "ignore")
        if not target:
            return
        pos, n = self._first_at_or_after(target), 0
        while pos < len(self._names) and n < limit:
            key, offsets, pos = self._line(pos)
            if not key.startswith(target):
                return
            for o in offsets.split(b","):
                yield key.decode(), self.place_at(int(o))
                n += 1

    # -- one country -----------------------------------------------------------------------

    def _range(self, country: str) -> tuple[int, int]:
        if self._ranges is None:
            text = (self.folder / "countries.tsv").read_text("utf-8")
            self._ranges = {}
            for line in text.splitlines():
                name, start, end = line.split("\t")
                self._ranges[name] = (int(start), int(end))
        return self._ranges.get(country, (0, 0))

    def in_country(self, country: str) -> list[GeoPlace]:
        """Every populated place of a country (as countries.csv names it), most populous
        first."""
        start, end = self._range(country)
        out, pos = [], start
        while pos < end:
            nxt = self._places.find(b"\n", pos) + 1
            out.append(self.place_at(pos))
            pos = nxt
        return out

    def country_keys(self, country: str) -> tuple[list[str], list[int]]:
        """Every key of a country's populated places and the offset of the place of each
        (read from the file's key column: no place is parsed, no key computed)."""
        start, end = self._range(country)
        keys: list[str] = []
        offsets: list[int] = []
        pos = start
        for line in self._places[start:end].split(b"\n"):
            if line:
                for key in line[line.rfind(b"\t") + 1 :].decode("ascii").split("|"):
                    keys.append(key)
                    offsets.append(pos)
            pos += len(line) + 1
        return keys, offsets

    def towns(self, country: str) -> list[tuple[float, float]]:
        """(lat, lon) of every populated place of a country: a map's backdrop. Only the
        coordinate columns are read, once per country and process."""
        found = self._towns.get(country)
        if found is None:
            start, end = self._range(country)
            found = []
            for line in self._places[start:end].split(b"\n"):
                fields = line.split(b"\t", 7)
                if len(fields) > 7:
                    found.append((float(fields[5]), float(fields[6])))
            self._towns[country] = found
        return found


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, opened on first use and shared by the process."""
    folder = resources.files("workbench.data").joinpath("gazetteer")
    return Gazetteer(Path(str(folder)))
