"""Provides `pick_date`: the day a candidate happened, and how sure that is.

In order: a usable date in the clause (not a day to come: "talks due to resume on Monday");
for an act that "also" happened, the day of the act
told before it; then a date in the sentence (not the day something was "claimed"), an embedded tweet's signature date, the last date of the sentence before (same
paragraph; a new paragraph only when linked: "Hours later", "Meanwhile"), or a bulletin's
date for its items. Time shifts ("hours later", "the next day", "a day earlier") place the
incident relative to the one before. Nothing usable leaves the date to the incident, or the
publication date at week precision.
"""

from __future__ import annotations

import bisect
import re

from ..base.codebook import STRATEGIC
from .annotate import Ann
from .candidates import Candidate, Finder, in_span
from .dates import (
    DATE_CLAUSE,
    DATE_PRESENT,
    DATE_PREVIOUS_SENTENCE,
    DATE_SENTENCE,
    RELATIVE_DAY,
    USABLE,
    item_opening,
)
from .incident import Incident
from .model import EventProposal
from .text import Sentence, comma_end, comma_start


def usable_date(d: Ann) -> bool:
    return (
        d.date_hit.precision in USABLE
        and d.date_hit.date is not None
        and not d.date_hit.range_marked
    )


# The lookahead (every phrase's possible first letters) fails most positions of a clause at
# one character test instead of trying each phrase.
_RELATIVE = re.compile(
    r"(?=[aehlmost])(?:(?P<same>meanwhile|at\s+the\s+same\s+time|(?:(?:a\s+few|several|two|three)\s+)?(?:hours|minutes|moments)"
    r"\s+(?:later|afterwards|after|earlier|before)|shortly\s+(?:later|afterwards|after|before)"
    r"|(?:later|earlier)\s+(?:that|the\s+same|in\s+the)\s+(?:day|morning|afternoon|evening)"
    r"|(?:on\s+)?(?:the|that)\s+same\s+day)|(?P<next>(?:on\s+)?the\s+(?:next|following)"
    r"\s+day|a\s+day\s+later)|(?P<prev>a\s+day\s+(?:earlier|before)|(?:on\s+)?the\s+(?:day|night)"
    r"\s+before|(?:on\s+)?the\s+previous\s+(?:day|night)))",
    re.I,
)


# "A day after the Kabul assault, ...", "Two days before the vote, ...": an opening phrase
# that dates the sentence's act from another event, named in it only as an anchor.
_ANCHOR = re.compile(
    r"(?:(?P<n>a|an|one|two|three|four|five|six|several|a\s+few)\s+(?P<unit>days?|hours?|"
    r"minutes?|weeks?|months?)|(?P<bare>hours|minutes|moments|days|weeks|shortly|soon|just))"
    r"\s+(?P<rel>after|before)\s+(?P<what>[^,.;:]{3,80}),",
    re.I,
)
_ANCHOR_FIRST = frozenset("aAoOtTfFsShHmMdDwWjJ")  # the first letters _ANCHOR can open with
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def anchor_opener(text: str, start: int) -> tuple[int, int | None] | None:
    """(end of the opening anchor phrase, days from the anchor's day to the act's: None when
    it says no day) for a sentence opening "A day after the Kabul assault, ...", else None."""
    if text[start : start + 1] not in _ANCHOR_FIRST:
        return None  # most sentences: one character test, not the regex
    m = _ANCHOR.match(text, start)
    if m is None:
        return None
    return m.end("what"), _shift(m)


def _shift(m: re.Match) -> int | None:
    """Days from the anchor's day to the act's ("two days after": 2), None when the phrase
    says no day ("weeks after")."""
    unit = (m["unit"] or m["bare"] or "").lower()
    sign = 1 if m["rel"].lower() == "after" else -1
    if unit.startswith(("hour", "minute", "moment", "shortly", "soon", "just")):
        return 0
    if unit in ("day", "days") and m["n"] and m["n"].lower() in _COUNTS:
        return sign * _COUNTS[m["n"].lower()]
    return None


# "Witnesses say two days after the disaster militants attacked the camp": the same anchor
# inside a clause, with no comma to end it, when it names an incident told before ("the
# disaster", "the attack": lexicon [nouns] incidents, within the three words after "the").
_ANCHOR_WITHIN = re.compile(
    r"\b(?:(?P<n>a|an|one|two|three|four|five|six|several|a\s+few)\s+(?P<unit>days?|hours?|"
    r"weeks?)|(?P<bare>hours|minutes|moments|days|shortly|just))\s+(?P<rel>after|before)\s+"
    r"(?:the|that|this)\s+(?P<what>[a-z-]+(?:\s+[a-z-]+){0,2})",
    re.I,
)


