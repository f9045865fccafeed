"""Provides `find_home`: the incident a candidate tells again, and the merge rule that says so.

News returns to an incident several times ("... airstrikes on rebel forces near Damascus.
The airstrikes from Assad killed 21 ..."). A candidate joins an earlier incident when:
- `merge-anaphora`: it refers back ("the attack", "Assad's strikes") without a new date;
- `merge-elaboration`: it has no date of its own, comes within a few sentences, and neither
  its type, its first actor nor its place contradicts;
- `merge-same-date`: it has the same explicit day and shares an actor or the place;
- `merge-retold-same-day`: the same kind of act on the same explicit day, told again
  without a doer of its own or another place ("- Monday night: helicopters drop ...");
- `merge-retelling`: no doer and no day of its own (a statement's "said on Friday that"
  is no day of the act) retells the incident last spoken of, within a few paragraphs,
  unless "Separately", "In another attack", "an explosion" open another one.
A generic word of the same family ("The vehicle was detonated") elaborates a specific
act; a reference's date outside its clause ("The attack came a day after X, on Monday")
or a month holding the incident's day ("the third attack ... this month") is no new date.
Two candidates with different explicit dates, or different first actors, stay apart.
"""

from __future__ import annotations

from ..base.actors import STATE_FORCES
from ..base.codebook import (
    ARRESTS,
    ASSAULTS,
    MOB,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    event_type_of,
)
from .annotate import Ann
from .candidates import Candidate
from .dates import DATE_CLAUSE, DATE_PREVIOUS_SENTENCE, DATE_SENTENCE
from .gazetteer import BROAD_TYPES
from .incident import (
    BATTLE_TYPES,
    DEMONSTRATIONS,
    FORCE_ON_PROTEST,
    PROTEST_KINDS,
    Incident,
    kind_of,
    type_of,
)
from .placing import PREVIOUS_PLACE_RULE
from .protests import CROWD_CONTEXT
from .retellings import another, own_date, passing_mention, place_by_reference

# The rule of a demonstration and the force used on it joined as one incident.
PROTEST_FORCE_RULE = "merge-protest-force"
ELABORATION_WINDOW = 4
ANAPHORA_WINDOW = 8


