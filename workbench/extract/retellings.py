"""Provides the wording cues that tell a retelling of an incident from another incident.

`own_date`: "UOSSM said on Friday that 27 had died in the attack" gives the day of the
statement, not of the act; `passing_mention`: "a court on Tuesday indicted two men on charges
connected to the bombing" names an incident told before, with the indictment's day. `another`: "Separately, ...", "In another attack", "an
explosion" open another incident. `place_by_reference`: "the battle for the village,
which lies near X" is located by reference to the place just told.
"""

from __future__ import annotations

import re

from .candidates import Candidate
from .dates import DATE_PREVIOUS_SENTENCE

# Reporting verb just before a date: "said on Friday that ...", the day of the statement.
_SPEECH = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|added|stated)\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)
# Openers of another incident: "Meanwhile", "Separately", "In another attack", "Also".
_OTHER = re.compile(
    r"\W*(?:meanwhile|elsewhere|separately|also|earlier|later|in\s+(?:an?\s+)?(?:another|other|"
    r"separate|second|similar|related)|in\s+a\s+(?:later|second)|another)\b",
    re.I,
)
_INDEFINITE = frozenset(
    ["a", "an", "another", "other", "second", "new", "separate", "also", "similar", "previous"]
)


def own_date(c: Candidate, text: str) -> bool:
    """Whether the candidate names a day of its own (not carried over, not a statement's)."""
    if c.date is None or c.date_rule == DATE_PREVIOUS_SENTENCE:
        return False
    d, trigger = c.date, min(t.start for t in c.triggers)
    if d.end <= trigger and _SPEECH.search(text, max(0, d.start - 30), d.start):
        # "... said on Friday evening that 27 people had died in the attack"
        return re.search(r"\bthat\b", text[d.end : trigger]) is None
    return True


# A definite act named as the object of a preposition ("an investigation into the bombing",
# "charges connected to the attack", "the man behind the blast").
_PASSING = re.compile(
    r"\b(?:into|over|to|for|behind|about|with)\s+(?:the|this|that)\s+(?:[\w’'-]+\s+){0,3}\Z", re.I
)


def passing_mention(c: Candidate, text: str) -> bool:
    """ "On Tuesday a court indicted two men on charges connected to the bombing": the act
    named in passing after a preposition, with the clause's date before it, is an incident
    told before; the date is of the act the clause tells (the indictment)."""
    if c.date is None or not text:
        return False
    at = min(t.start for t in c.triggers)
    m = _PASSING.search(text, max(c.clause[0], at - 60), at)
    return m is not None and c.date.end <= m.start()


def another(c: Candidate, text: str) -> bool:
    """ "Separately, ...", "In another attack, ...", "an explosion": another incident."""
    if not text:
        return False
    if _OTHER.match(text, c.clause[0]):
        return True
    trigger = min(c.triggers, key=lambda t: t.start)
    before = re.findall(
        r"[a-z]+", text[max(c.clause[0], trigger.start - 25) : trigger.start].lower()
    )
    return not _INDEFINITE.isdisjoint(before[-3:])


_THE_PLACE = re.compile(
    r"\b(?:the|that|this)\s+(?:village|town|city|camp|district|neighbou?rhood|area|base)\b", re.I
)


def place_by_reference(c: Candidate, text: str) -> bool:
    """Whether the clause names its place as "the village"/"the town" before any name."""
    if not text:
        return False
    m = _THE_PLACE.search(text, c.clause[0], c.clause[1])
    return m is not None and (c.place is None or m.start() < c.place.start)
