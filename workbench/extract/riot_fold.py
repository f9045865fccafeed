"""Provides `fold_into_riots`: the proposals a riot's own telling split off, folded back
into it (proposals stage, after every incident is typed).

A demonstration that turned violent, or a mob's violence, is one ACLED event whatever the
police did: the march told first, its dispersal and the arrests that followed are that
event, not events of their own. They were proposed apart whenever the violence was typed by
who did what (`crowds.py`, after the incidents were grouped) while the march, the tear gas
or the arrests were grouped alone.
"""

from __future__ import annotations

import bisect

from .incident import DEMONSTRATION, MOB
from .model import EventProposal

# What each riot takes in: a violent demonstration its march, its dispersal and the arrests
# that followed; a mob's violence the crowd's dispersal and the arrests. (ACLED source notes
# with the riot's type proposed beside one of these: the riot's type each.)
# A riot told again after it (a car torched at the square where they rioted) is that riot.
_FOLDED = {
    DEMONSTRATION: frozenset(
        ["Peaceful protest", "Protest with intervention", "Arrests", DEMONSTRATION]
    ),
    MOB: frozenset(["Protest with intervention", "Arrests", MOB]),
}
_WINDOW = 2  # sentences between the riot and what it takes in
FOLDED_RULE = "merge-riot-folded"


def fold_into_riots(events: list[EventProposal], sentences) -> list[EventProposal]:
    """ "Students marched ... They threw rocks ... Police fired tear gas to disperse them.
    Ten were arrested": the march, the dispersal and the arrests, proposed apart from the
    riot told within two sentences of them on the same day at the same place (or none
    named), are folded into it; arrests only when told with or after it."""
    riots = [ev for ev in events if ev.sub_event_type in _FOLDED]
    if not riots:
        return events
    starts = [s.start for s in sentences]

    def sent_of(ev: EventProposal) -> int:
        return bisect.bisect_right(starts, ev.start) - 1

    kept: list[EventProposal] = []
    for ev in events:
        home = next(
            (
                r for r in riots
                if ev.sub_event_type in _FOLDED[r.sub_event_type]
                and (r.sub_event_type != ev.sub_event_type or any(k is r for k in kept))
                and r.event_date == ev.event_date
                and (r.place == ev.place or r.place is None or ev.place is None)
                and abs(sent_of(r) - sent_of(ev)) <= _WINDOW
                and (ev.sub_event_type != "Arrests" or sent_of(ev) >= sent_of(r))
            ),
            None,
        )  # fmt: skip
        if home is None:
            kept.append(ev)
            continue
        if (
            ev.sub_event_type == "Protest with intervention"
            and home.actor2 is None
            and ev.actor2 is not None
            and ev.actor2 != home.actor1
        ):
            home.actor2, home.actor2_span = ev.actor2, ev.actor2_span  # who dispersed it
        if ev.sub_event_type == home.sub_event_type:
            _take_missing(home, ev)
        if FOLDED_RULE not in home.rules:
            home.rules.append(FOLDED_RULE)
    return kept


def _take_missing(home: EventProposal, ev: EventProposal) -> None:
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
