"""Provides `group_incidents`: candidates folded into incidents (one event per incident).

Candidates are taken in the order they are told: each joins the incident
`incident_merge.find_home` finds for it (the merge rules are listed there), else opens a new
one. A new incident that refers back but names nobody inherits the actors and place it
refers to (`anaphora-inherit`). Casualty figures in trigger-less sentences go to the
incident just before them in the same paragraph (`casualties-following`).
"""

from __future__ import annotations

from ..base.codebook import ABDUCTION, AGAINST_CIVILIANS, BATTLES, LOOTING, RAPE, event_type_of
from .candidates import Candidate, Orphan
from .crowd_sides import armed_side
from .dates import DATE_CLAUSE, DATE_PREVIOUS_SENTENCE
from .gazetteer import BROAD_TYPES
from .incident import Incident, kind_of, type_of
from .incident_merge import (
    ANAPHORA_WINDOW,
    actor_key,
    compatible,
    date_borrowed,
    find_home,
    places_agree,
    unnamed,
)
from .placing import place_rank
from .retellings import own_date
from .text import Sentence

# A figure in a sentence of its own ("The toll rose to 23") goes to the incident told at most
# ORPHAN_REACH sentences before it, in its paragraph or the next: an article scraped as one
# line has a single paragraph, where a figure far on is another story's.
ORPHAN_REACH = 3
# A candidate is compared with the latest HORIZON incidents only: comparing it with all of
# them made a long text quadratic (a 2 MB one spent minutes here). News articles join a
# candidate at most a handful of incidents back (5 over the 292 seed, test and devdata
# articles; 64 here cost a 10 MB article a fifth of its time, bench/extract-size).
HORIZON = 16
# An incident takes at most MAX_PARTS candidates, then the next one opens another: each
# comparison reads all of an incident's parts, so one incident absorbing a whole repetitive
# text was quadratic. Real ones have at most 13.
MAX_PARTS = 64


def group_incidents(
    cands: list[Candidate],
    orphans: list[Orphan],
    sentences: list[Sentence],
    shifts: frozenset[int] = frozenset(),
) -> list[Incident]:
    """`shifts`: the sentences that open with a change of topic ("Meanwhile", "Elsewhere",
    "In a separate incident"): what they tell is never folded into an incident told before
    them (but the lede's), and their figures are never added to one."""
    incidents: list[Incident] = []
    text = sentences[0].text if sentences else ""
    lede = next((i for i, s in enumerate(sentences) if not s.skip), -1)
    orphan_iter = iter(sorted(orphans, key=lambda o: o.sent))
    pending = next(orphan_iter, None)
    ahead = None  # a toll told before any act: "At least 12 were killed on Monday. Jets ..."
    for c in sorted(cands, key=lambda c: (c.sent, c.clause[0])):
        while pending is not None and pending.sent < c.sent:
            if not incidents:
                ahead = pending
            _attach_orphan(incidents, pending, sentences, shifts)
            pending = next(orphan_iter, None)
        homes = incidents[-HORIZON:]
        if c.sent in shifts and homes:
            # Separate from what was just told; but the lede's summary ("..., and its drones
            # pounded army positions") may be what it retells in detail, once the story has
            # moved on from the lede.
            latest = max(i.last_sent for i in homes)
            homes = [
                i for i in homes
                if i.cands[0].sent >= c.sent or i.cands[0].sent == lede and i.last_sent < latest
            ]  # fmt: skip
        target, rule = find_home(homes, c, text)
        if target is not None and len(target.cands) < MAX_PARTS:
            _absorb(target, c, rule)
            continue
        inc = _new(c)
        if ahead is not None and not incidents:
            _toll_told_first(inc, ahead, sentences)
        ahead = None
        if c.anaphoric and not c.agents:
            _inherit(incidents, inc, c)
        elif incidents and c.sent not in shifts:
            _doer_of_the_raid(incidents[-1], inc, c)
        if (
            c.days_after is not None
            and incidents
            and (inc.date is None or inc.rules.count(DATE_PREVIOUS_SENTENCE))
        ):
            _date_after(inc, _anchor_incident(incidents, c), c.days_after)
        incidents.append(inc)
    while pending is not None:
        _attach_orphan(incidents, pending, sentences, shifts)
        pending = next(orphan_iter, None)
    _statement_siblings(incidents, text)
    return incidents


