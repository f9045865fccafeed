"""Provides `find_candidates`: the sentence-by-sentence pass that builds candidates.

Per sentence (boilerplate and headings skipped): drop cued triggers, group the rest by
strong clause, read each group's agent, target, place, date and weapons (clause first, then
sentence), then hand every casualty figure of the sentence to the nearest candidate. Figures
in sentences without a trigger are returned apart ("Left behind 6 civilians was killed"), for
the incident before them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date

from ..base.actors import CIVILIANS, CROWD_TYPES, PERSON, PROTESTERS
from ..base.codebook import (
    ABDUCTION,
    ARMED_CLASH,
    ARRESTS,
    ATTACK,
    DEMONSTRATION,
    DISRUPTED,
    INTERVENTION,
    REMOTE,
    event_type_of,
)
from .annotate import Ann
from .candidates import Candidate, Finder, Orphan, first_token, in_span
from .captives import captive, civilians_seized, people_taken
from .dating import anchor_opener, anchor_within, pick_date, usable_date
from .doers import passive_by
from .lexicon import FULL_STRENGTH, Lexicon
from .placing import THE_TOWN, locate, previous_town
from .protests import (
    CROWD_CONTEXT,
    PROTEST_TYPES,
    arrests_at_protest,
    policing_a_protest,
    protest_before,
    protest_told,
    tells_protest,
)
from .subjects import (
    AMID,
    RELATIVE_CLAUSE,
    SUBORDINATE,
    after_aside,
    dated_second_act,
    elided_subject,
    interception,
    leading_subordinate,
    new_subject,
    subject_start,
    subordinate_subject,
)
from .text import Sentence, clause_of, comma_end, comma_start
from .tokens import register_anchors, seek
from .topics import PROTEST_TOPIC, hazard_list


def find_candidates(
    lex: Lexicon,
    toks,
    sentences: list[Sentence],
    anns: list[Ann],
    tokann: list[int],
    published: date | None = None,
) -> tuple[list[Candidate], list[Orphan]]:
    starts = toks.starts
    f = Finder(lex, toks, anns, tokann)
    f.published = published
    ann_starts = f.ann_starts = [a.start for a in anns]
    cands: list[Candidate] = f.made
    orphans: list[Orphan] = []
    # _CLAIM needs the word "claimed" or "claims": it is searched for in articles with one,
    # and there only in the sentences holding one of its spellings (a regex search per
    # sentence was 1-2% of a long article).
    claim_at = toks.anchored(CLAIM_KEYS)
    if CLAIM_WORDS.isdisjoint(toks.keys[k] for k in claim_at):
        claim_at = []
    at_claim = 0  # the first of claim_at not before the sentence
    hi = end_tok = 0  # where the sentence before ended, in anns and in tokens
    n_anns = len(anns)
    for si, sent in enumerate(sentences):
        if sent.skip or hi == n_anns or ann_starts[hi] >= sent.end:
            continue  # (the latter two: nothing found in the sentence, told without a call)
        lo = seek(ann_starts, sent.start, hi)
        hi = seek(ann_starts, sent.end, lo)
        if lo == hi:
            continue  # nothing found in the sentence: no candidate, figure or claimant
        s_anns = anns[lo:hi]
        casualties = [a for a in s_anns if a.kind == "casualty"]
        groups: dict[tuple[int, int], list[Ann]] = {}
        dropped = False  # a trigger here was a threat, a denial or a tally
        shared: set[int] = set()  # clause starts whose act shares the doer told before it
        lead = seek(starts, sent.start, end_tok)
        end_tok = seek(starts, sent.end, lead)
        # "A day after the Kabul assault, ...": the assault is the anchor of the date, an
        # incident told elsewhere, not an act of this sentence.
        anchor = anchor_opener(f.text, sent.start)
        # "... two days after the attack militants stormed the camp": one inside the sentence.
        within = (
            anchor_within(f.text, sent.start, sent.end, lex.incident_nouns)
            if anchor is None
            else None
        )
        # Clause starts of a weapon stopped after an attack, by the clause they were cut from:
        # the words after the cut ("intercepted most of the missiles") stay with the stopping.
        stopped: dict[tuple[int, int], tuple[int, int]] = {}
        for t in [a for a in s_anns if a.kind == "trigger"]:
            if anchor is not None and t.start < anchor[0]:
                continue
            if within is not None and within[0] <= t.start < within[1]:
                continue
            stop = None
            if "halts" in t.trigger.flags and not protest_told(f, s_anns, si, sentences):
                continue  # "stopped the people", no demonstration told: no act, no clause
            clause = clause_of(sent, t.start)
            if (cut := stopped.get(clause)) is not None and cut in groups:
                clause = cut
            clause_dates = in_span(s_anns, *clause, "date")
            has_date = any(usable_date(d) for d in clause_dates)
            if _period(f, sent, clause_dates, t):
                dropped = True
                continue
            if f.blocked(t, first_token(sent, t.start, starts), has_date, lead, end_tok):
                dropped = True
                continue
            if not has_date and not casualties and hazard_list(f, t):
                dropped = True
                continue
            ti = bisect.bisect_left(starts, t.start)
            if groups and AMID & set(toks.keys[max(0, ti - 3) : ti]):
                continue  # "clashes ..., amid mutual shelling": the circumstances of the first
            if (
                clause in groups
                and any(g.trigger.sub_event_type in PROTEST_TYPES for g in groups[clause])
                and PROTEST_TOPIC & set(toks.keys[max(0, ti - 3) : ti])
            ):
                continue  # "a protest ... over the shelling of Afrin": what it protested
            if (
                clause in groups
                and (
                    (sub := SUBORDINATE.search(f.text, clause[0], t.start))
                    or (sub := subordinate_subject(f.text, s_anns, clause[0], t.start))
                    or (sub := leading_subordinate(f.text, clause[0], t.start))
                    or (
                        sub := RELATIVE_CLAUSE.search(f.text, max(clause[0], t.start - 40), t.start)
                    )
                    or (sub := new_subject(f, lex, s_anns, clause[0], t))
                    or (sub := dated_second_act(f, s_anns, clause, groups[clause], t, shared))
                    or (sub := (stop := interception(f, lex, groups[clause], t)))
                )
                and all(g.start < sub.start() for g in groups[clause])
            ):
                if stop is not None and sub is stop:
                    stopped[clause_of(sent, t.start)] = (stop.start(), clause[1])
                # "Fighting erupted ..., after the commander was detained", "rioted after
                # gunmen killed 12 villagers": another action, told as the cause; the first
                # action's clause ends there.
                groups[(clause[0], sub.start())] = groups.pop(clause)
                clause = (sub.start(), clause[1])
            groups.setdefault(clause, []).append(t)
        made: list[Candidate] = []
        if groups:
            # A place inside another reported action's clause is that action's, not ours.
            others = list(groups)
            anchor_places: frozenset[str] = frozenset()
            if anchor is not None:
                # Nor one in an opening anchor: "Two days after the bombing in Kabul, ...";
                # it names the incident the act is dated from.
                anchor_places = frozenset(
                    a.name or "" for a in s_anns if a.kind == "place" and a.start < anchor[0]
                )
                s_anns = [a for a in s_anns if a.kind != "place" or a.start >= anchor[0]]
            for clause, ts in groups.items():
                # "bombed Saraqeb on Monday and on Tuesday struck Ariha": the doer told first.
                elided = clause[0] in shared or elided_subject(f, lex, s_anns, clause, ts)
                doer = made[-1].agents if elided and made and clause not in stopped.values() else []
                c = _candidate(
                    f, lex, si, sent, clause, ts, s_anns, starts, sentences, others, doer
                )
                if c is not None and made and (clause in stopped.values() or _stops(ts, made[-1])):
                    _defender(c, made[-1])
                if c is not None:
                    if c.days_after is not None:
                        c.anchor_places = anchor_places
                    made.append(c)
            cands += made
        while at_claim < len(claim_at) and claim_at[at_claim] < lead:
            at_claim += 1
        claims = at_claim < len(claim_at) and claim_at[at_claim] < end_tok
        claimant = _claimant(f, sent, s_anns) if not made and claims else None
        if not made and (casualties or claimant) and not dropped:
            places = [a for a in s_anns if a.kind == "place" and not a.role]
            dates = [a for a in s_anns if a.kind == "date" and usable_date(a)]
            orphans.append(Orphan(si, casualties, places, claimant, dates))
        for cas in casualties:
            owner = _owner(made, cas)
            if owner is not None:
                owner.casualties.append(cas)
                _victim_side(owner, cas, s_anns)
        for c in made:
            if _tally_of_killings(c):
                cands.remove(c)
    return cands, orphans


def _tally_of_killings(c: Candidate) -> bool:
    """ "Militias killed 215 villagers in the three months to March 31": a bare
    killing verb whose every figure is a period's tally counts a side's killings, no act."""
    return (
        bool(c.casualties)
        and all(h.figure.aggregate for h in c.casualties)
        and all("agent" in t.trigger.flags and "generic" in t.trigger.flags for t in c.triggers)
    )


def _stops(ts: list[Ann], before: Candidate) -> bool:
    """A weapon stopped, told in its own clause right after an attack of remote violence."""
    return all(t.trigger.sub_event_type == DISRUPTED for t in ts) and any(
        event_type_of(t.trigger.sub_event_type) == REMOTE for t in before.triggers
    )


def _defender(c: Candidate, attack: Candidate) -> None:
    """ "Israel struck ..., adding that its air defences intercepted most of the missiles":
    the side that stopped the weapons is not the attacker ("its" read back to Israel), whose
    weapons were the ones stopped: the attacker is the other side."""
    attackers = {a.name for a in attack.agents}
    if attackers and {a.name for a in c.agents} <= attackers:
        c.agents = []
        c.rules.append("agent-not-attacker")
    if attackers and not c.targets:
        c.targets = list(attack.agents)
        c.rules.append("target-attacker")


def _victim_side(c: Candidate, cas: Ann, s_anns: list[Ann]) -> None:
    """ "shelled a post, wounding three Turkish soldiers": with no object named, the side
    the dead or wounded belonged to was the one attacked."""
    if c.targets or c.civilian_target:
        return  # an object already named who was hit
    doers = {a.name for a in c.agents}
    for a in s_anns:
        if (
            a.kind == "actor"
            and not a.role
            and cas.start <= a.start
            and a.end <= cas.end
            and a.name not in doers
        ):
            c.targets = [a]
            c.rules.append("target-casualty")
            return


SUPERLATIVE = frozenset(("deadliest", "worst", "biggest", "largest", "heaviest", "first",
                         "fiercest", "bloodiest", "most", "latest"))  # fmt: skip


MANY = frozenset(["hundreds", "thousands", "crowds", "tens", "scores", "dozens"])


# "fired at the base with rockets": what follows says what fired, not what was hit.
_BY_MEANS = re.compile(r"[,;.]|\b(?:with|using|by)\b")


def _fired_at(text: str, c, weapon) -> bool:
    """The weapon is what was fired at ("fired at military and commercial aircraft"), not
    what fired: it says nothing of the attack's type."""
    for t in c.triggers:
        if t.trigger.phrase.endswith((" at", " on")) and 0 <= weapon.start - t.end < 40:
            between = text[t.end : weapon.start]
            if not _BY_MEANS.search(between):
                return True
    return False


