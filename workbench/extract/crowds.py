"""Provides `crowd_type`: ACLED's one decision for what a crowd did or had done to it.

A demonstration is peaceful, broken up (with intervention), met with force that kills or
wounds (excessive force), or violent itself (a violent demonstration, whatever the police
did). Violence done by a crowd is a riot, not a battle.

ACLED's battles are fought between organised armed groups, and its attacks on civilians are
done by one. Violence by people who are no armed group — party supporters who clash,
villagers who beat an official, youths who throw stones, a mob that lynches a thief — is
coded as Riots: a violent demonstration when it grows out of a protest, mob violence
otherwise. Who counts as a crowd is the `[nouns] crowd` list of lexicon.toml, and a party
(type `Political party` in actors.csv) whose people act.

The rules here decide; the readers they ask live apart, in the order they are read: who the
sides are (`crowd_sides.py`), then what was told around the act (`crowd_context.py`).
"""

from __future__ import annotations

import re

from ..base.actors import ARMED_TYPES, CROWD_TYPES, PARTY, PROTESTERS, STATE_FORCES
from ..base.codebook import (
    ABDUCTION,
    ARMED_CLASH,
    ARRESTS,
    ASSAULTS,
    ATTACK,
    DEMONSTRATION,
    EXCESSIVE,
    INTERVENTION,
    LOOTING,
    MOB,
    PEACEFUL,
)
from .crowd_context import (
    AUTHORITIES,
    CLASH,
    HARMFUL,
    attacks_demonstration,
    demonstrating,
    force_by_authorities,
    force_on_it,
    hurt_at_protest,
    next_sentence_end,
    protest_around,
    protest_nearby,
    violent_crowd,
)
from .crowd_sides import (
    armed_side,
    civilians_fought,
    crowd_doers,
    crowd_group,
    crowd_side,
    party_hit,
    people_beat,
    police_against_unarmed,
    protesters_hit,
)
from .incident import FORCE_ON_PROTEST, PROTEST_KINDS, Incident, kind_of
from .incident_merge import PROTEST_FORCE_RULE
from .lexicon import Lexicon
from .protests import CROWD_CONTEXT

# Acts a crowd can do that read as a battle or an attack when an armed group does them.
FIGHTS = ASSAULTS | {MOB, LOOTING}
# "beaten to death on suspicion of theft": a crowd's justice, whoever is named.
_VIGILANTE = re.compile(
    r"\b(?:on\s+(?:the\s+)?suspicion\s+of|suspected\s+of\s+(?:being\s+)?(?:a\s+)?"
    r"(?:thie|theft|steal|witch|kidnap|child|cattle|cow))",
    re.I,
)


def riot_type(inc: Incident, text: str, lex: Lexicon, kind: str) -> str | None:
    """Mob violence or violent demonstration for a crowd's fight or attack, else None."""
    if kind not in FIGHTS and not (
        kind == ABDUCTION and any("holds" in t.trigger.flags for t in inc.triggers)
    ):
        # "Villagers held two officials hostage", "locals ransacked the hospital and held
        # employees hostage": people a crowd keeps are its riot (ACLED: mob violence or a
        # violent demonstration); a party's people who abduct are not (they abduct).
        return None
    sent = inc.primary
    if kind == ATTACK and _WEAPONED.search(text, *sent.clause) and not demonstrating(inc, text):
        # "attacked with sharp weapons", "shot at by TMC workers": people who come armed
        # to hurt someone attack (ACLED codes it so far more often than mob violence).
        return None
    first = inc.agents[0] if inc.agents else None
    if (
        kind == ARMED_CLASH
        and all(
            "generic" in a.trigger.flags and not a.trigger.phrase.startswith("scuffl")
            for a in sent.triggers
        )
        and (first is None or first.atype == PARTY or crowd_group(first))
        and not any(a.atype in ARMED_TYPES for a in inc.targets)
        and _WEAPONED.search(text, *sent.clause)
        and not demonstrating(inc, text)
    ):
        # "a candidate was injured in a knife attack by TMC workers", "CPM workers attacked
        # Congress workers, leaving them with stab injuries": people who come armed to hurt
        # others who are no armed side attack them; no battle, no riot.
        return ATTACK
    if (
        kind == ARMED_CLASH
        and sent.passive
        and _WEAPONED.search(text, *sent.clause)
        and not demonstrating(inc, text)
    ):
        # "a candidate was injured in a knife attack by TMC workers": someone hurt by a
        # party's or a crowd's armed people, no fight between two sides: an attack.
        return ATTACK
    unarmed = not armed_side(first)
    vigilante = unarmed and kind == ATTACK and bool(_VIGILANTE.search(text, *sent.clause))
    if kind == ATTACK and people_beat(inc, text, lex):
        vigilante = True  # "was beaten to death by his neighbours": people's justice too
    if kind != MOB and not vigilante and not crowd_doers(inc, text, lex):
        return None
    if demonstrating(inc, text) or protest_nearby(text, inc.primary.clause):
        # "Students went on a rampage, setting fire to a bus ... The students were
        # demonstrating over the killing of a student": the riot grew out of a protest.
        return DEMONSTRATION
    return MOB


