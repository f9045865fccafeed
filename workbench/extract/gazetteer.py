"""Provides `resolve_place`, `not_a_place` and `with_coordinates`: the extractor's hook
into the gazetteer (workbench/geo).

A place name the rules found by its context ("the town of X", "in X", "X province") is
looked up by its spelling-blind key (`place_key`): first among the hand-entered places
(places.csv, user dictionaries, analysts' names), which win on conflict, then in GeoNames.
Among homonyms the one in the article's country wins, then the most populous; a name found
only abroad counts only when that place is large (a village of 600 in Peru is not what a
Syria report means by "in Dana"). With no exact key in the article's country, a close
spelling inside that country is accepted ("Deir Ezour" for Deir ez-Zor). Demonyms,
peoples, languages and news words (place_guards.toml) are never places.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources

from ..base.countries import country_index
from ..base.keys import base_tokens
from ..geo.gazetteer import GeoPlace, gazetteer
from ..geo.placekey import place_key
from .lexicon import Lexicon, PlaceEntry
from .regions import world_region
from .tokens import Tokens

# "X province", "the countryside of X", "Latakia countryside": the province, not its main
# town (a place's type, or the word after its name).
PROVINCE_TYPES = frozenset(["province", "governorate", "countryside", "state", "region"])
# A hand-entered place abroad gives way to a town of the article's country this big.
HOMONYM_POPULATION = 20_000
# Places wider than a town: a province or larger.
BROAD_TYPES = frozenset(["country", "governorate", "region"])
# A place outside the article's country must be a city; with no country known, a town
# ten times bigger than any other of its name.
ABROAD_CITY, ABROAD_POPULATION = 100_000, 15_000
FUZZY_CUTOFF = 90  # rapidfuzz ratio of two keys inside one country
# An article glued to the next word ("Deir Ezzor", "Ras Alain"): also tried without it.
GLUED = ("al", "il", "ar", "as", "ash", "ad", "an", "at", "az", "iz", "ad", "id", "ir", "is")


@lru_cache(maxsize=1)
def _guards() -> frozenset[str]:
    text = resources.files("workbench.data").joinpath("place_guards.toml").read_text("utf-8")
    table = tomllib.loads(text)
    words = [w for values in table.values() for w in values]
    return frozenset(place_key(w) for w in words) | frozenset(country_index())


@lru_cache(maxsize=1)
def outlet_words() -> frozenset[str]:
    """Lower-case words that make a place before them a newspaper's name ("Times")."""
    text = resources.files("workbench.data").joinpath("place_guards.toml").read_text("utf-8")
    return frozenset(w.lower() for w in tomllib.loads(text)["outlets"])


def not_a_place(lex: Lexicon, name: str) -> bool:
    """A demonym, people, language or news word ("Syrian", "Syrias", "Kurdish")."""
    memo = lex.cache.setdefault("not_places", {})
    if name not in memo:
        memo[name] = _not_a_place(lex, name)
    return memo[name]


def _not_a_place(lex: Lexicon, name: str) -> bool:
    key = place_key(name)
    if key in _hand_keys(lex):
        return False  # a place someone entered by that name stays one
    bare = " ".join(base_tokens(name))
    guards = _guards()
    if name in lex.demonyms or bare in country_index() and bare not in _country_keys():
        return True
    return key in guards or (key.endswith("s") and key[:-1] in guards)


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    """Keys of country names proper (not their demonyms): "syria" is a place."""
    from ..base.countries import country_rows, split_list

    names = [n for row in country_rows() for n in [row["country"], *split_list(row["aliases"])]]
    return frozenset(" ".join(base_tokens(n)) for n in names)


def warm_gazetteer(lex: Lexicon) -> None:
    """Open the gazetteer and build the indexes every place lookup uses (see core.warm)."""
    gazetteer()
    _hand_keys(lex)
    _guards()
    _country_keys()
    from rapidfuzz import fuzz, process  # noqa: F401 (imported once, used by _fuzzy)


def _hand_keys(lex: Lexicon) -> dict[str, list[PlaceEntry]]:
    index = lex.cache.get("place_keys")
    if index is None:
        index = {}
        for entry in lex.places.values():
            for name in (entry.name, *entry.aliases):
                bucket = index.setdefault(place_key(name), [])
                if entry not in bucket:
                    bucket.append(entry)
        lex.cache["place_keys"] = index
    return index


def _hand_for(lex: Lexicon, place: GeoPlace) -> PlaceEntry | GeoPlace:
    """The hand-entered place a GeoNames one is, under any of its names: it wins."""
    index = _hand_keys(lex)
    for name in (place.name, *place.alternates):
        for entry in index.get(place_key(name), ()):
            if entry.country == place.country and entry.type not in BROAD_TYPES:
                return entry
    return place


