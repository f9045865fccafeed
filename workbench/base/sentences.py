"""Provides the sentence splitter: the extractor reads events sentence by sentence, and the
review screen's cursor and `add-event` move over the same sentences.

A line break always ends a sentence (headlines, captions, list items). Within a line a
sentence ends at ".", "!" or "?" (and any closing quote or bracket) followed by space and a
capital letter, a digit or an opening quote, unless the word before the stop is a known
abbreviation ("Feb. 3", "Gen. Smith") or a single letter ("U.S. forces", "J. Smith"), unless
an initialism ends it before a word that only opens a sentence ("D.C. Unlike ...").
Spans exclude surrounding space and the closing quote after the stop.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from .calendar import MONTH_ABBREVIATIONS

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    [
        *MONTH_ABBREVIATIONS,
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "rep", "sen",
        "gov", "st", "no", "vs", "jr", "sr", "inc", "co", "corp", "brig", "cpl", "pvt", "mt",
        "ft", "approx", "est", "dept",
    ]
)  # fmt: skip
# "[.!?][.!?]*", not "[.!?]+": a pattern that opens with a character class is scanned for
# that class in C, skipping the text between stops (a repeat first is tried at every
# position): 2.2x faster over a 10 MB article, the same matches.
# A stop ends a sentence before a capital or a digit (maybe after an opening quote or
# bracket), and before a bracketed tag ("... dispersed them. [size=no report]", ACLED's
# crowd size), which is no part of the sentence before it (its "no" negated the act).
_END = re.compile(r"[.!?][.!?]*[\"'”’)\]]*\s+(?=[\"“‘(\[#@]?[A-Z0-9]|\[[a-z]+=)")
_LETTERS = string.ascii_letters
# An initialism's last stop ("U.S.", "D.C.", "U.N.") ends the sentence when the next word
# only opens one ("... rallied in Washington, D.C. Unlike the marchers of last week"):
# words that never continue a name after it. "U.S. forces", "U.S. President" go on.
_INITIALISM = re.compile(r"(?:\b[A-Z]\.)+[A-Z]\Z")
_OPENERS = frozenset(
    [
        "The", "But", "And", "In", "On", "At", "He", "She", "It", "They", "We", "I", "This",
        "That", "These", "Those", "There", "Unlike", "However", "Meanwhile", "Also", "After",
        "Before", "When", "While", "His", "Her", "Their", "Its", "Some", "Many", "Most",
        "According", "Since", "During", "Earlier", "Later", "Last", "Yesterday",
        "Today", "Both", "Such", "Despite", "Although", "If", "As",
    ]
)  # fmt: skip
_NEXT_WORD = re.compile(r"[\"“‘(]?([A-Za-z]+)")


def lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of text, empty ones included, without the newline."""
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def line_cuts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the pieces of the line text[start:end] between sentence ends, not
    yet trimmed: the extractor cuts over-long ones further before trimming."""
    line = text[start:end]
    pieces = []
    cut = start
    for m in _END.finditer(line):
        # The letters right before the stop (at most 12): what `[A-Za-z]+$` finds there,
        # without a regex search per stop.
        before = line[max(0, m.start() - 12) : m.start()]
        word = before[len(before.rstrip(_LETTERS)) :]
        if word and (word.lower() in ABBREVIATIONS or len(word) == 1):
            nxt = _NEXT_WORD.match(line, m.end())
            if not (
                len(word) == 1
                and nxt is not None
                and nxt.group(1) in _OPENERS
                and _INITIALISM.search(line, max(0, m.start() - 12), m.start())
            ):
                continue
        pieces.append((cut, start + m.start() + 1))
        cut = start + m.end()
    if cut < end:
        pieces.append((cut, end))
    return pieces


def line_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the sentences of the line text[start:end], trimmed, none empty."""
    spans = [_trim(text, a, b) for a, b in line_cuts(text, start, end)]
    return [(a, b) for a, b in spans if b > a]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of text, in order."""
    return [span for a, b in lines(text) for span in line_sentences(text, a, b)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