# "a group clashed with the police", "locals fought with police": an unnamed crowd.
_GROUP_SUBJECT = re.compile(
    r"\b(?:a|an|another)\s+(?:\w+\s+)?(?:group|crowd|mob)\s+(?:of\s+\w+\s+)?"
    r"(?:clash|fought|fight|scuffl|attack|assault)\w*",
    re.I,
)
# People told as demonstrating ("youths protesting at the function").
_PROTESTING = re.compile(r"\b(?:protesting|demonstrating)\b", re.I)
# A crowd's weapons and blows ("sticks and stones", "punches and kicks").
_CROWD_ARMS = re.compile(
    r"\b(?:sticks|stones|rocks|bricks|brickbats|brick\s*bats|bats|clubs|lathis|iron\s+rods"
    r"|punches|kicks|fists|fisticuffs)\b",
    re.I,
)
# What people, not armed groups, fight over.
_DISPUTE = re.compile(
    r"\b(?:disputes?|quarrels?|arguments?|altercations?|brawls?|enmity|feuds?)\b", re.I
)
# What forces use on a crowd, not on an armed group.
_CROWD_CONTROL = re.compile(
    r"\b(?:tear[\s-]*gas|rubber(?:[\s-]+coated)?(?:[\s-]+steel)?[\s-]+bullets?"
    r"|stun[\s-]+grenades?|sound[\s-]+bombs?|pellet\w*|water[\s-]+cannons?"
    r"|riot[\s-]+dispersal|lathi[\s-]*charg\w*|baton[\s-]*charg\w*)\b",
    re.I,
)
# Arms brought to hurt: a blade, a gun, acid (not sticks or stones, a mob's weapons).
_WEAPONED = re.compile(
    r"\b(?:sharp[\s-]+(?:edged\s+)?weapons?|axes?|knife|knives|swords?|machetes?|sickles?"
    r"|daggers?|guns?|pistols?|rifles?|firearms?|shot|shooting|firing|acid|stab\w*"
    r"|(?:light|medium|heavy|automatic)\s+weapons?)\b",
    re.I,
)


def force_type(inc: Incident, text: str, kind: str) -> str | None:
    """Excessive force for an intervention in a demonstration that used force that kills or
    wounds ("used gunfire to disperse the magistrates"), or for a demonstration the
    authorities beat or broke up violently ("beating the lawyers", "violently dispersed by
    the police"), else None."""
    if kind not in (PEACEFUL, INTERVENTION):
        return None
    for c in inc.cands:
        if kind_of(c)[0] in FORCE_ON_PROTEST and HARMFUL.search(text, *c.clause):
            return EXCESSIVE
        if force_by_authorities(text, *c.clause):
            return EXCESSIVE
    return None


