"""Provides the side an armed act was against when its own sentences name none: the armed
group the article is about.

"After a ten-day truce the offensive restarted this weekend", "airstrikes and shelling
pounded the town": a report of a campaign against one group names it in its lead and
then tells the fighting without it, as a reader knows whom the offensive is against. When
an armed act (a clash, an air or artillery strike, a change of territory) has a doer or a
place but no other side, and the article names one non-state armed group far more than any
other (three times or more, at least twice as often as the next), that group is the other
side, unless it is the doer itself. Marked (`actor2-article-adversary`) and said in the
note: the analyst sees that the other side was inferred from the article, not the sentence.
"""

from __future__ import annotations

from collections import Counter

from ..base.actors import NON_STATE_INTER, type_names
from .annotate import Ann
from .model import EventProposal

RULE = "actor2-article-adversary"
ARMED_ACTS = frozenset(
    (
        "Armed clash",
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Government regains territory",
        "Non-state actor overtakes territory",
    )
)
NON_STATE = frozenset(type_names(NON_STATE_INTER))
LEAST, LEAD = 3, 2  # named this often, and this many times as often as the next group


def article_adversary(events: list[EventProposal], anns: list[Ann]) -> None:
    """Give the acts of `events` with no other side the article's armed group (see above)."""
    if not any(not ev.actor2 and ev.sub_event_type in ARMED_ACTS for ev in events):
        return
    named = Counter(
        a.name for a in anns if a.kind == "actor" and a.name and not a.role and a.atype in NON_STATE
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