def find_home(
    incidents: list[Incident], c: Candidate, text: str = ""
) -> tuple[Incident | None, str]:
    # A date carried over from the sentence before does not make a new incident by itself.
    weak = c.date_rule == DATE_PREVIOUS_SENTENCE
    if c.days_after is not None and weak:
        return None, ""  # "A day earlier", "Hours later, ...": another incident, told apart
    same_day = c.date is not None and not weak
    if c.anaphoric:
        # "The attack, which ..." refers to the latest incident named by the same word.
        head = _head(c)
        # A specific anaphor ("the airstrikes") only refers to an incident of its type.
        specific = "generic" not in c.main.flags
        # "The attack near Gaskinde": a village found by pattern, where it lies unknown,
        # does not contradict the incident referred to.
        located = c.place is None or bool(c.place.place_entry.country)
        # "... killed in the battle for the village, which lies near Khan Shaykhun": the
        # place is the one referred to; the town named after it is a landmark.
        located = located and not place_by_reference(c, text)
        near = [
            inc for inc in reversed(incidents)
            if c.sent - inc.last_sent <= ANAPHORA_WINDOW and compatible(inc, c, places=located)
            and (
                c.date is None or weak or _same_date(inc, c) or _borrowed_date(c, inc)
                or date_borrowed(inc) or passing_mention(c, text)
            )
            and (not specific or _same_kind(type_of(inc), kind_of(c)[0]))
        ]  # fmt: skip
        for inc in near:
            if head in {_head_of(t) for t in inc.triggers}:
                return inc, "merge-anaphora"
        # "the strikes": rather an incident of the same family of violence.
        family = event_type_of(c.main.sub_event_type)
        for inc in near:
            if event_type_of(type_of(inc)) == family:
                return inc, "merge-anaphora"
        if near:
            return near[0], "merge-anaphora"
    if c.historical:
        return None, ""  # "By 2013, regime aircraft were dropping barrel bombs": background
    order = list(reversed(incidents))
    if not kind_of(c)[1] and kind_of(c)[0] not in DEMONSTRATIONS:
        # "Police detained 18 people, a day after a gunman killed two ... The suspects were
        # taken into custody": a specific act is told again of an incident of its own kind
        # first, the latest such, before any other incident it could join (a crowd's acts
        # and the force used on it join as they are told: merge-protest-force).
        order.sort(key=lambda inc: type_of(inc) != kind_of(c)[0])
    for inc in order:
        if (
            attack_at_protest(c)
            and type_of(inc) in PROTEST_KINDS
            and c.sent - inc.last_sent <= 1
            and (not same_day or _same_date(inc, c))
        ):
            # "Youths protested in X. The police fired live ammunition at them": the force
            # met the demonstration just told, one event (ACLED codes it by the force).
            return inc, PROTEST_FORCE_RULE
        if (
            type_of(inc) in PROTEST_KINDS
            and kind_of(c)[0] == MOB
            and CROWD_CONTEXT in c.rules
            and not c.agents
            and c.sent - inc.last_sent <= ELABORATION_WINDOW
            and (not same_day or _same_date(inc, c))
        ):
            # "Locals demonstrated against ... Police reached the spot, but the agitators
            # pelted stones at the cops": the demonstration turned violent, one event (typed
            # by the crowd's violence in crowds.py), not a riot of its own.
            return inc, "merge-protest-riot"
        if not compatible(inc, c):
            if same_day and _same_date(inc, c) and _retold(inc, c, text, same_day=True):
                return inc, "merge-retold-same-day"  # its place named where it was told
            continue
        distance = c.sent - inc.last_sent
        if (
            type_of(inc) in DEMONSTRATIONS
            and kind_of(c)[0] in DEMONSTRATIONS
            and (type_of(inc) != kind_of(c)[0] or kind_of(c)[0] in FORCE_ON_PROTEST)
            and distance <= ELABORATION_WINDOW
            and (not same_day or _same_date(inc, c))
        ):
            return inc, PROTEST_FORCE_RULE  # "... gathered. Police dispersed them"
        if not same_day:
            # A different (specific) kind of attack joins only if it shares an actor.
            same_kind = (
                type_of(inc) == kind_of(c)[0]
                or _same_family_generic(inc, c, text)
                or _raid_arrests(inc, c)
            )
            ok = (
                _shares(inc, c) or not c.agents
                if same_kind
                else _shares_actor(inc, c) and _same_first_actor(inc, c)
            )
            if distance <= ELABORATION_WINDOW and ok:
                return inc, "merge-elaboration"
            if _same_actor_place(inc, c):
                return inc, "merge-same-actor-place"
        elif _same_date(inc, c) and _shares(inc, c) and _same_first_actor(inc, c):
            return inc, "merge-same-date"
        elif _same_date(inc, c) and _retold(inc, c, text, same_day=True):
            # "- Thursday, 11pm: Helicopter drops two barrel bombs on the hospital": the
            # same kind of act on the same day, told again without a doer or a new place.
            return inc, "merge-retold-same-day"
        elif (
            inc.date is None
            and distance <= ELABORATION_WINDOW
            and (_shares(inc, c) or (not c.agents and not c.targets and _same_type(inc, c)))
            and _same_first_actor(inc, c)  # not when the doers differ: another action
        ):
            return inc, "merge-dates-later"
    # "Suicide bomber kills 4 in Qardaha. A suicide bomber driving an ambulance killed four
    # people on Sunday ...": the same kind of act, day and toll is the act told again,
    # even as "a" new one (a headline run into the text, then its lede).
    toll = _toll(c)
    for inc in order[:ANAPHORA_WINDOW]:
        if (
            toll
            and _toll(inc) == toll
            and _same_kind(type_of(inc), kind_of(c)[0])
            and (not same_day or inc.date is None or _same_date(inc, c))
            and c.sent - inc.last_sent <= ANAPHORA_WINDOW
            and compatible(inc, c, places=False)
            and _place_fits(inc, c, text)
        ):
            return inc, "merge-same-toll"
    # "UOSSM said on Friday that 27 people had died in the targeting of the facility": a
    # mention with no doer and no day of its own retells the incident last spoken of.
    latest = max(incidents, key=lambda i: i.last_sent, default=None)
    if (
        latest is not None
        and c.sent - latest.last_sent <= ANAPHORA_WINDOW
        and not own_date(c, text)
        and _retold(latest, c, text)
    ):
        return latest, "merge-retelling"
    if c.date is not None and not weak and not own_date(c, text):
        # "Army officials said on Tuesday that a patrol was ambushed ..., and that jets then
        # struck the attackers": an act dated only by the statement about it retells
        # the latest incident of its kind told before, even when another act of the same
        # statement was told last.
        for inc in reversed(incidents):
            if (
                inc is not latest
                and c.sent - inc.last_sent <= ANAPHORA_WINDOW
                and _retold(inc, c, text)
            ):
                return inc, "merge-retelling"
    return None, ""


