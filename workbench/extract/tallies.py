"""Provides `mark_context`: whether a casualty figure is one incident's toll, and
`parts_of_a_total`: the figures of an incident that add up to another of its figures.

A figure is a tally (`aggregate`) when it sums a period or a war ("since May", "so far this
year", "the war has killed", "thousands"), an addition (`also`) when it adds to a figure
given before ("another three", "were also killed"), and a whole (`total`) when it counts both
sides ("on both sides", "in all"). Read from the figure's own clause only.
"""

from __future__ import annotations

import re

_PERIOD = re.compile(
    r"\b(?:since|so\s+far|to\s+date|this\s+year|last\s+year|in\s+total|overall|all\s+told"
    r"|over\s+the\s+(?:past|last)|in\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:days|weeks|months|years)"
    r"|in\s+recent\s+(?:days|weeks|months|years)|each\s+year|every\s+year|per\s+year"
    r"|in\s+the\s+(?:\w+\s+){0,2}(?:weeks|months|years)\s+(?:to|since|until|up\s+to|through|ending)\b"
    r"|annually|cumulative|combined)\b",
    re.I,
)
# "Over the same period, 52 women were killed": a tally told after another.
_SAME_PERIOD = re.compile(
    r"\b(?:in|during|over)\s+the\s+same\s+(?:period|time\s+period|months)\b", re.I
)
_WAR_SUBJECT = re.compile(
    r"\b(?:war|conflict|violence|insurgency|crisis|unrest|uprising|bloodshed|rebellion|campaign"
    r"|offensive)"
    r"\s+(?:\w+\s+){0,6}?(?:has|have)\s+(?:so\s+far\s+)?"
    r"(?:killed|claimed|left|cost)\b",
    re.I,
)
# "put the death toll from the six-year conflict at 470,000": the toll of a war.
_WAR_TOLL = re.compile(
    r"\btoll\s+(?:[\w-]+\s+){0,4}?(?:war|conflict|insurgency|uprising|crisis|civil\s+war)\b", re.I
)
# "the deadliest attack (in the capital) since 2015" dates a record, not a tally ("the first
# half of this year", "the first six months" are periods).
_RECORD = re.compile(
    r"\b(?:deadliest|worst|bloodiest|largest|biggest|highest|heaviest|most\s+\w+"
    r"|first(?!\s+(?:half|quarter|(?:\w+\s+)?(?:months|weeks)\b)))\b"
    r"(?:\s+[\w-]+){0,5}\s*$",
    re.I,
)
_BOTH_SIDES = re.compile(
    r"(?:\s+[a-z]+){0,2}?\s+(?:on|from|among)\s+(?:both|all|the\s+two)\s+sides\b|\s+in\s+all\b",
    re.I,
)
_ALSO = re.compile(r"\b(?:also|as\s+well|in\s+addition|another|a\s+further|additional)\b", re.I)
_BLAMED = re.compile(
    r"\b(?:blamed|responsible)\s+for\s+(?:the\s+)?(?:killing|deaths?)\s+of\s*$|\bblamed\s+for\s+$",
    re.I,
)


WINDOW = 500
_PERFECT_END = re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?(?:been\s+)?$")
_HAS = re.compile(r"\b(?:has|have)\b", re.I)
_MORE = re.compile(r"\s+more\b")
# "1,200 civilians had been killed in Russian strikes": a four-figure count in the past
# perfect sums a campaign, as in the perfect ("have been killed").
_HAD_BEEN = re.compile(r"\bhad\s+been\b", re.I)
# "The watchdog had earlier reported 12 dead", "It had initially given a death toll of 22":
# a count a later one replaced, no rival report of the toll (treated as a tally: no toll).
_SUPERSEDED = re.compile(
    r"\b(?:earlier|initially|previously|first)\s+(?:reported|gave|given|put|said|announced"
    r"|counted|cited|estimated)\b[^.;]{0,50}$|\ban?\s+(?:earlier|initial|previous)\s+"
    r"(?:death\s+)?(?:toll|tally|count|figure)\b[^.;]{0,40}$",
    re.I,
)
# "There have been up to 500 civilians killed": a count of everything so far.
_THERE_HAVE_BEEN = re.compile(r"\bthere\s+(?:have|has)\s+been\s+(?:\w+\s+){0,3}$", re.I)
# "the death toll across Ukraine from today's strikes", "killed nationwide": a toll of many
# places, no one incident's.
_ACROSS = re.compile(
    r"\b(?:(?:across|throughout)\s+(?:the\s+)?(?:country|nation|[A-Z][\w-]+)|nationwide)\b"
)


