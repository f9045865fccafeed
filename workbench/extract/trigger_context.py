"""Provides the conditions some trigger flags set on a trigger's context (triggers.csv flags,
see data/README.md), read by `annotate` before a dictionary trigger becomes an annotation:

- `present`: a present-tense verb is an act only right after its doer and in the report's
  first sentence or line (`after_doer`, `headline_end`);
- `moves`, `agrees`, `arms`, `holds`, `halts`: the verb needs one of a list of nouns as its object,
  or as the subject of a passive (`object_end`, `OBJECT_FLAGS`).

`headline_end` is also where `cues` tells a report's first sentence from the rest.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .annotate import Ann
    from .lexicon import Lexicon
    from .tokens import Tokens

# The end of a report's first sentence or line.
_FIRST_STOP = re.compile(r"[.!?](?:\s|$)|\n")


def headline_end(text: str) -> int:
    """Where the first sentence or line of `text` ends (a headline's, a note's lede)."""
    stop = _FIRST_STOP.search(text)
    return stop.start() if stop else len(text)


# A present-tense verb ("Police arrest 15 workers", "Gunmen kill three villagers") is an act
# only right after its doer: an actor, a crowd or one of these.
_DOERS = frozenset(["gunmen", "assailants", "attackers", "men", "militants", "soldiers",
                    "troops", "police", "rebels", "fighters", "militiamen", "bandits",
                    "herdsmen", "unknown", "people", "group", "members", "forces"])  # fmt: skip


def after_doer(lex: Lexicon, keys: list[str], out: list[Ann], i: int) -> bool:
    k = i - 1
    if k > 0 and (keys[k].endswith("ly") or keys[k] == "also"):
        k -= 1  # "Police reportedly arrest ..."
    if k < 0:
        return False
    if out and out[-1].kind == "actor" and out[-1].j == k + 1:
        return True
    return keys[k] in _DOERS or keys[k] in lex.crowd_nouns


# Triggers that need one of a list of nouns (lexicon.toml [nouns]) as object or subject:
# `moves` (a troop movement: "sent 200 more troops"), `agrees` (an agreement: "struck a
# ceasefire deal", "a truce brokered by the UN came into force"), `arms` (weapons taken
# out of use: "found a cache of weapons", "confiscated ammunition"), `holds` (people
# taken or kept as captives: "took 13 local chiefs hostage", "held two drivers captive"),
# `halts` (people or their march stopped: "police blocked the marchers") and `ignites` (a
# fire set: "set two buses alight", "set the police post on fire").
OBJECT_FLAGS = frozenset(["moves", "agrees", "arms", "holds", "halts", "ignites"])
# Words that end the object before the noun is reached; right after the verb "to" and "on"
# do not ("agreed to a truce", "agreed on a ceasefire").
_OBJECT_STOPS = frozenset(["to", "into", "in", "on", "at", "from", "for", "with", "by",
                           "after", "before", "that", "which", "who", "as", "than", "across",
                           "out"])  # fmt: skip
_PASSIVE = frozenset(["was", "were", "been", "being"])
_PUNCT = re.compile(r"[.,;:!?()\"“”]")


def object_end(nouns: frozenset[str], toks: Tokens, i: int, j: int, subject: bool) -> int | None:
    """The last token of the trigger's object at tokens i..j ("sent 200 more troops and
    tanks"), or j - 1 when the noun comes before it as the subject of a passive
    ("reinforcements were rushed") or, `subject`, of an intransitive ("a truce brokered by
    the UN came into force"); None when there is neither."""
    keys, text, last = toks.keys, toks.text, None
    for k in range(j, min(j + 7, len(keys))):
        if _PUNCT.search(text, toks.ends[k - 1], toks.starts[k]):
            break
        if k + 1 < len(keys) and f"{keys[k]} {keys[k + 1]}" in nouns:
            return k + 1  # a word of two: "set the house on fire"
        if keys[k] in _OBJECT_STOPS and not (k == j and keys[k] in ("to", "on")):
            break
        if keys[k] in nouns:
            last = k
    aux = i - 2 if i > 1 and keys[i - 1].endswith("ly") else i - 1  # "was formally reached"
    if last is None and (subject or (aux >= 0 and keys[aux] in _PASSIVE)):
        for k in range(i - 1, max(-1, i - 9), -1):
            if _PUNCT.search(text, toks.ends[k], toks.starts[k + 1]):
                break
            if keys[k] in nouns or k and f"{keys[k - 1]} {keys[k]}" in nouns:
                return j - 1
    return last


# What ends a subject: a new clause or a second verb of the same doer ("attacked the post
# and set it alight").
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\"“”]|\b(?:and|then|who|which|before|after|as|when)\b", re.I)


def fire_of_act(text: str, out: list[Ann], start: int) -> bool:
    """A fire set (flag `ignites`) whose subject is an act or a weapon told just before it:
    "Monday's attack on the capital set fuel trucks ablaze", "the shelling set the market on
    fire", "tear gas canisters set the fields alight": the fire is that act's effect, no
    arson of its own."""
    for ann in reversed(out):
        if ann.end > start or ann.kind not in ("trigger", "weapon"):
            continue
        return not _CLAUSE_BREAK.search(text, ann.end, start)
    return False


def object_follows(toks: Tokens, k: int) -> bool:
    """Whether token k opens an object of the verb before it ("held hostage six aid
    workers"), not a preposition or a new clause ("held hostage in Hajin were")."""
    return (
        k < len(toks.keys)
        and toks.keys[k] not in _OBJECT_STOPS
        and not _PUNCT.search(toks.text, toks.ends[k - 1], toks.starts[k])
    )