def _statement_siblings(incidents: list[Incident], text: str) -> None:
    """ "Officials said on Tuesday that the convoy came under fire, and that jets responded
    with strikes": when one act of a statement retells an incident told before with a day
    of its own, the other act of that statement, dated only by the statement, is of that
    incident's day too."""
    retold = {
        c.sent: inc for inc in incidents if inc.date is not None and own_date(inc.cands[0], text)
        for c in inc.cands[1:] if c.date is not None and not own_date(c, text)
    }  # fmt: skip
    if not retold:
        return
    for inc in incidents:
        first = inc.cands[0]
        home = retold.get(first.sent)
        if (
            home is None
            or home is inc
            or inc.date is not first.date
            or first.date is None
            or first.date_rule == DATE_PREVIOUS_SENTENCE
            or own_date(first, text)
        ):
            continue
        inc.date, inc.week_date = home.date, home.week_date
        inc.rules.append("date-statement-sibling")


def _new(c: Candidate) -> Incident:
    inc = Incident([c], list(c.agents), list(c.targets), c.civilian_target, c.place, c.date)
    inc.week_date, inc.historical = c.week_date, c.historical
    inc.casualties, inc.weapons, inc.last_sent = list(c.casualties), list(c.weapons), c.sent
    inc.rules = [*c.rules, c.date_rule] if c.date_rule else list(c.rules)
    inc.triggers = list(c.triggers)
    return inc


def _absorb(inc: Incident, c: Candidate, rule: str) -> None:
    borrowed = date_borrowed(inc)
    inc.cands.append(c)
    inc.triggers += c.triggers
    inc.kind = None
    inc.rules.append(rule)
    names = {actor_key(x) for x in inc.agents}
    if not inc.agents or (unnamed(inc.agents[0]) and c.agents and not unnamed(c.agents[0])):
        # "Suspected jihadists attacked ... The attack was claimed by JNIM": the name wins.
        inc.agents = list(c.agents)
    else:
        inc.agents += [a for a in c.agents if actor_key(a) not in names]
    if not inc.targets:
        inc.targets = list(c.targets)
    inc.civilian_target = inc.civilian_target or c.civilian_target
    if c.place is not None and (
        inc.place is None
        or place_rank(c.place) < place_rank(inc.place)
        and places_agree(inc.place, c.place)
    ):
        inc.place = c.place
    if c.date is not None and (inc.date is None or borrowed and c.date_rule == DATE_CLAUSE):
        inc.date, inc.week_date = c.date, c.week_date
        inc.rules.append(c.date_rule)
    inc.casualties += c.casualties
    inc.weapons += c.weapons
    inc.last_sent = c.sent


def _anchor_incident(incidents: list[Incident], c: Candidate) -> Incident:
    """The incident an opening anchor names by its place ("A day after the Kabul assault"):
    the latest one placed there with a day-precise date; else the last incident told with
    one ("A day earlier, ..." after a retelling that gave no day)."""
    dated = [i for i in incidents if i.date is not None and i.date.date_hit.precision == "day"]
    for inc in reversed(dated):
        if inc.place is not None and inc.place.name in c.anchor_places:
            return inc
    return dated[-1] if dated else incidents[-1]


def _date_after(inc: Incident, prev: Incident, days: int) -> None:
    """ "Hours later ..." / "The next day ...": dated from the incident before."""
    if (
        prev.date is None
        or prev.date.date_hit.date is None
        or prev.date.date_hit.precision != "day"
    ):
        return
    from dataclasses import replace
    from datetime import date, timedelta

    when = date.fromisoformat(prev.date.date_hit.date) + timedelta(days=days)
    hit = replace(prev.date.date_hit, date=when.isoformat(), rule="date-relative-previous")
    inc.date = replace(prev.date, info=hit)
    inc.rules = [r for r in inc.rules if r != DATE_PREVIOUS_SENTENCE] + ["date-relative-previous"]


def _inherit(incidents: list[Incident], inc: Incident, c: Candidate) -> None:
    kind, generic = kind_of(c)
    for prev in reversed(incidents):
        if c.sent - prev.last_sent > ANAPHORA_WINDOW:
            return
        # "The strikes near Albu Kamal killed five": the same strikes at another of their
        # places, so a different place does not stop the reference.
        if compatible(prev, c, places=False) and prev.agents and (generic or type_of(prev) == kind):
            inc.agents = list(prev.agents)
            inc.targets = inc.targets or list(prev.targets)
            inc.civilian_target = inc.civilian_target or prev.civilian_target
            inc.place = inc.place or prev.place
            inc.rules.append("anaphora-inherit")
            if inc.date is None and prev.date is not None:
                inc.date, inc.week_date = prev.date, prev.week_date
                inc.rules.append("anaphora-date")
            return


