"""Provides date expressions found in text, resolved against the publication date.

"Feb. 3", "February 4, 2018", "3 February", "May 5", "on Monday", "Tuesday's attack", "April's attack",
"yesterday", "last week", "late last month", "in April", "December 12th of last year",
"two days ago", "a fortnight ago", "six weeks since" (what follows happened then), "2018-02-03". The year of a month-day is inferred from the publication
date (a date more than a week after it belongs to the year before). Each hit records its
ACLED precision - day, week or month - or `year`/`season`, which never date an event.
Without a publication date, relative phrases stay unresolved (`date` None): never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..base.calendar import DAY_NAMES, MONTH_ABBREVIATIONS, MONTH_NAMES
from ..base.numbers import UNITS

# A month, full or short ("February", "Feb", "Sept"), the longest first; a weekday.
_MON = "(?:{})".format(
    "|".join(
        form.capitalize()
        for m in MONTH_NAMES
        for form in sorted({m, *(a for a in MONTH_ABBREVIATIONS if m.startswith(a))}, key=len,
                           reverse=True)
    )
)  # fmt: skip
_DAYNAME = "(?:{})".format("|".join(d.capitalize() for d in DAY_NAMES))
# A month named in the possessive ("April's chlorine attack"): full names only, and not
# "May's", far more often Theresa May's.
_MON_OWNER = "(?:{})".format("|".join(m.capitalize() for m in MONTH_NAMES if m != "may"))
_SMALL = {w: n for w, n in UNITS.items() if n <= 10}  # "two days ago" .. "ten weeks ago"
_NUMWORD = rf"(?:\d{{1,2}}|{'|'.join(_SMALL)}|a|a couple of)"
MONTHS = {m[:3]: i + 1 for i, m in enumerate(MONTH_NAMES)}
WEEKDAYS = {d[:3]: i for i, d in enumerate(DAY_NAMES)}
NUMBERS = {"a": 1, **_SMALL, "a couple of": 2}
# The precisions that date an event (ACLED time precision 1-3); a year or a season does not.
USABLE = ("day", "week", "month")
# The ids of the rules that date a candidate (dating.py), which later rules read: a date in
# the act's clause, elsewhere in its sentence, carried over from the sentence before, the
# publication day for an act told in the present; "on Monday" read as the day before.
DATE_CLAUSE = "date-clause"
DATE_SENTENCE = "date-sentence"
DATE_PREVIOUS_SENTENCE = "date-previous-sentence"
DATE_PRESENT = "date-present"
RELATIVE_DAY = "date-relative-day"
PART_DAY = {"early": 5, "beginning": 3, "start": 3, "mid": 15, "middle": 15, "late": 25}
PART_DAY |= {"end": 28}

# "the February 14 Youth Coalition", "6th of October City", "the February 14 agitation": a
# date in a name is no date.
_NAMED = (
    r"(?!\s+(?:Youth|Revolution|Revolutionary|Movement|Coalition|Alliance|Front|Brigades?"
    r"|Martyrs|Bridge|Street|Square|Stadium|University|Uprising|City|Group|Agitations?)\b)"
)
DATE_RE = re.compile(
    rf"(?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)"
    # "between 3 and 5 March", "from 19-23 January", "between 17 December and 2 February
    # 2016", "between October and December 2018": a period, dated by its first day. (In
    # ACLED's single-event notes with a period the middle day agrees more often, 111 of 141
    # against 98; dating by it lost a dev event and added a frozen proposal: not done.)
    rf"|(?P<span>\b(?:between|from)\s+(?:(?P<sd1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?P<sm1>{_MON}))?"
    rf"|(?P<smo>{_MON}))\s*(?:-|\u2013|to|and|until|till)\s*(?(smo)|(?P<sd2>[0-3]?\d)(?:st|nd|rd|th)?\s+)"
    rf"(?:of\s+)?(?P<sm2>{_MON})\b(?:,?\s+(?P<spy>(?:19|20)\d\d)\b)?)"
    # "between August 3 and August 6", "between Nov.29 to Dec.2": the month first.
    rf"|(?P<mspan>\b(?:between|from)\s+(?P<msm1>{_MON})\.?\s*(?P<msd1>[0-3]?\d)(?:st|nd|rd|th)?"
    rf"\s*(?:-|\u2013|to|and|until|till)\s*(?:(?P<msm2>{_MON})\.?\s*)?(?P<msd2>[0-3]?\d)"
    rf"(?:st|nd|rd|th)?\b(?!\s*(?:%|per|people|persons|[ap]\.?m\b))(?:,?\s+(?P<mspy>(?:19|20)\d\d)\b)?)"
    # "14/11/2016", "6.7.2018": day and month in either order, read by which is possible
    # and which lies nearest before the publication.
    rf"|(?P<num>\b(?P<na>[0-3]?\d)(?P<sep>[/.])(?P<nb>[0-3]?\d)(?P=sep)(?P<ny>(?:19|20)\d\d)\b)"
    rf"|(?P<md>\b(?P<mon>{_MON})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b{_NAMED}"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b|\s+of\s+(?P<rely>last|this)\s+year\b)?)"
    rf"|(?P<dm>\b(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MON})\b{_NAMED}\.?"
    rf"(?:,?\s+(?P<year2>(?:19|20)\d\d)\b)?)"
    # "on the 14th": a day of the month named alone (not "the 5th Brigade", "the 14th of May")
    rf"|(?P<dn>\b(?:on|since|until|till|by|from|before|after|of)\s+the\s+(?P<dnum>[0-3]?\d)"
    rf"(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{_MON}\b)(?!\s+(?!(?:when|as|and|at|in|on|when|night"
    rf"|morning|afternoon|evening)\b)[A-Za-z]))"
    rf"|(?P<my>\b(?:(?:in|during|of|since|until|by|(?P<part>early|mid|late|the\s+(?:end|beginning"
    rf"|start|middle)\s+of))[\s-]+)(?P<mon3>{_MON})\b{_NAMED}(?!\.?\s+[0-3]?\d(?:st|nd|rd|th)?\b)(?:(?:\s+of)?,?\s+(?P<year3>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<mon4>{_MON})\s+(?P<year4>(?:19|20)\d\d)\b"
    rf"|\b(?P<mon5>{_MON_OWNER})(?=['’]s\b))"
    rf"|(?P<wd>\b(?:(?P<wq>last|this|on|early|late|on\s+the\s+night\s+of)\s+)?"
    rf"(?P<wday>{_DAYNAME})\b(?:['’]s)?)"
    rf"|(?P<ago>\b(?P<agon>{_NUMWORD})\s+(?P<agou>days?|weeks?|fortnights?|months?|years?|decades?)\s+(?:ago|since)\b)"
    rf"|(?P<rel>\b(?:(?P<relq>early|late|earlier|later|mid)[\s-]+)?(?:(?P<rw>last|this|past"
    rf"|previous)\s+(?P<unit>week|weekend|month|year)|(?:over\s+)?the\s+(?P<wkd>weekend)\b"
    rf"|(?P<word>yesterday|today|tonight|last\s+night|this\s+(?:morning|afternoon|evening)"
    rf"|overnight)))\b"
    rf"|(?P<season>\b(?:the\s+)?(?P<seas>spring|summer|fall|autumn|winter)\s+of\s+(?P<sy>(?:19|20)\d\d)\b)"
    rf"|(?P<yr>\b(?:in|since|by|until|of|from)\s+(?:the\s+)?(?P<yy>(?:19|20)\d\d)\b)",
    re.IGNORECASE,
)
_CASED = re.compile(rf"^(?:{_MON}|{_DAYNAME})$")
_RANGE = re.compile(
    r"\b(since|until|till|by|before|as\s+of|through|from|(?:began|begun|started|launched|begin|start)"
    r"(?:\s+in|\s+on)?)\s*$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class DateHit:
    start: int
    end: int
    text: str
    date: str | None  # ISO
    precision: str  # day | week | month | year | season | unknown
    rule: str
    range_marked: bool = False  # "since Feb. 3": a period's edge, not the event's date


ANCHORS = frozenset(
    [
        *MONTH_NAMES,
        *DAY_NAMES,
        *MONTH_ABBREVIATIONS,
        "yesterday",
        "today",
        "tonight",
        "overnight",
        "night",
        "morning",
        "afternoon",
        "evening",
        "weekend",
        "week",
        "month",
        "year",
        "ago",
        "since",
    ]  # fmt: skip
) | {str(y) for y in range(1900, 2100)}  # 4-digit years
ANCHORS |= {f"{d}{'st' if d % 10 == 1 and d != 11 else 'nd' if d % 10 == 2 and d != 12 else 'rd' if d % 10 == 3 and d != 13 else 'th'}" for d in range(1, 32)}  # fmt: skip
_WHEN_AFTER = re.compile(r"\s*,?\s*when\b", re.IGNORECASE)
# Every word DATE_RE can start at (besides a number): a token that is none of them is not
# tried (half the tries, each a pass through every alternative). Lower-case, as the keys.
_FIRST_WORDS = frozenset(
    [*MONTH_NAMES, *MONTH_ABBREVIATIONS, *DAY_NAMES, *_SMALL, "a", "on", "since", "until", "between",
     "till", "by", "from", "before", "after", "of", "in", "during", "early", "mid", "late",
     "the", "last", "this", "earlier", "later", "past", "previous", "over", "yesterday",
     "today", "tonight", "overnight", "spring", "summer", "fall", "autumn", "winter"]
)  # fmt: skip


def _matches(text: str, toks) -> list[re.Match]:
    """Date expressions, tried only where one can start: at a month, weekday, relative word
    or 4-digit year, or up to three words before it ("late last month", "3 February")."""
    starts, ends, keys = toks.starts, toks.ends, toks.keys
    out: list[re.Match] = []
    covered = -1
    anchors = toks.anchored(ANCHORS)
    for k in anchors:
        if ends[k] <= covered:
            continue
        for j in range(max(0, k - 4), k + 1):
            if starts[j] < covered:
                continue
            key = keys[j]
            # (A key with other letters is tried: the pattern ignores case beyond ASCII.)
            if key not in _FIRST_WORDS and key.isascii() and not key[0].isdigit():
                continue
            m = DATE_RE.match(text, starts[j])
            if m is not None and m.end() >= ends[k]:
                out.append(m)
                covered = m.end()
                break
    return out


def find_dates(text: str, published: date | None, toks=None) -> list[DateHit]:
    if toks is None:
        from .tokens import Tokens

        toks = Tokens.of(text)
    hits: list[DateHit] = []
    taken = -1  # the end of a month's year phrase ("August last year"), read with the month
    for m in _matches(text, toks):
        if m.start() < taken:
            continue
        if m.group("wday") and _OBSERVANCE.match(text, m.end()):
            continue  # "after Friday prayers": the time of day of a date given elsewhere
        if m.group("wday") and _DATE_AFTER.match(text, m.end()):
            continue  # "on Friday, 8 June 2018": the date that follows says which Friday
        hit = _resolve(m, published)
        if hit is None:
            continue
        hit.range_marked = bool(_RANGE.search(text[max(0, hit.start - 16) : hit.start]))
        if m.group(0).lower().startswith(("since", "until", "by ", "from")):
            hit.range_marked = True
        if m.group("span") or m.group("mspan"):
            hit.range_marked = False  # "from 19 to 23 January": the event's own period
        if hit.range_marked and _WHEN_AFTER.match(text, hit.end):
            # "building since Thursday, when an air strike killed 33": the "when" clause
            # happened on that day, so the date is the event's, not a period's edge.
            hit.range_marked = False
        if hit.precision == "month" and published is not None and hit.date:
            year = _YEAR_OF_MONTH.match(text, hit.end)
            if year is not None:
                # "In August last year", "in June this year": that year's month.
                y = published.year - (year.group(1).lower() == "last")
                hit.date, hit.end = f"{y}{hit.date[4:]}", year.end()
                hit.text, hit.rule = text[hit.start : hit.end], "date-month-of-year"
                taken = hit.end
        hits.append(hit)
    return hits


_YEAR_OF_MONTH = re.compile(r"\s+(?:of\s+)?(last|this)\s+year\b", re.I)


_DATE_AFTER = re.compile(
    rf",?\s+(?:the\s+)?(?:[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}\b|{_MON}\.?\s+[0-3]?\d\b)"
)
_OBSERVANCE = re.compile(r"\s+(?:prayers?|sermons?|services?|mass|market)\b", re.I)


def resolve_date_phrase(phrase: str, published: str | date | None) -> tuple[str, str] | None:
    """('2018-02-03', 'day') for a phrase such as "Feb. 3" or "last Tuesday"; else None."""
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published[:10])
        except ValueError:
            published = None
    for hit in find_dates(phrase, published):
        if hit.date and hit.precision in USABLE:
            return hit.date, hit.precision
    return None


def _month(name: str | None) -> int | None:
    # Month and weekday names must be capitalised: "may" and "march" are also verbs.
    if not name or not name[0].isupper():
        return None
    return MONTHS.get(name[:3].lower())


def _resolve(m: re.Match, pub: date | None) -> DateHit | None:
    start, end, text = m.start(), m.end(), m.group(0)
    g = m.group
    if g("iso"):
        try:
            return DateHit(
                start,
                end,
                text,
                date(int(g("iy")), int(g("im")), int(g("id"))).isoformat(),
                "day",
                "date-iso",
            )
        except ValueError:
            return None
    if g("span") or g("mspan"):
        return _span_date(m, pub)
    if g("num"):
        return _numeric(start, end, text, int(g("na")), int(g("nb")), int(g("ny")), pub)
    if g("md") or g("dm"):
        month = _month(g("mon") or g("mon2"))
        day = int(g("day") or g("day2"))
        if month is None or not 1 <= day <= 31:
            return None
        year = g("year") or g("year2")
        if year:
            return _day(start, end, text, int(year), month, day, "date-month-day-year")
        if pub is None:
            return DateHit(start, end, text, None, "unknown", "date-month-day-no-year")
        y = pub.year - 1 if g("rely") and g("rely").lower() == "last" else pub.year
        hit = _day(start, end, text, y, month, day, "date-month-day")
        if (
            hit
            and hit.date
            and not g("rely")
            and date.fromisoformat(hit.date) > pub + timedelta(days=7)
        ):
            hit = _day(start, end, text, y - 1, month, day, "date-month-day-prev-year")
        return hit
    if g("dn"):
        # A day with no month: this month, or the month before when the day is still ahead.
        if pub is None:
            return DateHit(start, end, text, None, "unknown", "date-day-number-no-publication")
        day = int(g("dnum"))
        y, mo = pub.year, pub.month
        if day > pub.day:
            y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        return _day(start, end, text, y, mo, day, "date-day-number")
    if g("my"):
        month = _month(g("mon3") or g("mon4") or g("mon5"))
        if month is None:
            return None
        # "in May" needs the preposition: a bare "May" is far more often the verb.
        year = g("year3") or g("year4")
        part = (g("part") or "").lower().split()
        day = PART_DAY.get(part[1] if len(part) > 2 else (part[0] if part else "mid"), 15)
        if year:
            y = int(year)
        elif pub is None:
            return DateHit(start, end, text, None, "unknown", "date-month-no-year")
        else:
            y = pub.year if month <= pub.month else pub.year - 1
        return DateHit(start, end, text, date(y, month, day).isoformat(), "month", "date-month")
    if g("wd"):
        if not g("wday")[0].isupper():
            return None
        if pub is None:
            return DateHit(start, end, text, None, "unknown", "date-weekday-no-publication")
        target = WEEKDAYS[g("wday")[:3].lower()]
        back = (pub.weekday() - target) % 7
        if back == 0 and (g("wq") or "").lower() == "last":
            back = 7
        return DateHit(
            start, end, text, (pub - timedelta(days=back)).isoformat(), "day", "date-weekday"
        )
    if g("ago"):
        word = g("agon").lower()
        n = int(word) if word.isdigit() else NUMBERS.get(word)
        if n is None or pub is None:
            return DateHit(start, end, text, None, "unknown", "date-ago")
        unit = g("agou").lower().rstrip("s")
        # "four years ago": background, dated to the year (never a point in the news).
        days = n * _AGO_DAYS[unit]
        precision = {"day": "day", "week": "week", "fortnight": "week", "month": "month"}.get(
            unit, "year"
        )
        return DateHit(
            start, end, text, (pub - timedelta(days=days)).isoformat(), precision, "date-ago"
        )
    if g("rel"):
        return _relative(m, pub)
    if g("season"):
        return DateHit(start, end, text, f"{g('sy')}-01-01", "season", "date-season")
    if g("yr"):
        return DateHit(start, end, text, f"{g('yy')}-01-01", "year", "date-year")
    return None


_AGO_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365, "decade": 3652}


def _span_date(m: re.Match, pub: date | None) -> DateHit | None:
    """The first day (or month) of a period "between A and B" / "from A to B"."""
    g = m.group
    if g("mspan"):
        first = _month(g("msm1"))
        end_month = _month(g("msm2")) if g("msm2") else first
        d1, year = int(g("msd1")), g("mspy")
    else:
        end_month = _month(g("sm2"))
        first = _month(g("smo") or g("sm1")) or end_month
        d1, year = int(g("sd1") or 1), g("spy")
    if first is None or end_month is None:
        return None
    if year:
        y = int(year)
    elif pub is None:
        return DateHit(m.start(), m.end(), m.group(0), None, "unknown", "date-span-no-year")
    else:
        y = pub.year if end_month <= pub.month else pub.year - 1
    if first > end_month:
        y -= 1  # "between 17 December and 2 February 2016": December 2015
    elif not year and pub is not None and date(y, first, min(d1, 28)) > pub + timedelta(days=7):
        y -= 1  # "from 19-23 January" in a report of 10 January: last year's
    if g("smo"):
        return DateHit(m.start(), m.end(), m.group(0), date(y, first, 15).isoformat(), "month",
                       "date-span-month")  # fmt: skip
    hit = _day(m.start(), m.end(), m.group(0), y, first, d1, "date-span")
    if hit is not None:
        hit.precision = "week"
    return hit


def _numeric(
    start: int, end: int, text: str, a: int, b: int, y: int, pub: date | None
) -> DateHit | None:
    """ "14/11/2016" (day first, as most of the world writes it) or "11/14/2016" (month
    first): the reading that is a date; of two, the one nearest before the publication."""
    hits = [
        h
        for mo, d in ((b, a), (a, b))
        if (h := _day(start, end, text, y, mo, d, "date-numeric")) is not None
    ]
    if len(hits) == 2 and pub is not None:
        limit = pub + timedelta(days=7)
        hits.sort(key=lambda h: (date.fromisoformat(h.date or "") > limit,
                                 abs((pub - date.fromisoformat(h.date or "")).days)))  # fmt: skip
    return hits[0] if hits else None


def _day(start: int, end: int, text: str, y: int, mo: int, d: int, rule: str) -> DateHit | None:
    try:
        return DateHit(start, end, text, date(y, mo, d).isoformat(), "day", rule)
    except ValueError:
        return None


def _relative(m: re.Match, pub: date | None) -> DateHit:
    start, end, text = m.start(), m.end(), m.group(0)
    if pub is None:
        return DateHit(start, end, text, None, "unknown", "date-relative-no-publication")
    word = (m.group("word") or "").lower().split()
    unit = (m.group("unit") or m.group("wkd") or "").lower()
    qual = (m.group("relq") or "").lower()
    rw = (m.group("rw") or "").lower()
    this = rw == "this"
    if word:
        back = 1 if word[0] in ("yesterday", "last", "overnight") else 0
        return DateHit(
            start, end, text, (pub - timedelta(days=back)).isoformat(), "day", RELATIVE_DAY
        )
    if unit == "weekend":
        back = (pub.weekday() - 5) % 7 or 7  # the Saturday before
        return DateHit(
            start, end, text, (pub - timedelta(days=back)).isoformat(), "week", "date-weekend"
        )
    if unit == "week":
        # "the past week" ends at publication (its middle some three days back); "last week"
        # is the week before this one.
        back = 2 if this else 3 if rw == "past" else 7
        return DateHit(
            start, end, text, (pub - timedelta(days=back)).isoformat(), "week", "date-relative-week"
        )
    if unit == "month":
        if rw == "past" and not qual:
            # "over the past month": the thirty days up to publication, whose middle may
            # still be in this month ("last month" is the calendar month before).
            mid = pub - timedelta(days=15)
            return DateHit(start, end, text, mid.isoformat(), "month", "date-relative-month")
        if this:
            y, mo = pub.year, pub.month
            day = min(pub.day, PART_DAY.get(qual, 15) if qual not in ("earlier", "later") else 15)
        else:
            y, mo = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
            day = PART_DAY.get(qual, 15)
        return DateHit(
            start, end, text, date(y, mo, max(day, 1)).isoformat(), "month", "date-relative-month"
        )
    y = pub.year if this else pub.year - 1
    return DateHit(start, end, text, f"{y}-01-01", "year", "date-relative-year")


# A bulletin item ("ALEPPO - ", "KIRKUK, Iraq (AFP) - ") or a live-blog entry ("09:40 - ")
# opens a paragraph that reports its own incident: dates from the item before do not carry.
_DATELINE = re.compile(
    r"[A-Z][A-Z'.\-]{2,}(?: [A-Z][A-Z'.\-]+){0,2}(?:, [A-Z][\w.]*(?: [A-Z][\w.]*){0,2})?"
    r"(?: \([^)\n]{1,40}\))? ?[-–—:] "
)
_TIMESTAMP = re.compile(r"\d{1,2}[:.]\d\d(?: ?(?:[ap]\.?m\.?|GMT|UTC|local time))? ?[-–—:] ", re.I)


def item_opening(text: str, pos: int) -> str | None:
    """ "dateline" or "timestamp" when the paragraph starting at `pos` opens as a bulletin
    item or a live-blog entry; None for running prose."""
    if _TIMESTAMP.match(text, pos):
        return "timestamp"
    if _DATELINE.match(text, pos):
        return "dateline"
    return None