def _many_before(keys: list[str], i: int, sent: Sentence, starts: list[int]) -> bool:
    """ "hundreds of people marched": a crowd by its size, though no protester is named."""
    lo = max(bisect.bisect_left(starts, sent.start), i - 6)
    return not MANY.isdisjoint(keys[lo:i])


def _period(f: Finder, sent: Sentence, dates: list[Ann], t: Ann) -> bool:
    """ "... has killed hundreds since late April": the clause sums up a period; but "the
    deadliest attack since 2016" is still one attack, and "The opposition, which has
    boycotted the talks since January, said ..." a period of another verb's."""
    for d in dates:
        if (
            d.date_hit.range_marked
            and "since" in f.text[max(0, d.start - 8) : d.start + 6].lower()
            and not _in_aside(f.text, sent, d.start, t.start)
        ):
            before = f.keys[max(0, t.i - 4) : t.i]
            return not any(w in SUPERLATIVE for w in before)
    return False


_RELATIVE_OPENER = re.compile(r"[\s,(]*(?:which|who|whose|where)\b", re.I)


def _in_aside(text: str, sent: Sentence, at: int, act: int) -> bool:
    """Position `at` is in a relative clause set off by commas ("..., which has ... since
    January, ...") that does not hold the act at `act`."""
    lo = comma_start(sent, at)
    return (
        lo > sent.start
        and lo != comma_start(sent, act)
        and _RELATIVE_OPENER.match(text, lo) is not None
    )


