"""Provides the readings of a sentence's structure that say which words are an act's
subject: an aside between a subject and its verb ("troops, backed by militias, stormed"),
a leading or relative subordinate clause ("after militants attacked ..."), a second act
with its own date or its own subject after "and", an elided subject ("... and then
shelled"), and where a subject's comma clause starts. `assemble.find_candidates` reads
candidates with them.
"""

from __future__ import annotations

import bisect
import re

from ..base.codebook import DISRUPTED, REMOTE, event_type_of
from .annotate import Ann
from .candidates import Finder, in_span
from .cues import is_verb
from .dating import usable_date
from .lexicon import Lexicon
from .text import comma_end, comma_start

TIME_WORDS = frozenset(["at", "in", "on", "the", "early", "late", "hours", "of", "dawn", "dusk",
                        "night", "morning", "evening", "afternoon", "midnight", "noon"])  # fmt: skip


def after_aside(f: Finder, sent, t: Ann, etok: int, starts) -> tuple[int, int] | None:
    """(first, end) tokens of the comma segment after a date-only aside that directly
    follows the trigger ("targeted, at dawn today, a position"), or None."""
    if etok >= len(starts) or f.text[t.end : t.end + 1] != ",":
        return None
    x, dated = t.j, False
    while x < etok:
        a = f.ann_at(x)
        if a is None and f.keys[x] in TIME_WORDS:
            x += 1  # "at dawn", "in the early hours of"
            continue
        if a is None or a.kind != "date":
            return None
        dated, x = True, a.j
    if not dated:
        return None
    return etok, bisect.bisect_left(starts, comma_end(sent, starts[etok]))


AMID = frozenset(("amid", "amidst"))
SUBORDINATE = re.compile(
    r",\s*(?:after|before|following|when)\b(?![^,]*,\s*(?:after|before|following|when)\b)", re.I
)
# "gathered to mourn X, who was killed by IS fighters": the relative clause tells another act.
RELATIVE_CLAUSE = re.compile(r"(?:,\s*|\s+)(?:who|which)\s+(?:(?:was|were|had|has|have)\s+)?"
                       r"(?:been\s+)?(?:\w+ly\s+)?\Z")  # fmt: skip
_BARE_SUBORDINATE = re.compile(r"\b(?:after|when|before)\s+(?:the\s+|a\s+|an\s+)?", re.I)


_LEADING = re.compile(r"[\"“]?(?:when|after|as|while|once|because)\b[^,;.]{3,200}(?=,)", re.I)
_COMMA = re.compile(",")


def leading_subordinate(text: str, start: int, pos: int) -> re.Match | None:
    """ "When relatives marched ..., security forces opened fire": the comma that ends a
    sentence-initial "when/after" clause starts the main action."""
    m = _LEADING.match(text, start, pos)
    return _COMMA.match(text, m.end()) if m is not None else None


def subordinate_subject(text: str, s_anns: list[Ann], start: int, pos: int) -> re.Match | None:
    """ "after gunmen killed": "after" with no comma, but followed by a named doer and its
    own verb. "after days of heavy fighting" names no doer and stays one action."""
    last = None
    for m in _BARE_SUBORDINATE.finditer(text, start, pos):
        last = m
    if last is None:
        return None
    for a in s_anns:
        if a.kind == "actor" and a.start == last.end() and a.end <= pos:
            return last
    # "shot down a jet after it bombed Kafr Nabl": a pronoun and the act's own verb.
    if _PRONOUN_ACT.fullmatch(text, last.end(), pos):
        return last
    return None


_PRONOUN_ACT = re.compile(r"(?:it|they)\s+(?:had\s+)?", re.I)


_AND_THEN = re.compile(r",?\s+(?:and(?:\s+then)?|then)\s+", re.I)


def dated_second_act(
    f: Finder,
    s_anns: list[Ann],
    clause: tuple[int, int],
    grouped: list[Ann],
    t: Ann,
    shared: set[int],
):
    """ "Russian jets bombed Saraqeb on Monday and on Tuesday struck a hospital in Ariha",
    "shelled the town last week and stormed it on Sunday": after "and", a second act with a
    day of its own, other than the first act's, by the same doer. The match starts at "and";
    the clause from there is marked as sharing the doer."""
    joins = list(_AND_THEN.finditer(f.text, grouped[-1].end, t.start))
    if not joins or not is_verb(t):
        # "arrested 12 people, seven women and five men, over Saturday's attack": an act
        # told as a noun is what the arrest is about, not a second act of the arresters.
        return None
    at = joins[-1]
    dates = [d for d in in_span(s_anns, *clause, "date") if usable_date(d)]
    first = {d.date_hit.date for d in dates if d.start < at.start()}
    second = [
        d for d in dates
        if at.end() <= d.start < _next_trigger(s_anns, t)
    ]  # fmt: skip
    if not first or not second or second[0].date_hit.date in first:
        return None
    shared.add(at.start())
    return at


