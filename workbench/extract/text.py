"""Provides the article's layout for the rules: paragraphs, sentences, clauses, headings.

A sentence is skipped for events when it lies in a boilerplate span (ingest marks mastheads,
"Also Read:" links and shop footers) or is heading-like: a short line without sentence
punctuation ("7 basic questions about the war in Syria"), which in news pages is a headline
or a link to another story, never the report itself.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"“‘(\[#@]?[A-Z0-9])")
_ABBREV = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "maj",
        "adm",
        "rep",
        "sen",
        "gov",
        "st",
        "no",
        "vs",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
        "brig",
        "cpl",
        "pvt",
        "mt",
        "ft",
        "approx",
        "est",
        "dept",
    ]
)
_LINK = re.compile(r"^\s*(?:also\s+read|read\s+more|related|see\s+also|watch|click\s+here)\b", re.I)
# Clause boundaries: where one reported action ends and another may begin.
_STRONG = re.compile(
    r";|:(?!\d)|\s[—–]\s|,\s+(?:and|but|while|whereas|triggering|prompting|sparking|after\s+which"
    r"|as\s+well\s+as|then)\b|\s+while\s+|\s+whereas\s+|\s+—|—\s+"
)
_COMMA = re.compile(r",|\(|\)|\"|“|”")
_TWEET_SIG = re.compile(r"^\s*[—–-]+\s*.*\(@\w+\)")


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    para: int
    skip: bool  # boilerplate or heading: no events from here
    clauses: list[tuple[int, int]] = field(default_factory=list)  # strong clauses
    commas: list[int] = field(default_factory=list)  # comma-level boundaries (offsets)
    tweet_signature: bool = False


def split_sentences(text: str, skip_spans: list[tuple[int, int]]) -> list[Sentence]:
    sentences: list[Sentence] = []
    para = 0
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        para += 1
        skip = _inside(start, end, skip_spans) or _is_heading(line) or bool(_LINK.match(line))
        signature = bool(_TWEET_SIG.match(line))
        cut = start
        for m in _END.finditer(line):
            word = re.findall(r"[A-Za-z]+$", line[: m.start()])
            if word and (word[0].lower() in _ABBREV or len(word[0]) == 1):
                continue
            sentences.append(_sentence(text, cut, start + m.start() + 1, para, skip, signature))
            cut = start + m.end()
        if text[cut:end].strip():
            sentences.append(_sentence(text, cut, end, para, skip, signature))
    return [s for s in sentences if s.end > s.start]


def _sentence(text: str, start: int, end: int, para: int, skip: bool, sig: bool) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    s = Sentence(start, end, para, skip, tweet_signature=sig)
    cuts = [m.start() for m in _STRONG.finditer(text, start, end)]
    bounds = [start, *cuts, end]
    s.clauses = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    s.commas = sorted({start, *cuts, *(m.start() for m in _COMMA.finditer(text, start, end))})
    return s


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if re.search(r"[.!?][\"'”’)]*(\s|$)", stripped):
        return False
    return len(stripped.split()) <= 16


def clause_of(sentence: Sentence, pos: int) -> tuple[int, int]:
    for a, b in sentence.clauses:
        if a <= pos < b:
            return a, b
    return sentence.start, sentence.end


def comma_start(sentence: Sentence, pos: int) -> int:
    """Start of the comma-level clause containing `pos` (the scope of a cue)."""
    i = bisect.bisect_right(sentence.commas, pos) - 1
    return sentence.commas[max(i, 0)]


def comma_end(sentence: Sentence, pos: int) -> int:
    """End of the comma-level clause containing `pos`."""
    i = bisect.bisect_right(sentence.commas, pos)
    return sentence.commas[i] if i < len(sentence.commas) else sentence.end
