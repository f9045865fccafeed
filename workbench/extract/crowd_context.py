"""Provides the readers of what is told around a crowd's act for the Protests and Riots
family: a demonstration told with it (`demonstrating`, `protest_nearby`), the
demonstrators' own violence (`violent_crowd`), force used on them by the authorities
(`force_by_authorities`, `hurt_at_protest`), an attack on a demonstration
(`attacks_demonstration`).

`crowds.crowd_type` asks these, with `crowd_sides`' readers of who the sides are. (The
candidates stage reads a protest around an act for its own ends in `protests.py`.)
"""

from __future__ import annotations

import re

from ..base.actors import PROTESTERS, STATE_FORCES
from ..base.codebook import ASSAULTS, DEMONSTRATION, MOB
from .crowd_sides import RIOTERS, armed_side
from .incident import Incident
from .incident_merge import attack_at_protest
from .lexicon import Lexicon
from .protests import CROWD_CONTEXT
from .tokens import key_of

# A demonstration in the sentence: what the crowd's violence grew out of.
_PROTEST = re.compile(
    r"\b(?:protest\w*|demonstrat(?:ion|ions|ors?|ed|ing)|rall(?:y|ies|ied)|agitat\w+|"
    r"sit-ins?|marche[ds]|marching|bandh|hartals?|gherao\w*|blockade[ds]?|picket\w*)\b",
    re.I,
)
# Words of a demonstration itself, not of a rally or a blockade, where parties' people often
# fight as a mob.
_DEMONSTRATED = re.compile(
    r"\b(?:protest\w*|demonstrat(?:ion|ions|ors?|ed|ing)|marche[ds]|marching|hartals?"
    r"|agitat\w+|sit-ins?|gherao\w*)\b",
    re.I,
)


def demonstrating(inc: Incident, text: str, told: bool = False) -> bool:
    """A demonstration told with the incident: protesters among its sides, a crowd read in
    a protest's context (unless `told`: a protest word itself), or a protest word in its
    clause."""
    sent = inc.primary
    return (
        (not told and CROWD_CONTEXT in sent.rules)
        or any(a.atype == PROTESTERS for a in inc.agents + inc.targets)
        or _PROTEST.search(text, sent.clause[0], sent.clause[1]) is not None
    )


def protest_around(inc: Incident, text: str, sent: tuple[int, int]) -> bool:
    """A demonstration told with the act: in its sentence or the next, or told just before
    it ("... demonstrated in Ferozepur. They vandalised shops": a crowd context), and no
    armed group as its doer ("rebels looted the town during protests" stays looting)."""
    first = inc.agents[0] if inc.agents else None
    if armed_side(first):
        return False
    if CROWD_CONTEXT in inc.primary.rules:
        return True
    return _PROTEST.search(text, sent[0], next_sentence_end(text, sent)) is not None


def next_sentence_end(text: str, sent: tuple[int, int]) -> int:
    nxt = text.find(". ", sent[1] + 1)
    return len(text) if nxt < 0 else nxt + 1


def protest_nearby(text: str, sent: tuple[int, int]) -> bool:
    """A demonstration told in the sentence, the one before or the one after."""
    prev = text.rfind(". ", 0, max(0, sent[0] - 2))
    nxt = text.find(". ", sent[1] + 1)
    lo, hi = (0 if prev < 0 else prev + 2), (len(text) if nxt < 0 else nxt + 1)
    return _DEMONSTRATED.search(text, lo, hi) is not None


def force_on_it(c) -> bool:
    """A state force's attack told right after a demonstration, merged with it."""
    return attack_at_protest(c) and bool(c.agents) and c.agents[0].atype == STATE_FORCES