def anchor_within(
    text: str, lo: int, hi: int, nouns: frozenset[str]
) -> tuple[int, int, int] | None:
    """(start, end, days) of an anchor phrase between `lo` and `hi` that names an incident
    ("two days after the disaster"), ending at its incident noun; None without one or when
    it says no day."""
    firsts = [i for i in (text.find(" after ", lo, hi), text.find(" before ", lo, hi)) if i >= 0]
    if not firsts:
        return None  # most clauses: no anchor to look for
    # An anchor's count and unit stand just before its "after"/"before" ("several weeks"):
    # the clause before that holds none, and the pattern need not be tried there.
    for m in _ANCHOR_WITHIN.finditer(text, max(lo, min(firsts) - 40), hi):
        days = _shift(m)
        if days is None:
            continue
        at = m.start("what")
        for word in m["what"].split():
            at = text.index(word, at) + len(word)
            if word.lower() in nouns:
                return m.start(), at, days
    return None


REL_WORDS = frozenset(["meanwhile", "same", "hours", "minutes", "moments", "shortly", "later",
                       "earlier", "next", "following", "before", "previous", "afterwards"])  # fmt: skip


def pick_date(c, f, lex, sent, clause: tuple[int, int], s_anns, main, si, sentences) -> None:
    anchor = anchor_opener(f.text, sent.start)
    if anchor is not None and anchor[1] is not None and not in_span(s_anns, *clause, "date"):
        # "A day after the Kabul assault, the group claimed a shooting in Cairo": the day
        # after the incident the anchor names, told before.
        c.days_after = anchor[1]
    elif anchor is None and not in_span(s_anns, *clause, "date"):
        within = anchor_within(f.text, clause[0], main.start, lex.incident_nouns)
        if within is not None:
            c.days_after = within[2]  # "... two days after the disaster militants attacked"
    rel = _RELATIVE.match(f.text, sent.start)
    if rel is None and not REL_WORDS.isdisjoint(
        f.keys[bisect.bisect_left(f.starts, clause[0]) : bisect.bisect_left(f.starts, clause[1])]
    ):
        # "... flown to Mexico City hours later": the shift may also close the clause; but
        # "meanwhile" or "at the same time" inside a sentence is not about the day. (Every
        # shift holds one of REL_WORDS: most clauses skip the regex search.)
        rel = _RELATIVE.search(f.text, *clause)
        if rel is not None and rel["same"] and rel[0].lower().startswith(("meanwhile", "at")):
            rel = None
    if rel is not None:
        c.days_after = 0 if rel["same"] else -1 if rel["prev"] else 1
    dates = in_span(s_anns, *clause, "date")
    owner = _owning_date(f.text, dates, main)
    if owner is not None:
        # "the toll from January 17's airstrike", "since Sunday's attack": a date in the
        # possessive names the day of the act it qualifies, whatever else the clause dates.
        c.date, c.date_rule = owner, DATE_CLAUSE
        c.rules.append("date-possessive")
        return
    if _old_year_beside(c, f, sent, main, dates):
        return
    # "The attack was claimed on Tuesday": the day of the claim, not of the attack.
    usable = [
        d for d in dates
        if usable_date(d) and f.keys[max(0, d.i - 2) : d.i][-1:] != ["claimed"]
        and not _since_clause_date(f.text, sent.start, d.start, main.start)
        and not _ahead(f, d, NEAR_AHEAD)
    ]  # fmt: skip
    stated = [d for d in usable if _stated(f, d)]
    if stated and len(stated) < len(usable):
        # "Officials said on Tuesday that troops came under fire ... last week": the day of
        # the statement gives way to a date of the act's own.
        usable = [d for d in usable if d not in stated]
    rule = DATE_CLAUSE
    if not usable and _continues(f, lex, clause, main):
        # "Government forces shelled Kafranbel on Saturday. ... Rebels also attacked a
        # checkpoint, and on Monday jets bombed Saraqeb": the act "also" adds to (the last
        # one told, however far back) lends its day; not a date of another clause or the
        # next act. An undated act before lends none: "also" may add to it, not to an
        # older dated one.
        prev = f.made[-1].date if f.made else None
        if prev is not None and not c.historical:
            # A borrowed date, as one carried from the sentence before (never a new incident
            # by itself); the rule says which act it came from.
            c.date, c.date_rule = prev, DATE_PREVIOUS_SENTENCE
            c.rules.append("date-previous-act")
            return
    if not usable:
        usable = [
            d for d in s_anns
            if d.kind == "date" and usable_date(d) and f.keys[max(0, d.i - 1) : d.i] != ["claimed"]
            and not _since_clause_date(f.text, sent.start, d.start, main.start)
            and not _ahead(f, d, NEAR_AHEAD)
        ]  # fmt: skip
        rule = DATE_SENTENCE
    if not usable:
        sig = _signature_date(si, sentences, f)
        if sig is not None:
            c.date, c.date_rule = sig, "date-tweet-signature"
            return
        c.historical = any(d.date_hit.precision in ("year", "season") for d in dates)
        if not c.historical and not _ongoing(f.text, clause[0], main.start):
            linked = rel is not None or _LINKED.match(f.text, sent.start) is not None
            prev = _previous_date(si, sentences, f, linked)
            if prev is not None:
                # "Hours later, gunmen opened fire ...": news carries the date forward.
                c.date, c.date_rule = prev, DATE_PREVIOUS_SENTENCE
                if prev.start < _para_start(si, sentences) and not linked:
                    c.rules.append("date-previous-paragraph")  # likely that day, not sure
            else:
                _item_date(c, si, sentences, f)
        return
    d = min(usable, key=lambda d: abs(d.start - main.start))
    if d.date_hit.rule == RELATIVE_DAY:
        # "an overnight raid ... from Sunday to Monday": the named day is the firmer date;
        # but "..., the government said Saturday" is the day of the statement.
        named = [
            e for e in usable
            if e.date_hit.precision == "day" and e.date_hit.rule != RELATIVE_DAY
            and not _stated(f, e)
        ]  # fmt: skip
        d = min(named, key=lambda e: abs(e.start - main.start)) if named else d
    c.date, c.date_rule = d, rule
    before = f.keys[max(0, d.i - 3) : d.i]
    c.week_date = any(w in lex.media_verbs for w in before)


