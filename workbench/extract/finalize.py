"""Provides `finalize`: an incident becomes an `EventProposal`, or is dropped.

- Sub-event type: the most specific trigger wins; a generic one ("attack", "strikes",
  "bombing") takes its type from the weapons in its clauses (aircraft -> Air/drone strike,
  artillery/rockets -> Shelling, chemical agents -> Chemical weapon, explosives -> IED) or,
  failing that, from its target (an attack on civilians is "Attack", on armed men a clash).
- Location (`placing.place_event`): a governorate alone is coded, as ACLED does, at its
  capital with geo precision 3.
- Date (`dating.date_event`): with no date in the text, the publication date at week
  precision (`date-from-publication`); background events (only a year or season) are dropped.
- Fatalities (`tolls.fatalities`): the most conservative exact figure; low/high when
  reports differ; a vague quantity ("dozens") only when no figure is given, with the
  convention in the notes.
- Nothing is dropped for a missing doer, date or place: it is marked (`incomplete`) and
  scored; the confidence is a calibrated estimate that the proposal is right
  (`scoring.py`). One its gate scores under the floor is no proposal of its own: it can
  only join the same event proposed from another article, as a second source.
"""

from __future__ import annotations

import re
from datetime import date

from ..base.actors import ARMED_TYPES, EXTERNAL_FORCES, NON_STATE_TYPES, STATE_FORCES
from ..base.codebook import (
    ABDUCTION,
    AGAINST_CIVILIANS,
    AIR,
    ARMED_CLASH,
    ARRESTS,
    ASSAULTS,
    ATTACK,
    BATTLES,
    CHEMICAL,
    DISRUPTED,
    GOV_REGAINS,
    GRENADE,
    IED,
    MOB,
    NSA_OVERTAKES,
    PEACEFUL,
    PROTESTS,
    REMOTE,
    RIOTS,
    SUICIDE,
    event_type_of,
)
from .annotate import Ann
from .article_country import BACKER, ORIGIN
from .crowds import crowd_type
from .cues import is_verb
from .dates import DATE_PREVIOUS_SENTENCE
from .dating import date_event
from .gazetteer import name_around, resolve_place
from .incident import FORCE_ON_PROTEST, Incident, kind_of, rank
from .lexicon import FULL_STRENGTH, ActorEntry, Lexicon
from .model import EventProposal
from .placing import place_event
from .scoring import POLICE_BY_DEFAULT, features
from .tokens import key_of
from .tolls import fatalities

UNCLAIMED = frozenset(
    (IED, SUICIDE, GRENADE, ATTACK,
     ABDUCTION)
)  # fmt: skip
SOLDIERS = frozenset({"soldiers", "soldier", "troops", "servicemen", "recruits", "conscripts"})


# "arresting three persons on charges of belonging to ISIS cells": suspects an armed group
# holds as the authority where it rules, not people it abducts.
_DISAPPEARED = re.compile(
    r"\bunknown\s+(?:destination|location|place)s?\b"
    r"|\bwhereabouts\s+(?:are|is|remain\w*)\s+(?:still\s+)?unknown\b",
    re.I,
)
_SUSPECTS = re.compile(
    r"\b(?:IS|ISIS|Isis|Islamic\s+State|Daesh|cells?|suspect\w*|charges?|accus\w+"
    r"|militants?|fighters?|jihadists?|members?\s+of)\b"
)


def _abroad(lex: Lexicon, place: Ann, country: str | None) -> str | None:
    """The country of the town abroad the gazetteer took a pattern-found place for because
    the article names that country elsewhere ("Manchester" beside "London" in a Syria
    story), when the town bears the name as written. Not the one big city of a name the
    gazetteer picks with no such evidence: in a report from one country that is as likely a
    village it lacks ("Loni" in Darfur is no town of India's, "Keira" not Cairo)."""
    geo, name = place.place_entry.geo, place.name or ""
    if geo is None or geo.kind != "P" or not geo.country or geo.country == country:
        return None
    if name.casefold() != geo.name.casefold():
        return None
    return geo.country if resolve_place(lex, name, country) is None else None


def _holder(text: str, a) -> bool:
    """An actor named only as who holds a place: "rebel-held", "SDF-controlled"."""
    tail = text[a.start : a.end + 12].lower()
    return any(w in tail for w in ("-held", "-controlled", " held", " controlled"))


