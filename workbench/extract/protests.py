"""Provides the protest a sentence tells of around an act: `protest_before` (the sentence
just before told of one) and `arrests_at_protest` (arrests that broke one up, which ACLED
codes as the protest's intervention, not arrests apart).
"""

from __future__ import annotations

import bisect
import re

from ..base.actors import PROTESTERS
from ..base.codebook import DEMONSTRATION, INTERVENTION, PEACEFUL
from .candidates import Finder
from .text import Sentence
from .tokens import key_of

PROTEST_TYPES = (PEACEFUL, DEMONSTRATION, INTERVENTION)
# The rule assemble marks an act with when a demonstration is told before it, in its sentence
# or the one before ("When residents marched ..., troops opened fire"); later rules read it.
CROWD_CONTEXT = "crowd-context"

# "arrested by police during a protest": the arrests were made at a demonstration.
_AT_PROTEST = re.compile(
    # "detained on their protest march", "following a protest", "on a rally against"
    r"\b(?:(?:during|at|amid|on|following)\s+(?:a|an|the|their|its|his|her)\s+(?:[\w'-]+\s+){0,2}"
    # "arrested for staging a road roko", "detained while holding a dharna", "detained three
    # activists taking part in one-person protests"
    r"|(?:(?:for|while|when|after)\s+)?(?:staging|holding|organi[sz]ing|taking\s+part\s+in"
    r"|participating\s+in)\s+(?:a\s+|an\s+|the\s+)?(?:[\w'-]+\s+){0,2})"
    r"(?:protest|demonstration|rally|march|sit-in|strike|roko|dharna|bandh|hartal|gherao"
    r"|agitation)s?\b"
    # "arrested ... while protesting against the fare hike", "detained after protesting",
    # "detained workers who were protesting wage arrears"
    r"|\b(?:(?:while|when|for|after)|(?:who|that)\s+(?:were|was|had\s+been))\s+"
    r"(?:protesting|demonstrating|agitating)\b",
    re.I,
)


# "poured into the streets after security forces detained boys": the arrests were what the
# protest was against, not its breaking up.
_CAUSE = re.compile(r"\b(?:after|over|following|because\s+of)\s+(?:\S+\s+){0,4}$", re.I)


_DURING = re.compile(r"\b(?:after|as|when|while|during|for)\b", re.I)


def _protest_met_by(text: str, main, s_anns) -> bool:
    """The arrest's sentence tells of a protest the arrests broke up: "residents protested
    ... and police arrested five of them", "detained after they protested"."""
    for a in s_anns:
        if a.kind != "trigger" or a.trigger.sub_event_type not in PROTEST_TYPES:
            continue
        if a.start > main.start:
            # "detained ... after they protested", not "...; the protests that followed".
            between = text[main.end : a.start]
            if ";" not in between and _DURING.search(between):
                return True
        elif not _CAUSE.search(text[a.end : main.start]):
            return True
    return False


def tells_protest(f: Finder, a) -> bool:
    """The annotation is a word of a demonstration: a protest trigger, and for a riot's
    crowd-only words ("blocked the road", "barricaded") a crowd right before it ("cartel
    gunmen blocked roads" is no demonstration)."""
    if a.kind != "trigger" or a.trigger.sub_event_type not in PROTEST_TYPES:
        return False
    if "protest" in a.trigger.flags:
        return False  # "police stopped a man", "intervened": the police's act, no protest told
    if "crowd" not in a.trigger.flags or a.trigger.sub_event_type == PEACEFUL:
        return True
    return bool(f.lex.crowd_words(key_of(f.text[max(0, a.start - 60) : a.start])))