# What may stand between a possessive date and the act it qualifies: "'s deadly suicide".
_OWNS = re.compile(r"(?:['’]s)?(?:\s+[a-z][a-z-]*){0,2}\s+\Z")


def _owning_date(text: str, dates: list[Ann], main: Ann) -> Ann | None:
    """The date whose possessive qualifies the act's own noun: "Sunday's attack", "last
    week's deadly bombing" (at most two words between)."""
    for d in dates:
        hit = d.date_hit
        if (
            0 < main.start - d.end <= 30
            and hit.date is not None
            and hit.precision in USABLE
            and (
                text.startswith(("'s", "’s"), d.end) or text.endswith(("'s", "’s"), d.start, d.end)
            )
            and _OWNS.match(text, d.end, main.start) is not None
        ):
            return d
    return None


_YEAR = re.compile(r"\b(?:19[4-9]\d|20\d\d)\b")


def _old_year_beside(c, f, sent, main, dates) -> bool:
    """ "Israel, which captured the plateau in 1967, placed troops ... on Tuesday", "the
    arrests that followed the failed 2016 coup": a year before the article's, in the
    trigger's own comma segment and with no day or month there, makes the act background
    (a date elsewhere in the sentence belongs to another act)."""
    text = f.text
    if text.find("19", sent.start, sent.end) < 0 and text.find("20", sent.start, sent.end) < 0:
        return False  # no year in the sentence (most): no segment to find, no regex to run
    lo, hi = comma_start(sent, main.start), comma_end(sent, main.end)
    if any(usable_date(d) for d in dates if lo <= d.start < hi):
        return False
    old = [
        int(m.group()) for m in _YEAR.finditer(text, lo, hi)
        if (f.published is None or int(m.group()) < f.published.year)
        # "the worst attack since the war began in 2013": a yardstick, not the act's year
        and _SINCE.search(text, max(lo, m.start() - 50), m.start()) is None
    ]  # fmt: skip
    if not old:
        return False
    c.historical = True
    c.rules.append("date-old-year")
    return True


_SINCE = re.compile(r"\bsince\b", re.I)
# "since the war broke out in December 2013": the date of a clause of its own after "since".
_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:\S+\s+){2,8}?(?:(?:in|on)\s+)?\Z", re.I)