def finalize(
    inc: Incident, lex: Lexicon, text: str, published: date | None, country: str | None, sentences
) -> EventProposal | None:
    main = max(inc.triggers, key=lambda a: rank(a.trigger))
    rules = [f"trigger:{text[main.start : main.end].lower()}"]
    # Generic words ("civilians", "the army") belong to the country the event happened in,
    # which is not always the article's ("a Houthi attack on Abu Dhabi" in a Yemen story).
    ctx = country
    # Only a town or a province says so: a bare country name is often where a statement
    # came from ("the United Kingdom said"), read as the place.
    here = (
        inc.place.place_entry.country
        if inc.place and inc.place.place_entry.type != "country"
        else None
    )
    if inc.place is not None and not inc.place.place_entry.country:
        # A village found by pattern says nothing of its country: the one country the
        # sentence names does ("..., Niger's defence ministry said"); else the town abroad
        # the gazetteer took the name for ("In Manchester, 100 protesters marched" in a
        # Syria story: the protesters are the UK's).
        here = _sentence_country(lex, text, sentences[inc.primary.sent]) or _abroad(
            lex, inc.place, ctx
        )
    if here and here != ctx:
        country = here
        rules.append("country-of-place")
    agents = _names(inc.agents, lex, ctx, country, text)
    actor1 = agents[0] if agents else None
    targets = [n for n in _names(inc.targets, lex, ctx, country, text) if n != actor1]
    victims = any(
        (c.figure.victims.split() or [""])[-1] in lex.victim_nouns for c in inc.casualties
    )
    actor2 = targets[0] if targets else None
    if actor2 is not None and inc.primary.civilian_target and not inc.primary.targets:
        # "a warplane bombed the weekly market ... It says it only strikes RSF gatherings":
        # the incident's own clause hit a civilian place; a side named by a later retelling
        # or claim is not who was hit.
        actor2 = None
        rules.append("target-civilian-place-first")
    if actor2 is not None and victims and all(_holder(text, a) for a in inc.targets):
        # "struck the rebel-held town ..., wounding three civilians": the rebels hold the
        # town; the people hit were civilians.
        actor2 = None
    # "IS fighters seized 60 villages": a place taken, not people attacked; who held it is
    # the other side, and villages name none.
    taken = "territory" in main.trigger.flags and not inc.targets
    if actor2 is None and (inc.civilian_target or victims) and not taken:
        actor2 = lex.group_actor("civilians", country)[0]
        rules.append("target-civilians" if inc.civilian_target else "target-victims")
    if actor2 is None and actor1 != lex.group_actor("state_forces", country)[0]:
        # "killing 13 soldiers": the victims were the country's forces.
        dead = {(c.figure.victims.split() or [""])[-1] for c in inc.casualties}
        if dead & SOLDIERS:
            actor2 = lex.group_actor("state_forces", country)[0]
            rules.append("target-victims-soldiers")
    sub, how = _sub_event(main, inc, lex, actor1, actor2, country, ctx, text)
    if "territory" not in main.trigger.flags:
        sent = sentences[inc.primary.sent]
        sub, how = crowd_type(inc, text, lex, sub, how, (sent.start, sent.end))
    if "territory" in main.trigger.flags and _takes_arms(text, main.end, lex):
        sub, how = DISRUPTED, "sub-event-seized-arms"
    rules.append(how)
    civilians = lex.group_actor("civilians", country)[0]
    if actor1 == civilians and event_type_of(sub) in (REMOTE, BATTLES):
        # "An IED planted in a civilian car exploded": civilians are hit, they do not bomb
        # or fight (a crowd that does is coded as rioters or a mob, below).
        actor1, actor2 = None, actor2 or civilians
        rules.append("civilians-are-targets")
    if actor1 is None and (
        sub in UNCLAIMED and "generic" not in main.trigger.flags or _unclaimed(inc, text, sentences)
    ):
        # ACLED codes a bombing nobody claimed to an unidentified armed group.
        actor1 = lex.group_actor("unidentified", country)[0]
        rules.append("actor1-unidentified")
    if actor1 is None and sub == ARRESTS:
        # "He was arrested at the house": ACLED codes arrests with no named arresting
        # force to the police of the country it happened in ("detained in Turkey").
        actor1 = _police_where(inc, lex, country)
        rules.append("actor1-police-arrest")
    if sub in (ARRESTS, MOB) and actor2 == lex.group_actor("unidentified", country)[0]:
        # "Two men were arrested", "two men were beaten to death by villagers": people taken
        # or hit with no group named are civilians to ACLED.
        actor2 = civilians
        rules.append("target-arrested-civilians")
    protesters = lex.group_actor("protesters", country)[0]
    crowd = _crowd_actor(lex, sub, country)
    unnamed = lex.group_actor("unidentified", country)[0]
    if crowd and (
        actor1 in (None, protesters, civilians) or actor1 == unnamed and event_type_of(sub) == RIOTS
    ):
        # ACLED names the crowd by what it did, never as civilians: "residents protested"
        # is "Protesters (X)", "angry youths torched shops" is "Rioters (X)", and "two men
        # beat up a journalist" is rioters, not an unidentified armed group.
        actor1 = crowd
        rules.append("actor1-crowd")
    elif (
        crowd
        and event_type_of(sub) == RIOTS
        and inc.agents
        and inc.agents[0].atype == STATE_FORCES
        and actor2 in (None, protesters, civilians)
    ):
        # "Students and police clashed": ACLED puts the rioters first, the force second.
        actor1, actor2 = crowd, actor1
        rules.append("actor1-rioters-against-force")
    if sub in FORCE_ON_PROTEST:
        # ACLED puts the demonstrators first and the force that intervened second; told
        # apart ("residents gathered ... Police dispersed them"), the force is a later doer.
        crowds = (protesters, crowd, civilians)
        later = next((a for a in agents if a not in crowds), None)
        if actor1 != protesters:
            force = actor1 or (actor2 if actor2 != protesters else None)
            actor1, actor2 = protesters, force
            rules.append("actor1-protesters")
        elif later is not None:
            actor2 = later  # not what the protest was against ("against the M23")
        # "Dozens of protesters were arrested": the demonstrators are the object of a
        # passive naming no force (not "guards fired to disperse the crowd", whose force
        # is named, though not as a known actor).
        object_only = (
            actor2 == protesters
            and inc.primary.passive
            and not inc.agents
            and not _BY_SOMEONE.match(text, main.end)
        )
        if actor2 in (None, civilians) or object_only:
            # "The rally was dispersed with tear gas", "people were arrested at a protest":
            # force used on a demonstration with no force named is, as ACLED codes it, the
            # police's.
            rules.append(
                POLICE_BY_DEFAULT if actor2 != civilians else "actor2-police-not-civilians"
            )
            actor2 = _police_where(inc, lex, country)
    if actor2 == actor1 or sub == PEACEFUL:
        # "a crowd of protesters" read as the target of its own dispersal; what a peaceful
        # protest is against is no second actor ("protest against the Turkish strikes").
        actor2 = None
    ev = EventProposal(sub_event_type=sub, event_type=event_type_of(sub))
    ev.actor1, ev.assoc_actor_1 = actor1, [a for a in agents[1:] if a != actor2]
    ev.actor2, ev.assoc_actor_2 = actor2, [t for t in targets[1:] if t != actor1]
    ev.actor1_span = _span(inc.agents[0]) if inc.agents else None
    ev.actor2_span = _span(inc.targets[0]) if inc.targets else None
    if "actor1-protesters" in rules:
        ev.actor1_span, ev.actor2_span = ev.actor2_span, ev.actor1_span
    notes: list[str] = []
    if inc.date is None and inc.historical:
        return None  # only a year or a season: background, not a new incident
    explicit_date = date_event(ev, inc, published, rules, notes, text, main)
    place_event(ev, inc.place, lex, text, rules, notes)
    fatalities(ev, inc, notes, rules, lex)
    if (
        ev.sub_event_type == ABDUCTION
        and ev.fatalities
        and any(
            {t.trigger.sub_event_type for t in c.triggers} >= {ABDUCTION, ATTACK}
            and any("agent" in t.trigger.flags for t in c.triggers)
            for c in inc.cands
        )
    ):
        # "Gunmen abducted and killed two traders": people taken and killed in one clause
        # are an attack with its dead (ACLED), the abduction a step of it.
        ev.sub_event_type = ATTACK
        rules.append("sub-event-abducted-and-killed")
    sent = sentences[inc.primary.sent]
    ev.start, ev.end = sent.start, sent.end
    ev.quote = text[ev.start : ev.end]
    ev.notes = " ".join(notes)
    ev.rules = list(dict.fromkeys([*rules, *inc.rules]))
    if (
        actor1 is None
        and explicit_date
        and ev.event_type == REMOTE
        and inc.place is not None
        and inc.place.place_entry.type != "country"
    ):
        # "More than 30 rockets hit the K1 base near Kirkuk on Friday": a dated, located
        # bombardment by nobody named is ACLED's unidentified armed group.
        actor1 = ev.actor1 = lex.group_actor("unidentified", country)[0]
        ev.rules.append("actor1-unidentified-remote")
    # What is missing is marked and scored, never a reason to drop: the analyst decides.
    unidentified = actor1 == lex.group_actor("unidentified", country)[0]
    ev.incomplete = [
        name
        for name, ok in (
            ("actor1", actor1 and not unidentified),
            ("date", explicit_date),
            ("location", ev.place),
        )
        if not ok
    ]
    weak_date = not explicit_date or DATE_PREVIOUS_SENTENCE in inc.rules
    ev.features = features(
        ev, inc, main, text, explicit_date, unidentified,
        weak=kind_of(inc)[1] and main.trigger.strength < FULL_STRENGTH and weak_date and len(inc.cands) == 1,
        verb=is_verb(main),
    )  # fmt: skip
    ev.confidence = lex.scorer.confidence(ev.features)
    ev.standalone = lex.scorer.proposed(ev.features)
    if ev.actor2 is None and sub == CHEMICAL and ev.actor1 != civilians:
        # A chlorine or sarin attack hits whoever breathes in the area: with no side named,
        # ACLED codes its target as the civilians there (named only once the event is kept,
        # so this default keeps no event that would otherwise be dropped).
        ev.actor2 = civilians
        ev.rules.append("target-chemical-civilians")
    if ev.event_type == AGAINST_CIVILIANS and civilians not in (ev.actor1, ev.actor2):
        # ACLED's actor 2 of violence against civilians is always civilians (every such event
        # of its notes); a group the victims belong to is associated ("a BJP worker was
        # stabbed"). Named once the event is scored, as above.
        ev.assoc_actor_2 = [a for a in (ev.actor2, *ev.assoc_actor_2) if a is not None]
        ev.actor2 = civilians
        ev.rules.append("actor2-civilians")
    if ev.event_type == AGAINST_CIVILIANS and ev.actor1 is None:
        # Whoever did it unnamed: ACLED's unidentified armed group ("a girl was raped").
        ev.actor1 = lex.group_actor("unidentified", country)[0]
        ev.rules.append("actor1-unidentified-victims")
    return ev