def protest_before(f: Finder, si: int, sentences: list[Sentence], back: int = 1) -> bool:
    """ "Thousands marched from the mosque. Security forces opened fire.": the sentence just
    before (or one of the `back` sentences before), in the same paragraph, told of a
    protest."""
    for pi in range(si - 1, max(-1, si - 1 - back), -1):
        if sentences[pi].para != sentences[si].para:
            return False
        prev = sentences[pi]
        lo = bisect.bisect_left(f.ann_starts, prev.start)
        hi = bisect.bisect_left(f.ann_starts, prev.end)
        if any(tells_protest(f, a) for a in f.anns[lo:hi]):
            return True
    return False


# Generic words for the forces that police a demonstration (lexicon.toml [generic]):
# "police", "federal troops" (not "the regime" or "the army": "the regime intervened"
# near a word of the 2011 protests is the war).
_HOME_FORCES = frozenset(["police", "troops"])
_POLICING_WORDS = frozenset(["security forces", "gendarmerie", "gendarmes", "riot police"])
# The words of those forces one by one, for a subject no dictionary row names.
_POLICING_KEYS = frozenset(["police", "policemen", "gendarmerie", "gendarmes"])


def protest_told(f: Finder, s_anns, si: int, sentences: list[Sentence]) -> bool:
    """A demonstration told in the sentence (a protest's own word, not a police-only one such
    as "responded") or one or two sentences before."""
    return protest_before(f, si, sentences, back=2) or any(
        a.kind == "trigger"
        and a.trigger.sub_event_type in PROTEST_TYPES
        and "protest" not in a.trigger.flags
        for a in s_anns
    )


def policing_a_protest(f: Finder, c, s_anns, si: int, sentences: list[Sentence]) -> bool:
    """A police-only word ("intervened", "pacified") of candidate `c` tells the police's or
    the country's forces' act on a demonstration told with it: in the sentence (a protest's
    own word, not another police-only one such as "responded"), or one or two sentences
    before ("A demonstration was held. It is unclear ... Troops intervened.")."""
    told = (
        CROWD_CONTEXT in c.rules
        or any(t.atype == PROTESTERS for t in c.targets)  # "police blocked protesters"
        or protest_told(f, s_anns, si, sentences)
    )
    if not told:
        return False
    if any(
        (isinstance(a.info, str) and a.info in _HOME_FORCES)
        or f.lex.names_group(a.name, "police")
        or f.text[a.start : a.end].lower() in _POLICING_WORDS
        for a in c.agents
    ):
        return True
    # "The gendarmerie intervened", "Police intervention was required": a policing word
    # named as the subject, or in the trigger itself, that no dictionary row made an actor.
    main = max(c.triggers, key=lambda a: a.trigger.strength)
    subject = key_of(f.text[c.clause[0] : main.end])
    return any(w in _POLICING_KEYS for w in subject)


def arrests_at_protest(f: Finder, main, clause, s_anns, si: int, sentences: list[Sentence]) -> bool:
    """The arrests were made at a demonstration: "arrested during a protest", "residents
    protested ... and police arrested five of them", or the sentence before told of one."""
    return (
        _protest_met_by(f.text, main, s_anns)
        or protest_before(f, si, sentences, back=2)
        or _AT_PROTEST.search(f.text, main.end, _clause_or_after(f.text, clause, sentences[si]))
        is not None
        or _WERE_PROTESTING.search(f.text, sentences[si].start, main.start) is not None
    )


# "cadres were protesting on their way to the airport when police arrested 97 of them": the
# people were demonstrating, told before the arrest in its sentence.
_WERE_PROTESTING = re.compile(
    r"\b(?:were|was)\s+(?:\w+ly\s+)?(?:protesting|demonstrating|agitating)\b", re.I
)


def _clause_or_after(text: str, clause: tuple[int, int], sent: Sentence) -> int:
    """Where to look for the demonstration the arrests were made at: the clause and what
    follows it up to the sentence's end or a semicolon ("were arrested by the police while
    protesting against the fare hike": "while" opens a clause of its own)."""
    semi = text.find(";", clause[1], sent.end)
    return sent.end if semi < 0 else semi