def _owner(made: list[Candidate], cas: Ann) -> Candidate | None:
    for c in made:
        if c.clause[0] <= cas.start < c.clause[1]:
            return c
    before = [c for c in made if c.clause[0] <= cas.start]
    return before[-1] if before else (made[0] if made else None)


# What a road is blocked with by demonstrators ("blocked the road with burning tyres",
# "blocked a street with a fire", "with rocks"): ACLED's codebook counts road-blocking with
# barricades, burning tyres or other material as a violent demonstration.
_BLOCKED_WITH = re.compile(
    r"(?:\s+[\w'-]+){0,4}?\s+with\s+(?:\w+\s+){0,2}?(?:burning|fires?|stones|rocks|boulders"
    r"|bricks|tyres|tires|debris|logs|trees|barricades)\b",
    re.I,
)
# People named as a block's doers though no actor is read: "students of the university
# barricaded the gate", "inhabitants blocked the road".
_ARMED_WORDS = frozenset(["militants", "rebels", "fighters", "gunmen", "militias", "militiamen"])


def _people_blocking(f: Finder, c: Candidate, ts: list[Ann]) -> bool:
    """ "Villagers blocked the road", "residents barricaded the highway": people (civilians,
    no armed side) who block a road or put up barricades demonstrate, whoever they are;
    mourners who gather need not. With no actor read, people named in the subject
    ("students of Benue State University barricaded ...") or what the road was blocked
    with ("blocked a street with a fire") say so."""
    if not all(t.trigger.sub_event_type == DEMONSTRATION for t in ts):
        return False
    if c.agents:
        return all(a.info == "civilians" for a in c.agents)
    if _BLOCKED_WITH.match(f.text, ts[0].end, c.clause[1]):
        return True
    lo = bisect.bisect_left(f.starts, c.clause[0])
    words = f.keys[max(lo, ts[0].i - 6) : ts[0].i]
    subject = set(words)
    lex = f.lex
    people = lex.crowd_words(words) or subject & lex.victim_nouns
    return bool(people) and not subject & _ARMED_WORDS