# "arrested by guards", "dispersed on Friday by the guards": a passive that names its doer,
# known as an actor or not.
_BY_SOMEONE = re.compile(r"[^.;:]{0,25}?\bby\s+(?!(?:force|means|using)\b)\w")


def _police_where(inc: Incident, lex: Lexicon, country: str | None) -> str:
    """The police of the country the incident happened in (its place's), else `country`'s."""
    where = inc.place.place_entry.country if inc.place is not None else None
    return lex.group_actor("police", where or country)[0]


def _crowd_actor(lex: Lexicon, sub: str, country: str | None) -> str | None:
    """The demonstrators' actor of a Protests or Riots event, None for other events."""
    kind = event_type_of(sub)
    if kind == PROTESTS:
        return lex.group_actor("protesters", country)[0]
    if kind == RIOTS:
        return lex.group_actor("rioters", country)[0]
    return None


_WORD = re.compile(r"\w+")


def country_names_index(lex: Lexicon) -> tuple[list[str], dict[str, list[int]], list[int]]:
    """The lexicon's country names longest first, and their ranks in that list by first word
    (and the ranks of names not opening with a word character, which every sentence tries):
    built once per lexicon."""
    index = lex.cache.get("finalize-country-names")
    if index is None:
        names = sorted(lex.country_names, key=len, reverse=True)
        by_first: dict[str, list[int]] = {}
        loose: list[int] = []
        for rank, name in enumerate(names):
            m = _WORD.match(name)
            if m is None:
                loose.append(rank)
            else:
                by_first.setdefault(m.group(), []).append(rank)
        index = lex.cache["finalize-country-names"] = (names, by_first, loose)
    return index


