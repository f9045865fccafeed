"""Provides `tie_to_areas`: the province (or district) the text ties a place no gazetteer
has to, so its events are coded there at ACLED geo precision 3 (2 for a district).

ACLED's practice for a village it cannot locate is to code the event at the smallest larger
area the report names - its province's (or district's) point - and keep the reported name
as the location. A place found by its context ("the village of X") that neither the
hand-entered places nor GeoNames know is tied, in this order, to:

1. an area named in its own sentence: one that follows it, joined by place words only
   ("X in the northern countryside of Latakia", "X, in the central Mopti region", "X in
   Beni territory"), else one that sets the sentence's scene before it ("In the western
   countryside of Aleppo, ... on the axis of X") with no town of another province between;
2. the area another mention of the same name was tied to in the article;
3. the article's only province in the place's country, when it names exactly one (a
   capital city, "Damascus", "NIAMEY -", names the government or the dateline instead).

An area is a province (a governorate entry, "X province/countryside/region/state", "the
countryside of X", or a city named as its province is, "in Idlib"), a district ("X
district/territory", or a hand-entered district) or a hand-entered part of a province ("the
Jabal al-Zawiya area"); the last two only in the same sentence. A place tied to nothing
keeps no coordinates: nothing is made up. The place's entry gets the province (`admin1`,
`country`) and says what its point stands for (`point_of`, `area`); a province's point comes
from `gazetteer.with_coordinates`, as for any place whose province alone is known.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..geo.placekey import place_key
from .annotate import Ann
from .gazetteer import PROVINCE_TYPES
from .lexicon import Lexicon, PlaceEntry
from .text import Sentence

DISTRICT_WORDS = frozenset(["district", "territory", "county", "subdistrict"])
# Kinds of places that are areas themselves: never tied to another.
AREA_TYPES = frozenset(["country", "governorate", "province", "region", "state"])
TOWN_TYPES = frozenset(["city", "town", "village"])
# Words that may stand between a place and the area it lies in ("X, a village in the
# northern countryside of Y"): prepositions, directions and place nouns; names ("in al-Ghab
# plain in ...") pass too. Any other word (a verb, "and", "while") means the area belongs
# to another part of the sentence.
LINK_WORDS = frozenset([
    "in", "of", "the", "a", "near", "on", "at", "within", "inside", "province", "governorate",
    "countryside", "region", "area", "district", "territory", "state", "plain", "valley",
    "village", "town", "hamlet", "city", "suburb", "outskirts", "axis", "central", "rural",
])  # fmt: skip
LOCATIVE = frozenset(["in", "across", "throughout", "inside"])
_DIRECTION = re.compile(r"(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?")
_NAME = re.compile(r"(?:(?:[ae]l|a[dnrstz]|ash)-)?[A-Z]")
_WORD = re.compile(r"[^\s,()]+")
_NEXT_WORD = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?([^\s,()]+)")
_OF_WRAP = re.compile(r"\b(?:countryside|province|governorate|outskirts)\s+of\s+(?:the\s+)?$", re.I)
# Not tied to the article's province, only to an area of its own sentence: a lake, sea or
# river may border several provinces or lie across a border ("northeast of Lake Tiberias"
# in a report from Syria); a university or embassy is as often abroad ("Phillips, now at
# Columbia University").
ELSEWHERE = frozenset([
    "lake", "sea", "river", "gulf", "bay", "strait", "canal", "university", "college",
    "institute", "embassy", "consulate",
])  # fmt: skip
LINK_REACH = 80  # characters between a place and the area after it
SCENE_REACH = 60  # characters between "In" and the area that sets the scene


@dataclass(frozen=True, slots=True)
class Area:
    admin1: str
    country: str
    label: str  # "Aleppo province", "Beni territory"
    # province | named (a city named as its province; capital: a country's capital) |
    # district | area (a hand-entered part of a province)
    kind: str
    start: int
    end: int
    point: tuple[float, float] | None = None  # a district's or part's own point


def tie_to_areas(
    lex: Lexicon, text: str, anns: list[Ann], sentences: list[Sentence], country: str | None
) -> None:
    """Give every place mention no gazetteer knows the area its sentence, or else the
    article, ties it to (see the module's docstring). Only entries the rules made for this
    article (origin "extracted", one per mention) are completed: dictionary ones are shared."""
    places = sorted((a for a in anns if a.kind == "place"), key=lambda a: a.start)
    unknown = [a for a in places if _unknown(a.place_entry)]
    if not unknown:
        return
    capitals = _capitals(lex)
    areas = [area for a in places if (area := _area_of(text, a, capitals)) is not None]
    near = _Near(text, areas, places)
    starts = [s.start for s in sentences]
    tied: dict[str, Area] = {}
    own: dict[int, Area] = {}  # id of the mention -> the area of its own sentence
    for a in places:
        e = a.place_entry
        if _unknown(e):
            k = bisect.bisect_right(starts, a.start) - 1
            found = near.in_sentence(a, sentences[k]) if k >= 0 else None
            if found is not None:
                own[id(a)] = found
        elif _placed_by_province(e):  # "Bama village in Borno" (core._Provinces)
            found = Area(e.admin1, e.country, f"{e.admin1} province", "province", a.start, a.end)
        else:
            continue
        if found is not None:
            tied.setdefault(place_key(a.name or ""), found)
    only = _only_provinces(areas)
    for a in unknown:
        entry = a.place_entry
        area, how = own.get(id(a)), "named in the same sentence"
        if area is None:
            area, how = tied.get(place_key(a.name or "")), "named with it elsewhere in the article"
        if area is None and not ELSEWHERE.intersection((a.name or "").lower().split()):
            area, how = only.get(entry.country or country or ""), "the only one the article names"
        if area is not None and entry.country in ("", area.country):
            _tie(entry, area, how)


def _unknown(entry: PlaceEntry) -> bool:
    return (
        entry.origin == "extracted" and entry.geo is None and entry.lat is None
        and not entry.admin1 and entry.type not in AREA_TYPES
    )  # fmt: skip


def _placed_by_province(entry: PlaceEntry) -> bool:
    return (
        entry.origin == "extracted" and entry.geo is None and entry.lat is None
        and bool(entry.admin1 and entry.country) and entry.type not in AREA_TYPES
    )  # fmt: skip


def _facts(e: PlaceEntry) -> tuple[str, str, str, tuple[float, float] | None]:
    """(type, province, country, point) of a known place, hand-entered or from GeoNames."""
    if e.geo is not None:
        kind = "governorate" if e.geo.kind == "A1" else "town" if e.geo.kind == "P" else ""
        return kind, e.geo.admin1, e.geo.country, (e.geo.lat, e.geo.lon)
    point = (e.lat, e.lon) if e.lat is not None and e.lon is not None else None
    return e.type, e.admin1, e.country, point


def _area_of(text: str, a: Ann, capitals: frozenset[str]) -> Area | None:
    """The area a place mention names, or None (a town, a country, an unknown place)."""
    kind, admin1, country, point = _facts(a.place_entry)
    if not admin1 or not country:
        return None
    if kind in ("governorate", "province", "state"):
        return Area(admin1, country, f"{admin1} province", "province", a.start, a.end)
    if point is None:
        return None
    if kind in ("district", "region"):
        part = "district" if kind == "district" else "area"
        return Area(admin1, country, a.place_entry.name, part, a.start, a.end, point)
    if kind not in TOWN_TYPES:
        return None
    found = _NEXT_WORD.match(text, a.end)  # "Shingal (Sinjar) district": the aside skipped
    word = found.group(1).strip(".;:").lower() if found else ""
    if word in DISTRICT_WORDS:
        # "Beni territory": the district that bears the town's name, at its capital's point.
        end = found.end() if found else a.end
        return Area(
            admin1, country, f"{text[a.start : a.end]} {word}", "district", a.start, end, point
        )
    if word in PROVINCE_TYPES or _OF_WRAP.search(text, max(0, a.start - 40), a.start):
        # "Latakia countryside", "the countryside of Qamishli": the town's province.
        end = found.end() if found and word in PROVINCE_TYPES else a.end
        return Area(admin1, country, f"{admin1} province", "province", a.start, end)
    if place_key(admin1) == place_key(a.name or "") and not text[a.start : a.end].isupper():
        # "in Idlib", "Deir ez-Zor": a city named as its province is, read as the province
        # (not a dateline, "ERBIL (Kurdistan 24) -": where the reporter was).
        kind = "capital" if a.name in capitals else "named"
        return Area(admin1, country, f"{admin1} province", kind, a.start, a.end)
    return None


def _linked(text: str) -> bool:
    """Only place words and names between a place and the area after it."""
    for w in _WORD.findall(text):
        low = w.lower()
        if low not in LINK_WORDS and not _DIRECTION.fullmatch(low) and not _NAME.match(w):
            return False
    return True


def _scene(text: str, start: int, end: int) -> bool:
    """The words before an area open a place phrase ("In the western countryside of")."""
    for w in reversed(_WORD.findall(text, start, end)):
        low = w.lower()
        if low in LOCATIVE:
            return True
        if low not in LINK_WORDS and not _DIRECTION.fullmatch(low):
            return False
    return False


class _Near:
    """The areas and places of one article by position: a sentence's are found by bisect
    (a scan of all of them per place was quadratic in a long article)."""

    def __init__(self, text: str, areas: list[Area], places: list[Ann]) -> None:
        self.text, self.areas, self.places = text, areas, places  # both sorted by start
        self.area_starts = [r.start for r in areas]
        self.place_starts = [p.start for p in places]

    def in_sentence(self, a: Ann, sent: Sentence) -> Area | None:
        """The area the place's own sentence ties it to, or None."""
        text = self.text
        lo = bisect.bisect_left(self.area_starts, sent.start)
        hi = bisect.bisect_left(self.area_starts, sent.end)
        mine = [r for r in self.areas[lo:hi] if r.start != a.start]
        for r in mine:
            if a.end <= r.start <= a.end + LINK_REACH and _linked(text[a.end : r.start]):
                return r
        for r in reversed([r for r in mine if r.end <= a.start]):
            if not _scene(text, max(sent.start, r.start - SCENE_REACH), r.start):
                continue
            # No town of another province between the scene and the place ("In Hama ...,
            # while in Idlib ... X").
            lo = bisect.bisect_left(self.place_starts, r.end)
            hi = bisect.bisect_left(self.place_starts, a.start)
            between = [_facts(p.place_entry)[1] for p in self.places[lo:hi]]
            return r if all(not b or b == r.admin1 for b in between) else None
        return None


def _capitals(lex: Lexicon) -> frozenset[str]:
    found = lex.cache.get("capitals")
    if found is None:
        found = frozenset(
            e.capital for e in lex.places.values() if e.type == "country" and e.capital
        )
        lex.cache["capitals"] = found
    return found


def _only_provinces(areas: list[Area]) -> dict[str, Area]:
    """country -> the one province the article names there (none when it names two). A
    province named as one ("Idlib province", "the countryside of Hama", or through one of
    its districts, "Sinjar district") outranks a city named as its province is ("Hama"): a
    report on Idlib province may mention Hama city, or "Erbil" for the Kurdish government.
    A country's capital ("NIAMEY -", "Beirut said") names the dateline or the government,
    not the province the article is about."""
    seen: dict[str, dict[str, dict[str, Area]]] = {}
    keys: dict[str, str] = {}  # admin1 -> its place key (a long article names a few often)
    for r in areas:
        if r.kind != "capital" and r.kind != "area":  # a part of a province is no province
            how = "named" if r.kind == "named" else "explicit"
            named = seen.setdefault(r.country, {}).setdefault(how, {})
            key = keys.get(r.admin1)
            if key is None:
                key = keys[r.admin1] = place_key(r.admin1)
            if key not in named:  # the first mention of each province is kept
                named[key] = Area(
                    r.admin1, r.country, f"{r.admin1} province", "province", r.start, r.end
                )
    out: dict[str, Area] = {}
    for country, kinds in seen.items():
        found = kinds.get("explicit") or kinds["named"]
        if len(found) == 1:
            out[country] = next(iter(found.values()))
    return out


def _tie(entry: PlaceEntry, area: Area, how: str) -> None:
    entry.admin1, entry.country = area.admin1, area.country
    entry.area = f"{area.label}, {how}"
    if area.point is not None and area.kind in ("district", "area"):
        entry.lat, entry.lon = area.point
        entry.point_of = area.kind
