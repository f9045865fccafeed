"""Provides `fold_into_events`: the proposals one event's own telling split off, folded
back into it (proposals stage, after every incident is typed).

A demonstration that turned violent, or a mob's violence, is one ACLED event whatever the
police did: the march told first, its dispersal and the arrests that followed are that
event, not events of their own. They were proposed apart whenever the violence was typed by
who did what (`crowds.py`, after the incidents were grouped) while the march, the tear gas
or the arrests were grouped alone. So is an abduction or a rape with the raid that was its
means ("gunmen raided the village and abducted three traders", "stormed the house and
raped two women"), what was looted on the way, and the arrests that followed.
"""

from __future__ import annotations

import bisect
import re

from ..base.codebook import (
    ABDUCTION,
    ARRESTS,
    ASSAULTS,
    DEMONSTRATION,
    EXCESSIVE,
    INTERVENTION,
    LOOTING,
    MOB,
    PEACEFUL,
    RAPE,
)
from .dating import DATE_PUBLICATION
from .lexicon import Lexicon
from .model import EventProposal

# What each event takes in: a violent demonstration its march, its dispersal and the arrests
# that followed; a mob's violence the crowd's dispersal and the arrests; a riot told again
# after it (a car torched at the square where they rioted) is that riot. (ACLED source notes
# with the riot's type proposed beside one of these: the riot's type each.) An abduction or a
# rape takes in the raid or attack that killed no one and the looting; a rape the arrests
# that followed and the abduction too (source notes with both proposed, ACLED's type:
# abduction beside a non-lethal attack or clash 98, attack 2; rape beside one 52, attack 2;
# rape beside an abduction 31, abduction 0). Not an abduction's arrests: they may be the
# abductors' own detentions told again ("people detained during the group's rule"). A mob's
# violence takes in the fight or attack that killed no one, by the crowd or no one named,
# and force told as used on it (mob violence beside an attack 57, attack 6; beside a clash
# 67, violent demonstration 18, attack 4; beside excessive force 42 / 19 / 1 excessive
# force); a demonstration met with force, the peaceful protest proposed apart from it (with
# intervention beside a peaceful protest 60, violent demonstration 11; excessive force beside
# one 23, with intervention 9).
_RAID = ASSAULTS | {LOOTING}
_FOLDED = {
    DEMONSTRATION: frozenset([PEACEFUL, INTERVENTION, ARRESTS, DEMONSTRATION]),
    MOB: ASSAULTS | {INTERVENTION, ARRESTS, MOB, EXCESSIVE},
    INTERVENTION: frozenset([PEACEFUL]),
    EXCESSIVE: frozenset([PEACEFUL]),
    ABDUCTION: _RAID,
    RAPE: _RAID | {ARRESTS, ABDUCTION},
}
# The acts that are an event's means only when they killed no one and were done by its
# doer (or by no one named): a killing is an event of its own.
_MEANS = _RAID | {ABDUCTION, EXCESSIVE}
_FOLDED_RIOTS = frozenset([DEMONSTRATION, MOB])
# The trigger of an act that killed (its toll may be unread: "killed a former headman").
_KILLING = re.compile(
    r"^trigger:.*\b(?:kill\w*|murder\w*|shot|shoot\w*|behead\w*|lynch\w*|execut\w*|slain"
    r"|stabb\w*|to\s+death)",
    re.I,
)
_WINDOW = 2  # sentences between the riot and what it takes in
FOLDED_RULE = "merge-riot-folded"
MEANS_RULE = "merge-means-folded"
PROTEST_RULE = "merge-protest-folded"
RETOLD_RULE = "merge-retold-undated"


