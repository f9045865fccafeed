"""Provides `text_pairs`: name/short-form pairs that an article states itself.

Reporters introduce abbreviations once: "the Syrian Democratic Forces (SDF)", "Hayat Tahrir
al-Sham, or HTS,", "Islamic State (also known as ISIS)", and quote accounts as
"The White Helmets (@SyriaCivilDef)". Such a statement is stronger evidence than any string
similarity, so a pair found here links two names at a high score. An acronym is accepted
only when its letters are the initials of the words just before it; the long form is the
shortest run of preceding words whose initials match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..base.keys import base_tokens, initials

TEXT_ACRONYM_SCORE = 98
TEXT_HANDLE_SCORE = 96
_MAX_WORDS = 9

_ACRO = r"[A-Z][A-Za-z.\-]{1,9}"
_INTRO = re.compile(
    r"(?:\(\s*(?:also\s+known\s+as\s+|known\s+as\s+|or\s+)?(?P<p>" + _ACRO + r")\s*\)"
    r"|,\s+(?:or|known\s+as|also\s+known\s+as|abbreviated)\s+(?P<c>" + _ACRO + r")\b(?=[,.;:)]|\s))"
)
_HANDLE = re.compile(r"\(\s*(?P<h>@\w{2,30})\s*\)")
_WORD = re.compile(r"[\w'\u2019.\-]+")
_CONNECTORS = {"of", "for", "and", "the", "al", "el", "de", "in", "on"}


def _acronym_letters(text: str) -> str:
    letters = re.sub(r"[^A-Za-z]", "", text)
    # "U.S." and "ISIS" count; "Manpad" and "Reuters" do not.
    if not 2 <= len(letters) <= 8 or sum(c.isupper() for c in letters) < len(letters) - 1:
        return ""
    return letters.casefold()


def _words_before(text: str, end: int) -> list[str]:
    window = text[max(0, end - 160) : end]
    window = re.split(r"[\n\u2014\u2013;:!?\"\u201c\u201d]|[.,](?=\s)", window)[-1]
    return _WORD.findall(window)[-_MAX_WORDS:]


def _expansion(words: list[str], letters: str) -> str | None:
    for k in range(1, len(words) + 1):
        run = words[-k:]
        if run[0].casefold() in _CONNECTORS or not run[0][:1].isupper():
            continue
        if initials(base_tokens(" ".join(run))) == letters:
            return " ".join(run)
    return None


def _name_before(words: list[str]) -> str | None:
    """The capitalised run just before a handle: 'The White Helmets' before '(@...)'."""
    run: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() or (run and word.casefold() in _CONNECTORS):
            run.insert(0, word)
        else:
            break
    while run and run[0].casefold() in _CONNECTORS:
        run.pop(0)
    return " ".join(run) if run and len(run) <= 6 else None


def text_pairs(text: str) -> Iterator[tuple[str, str, int]]:
    """(long form, short form, score) for each abbreviation or handle the text introduces."""
    for match in _INTRO.finditer(text):
        short = match.group("p") or match.group("c")
        letters = _acronym_letters(short)
        if not letters:
            continue
        long = _expansion(_words_before(text, match.start()), letters)
        if long:
            yield long, short, TEXT_ACRONYM_SCORE
    for match in _HANDLE.finditer(text):
        long = _name_before(_words_before(text, match.start()))
        if long:
            yield long, match.group("h"), TEXT_HANDLE_SCORE


def corpus_pairs(texts: Iterable[str]) -> dict[tuple[str, str], int]:
    """All pairs in many texts, with the best score seen for each."""
    pairs: dict[tuple[str, str], int] = {}
    for text in texts:
        for long, short, score in text_pairs(text):
            key = (long, short)
            pairs[key] = max(score, pairs.get(key, 0))
    return pairs
