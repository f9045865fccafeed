"""Provides the spans of time an act is told over, read from the words around its trigger
(part of `cues`): "for weeks" (`a_duration`), "over the past week" (`recent_span`: recent
news, not a tally) and "in recent months", "throughout the war", "in the past"
(`span_after`: a stretch of war behind an undated act, not one incident)."""

from __future__ import annotations

from ..base.numbers import NUMBER_WORDS

DURATIONS = frozenset(["weeks", "months", "years", "decades", "week", "month", "year"])

# "Over the past week", "in the past 48 hours": a recent span of days, told as news (ACLED
# codes its acts at week precision), not a tally of years.
_SHORT_SPANS = frozenset(["week", "weekend", "days", "day", "hours", "night", "nights"])


_SPAN_COUNTS = frozenset(["a", "an", "one", "two", "three", "four", "five", "six", "several",
                          "many", "some", "nearly", "almost", "over", "more", "than", "about"])  # fmt: skip


def a_duration(words: list[str]) -> bool:
    """words after "for" name a stretch of time: "for weeks", "for two years", "for the
    past month" (not "exchanged for food this week")."""
    if not words:
        return False
    if words[0] in DURATIONS and words[0].endswith("s"):
        return True
    k = 2 if words[:2] in (["the", "past"], ["the", "last"]) else 0
    while k < len(words) and (words[k] in _SPAN_COUNTS or words[k].isdigit()):
        k += 1
    return 0 < k < len(words) and words[k] in DURATIONS


# "in recent months", "in the last few years", "over the past two years": a span behind an
# act that makes it a stretch of fighting, not one incident (not "in recent weeks", "over
# the past week": ACLED codes such acts, "abducted by the LRA in recent weeks", as one event).
_SPAN_UNITS = frozenset(["months", "years", "decades"])
_SPAN_PREPOSITIONS = frozenset(["in", "over", "during", "throughout", "through"])
# A war told as a whole: "throughout the war", "during the Syrian conflict".
_WHOLE_WAR = frozenset(["war", "conflict"])
_SPAN_COUNTS_FEW = frozenset(["few", "several", "two", "three", "four", "five", "six", "many"])


def span_after(words: list[str], reach: int) -> bool:
    """words (after a trigger, to the sentence's end) hold, in their first `reach`,
    "in/over/during recent <months...>" or "in/over/during the last/past [few|N] <months...>"."""
    for x, w in enumerate(words[:reach]):
        if w not in _SPAN_PREPOSITIONS:
            continue
        rest = words[x + 1 : x + 5]
        if rest[:2] in (["the", "years"], ["recent", "times"]):
            return True  # "shelled over the years", "in recent times"
        if (
            w in ("during", "throughout")
            and rest[:1] == ["the"]
            and not _WHOLE_WAR.isdisjoint(rest[1:3])
        ):
            # "fought the army throughout the war", "during the civil war" (not "attacks
            # during the week a war monitor said", unpunctuated)
            return True
        if w not in ("in", "over", "during"):
            continue
        if rest[:1] == ["recent"] and rest[1:2] and rest[1] in _SPAN_UNITS:
            return True
        if rest[:2] in (["the", "last"], ["the", "past"]):
            k = 2
            if rest[k : k + 1] and rest[k] in _SPAN_COUNTS_FEW:
                k += 1
            if rest[k : k + 1] and rest[k] in _SPAN_UNITS:
                return True
            nxt = rest[2] if rest[2:3] else ""
            if rest[:2] == ["the", "past"] and not (
                nxt.isdigit()
                or nxt in NUMBER_WORDS
                or nxt in _SPAN_COUNTS
                or nxt in _SPAN_COUNTS_FEW
                or nxt in _SHORT_SPANS
                or nxt in DURATIONS
            ):
                return True  # "has targeted the province in the past": its history
    return False


def recent_span(words: list[str], x: int) -> bool:
    """words[x:] opens "over/in the past <a few days or a week>"."""
    return words[x + 1 : x + 3] == ["the", "past"] and not _SHORT_SPANS.isdisjoint(
        words[x + 3 : x + 6]
    )
