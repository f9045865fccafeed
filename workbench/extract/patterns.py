"""Provides names found by pattern, not by dictionary: proposed as new entities.

- `pattern-place-of`: "the town of X", "the village of X", "the district of X"
- `pattern-place-suffix`: "X province", "X countryside", "X airbase"
- `pattern-place-country`: "in X, Syria", "near X, Idlib province"
- `pattern-place-prep`: a capitalised name after "in/near/outside" (low confidence)
- `pattern-place-prep-gazetteer`: the same followed by any word, kept only for a town the
  gazetteer knows (`core.py`)
- `pattern-place-verb`: a capitalised name bombarded or retaken: "shelled Sarmin on Monday"
  (low confidence; only verbs whose object is a place, not "attacked" or "seized")
- `pattern-place-of` also reads "north of X", "residents of X"
- `pattern-place-town`: "Damboa town", "Borno state's Bama town" (not "the Druze town of")
- `pattern-actor-suffix`: "X Brigade", "X militia", "X forces", "X Front", "X Council"

A name is a run of capitalised words (Arabic articles and "bin/abu" joiners allowed inside),
read from the article's tokens around a key word, so no regex scans the whole text. Month
and weekday names, sentence-initial common words, and anything a dictionary already matched
are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..base.calendar import DAY_NAMES, MONTH_NAMES
from ..base.words import DIRECTIONS

PLACE_WORDS = frozenset(
    [
        "town",
        "city",
        "village",
        "district",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "camp",
        "region",
        "municipality",
        "hamlet",
        "settlement",
        "province",
        "governorate",
        "subdistrict",
        "outskirts",
        "axis",  # monitors' "on the axis of X": the front line at X
        "axes",
        "vicinity",
        "area",
        "port",
        "towns",
        "villages",
        "cities",
        "districts",
        "neighbourhoods",
        "neighborhoods",
        # "20 km north of X", "residents of X": X is a place.
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "residents",
        "inhabitants",
    ]
)
# "the axis of X", "the outskirts of X": X is a town; "the suburb of X" a neighbourhood.
PLACE_OF_TYPES = {"axis": "town", "axes": "town", "vicinity": "town", "area": "town",
                  "outskirts": "town", "port": "city", "suburb": "neighbourhood",
                  "hamlet": "village", "settlement": "village", "municipality": "town",
                  "province": "governorate", "subdistrict": "district",
                  "residents": "town", "inhabitants": "town", "towns": "town",
                  "villages": "village", "cities": "city", "districts": "neighbourhood",
                  "neighbourhoods": "neighbourhood", "neighborhoods": "neighbourhood",
                  **dict.fromkeys(
                      ("north", "south", "east", "west", "northeast", "northwest",
                       "southeast", "southwest"), "town")}  # fmt: skip
SUFFIX_WORDS = frozenset(
    [
        "province",
        "governorate",
        "district",
        "countryside",
        "airbase",
        "base",
        "airport",
        "camp",
        "dam",
        "crossing",
    ]
)
ACTOR_WORDS = frozenset(
    [
        "brigade",
        "brigades",
        "battalion",
        "battalions",
        "division",
        "regiment",
        "corps",
        "front",
        "movement",
        "army",
        "legion",
        "guard",
        "guards",
        "council",
        "committee",
        "organisation",
        "organization",
        "network",
        "observatory",
        "alliance",
        "militia",
        "militias",
        "forces",
        "fighters",
        "rebels",
        "militants",
        "group",
        "units",
        "party",
        "ministry",
        "agency",
    ]
)
PREPS = frozenset(["in", "near", "outside", "around", "at"])
# "in central Algiers", "in northern Kaduna": a part of the place, then its name.
PART_OF_PLACE = frozenset([*DIRECTIONS, "downtown", "suburban"])
LOOSE_PLACE = "pattern-place-prep-gazetteer"
FACILITIES = frozenset(["hospital", "school", "university", "mosque", "church", "market", "street",
                        "road", "prison", "stadium", "square", "bridge", "hotel", "station",
                        "airport", "college", "office", "headquarters"])  # fmt: skip
# Verbs whose object is a place: bombardment and retaking ("shelled Sarmin", "retook Kinsabba").
# Not "attacked", "targeted", "seized" or "captured": their objects are as often people or groups.
PLACE_VERBS = frozenset(
    [
        "shelled",
        "bombed",
        "pounded",
        "bombarded",
        "struck",
        "recaptured",
        "retook",
        "overran",
        "stormed",
    ]
)
JOINERS = frozenset(
    [
        "al",
        "el",
        "ad",
        "ar",
        "as",
        "ash",
        "an",
        "az",
        "bin",
        "ibn",
        "abu",
        "abou",
        "umm",
        "de",
        "du",
        # The Persian "of" ("Sar-e-Pul", "Mazar-i-Sharif", "Pul-e-Khumri").
        "e",
        "i",
    ]
)
AFTER_PREP = frozenset(
    ["on", "in", "near", "and", "after", "where", "when", "village", "town", "city",
     # "at Byrnihat last night", "in Rukina reportedly raped": time words and reporting
     # adverbs close the name as a comma would
     "last", "yesterday", "overnight", "late", "early", "earlier", "reportedly", "allegedly",
     "during", "following"]
)  # fmt: skip
# "abducted a priest from Ntamugenga": after a taking verb, "from" names where it happened.
TAKEN_FROM = frozenset(["abducted", "kidnapped", "seized", "taken", "took", "snatched"])
# "on the road to Ghazni", "the highway from Kabul": the act was on the way, and ACLED codes
# it at the town the road is named by ("moved to X" is a destination, no place of the act).
ROADS = frozenset(["road", "highway", "route", "motorway"])
STOP = frozenset(
    [
        "the", "a", "an", "in", "on", "at", "near", "it", "he", "she", "they", "we", "this", "that",
        "these", "those", "but", "and", "or", "if", "when", "while", "after", "before", "since",
        "as", "video", "photo", "image", "reuters", "afp", "ap", "many", "some", "several", "other",
        "all", "most", "both", "local", "two", "three", "four", "five", "government", "opposition",
        "state", "security", "armed", "military", "pro", "anti",
    ]
) | frozenset(MONTH_NAMES) | frozenset(DAY_NAMES)  # fmt: skip
FEATURES = frozenset(
    ["mountains", "mountain", "hills", "hill", "valley", "desert", "plain", "plains"]
)
# "X town" as East and West African reports write it, and the local units ACLED-style notes
# name a place by ("Ovwori community", "Shailkupa upazila", "Kibago commune"); "city" is
# left out ("Gaza City"). The type each gives the place.
# Not "area", "locality" or "ward": parts of a town ACLED codes at the town ("Shambat area
# in northern Khartoum").
TOWN_TYPES = {"town": "town", "village": "village", "community": "village", "commune": "district",
              "upazila": "district", "upazilla": "district", "tehsil": "district",
              "taluk": "district", "county": "district", "township": "district"}  # fmt: skip
TOWN_WORDS = frozenset(TOWN_TYPES)
ARTICLE_WORDS = frozenset(["the", "a", "an"])
POSSESSIVES = frozenset(["its", "their", "his", "her", "our", "my", "your"])
KEY_WORDS = (
    PLACE_WORDS
    | SUFFIX_WORDS
    | TOWN_WORDS
    | ACTOR_WORDS
    | PREPS
    | FEATURES
    | PLACE_VERBS
    | {"from", "to"}
)
_GAP = re.compile(r"[ \-]")
LOYAL_HEADS = ("forces", "troops", "fighters", "militias", "militiamen", "gunmen", "units")
LOYAL_TO = re.compile(
    rf"\b(?P<head>{'|'.join(LOYAL_HEADS)})\s+(?:loyal\s+to|allied\s+(?:to|with))\s+"
)


def loyal_to(text: str) -> list[re.Match]:
    """`LOYAL_TO.finditer(text)`, found from its middle words: a regex that opens with a
    word boundary and an alternation is tried at every character (0.35 s of a 10 MB
    article), while "loyal" and "allied" are found by `str.find`. Each match holds one of
    them right after the head word and its spacing, so two matches never overlap and every
    match is found once, from its own middle word, and tried where `finditer` tries it."""
    found = []
    for word in ("loyal", "allied"):
        at = text.find(word)
        while at >= 0:
            k = at
            while k and text[k - 1].isspace():  # what \s matches
                k -= 1
            for head in LOYAL_HEADS if k < at else ():
                if text.endswith(head, 0, k):
                    m = LOYAL_TO.match(text, k - len(head))
                    if m is not None:
                        found.append(m)
                        break
            at = text.find(word, at + 1)
    return sorted(found, key=lambda m: m.start())


@dataclass(slots=True)
class Found:
    kind: str  # actor | place
    start: int
    end: int
    name: str
    rule: str
    confidence: float
    place_type: str = ""
    country: str = ""


def find_names(toks, country_names: dict[str, str]) -> list[Found]:
    """Candidate new names; `country_names` maps country and governorate names to countries."""
    text, keys, starts, ends = toks.text, toks.keys, toks.starts, toks.ends
    n = len(keys)
    out: list[Found] = []

    def cap(k: int) -> bool:
        return text[starts[k]].isupper()

    def joined(a: int, b: int) -> bool:  # tokens a and a+1=b separated by one space/hyphen
        return ends[a] + 1 == starts[b] and _GAP.match(text, ends[a]) is not None

    def back(k: int) -> int:
        """First token of the capitalised name ending just before token k, or k."""
        j = k
        while (
            j - 1 >= 0 and k - j < 4 and joined(j - 1, j) and (cap(j - 1) or keys[j - 1] in JOINERS)
        ):
            j -= 1
        while j < k and (keys[j] in JOINERS and not cap(j) or keys[j] in STOP):
            j += 1
        return j

    def forward(k: int) -> int:
        """End token of the capitalised name starting at token k, or k."""
        j = k
        while (
            j < n and j - k < 4 and (cap(j) or keys[j] in JOINERS) and (j == k or joined(j - 1, j))
        ):
            j += 1
        while j > k and keys[j - 1] in JOINERS:
            j -= 1
        return j

    def usable(i: int, j: int) -> bool:
        if j <= i or keys[i] in STOP:
            return False
        # "al-Mazraa", "al-Nayrab": a lower-case article before the capitalised name.
        if not cap(i) and not (keys[i] in JOINERS and i + 1 < j and cap(i + 1)):
            return False
        # One sentence-initial word is usually just a capitalised common word.
        if j - i == 1 and _sentence_initial(text, starts[i]):
            return False
        return ends[j - 1] - starts[i] >= 3

    for k in toks.anchored(KEY_WORDS):
        key = keys[k]
        if key in ACTOR_WORDS and k:
            i = back(k)
            if usable(i, k):
                out.append(Found("actor", starts[i], ends[k], text[starts[i] : ends[k]],
                                 "pattern-actor-suffix", 0.5))  # fmt: skip
        if key in SUFFIX_WORDS and k:
            i = back(k)
            if usable(i, k):
                out.append(Found("place", starts[i], ends[k - 1], text[starts[i] : ends[k - 1]],
                                 "pattern-place-suffix", 0.55, key))  # fmt: skip
        if key in TOWN_WORDS and k and (k + 1 >= n or keys[k + 1] != "of"):
            # "the Christian village (of ...)" describes a place; "Damboa town" names one.
            end = k - 1 if k > 1 and keys[k - 1] == "sub" else k  # "Kyikamuli sub-county"
            i = back(end)
            if keys[i] in POSSESSIVES:
                i += 1  # "Its Druze community": the people's name (a people is no place, below)
            if i < end and usable(i, end) and (i == 0 or keys[i - 1] not in ARTICLE_WORDS):
                out.append(Found("place", starts[i], ends[end - 1], text[starts[i] : ends[end - 1]],
                                 "pattern-place-town", 0.55, TOWN_TYPES[key]))  # fmt: skip
        if key in FEATURES and k:
            # "the Makhmour mountains": a natural feature keeps its noun in the name.
            i = back(k)
            if usable(i, k):
                name = f"{text[starts[i] : ends[k - 1]]} {key.title()}"
                out.append(Found("place", starts[i], ends[k], name, "pattern-place-feature",
                                 0.5, "region"))  # fmt: skip
        if key in PLACE_WORDS and k + 2 < n and keys[k + 1] == "of":
            j = forward(k + 2)
            if usable(k + 2, j):
                kind = PLACE_OF_TYPES.get(key, key)
                out.append(Found("place", starts[k + 2], ends[j - 1], text[starts[k + 2] : ends[j - 1]],
                                 "pattern-place-of", 0.6, kind))  # fmt: skip
                # "the towns of Sarmin and al-Nayrab": each name of the list.
                while key.endswith("s") and j + 1 < n and keys[j] == "and":
                    i2, j = j + 1, forward(j + 1)
                    if not usable(i2, j):
                        break
                    out.append(Found("place", starts[i2], ends[j - 1], text[starts[i2] : ends[j - 1]],
                                     "pattern-place-of", 0.6, kind))  # fmt: skip
        if key in PLACE_VERBS and k + 1 < n and cap(k + 1):
            j = forward(k + 1)
            rest = text[ends[j - 1] : ends[j - 1] + 40] if j > k + 1 else ""
            if usable(k + 1, j) and (
                rest[:1] in (",", ".", ";") or (j < n and keys[j] in AFTER_PREP)
            ):
                out.append(Found("place", starts[k + 1], ends[j - 1], text[starts[k + 1] : ends[j - 1]],
                                 "pattern-place-verb", 0.35, "", _country_after(rest, country_names)))  # fmt: skip
        # "in central Algiers": a part of the place named after the preposition.
        # Lower case only: "in Central Equatoria" is the province's name.
        part = key in PREPS and k + 2 < n and keys[k + 1] in PART_OF_PLACE and not cap(k + 1)
        at = k + 2 if part else k + 1
        if (
            (
                key in PREPS
                or (key == "from" and TAKEN_FROM.intersection(keys[max(0, k - 6) : k]))
                or (key in ("to", "from") and k > 0 and keys[k - 1] in ROADS)
            )
            and at < n
            and cap(at)
        ):
            j = forward(at)
            if not usable(at, j) or key == "from" and j < n and keys[j] in TOWN_WORDS:
                continue  # "from X town": the town pattern reads it
            if j - 1 > at and keys[j - 1] in TOWN_WORDS:
                continue  # "in Kunlong Township", "in Monohardi Upazila": the town pattern's
            rest = text[ends[j - 1] : ends[j - 1] + 40]
            if rest[:1] not in ",.;:" and (j >= n or keys[j] not in AFTER_PREP):
                if j < n and keys[j] in FACILITIES:
                    continue  # "at Medina hospital": a building's name
                # "people in Khorramshahr continued their protest": kept only when the
                # gazetteer knows a sizeable town of that name (core.py).
                out.append(Found("place", starts[at], ends[j - 1], text[starts[at] : ends[j - 1]],
                                 LOOSE_PLACE, 0.35))  # fmt: skip
                continue
            country = _country_after(rest, country_names)
            rule, conf = ("pattern-place-country", 0.6) if country else ("pattern-place-prep", 0.35)
            out.append(Found("place", starts[at], ends[j - 1], text[starts[at] : ends[j - 1]],
                             rule, conf, "", country))  # fmt: skip
    return out


def _country_after(rest: str, country_names: dict[str, str]) -> str:
    """ "..., Syria" / "..., Idlib province": the country named right after a comma."""
    if not rest.startswith(", "):
        return ""
    words = rest[2:].split(None, 3)[:3]
    for n in (3, 2, 1):
        name = " ".join(words[:n]).rstrip(",.;:")
        if name in country_names:
            return country_names[name]
    return ""


def _sentence_initial(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:—"
