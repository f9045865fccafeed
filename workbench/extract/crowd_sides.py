"""Provides `crowd_doers` and the other readers of who an incident's sides are for the
Protests and Riots family: a crowd, a party's people or plain people ("villagers", "his
neighbours", "a group of locals"), or an armed group.

`crowds.crowd_type` asks these, with `crowd_context`'s readers of what was told around the
act, to decide whether a fight or an attack was a riot or force used on a demonstration.
Who counts as a crowd is the `[nouns] crowd` list of lexicon.toml, and a party (type
`Political party` in actors.csv) whose people act.
"""

from __future__ import annotations

import re

from ..base.actors import ARMED_TYPES, CROWD_TYPES, PARTY, PROTESTERS, STATE_FORCES
from ..base.codebook import ARMED_CLASH
from .incident import Incident
from .lexicon import Lexicon
from .tokens import key_of

RIOTERS = CROWD_TYPES - {PROTESTERS}
# Generic words for a crowd ([generic] of lexicon.toml): as doers they are a crowd.
CROWD_GROUPS = frozenset(["civilians", "rioters", "protesters"])
# "Clashes broke out between Palestinian youths and Israeli forces": the sides follow.
_BETWEEN = re.compile(
    r"(?:\s+(?:to\s+break\s+out|broke\s+out|erupted|occurred|took\s+place|flared(?:\s+up)?))?"
    # "Clashes were reported in Azun town near Qalqilya between ...": where, before who
    r"(?:\s+(?:were\s+reported\s+)?(?:in|at|near|on)\s+[^.;:,]{1,50}?)?\s+between\s+"
    r"([^.;:]{1,120})",
    re.I,
)
# "clashed with local residents", "sparking clashes with teenagers": the other side, up to
# the next clause or place ("clashed with police in X who fired at the residents" names the
# police only).
_WITH = re.compile(
    r"(?:\s+(?:that|which)\s+(?:broke\s+out|erupted))?\s+with\s+"
    r"((?:(?!(?:who|which|that|after|as|when|while|during|in|at|near|on|over|following"
    r"|from|for|and)\b)[\w'-]+\s*){1,5})",
    re.I,
)
# "beaten to death by a group of people", "by locals": the doers a passive names.
_BY = re.compile(r"[^.;:,]{0,40}?\bby\s+([^.;:,]{1,40})", re.I)


def _by_from(main) -> int:
    """Where to look for the doers a passive names: after the trigger, or at its start when
    the trigger ends with the "by" ("beaten by his neighbours")."""
    return main.start if main.trigger.phrase.endswith(" by") else main.end


_BOUNDARY = re.compile(r"[,;:()\u2013\u2014]|\b(?:who|which|that|whose|after|when|as)\b", re.I)


def _has_crowd(text: str, lex: Lexicon) -> bool:
    keys = key_of(text)
    if lex.crowd_words(keys) or set(keys) & lex.nationals:
        return True  # "clashes between Palestinians and Israeli forces": people, no army
    # "a group of locals", "a group of persons": any people gathered as a group.
    return any(
        keys[i : i + 2] == ("group", "of") and keys[i + 2] in lex.person_nouns
        for i in range(len(keys) - 2)
    )