# Acts on people that a raid's report tells in the passive, after the raid ("Militiamen
# attacked Dali. Three women were raped and two men abducted."): the raiders did them.
_ON_PEOPLE = frozenset([RAPE, ABDUCTION])
_RAIDS = frozenset([BATTLES, AGAINST_CIVILIANS])


def _doer_of_the_raid(prev: Incident, inc: Incident, c: Candidate) -> None:
    """An agentless passive rape or abduction told in the sentence after an armed group's
    act, or in the same sentence, is that group's ("RSF attacked the village. Women were
    raped."): ACLED codes it to them, not to an unidentified group."""
    if (
        c.agents
        or not c.passive
        or kind_of(c)[0] not in _ON_PEOPLE
        or c.sent - prev.last_sent > 1
        or not prev.agents
        or not armed_side(prev.agents[0])
        or not (event_type_of(type_of(prev)) in _RAIDS or type_of(prev) == LOOTING)
        # Told as another place or day, it is another incident: "... A woman was raped
        # in Kasulu on Tuesday."
        or (c.place is not None and prev.place is not None and c.place.name != prev.place.name)
        or (
            c.date is not None
            and c.date_rule != DATE_PREVIOUS_SENTENCE
            and prev.date is not None
            and c.date.date_hit.date != prev.date.date_hit.date
        )
    ):
        return
    inc.agents = prev.agents[:1]
    inc.rules.append("actor1-previous-act")


def _toll_told_first(inc: Incident, orphan: Orphan, sentences: list[Sentence]) -> None:
    """ "At least 12 civilians were killed in Maarat al-Numan on Monday, a monitor said.
    Russian jets struck a market in the town.": a lede's toll with no act of its own is the
    first act's, told right after it in the same paragraph at no other place."""
    si, casualties, places = orphan.sent, orphan.casualties, orphan.places
    casualties = [c for c in casualties if not c.figure.aggregate and c.figure.count]
    first = inc.cands[0].sent
    close = first - si <= 2 and sentences[si].para == sentences[first].para
    # An act with a day of its own may be another day's ("... killed on Monday. Rebels
    # shelled Aleppo on Tuesday"): only an act told without one takes the toll.
    close = close and inc.cands[0].date_rule != DATE_CLAUSE
    elsewhere = inc.place is not None and any(not places_agree(inc.place, p) for p in places)
    if close and not elsewhere and casualties and not inc.casualties:
        inc.casualties += casualties
        inc.rules.append("casualties-told-first")


def _attach_orphan(
    incidents: list[Incident], orphan: Orphan, sentences: list[Sentence], shifts: frozenset[int]
) -> None:
    """Figures in a sentence without an attack of its own ("The toll rose to 23") belong to
    the incident just before, unless the sentence is about another place or opens with a
    change of topic ("Elsewhere, two people were killed")."""
    si, casualties, places, claimant = (
        orphan.sent,
        orphan.casualties,
        orphan.places,
        orphan.claimant,
    )
    if not incidents or si in shifts:
        return
    inc = incidents[-1]
    para, last = sentences[si].para, sentences[inc.last_sent].para
    near = si - inc.last_sent <= ORPHAN_REACH and para <= last + 1
    elsewhere = inc.place is not None and any(not places_agree(inc.place, p) for p in places)
    # "More than 400 have been killed since then": a tally, nobody's incident toll.
    casualties = [c for c in casualties if not c.figure.aggregate]
    if all(c.figure.count == 0 for c in casualties) and (para != last or si - inc.last_sent > 2):
        casualties = []  # "No one was hurt." speaks of what its own paragraph just told
    if near and not elsewhere and casualties:
        inc.casualties += casualties
        inc.rules.append("casualties-following")
        # "A soldier killed in Syria has been named. The 29-year-old died ... in Hajin": the
        # toll's sentence names the town the first one only gave as a country.
        held = inc.place
        finer = (
            [p for p in places if place_rank(p) < place_rank(held)]
            if held is not None and held.place_entry.type in BROAD_TYPES
            else []
        )
        if finer:
            inc.place = finer[0]
            inc.rules.append("place-from-following")
        # "... has been named. The 29-year-old died ... on Thursday": and its day, when the
        # first told none of its own.
        days = [d for d in orphan.dates if d.date_hit.precision == "day"]
        if days and (inc.date is None or date_borrowed(inc)):
            inc.date = days[0]
            inc.rules = [r for r in inc.rules if r != DATE_PREVIOUS_SENTENCE]
            inc.rules.append("date-from-following")
    if near and claimant is not None and (not inc.agents or unnamed(inc.agents[0])):
        # "... which later claimed responsibility": the claimant carried the attack out.
        inc.agents = [claimant]
        inc.rules.append("agent-claimed-responsibility")