def crowd_type(
    inc: Incident, text: str, lex: Lexicon, kind: str, how: str, sent: tuple[int, int]
) -> tuple[str, str]:
    """(sub-event type, rule): the type read from the triggers, decided again for the
    Protests and Riots family by who did what to whom."""
    if kind in ASSAULTS:
        first = inc.agents[0] if inc.agents else None
        if kind == ATTACK and protesters_hit(inc) and (first is None or first.atype in ARMED_TYPES):
            # "Security forces shot and killed a protester", "three protesters were injured
            # when they were shot by police": force used on demonstrators.
            return EXCESSIVE, "sub-event-protester-victims"
        if (
            kind == ATTACK
            and first is not None
            and first.atype == STATE_FORCES
            and _PROTESTING.search(text, *inc.primary.clause)
        ):
            # "A few youths protesting at a party function were beaten up by the police":
            # the force hit people demonstrating.
            return EXCESSIVE, "sub-event-force-on-protesting"
        if first is not None and first.atype == STATE_FORCES and CROWD_CONTEXT in inc.primary.rules:
            # "When relatives marched ..., troops opened fire".
            return EXCESSIVE, "sub-event-force-on-crowd"
        if {a.atype for a in inc.agents + inc.targets} & CROWD_TYPES:
            # "Protesters clashed with police": a riot, or force used on a demonstration.
            if kind == ATTACK and inc.targets and inc.targets[0].atype == PROTESTERS:
                return EXCESSIVE, "sub-event-demonstrators"
            if kind == ATTACK and first is not None and first.info == "rioters":
                # "a man was killed by a mob": a crowd's attack is a riot, grown out of a
                # protest or not.
                return riot_type(inc, text, lex, kind) or MOB, "sub-event-crowd"
            if not demonstrating(inc, text):
                # "clashes broke out between rioters and Israeli forces during raids": no
                # demonstration told, a riot (ACLED's mob violence).
                return MOB, "sub-event-crowd"
            return DEMONSTRATION, "sub-event-demonstrators"
        if (
            kind == ARMED_CLASH
            and not any(armed_side(a) for a in inc.agents + inc.targets)
            and all(CLASH.match(a.trigger.phrase) for a in inc.primary.triggers)
            and _DISPUTE.search(text, *sent)
        ):
            # "Two persons were killed in a clash over property", "a group clash ... past
            # enmity might be the reason": people fighting over a quarrel, no armed group
            # named (source notes proposed a battle with such a word: mob violence 57,
            # attack 9, other 3).
            if demonstrating(inc, text, told=True) or protest_nearby(text, sent):
                return DEMONSTRATION, "sub-event-clash-over-dispute"
            return MOB, "sub-event-clash-over-dispute"
        if (
            kind == ARMED_CLASH
            and not any(armed_side(a) for a in inc.agents + inc.targets)
            and all(CLASH.match(a.trigger.phrase) for a in inc.primary.triggers)
            and (
                _RIVALS.search(text, *sent)
                or _RIOTING.search(text, *sent)
                or _MEMBERS_CLASHED.search(text, *sent)
                or _PARTY_SIDES.search(text, *sent)
            )
            and not _WEAPONED.search(text, *sent)
            and not _ARMED_WORDS.search(text, *sent)
        ):
            # "two factions of the party clashed", "a clash between two rival groups", "two
            # families clashed", "rioters clashed in the market": people against people, no
            # armed group named nor arms told (a riot, ACLED's mob violence; source notes
            # proposed a battle so: mob violence 44, violent demonstration 3, attack 2 of
            # 12,000).
            if demonstrating(inc, text, told=True) or protest_nearby(text, sent):
                return DEMONSTRATION, "sub-event-clash-of-rivals"
            return MOB, "sub-event-clash-of-rivals"
        if (
            kind == ARMED_CLASH
            and (police_against_unarmed(inc) or not inc.agents + inc.targets)
            and demonstrating(inc, text, told=True)
        ):
            # "Hindu nationalists clashed with police during demonstrations", "police and
            # protestors clashed following a demonstration", "Clashes erupted as protests
            # continued": no armed group named on either side, and a demonstration told.
            return DEMONSTRATION, "sub-event-clash-at-demonstration"
        if (
            kind == ARMED_CLASH
            and police_against_unarmed(inc)
            and (
                civilians_fought(inc)
                or _GROUP_SUBJECT.search(text, *inc.primary.clause)
                or crowd_side(
                    text, *inc.primary.clause, lex, max(t.end for t in inc.primary.triggers)
                )
            )
        ):
            # "Police clashed with villagers": no armed group fought the police (a battle
            # is between armed, organised groups): a riot, out of a demonstration when one
            # is told beside it ("Students marched ... Eight were injured in clashes with
            # the police"; source notes typed so whose text has a protest word: violent
            # demonstration 111, mob violence 4).
            if protest_nearby(text, sent):
                return DEMONSTRATION, "sub-event-clash-with-civilians"
            return MOB, "sub-event-clash-with-civilians"
        if (
            kind == ARMED_CLASH
            and not any(armed_side(a) for a in inc.agents + inc.targets)
            and _CROWD_ARMS.search(text, *sent)
        ):
            # "Clashes involving sticks and stones erupted between the parties' supporters",
            # "two communities exchanged punches and kicks": no armed group named, and the
            # fight is a crowd's: a riot, not a battle.
            return MOB, "sub-event-clash-with-crowd-arms"
        if (
            kind == ARMED_CLASH
            and (police_against_unarmed(inc) or not inc.agents + inc.targets)
            and not any("generic" in a.trigger.flags for a in inc.primary.triggers)
            and _CROWD_CONTROL.search(text, sent[0], next_sentence_end(text, sent))
        ):
            # "A young man was injured by a rubber-coated bullet during clashes with Israeli
            # soldiers", "Clashes broke out in Hebron. Forces used tear gas": the forces'
            # weapons are those used on a crowd, and no armed group is named: a riot.
            if protest_nearby(text, sent):
                return DEMONSTRATION, "sub-event-clash-crowd-control"
            return MOB, "sub-event-clash-crowd-control"
    if (
        kind in PROTEST_KINDS
        and PROTEST_FORCE_RULE in inc.rules
        and any(force_on_it(c) for c in inc.cands)
    ):
        return EXCESSIVE, "sub-event-force-on-crowd"  # "... marched. Troops opened fire."
    if kind == PEACEFUL and any(
        kind_of(c)[0] in ASSAULTS and any(t.atype == PROTESTERS for t in c.targets)
        for c in inc.cands
    ):
        # "People protested in Dembi Dolo. There, protesters were gunned down": the
        # demonstration was met with lethal force, whoever used it.
        return EXCESSIVE, "sub-event-protesters-attacked"
    if (kind in PROTEST_KINDS or kind in FIGHTS) and attacks_demonstration(inc, text):
        # "fired on an MDC rally", "attacked students who were protesting": whoever the
        # attackers.
        return EXCESSIVE, "sub-event-attack-on-demonstration"
    if kind == LOOTING and protest_around(inc, text, sent):
        # "vandalised a store ... in demonstration against", "They were protesting":
        # destruction by demonstrators is a violent demonstration (ACLED).
        return DEMONSTRATION, "sub-event-destruction-at-protest"
    if (kind == DEMONSTRATION or kind in PROTEST_KINDS) and _riot_on_people(inc, text, sent):
        return MOB, "sub-event-riot-on-people"
    riot = riot_type(inc, text, lex, kind)
    if riot is not None and riot != kind:
        return riot, "sub-event-crowd"
    if kind == ARMED_CLASH and party_hit(inc):
        # "an unidentified actor attacked three DYFI activists": a party's people are
        # civilians to ACLED (the party associated), and no side fought back.
        return ATTACK, "sub-event-party-target"
    if kind in PROTEST_KINDS and violent_crowd(inc, text, lex, sent):
        # ACLED: demonstrators who turn violent make a violent demonstration, whatever the
        # police did ("rioters burned tyres ...; police fired tear gas").
        return DEMONSTRATION, "sub-event-violent-crowd"
    if kind in (PEACEFUL, INTERVENTION) and hurt_at_protest(inc, text, lex):
        # "A student was shot dead by security forces following a protest", "Troops
        # intervened; one man was killed", "Several people were injured when soldiers
        # responded": a demonstration that did not turn violent, where people were killed
        # or wounded, met force that killed or wounded (ACLED: lethal force or serious
        # injuries). Source notes in a protest's context with no violence by the crowd
        # told: injured 593 excessive force / 250 with intervention, wounded 122 / 19,
        # killed or dead 619 / 89.
        return EXCESSIVE, "sub-event-force-casualties-at-protest"
    if (harm := force_type(inc, text, kind)) is not None:
        return harm, "sub-event-harmful-force"
    if kind in PROTEST_KINDS and _DIED_AT.search(text, *inc.primary.clause):
        # "Two people were killed during protests": deaths at a demonstration that did not
        # turn violent are force used on it (ACLED's excessive force).
        return EXCESSIVE, "sub-event-deaths-at-protest"
    if kind == PEACEFUL and any(a.trigger.sub_event_type == ARRESTS for a in inc.triggers):
        # "staged a protest march ... Rasheed and some supporters were detained by police":
        # arrests read with a demonstration (protests.py joins them to it) are its
        # intervention (ACLED), when nothing above made it violent or met with force.
        return INTERVENTION, "sub-event-arrests-at-protest"
    return kind, how