def fold_into_events(events: list[EventProposal], sentences, lex: Lexicon) -> list[EventProposal]:
    """ "Students marched ... They threw rocks ... Police fired tear gas to disperse them.
    Ten were arrested": the march, the dispersal and the arrests, proposed apart from the
    riot told within two sentences of them on the same day at the same place (or none
    named), are folded into it; arrests only when told with or after it. So are the raid
    and the looting of an abduction or a rape (`_means_of`), and a rape's abduction; the
    looting told in the event's own sentence is folded wherever it is placed ("stopped a
    truck near the post, set it on fire, and kidnapped the driver in Tocular village of
    Hani district": the fire took the district, the abduction the village). A fight told
    in that sentence stays apart when placed apart: a battle before an abduction ("after
    attacking an army position, the rebels abducted 17 people") is an event of its own."""
    homes = [ev for ev in events if ev.sub_event_type in _FOLDED]
    if not homes or len(events) < 2:
        return events
    starts = [s.start for s in sentences]

    def sent_of(ev: EventProposal) -> int:
        return bisect.bisect_right(starts, ev.start) - 1

    kept: list[EventProposal] = []
    for ev in events:
        home = next(
            (
                r for r in homes
                if ev.sub_event_type in _FOLDED[r.sub_event_type]
                and (r.sub_event_type != ev.sub_event_type or any(k is r for k in kept))
                and r.event_date == ev.event_date
                and (r.place == ev.place or r.place is None or ev.place is None or (
                    ev.sub_event_type == LOOTING and sent_of(r) == sent_of(ev)))
                and abs(sent_of(r) - sent_of(ev)) <= _WINDOW
                and (ev.sub_event_type != ARRESTS or sent_of(ev) >= sent_of(r))
                and (ev.sub_event_type not in _MEANS or _means_of(ev, r, lex))
            ),
            None,
        )  # fmt: skip
        if home is None:
            kept.append(ev)
            continue
        if (
            ev.sub_event_type == INTERVENTION
            and home.actor2 is None
            and ev.actor2 is not None
            and ev.actor2 != home.actor1
        ):
            home.actor2, home.actor2_span = ev.actor2, ev.actor2_span  # who dispersed it
        if ev.sub_event_type == home.sub_event_type:
            take_missing(home, ev)
        elif (
            ev.sub_event_type in _MEANS
            and _unnamed(home.actor1, lex)
            and not _unnamed(ev.actor1, lex)
        ):
            # "LRA fighters ambushed fishermen. Five were abducted": the raid's doer.
            home.actor1, home.actor1_span = ev.actor1, ev.actor1_span
        rule = (
            FOLDED_RULE
            if home.sub_event_type in _FOLDED_RIOTS
            else MEANS_RULE
            if home.sub_event_type in (ABDUCTION, RAPE)
            else PROTEST_RULE
        )
        if rule not in home.rules:
            home.rules.append(rule)
    return kept


def fold_retold(events: list[EventProposal], lex: Lexicon) -> list[EventProposal]:
    """ "The pair were detained by the SDF in mid-January ... [paragraphs later] the two men
    were captured by the SDF": an act the text gives no date for, of the same sub-type, by
    the same named doer on the same other side at the same place as one it dates, is that
    act told again far from its first telling (too far for the incidents to join), not
    another of the day the report came out. Folded into the dated one, wherever told."""
    dated = [
        ev for ev in events
        if DATE_PUBLICATION not in ev.rules and ev.event_date and ev.place
        and not _unnamed(ev.actor1, lex)
    ]  # fmt: skip
    if not dated or len(events) < 2:
        return events
    kept: list[EventProposal] = []
    for ev in events:
        home = next(
            (
                d for d in dated
                if DATE_PUBLICATION in ev.rules and d.sub_event_type == ev.sub_event_type
                and (d.actor1, d.actor2, d.place) == (ev.actor1, ev.actor2, ev.place)
            ),
            None,
        )  # fmt: skip
        if home is None:
            kept.append(ev)
            continue
        take_missing(home, ev)
        if RETOLD_RULE not in home.rules:
            home.rules.append(RETOLD_RULE)
    return kept


def _means_of(ev: EventProposal, home: EventProposal, lex: Lexicon) -> bool:
    """The raid, the looting or the abduction is the abduction's or the rape's way: it killed
    no one, and its doer is the same or unnamed."""
    if ev.fatalities or _KILLING.search(ev.rules[0] if ev.rules else ""):
        return False  # "killed a village head after kidnapping him": the killing is the event
    if home.sub_event_type == MOB:
        # "Villagers clashed with ... the mob attacked two officials": the crowd's own fight,
        # by the crowd or by no one named.
        return (
            _unnamed(ev.actor1, lex)
            or ev.actor1 == home.actor1
            or lex.names_group(ev.actor1, "rioters")
        )
    return _unnamed(ev.actor1, lex) or _unnamed(home.actor1, lex) or ev.actor1 == home.actor1


def _unnamed(actor: str | None, lex: Lexicon) -> bool:
    """No doer, or the unidentified armed group (`[groups]` of lexicon.toml)."""
    return not actor or lex.names_group(actor, "unidentified")


def take_missing(home: EventProposal, ev: EventProposal) -> None:
    """The riot told again gives the first telling what it left out: the place, the toll,
    the other side ("Youths rioted on Monday. In Tambara, rioters burnt a bus; two died")."""
    if home.place is None and ev.place is not None:
        home.place, home.place_span, home.geo_precision = ev.place, ev.place_span, ev.geo_precision
    if not home.fatalities and ev.fatalities:
        home.fatalities, home.fatalities_low, home.fatalities_high = (
            ev.fatalities,
            ev.fatalities_low,
            ev.fatalities_high,
        )
    if home.injured is None and ev.injured is not None:
        home.injured = ev.injured
    if home.actor2 is None and ev.actor2 is not None and ev.actor2 != home.actor1:
        home.actor2, home.actor2_span = ev.actor2, ev.actor2_span
