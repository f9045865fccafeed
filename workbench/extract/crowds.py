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
"""

from __future__ import annotations

import re

from ..base.actors import ARMED_INTER, CROWD_INTER, PARTY, PROTESTERS, STATE_FORCES, type_names
from .incidents import FORCE_ON_PROTEST, PROTEST_KINDS, Incident, attack_at_protest, kind_of
from .lexicon import Lexicon
from .tokens import key_of

MOB, DEMONSTRATION = "Mob violence", "Violent demonstration"
LOOTING = "Looting/property destruction"
EXCESSIVE = "Excessive force against protesters"
# Acts a crowd can do that read as a battle or an attack when an armed group does them.
FIGHTS = frozenset(["Armed clash", "Attack", MOB, LOOTING])
ABDUCTION = "Abduction/forced disappearance"
ARMED = frozenset(type_names(ARMED_INTER))
CROWDS = frozenset(type_names(CROWD_INTER))
RIOTERS = CROWDS - {PROTESTERS}
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
# "beaten to death on suspicion of theft": a crowd's justice, whoever is named.
_VIGILANTE = re.compile(
    r"\b(?:on\s+(?:the\s+)?suspicion\s+of|suspected\s+of\s+(?:being\s+)?(?:a\s+)?"
    r"(?:thie|theft|steal|witch|kidnap|child|cattle|cow))",
    re.I,
)
_BOUNDARY = re.compile(r"[,;:()\u2013\u2014]|\b(?:who|which|that|whose|after|when|as)\b", re.I)
# A demonstration in the sentence: what the crowd's violence grew out of.
_PROTEST = re.compile(
    r"\b(?:protest\w*|demonstrat(?:ion|ions|ors?|ed|ing)|rall(?:y|ies|ied)|agitat\w+|"
    r"sit-ins?|marche[ds]|marching|bandh|hartals?|gherao\w*|blockade[ds]?|picket\w*)\b",
    re.I,
)


def _has_crowd(text: str, lex: Lexicon) -> bool:
    keys = key_of(text)
    words = set(keys)
    if words & lex.crowd_nouns or words & lex.nationals:
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
    armed = any(
        a.atype in ARMED and a.atype != STATE_FORCES and a.info != "civilians"
        for a in inc.agents + inc.targets
    )
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
    if c.passive and first is None and (by := _BY.match(text, main.end, c.clause[1])):
        return _has_crowd(by.group(1), lex)  # "was beaten to death by a group of people"
    if c.passive or (first is not None and first.atype in ARMED and first.info != "civilians"):
        return False  # "six aid workers were killed": the subject was hit, it did nothing
    return _has_crowd(" ".join(subject), lex)


def _clash_with_people(text: str, a, end: int, lex: Lexicon) -> bool:
    """A clash word (not a generic attack word: "an attack with blades by four men") whose
    other side, after "with", is people: a crowd or people an act befalls ("clashed with
    teenagers"), not armed ones."""
    if a.trigger.sub_event_type != "Armed clash" or "generic" in a.trigger.flags:
        return False
    other = _WITH.match(text, a.end, end)
    if other is None or "armed" in other.group(1).lower().split():
        return False
    return _has_crowd(other.group(1), lex) or bool(set(key_of(other.group(1))) & lex.victim_nouns)


def _crowd_group(a) -> bool:
    """A generic word for a crowd ("villagers", "rioters") read as the actor."""
    return isinstance(a.info, str) and a.info in CROWD_GROUPS


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
    if kind == "Attack" and _WEAPONED.search(text, *sent.clause) and not _demonstrating(inc, text):
        # "attacked with sharp weapons", "shot at by TMC workers": people who come armed
        # to hurt someone attack (ACLED codes it so far more often than mob violence).
        return None
    first = inc.agents[0] if inc.agents else None
    if (
        kind == "Armed clash"
        and all(
            "generic" in a.trigger.flags and not a.trigger.phrase.startswith("scuffl")
            for a in sent.triggers
        )
        and (first is None or first.atype == PARTY or _crowd_group(first))
        and not any(a.atype in ARMED for a in inc.targets)
        and _WEAPONED.search(text, *sent.clause)
        and not _demonstrating(inc, text)
    ):
        # "a candidate was injured in a knife attack by TMC workers", "CPM workers attacked
        # Congress workers, leaving them with stab injuries": people who come armed to hurt
        # others who are no armed side attack them; no battle, no riot.
        return "Attack"
    if (
        kind == "Armed clash"
        and sent.passive
        and _WEAPONED.search(text, *sent.clause)
        and not _demonstrating(inc, text)
    ):
        # "a candidate was injured in a knife attack by TMC workers": someone hurt by a
        # party's or a crowd's armed people, no fight between two sides: an attack.
        return "Attack"
    unarmed = first is None or first.atype not in ARMED or first.info == "civilians"
    vigilante = unarmed and kind == "Attack" and bool(_VIGILANTE.search(text, *sent.clause))
    if kind == "Attack" and _people_beat(inc, text, lex):
        vigilante = True  # "was beaten to death by his neighbours": people's justice too
    if kind != MOB and not vigilante and not crowd_doers(inc, text, lex):
        return None
    if _demonstrating(inc, text) or _protest_nearby(text, inc.primary.clause):
        # "Students went on a rampage, setting fire to a bus ... The students were
        # demonstrating over the killing of a student": the riot grew out of a protest.
        return DEMONSTRATION
    return MOB


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
    keys = set(key_of(" ".join(words)))
    if keys & _ARMED_PEOPLE or any(len(f) == 1 and f[0] in keys for f in lex.force_nouns):
        return False
    if keys & {"unidentified", "unknown", "masked"}:
        return False
    return bool(keys & (lex.crowd_nouns | lex.victim_nouns | _PEOPLE_EXTRA) - _BARE_PEOPLE)


def _people_beat(inc: Incident, text: str, lex: Lexicon) -> bool:
    """A beating (a trigger flagged `blows`: "assaulted", "beaten to death"; the clause
    names no weapon, see riot_type) done by people who are no armed group: named as people
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
        if first.atype in ARMED and first.info != "civilians":
            return False  # "police assaulted", "unidentified men beat up": an attack
        return _plain_people(text[first.start : first.end].split(), lex)
    if c.passive:
        by = _BY.match(text, main.end, c.clause[1])
        return by is not None and _plain_people(by.group(1).split(), lex)
    subject = _BOUNDARY.split(text[c.clause[0] : main.start])[-1].split()[-6:]
    return _plain_people(subject, lex)


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
    r"|daggers?|guns?|pistols?|rifles?|firearms?|shot|shooting|firing|acid|stab\w*)\b",
    re.I,
)
# Force that kills or wounds: firearms, blades, severe beatings (ACLED: "lethal violence or
# violence resulting in serious injuries"). Tear gas, water cannon, batons, arrests, dispersal
# and shots fired into the air are not, nor "the killing of", the deaths a demonstration is
# about (source notes with "condemning/protesting/against the killing of" and no other word
# of firing, death or injury: 95 violent demonstration / 22 with intervention / 0 excessive
# force).
_HARMFUL = re.compile(
    r"\b(?:live\s+(?:ammunition|bullets?|rounds|fire)|gunfire|gunshots?|opened\s+fire"
    r"|fired\s+(?:shots\s+|bullets\s+|live\s+\w+\s+)?(?:at|on|into)(?!\s+the\s+air\b)"
    r"|shot\s+(?:dead|and)"
    r"|killing(?!\s+of\b)|(?:severely|brutally|badly)\s+beat\w*|beat\w*\s+to\s+death|stabb\w+|bludgeon\w*"
    r"|machetes?|knives)\b",
    re.I,
)


# Rough handling of a demonstration that ACLED codes as excessive force when the authorities
# did it (source notes in a protest's context, no violence by the crowd told: "beat",
# "beaten", "beatings" 160 excessive force / 41 with intervention; "violently" 109 / 23;
# "brutal" 13 / 3; "a violent response/crackdown/repression" 31 / 1), not "used force" (13 /
# 27) nor "assaulted" (48 / 39).
_ROUGH = re.compile(
    r"\b(?:beat(?:s|en|ing|ings)?|violently|brutal(?:ly|ity)?"
    r"|violent\s+(?:response|crackdown|repression)|use[sd]?\s+violence)\b",
    re.I,
)
# Who polices a demonstration: the doer such force is told of.
_AUTHORITIES = re.compile(
    r"\b(?:police\w*|officers?|security|soldiers|troops|army|military|gendarm\w*"
    r"|law[\s-]+enforc\w+|authorities)\b",
    re.I,
)
# "were badly beaten by police", "met by a violent response from police forces"
_BY_AUTHORITIES = re.compile(
    r"(?:\s+[\w'-]+){0,4}?\s+(?:by|from)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?" + _AUTHORITIES.pattern,
    re.I,
)


def _force_by_authorities(text: str, lo: int, hi: int) -> bool:
    """Force that kills or wounds, or rough handling, told in text[lo:hi] as done by the
    authorities: named before it ("Police dispersed the protest, beating the lawyers") or
    after it by "by"/"from" ("badly beaten by police during a protest march")."""
    for rx in (_HARMFUL, _ROUGH):
        for m in rx.finditer(text, lo, hi):
            if _AUTHORITIES.search(text, lo, m.start()) or _BY_AUTHORITIES.match(text, m.end(), hi):
                return True
    return False


def force_type(inc: Incident, text: str, kind: str) -> str | None:
    """Excessive force for an intervention in a demonstration that used force that kills or
    wounds ("used gunfire to disperse the magistrates"), or for a demonstration the
    authorities beat or broke up violently ("beating the lawyers", "violently dispersed by
    the police"), else None."""
    if kind not in ("Peaceful protest", "Protest with intervention"):
        return None
    for c in inc.cands:
        if kind_of(c)[0] in FORCE_ON_PROTEST and _HARMFUL.search(text, *c.clause):
            return EXCESSIVE
        if _force_by_authorities(text, *c.clause):
            return EXCESSIVE
    return None


def crowd_type(
    inc: Incident, text: str, lex: Lexicon, kind: str, how: str, sent: tuple[int, int]
) -> tuple[str, str]:
    """(sub-event type, rule): the type read from the triggers, decided again for the
    Protests and Riots family by who did what to whom."""
    if kind in ("Attack", "Armed clash"):
        first = inc.agents[0] if inc.agents else None
        if kind == "Attack" and _protesters_hit(inc) and (first is None or first.atype in ARMED):
            # "Security forces shot and killed a protester", "three protesters were injured
            # when they were shot by police": force used on demonstrators.
            return EXCESSIVE, "sub-event-protester-victims"
        if (
            kind == "Attack"
            and first is not None
            and first.atype == STATE_FORCES
            and _PROTESTING.search(text, *inc.primary.clause)
        ):
            # "A few youths protesting at a party function were beaten up by the police":
            # the force hit people demonstrating.
            return EXCESSIVE, "sub-event-force-on-protesting"
        if (
            first is not None
            and first.atype == STATE_FORCES
            and "crowd-context" in inc.primary.rules
        ):
            # "When relatives marched ..., troops opened fire".
            return EXCESSIVE, "sub-event-force-on-crowd"
        if {a.atype for a in inc.agents + inc.targets} & CROWDS:
            # "Protesters clashed with police": a riot, or force used on a demonstration.
            if kind == "Attack" and inc.targets and inc.targets[0].atype == PROTESTERS:
                return EXCESSIVE, "sub-event-demonstrators"
            if kind == "Attack" and first is not None and first.info == "rioters":
                # "a man was killed by a mob": a crowd's attack is a riot, grown out of a
                # protest or not.
                return riot_type(inc, text, lex, kind) or MOB, "sub-event-crowd"
            if not _demonstrating(inc, text):
                # "clashes broke out between rioters and Israeli forces during raids": no
                # demonstration told, a riot (ACLED's mob violence).
                return MOB, "sub-event-crowd"
            return DEMONSTRATION, "sub-event-demonstrators"
        if (
            kind == "Armed clash"
            and not any(
                a.atype in ARMED and a.info != "civilians" for a in inc.agents + inc.targets
            )
            and all(_CLASH.match(a.trigger.phrase) for a in inc.primary.triggers)
            and _DISPUTE.search(text, *sent)
        ):
            # "Two persons were killed in a clash over property", "a group clash ... past
            # enmity might be the reason": people fighting over a quarrel, no armed group
            # named (source notes proposed a battle with such a word: mob violence 57,
            # attack 9, other 3).
            if _demonstrating(inc, text, told=True) or _protest_nearby(text, sent):
                return DEMONSTRATION, "sub-event-clash-over-dispute"
            return MOB, "sub-event-clash-over-dispute"
        if (
            kind == "Armed clash"
            and (_police_against_unarmed(inc) or not inc.agents + inc.targets)
            and _demonstrating(inc, text, told=True)
        ):
            # "Hindu nationalists clashed with police during demonstrations", "police and
            # protestors clashed following a demonstration", "Clashes erupted as protests
            # continued": no armed group named on either side, and a demonstration told.
            return DEMONSTRATION, "sub-event-clash-at-demonstration"
        if (
            kind == "Armed clash"
            and _police_against_unarmed(inc)
            and (
                _civilians_fought(inc)
                or _GROUP_SUBJECT.search(text, *inc.primary.clause)
                or _crowd_side(
                    text, *inc.primary.clause, lex, max(t.end for t in inc.primary.triggers)
                )
            )
        ):
            # "Police clashed with villagers": no armed group fought the police (a battle
            # is between armed, organised groups): a riot, out of a demonstration when one
            # is told beside it ("Students marched ... Eight were injured in clashes with
            # the police"; source notes typed so whose text has a protest word: violent
            # demonstration 111, mob violence 4).
            if _protest_nearby(text, sent):
                return DEMONSTRATION, "sub-event-clash-with-civilians"
            return MOB, "sub-event-clash-with-civilians"
        if (
            kind == "Armed clash"
            and not any(
                a.atype in ARMED and a.info != "civilians" for a in inc.agents + inc.targets
            )
            and _CROWD_ARMS.search(text, *sent)
        ):
            # "Clashes involving sticks and stones erupted between the parties' supporters",
            # "two communities exchanged punches and kicks": no armed group named, and the
            # fight is a crowd's: a riot, not a battle.
            return MOB, "sub-event-clash-with-crowd-arms"
        if (
            kind == "Armed clash"
            and (_police_against_unarmed(inc) or not inc.agents + inc.targets)
            and not any("generic" in a.trigger.flags for a in inc.primary.triggers)
            and _CROWD_CONTROL.search(text, sent[0], _next_sentence_end(text, sent))
        ):
            # "A young man was injured by a rubber-coated bullet during clashes with Israeli
            # soldiers", "Clashes broke out in Hebron. Forces used tear gas": the forces'
            # weapons are those used on a crowd, and no armed group is named: a riot.
            if _protest_nearby(text, sent):
                return DEMONSTRATION, "sub-event-clash-crowd-control"
            return MOB, "sub-event-clash-crowd-control"
    if (
        kind in PROTEST_KINDS
        and "merge-protest-force" in inc.rules
        and any(_force_on_it(c) for c in inc.cands)
    ):
        return EXCESSIVE, "sub-event-force-on-crowd"  # "... marched. Troops opened fire."
    if kind == "Peaceful protest" and any(
        kind_of(c)[0] in ("Attack", "Armed clash") and any(t.atype == PROTESTERS for t in c.targets)
        for c in inc.cands
    ):
        # "People protested in Dembi Dolo. There, protesters were gunned down": the
        # demonstration was met with lethal force, whoever used it.
        return EXCESSIVE, "sub-event-protesters-attacked"
    if (kind in PROTEST_KINDS or kind in FIGHTS) and _attacks_demonstration(inc, text):
        # "fired on an MDC rally", "attacked students who were protesting": whoever the
        # attackers.
        return EXCESSIVE, "sub-event-attack-on-demonstration"
    if kind == LOOTING and _protest_around(inc, text, sent):
        # "vandalised a store ... in demonstration against", "They were protesting":
        # destruction by demonstrators is a violent demonstration (ACLED).
        return DEMONSTRATION, "sub-event-destruction-at-protest"
    riot = riot_type(inc, text, lex, kind)
    if riot is not None and riot != kind:
        return riot, "sub-event-crowd"
    if kind == "Armed clash" and _party_hit(inc):
        # "an unidentified actor attacked three DYFI activists": a party's people are
        # civilians to ACLED (the party associated), and no side fought back.
        return "Attack", "sub-event-party-target"
    if kind in PROTEST_KINDS and _violent_crowd(inc, text, lex, sent):
        # ACLED: demonstrators who turn violent make a violent demonstration, whatever the
        # police did ("rioters burned tyres ...; police fired tear gas").
        return DEMONSTRATION, "sub-event-violent-crowd"
    if kind in ("Peaceful protest", "Protest with intervention") and _hurt_at_protest(
        inc, text, lex
    ):
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
    return kind, how


# "condemning the killing of two members", "protesting the death of a student": the deaths
# a demonstration was about, told as a noun after a word of protest.
_PROTESTED_OVER = re.compile(
    r"\b(?:condemn\w*|protest\w*|against|over|after|following|mourn\w*|denounc\w*"
    r"|demand\w*|justice\s+for)\s+(?:\S+\s+){0,3}$",
    re.I,
)
_DEATH_NOUN = re.compile(r"(?:killings?|deaths?|murders?|shooting|lynching)\b", re.I)


def _hurt_at_protest(inc: Incident, text: str, lex: Lexicon) -> bool:
    """People killed or wounded told with the demonstration: not the forces (policemen
    hurt by a crowd make a violent demonstration), nor the deaths it was about."""
    for c in inc.casualties:
        if c.figure.count <= 0:
            continue
        victims = key_of(c.figure.victims)
        if lex.toll_side.get(" ".join(victims)) in ("state", "armed") or "officers" in victims:
            continue
        if _DEATH_NOUN.match(text, c.start) and _PROTESTED_OVER.search(
            text[max(0, c.start - 60) : c.start]
        ):
            continue
        return True
    return False


_PROTESTER_NOUNS = frozenset(["protester", "protesters", "demonstrator", "demonstrators"])


def _protesters_hit(inc: Incident) -> bool:
    """The casualties told are demonstrators."""
    return any(
        c.figure.count > 0 and (c.figure.victims.split() or [""])[-1] in _PROTESTER_NOUNS
        for c in inc.casualties
    )


def _police_against_unarmed(inc: Incident) -> bool:
    """State forces on one side of a clash, and no armed group on any side."""
    sides = inc.agents + inc.targets
    return any(a.atype == STATE_FORCES for a in sides) and not any(
        a.atype in ARMED and a.atype != STATE_FORCES and a.info != "civilians" for a in sides
    )


# "residents said", "locals told": people who report the clash, not a side of it.
_REPORTING = re.compile(r"\s+(?:said|say|says|told|reported|claimed|alleged)\b", re.I)


def _crowd_side(text: str, lo: int, hi: int, lex: Lexicon, act_end: int) -> bool:
    """A crowd named in the clash's own clause beside the forces ("AMU students and police
    clashed", "villagers engaged police officers in running clashes", "clashed with
    villagers"), not as those who told of it ("residents said") nor as what the act was
    for ("an offensive to ... relieve two besieged villages")."""
    crowd = lex.crowd_nouns | lex.nationals
    for m in re.finditer(r"[\w'-]+", text[lo:hi]):
        keys = key_of(m.group())
        if not keys or keys[0] not in crowd or _REPORTING.match(text, lo + m.end()):
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


def _civilians_fought(inc: Incident) -> bool:
    """Civilians (villagers, residents, a crowd) named as the force's other side."""
    return any(
        a.atype != STATE_FORCES and isinstance(a.info, str) and a.info in CROWD_GROUPS
        for a in inc.agents + inc.targets
    )


def _party_hit(inc: Incident) -> bool:
    """A party's people attacked by a doer that is no crowd, through a generic attack word."""
    first = inc.agents[0] if inc.agents else None
    return (
        bool(inc.targets)
        and inc.targets[0].atype == PARTY
        and (first is None or first.atype in ARMED)
        and all("generic" in a.trigger.flags for a in inc.triggers)
    )


def _demonstrating(inc: Incident, text: str, told: bool = False) -> bool:
    """A demonstration told with the incident: protesters among its sides, a crowd read in
    a protest's context (unless `told`: a protest word itself), or a protest word in its
    clause."""
    sent = inc.primary
    return (
        (not told and "crowd-context" in sent.rules)
        or any(a.atype == PROTESTERS for a in inc.agents + inc.targets)
        or _PROTEST.search(text, sent.clause[0], sent.clause[1]) is not None
    )


def _protest_around(inc: Incident, text: str, sent: tuple[int, int]) -> bool:
    """A demonstration told with the act: in its sentence or the next, and no armed group
    as its doer ("rebels looted the town during protests" stays looting)."""
    first = inc.agents[0] if inc.agents else None
    if first is not None and first.atype in ARMED and first.info != "civilians":
        return False
    nxt = text.find(". ", sent[1] + 1)
    end = len(text) if nxt < 0 else nxt + 1  # the end of the next sentence
    return _PROTEST.search(text, sent[0], end) is not None


# Words of a demonstration itself, not of a rally or a blockade, where parties' people often
# fight as a mob.
_DEMONSTRATED = re.compile(
    r"\b(?:protest\w*|demonstrat(?:ion|ions|ors?|ed|ing)|marche[ds]|marching|hartals?"
    r"|agitat\w+|sit-ins?|gherao\w*)\b",
    re.I,
)


def _next_sentence_end(text: str, sent: tuple[int, int]) -> int:
    nxt = text.find(". ", sent[1] + 1)
    return len(text) if nxt < 0 else nxt + 1


def _protest_nearby(text: str, sent: tuple[int, int]) -> bool:
    """A demonstration told in the sentence, the one before or the one after."""
    prev = text.rfind(". ", 0, max(0, sent[0] - 2))
    nxt = text.find(". ", sent[1] + 1)
    lo, hi = (0 if prev < 0 else prev + 2), (len(text) if nxt < 0 else nxt + 1)
    return _DEMONSTRATED.search(text, lo, hi) is not None


def _force_on_it(c) -> bool:
    """A state force's attack told right after a demonstration, merged with it."""
    return attack_at_protest(c) and bool(c.agents) and c.agents[0].atype == STATE_FORCES


# "riot police", "anti-riot units": the force, not the crowd.
_RIOT_GEAR = re.compile(
    r"[\s-]*(?:police|policemen|gear|squads?|control|units?|forces?|officers)\b", re.I
)
_RIOTERS = re.compile(r"(?<!-)\b(?:rioters|rioting|rioted|riots?)\b", re.I)
_CHARGE = re.compile(
    r"\b(?:charg\w*|accus\w*|booked|cases?|sections?|suspicion|FIR)\b[^.;]{0,30}$", re.I
)
_CLASH = re.compile(
    r"\b(?:clash(?:es|ed)?|running\s+battles?|skirmish(?:es|ed)?|scuffle[ds]?)\b", re.I
)
# "protesters", "a crowd": the side of a clash that makes it a riot.
_DEMONSTRATORS = frozenset(["protesters", "protestors", "demonstrators", "rioters", "students"])
_DIED_AT = re.compile(
    r"\b(?:killed|died|shot\s+dead|lost\s+their\s+lives)\b[^.;]{0,30}?\b(?:during|at|in)\s+"
    r"(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:protests?|demonstrations?|rall(?:y|ies)|marche?s?|unrest)\b",
    re.I,
)
# An attack whose object is a demonstration: "attacked a rally of the BNP", "opened fire on
# residents protesting the occupation", "attacked BNP activists during an election rally".
# "opened fire on demonstrating workers", "on mourners marching" (source notes:
# opened fire/fired/shot on people demonstrating, protesting or marching 36 excessive force /
# 4 violent demonstration), "attacked students who were staging a sit-in" (7 / 2 / 1 with
# intervention).
_ON_DEMONSTRATION = re.compile(
    r"\s+(?:on\s+|at\s+|into\s+)?(?:[\w'-]+\s+){0,4}?"
    r"(?:(?:who|that)\s+(?:were|was|had\s+been)\s+(?:(?:staging|holding)\s+(?:a\s+|an\s+)?"
    r"(?:[\w-]+\s+)?)?)?"
    r"(?:rall(?:y|ies)|protests?|protest(?:ers|ors)|demonstrat(?:ion|ions|ors)|marche?s?"
    r"|sit-ins?|processions?|protesting|demonstrating|marching)\b",
    re.I,
)


def _violent_crowd(inc: Incident, text: str, lex: Lexicon, sent: tuple[int, int]) -> bool:
    """The demonstrators themselves were violent: a riot's or a mob's act among the
    incident's triggers, rioters in its sentence, or a clash with a crowd on one side."""
    for a in inc.triggers:
        if (
            a.trigger.sub_event_type in (MOB, DEMONSTRATION)
            and not _RIOT_GEAR.match(text, a.end)
            and not text[max(0, a.start - 5) : a.start].lower().endswith("anti-")
        ):
            return True
    if any(a.atype in RIOTERS for a in inc.agents + inc.targets):
        return True
    for m in _RIOTERS.finditer(text, *sent):
        # Not "riot police", nor a charge ("arrested 146 students, accusing them of rioting").
        if not _RIOT_GEAR.match(text, m.end()) and not _CHARGE.search(
            text, max(0, m.start() - 40), m.start()
        ):
            return True  # "rioters set up barricades ... police fired tear gas"
    lo, hi = inc.primary.clause
    for m in _CLASH.finditer(text, lo, hi):
        window = set(key_of(text[max(lo, m.start() - 60) : min(hi, m.end() + 60)]))
        if window & _DEMONSTRATORS or window & lex.crowd_nouns:
            return True
    return any(_crowd_violence(text, *c.clause) for c in inc.cands)


# What only a violent crowd does at a demonstration (source notes in a protest's context:
# "violent protests" 141 violent demonstration / 3 with intervention / 2 excessive force;
# turned, became, went violent, turned into a riot, degenerated into clashes 130 / 11 / 6;
# clashed with the police or security forces 539 / 6 / 10; stones, rocks, bricks, Molotov
# cocktails 1073 / 16 / 29).
_CROWD_VIOLENCE = re.compile(
    r"\b(?:violent\s+(?:protests?|demonstrations?)"
    r"|(?:turned|became|grew|went)\s+violent|turned\s+into\s+(?:a\s+)?riots?"
    r"|degenerated\s+into\s+(?:\w+\s+)?(?:violence|riots?|clashes)"
    r"|clash(?:ed|es)?\s+with\s+(?:the\s+)?(?:[\w-]+\s+)?(?:police|security\s+forces|gendarm\w+"
    r"|troops|soldiers)"
    r"|stones|rocks|bricks|brickbats|molotov)\b",
    re.I,
)
# Destruction and blocking by demonstrators, which ACLED's codebook counts as a violent
# demonstration ("vandalism, road-blocking using barricades, burning tires"). Source notes
# in a protest's context (the export holds no peaceful protests): vandalised 193 violent
# demonstration / 1 with intervention / 4 excessive force; smashed, ransacked 28 / 2 / 2; set
# fire, torched, set ablaze 140 / 1 / 3; barricades 267 / 20 / 4; blocked a road, highway or
# traffic 588 / 122 / 13; damaged 95 / 3 / 3.
_CROWD_DAMAGE = re.compile(
    r"\b(?:vandali[sz](?:ed|ing)|smash(?:ed|ing)|ransacked|torched|set\s+(?:fire|ablaze|on\s+fire)"
    r"|burn(?:ed|t|ing)\s+(?:a\s+|the\s+|two\s+|several\s+)?"
    r"(?:vehicles?|cars?|buses|bus|motorcycles?|shops?|houses?|offices?)"
    r"|attacked\s+(?:the\s+)?(?:police|policemen|officers)"
    r"|damag(?:ed|ing)|barricad(?:ed|ing)"
    r"|(?:erected|set\s+up|put\s+up|built|mounted)\s+(?:\w+\s+)?barricades)\b",
    re.I,
)
# "tear gas canisters set fire to the fields", "compensation for damaging their houses".
_NOT_DAMAGE = re.compile(r"\b(?:gas|canisters?|shells?|bullets?|for|of)\s+$", re.I)
# "set fire to an effigy of the chief minister", "torched copies of the bill": a symbol
# burnt, which is how a peaceful demonstration is told.
_SYMBOLS = re.compile(
    r"\s+(?:to\s+)?(?:\S+\s+){0,3}?(?:effig\w+|posters?|flags?|copies|copy|pictures?"
    r"|portraits?|photos?|photographs?|banners?|placards?)\b",
    re.I,
)
# "protested after youths threw stones at a bus", "were arrested for stone pelting": what
# the demonstration was about, or what its people were accused of.
_NOT_THEIRS = re.compile(
    r"\b(?:after|over|following|against|condemn\w*|because|accus\w*|charg\w*|were|was|been)\b"
    r"[^,;]{0,50}$",
    re.I,
)


def _crowd_violence(text: str, lo: int, hi: int) -> bool:
    """The demonstrators' own violence told in text[lo:hi]: stones, a clash with the
    police ("residents ... clashed with police that fired tear gas to disperse them")."""
    if any(
        not _NOT_THEIRS.search(text, max(lo, m.start() - 50), m.start())
        for m in _CROWD_VIOLENCE.finditer(text, lo, hi)
    ):
        return True
    # Not the police's ("police vandalised their homes") nor done to the demonstrators.
    return any(
        not _NOT_THEIRS.search(text, max(lo, m.start() - 50), m.start())
        and not _AUTHORITIES.search(text, max(lo, m.start() - 40), m.start())
        and not _NOT_DAMAGE.search(text, max(lo, m.start() - 30), m.start())
        and not _SYMBOLS.match(text, m.end())
        for m in _CROWD_DAMAGE.finditer(text, lo, hi)
    )


def _attacks_demonstration(inc: Incident, text: str) -> bool:
    """A generic attack word whose object is a demonstration ("attacked a rally of the BNP")."""
    for c in inc.cands:
        for a in c.triggers:
            if (
                a.trigger.sub_event_type in ("Attack", "Armed clash")
                and "generic" in a.trigger.flags
            ):
                # Past the clause: "students who were staging a sit-in" is a clause of its
                # own; the match itself stays within the sentence (words and spaces only).
                m = _ON_DEMONSTRATION.match(text, a.end)
                if m is not None and not re.search(r"[,;:]", m.group(0)):
                    return True
    return False
