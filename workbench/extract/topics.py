"""Provides the tests for words that tell what a sentence is about rather than an act
where it happened: what a protest protests (`protest_about`, `PROTEST_TOPIC`) and the
war's hazards listed as plural nouns (`hazard_list`). Used by `assemble` when it groups
triggers into candidates and picks their place."""

from __future__ import annotations

import re

from .annotate import Ann
from .candidates import Finder
from .cues import is_verb

# Words right before a trigger that make it what a protest in the same clause protested.
PROTEST_TOPIC = frozenset(("over", "against", "condemn", "condemning", "denounce", "denouncing"))
_PROTEST_ABOUT = re.compile(
    r"\b(?:in\s+protest\s+(?:at|against|over)|to\s+protest|in\s+solidarity\s+with|over|against"
    r"|to\s+(?:highlight|denounce|condemn|oppose|demand)|denouncing|condemning"
    r"|(?:raise|raising)\s+awareness\s+(?:of|about))\b",
    re.I,
)
_LOCATIVE = frozenset(["in", "across", "at", "near", "outside", "through", "throughout", "around",
                       "inside"])  # fmt: skip
_CAMPAIGN = re.compile(
    r"\b(?:offensive|attack|attacks|assault|operation|incursion|war|siege|bombing|shelling"
    r"|invasion|occupation)\s+(?:in|on|against|of)\s+(?:the\s+)?"
    # "... on the Kurdish-held district of Afrin"
    r"(?:(?:[\w-]+\s+){0,2}(?:district|province|region|city|town|enclave|area|village)\s+of\s+)?\Z",
    re.I,
)


def protest_about(text: str, lo: int, at: int) -> bool:
    """The place at `at` names what a protest is about ("in protest at the offensive on
    Afrin", "over the shelling of Douma"), not where it is ("protests against the
    government spread across Suwayda")."""
    found = list(_PROTEST_ABOUT.finditer(text, lo, at))
    if not found:
        return False
    about = found[-1]
    gap = text[about.end() : at]
    if _CAMPAIGN.search(gap):
        return True
    words = gap.lower().split()
    return len(words) <= 6 and _LOCATIVE.isdisjoint(words)


# "ran from snipers and shells", "laced with IEDs and suicide vehicles": a plural noun
# listed beside another names the war's hazards, not an act.
_LIST_BEFORE = re.compile(r"\b\w+s\s*(?:,|\band\b|\bor\b)\s*(?:\w+\s+)?\Z", re.I)
_LIST_AFTER = re.compile(r"\s*(?:,|and\b|or\b)\s*(?:\w+\s+){0,2}?\w+s\b", re.I)
_WORD = re.compile(r"\w+")


def hazard_list(f: Finder, t: Ann) -> bool:
    """An undated plural noun trigger in a list of plural nouns after a word that makes it
    the war's hazards ("from snipers and shells"), not an act ("carried out airstrikes and
    artillery strikes")."""
    last = f.keys[t.j - 1]
    if not last.endswith("s") or last.endswith("ss") or is_verb(t):
        return False
    text = f.text
    before = _LIST_BEFORE.search(text, max(0, t.start - 40), t.start)
    if before is not None:
        start = before.start()
    elif _LIST_AFTER.match(text, t.end):
        start = t.start
    else:
        return False
    words = [w.lower() for w in _WORD.findall(text, max(0, start - 30), start)]
    words = [w for w in words if w != "the"][-2:]
    return not f.lex.hazard_intro.isdisjoint(words)