def _since_clause_date(text: str, lo: int, at: int, act: int) -> bool:
    """The date at `at` dates what a since-clause after the act (at `act`) says began ("the
    worst attack since the war began in 2013"), not the act; "since Monday" itself is a
    start and stays, and so does the act told inside the clause ("since Turkey launched its
    incursion on 20 January")."""
    m = _SINCE_CLAUSE.search(text, max(lo, at - 80), at)
    return m is not None and m.start() > act


ATTRIBUTION = frozenset(("said", "says", "told", "announced", "reported", "confirmed", "added"))


def _stated(f: Finder, d: Ann) -> bool:
    """The date follows a reporting verb ("said on Tuesday"): the day of a statement."""
    return not ATTRIBUTION.isdisjoint(f.keys[max(0, d.i - 2) : d.i])


_LINKED = re.compile(
    r"(?:later|then|afterwards|subsequent(?:ly)?|also|in\s+a\s+(?:later|second))\b", re.I
)


def _continues(f: Finder, lex, clause: tuple[int, int], main: Ann) -> bool:
    """ "Rebels also attacked", "Also on Sunday, ...": a continuation word
    (`[grammar] continuation`) in the clause before the act, at most four words before it."""
    t = bisect.bisect_left(f.starts, main.start)
    lo = max(bisect.bisect_left(f.starts, clause[0]), t - 4)
    return not lex.continuation.isdisjoint(f.keys[lo:t])


def _para_start(si: int, sentences: list[Sentence]) -> int:
    # Recorded by split_sentences: walking back to the paragraph's first sentence each time
    # made a long paragraph quadratic.
    return sentences[si].para_start


# "civilians are enduring a month of airstrikes", "the town has been facing shelling": told
# as going on now, the act is the news of the day, not of a date told before.
_ONGOING = re.compile(
    r"\b(?:is|are|has\s+been|have\s+been)\s+(?:still\s+|now\s+)?[a-z]+ing\b(?:\s+[a-z]+){0,3}\s+\Z"
)


def _ongoing(text: str, lo: int, act: int) -> bool:
    """The act's own verb, at most three words before it, is a present progressive."""
    return _ONGOING.search(text, max(lo, act - 60), act) is not None


def _previous_date(si: int, sentences: list[Sentence], f: Finder, linked: bool) -> Ann | None:
    """The last usable date in the two sentences before, within the same or the previous
    paragraph (not headings or boilerplate). A bulletin item or live-blog entry ("ALEPPO -",
    "09:40 -") starts its own incident: the item before lends it no date unless linked."""
    para = sentences[si].para
    item = not linked and item_opening(f.text, _para_start(si, sentences)) is not None
    for prev in reversed(sentences[max(0, si - 2) : si]):
        if prev.skip or prev.para < para - 1 or (item and prev.para < para):
            return None
        lo = bisect.bisect_left(f.ann_starts, prev.start)
        hi = bisect.bisect_left(f.ann_starts, prev.end)
        dates = [
            a for a in f.anns[lo:hi] if a.kind == "date" and usable_date(a) and not _ahead(f, a)
        ]
        if dates:
            return dates[-1]
    return None


# Words before a date in its clause that put it ahead: "for consideration by the security
# council on Thursday", "talks due to resume on Monday", "a vote expected on Friday".
_AHEAD = frozenset(["will", "would", "due", "expected", "scheduled", "planned", "consideration",
                    "upcoming", "shall"])  # fmt: skip


# In the act's own sentence only a future word right before the date puts it ahead ("talks
# due to resume on Monday"), not one further back whose verb the date may follow ("after
# the president said the troops would leave the city on Friday").
NEAR_AHEAD = 3


def _ahead(f: Finder, d: Ann, reach: int = 9) -> bool:
    """Whether date `d` is a day to come (a future word at most `reach` words before it in
    its comma clause): it dates no act told in the sentences after."""
    for k in range(d.i - 1, max(-1, d.i - 1 - reach), -1):
        if f.keys[k] in _AHEAD:
            return True
        if any(p in f._gap(k + 1) for p in ",;:.()"):
            return False  # the clause before the date ends here
    return False