def _country_names_in(lex: Lexicon, text: str, start: int, end: int) -> re.Pattern[str] | None:
    """Any country name of the lexicon found in text[start:end], as one pattern of the names
    that can occur there: a name starts at a word boundary, so its first word is one of the
    span's words. The same matches as one pattern of all names (longest first), without
    compiling that one (13,000 characters: a tenth of a process's first pass over 64
    articles, for a rule that reads a few sentences)."""
    names, by_first, loose = country_names_index(lex)
    ranks = set(loose)
    for word in set(_WORD.findall(text, start, end)):
        ranks.update(by_first.get(word, ()))
    if not ranks:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(names[r]) for r in sorted(ranks)) + r")\b")


_ORIGIN_AFTER = re.compile(r"[-\s](?:" + "|".join(sorted(ORIGIN | BACKER)) + r")\b", re.I)


_BASED_IN = re.compile(r"\b(?:based|born)\s+in\s+$")  # "a gang based in China": its home
_BORDER_AFTER = re.compile(r"\s+(?:border|frontier)", re.I)  # "the Thai-Cambodia border"


def _sentence_country(lex: Lexicon, text: str, sent) -> str | None:
    rx = _country_names_in(lex, text, sent.start, sent.end)
    if rx is None:
        return None
    found = {
        lex.country_names[m.group(0)]
        for m in rx.finditer(text, sent.start, sent.end)
        if not text[max(0, m.start() - 12) : m.start()].lower().endswith("border with ")
        and not _ORIGIN_AFTER.match(text, m.end())  # "a Canada-based trader", "US-backed"
        and not name_around(text, m.start(), m.end(), lex.country_names[m.group(0)])
        and not _BASED_IN.search(text[max(0, m.start() - 14) : m.start()])
        and not (
            text[m.start() - 1 : m.start()] in ("-", "\u2013")
            and _BORDER_AFTER.match(text, m.end())
        )
    }
    return found.pop() if len(found) == 1 else None


