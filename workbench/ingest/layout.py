"""Provides page-layout reading for scraped articles: title, boilerplate lines, dateline.

Scraped news text carries mastheads ("The Washington PostDemocracy Dies in Darkness",
"NEWS"), links to other stories between paragraphs, "Also Read:" lines and shop footers.
Extraction skips the spans flagged here, so a related headline never becomes an event.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ..base.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES
from .boilerplate import LINE_PATTERNS

_MONTHS = "|".join(m.capitalize() for m in (*MONTH_NAMES, *MONTH_ABBREVIATIONS))
# A word glued to the next capitalised word ("PostDemocracy") marks a scraped logo/masthead.
_GLUED = re.compile(r"[a-z][A-Z][a-z]")
# What ends a sentence (or a quote or a bracket after one): the last character of a stripped
# line that is prose, not a headline or a link.
_SENTENCE_END = tuple(".!?:;\"”’')]")
_DATELINE = re.compile(
    rf"\b(?:(?P<mon>{_MONTHS})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>(?:19|20)\d\d)"
    rf"|(?P<day2>\d{{1,2}}) (?P<mon2>{_MONTHS}) (?P<year2>(?:19|20)\d\d)"
    r"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))\b"
)


def is_masthead(line: str, outlet: str = "") -> bool:
    s = line.strip()
    words = s.split(None, 10)  # every test below wants at most 10 words: count no further
    if not words or len(words) > 10:
        return False
    return _masthead(s, words, outlet.casefold())


def _masthead(s: str, words: list[str], outlet: str) -> bool:
    """`is_masthead` of the stripped line `s` of 1 to 10 `words`; `outlet` casefolded."""
    if outlet and len(words) <= 8 and s.casefold().startswith(outlet):
        return True
    if len(words) <= 4 and s.isupper():  # "NEWS", "SUMMARY", "WORLD"
        return True
    # Handles, hashtags and links are glued by nature ("@SyriaCivilDef"): not a logo. A
    # glued pair never spans a space, so the line itself is searched when it has none.
    plain = s
    if "@" in s or "#" in s or "/" in s:
        plain = " ".join(w for w in words if not w.startswith(("@", "#", "(@")) and "/" not in w)
    return _GLUED.search(plain) is not None and not s.endswith(_SENTENCE_END)


def detect_title(text: str, outlet: str = "") -> str:
    """The first headline-like line near the top, skipping mastheads; '' if none."""
    seen = 0
    # A title is among the first five lines with text: split off the first lines only (the
    # rest of the text stays one piece, never reached), unless they are mostly empty.
    lines = text.split("\n", 16)
    if len(lines) > 16 and sum(1 for line in lines[:16] if line.strip()) < 5:
        lines = text.split("\n")
    for line in lines:
        s = line.strip()
        if not s:
            continue
        seen += 1
        if seen > 4:
            break
        if is_masthead(s, outlet):
            continue
        words = s.split()
        if (
            3 <= len(words) <= 25
            and not s.endswith((".", ",", ";"))
            and not s.lower().startswith("by ")
        ):
            return s
        break  # the first real line is body text: there is no title
    return ""


# Boilerplate is a line of its own ("Follow us on Twitter", "Also read: ..."): a longer line
# is body text, even when it mentions Twitter ("the ministry said on Twitter") or opens with
# "Watch". Scraped articles are often one line in all; flagging it would skip the article.
FOOTER_WORDS = 30


def boilerplate_spans(text: str, title: str = "", outlet: str = "") -> list[list[int]]:
    """Character spans of lines extraction should skip. The only line of a text is never
    one of them: a one-line article or snippet is all body."""
    # Where the first and the last line with text start: each line is tested once, in one
    # pass, knowing whether it is one of those two.
    head = len(text) - len(text.lstrip())
    if head == len(text):
        return []
    first = text.rfind("\n", 0, head) + 1
    last = text.rfind("\n", 0, len(text.rstrip())) + 1
    if first == last:
        return []
    title = title.strip()
    outlet = outlet.casefold()
    spans: list[list[int]] = []
    end = -1
    for line in text.split("\n"):
        start = end + 1
        end = start + len(line)
        s = line.strip()
        if not s:
            continue
        words = s.split(None, FOOTER_WORDS)  # exact up to FOOTER_WORDS, all we need
        n_words = len(words)
        if n_words > FOOTER_WORDS:
            continue
        if (
            (title and s == title)
            or (
                start != first
                and start != last
                and n_words <= 16
                and not s.endswith(_SENTENCE_END)
                and not s.startswith(("—", "–", "-", "(", "“", '"'))
                and not any(map(str.isdigit, s[-4:]))
            )
            # a trailing footer line ("TRENDING PRODUCTS AT ...", "Image courtesy of")
            or (start == last and n_words <= 12 and not s.endswith(_SENTENCE_END))
            or LINE_PATTERNS.matches(s)
            or (n_words <= 10 and _masthead(s, words, outlet))
        ):
            spans.append([start, end])
    return spans


def parse_date(value: str) -> str | None:
    """ISO date from common publication-date spellings; None if it cannot be read."""
    s = (value or "").strip()
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10]).isoformat()
    except ValueError:
        pass
    for fmt in (
        "%B %d, %Y",
        "%b %d, %Y",
        "%b. %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%Y/%m/%d",
        "%m/%d/%Y",
    ):
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    m = _DATELINE.search(s)
    return _match_date(m) if m else None


def _match_date(m: re.Match) -> str | None:
    if m.group("iso"):
        try:
            return date.fromisoformat(m.group("iso")).isoformat()
        except ValueError:
            return None
    mon = m.group("mon") or m.group("mon2")
    day = m.group("day") or m.group("day2")
    year = m.group("year") or m.group("year2")
    for fmt in ("%B %d %Y", "%b %d %Y"):
        try:
            return (
                datetime.strptime(f"{mon[:3] if fmt == '%b %d %Y' else mon} {day} {year}", fmt)
                .date()
                .isoformat()
            )
        except ValueError:
            continue
    return None


def infer_published(text: str, max_lines: int = 8) -> str | None:
    """A full date in the first lines (a dateline), or None: we never guess further."""
    for line in _first_lines(text, max_lines):
        if len(line.split()) > 30:
            continue  # body text: dates there are about events, not publication
        m = _DATELINE.search(line)
        if m:
            found = _match_date(m)
            if found:
                return found
    return None


def _first_lines(text: str, n: int) -> list[str]:
    """The first `n` lines with text, read from the top only: every line of a 10 MB text
    was split off and listed to keep eight."""
    out: list[str] = []
    pos = 0
    while len(out) < n and pos <= len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].strip():
            out.append(text[pos:end])
        pos = end + 1
    return out