def crowd_doers(inc: Incident, text: str, lex: Lexicon) -> bool:
    """A crowd, not an armed group, does the incident's act: a crowd noun in the subject of
    its main clause (while no armed group is its first doer), or among the sides a clash was
    "between"."""
    c = inc.primary
    main = max(c.triggers, key=lambda a: a.trigger.strength)
    after = _BETWEEN.match(text, main.end, c.clause[1])
    if after is not None and _has_crowd(after.group(1), lex):
        return True
    armed = any(armed_side(a) and a.atype != STATE_FORCES for a in inc.agents + inc.targets)
    if not armed and any(
        _clash_with_people(text, a, cand.clause[1], lex)
        for cand in inc.cands
        for a in cand.triggers
    ):
        # "Israeli forces raided the camp, sparking clashes with residents", "officials
        # clashed with journalists": people on the other side, and no armed group named on
        # either ("army units clashed with the attacking terrorist groups" is a battle).
        return True
    # The subject next to the verb: "Supporters of two rival parties clashed", not a crowd
    # further back ("fighters were among the mourners who flooded a hall ... killed fighting").
    subject = _BOUNDARY.split(text[c.clause[0] : main.start])[-1].split()[-6:]
    if "armed" in subject:
        return False  # "a group of armed villagers killed ...": a militia, not a crowd
    first = inc.agents[0] if inc.agents else None
    if first is not None and isinstance(first.info, str) and first.info in CROWD_GROUPS:
        return True  # "two men were beaten to death by villagers"
    if first is not None and first.atype == PARTY:
        return True  # "AL men attacked a campaign office": a party's people, no armed group
    if c.passive and first is None and (by := _BY.match(text, _by_from(main), c.clause[1])):
        return _has_crowd(by.group(1), lex)  # "was beaten to death by a group of people"
    if c.passive or armed_side(first):
        return False  # "six aid workers were killed": the subject was hit, it did nothing
    return _has_crowd(" ".join(subject), lex)


def _clash_with_people(text: str, a, end: int, lex: Lexicon) -> bool:
    """A clash word (not a generic attack word: "an attack with blades by four men") whose
    other side, after "with", is people: a crowd or people an act befalls ("clashed with
    teenagers"), not armed ones."""
    if a.trigger.sub_event_type != ARMED_CLASH or "generic" in a.trigger.flags:
        return False
    other = _WITH.match(text, a.end, end)
    if other is None or "armed" in other.group(1).lower().split():
        return False
    return _has_crowd(other.group(1), lex) or bool(set(key_of(other.group(1))) & lex.victim_nouns)


def armed_side(a) -> bool:
    """An armed, organised side: an actor of an armed type, not a generic word for
    civilians read as one."""
    return a is not None and a.atype in ARMED_TYPES and a.info != "civilians"


def crowd_group(a) -> bool:
    """A generic word for a crowd ("villagers", "rioters") read as the actor."""
    return isinstance(a.info, str) and a.info in CROWD_GROUPS


# Words for armed people: a beating by them is an attack ("two gunmen assaulted").
_ARMED_PEOPLE = frozenset(
    [
        "armed",
        "gunmen",
        "gunman",
        "militants",
        "militant",
        "assailants",
        "assailant",
        "attackers",
        "attacker",
        "terrorists",
        "jihadists",
        "rebels",
        "fighters",
        "militiamen",
        "snipers",
    ]
)
# People an act befalls or a crowd may be named by, and members of anything ("a Union
# Parishad member", "members of an autorickshaw union").
_PEOPLE_EXTRA = frozenset(
    [
        "member",
        "members",
        "couple",
        "neighbours",
        "neighbors",
        "cousins",
        "brothers",
        "friends",
        "colleagues",
        "employees",
        "staff",
        "lawyers",
        "attendants",
    ]
)
# Doers told only by their number or as unknown ("four men", "unidentified persons"): ACLED
# codes their beatings as attacks by an unidentified armed group about as often as mob
# violence.
_BARE_PEOPLE = frozenset(
    [
        "men",
        "man",
        "persons",
        "person",
        "people",
        "individuals",
        "unidentified",
        "unknown",
        "masked",
    ]
)


def _plain_people(words: list[str], lex: Lexicon) -> bool:
    """The words name people who are no armed force and are told by who they are:
    "his neighbours", "lawyers", "a group of villagers", "members of the union", not
    "gunmen", "policemen", "soldiers", nor only "four men" or "unidentified persons"."""
    ordered = key_of(" ".join(words))
    keys = set(ordered)
    if keys & _ARMED_PEOPLE or any(len(f) == 1 and f[0] in keys for f in lex.force_nouns):
        return False
    if keys & {"unidentified", "unknown", "masked"}:
        return False
    people = lex.crowd_words(ordered) | keys & (lex.victim_nouns | _PEOPLE_EXTRA)
    return bool(people - _BARE_PEOPLE)