def attack_at_protest(c: Candidate) -> bool:
    """An attack or clash told in a demonstration's context ("... marched. Security forces
    opened fire."): it joins that demonstration (here) and types it (`crowds.py`)."""
    return CROWD_CONTEXT in c.rules and kind_of(c)[0] in ASSAULTS


def _retold(inc: Incident, c: Candidate, text: str, same_day: bool = False) -> bool:
    """Whether `c` may tell `inc` again: no doer of its own (or the same), no other place,
    the same family of violence, no opener of another incident, no indefinite "an attack"."""
    if c.agents and not (inc.agents and _same_first_actor(inc, c)):
        return False
    if c.historical or c.days_after is not None or not compatible(inc, c, places=False):
        return False
    if not _place_fits(inc, c, text):
        return False
    kind, generic = kind_of(c)
    if not (_same_kind(type_of(inc), kind) or (generic and not same_day)):
        return False
    if same_day and generic and event_type_of(kind) != event_type_of(type_of(inc)):
        return False
    return not another(c, text)


def _place_fits(inc: Incident, c: Candidate, text: str) -> bool:
    """ "Shells landed on the Abu Shouk camp, on the edge of El Fasher ... she lost her
    brother in Saturday's shelling in Abu Shouk": a place named where the incident was
    told (or the incident's place named in the clause) is the incident's place."""
    if inc.place is None or c.place is None or places_agree(inc.place, c.place):
        return True
    if not text:
        return False
    mine, theirs = text[inc.place.start : inc.place.end], text[c.place.start : c.place.end]
    if mine and mine in text[c.clause[0] : c.clause[1]]:
        return True
    return any(theirs in text[x.clause[0] : x.clause[1]] for x in inc.cands)


def actor_key(a: Ann) -> str | None:
    """Who an actor mention stands for in an event: a leader stands for his forces."""
    acts_for = getattr(a.info, "acts_for", "")
    return acts_for or a.name


def _toll(x: Incident | Candidate) -> int:
    """The dead an incident or a candidate tells of (0: none told), parts and tallies aside."""
    return max(
        (h.figure.count for h in x.casualties
         if h.figure.kind == "killed" and not h.figure.subset and not h.figure.aggregate),
        default=0,
    )  # fmt: skip


def _same_kind(a: str, b: str) -> bool:
    return a == b or (a in BATTLE_TYPES and b in BATTLE_TYPES)


def _head(c: Candidate) -> str:
    return _head_of(max(c.triggers, key=lambda a: a.trigger.strength))


def _head_of(t: Ann) -> str:
    word = t.trigger.phrase.lower().split()[-1]
    return word[:-1] if word.endswith("s") else word


def _same_date(inc: Incident, c: Candidate) -> bool:
    return (
        inc.date is not None
        and c.date is not None
        and inc.date.date_hit.date == c.date.date_hit.date
    )