def _unnamed_killers(f: Finder, c: Candidate, ts: list[Ann]) -> bool:
    """ "A community leader was shot dead at a tea shop", "a worker was killed by a rival
    activist": people killed by someone the report does not name — an attack (ACLED: by an
    unidentified armed group), not a toll of another act. A specific killing verb (one of
    full strength though its type is left to the weapon: "was murdered", "was shot and
    injured"), or any with a "by" that names no side we know, or with a motive that only a
    killer has ("a girl was killed over a land dispute", "killed owing to political
    vendetta"). Told actively, a killing verb with people as its object whose subject
    names no side we know: "suspected separatists shot dead two monks" (not "women's long
    fight to access family planning": a clash word is no killing)."""
    return (
        (c.passive or all(t.trigger.sub_event_type == ATTACK for t in ts))
        and (c.civilian_target or any(t.atype in (PROTESTERS, CIVILIANS) for t in c.targets))
        and any(
            "generic" not in t.trigger.flags
            or t.trigger.strength >= FULL_STRENGTH
            or f.keys[t.j : t.j + 1] == ["by"]
            or _MOTIVE.search(f.text, t.end, c.clause[1])
            for t in ts
        )
    )


# Why someone killed: a quarrel, a feud, revenge.
_MOTIVE = re.compile(
    r"\b(?:over|owing\s+to|due\s+to|following|after)\s+(?:an?\s+|the\s+|some\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:dispute|quarrel|feud|enmity|rivalry|vendetta|altercation|argument)s?\b"
    r"|\bin\s+revenge\b",
    re.I,
)


