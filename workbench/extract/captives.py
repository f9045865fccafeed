"""Provides `people_taken`, `civilians_seized` and `captive`: whether "captured" took
people or ground, and whom.

"The SDF captured two British militants" is an arrest, "captured Raqqa" a change of
territory; "the captured fighters", "murdering captured soldiers" use the word as an
adjective and tell no capture at all. `assemble` asks both of a territory trigger.
"""

from __future__ import annotations

from ..base.actors import STATE_FORCES
from .annotate import Ann
from .candidates import Candidate, Finder

# "rebel-held", "army-controlled": people named as who holds the ground after them.
_HELD_BY = frozenset(["held", "controlled", "run", "occupied"])
PEOPLE_TAKEN = frozenset(["captured", "capture", "captures", "capturing", "seized", "seizes",
                          "seizing"])  # fmt: skip


def people_taken(f: Finder, c: Candidate, t: Ann, end_tok: int) -> bool:
    """ "captured two British militants", "seized the group's leader": the verb's object is
    people (a named side or person words), not a place."""
    if "undergo" in t.trigger.flags:
        return False  # "Isis fighters were driven out of Manbij": losers of ground, not taken
    if _passive(f, t):
        # "She was captured by Kurdish forces", "a woman captured by Kurdish forces"
        taken = _people_subject(f, t.i - 1)
        if taken == VICTIMS:
            # "three fishermen were taken by IS near Harawah": the place told after it says
            # where they were taken (a capture with no place told was never proposed).
            return any(
                (a := f.ann_at(k)) is not None and a.kind == "place" for k in range(t.j, end_tok)
            )
        return bool(taken)
    if f.keys[t.i] not in PEOPLE_TAKEN or t.j != t.i + 1:
        return False
    if _relative_object(f, t):
        return True  # "the fighters that we captured in Syria"
    first = f.ann_at(t.j) if t.j < end_tok else None
    if first is not None and first.kind == "place":
        return False  # "captured Raqqa"
    words = f.keys[t.j : min(end_tok, t.j + 4)]
    if "control" in words[:2]:
        return False  # "seizing control from Kurdish forces": ground, from its holders
    lex = f.lex
    ground = [w in lex.ground_nouns for w in words]
    people = [
        (w in lex.person_nouns or w in PERSON_WORDS or w in lex.victim_nouns)
        and not (k + 1 < len(words) and (ground[k + 1] or words[k + 1] in _HELD_BY))
        for k, w in enumerate(words)
    ]
    if any(ground) and ground.index(True) < (people.index(True) if any(people) else len(words)):
        # "seized a rebel-held neighbourhood", "captured several army positions", "seized
        # territory from IS": the side named is whose ground it was, not people taken.
        return False
    if c.targets and c.targets[0].i <= t.j + 3:
        return True  # "captured Islamic State fighters"
    return any(people)


def civilians_seized(f: Finder, c: Candidate, t: Ann, end_tok: int) -> bool:
    """ "Al Shabaab fighters seized a businessman": civilians taken by a side that is no
    state force are abducted (ACLED), not arrested; fighters taken, or people taken by the
    state, stay an arrest. Told in the passive, civilians taken by nobody named are
    abducted too ("two aid workers were seized")."""
    victims = f.lex.victim_nouns
    if _passive(f, t):
        # "two teachers were seized by Boko Haram", "a doctor was seized in Tripoli": people
        # taken by a side that is no state force, or by nobody named (ACLED: unidentified).
        # Men or women only ("two men were captured by the SDF") may be suspects held.
        if c.agents and c.agents[0].atype == STATE_FORCES:
            return False
        return any(w in victims and w not in PERSON_WORDS for w in f.keys[max(0, t.i - 4) : t.i])
    if not c.agents or c.agents[0].atype == STATE_FORCES or c.targets:
        return False
    return any(w in victims for w in f.keys[t.j : min(end_tok, t.j + 4)])


def _passive(f: Finder, t: Ann) -> bool:
    """ "were seized", "was taken by", "a woman captured by": the people are the subject."""
    by_next = t.j < len(f.keys) and f.keys[t.j] == "by" and f.keys[t.i] in PEOPLE_TAKEN
    return f.keys[t.i] in f.lex.passive_aux or f.is_passive(t) or by_next


# What `_people_subject` answers when the people are named only as civilians ("teachers").
VICTIMS = "victims"


def _people_subject(f: Finder, last: int) -> bool | str:
    """The subject of a passive "captured", ending at token `last`, is people ("she", "two
    British men", "a man who was"), not a place ("the town was captured by ...")."""
    k = last
    while k > 0 and f.ann_at(k) is None and f.keys[k] in f.lex.passive_aux:
        k -= 1  # "were", "had been"
    if k < last and "," in f._gap(k + 1):
        # "Two men, who had fled Raqqa, were captured": past the aside to its subject.
        for x in range(k, max(0, k - 12), -1):
            if "," in f._gap(x):
                last = k = x - 1
                break
        else:
            k = last
    else:
        k = last
    while k >= 0 and k >= last - 5:
        a = f.ann_at(k)
        if a is not None and a.kind == "place":
            return False
        w = f.keys[k]
        if w in PEOPLE_PRONOUNS or w in PERSON_WORDS or w in f.lex.person_nouns or w in WHO:
            return True  # "who" stands for a person ("Aine Davis, who was captured")
        if w in f.lex.victim_nouns:
            return VICTIMS  # "two teachers were seized"
        if a is None and w not in f.lex.bridge and w not in RELATIVES and not w.endswith("ly"):
            return False
        k = a.i - 1 if a is not None else k - 1
    return False


def captive(f: Finder, t: Ann) -> bool:
    """ "captured" used as an adjective: after a determiner or an "-ing" word."""
    if f.keys[t.i] not in PEOPLE_TAKEN or t.j != t.i + 1 or not t.i:
        return False
    prev = f.keys[t.i - 1]
    return prev in CAPTIVE_BEFORE or prev.endswith("ing")


def _relative_object(f: Finder, t: Ann) -> bool:
    """ "the fighters that we captured", "a commander whom the SDF seized": the verb's
    object is the people before the relative pronoun."""
    k = t.i - 1
    a = f.ann_at(k) if k >= 0 else None
    if a is not None and a.kind == "actor":
        k = a.i - 1
    elif k >= 0 and f.keys[k] in PEOPLE_PRONOUNS:
        k -= 1
    else:
        return False
    if k > 0 and f.keys[k] == "the":
        k -= 1
    return k > 0 and f.keys[k] in RELATIVES and _people_subject(f, k - 1) is True


PEOPLE_PRONOUNS = frozenset(["she", "he", "they", "we", "i", "pair", "both", "couple"])
RELATIVES = frozenset(["who", "whom", "that"])
WHO = frozenset(["who", "whom"])
# Words before "captured" that make it an adjective ("the captured fighters").
CAPTIVE_BEFORE = frozenset(["the", "a", "an", "of", "their", "his", "her", "its", "our", "where",
                            "when", "some", "two", "three", "many", "other"])  # fmt: skip
PERSON_WORDS = frozenset(["members", "member", "militants", "militant", "fighters", "fighter",
                          "suspects", "suspect", "leader", "leaders", "commander", "commanders",
                          "men", "man", "women", "woman", "jihadists", "jihadist"])  # fmt: skip
