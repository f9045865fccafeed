"""Provides `pick_place` and `place_rank`: which of a clause's places locates its event.

The most specific place wins (a town over a district over a province over a country); among
equals one written after "in/near/at", then the nearest to the trigger. A place behind
"after"/"before" belongs to another action, and one people were moved to afterwards ("flown
to Damascus") is no event's place.
"""

from __future__ import annotations

import re

from .annotate import Ann


def pick_place(places: list[Ann], near: int, text: str = "") -> Ann | None:
    """The most specific place; among equals one after "in/near/at", then the nearest."""
    usable = [p for p in places if not p.role and not (text and _destination(text, p.start))]
    if len(usable) < 2:
        return usable[0] if usable else None  # nothing to rank

    def key(p: Ann):
        before = text[max(0, p.start - 9) : p.start].lower().split()
        located = bool(before) and before[-1] in LOCATED
        # "pounded Sanaa ..., a day after the Houthis attacked Abu Dhabi": a place behind
        # "after"/"before" belongs to the other action.
        lo, hi = min(near, p.start), max(near, p.start)
        behind = bool(text) and _ELSEWHEN.search(text, lo, hi) is not None
        return (behind, place_rank(p, text), not located, abs(p.start - near))

    return min(usable, key=key)


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


# Searched across spans: the first-letter lookahead lets most positions fail at one test.
_ELSEWHEN = re.compile(
    r"\b(?=[abfis])(?:after|before|since|following|in\s+retaliation\s+for)\b", re.I
)


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