_NO_CLAIM = re.compile(
    r"\b(?:no|none|nobody|no\s+one)\b[^.;]{0,40}?\bclaim(?:ed|s)?\b", re.I
)  # "No group claimed the attack", "no one has claimed responsibility"


def _unclaimed(inc: Incident, text: str, sentences) -> bool:
    """The report says nobody claimed the attack (in its sentences or the two after)."""
    last = min(len(sentences) - 1, inc.last_sent + 2)
    lo, hi = sentences[inc.primary.sent].start, sentences[last].end
    return _NO_CLAIM.search(text, lo, hi) is not None


def _names(
    anns, lex: Lexicon, ctx: str | None = None, here: str | None = None, text: str = ""
) -> list[str]:
    out: list[str] = []
    for a in anns:
        name = a.name
        if isinstance(a.info, ActorEntry) and a.info.acts_for in lex.actors:
            name = a.info.acts_for  # "Assad's strikes": the forces he commands
        elif here != ctx and isinstance(a.info, ActorEntry) and a.country != here:
            # A name two actors share, read for the article's country ("Kurdish forces":
            # the SDF in a Syria story), is the other's where the act happened (near
            # Kirkuk: the Peshmerga).
            name = _namesake(lex, text[a.start : a.end], here) or name
        elif (
            here != ctx
            and a.contextual
            and isinstance(a.info, str)
            and name == lex.group_actor(a.info, ctx)[0]
        ):
            name = lex.group_actor(a.info, here)[0]  # resolved for the article's country
        if name and name not in out:
            out.append(name)
    return out


def _namesake(lex: Lexicon, surface: str, country: str | None) -> str | None:
    """The actor of `country` that a dictionary name also names, if any."""
    for sense in lex.trie.senses_of(key_of(surface)) if country and surface else ():
        if isinstance(sense, tuple) and sense[0] == "actor" and sense[1].country == country:
            return sense[1].name
    return None