def _item_date(c: Candidate, si: int, sentences: list[Sentence], f: Finder) -> None:
    """An undated bulletin item takes the day its introduction names ("incidents documented
    on Monday"); an undated live-blog entry is marked as of the day of publication."""
    kind = item_opening(f.text, _para_start(si, sentences))
    if kind is None:
        return
    if not f.intro_date:
        # The same for every item: found once per article (per item, a 400 KB bulletin
        # read all its dates 4,000 times).
        f.intro_date.append(_intro_date(sentences, f))
    intro = f.intro_date[0]
    if intro is not None:
        c.date, c.date_rule = intro, "date-bulletin-intro"
    elif kind == "timestamp":
        c.rules.append("date-live-entry")


def _intro_date(sentences: list[Sentence], f: Finder) -> Ann | None:
    """The last day-precise date before the first paragraph that opens as an item, outside
    skipped sentences."""
    first = next(
        (
            s for k, s in enumerate(sentences)
            if not s.skip and (k == 0 or sentences[k - 1].para != s.para)
            and item_opening(f.text, s.start) is not None
        ),
        None,
    )  # fmt: skip
    if first is None:
        return None
    sent_starts = [s.start for s in sentences]
    for a in reversed(f.anns[: bisect.bisect_left(f.ann_starts, first.start)]):
        if (
            a.kind == "date" and usable_date(a) and a.date_hit.precision == "day"
            and not _in_skipped(a, sentences, sent_starts)
        ):  # fmt: skip
            return a
    return None


def _in_skipped(a: Ann, sentences: list[Sentence], sent_starts: list[int]) -> bool:
    """`a` starts in a skipped sentence: the last one starting at or before it (sentences
    are in order and do not overlap)."""
    k = bisect.bisect_right(sent_starts, a.start) - 1
    return k >= 0 and sentences[k].skip and a.start < sentences[k].end


def _signature_date(si: int, sentences: list[Sentence], f: Finder) -> Ann | None:
    """An embedded tweet's "— Name (@handle) February 4, 2018" line dates the tweet."""
    para = sentences[si].para
    for nxt in sentences[si + 1 : si + 4]:
        if nxt.tweet_signature and nxt.para in (para, para + 1):
            lo = bisect.bisect_left(f.ann_starts, nxt.start)
            hi = bisect.bisect_left(f.ann_starts, nxt.end)
            for a in f.anns[lo:hi]:
                if a.kind == "date" and usable_date(a):
                    return a
        if nxt.para > para + 1:
            break
    return None


# The rule of an event the text gives no date for, dated by its publication.
DATE_PUBLICATION = "date-from-publication"


def date_event(ev: EventProposal, inc: Incident, published, rules, notes, text: str, main) -> bool:
    """The event's date and precision from its incident's (notes say where it came from);
    with none, the publication date. True when the text dates the act."""
    if inc.date is not None:
        hit = inc.date.date_hit
        ev.event_date, ev.date_precision = hit.date, hit.precision
        if inc.week_date and hit.precision == "day":
            ev.date_precision = "week"
            rules.append("date-media-upload-week")
            notes.append(f"Date: reported as published on {hit.date}; the event is on or before.")
        elif DATE_PREVIOUS_SENTENCE in inc.rules:
            # "On Monday, ... . Later, gunmen ...": within a paragraph news tells one day's
            # incidents in order, so the day keeps its precision; a new paragraph may have
            # moved on to another day, so that carried date is only week-precise.
            if "date-previous-paragraph" in inc.rules and hit.precision == "day":
                ev.date_precision = "week"
            notes.append(f"Date: {hit.date} from the sentence before; {ev.date_precision}.")
        return True
    if published is not None:
        # A live-blog entry ("09:40 - ...") reports that day; any other undated report,
        # as ACLED codes it, the week of publication.
        live = "date-live-entry" in inc.rules
        if (
            not live
            and ev.event_type == STRATEGIC
            and _PRESENT.search(text, max(0, main.start - 30), main.start) is not None
        ):
            # "The US has begun withdrawing troops", "forces are massing around Idlib":
            # told in the present, it is the news of the day the report came out.
            ev.event_date, ev.date_precision = published.isoformat(), "day"
            inc.rules.append(DATE_PRESENT)
            rules.append(DATE_PRESENT)
            notes.append("Date: told in the present; the day of publication.")
            return False
        ev.event_date, ev.date_precision = published.isoformat(), "day" if live else "week"
        rules.append(DATE_PUBLICATION)
        notes.append(f"Date: none in the text; publication date, {ev.date_precision} precision.")
    return False


# A present progressive or perfect right before the act: "are massing", "has begun".
_PRESENT = re.compile(r"\b(?:is|are|has|have)\s+(?:now\s+|already\s+|just\s+)?\Z", re.I)