def _keys(name: str) -> list[str]:
    key = place_key(name)
    out = [key]
    words = key.split()
    if len(words) > 2 and ("e" in words[1:-1] or "i" in words[1:-1]):
        # The Persian "of" is written "-e-", "-i-" or glued: "Sar-e-Pul" is filed as
        # "Sari Pul", "Pul-e-Khumri" as "Pul-i-Khumri".
        n = next(n for n in range(1, len(words) - 1) if words[n] in ("e", "i"))
        out.append(" ".join([*words[:n], "i", *words[n + 1 :]]))
        out.append(" ".join([*words[: n - 1], words[n - 1] + "i", *words[n + 1 :]]))
    for n, word in enumerate(words):
        for art in GLUED:
            if word.startswith(art) and len(word) - len(art) >= 3 and n:
                out.append(" ".join([*words[:n], word[len(art) :], *words[n + 1 :]]))
    return [k for k in out if k]


def resolve_place(
    lex: Lexicon,
    name: str,
    country: str | None,
    place_type: str = "",
    named: Mapping[str, int] | None = None,
) -> PlaceEntry | GeoPlace | None:
    """The place a name found by the rules means, or None when nothing fits: a hand-entered
    `PlaceEntry`, or a GeoNames `GeoPlace`. `named`: how often the article names each other
    country (its places and forces)."""
    memo = lex.cache.setdefault("resolved_places", {})
    token = (name, country, place_type in PROVINCE_TYPES)
    if token not in memo:
        memo[token] = _resolve(lex, name, country, place_type in PROVINCE_TYPES)
    found, abroad = memo[token]
    if found is None and named:
        return _named_abroad(abroad, named)
    return found


def _named_abroad(abroad: list[GeoPlace], named: Mapping[str, int]) -> GeoPlace | None:
    """ "A pop concert in Manchester" in a report that speaks of the UK: of the towns abroad
    by that name (a town, not only a city: "off Bodrum" where Turkey is named), the one in
    the country the article names most, when it has one such town far bigger than its
    others."""
    there = [p for p in abroad if named.get(p.country) and p.population >= ABROAD_POPULATION]
    # No such town: a province of that name ("from Alabama" where the US is named).
    there = there or [p for p in abroad if named.get(p.country) and p.kind == "A1"]
    if not there:
        return None
    most = max(named[p.country] for p in there)
    best = [p for p in there if named[p.country] == most]
    if len({p.country for p in best}) > 1:
        return None  # two countries named equally often
    if len(best) == 1 or best[0].population >= 10 * best[1].population:
        return best[0]
    return None


def _resolve(
    lex: Lexicon, name: str, country: str | None, province: bool
) -> tuple[PlaceEntry | GeoPlace | None, list[GeoPlace]]:
    """(the place, or None; when None, the towns abroad the name may mean)."""
    place, abroad = _resolve_one(lex, name, country, province), []
    if place is None and not province:
        found = [p for k in _keys(name) for p in gazetteer().by_key(k) if p.kind in ("P", "A1")]
        abroad = sorted((p for p in found if p.country != country), key=lambda p: -p.population)
    return place, abroad


def _resolve_one(
    lex: Lexicon, name: str, country: str | None, province: bool
) -> PlaceEntry | GeoPlace | None:
    keys = _keys(name)
    hand = [e for k in keys for e in _hand_keys(lex).get(k, ())]
    if province:
        hand.sort(key=lambda e: e.type not in ("governorate", "region"))
    mine = [e for e in hand if e.country == country]
    if mine:
        return mine[0]
    if not hand and not province and (region := world_region(name)) is not None:
        return region
    gaz = gazetteer()
    found = [p for k in keys for p in gaz.by_key(k)]
    # Provinces only for "X province"; a town otherwise (a country is matched earlier).
    found = [p for p in found if (p.kind == "A1") == province]
    found.sort(key=lambda p: -p.population)
    if hand and not any(p.country == country for p in found):
        return hand[0]  # a hand-entered place wins unless GeoNames has one here and it has not
    here = [p for p in found if p.country == country]
    if here:
        return _hand_for(lex, here[0])
    if country and not province:
        near = _dh_spelled(country, keys[0]) or _fuzzy(country, keys[0])
        if near is not None:
            return _hand_for(lex, near)
    # Abroad: a city ("talks in Geneva"), not a village that shares the name.
    least = ABROAD_CITY if country else ABROAD_POPULATION
    abroad = [p for p in found if p.population >= least]
    if abroad and (len(abroad) == 1 or abroad[0].population >= 10 * abroad[1].population):
        return abroad[0]
    # A report that names no country yet: "Kumasi" is Ghana's city of 2.5 million, not
    # Koumassi (Ivory Coast) that only shares its spelling key — of the places under the
    # name itself, one far bigger than the rest.
    own = [p for p in abroad if place_key(p.name) in keys] if country is None else []
    if (
        own
        and own[0] is abroad[0]
        and (len(own) == 1 or own[0].population >= 5 * own[1].population)
    ):
        return own[0]
    return None