_DIED_AT = re.compile(
    r"\b(?:killed|died|shot\s+dead|lost\s+their\s+lives)\b[^.;]{0,30}?\b(?:during|at|in)\s+"
    r"(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:protests?|demonstrations?|rall(?:y|ies)|marche?s?|unrest)\b",
    re.I,
)


# A riot word ("rioted", "rioting factions", "a riot broke out").
_RIOT_WORD = re.compile(r"(?:riots?|rioted|rioting|rioters)$", re.I)
# A riot's crowd fighting another crowd: "two rioting factions clashed", "rival groups",
# "pelted stones at each other", "communal riots".
_RIVALS = re.compile(
    r"\b(?:factions?|factional|rivals?|each\s+other|one\s+another|two\s+groups"
    r"|two\s+communities|communal|two\s+families)\b",
    re.I,
)
# Rioters as a clash's side: "rioting groups of two parties clashed".
_RIOTING = re.compile(r"\b(?:rioting|rioters)\b", re.I)
# People of a party or a group.
_PARTY_PEOPLE = r"(?:members|supporters|cadres?|workers|activists|followers|loyalists|canvassers)"
# People of a party or a group as the subject of the clash: "PSS and JLM members clashed".
_MEMBERS_CLASHED = re.compile(
    rf"\b{_PARTY_PEOPLE}\s+(?:(?:have|had)\s+)?(?:clashed|clash)\b",
    re.I,
)
# People of a party or a group as the clash's sides, named after "between" or "with", or
# before the verb with their group between: "clashes between TMC and BJP workers", "a clash
# with CPN-UML canvassers", "cadres of the CPN-UML and CPN (Maoist-Centre) clashed".
_PARTY_SIDES = re.compile(
    rf"\b(?:between|with)\s+(?:[\w()'’.-]+\s+){{0,6}}?{_PARTY_PEOPLE}\b"
    rf"|\b{_PARTY_PEOPLE}\s+of\s+(?:[\w()'’.-]+\s+){{0,8}}?(?:clashed|clash)\b",
    re.I,
)
# Words of armed people: rivals who are these fight a battle ("two rival militias").
_ARMED_WORDS = re.compile(
    r"\b(?:armed|militias?|militiamen|militants?|gunmen|fighters|rebels?|insurgents?"
    r"|jihadists?|soldiers|troops|army|brigades?|battalions?|forces)\b",
    re.I,
)
# A riot's crowd beating or attacking people.
_BEAT = re.compile(r"\b(?:beat|beats|beaten|beating|assault\w*|attacked|lynch\w*|hacked)\b", re.I)


def _riot_on_people(inc: Incident, text: str, sent: tuple[int, int]) -> bool:
    """A riot word with no demonstration told, whose crowd fought another crowd ("two
    rioting factions of the party clashed", "rioting locals of two communities pelted
    stones at each other") or beat people or clashed, the authorities told nowhere in its
    sentence ("rioting supporters beat up a journalist", "rioting groups of two parties
    clashed"): ACLED's mob violence, not a demonstration turned violent. Source notes (not
    in a set) with a riot word and no word of protest: with rivals or communities 64 mob
    violence / 3 violent demonstration; with a beating and no police, forces or security 46
    / 7; with a clash in its sentence and none of those 51 / 3; a riot word alone 327 /
    264."""
    if not any(_RIOT_WORD.match(a.trigger.phrase) for a in inc.triggers):
        return False
    if protest_around(inc, text, sent) or protest_nearby(text, sent):
        return False
    if _RIVALS.search(text, sent[0], next_sentence_end(text, sent)):
        return True
    # The authorities told beside it: a riot against them, not on people.
    return bool(_BEAT.search(text, *sent) or CLASH.search(text, *sent)) and not (
        AUTHORITIES.search(text, *sent)
    )