def elided_subject(
    f: Finder, lex: Lexicon, s_anns: list[Ann], clause: tuple[int, int], ts: list[Ann]
) -> bool:
    """ "Turkey has sent armoured columns ..., and on Wednesday deployed tanks": the clause
    opens with "and", then only a date or words between a doer and its act, then the verb."""
    t = ts[0]
    if not is_verb(t):
        return False
    lo, ti = bisect.bisect_left(f.starts, clause[0]), bisect.bisect_left(f.starts, t.start)
    if lo >= ti or f.keys[lo] not in ("and", "then"):
        return False
    k = lo + 1
    while k < ti:
        a = f.ann_at(k)
        if a is not None and a.kind == "date":
            k = a.j
        elif f.keys[k] in lex.bridge:
            k += 1
        else:
            return False
    return True


# The word that opens a clause of its own inside a sentence: "..., adding that", "and", "but".
_CLAUSE_JOIN = re.compile(r"\b(?:and|but|while|whereas|that)\b|;", re.I)


def interception(f: Finder, lex: Lexicon, group: list[Ann], t: Ann) -> re.Match | None:
    """ "Israel struck targets near Damascus, the army said, adding that its air defences
    intercepted most of the missiles": a weapon stopped (`Disrupted weapons use`) told after
    a strike, shelling or bombing in its own clause is the defender's act, not the attacker's
    (ACLED: the strike by its doer, the interception by the side that stopped it). The match
    is the last joining word between the attack and this trigger, where its clause starts;
    none, or one with no subject of its own after it (`[grammar] auxiliaries`: "missiles fired
    at Riyadh that were intercepted"; the verb itself: "... and shot down most of them"),
    keeps them one act."""
    if t.trigger.sub_event_type != DISRUPTED:
        return None
    attacks = [
        g for g in group if g.start < t.start and event_type_of(g.trigger.sub_event_type) == REMOTE
    ]
    if not attacks:
        return None
    last = None
    for m in _CLAUSE_JOIN.finditer(f.text, max(g.end for g in attacks), t.start):
        last = m
    if last is None:
        return None
    k, ti = bisect.bisect_left(f.starts, last.end()), bisect.bisect_left(f.starts, t.start)
    if k >= ti or f.keys[k] in lex.auxiliaries:
        return None
    return last


def _next_trigger(s_anns: list[Ann], t: Ann) -> int:
    later = [a.start for a in s_anns if a.kind == "trigger" and a.start > t.start]
    return min(later) if later else 1 << 60


def new_subject(f: Finder, lex: Lexicon, s_anns: list[Ann], start: int, t: Ann):
    """ "Rebels shelled Aleppo and government jets struck Douma", "a helicopter was shot down
    after it bombed Taftanaz": a joining word (`[grammar] new_act_joins`), then a doer of
    its own (a named actor or a pronoun, `[grammar] subject_pronouns`) and, past words that
    may sit between a doer and its act (`bridge`), this trigger: another act, told in the
    same sentence. The match starts at the joining word."""
    last = None
    for m in lex.new_act_joins.finditer(f.text, start, t.start):
        last = m
    if last is None:
        return None
    before = bisect.bisect_left(f.starts, last.start()) - 1
    prev = f.ann_at(before) if before >= 0 else None
    if prev is not None and prev.kind == "actor":
        return None  # "airstrikes from the government and Russia killed": one doer, two names
    k = bisect.bisect_left(f.starts, last.end())
    ti = bisect.bisect_left(f.starts, t.start)
    if k >= ti:
        return None
    if f.keys[k] in lex.subject_pronouns:
        k += 1
    else:
        doer = f.ann_at(k)
        if doer is None or doer.kind != "actor" or doer.start != f.starts[k]:
            return None
        k = doer.j
    if ti - k > 6 or not all(w in lex.bridge for w in f.keys[k:ti]):
        return None
    return last


def subject_start(text: str, sent, pos: int, starts) -> tuple[int, int | None]:
    """First token of the subject's comma clause; a short "(ISWAP)" or "(RSF)" after a
    name does not end the subject: "Islamic State West Africa Province (ISWAP) fighters"."""
    at = comma_start(sent, pos)
    while at > sent.start and text[at] == ")":
        opened = text.rfind("(", sent.start, at)
        if opened <= sent.start or at - opened > 24:
            break
        at = comma_start(sent, opened - 1)
    # "government troops and their allies, including Iraqi militias, stormed": an aside
    # between the subject and its verb; the subject is read from before it (token `aside`).
    aside = None
    if at > sent.start and text[at] == ",":
        inner = comma_start(sent, at - 1)
        if inner > sent.start and _ASIDE.match(text, inner + 1):
            aside = bisect.bisect_left(starts, inner)
            at = comma_start(sent, inner - 1)
    return bisect.bisect_left(starts, at), aside


_ASIDE = re.compile(
    r"\s*(?:including|among\s+them|notably|mostly|mainly|backed\s+by|supported\s+by|"
    r"led\s+by|along\s+with|together\s+with|(?:fighting\s+)?alongside|aided\s+by|"
    r"helped\s+by|assisted\s+by|with\s+the\s+(?:help|support)\s+of)\b",
    re.I,
)
