"""Provides `fold_told_again`: a proposal that tells again an act already proposed from the same
article is folded into it (proposals stage, last: every incident typed, placed and given
its sides).

News tells its incident several times: the lede, a spokesman's or an eyewitness's quote, a
statement told with "said" or "according to", a later mention as "the blast" or "Saturday's
protests". Grouping (`incidents.py`) joins most retellings while it reads; some are still
proposed apart, each complete in itself ("'There was an explosion,' said a student who
witnessed the blast"). Such a telling is one event with the act proposed before it when
ACLED would code the two as one: the same sub-event type, the same day, the same doer, no
other side against the other's, the same place (or none told in one) and no rival toll.
Proposals that differ in act, side, place or day stay apart, and so do the acts a sentence
tells beside another ("another", "a second", "similar", "also").

Measured on the blind sets (aggregate figures of their frozen halves), each looser reading
folded two acts into one: a town and its province or country ("in Baghdad", "in Iraq"), a
named doer and an unnamed one ("gunmen"), and any same-day act told without a quote, an
attribution or a definite reference.
"""

from __future__ import annotations

import re

from .annotate import Ann
from .dating import DATE_PUBLICATION
from .event_fold import take_missing
from .model import EventProposal
from .placing import SET_IN_ARTICLE, set_in_article_note

TOLD_AGAIN_RULE = "merge-told-again"
# Words telling an act beside one already told, not that one again.
_ANOTHER = re.compile(
    r"\b(?:another|other|similar|separate|second|third|fourth|fifth|also|elsewhere|meanwhile"
    r"|one\s+of)\b",
    re.I,
)
# A quotation or an attribution: someone telling of the act.
_TOLD = re.compile(r"[\"“”]|\b(?:said|says|told|according\s+to|recalled|described)\b", re.I)


def fold_told_again(events: list[EventProposal], anns: list[Ann]) -> list[EventProposal]:
    """Each proposal that tells again one proposed before it (`_retells`) is folded into
    that one, which takes what only the retelling told (its place, toll, other side)."""
    if len(events) < 2:
        return events
    places = {(a.start, a.end): a.name for a in anns if a.kind == "place"}
    kept: list[EventProposal] = []
    for ev in events:
        home = next((h for h in kept if _retells(ev, h)), None)
        if home is None:
            kept.append(ev)
            continue
        _take_missing(home, ev, places)
        if TOLD_AGAIN_RULE not in home.rules:
            home.rules.append(TOLD_AGAIN_RULE)
    return kept


def _retells(ev: EventProposal, home: EventProposal) -> bool:
    if (
        ev.sub_event_type != home.sub_event_type
        or not ev.event_date
        or ev.event_date != home.event_date
        or ev.actor1 != home.actor1
    ):
        return False
    if _ANOTHER.search(ev.quote):
        # "another", "a second explosion", "similar protests", "also": an act beside the
        # one told.
        return False
    if ev.actor2 and home.actor2 and ev.actor2 != home.actor2:
        return False
    if ev.fatalities and home.fatalities and ev.fatalities != home.fatalities:
        return False  # two tolls: two acts (or a sum and its part)
    if not (ev.place == home.place or ev.place is None or home.place is None):
        return False
    return _retelling_cue(ev)


def _retelling_cue(ev: EventProposal) -> bool:
    """The sentence tells the act as told by someone (a quote, "said", "according to"), or
    names it as one already known: "the blast", "Saturday's protests", "that attack"."""
    if _TOLD.search(ev.quote):
        return True
    trigger = next((r[8:] for r in ev.rules if r.startswith("trigger:")), "")
    if not trigger:
        return False
    ref = re.compile(
        r"\b(?:the|that|this|\w+['’]s)\s+(?:[\w-]+\s+){0,3}?" + re.escape(trigger) + r"\b", re.I
    )
    return ref.search(ev.quote) is not None


def _take_missing(home: EventProposal, ev: EventProposal, places: dict) -> None:
    """The first telling takes what the retelling told and it left out (the other side, the
    place, the toll: `event_fold.take_missing`); a place it had only from the article's
    setting, the retelling named; the day, when it had only the publication's week."""
    named = ev.place is not None and places.get(ev.place_span) == ev.place
    if home.place is not None and SET_IN_ARTICLE in home.rules and named:
        home.rules.remove(SET_IN_ARTICLE)
        home.notes = home.notes.replace(set_in_article_note(home.place), "").strip()
        home.incomplete = [x for x in home.incomplete if x != "location"]
        home.place, home.place_span = ev.place, ev.place_span
        home.geo_precision = ev.geo_precision
    take_missing(home, ev)
    if DATE_PUBLICATION in home.rules and DATE_PUBLICATION not in ev.rules:
        # "* Air strikes on Idlib kill eight" (a summary line: the week of publication) and
        # "the toll from this morning's air strikes": the day the retelling told.
        home.rules.remove(DATE_PUBLICATION)
        home.notes = re.sub(r"\s*Date: none in the text; [^.]*\.", "", home.notes).strip()
        home.date_precision = ev.date_precision
        home.incomplete = [x for x in home.incomplete if x != "date"]
