"""Provides `coordinated_places` and `split_by_place`: one event per location, as ACLED codes.

"Russian jets struck Saraqeb and Maarat al-Numan, killing nine" reports strikes on two
towns; ACLED records one event per location. The incident's place is the first town; towns
joined to it by "and" or a comma ("the towns of Sarmin and al-Nayrab", "Kafr Nabl, Hass and
Maarat al-Numan") become copies of the event, each with its own place. A toll given for all
of them is divided evenly (the remainder to the first), as ACLED does when it cannot be
attributed, and the event's notes say so.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .annotate import Ann
from .model import EventProposal

SETTLEMENTS = frozenset(["town", "village", "city", "neighbourhood", "district", "camp"])
_JOIN = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?(?:(?:towns?|villages?|cities)\s+of\s+)?"
)


def coordinated_places(text: str, place: Ann | None, places: list[Ann]) -> list[Ann]:
    """Towns listed with `place` ("X and Y", "X, Y and Z"), in text order, `place` excluded."""
    if place is None or place.place_entry.type not in SETTLEMENTS:
        return []
    row = sorted((p for p in places if not p.role), key=lambda p: p.start)
    if place not in row:
        return []
    at = row.index(place)
    if _BETWEEN.search(text, max(0, place.start - 30), place.start):
        return []  # "on the road between X and Y": one place on the way, not two events
    out: list[Ann] = []
    prev = place
    listed = False  # an "and" joins the list somewhere
    for p in row[at + 1 :]:
        join = _JOIN.fullmatch(text, prev.end, p.start)
        if p.place_entry.type not in SETTLEMENTS or not join:
            break
        listed = listed or "and" in join.group(0).lower()
        if p.name != place.name and all(p.name != q.name for q in out):
            out.append(p)
        prev = p
    if _PROVINCES.match(text, prev.end):
        return []  # "in Idlib and Hama provinces": two provinces, named by their cities
    if not listed and not _AND_OTHERS.match(text, prev.end):
        return []  # "in Cankaya, Ankara city", "in Kangan, Ganderbal": a place and what holds it
    return out


# "struck Kyiv, Dnipro, Zaporizhzhia and other cities": a list that ends with the rest.
_AND_OTHERS = re.compile(r"\s*,?\s+and\s+(?:other|several|many|nearby|surrounding)\b", re.I)
_BETWEEN = re.compile(r"\b(?:between|from)\s+(?:the\s+\w+\s+of\s+)?$", re.I)
_PROVINCES = re.compile(r"\s+(?:provinces|governorates|regions|districts|countrysides)\b", re.I)


def split_by_place(
    ev: EventProposal, place: Ann | None, others: list[Ann], casualties: list[Ann], text: str
) -> list[EventProposal]:
    if not others or place is None:
        return [ev]
    n = len(others) + 1
    events = [ev] + [replace(ev, place=p.name, rules=[*ev.rules, "place-split"]) for p in others]
    located = _located_toll(casualties, [place, *others], text)
    if ev.fatalities and located is not None:
        # "..., killing a woman and her two children in Sarmin": the toll is that town's.
        toll, low, high = ev.fatalities, ev.fatalities_low, ev.fatalities_high
        for k, e in enumerate(events):
            mine = k == located
            e.fatalities = toll if mine else None
            e.fatalities_low, e.fatalities_high = (low, high) if mine else (None, None)
    elif ev.fatalities:
        share, rest = divmod(ev.fatalities, n)
        note = (f"Fatalities: {ev.fatalities} reported for {n} places, divided evenly "
                "(ACLED's practice when they cannot be attributed).")  # fmt: skip
        for k, e in enumerate(events):
            e.fatalities = share + (rest if k == 0 else 0)
            e.fatalities_low = e.fatalities_high = None
            e.notes = f"{e.notes} {note}".strip()
    ev.rules = [*ev.rules, "place-split"]
    return events


_AT = re.compile(r"\s+(?:in|at|near)\s+(?:the\s+(?:town|village|city)\s+of\s+)?")


def _located_toll(casualties: list[Ann], places: list[Ann], text: str) -> int | None:
    """Index of the place a casualty figure is given for ("killing five in X"), if one."""
    names = [p.name for p in places]
    for c in casualties:
        at = _AT.match(text, c.end)
        if at is None:
            continue
        for name in names:
            if name is None:
                continue
            for form in [name] + [text[p.start : p.end] for p in places if p.name == name]:
                if text.startswith(form, at.end()):
                    return names.index(name)
    return None
