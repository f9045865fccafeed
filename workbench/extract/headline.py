"""Provides `headline_doer` and `headline_toll`: the doer and the toll a headline gives the
act its lede tells without them.

Headlines are read for no event of their own (text.py skips heading lines: a headline
retells the lede), but wire copy often names the doer only there: "Russian strike kills 18
civilians in Idlib" over "An air strike killed 18 civilians in Idlib province on
Saturday". The lede's act, when nobody is named as its doer (none, or the unidentified
group by default, not read from the lede: "Jihadist fighters attacked" is read), takes the
one the headline names right before an attack word of the same ACLED event type.

The toll likewise: "Eight Civilians Killed in Coalition Airstrike West of Raqqa" over "An
airstrike of the coalition has claimed lives of eight civilians in Tabqa" (a wording no
pattern reads), or "Bomb Kills 18 in Damascus Suburb" over a lede whose act is told only
with its wounded. The lede's act, told with no dead (none, or only the hurt counted), takes
the one exact count of the dead the headline gives, unless the headline's attack word
nearest the count is of another event type or another act has that toll ("Strike on
convoy kills 11 as battle rages" over a lede of the battle).
"""

from __future__ import annotations

from ..base.codebook import event_type_of
from .annotate import Ann
from .model import EventProposal
from .text import Sentence
from .tolls import INJURED_ONLY

RULE = "actor1-headline"
TOLL_RULE = "fatalities-headline"


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


def headline_toll(
    events: list[EventProposal], anns: list[Ann], sentences: list[Sentence], text: str
) -> None:
    head = sentences[0] if sentences else None
    if head is None or not head.skip or text[: head.start].strip() or not events:
        return
    inside = [a for a in anns if head.start <= a.start and a.end <= head.end]
    dead = [
        a for a in inside
        if a.kind == "casualty" and a.figure.kind == "killed" and a.figure.count > 0
        and not (a.figure.vague or a.figure.subset or a.figure.aggregate)
    ]  # fmt: skip
    if len({a.figure.count for a in dead}) != 1:
        return
    count = dead[0].figure.count
    lede = min(events, key=lambda e: e.start)
    if lede.start < head.end or sum(e.start == lede.start for e in events) > 1:
        return  # no act after the headline, or one act split over places
    if lede.fatalities is not None and INJURED_ONLY not in lede.rules:
        return  # the lede tells its dead, or that nobody died
    if any(e.fatalities == count for e in events):
        return  # "Strike on convoy kills 11 as battle rages": another act's toll
    # The act that killed: the headline's attack word nearest the figure.
    # (not the kill word of the figure itself: "Eight Civilians Killed in Coalition Airstrike")
    acts = [
        a for a in inside
        if a.kind == "trigger" and not any(d.start < a.end and a.start < d.end for d in dead)
    ]  # fmt: skip
    if acts:
        act = min(acts, key=lambda a: abs(a.start - dead[0].start))
        if event_type_of(act.trigger.sub_event_type) != event_type_of(lede.sub_event_type):
            return
    lede.fatalities = count
    lede.rules.append(TOLL_RULE)
    told = f"Fatalities: {count}, from the headline (the lede tells no dead)."
    lede.notes = f"{lede.notes} {told}".strip()