# "attacked and killed", "attacked and severely wounded": a second verb before the object.
_AND_VERB = re.compile(r"\s*(?:and|,)\s+(?:\w+ly\s+)?\w+ed\b", re.I)
# Armed people and forces among the object's words: "attacked a police post", "attacked the
# gunmen".
_ARMED_OBJECT = frozenset(
    ["police", "policemen", "soldiers", "troops", "army", "forces", "militants", "rebels",
     "fighters", "gunmen", "post", "posts", "base", "bases", "camp", "convoy", "patrol",
     "checkpoint", "positions", "position", "station", "militia", "militiamen", "guards"]
)  # fmt: skip


def _person_hit(text: str, main: Ann, end: int, lex: Lexicon) -> bool:
    """The object of a generic attack word is one person: "attacked him", "attacked realtor
    Neeraj Thatai", "attacked a member of a rival union", "attacked and killed a Janata Dal
    (Secular) leader"; not forces or a post."""
    at = main.end
    if (m := _AND_VERB.match(text, at, end)) is not None:
        at = m.end()
    words = list(key_of(text[at:end]))[:6]
    if not words or set(words) & _ARMED_OBJECT:
        return False
    if words[0] in ("him", "her"):
        return True
    people = lex.victim_nouns | {"member", "worker", "councillor", "official", "realtor"}
    # The object's head among its first words, before a preposition ends it.
    for w in words[:4]:
        if w in ("of", "in", "at", "near", "on", "with", "by", "from"):
            break
        if w in people and not w.endswith("s"):
            return True
    return False


def _span(a) -> tuple[int, int]:
    return (a.start, a.end)


def _progov(a, lex: Lexicon) -> bool:
    if a.info == "progov":
        return True
    entry = a.info if isinstance(a.info, ActorEntry) else lex.actors.get(a.name or "")
    return entry is not None and "progov" in entry.generic


_NP_END = frozenset(["of", "in", "near", "from", "at", "on", "and", "to", "belonging", "which",
                     "that", "outside", "inside", "after", "before", "during", "as", "with"])  # fmt: skip


def _takes_arms(text: str, end: int, lex: Lexicon) -> bool:
    """ "seized an arms depot", "captured ammunition and explosives": the head of the object
    is arms, so the act is seizing weapons, not taking ground ("the depot area" is ground)."""
    head = None
    for raw in text[end : end + 60].lower().split()[:6]:
        word = raw.strip(".,;:")
        if word in _NP_END:
            break
        head = word
        if word != raw:
            break  # punctuation ends the phrase
    return head in lex.arms_nouns


