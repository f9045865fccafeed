"""Provides `riot_type`: violence done by a crowd is a riot, not a battle.

ACLED's battles are fought between organised armed groups, and its attacks on civilians are
done by one. Violence by people who are no armed group — party supporters who clash,
villagers who beat an official, youths who throw stones, a mob that lynches a thief — is
coded as Riots: a violent demonstration when it grows out of a protest, mob violence
otherwise. Who counts as a crowd is the `[nouns] crowd` list of lexicon.toml.
"""

from __future__ import annotations

import re

from ..base.actors import ARMED_INTER, CROWD_INTER, PROTESTERS, type_names
from .incidents import FORCE_ON_PROTEST, Incident, kind_of
from .lexicon import Lexicon
from .tokens import key_of

MOB, DEMONSTRATION = "Mob violence", "Violent demonstration"
EXCESSIVE = "Excessive force against protesters"
# Acts a crowd can do that read as a battle or an attack when an armed group does them.
FIGHTS = frozenset(["Armed clash", "Attack", MOB, "Looting/property destruction"])
ARMED = frozenset(type_names(ARMED_INTER))
CROWDS = frozenset(type_names(CROWD_INTER))
# Generic words for a crowd ([generic] of lexicon.toml): as doers they are a crowd.
CROWD_GROUPS = frozenset(["civilians", "rioters", "protesters"])
# "Clashes broke out between Palestinian youths and Israeli forces": the sides follow.
_BETWEEN = re.compile(
    r"(?:\s+(?:broke\s+out|erupted|occurred|took\s+place|flared(?:\s+up)?))?\s+between\s+"
    r"([^.;:]{1,120})",
    re.I,
)
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
    r"sit-ins?|marche[ds]|marching|bandh|blockade[ds]?|picket\w*)\b",
    re.I,
)


def _has_crowd(text: str, lex: Lexicon) -> bool:
    keys = key_of(text)
    words = set(keys)
    if words & lex.crowd_nouns:
        return True
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
    # The subject next to the verb: "Supporters of two rival parties clashed", not a crowd
    # further back ("fighters were among the mourners who flooded a hall ... killed fighting").
    subject = _BOUNDARY.split(text[c.clause[0] : main.start])[-1].split()[-6:]
    if "armed" in subject:
        return False  # "a group of armed villagers killed ...": a militia, not a crowd
    first = inc.agents[0] if inc.agents else None
    if first is not None and isinstance(first.info, str) and first.info in CROWD_GROUPS:
        return True  # "two men were beaten to death by villagers"
    if c.passive or (first is not None and first.atype in ARMED and first.info != "civilians"):
        return False  # "six aid workers were killed": the subject was hit, it did nothing
    return _has_crowd(" ".join(subject), lex)


def riot_type(inc: Incident, text: str, lex: Lexicon, kind: str) -> str | None:
    """Mob violence or violent demonstration for a crowd's fight or attack, else None."""
    if kind not in FIGHTS:
        return None
    sent = inc.primary
    first = inc.agents[0] if inc.agents else None
    unarmed = first is None or first.atype not in ARMED or first.info == "civilians"
    vigilante = unarmed and kind == "Attack" and _VIGILANTE.search(text, *sent.clause)
    if kind != MOB and not vigilante and not crowd_doers(inc, text, lex):
        return None
    protest = (
        "crowd-context" in sent.rules
        or any(a.atype == PROTESTERS for a in inc.agents)
        or _PROTEST.search(text, sent.clause[0], sent.clause[1]) is not None
    )
    return DEMONSTRATION if protest else MOB


# Force that kills or wounds: firearms, blades, severe beatings (ACLED: "lethal violence or
# violence resulting in serious injuries"). Tear gas, water cannon, batons, arrests, dispersal
# and shots fired into the air are not.
_HARMFUL = re.compile(
    r"\b(?:live\s+(?:ammunition|bullets?|rounds|fire)|gunfire|gunshots?|opened\s+fire"
    r"|fired\s+(?:shots\s+|bullets\s+|live\s+\w+\s+)?(?:at|on|into)(?!\s+the\s+air\b)"
    r"|shot\s+(?:dead|and)"
    r"|killing|(?:severely|brutally|badly)\s+beat\w*|beat\w*\s+to\s+death|stabb\w+|bludgeon\w*"
    r"|machetes?|knives)\b",
    re.I,
)


def force_type(inc: Incident, text: str, kind: str) -> str | None:
    """Excessive force for an intervention in a demonstration that used force that kills or
    wounds ("used gunfire to disperse the magistrates", "beating the lawyers"), else None."""
    if kind != "Protest with intervention":
        return None
    for c in inc.cands:
        if kind_of(c)[0] in FORCE_ON_PROTEST and _HARMFUL.search(text, *c.clause):
            return EXCESSIVE
    return None