def _candidate(
    f: Finder,
    lex,
    si,
    sent,
    clause: tuple[int, int],
    ts,
    s_anns,
    starts,
    sentences,
    others,
    doer: list[Ann] | None = None,
):
    c = Candidate(si, clause, ts)
    disrupted = any(t.trigger.sub_event_type == DISRUPTED for t in ts)
    ctok1 = bisect.bisect_left(starts, clause[1])
    for t in ts:
        # Subjects and objects are read within commas: "..., a chemical weapon banned by
        # the United Nations, killed dozens" must not make the UN the killer.
        first, aside = subject_start(f.text, sent, t.start, starts)
        ftok = max(bisect.bisect_left(starts, clause[0]), first)
        etok = min(ctok1, bisect.bisect_left(starts, comma_end(sent, t.end)))
        by = f.by_phrase(t, ctok1)
        # "Hundreds of civilians killed ...", "18 jihadists killed in clashes": the people a
        # figure counts right before its verb are its dead, a passive without "were".
        passive = f.is_passive(t) or _counted_dead(s_anns, t)
        subj = f.subject(t, ftok, aside)
        if passive and subj and "territory" not in t.trigger.flags and f.passive_victims(t, ftok):
            # "two men were abducted": the people it befell, not gunmen ("two men were
            # captured by the SDF" may be the militants just named: left to anaphora)
            subj = []
        if by and disrupted and t.trigger.sub_event_type != DISRUPTED:
            # "intercepted a drone launched by the Houthis": who launched the weapon is the
            # side whose attack was stopped, not the interceptor.
            agents, targets = ([] if passive else subj), by
        elif by:
            agents, targets = by, subj if passive else []
        else:
            agents, targets = ([], subj) if passive else (subj, [])
        if not agents and not targets:
            # The sides may span a ", and" clause break: read to the sentence's end.
            sides = f.between(t, bisect.bisect_left(starts, sent.end))
            agents, targets = sides[:1], sides[1:]
        skip = by[-1].j if by else t.j
        objects, civilian = f.objects(t, etok, skip)
        if not objects and not civilian and (after := after_aside(f, sent, t, etok, starts)):
            # "targeted, at dawn today, a position of ...": the object after a date aside.
            objects, civilian = f.objects(t, after[1], after[0])
        if passive and not subj and not objects and not civilian:
            civilian = f.passive_victims(t, ftok)  # "a woman was abducted": people were hit
        how = "agent-by" if by else "agent-subject"
        if not agents and (targets or c.targets) and (partner := f.partner(t, objects)):
            # "29 rebels were killed in clashes with regime troops": the side they fought
            # did it (not "captured the town after days of fighting with rebels").
            agents, how = [partner], "agent-with"
        if not agents and (claimant := f.claimed_after(t, ctok1)) is not None:
            agents, how = [claimant], "agent-claimed"  # "the attack ..., which Isis claimed"
        if agents and not c.agents:
            c.agents = agents
            c.rules.append(how)
        targets = targets or [o for o in objects if o not in agents] or f.taken_from(t, ctok1)
        if targets and not c.targets:
            c.targets = targets
            c.rules.append("target-passive" if passive and not objects else "target-object")
        if civilian and not c.civilian_target:
            c.civilian_target = True
            c.rules.append("target-civilian-objects")
        c.passive = c.passive or passive
    if doer and not c.agents:
        c.agents = list(doer)
        c.rules.append("agent-shared")
    if (
        not c.agents
        and all("agent" in t.trigger.flags for t in ts)
        and not _unnamed_killers(f, c, ts)
    ):
        return None  # "was killed" alone is a casualty report, not an attack of its own
    if (
        all("crowd" in t.trigger.flags for t in ts)
        and not any(a.atype in CROWD_TYPES for a in c.agents)
        and not ("many" in ts[0].trigger.flags and _many_before(f.keys, ts[0].i, sent, starts))
        and not _people_blocking(f, c, ts)
    ):
        return None  # "mourners gathered" is no protest; "protesters gathered" is
    if all(t.trigger.phrase.startswith("clash") for t in ts) and any(
        a.atype == PERSON for a in c.agents + c.targets
    ):
        return None  # "the envoy also clashed with Trump": an argument with a leader
    flags = c.main.flags
    # "Raqqa fell to ...", "the town was taken by ...": the place is the subject.
    place_first = passive_by(c.main)
    if "territory" in flags and all(captive(f, t) for t in ts):
        return None  # "the captured fighters", "murdering captured soldiers": no capture told
    if "territory" in flags and people_taken(f, c, ts[0], ctok1):
        # "The SDF captured two British militants near X": people taken are an arrest;
        # "gunmen seized a trader": civilians taken by an armed group, an abduction.
        if civilians_seized(f, c, ts[0], ctok1):
            c.triggers = [_retyped(t, ABDUCTION) for t in ts]
            c.civilian_target = True
            c.rules.append("abduction-civilians-seized")
        else:
            c.triggers = [_retyped(t, ARRESTS) for t in ts]
            c.rules.append("arrest-people-captured")
    elif ("territory" in flags or "place" in flags) and not any(
        p.start >= ts[0].start or place_first for p in in_span(s_anns, *clause, "place")
    ):
        # "captured" needs the place captured; "entered the town again" names it as the
        # town just mentioned.
        # "these final strongholds fell to ...": before the trigger, when the place is its
        # subject.
        span = (
            (clause[0], ts[0].start)
            if place_first
            else (ts[0].start, min(clause[1], ts[0].end + 12))
        )
        the = THE_TOWN.search(f.text, *span)
        if the is None or previous_town(si, sentences, f, the.group(1).lower()) is None:
            return None
    main = max(ts, key=lambda a: a.trigger.strength)
    c.anaphoric = f.anaphoric(main, first_token(sent, main.start, starts))
    if any(a.start < clause[0] and tells_protest(f, a) for a in s_anns) or protest_before(
        f, si, sentences
    ):
        c.rules.append(CROWD_CONTEXT)  # "When residents marched ..., troops opened fire"
    # Read only for the `protest` flag's triggers: a scan of the sentence per candidate.
    if any("protest" in t.trigger.flags for t in ts) and not policing_a_protest(
        f, c, s_anns, si, sentences
    ):
        # "Police intervened", "troops broke up the march": only the police's or the
        # country's forces' act on a demonstration ("Russia intervened" near a word of the
        # 2011 protests is a war; "the army responded by shelling" is the shelling).
        ts = [t for t in ts if "protest" not in t.trigger.flags]
        if not ts:
            return None
        c.triggers = ts
        main = max(ts, key=lambda a: a.trigger.strength)
    if main.trigger.sub_event_type == ARRESTS and (
        any(t.atype == PROTESTERS for t in c.targets)
        or arrests_at_protest(f, main, clause, s_anns, si, sentences)
    ):
        # "Police detained seven protesters", "arrested during a protest", "residents
        # protested ... and police arrested five of them", "detained after they protested":
        # ACLED codes the arrests at a demonstration as its intervention, not arrests apart.
        c.triggers = [
            _retyped(t, INTERVENTION) if t.trigger.sub_event_type == ARRESTS else t
            for t in c.triggers
        ]
        c.kind = None
        c.rules.append("arrests-at-protest")
    locate(c, f, lex, sent, clause, s_anns, others, main, si, sentences)
    pick_date(c, f, lex, sent, clause, s_anns, main, si, sentences)
    # "struck three sites in response to the use of chemical weapons": the weapons of the
    # motive are not the act's.
    motive = f.motive_from(min(t.j for t in c.triggers), ctok1, ctok1)
    end = f.starts[motive] if motive is not None else clause[1]
    c.weapons = [
        a.arms for a in in_span(s_anns, clause[0], end, "weapon") if not _fired_at(f.text, c, a)
    ]
    c.weapons += [
        a.weapon
        for a in s_anns
        if a.kind == "actor"
        and a.weapon
        and clause[0] <= a.start < end
        and not _fired_at(f.text, c, a)
    ]
    _other_side(c, f)
    return c