def _sub_event(
    main, inc: Incident, lex: Lexicon, actor1, actor2, country, ctx=None, text: str = ""
) -> tuple[str, str]:
    trig = main.trigger
    agent_type = inc.agents[0].atype if inc.agents else ""
    if "territory" in trig.flags:
        # ACLED: the government "or its affiliates" regain territory; pro-government
        # militias ("pro-regime forces", the NDF) take ground for the government.
        # A foreign army taking ground is coded as ACLED codes foreign state actors: the
        # non-state type ("Turkish troops captured Afrin" in Syria).
        # Foreign to both the place and the article: a misread place alone never decides.
        # "Hezbollah fighters and Syrian troops captured Qusair": the government among the
        # doers of the act's own clause holds the ground.
        first = inc.agents[:1]
        doers = [*first, *(a for a in inc.primary.agents if a not in first)] if first else []
        state = any(
            (
                a.atype == STATE_FORCES
                and (not (a.country and country) or a.country in (country, ctx))
            )
            or _progov(a, lex)
            for a in doers
        )
        return (GOV_REGAINS if state else NSA_OVERTAKES), "sub-event-territory"
    kind, generic = kind_of(inc)
    civilians = actor2 is not None and actor2 == lex.group_actor("civilians", country)[0]
    if (
        kind == ARRESTS
        and agent_type in NON_STATE_TYPES
        and (
            trig.phrase.startswith("arrest")
            or (trig.phrase.startswith("detain") and civilians and not inc.primary.passive)
        )
        and not any(t.atype in ARMED_TYPES for t in inc.targets)
        and not _SUSPECTS.search(text, main.end, inc.primary.clause[1])
    ):
        # ACLED: an armed group that "arrests" villagers or activists (a militia, rebels, a
        # jihadist group) abducts them; fighters it captures or detains are its prisoners.
        # So when it "detained" people named as civilians ("YPG fighters detained five young
        # men"), not "detained them" (the Isis recruits just told of); told in the passive
        # ("who is still held by Kurdish forces") it is custody, mostly of suspects.
        return ABDUCTION, "sub-event-arrest-by-armed-group"
    if kind == ARRESTS and _DISAPPEARED.search(text[main.end : main.end + 160].split(". ")[0]):
        # "arrested and taken to an unknown destination": whoever took them, the people
        # were disappeared (ACLED codes 143 of the 158 notes saying so as abductions).
        return ABDUCTION, "sub-event-arrest-disappeared"
    if (
        not generic
        and kind == ARMED_CLASH
        and civilians
        and agent_type in NON_STATE_TYPES
        and not any(t.atype in ARMED_TYPES for t in inc.targets)
    ):
        # "LRA forces ambushed ten motorists": an armed group and the civilians it hit are
        # no two sides of a battle (ACLED: an attack).
        return ATTACK, "sub-event-clash-on-civilians"
    if not generic:
        return kind, "sub-event-trigger" if "generic" not in trig.flags else "sub-event-weapon"
    if trig.sub_event_type in ASSAULTS:
        at = inc.primary.clause[0]
        if (
            not inc.agents
            and _RAID.match(main.trigger.phrase)
            and _AIR_CAMPAIGN.search(text, max(0, at - 600), at)
        ):
            # "Warplanes returned to hit Jarjanaz. ... a separate raid on a school killed
            # six": a raid or attack by nobody named, amid an air campaign, is from the air.
            return AIR, "sub-event-air-campaign"
        if _RAID.match(main.trigger.phrase) and _coalition(actor1, lex):
            # "coalition raids killed 21 civilians", "US-led raids on the IS stronghold":
            # the coalitions ([generic] coalition: US-led, Saudi-led) raid from the air.
            return AIR, "sub-event-coalition-raid"
        if civilians:
            return ATTACK, "sub-event-civilian-target"
        target_type = inc.targets[0].atype if inc.targets else ""
        armed_target = target_type in ARMED_TYPES
        if trig.sub_event_type == ATTACK and not armed_target:
            return ATTACK, "sub-event-trigger"
        if not armed_target and _person_hit(text, main, inc.primary.clause[1], lex):
            # "attacked realtor Neeraj Thatai", "attacked him with swords", "attacked and
            # killed a Janata Dal (Secular) leader": one person hit, no armed side named:
            # no battle (ACLED: an attack on civilians).
            return ATTACK, "sub-event-person-target"
        return ARMED_CLASH, "sub-event-armed-sides"
    state = agent_type in (STATE_FORCES, EXTERNAL_FORCES)
    if trig.sub_event_type == AIR and not state and main.trigger.phrase.lower().startswith("bomb"):
        at = inc.primary.clause[0]
        if not inc.agents and _AIR_CAMPAIGN.search(text, max(0, at - 600), at):
            # "Jets have pounded the town for weeks. 'Last night they bombed the hospital'":
            # bombing by no named doer, told amid an air campaign, is from the air.
            return AIR, "sub-event-air-campaign"
        return IED, "sub-event-non-state-bombing"
    return trig.sub_event_type, "sub-event-trigger-default"


_RAID = re.compile(r"(?:raids?|attacks?)\Z", re.I)


def _coalition(name: str | None, lex: Lexicon) -> bool:
    """The actor is an air coalition: a row whose `generic` column names it the coalition
    of some country ("US-led Coalition"), or the `coalition` group's template."""
    if name is None:
        return False
    entry = lex.actors.get(name)
    return (entry is not None and "coalition" in entry.generic) or lex.names_group(
        name, "coalition"
    )


# Aircraft and air raids told just before an act: the air campaign it belongs to.
_AIR_CAMPAIGN = re.compile(
    r"\b(?:jets?|warplanes?|aircraft|air\s?strikes?|air\s+raids?|air\s+campaign|"
    r"air\s+offensive|bombers|helicopters?|drones?)\b",
    re.I,
)