def local_homonym(lex: Lexicon, entry: PlaceEntry, surface: str, country: str | None):
    """A town of the article's country that a hand-entered place abroad shares its name
    with ("Homs" in a report from Libya is al-Khums): the GeoNames place, or None."""
    if not country or entry.country in ("", country) or entry.type in BROAD_TYPES:
        return None
    memo = lex.cache.setdefault("homonyms", {})
    if (surface, country) not in memo:
        here = [p for p in gazetteer().find(surface) if p.country == country and p.kind == "P"]
        big = [p for p in here if p.population >= HOMONYM_POPULATION]
        memo[(surface, country)] = big[0] if big else None
    return memo[(surface, country)]


@lru_cache(maxsize=1024)
def namesake_population(name: str, country: str) -> int:
    """The population of the largest town of that name in that country (0: none): which of
    two hand-entered places sharing a name a report with no other clue means."""
    return max(
        (p.population for p in gazetteer().find(name) if p.kind == "P" and p.country == country),
        default=0,
    )


def _dh_spelled(country: str, key: str) -> GeoPlace | None:
    """The town of the country whose key is `key` with "th" read as "dh": GeoNames writes
    Arabic dhal "dh" where reporters often write "th" ("Thiban" for Dhiban, Deir ez-Zor),
    one letter off that the fuzzy match (first letters equal, 90%) does not accept. Inside
    the article's country only, as the fuzzy match."""
    if "th" not in key:
        return None
    gaz = gazetteer()
    for k in range(len(key) - 1):
        if key.startswith("th", k) and (k == 0 or key[k - 1] == " "):
            variant = f"{key[:k]}dh{key[k + 2 :]}"
            here = [p for p in gaz.by_key(variant) if p.country == country and p.kind == "P"]
            if here:
                return max(here, key=lambda p: p.population)
    return None


def _fuzzy(country: str, key: str):
    """The place of the country whose key is closest to `key`, if close enough."""
    if len(key) < 5:
        return None
    from rapidfuzz import fuzz, process

    gaz = gazetteer()
    keys, offsets = _country_keys_of(country)
    hit = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if hit is None or hit[0][:1] != key[:1]:
        return None
    return gaz.place_at(offsets[hit[2]])


@lru_cache(maxsize=8)
def _country_keys_of(country: str) -> tuple[list[str], list[int]]:
    return gazetteer().country_keys(country)


def geo_attrs(place: GeoPlace, attrs: dict) -> dict:
    """Entity attributes a GeoNames place adds to those the rules gave (which it never
    overrides): province, district, country, coordinates. When the text names the province
    ("Bama, Borno state") the place must lie in it: another of its homonyms may."""
    admin1 = attrs.get("admin1")
    if admin1 and place_key(admin1) != place_key(place.admin1):
        same = [p for p in gazetteer().find(place.name) if p.kind == "P"]
        inside = next((p for p in same if place_key(p.admin1) == place_key(admin1)), None)
        if inside is None:
            return {}
        place = inside
    if place.country != (attrs.get("country") or place.country):
        return {}  # "X, Iraq" in the text, a GeoNames X in Syria: not that place
    found = {"admin1": place.admin1, "admin2": place.admin2, "country": place.country,
             "latitude": place.lat, "longitude": place.lon}  # fmt: skip
    return {k: v for k, v in found.items() if v not in ("", None) and attrs.get(k) in ("", None)}


def with_coordinates(entry: PlaceEntry, lex: Lexicon | None = None) -> PlaceEntry:
    """A hand-entered place without coordinates gets them from GeoNames: a country or
    province its centroid (ACLED geo precision 3), a town the point of its namesake in the
    same country (and province, when known). A place GeoNames lacks (a village, a camp, an
    area such as a valley) whose province is known gets the province's point, marked
    `point_of = "province"`: ACLED codes an event it cannot place more closely at its
    province, with geo precision 3. The entry is completed in place."""
    if entry.lat is not None or not entry.name:
        return entry
    if entry.type == "country":
        kind, name = "C", entry.name
    elif entry.type == "governorate":
        kind, name = "A1", entry.admin1 or entry.name
    else:
        kind, name = "P", entry.name
    found = _coordinates(kind, name, entry.country, entry.admin1)
    if found is None and kind == "P" and entry.admin1 and entry.country:
        found = _province_point(lex, entry.country, entry.admin1)
        if found is not None:
            entry.point_of = "province"
    if found is not None:
        entry.lat, entry.lon = found
    return entry


