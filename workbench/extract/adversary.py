"""Provides the sides of an armed act its own sentences do not name, from what the article
is about: the armed group it is against (`article_adversary`), and who did it
(`article_doer`).

"After a ten-day truce the offensive restarted this weekend", "airstrikes and shelling
pounded the town": a report of a campaign against one group names it in its lead and
then tells the fighting without it, as a reader knows whom the offensive is against. When
an armed act (a clash, an air or artillery strike, a change of territory) has a doer or a
place but no other side, and the article names one non-state armed group far more than any
other (three times or more, at least twice as often as the next), that group is the other
side, unless it is the doer itself. Marked (`actor2-article-adversary`) and said in the
note: the analyst sees that the other side was inferred from the article, not the sentence.

The doer likewise: "the assault on Afrin entered its eighth week" in a report whose other
acts are Turkey's is Turkey's. An armed act with no doer at all (not even "gunmen", which
ACLED codes as an unidentified armed group) takes the actor that is the doer of the article's other
proposals, when one is, at least twice and twice as often as any other, and it is not the
act's other side (`actor1-article-doer`). Neither inferred side lets two articles' reports
join as one event (persist).
"""

from __future__ import annotations

from collections import Counter

from ..base.actors import NON_STATE_TYPES
from ..base.codebook import AIR, SHELLING
from .annotate import Ann
from .incident import BATTLE_TYPES
from .lexicon import Lexicon
from .model import EventProposal

RULE = "actor2-article-adversary"
DOER_RULE = "actor1-article-doer"
# Doers that name no one in particular: never the article's doer.
GENERIC = ("unidentified", "civilians", "protesters", "rioters", "police")
ARMED_ACTS = BATTLE_TYPES | {AIR, SHELLING}
LEAST, LEAD = 3, 2  # named this often, and this many times as often as the next group


def article_adversary(events: list[EventProposal], anns: list[Ann]) -> None:
    """Give the acts of `events` with no other side the article's armed group (see above)."""
    if not any(not ev.actor2 and ev.sub_event_type in ARMED_ACTS for ev in events):
        return
    named = Counter(
        a.name
        for a in anns
        if a.kind == "actor" and a.name and not a.role and a.atype in NON_STATE_TYPES
    )
    ranked = named.most_common(3)
    for ev in events:
        if ev.actor2 or ev.sub_event_type not in ARMED_ACTS:
            continue
        rest = [(name, n) for name, n in ranked if name != ev.actor1]
        if not rest:
            continue
        (name, n), runner = rest[0], (rest[1][1] if len(rest) > 1 else 0)
        if n >= LEAST and n >= LEAD * runner:
            ev.actor2 = name
            ev.rules.append(RULE)
            told = f"Actor 2: none in the sentence; {name}, the armed group the article is about."
            ev.notes = f"{ev.notes} {told}".strip()


def article_doer(events: list[EventProposal], lex: Lexicon) -> None:
    """Give the armed acts of `events` with no doer the article's doer (see above)."""

    def named(name: str | None) -> bool:
        found = lex.template_group(name) if name else None
        return bool(name) and (found is None or found[0] not in GENERIC)

    if not any(ev.sub_event_type in ARMED_ACTS and not ev.actor1 for ev in events):
        return
    doers = Counter(ev.actor1 for ev in events if named(ev.actor1))
    ranked = doers.most_common(2)
    if not ranked:
        return
    (doer, n), runner = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0)
    if n < LEAD or n < LEAD * runner:
        return
    for ev in events:
        if ev.sub_event_type in ARMED_ACTS and not ev.actor1 and ev.actor2 != doer:
            ev.actor1 = doer
            ev.actor1_span = None
            ev.rules.append(DOER_RULE)
            ev.incomplete = [f for f in ev.incomplete if f != "actor1"]
            told = f"Actor 1: none in the sentence; {doer}, the doer of the article's other acts."
            ev.notes = f"{ev.notes} {told}".strip()
