"""Provides the article's layout for the rules: paragraphs, sentences, clauses, headings.

A sentence is skipped for events when it lies in a boilerplate span (ingest marks mastheads,
"Also Read:" links and shop footers) or is heading-like: a short line without sentence
punctuation ("7 basic questions about the war in Syria"), which in news pages is a headline
or a link to another story, never the report itself. Where a sentence ends is
`base.sentences`' rule, the one the review screen's cursor moves by.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..base.sentences import line_cuts

_LINK = re.compile(r"^\s*(?:also\s+read|read\s+more|related|see\s+also|watch|click\s+here)\b", re.I)
# Clause boundaries: where one reported action ends and another may begin.
# The lookahead lets the engine skip, at one character test, every position where no
# alternative can start (twice as fast as trying each alternative there).
_STRONG = re.compile(
    r"(?=[;:\s,—])(?:;|:(?!\d)|\s[—–]\s|,\s+(?:and|but|while|whereas|triggering|prompting|sparking|after\s+which"
    r"|as\s+well\s+as|then|as)\b|\s+while\s+|\s+whereas\s+|\s+—|—\s+)"
)
# `_STRONG` without the boundaries that need a dash, "while" or "whereas": most sentences
# have none, and this pattern tests only the few ";:," positions (4x faster than `_STRONG`,
# which tries its space-led boundaries at every space), finding the same boundaries there.
_STRONG_PUNCT = re.compile(
    r"[;:,](?:(?<=;)|(?<=:)(?!\d)|(?<=,)\s+(?:and|but|while|whereas|triggering|prompting|sparking"
    r"|after\s+which|as\s+well\s+as|then|as)\b)"
)
_COMMA = re.compile(r",|\(|\)|\"|“|”")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(\s|$)")
_TWEET_SIG = re.compile(r"^\s*[—–-]+\s*.*\(@\w+\)")
# A "sentence" longer than this is cut at a space: the rules look around each trigger within
# its sentence, so one unpunctuated megabyte made extraction quadratic. The longest sentence
# in 292 real and test articles is under 900 characters.
MAX_SENTENCE = 2000


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    para: int
    skip: bool  # boilerplate or heading: no events from here
    tweet_signature: bool = False
    text: str = ""
    para_start: int = 0  # where the sentence's paragraph starts (its first sentence's start)
    _clauses: list[tuple[int, int]] | None = None
    _commas: list[int] | None = None

    @property
    def clauses(self) -> list[tuple[int, int]]:
        """Strong clauses (split at ";", ", and", ", while" ...); computed on first use,
        since most sentences have no trigger and never need them."""
        if self._clauses is None:
            self._layout()
        assert self._clauses is not None
        return self._clauses

    @property
    def commas(self) -> list[int]:
        """Comma-level boundaries (offsets), the scope of cues, subjects and objects."""
        if self._commas is None:
            self._layout()
        assert self._commas is not None
        return self._commas

    def _layout(self) -> None:
        start, end, text = self.start, self.end, self.text
        plain = (
            text.find("while", start, end) < 0
            and text.find("whereas", start, end) < 0
            and text.find("—", start, end) < 0
            and text.find("–", start, end) < 0
        )
        strong = _STRONG_PUNCT if plain else _STRONG
        cuts = [m.start() for m in strong.finditer(text, start, end)]
        bounds = [start, *cuts, end]
        self._clauses = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
        commas = (m.start() for m in _COMMA.finditer(text, start, end))
        self._commas = sorted({start, *cuts, *commas})


def split_sentences(text: str, skip_spans: list[tuple[int, int]]) -> list[Sentence]:
    sentences: list[Sentence] = []
    para = 0
    pos = 0
    inside = within(skip_spans)
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    last = filled[-1] if filled else -1
    # A heading is skipped only beside body text: a text that is all heading-like lines (a
    # one-sentence snippet without its full stop) is the report itself.
    body = any(not _is_heading(lines[i]) for i in filled)
    for number, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        para += 1
        heading = body and _is_heading(line)
        skip = (
            inside(start, end)
            or (heading and not (number == last and para > 1 and _unfinished(line)))
            or bool(body and _LINK.match(line))
        )
        signature = bool(_TWEET_SIG.match(line))
        for a, b in line_cuts(text, start, end):
            _add(sentences, text, a, b, para, skip, signature)
    sentences = [s for s in sentences if s.end > s.start]
    for k, s in enumerate(sentences):
        s.para_start = (
            s.start if not k or sentences[k - 1].para != s.para else sentences[k - 1].para_start
        )
    return sentences


def _add(out: list[Sentence], text: str, start: int, end: int, para: int, skip, sig) -> None:
    """One sentence, or pieces of at most MAX_SENTENCE characters cut at the last space."""
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append(_sentence(text, start, cut, para, skip, sig))
        start = cut
    out.append(_sentence(text, start, end, para, skip, sig))


def _sentence(text: str, start: int, end: int, para: int, skip: bool, sig: bool) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, para, skip, sig, text)


def within(spans: list[tuple[int, int]]):
    """A test of whether [start, end) lies inside one of `spans`, by bisection: a scan of
    every span per line or mention was quadratic in a long article full of boilerplate."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach: list[int] = []  # the furthest end of the spans starting at or before each one
    for _, e in spans:
        reach.append(max(e, reach[-1]) if reach else e)

    def inside(start: int, end: int) -> bool:
        k = bisect.bisect_right(starts, start) - 1
        return k >= 0 and reach[k] >= end

    return inside


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if _SENTENCE_END.search(stripped):
        return False
    return len(stripped.split()) <= 16


def _unfinished(line: str) -> bool:
    """The article's last paragraph, cut off before its full stop ("... struck Sarmin on
    Thursday"): headings open a story or a section, they do not close one. Short lines
    ("Related stories", a byline) stay headings."""
    words = line.split()
    return len(words) >= 5 and line.strip()[:1].isupper() and not line.rstrip().endswith(":")


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