def _province_point(lex: Lexicon | None, country: str, admin1: str) -> tuple[float, float] | None:
    """The point of a province: the hand-entered one's (places.csv names provinces as the
    analysts do, "North Darfur"), else GeoNames' centroid."""
    if lex is not None:
        index = lex.cache.get("province_points")
        if index is None:
            index = {
                (e.country, place_key(e.admin1)): (e.lat, e.lon)
                for e in lex.places.values()
                if e.type == "governorate" and e.admin1 and e.lat is not None
            }
            lex.cache["province_points"] = index
        point = index.get((country, place_key(admin1)))
        if point is not None and point[1] is not None:
            return point[0], point[1]
    return _coordinates("A1", admin1, country, admin1)


@lru_cache(maxsize=4096)
def _coordinates(kind: str, name: str, country: str, admin1: str) -> tuple[float, float] | None:
    """The point of the first place of that kind and name (in that country and province):
    kept, because a place the gazetteer lacks is looked up again in every article."""
    for place in gazetteer().find(name):
        if place.kind != kind or (kind != "C" and place.country != country):
            continue
        if kind == "P" and admin1 and place_key(place.admin1) != place_key(admin1):
            continue
        return place.lat, place.lon
    return None


def gazetteer_entry(name: str, place: GeoPlace) -> PlaceEntry:
    """A GeoNames place as the rules' place entry, under the name the article wrote."""
    entry = PlaceEntry(name, place.type, place.admin1, place.country, place.lat, place.lon)
    entry.origin = "gazetteer"
    return entry


BIG_PLACE = 250_000


def big_places(toks: Tokens) -> Iterator[str]:
    """The countries of the provinces and big cities a report names in any role ("ahead of
    the Tripura Assembly elections", "at Sreevaraham, Thiruvananthapuram"): one each per
    name, when the gazetteer's places of that very name are all in one country."""
    text, keys, starts = toks.text, toks.keys, toks.starts
    seen: set[str] = set()
    for k, key in enumerate(keys):
        if key in seen or len(key) < 4 or not text[starts[k]].isupper():
            continue
        seen.add(key)
        places = [
            p
            for p in gazetteer().by_key(key)
            if place_key(p.name) == key and (p.kind == "A1" or p.population >= BIG_PLACE)
        ]
        countries = {p.country for p in places}
        if len(countries) == 1:
            yield countries.pop()


# A country's name followed by one of these, capitalised, names a feature of the land, not
# the state, and the feature may lie in another country: "the Niger Delta" (Nigeria),
# "the Jordan Valley", "the Jersey Shore" (New Jersey).
FEATURES_AFTER = frozenset(["shore", "delta", "valley", "river", "basin", "gorge", "plain",
                            "plains", "highlands"])  # fmt: skip


_WORD_BEFORE = re.compile(r"([A-Z][A-Za-z]+) $")
_WORD_AFTER = re.compile(r" ([A-Z][a-z]+)\b")


def name_around(text: str, start: int, end: int, country: str) -> GeoPlace | bool:
    """Whether the country's name at text[start:end] is part of a longer name: a feature
    after it (True: "the Jersey Shore", "the Niger Delta", neither the country nor where it
    is) or a province the gazetteer knows by the capitalised word before it and the name
    (that province: "New Jersey", "New Mexico", the US states); False when it is the country."""
    after = _WORD_AFTER.match(text, end)
    if after and after.group(1).lower() in FEATURES_AFTER:
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return False
    return _province_named(place_key(f"{before.group(1)} {text[start:end]}"), country)


@lru_cache(maxsize=4096)
def _province_named(key: str, country: str) -> GeoPlace | bool:
    """The one province of another country filed under `key`, else False (asked for the
    same few "<word> <country>" pairs again and again: "the Syria", "in Syria")."""
    provinces = [
        p
        for p in gazetteer().by_key(key)
        if p.kind == "A1" and place_key(p.name) == key and p.country != country
    ]
    return provinces[0] if len(provinces) == 1 else False


def country_inside_name(toks: Tokens, matches: list) -> list:
    """The dictionary's matches without a country's name that is part of a longer one
    (`name_around`): a province is kept as that place, a feature is dropped."""
    text, starts, ends = toks.text, toks.starts, toks.ends
    out = []
    for i, j, senses in matches:
        country = None
        for kind, entry in senses:  # a plain loop: this runs for every dictionary match
            if kind == "place" and getattr(entry, "type", "") == "country":
                country = entry
                break
        if country is None:
            out.append((i, j, senses))
            continue
        around = name_around(text, starts[i], ends[j - 1], country.country)
        if around is True:
            continue
        if around and i and (not out or out[-1][1] <= i - 1):
            out.append((i - 1, j, [("place", gazetteer_entry(around.name, around))]))
            continue
        out.append((i, j, senses))
    return out
