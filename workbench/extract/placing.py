"""Provides `locate`: the place of a candidate (as `dating.pick_date` gives its date), from
`pick_place` and `place_rank` (which of a clause's places locates its event) and
`previous_town` (the town a clause names back: "the city", "these strongholds"); and
`article_setting`: where an article is set, for an act told with no place of its own.

The most specific place wins (a town over a district over a province over a country); among
equals one written after "in/near/at", then the nearest to the trigger. A place behind
"after"/"before" belongs to another action, and one people were moved to afterwards ("flown
to Damascus") is no event's place.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import TYPE_CHECKING

from .annotate import Ann
from .candidates import in_span
from .doers import passive_by
from .gazetteer import with_coordinates
from .lexicon import Lexicon
from .model import EventProposal
from .places_split import coordinated_places
from .protests import PROTEST_TYPES
from .topics import protest_about

# A sentence naming no place goes on about the town the one before named.
PREVIOUS_PLACE_RULE = "place-previous-sentence"

if TYPE_CHECKING:
    from .candidates import Candidate, Finder
    from .lexicon import Lexicon
    from .text import Sentence


def locate(
    c: Candidate,
    f: Finder,
    lex: Lexicon,
    sent: Sentence,
    clause: tuple[int, int],
    s_anns: list[Ann],
    others: list[tuple[int, int]],
    main: Ann,
    si: int,
    sentences: list[Sentence],
) -> None:
    """The place of candidate `c` (and the places coordinated with it): in its clause, else
    elsewhere in its sentence, else the town "the city" names back or the sentence before
    named (`main`: its trigger; `others`: the sentence's other clauses)."""
    outside = [
        a for a in s_anns
        if a.kind == "place" and not any(o != clause and o[0] <= a.start < o[1] for o in others)
    ]  # fmt: skip
    here = in_span(s_anns, *clause, "place")
    if main.trigger.sub_event_type in PROTEST_TYPES:
        # "occupied the station in protest at the offensive on Afrin": what a protest is
        # about does not locate it.
        here = [p for p in here if not protest_about(f.text, clause[0], p.start)]
        outside = [p for p in outside if not protest_about(f.text, sent.start, p.start)]
    if (
        "territory" in c.main.flags  # not people taken ("seized two officers")
        and not passive_by(main.trigger)
        and not f.is_passive(main)
    ):
        # "Forces loyal to the government in Tripoli retook the town of Gharyan": ground
        # taken is the verb's object; a place before it is where the doer sits.
        taken = [p for p in here if p.start >= main.end]
        here = taken or here
    c.place = pick_place(here, main.start, f.text)
    # "In the countryside of Aleppo, clashes ..., and ... on the axis of Khan Tuman": a
    # town elsewhere in the sentence locates better than a province in the clause.
    alt = pick_place(outside, main.start, f.text)
    if alt is not None and (
        c.place is None or place_rank(alt, f.text) < place_rank(c.place, f.text) >= 2
    ):
        c.place = alt
    c.also_places = coordinated_places(f.text, c.place, here)
    if c.place is None and (the := THE_TOWN.search(f.text, clause[0], clause[1])) is not None:
        # "west of the city", "these last strongholds fell": the town named before.
        c.place = previous_town(si, sentences, f, the.group(1).lower())
        if c.place is not None:
            c.rules.append("place-anaphora")
    if (
        c.place is None
        and not c.anaphoric  # "The attack came a day after ...": the incident told before
        and (carried := previous_town(si, sentences, f, "carried", 1))
        # "Elsewhere, jets bombed a bakery": not the town of the sentence before.
        and (carried.start >= sent.start or not lex.topic_shift.match(f.text, sent.start))
        and not (
            main.trigger.sub_event_type in PROTEST_TYPES
            and carried.start >= sent.start
            and protest_about(f.text, sent.start, carried.start)
        )
    ):
        # "Fighting resumed in Baghuz on Sunday. Snipers killed three SDF soldiers.": a
        # sentence naming no place goes on about the town the one before named.
        c.place = carried
        c.rules.append(PREVIOUS_PLACE_RULE)


def pick_place(places: list[Ann], near: int, text: str = "") -> Ann | None:
    """The most specific place; among equals one after "in/near/at", then the nearest."""
    usable = [
        p for p in places
        if not p.role and not (text and (_destination(text, p.start) or _campaign(text, p.start, near)))
    ]  # fmt: skip
    if len(usable) < 2:
        return usable[0] if usable else None  # nothing to rank

    # "In Idlib, a car bomb exploded in the town of Sarmada": a city that shares its name
    # with its province, set before the act as its frame beside another town of that
    # province, names the province.

    def key(p: Ann):
        rank = place_rank(p, text)
        entry = p.place_entry
        if (
            rank == 0
            and entry.name == entry.admin1
            and p.start < near
            and text[p.end : p.end + 1] == ","
            and towns_of(entry.admin1) > 1
        ):
            rank = 3  # a frame before the act: "In Idlib, ..."
        before = text[max(0, p.start - 9) : p.start].lower().split()
        located = bool(before) and before[-1] in LOCATED
        # "pounded Sanaa ..., a day after the Houthis attacked Abu Dhabi": a place behind
        # "after"/"before" belongs to the other action.
        lo, hi = min(near, p.start), max(near, p.start)
        behind = bool(text) and _ELSEWHEN.search(text, lo, hi) is not None
        return (behind, _landmark(p, usable, text), rank, not located, abs(p.start - near))

    def towns_of(admin1: str) -> int:
        return sum(
            1
            for q in usable
            if q.place_entry.admin1 == admin1 and RANK.get(q.place_entry.type, 2) == 0
        )

    return min(usable, key=key)


# ", near Damascus", ", outside Aleppo": a place set off after another to say where that one
# lies.
_LANDMARK = re.compile(
    r",\s+(?:(?:just|close)\s+)?(?:near|outside|close\s+to|not\s+far\s+from)\s+(?:the\s+)?#?$",
    re.I,
)


def _landmark(p: Ann, places: list[Ann], text: str) -> bool:
    """ "Jets struck Douma, near Damascus": Damascus only says where Douma is; the act was
    at the place before it, when the dictionary or the gazetteer knows that one and it is
    no broader ("in Libya, near Sirte": Sirte)."""
    m = _LANDMARK.search(text, max(0, p.start - 24), p.start) if text else None
    if m is None or p.place_entry.origin == "extracted":
        return False  # a village found by the rules is no landmark ("..., near X village")
    before = text[: m.start()].rstrip()
    return any(
        q is not p
        and q.end == len(before)
        and (q.place_entry.country or q.place_entry.geo)
        and place_rank(q, text) <= place_rank(p, text)
        for q in places
    )


# "flown to Mexico City", "taken to hospital in Idlib": where people were moved afterwards.
_DESTINATION = re.compile(
    r"\b(?:flown|taken|transferred|moved|evacuated|rushed|brought|sent|deported|airlifted"
    r"|driven|transported|fled)\s+(?:\w+\s+){0,3}?to\s+(?:the\s+)?(?:hospitals?\s+in\s+)?$",
    re.I,
)


def _destination(text: str, start: int) -> bool:
    # Every destination phrase ends in "to" or "in": test that cheaply before the regex.
    window = text[max(0, start - 40) : start]
    return (" to " in window or " in " in window) and _DESTINATION.search(window) is not None


# "not seen even in the battles for the cities of Mosul and Raqqa", "since the battle to
# retake Mosul": a campaign named by its place is another action than the act told.
_CAMPAIGN = re.compile(
    r"\b(?:battles?|fight|sieges?|campaigns?|offensives?)\s+(?:for|of|to\s+(?:re)?(?:take|capture"
    r"|claim|liberate|free))\s+(?:the\s+(?:(?:cities|city|towns?)\s+of\s+)?)?"
    r"(?:[A-Z][\w-]*,?\s+(?:and\s+)?){0,3}$"
)


def _campaign(text: str, start: int, near: int) -> bool:
    window_start = max(0, start - 60)
    m = _CAMPAIGN.search(text, window_start, start)
    return m is not None and m.start() != near


# Searched across spans: the first-letter lookahead lets most positions fail at one test.
_ELSEWHEN = re.compile(
    r"\b(?=[abfis])(?:after|before|since|following|in\s+retaliation\s+for)\b", re.I
)


# The rule of a location that is the article's setting, not told for the event: a guess,
# which two reports of one incident need not share.
SET_IN_ARTICLE = "place-article-setting"


def set_in_article_note(place: str | None) -> str:
    """The note of a location taken from where the article is set (`core._set_in_article`)."""
    return f"Location: none told for this event; {place}, where the article is set."


def article_setting(anns: list[Ann], sentences: list[Sentence], country: str | None) -> Ann | None:
    """Where the article is set in `country`: the place below the country it names most
    (at least twice), the first named of equals, else the country. An event the text
    places nowhere is most likely there."""
    skipped = [(s.start, s.end) for s in sentences if s.skip]
    towns = [
        a for a in anns
        if a.kind == "place" and not a.role and a.place_entry.type != "country"
        and a.place_entry.country == country
        and not any(lo <= a.start < hi for lo, hi in skipped)
    ]  # fmt: skip
    counts = Counter(a.place_entry.name for a in towns)
    best = max(counts.values(), default=0)
    if best < 2:
        return next(
            (a for a in anns if a.kind == "place" and not a.role
             and a.place_entry.type == "country" and a.place_entry.name == country),
            None,
        )  # fmt: skip
    return next(a for a in towns if counts[a.place_entry.name] == best)


def place_rank(p: Ann, text: str = "") -> int:
    """0 for a town, up to 4 for a country: how precisely the place locates an event."""
    # "the province of Daraa", "the countryside of Aleppo": the province, not the city.
    if text and _PROVINCE_OF.search(text, max(0, p.start - 24), p.start):
        return 3
    return RANK.get(p.place_entry.type, 2)


_PROVINCE_OF = re.compile(
    r"\b(?=[cgp])(?:province|governorate|countryside)\s+of\s+(?:the\s+)?#?$", re.I
)
LOCATED = frozenset(["in", "near", "at", "outside", "of", "into", "around", "across", "on"])


RANK = {
    "neighbourhood": 0, "village": 0, "town": 0, "city": 0, "camp": 0, "base": 0,
    "crossing": 0, "airport": 0, "airbase": 0, "dam": 0, "district": 1, "region": 2,
    "governorate": 3, "province": 3, "countryside": 3, "country": 4,
}  # fmt: skip


# "west of the city", "these last strongholds fell": a place named back by its kind.
THE_TOWN = re.compile(
    r"\b(?:the|these|those|its|their)\s+(?:(?:final|last|remaining|besieged|key)\s+){0,2}"
    r"(city|town|village|strongholds?|enclave|bastion)\b", re.I
)  # fmt: skip
_HELD = ("city", "town", "village", "district", "neighbourhood")
# What "the city" or "the town" may name back: a gazetteer's town/city line is not the
# writer's ("Afrin city", a town in the gazetteer, is "the city").
_TOWNS = {"city": ("city", "town"), "town": ("town", "city", "village"), "village": ("village", "town"),
          "stronghold": _HELD, "strongholds": _HELD, "enclave": _HELD, "bastion": _HELD,
          "carried": ("city", "town", "village", "neighbourhood", "camp", "base")}  # fmt: skip


def previous_town(
    si: int, sentences: list[Sentence], f: Finder, word: str, back: int = 2
) -> Ann | None:
    """The last town of that kind named in this or the `back` sentences before (same or
    previous paragraph)."""
    para = sentences[si].para
    for prev in reversed(sentences[max(0, si - back) : si + 1]):
        if prev.skip or prev.para < para - 1:
            return None
        lo = bisect.bisect_left(f.ann_starts, prev.start)
        hi = bisect.bisect_left(f.ann_starts, prev.end)
        towns = [
            a for a in f.anns[lo:hi]
            if a.kind == "place" and not a.role and a.place_entry.type in _TOWNS[word]
        ]  # fmt: skip
        if towns:
            return towns[-1]
    return None


AROUND = re.compile(
    r"(?:\b(?:near|outside|around|close\s+to)|(?:north|south|east|west)(?:ern|east|west)?\s+of"
    r"|outskirts\s+of|countryside\s+of)\s+(?:the\s+)?(?:\w+\s+of\s+)?#?$",
    re.I,
)


def place_event(ev: EventProposal, p: Ann | None, lex: Lexicon, text: str, rules, notes) -> None:
    """The location, its span and ACLED geo precision, from the place that locates it."""
    if p is None:
        return
    entry = p.place_entry
    ev.place_span = (p.start, p.end)
    if entry.type == "governorate" and entry.capital in lex.places:
        ev.place, ev.geo_precision = entry.capital, 3
        rules.append("place-governorate-capital")
    elif entry.type in ("country", "governorate") or with_coordinates(entry, lex).point_of:
        # A place coded at its province's point, or a world region: ACLED geo precision 3;
        # at the point of a district or part of a province named with it: 2.
        ev.place, ev.geo_precision = p.name, 2 if entry.point_of in ("district", "area") else 3
        if entry.point_of:
            rules.append(f"place-at-{entry.point_of}-point")
        if entry.point_of in ("province", "district", "area"):
            # The analyst sees that the point is not the place's own (the location keeps
            # the reported name, as ACLED's notes do).
            where = entry.area or f"{entry.admin1} province"
            notes.append(f"Location: {p.name} has no point in the gazetteer; coded at {where}.")
    else:
        ev.place = p.name
        # "near X", "south of X", "on the outskirts of X": close to, not in, the place.
        around = AROUND.search(text[max(0, p.start - 24) : p.start]) is not None
        ev.geo_precision = 2 if entry.type in ("region", "district") or around else 1