def _counted_dead(s_anns: list[Ann], t: Ann) -> bool:
    """Whether a figure's count and victims end in this kill verb ("Seven civilians killed")."""
    return any(
        a.kind == "casualty" and a.rule == "casualty-number-verb" and a.start < t.start
        and a.end == t.end and a.figure.victims
        for a in s_anns
    )  # fmt: skip


def _retyped(t: Ann, sub_event_type: str) -> Ann:
    info = replace(t.trigger, sub_event_type=sub_event_type, flags=frozenset())
    return replace(t, info=info)


SIDE_JOIN = frozenset(["and", "the", "fighters", "troops", "forces", "soldiers", "militiamen",
                       "members", "units"])  # fmt: skip


def _other_side(c: Candidate, f: Finder) -> None:
    """ "The RSF and the army clashed": in a fight, the second subject is the other side;
    "X and allied Y attacked" keeps Y beside X (an attack is no fight between them)."""
    main = c.main
    if (
        main.sub_event_type != ARMED_CLASH
        or "generic" in main.flags
        or c.targets
        or len(c.agents) < 2
        or "agent-subject" not in c.rules
    ):
        return
    a, b = c.agents[0], c.agents[1]
    between = f.keys[a.j : b.i]
    if "and" in between and all(k in SIDE_JOIN for k in between):
        c.agents, c.targets = [a], c.agents[1:]
        c.rules.append("target-other-side")