# Force that kills or wounds: firearms, blades, severe beatings (ACLED: "lethal violence or
# violence resulting in serious injuries"). Tear gas, water cannon, batons, arrests, dispersal
# and shots fired into the air are not, nor "the killing of", the deaths a demonstration is
# about (source notes with "condemning/protesting/against the killing of" and no other word
# of firing, death or injury: 95 violent demonstration / 22 with intervention / 0 excessive
# force).
HARMFUL = re.compile(
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
AUTHORITIES = re.compile(
    r"\b(?:police\w*|officers?|security|soldiers|troops|army|military|gendarm\w*"
    r"|law[\s-]+enforc\w+|authorities)\b",
    re.I,
)
# "were badly beaten by police", "met by a violent response from police forces"
_BY_AUTHORITIES = re.compile(
    r"(?:\s+[\w'-]+){0,4}?\s+(?:by|from)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?" + AUTHORITIES.pattern,
    re.I,
)


def force_by_authorities(text: str, lo: int, hi: int) -> bool:
    """Force that kills or wounds, or rough handling, told in text[lo:hi] as done by the
    authorities: named before it ("Police dispersed the protest, beating the lawyers") or
    after it by "by"/"from" ("badly beaten by police during a protest march")."""
    for rx in (HARMFUL, _ROUGH):
        for m in rx.finditer(text, lo, hi):
            if AUTHORITIES.search(text, lo, m.start()) or _BY_AUTHORITIES.match(text, m.end(), hi):
                return True
    return False


# "condemning the killing of two members", "protesting the death of a student": the deaths
# a demonstration was about, told as a noun after a word of protest.
_PROTESTED_OVER = re.compile(
    r"\b(?:condemn\w*|protest\w*|against|over|after|following|mourn\w*|denounc\w*"
    r"|demand\w*|justice\s+for)\s+(?:\S+\s+){0,3}$",
    re.I,
)
_DEATH_NOUN = re.compile(r"(?:killings?|deaths?|murders?|shooting|lynching)\b", re.I)
# "protested against the infighting that left 30 dead", "rallied to denounce the bombing
# which killed nine": the deaths are told in a relative clause of what the demonstration
# was against, not of the demonstration.
_GRIEVANCE_CLAUSE = re.compile(
    r"\b(?:against|over|condemn\w*|denounc\w*|mourn\w*)\s+"
    r"(?:(?!(?:and|but|when|while|as|until)\b)[\w'-]+\s+){0,8}?"
    r"(?:that|which)\s+(?!(?:turned|became|ended)\b)[^.;:,]{0,40}$",
    re.I,
)


def hurt_at_protest(inc: Incident, text: str, lex: Lexicon) -> bool:
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
        if _GRIEVANCE_CLAUSE.search(text[max(0, c.start - 120) : c.start]):
            continue
        return True
    return False


# "riot police", "anti-riot units": the force, not the crowd.
_RIOT_GEAR = re.compile(
    r"[\s-]*(?:police|policemen|gear|squads?|control|units?|forces?|officers)\b", re.I
)
_RIOTERS = re.compile(r"(?<!-)\b(?:rioters|rioting|rioted|riots?)\b", re.I)
_CHARGE = re.compile(
    r"\b(?:charg\w*|accus\w*|booked|cases?|sections?|suspicion|FIR)\b[^.;]{0,30}$", re.I
)
CLASH = re.compile(
    r"\b(?:clash(?:es|ed)?|running\s+battles?|skirmish(?:es|ed)?|scuffle[ds]?)\b", re.I
)
# "protesters", "a crowd": the side of a clash that makes it a riot.
_DEMONSTRATORS = frozenset(["protesters", "protestors", "demonstrators", "rioters", "students"])


def violent_crowd(inc: Incident, text: str, lex: Lexicon, sent: tuple[int, int]) -> bool:
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
    for m in CLASH.finditer(text, lo, hi):
        window = key_of(text[max(lo, m.start() - 60) : min(hi, m.end() + 60)])
        if set(window) & _DEMONSTRATORS or lex.crowd_words(window):
            return True
    if any(_crowd_violence(text, *c.clause) for c in inc.cands):
        return True
    # Told between the demonstration and the force used on it, in a sentence of no act of
    # its own ("Residents protested ... They lit bonfires and blockaded the roads. The police
    # fired teargas", "... to disperse the demonstrators. There were reports of clashes with
    # the police"): the same crowd's.
    if len(inc.cands) > 1:
        lo, hi = min(c.clause[0] for c in inc.cands), max(c.clause[1] for c in inc.cands)
        return _crowd_violence(text, lo, hi)
    return False


# What only a violent crowd does at a demonstration (source notes in a protest's context:
# "violent protests" 141 violent demonstration / 3 with intervention / 2 excessive force;
# turned, became, went violent, turned into a riot, degenerated into clashes 130 / 11 / 6;
# clashed with the police or security forces 539 / 6 / 10; stones, rocks, bricks, Molotov
# cocktails 1073 / 16 / 29).
_CROWD_VIOLENCE = re.compile(
    r"\b(?:violent\s+(?:protests?|demonstrations?)"
    r"|(?:turned|became|grew|went)\s+violent|turned\s+into\s+(?:a\s+)?riots?"
    r"|degenerated\s+into\s+(?:\w+\s+)?(?:violence|riots?|clashes)"
    r"|(?:clash(?:ed|es)?|scuffl(?:ed|es?|ing)|brawl(?:ed|s)?|fought|tussled?)\s+with\s+(?:the\s+)?"
    r"(?:[\w-]+\s+)?(?:police|cops|security\s+forces|gendarm\w+|troops|soldiers)"
    r"|stones|rocks|bricks|brickbats|molotov)\b",
    re.I,
)
# Destruction and blocking by demonstrators, which ACLED's codebook counts as a violent
# demonstration ("vandalism, road-blocking using barricades, burning tires"). Source notes
# in a protest's context (the export holds no peaceful protests): vandalised 193 violent
# demonstration / 1 with intervention / 4 excessive force; smashed, ransacked 28 / 2 / 2; set
# fire, torched, set ablaze 140 / 1 / 3; barricades 267 / 20 / 4; blocked a road, highway or
# traffic 588 / 122 / 13; damaged 95 / 3 / 3; burning tyres, tyre burning 963 / 3 / 2 (and mob
# violence 3).
_CROWD_DAMAGE = re.compile(
    r"\b(?:vandali[sz](?:ed|ing)|smash(?:ed|ing)|ransacked|torched"
    # "set fire to", "set a truck alight", "set 2 trucks on fire"
    r"|set\s+(?:fire|ablaze|alight|on\s+fire)|set\s+(?:[\w-]+\s+){1,3}?(?:alight|ablaze|on\s+fire)"
    r"|burn(?:ed|t|ing)\s+(?:a\s+|the\s+|two\s+|several\s+)?"
    r"(?:vehicles?|cars?|buses|bus|motorcycles?|shops?|houses?|offices?)"
    r"|attacked\s+(?:the\s+)?(?:police|policemen|officers)"
    # "blocked the road with burning tyres", "demonstrated by burning old tires", "tyre
    # burning" (the codebook's burning tires)
    r"|burn(?:ed|t|ing)\s+(?:of\s+)?(?:[\w-]+\s+)?t[yi]res|t[yi]re[\s-]+burning"
    r"|damag(?:ed|ing)|barricad(?:ed|ing)"
    # "forcibly shut the toll plaza", "forced traders to close their shops" (enforcing a
    # strike)
    r"|forcibly\s+(?:closed|shut|closing|shutting)"
    r"|forc(?:ed|ing)\s+(?:[\w-]+\s+){0,2}?(?:shops?|traders|shopkeepers|businesses|markets?"
    r"|establishments|vendors)\s+(?:to\s+)?(?:close|shut|down|pull)"
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
# "A truck was set alight during a protest", "vehicles were damaged": the destruction
# itself told in the passive, by no one else named (source notes with such a passive and a
# word of protest: violent demonstration 157, mob violence 31, excessive force 2, with
# intervention 2).
_PASSIVE_BEFORE = re.compile(r"(?<!that )(?<!which )\b(?:was|were|been)\s+(?:\w+ly\s+)?$", re.I)
# What the demonstration was about ("condemning statues that were vandalised").
_ABOUT = re.compile(
    r"\b(?:after|over|following|against|condemn\w*|because|accus\w*|charg\w*)\b[^,;]{0,50}$",
    re.I,
)
_BY_OTHERS = re.compile(
    r"\s+by\s+(?:the\s+)?(?:[\w-]+\s+)?(?:police|security|forces|soldiers|troops|army)\b", re.I
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
        _theirs(text, lo, m)
        and not AUTHORITIES.search(text, max(lo, m.start() - 40), m.start())
        and not _NOT_DAMAGE.search(text, max(lo, m.start() - 30), m.start())
        and not _SYMBOLS.match(text, m.end())
        and not _SYMBOLS.search(m.group(0))
        for m in _CROWD_DAMAGE.finditer(text, lo, hi)
    )


def _theirs(text: str, lo: int, m: re.Match[str]) -> bool:
    """The destruction is told as the crowd's: no cause or charge before it, or told in the
    passive by no force named ("a bus was set alight", not "were damaged by the police")."""
    if _PASSIVE_BEFORE.search(text, max(lo, m.start() - 20), m.start()):
        return not _BY_OTHERS.match(text, m.end()) and not _ABOUT.search(
            text, max(lo, m.start() - 50), m.start()
        )
    return not _NOT_THEIRS.search(text, max(lo, m.start() - 50), m.start())


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


def attacks_demonstration(inc: Incident, text: str) -> bool:
    """A generic attack word whose object is a demonstration ("attacked a rally of the BNP")."""
    for c in inc.cands:
        for a in c.triggers:
            if a.trigger.sub_event_type in ASSAULTS and "generic" in a.trigger.flags:
                # Past the clause: "students who were staging a sit-in" is a clause of its
                # own; the match itself stays within the sentence (words and spaces only).
                m = _ON_DEMONSTRATION.match(text, a.end)
                if m is not None and not re.search(r"[,;:]", m.group(0)):
                    return True
    return False