def _same_family_generic(inc: Incident, c: Candidate, text: str) -> bool:
    """ "A suicide car bomb exploded ... The vehicle was detonated as soldiers ...": a
    generic word of the same family of violence tells the incident again (not "an
    explosion ... the next day", "Separately, ...")."""
    return (
        kind_of(c)[1]
        and event_type_of(kind_of(c)[0]) == event_type_of(type_of(inc))
        and c.days_after is None
        and not another(c, text)
    )


def _borrowed_date(c: Candidate, inc: Incident) -> bool:
    """ "The attack came a day after troops recaptured X": a reference's date found
    outside its own clause belongs to the other action; "the fourth attack ... this month"
    dates a tally whose month holds the incident's day."""
    if c.date_rule == DATE_SENTENCE:
        return True
    assert c.date is not None  # asked only of a dated candidate
    d, own = c.date.date_hit, inc.date.date_hit if inc.date is not None else None
    return (
        own is not None and d.precision == "month" and own.precision in ("day", "week")
        and bool(d.date and own.date) and (d.date or "")[:7] == (own.date or "")[:7]
    )  # fmt: skip


def date_borrowed(inc: Incident) -> bool:
    """ "... early Tuesday, a day after the Houthis claimed an attack on Abu Dhabi": the
    incident's day came from another clause; "Monday's attack on the Emirati capital"
    tells it with its own day."""
    return inc.date is not None and all(x.date_rule == DATE_SENTENCE for x in inc.cands)


def _same_type(inc: Incident, c: Candidate) -> bool:
    """ "HTS shot down a jet. The plane was brought down on Wednesday ...": the same act,
    retold with its date and no actor."""
    return type_of(inc) == kind_of(c)[0] and not kind_of(c)[1]


def _same_first_actor(inc: Incident, c: Candidate) -> bool:
    if not inc.agents or not c.agents:
        return True
    return actor_key(inc.agents[0]) == actor_key(c.agents[0])


def _same_actor_place(inc: Incident, c: Candidate) -> bool:
    if not (inc.agents and c.agents) or inc.place is None or c.place is None:
        return False
    return (
        actor_key(inc.agents[0]) == actor_key(c.agents[0])
        and places_agree(inc.place, c.place)
        and type_of(inc) == kind_of(c)[0]
    )


# A crowd and the force used on it (or the crowd's violence and the police's answer) are
# one event told from both sides.
CROWD_EVENTS = frozenset([PROTESTS, RIOTS])
NOT_ON_CIVILIANS = frozenset([STRATEGIC, *CROWD_EVENTS])


def _raid_arrests(inc: Incident, c: Candidate) -> bool:
    """ "Police launched raids in east London. A spokesman said a number of people had been
    detained": the arrests are what the raid (a generic act) did, one event (ACLED:
    arrests), not a clash and its sequel."""
    return (
        kind_of(c)[0] == ARRESTS
        and any(t.trigger.phrase.lower() in _RAID_WORDS for t in inc.triggers)
        and bool(inc.agents)
        and inc.agents[0].atype == STATE_FORCES
    )


_RAID_WORDS = frozenset(["raid", "raids", "raided"])