_CLAIM = re.compile(
    r"\bclaim(?:ed|s)\s+(?:responsibility|credit|(?:the|this)\s+(?:attack|bombing|blast|assault"
    r"|ambush|operation))", re.I
)  # fmt: skip
CLAIM_WORDS = frozenset(("claimed", "claims"))
# The token keys of what _CLAIM reads as those words: it ignores case, and so also reads a
# dotless "ı" as "i", which keys keep ("ſ" and "İ" fold to "s" and "i", as it reads them).
CLAIM_KEYS = CLAIM_WORDS | {"claımed", "claıms"}
register_anchors(CLAIM_KEYS)  # found with the other anchor words, in one pass (tokens.py)
_NO_CLAIM = re.compile(r"\b(?:no|not|nobody|yet\s+to|none)\b[^.;]*$", re.I)


def _claimant(f: Finder, sent: Sentence, s_anns: list[Ann]) -> Ann | None:
    """ "He blamed al-Shabaab, ..., which later claimed responsibility": the group that
    claims the attack reported just before is its author."""
    m = _CLAIM.search(f.text, sent.start, sent.end)
    if m is None or _NO_CLAIM.search(f.text[sent.start : m.start()]):
        return None
    for a in s_anns:
        if a.start >= m.start():
            return None
        # The first named actor; "al Qaeda-linked" only describes the one that follows.
        if a.kind == "actor" and not a.role and f.text[a.end : a.end + 1] not in "-‐":
            return a
    return None