def mark_context(h, text: str) -> None:
    """Flags a tally (`aggregate`) and an added figure (`also`) from the hit's own clause."""
    if h.rule == "casualty-none":
        return  # "No casualties have been reported so far" is still about this incident
    # The clause is looked for within WINDOW characters: the tests below read at most 80
    # characters either side, and an unbounded search for the next "." made a text without
    # one quadratic.
    a, b = max(0, h.start - WINDOW), min(len(text), h.end + WINDOW)
    lo = max(text.rfind(".", a, h.start), text.rfind("\n", a, h.start), text.rfind(";", a, h.start))
    lo = lo if lo >= 0 else a - 1
    ends = [
        i
        for i in (text.find(".", h.end, b), text.find("\n", h.end, b), text.find(";", h.end, b))
        if i >= 0
    ]
    hi = min(ends) if ends else b
    before, after = text[lo + 1 : h.start], text[h.end : hi]
    # Most figures have no "has/have", "blamed" or "responsible" near them: a substring
    # test on the lower-cased text rules a pattern out before it is searched (none of
    # these letters has another case-insensitive form; "pon" stands for "responsible").
    near = (before[-80:] + h.text).lower()
    has = "ha" in near
    # Only the end of `before` can match: searching a long clause for "$" costs per character.
    perfect = has and (_PERFECT_END.search(before[-60:]) or _HAS.search(h.text))
    period = _PERIOD.search(after[:80])
    if period and _RECORD.search(after[: period.start()]):
        period = None
    if (
        period
        or perfect
        and _PERIOD.search(before[-40:])
        or _SAME_PERIOD.search(before[-50:])
        or has
        and _WAR_SUBJECT.search(before[-80:] + h.text)
        or h.vague in ("thousands", "tens of thousands", "hundreds of thousands")
        or h.count >= 1000
        and (perfect or _HAD_BEEN.search(h.text))
        or ("blame" in near or "pon" in near)
        and _BLAMED.search(before[-40:])
        or _ACROSS.search(before[-40:] + h.text + after[:30])
        or has
        and _THERE_HAVE_BEEN.search(before[-40:])
        or _SUPERSEDED.search(before[-60:] + h.text)
        or h.rule == "casualty-death-toll"
        and _WAR_TOLL.search(h.text)
    ):
        h.aggregate = True
    if _BOTH_SIDES.match(after):
        h.total = True
    if _ALSO.search(h.text) or _ALSO.search(before[-14:]) or _MORE.match(after):
        h.also = True


# At most this many distinct figures are tried as parts (2**n subsets): incidents have few.
MAX_PARTS = 10


def parts_of_a_total(hits: list) -> list:
    """The hits that are parts of a total told beside them: two or more smaller figures
    that add up exactly to another figure of the incident ("Air strikes killed 26 people
    ... a strike on the hospital killed 14 ... strikes south of the town killed 12").
    They are no rival reports of it, and not added to it again. Every hit of a part's
    figure goes (the same part told twice)."""
    counts = sorted({h.count for h in hits if h.count > 0})
    if len(counts) < 3:
        return []
    for total in reversed(counts):
        values = [c for c in counts if c < total][-MAX_PARTS:]
        # Each figure once, as a report tells each place's dead once.
        best: tuple[int, ...] = ()
        for mask in range(1, 1 << len(values)):
            chosen = tuple(v for i, v in enumerate(values) if mask >> i & 1)
            if len(chosen) >= 2 and sum(chosen) == total and len(chosen) > len(best):
                best = chosen
        if best:
            return [h for h in hits if h.count in best]
    return []