def compatible(inc: Incident, c: Candidate, places: bool = True) -> bool:
    ta, ga = kind_of(inc)
    tb, gb = kind_of(c)
    if ta in DEMONSTRATIONS and tb in DEMONSTRATIONS and (ta != tb or tb in FORCE_ON_PROTEST):
        # The protesters and the police are the two sides, not two doers. A place the later
        # part only carried from the sentence before ("... near Habibabad Chowk, Pattoki town.
        # They rioted by burning tires.") is no place of its own.
        return (
            not places
            or inc.place is None
            or c.place is None
            or PREVIOUS_PLACE_RULE in c.rules
            or places_agree(inc.place, c.place)
        )
    # The fighting around a town is part of its capture: battles join each other.
    if ta != tb and not (ga or gb) and not (ta in BATTLE_TYPES and tb in BATTLE_TYPES):
        return False
    # "the militants fired on the wives of fighters (on Wednesday)": no surrender, and no
    # part of a battle when told with its own day ("RSF fighters attacked the village ...
    # The RSF said it had clashed with army fighters" is one event told by its doer).
    day = c.date is not None and c.date_rule == DATE_CLAUSE
    if _on_civilians_apart(c, inc, gb and not ga, ta, day) or _on_civilians_apart(
        inc, c, ga and not gb, tb, day
    ):
        return False
    kinds = {event_type_of(ta), event_type_of(tb)}
    if len(kinds) > 1 and not kinds & CROWD_EVENTS and (_crossed(inc, c) or _crossed(c, inc)):
        # "A Syrian jet was shot down after it bombed the town": what one act befell did
        # the other, two acts of different kinds (a battle told by its other side stays one).
        return False
    # "gunmen" and "JNIM" may be the same attacker: an unnamed side contradicts nobody.
    if inc.agents and c.agents and not (unnamed(inc.agents[0]) or unnamed(c.agents[0])):
        mine = {actor_key(x) for x in inc.agents}
        theirs = {actor_key(x) for x in c.agents}
        apart = actor_key(inc.agents[0]) not in theirs and actor_key(c.agents[0]) not in mine
        # A battle told by its other side is still one battle.
        if apart and not (ta in BATTLE_TYPES and tb in BATTLE_TYPES and _other_side(inc, c)):
            return False
    return not places or inc.place is None or c.place is None or places_agree(inc.place, c.place)


def _crossed(a: Incident | Candidate, b: Incident | Candidate) -> bool:
    """Whether `a`'s first target is `b`'s first doer."""
    return bool(
        a.targets
        and b.agents
        and not unnamed(b.agents[0])
        and actor_key(a.targets[0]) == actor_key(b.agents[0])
    )


def _on_civilians_apart(
    a: Incident | Candidate, b: Incident | Candidate, ga: bool, tb: str, battles: bool
) -> bool:
    """`a`, a generic act resolved by its civilian target ("fired on the wives of fighters"),
    and `b`, a specific strategic development (or, when `battles`, a battle) with no civilian
    target, are two acts (`ga`: `a` is generic and `b` is not)."""
    kind = (battles and tb in BATTLE_TYPES) or event_type_of(tb) in NOT_ON_CIVILIANS
    return ga and a.civilian_target and not b.civilian_target and kind


def _other_side(inc: Incident, c: Candidate) -> bool:
    """ "The army repelled an assault by 'terrorists' ... Rebels said they killed 11 soldiers
    in the fighting": a battle told by its other side, whose agent was the target."""
    sides = inc.targets[:1]
    if not sides:
        return False
    return unnamed(sides[0]) or actor_key(sides[0]) == actor_key(c.agents[0])


def _shares(inc: Incident, c: Candidate) -> bool:
    mine = {actor_key(x) for x in inc.agents + inc.targets}
    if any(actor_key(x) in mine for x in c.agents + c.targets):
        return True
    return inc.place is not None and c.place is not None and places_agree(inc.place, c.place)


def _shares_actor(inc: Incident, c: Candidate) -> bool:
    mine = {actor_key(x) for x in inc.agents + inc.targets}
    return any(actor_key(x) in mine for x in c.agents + c.targets)


def places_agree(p: Ann, q: Ann) -> bool:
    if p.name == q.name:
        return True
    a, b = p.place_entry, q.place_entry
    broad = a.type in BROAD_TYPES or b.type in BROAD_TYPES or "country" in (a.type, b.type)
    if not a.country or not b.country:
        # A place found by pattern: where it lies is unknown, so only a province or a
        # country can hold it; two differently named towns are two places.
        return broad
    if a.country != b.country:
        return False
    if a.type == "country" or b.type == "country":
        return True
    return (a.type in BROAD_TYPES or b.type in BROAD_TYPES) and a.admin1 == b.admin1


def unnamed(a: Ann) -> bool:
    """ "gunmen", "jihadists": a generic word for an unidentified armed group."""
    return a.contextual and a.info == "unidentified"
