"""Provides `headline_doer`: the doer a headline names for the act its lede tells unnamed.

Headlines are read for no event of their own (text.py skips heading lines: a headline
retells the lede), but wire copy often names the doer only there: "Russian strike kills 18
civilians in Idlib" over "An air strike killed 18 civilians in Idlib province on
Saturday". The lede's act, when nobody is named as its doer (none, or the unidentified
group by default, not read from the lede: "Jihadist fighters attacked" is read), takes the
one the headline names right before an attack word of the same ACLED event type.
"""

from __future__ import annotations

from ..base.codebook import event_type_of
from .annotate import Ann
from .model import EventProposal
from .text import Sentence

RULE = "actor1-headline"


def headline_doer(
    events: list[EventProposal], anns: list[Ann], sentences: list[Sentence], text: str, unnamed
) -> None:
    """`unnamed`: the names that say no doer was named (the unidentified armed group)."""
    head = sentences[0] if sentences else None
    if head is None or not head.skip or text[: head.start].strip() or not events:
        return
    found = _doer(anns, head, text)
    if found is None:
        return
    doer, kind = found
    lede = min(events, key=lambda e: e.start)
    # An unidentified group read from the lede ("Jihadist fighters attacked") is named.
    read = any(r.startswith("agent-") for r in lede.rules)
    if lede.start < head.end or (lede.actor1 is not None and (lede.actor1 not in unnamed or read)):
        return
    if event_type_of(lede.sub_event_type) != kind or doer.name in (lede.actor2, None):
        return
    lede.actor1 = doer.name
    lede.actor1_span = (doer.start, doer.end)
    lede.rules.append(RULE)
    lede.incomplete = [f for f in lede.incomplete if f != "actor1"]


def _doer(anns: list[Ann], head: Sentence, text: str) -> tuple[Ann, str] | None:
    """The headline's first armed actor right before an attack word ("Russian strike",
    "US-led strikes", "Syrian jets pound"), with that word's event type."""
    inside = [a for a in anns if head.start <= a.start and a.end <= head.end]
    for a, b in zip(inside, inside[1:], strict=False):
        if a.kind != "actor" or a.role or not a.name or text[a.end : b.start].strip():
            continue
        if b.kind == "trigger":
            return a, event_type_of(b.trigger.sub_event_type)
    return None