def people_beat(inc: Incident, text: str, lex: Lexicon) -> bool:
    """A beating (a trigger flagged `blows`: "assaulted", "beaten to death"; the clause
    names no weapon, see crowds.riot_type) done by people who are no armed group: named as people
    in its subject or after "by" ("two men beat up a journalist", "was beaten to death by
    his cousins"), or as an unidentified group of plain people ("unidentified men"). ACLED
    codes such beatings as mob violence; by an armed group, the police or no one named, as
    an attack."""
    c = inc.primary
    main = max(c.triggers, key=lambda a: a.trigger.strength)
    if "blows" not in main.trigger.flags:
        return False
    first = inc.agents[0] if inc.agents else None
    if first is not None:
        if armed_side(first):
            return False  # "police assaulted", "unidentified men beat up": an attack
        return _plain_people(text[first.start : first.end].split(), lex)
    if c.passive:
        by = _BY.match(text, _by_from(main), c.clause[1])
        return by is not None and _plain_people(by.group(1).split(), lex)
    subject = _BOUNDARY.split(text[c.clause[0] : main.start])[-1].split()[-6:]
    return _plain_people(subject, lex)


_PROTESTER_NOUNS = frozenset(["protester", "protesters", "demonstrator", "demonstrators"])


def protesters_hit(inc: Incident) -> bool:
    """The casualties told are demonstrators."""
    return any(
        c.figure.count > 0 and (c.figure.victims.split() or [""])[-1] in _PROTESTER_NOUNS
        for c in inc.casualties
    )


def police_against_unarmed(inc: Incident) -> bool:
    """State forces on one side of a clash, and no armed group on any side."""
    sides = inc.agents + inc.targets
    return any(a.atype == STATE_FORCES for a in sides) and not any(
        armed_side(a) and a.atype != STATE_FORCES for a in sides
    )


# "residents said", "locals told": people who report the clash, not a side of it.
_REPORTING = re.compile(r"\s+(?:said|say|says|told|reported|claimed|alleged)\b", re.I)


def crowd_side(text: str, lo: int, hi: int, lex: Lexicon, act_end: int) -> bool:
    """A crowd named in the clash's own clause beside the forces ("AMU students and police
    clashed", "villagers engaged police officers in running clashes", "clashed with
    villagers"), not as those who told of it ("residents said") nor as what the act was
    for ("an offensive to ... relieve two besieged villages")."""
    prev = ""
    for m in re.finditer(r"[\w'-]+", text[lo:hi]):
        keys = key_of(m.group())
        if not keys:
            continue
        word, before, prev = keys[0], prev, keys[-1]
        if word not in lex.nationals and word not in lex.crowd_words((before, word)):
            continue  # no crowd, or a group named as armed ("terrorist groups")
        if _REPORTING.match(text, lo + m.end()):
            continue
        if (
            keys[0] not in _PLACES_AS_PEOPLE
            or lo + m.start() < act_end
            or _SIDE_AFTER.search(text, max(lo, lo + m.start() - 40), lo + m.start())
        ):
            return True
    return False


# Crowd words that are also places: people only as a side ("clashes between two villages"),
# a place when the act was for them ("an offensive to relieve two besieged villages").
_PLACES_AS_PEOPLE = frozenset(["villages", "communities"])
# Words that make such a crowd named after the act one of its sides: "clashed with
# villages", "clashes between two villages", "fought against communities".
_SIDE_AFTER = re.compile(r"\b(?:with|between|against)\s+(?:[\w'-]+\s+){0,3}$", re.I)


def civilians_fought(inc: Incident) -> bool:
    """Civilians (villagers, residents, a crowd) named as the force's other side."""
    return any(
        a.atype != STATE_FORCES and isinstance(a.info, str) and a.info in CROWD_GROUPS
        for a in inc.agents + inc.targets
    )


def party_hit(inc: Incident) -> bool:
    """A party's people attacked by a doer that is no crowd, through a generic attack word."""
    first = inc.agents[0] if inc.agents else None
    return (
        bool(inc.targets)
        and inc.targets[0].atype == PARTY
        and (first is None or first.atype in ARMED_TYPES)
        and all("generic" in a.trigger.flags for a in inc.triggers)
    )
