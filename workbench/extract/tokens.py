"""Provides tokenisation and the one-pass dictionary matcher (a token trie).

Why tokens, not a regex alternation: a `re` alternation of a few thousand names runs at
~0.1 MB/s, while hashing word sequences in a dict keyed by the first word runs at several
MB/s in pure Python (see DESIGN.md). Every dictionary - actors, places, demonyms, generic
words, weapons and triggers - goes into one table, so an article is scanned once.

Keys are lower-cased, accent-folded words; `U.S.` is ("u", "s"), `al-Assad's` is
("al", "assad", "s"). Each entry keeps a case rule so that "US" never matches the pronoun
"us" and "Turkey" never matches the bird.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

TOKEN = re.compile(r"\w+")
_DROP = dict.fromkeys(map(ord, "ʿʾʻʼ"))
# Between two words of one name only spacing, hyphens, apostrophes and dots may appear.
_GAP_OK = frozenset({" ", "-", "'", "’", ".", ". ", " -", "- ", "–", "‘"})

ANY, CAP, UPPER = 0, 1, 2  # case rules


def fold(word: str) -> str:
    """Lower-case, accent-free form of one word (the trie key)."""
    word = word.lower()
    if word.isascii():
        return word
    word = unicodedata.normalize("NFKD", word.translate(_DROP))
    return "".join(c for c in word if not unicodedata.combining(c))


def key_of(phrase: str) -> tuple[str, ...]:
    return tuple(fold(m.group()) for m in TOKEN.finditer(phrase))


def case_rule(phrase: str) -> int:
    letters = [c for c in phrase if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return UPPER  # acronyms: SDF, US, IS, WHO
    if any(c.isupper() for c in phrase):
        return CAP
    return ANY


@dataclass(slots=True)
class Tokens:
    """An article's words: folded keys and character offsets, index-aligned."""

    text: str
    keys: list[str]
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, text: str) -> Tokens:
        keys: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for m in TOKEN.finditer(text):
            keys.append(fold(m.group()))
            starts.append(m.start())
            ends.append(m.end())
        return cls(text, keys, starts, ends)


class Trie:
    """Word-sequence table: first word -> [(rest of the words, [(case rule, sense)...])]."""

    def __init__(self) -> None:
        self.table: dict[str, list[tuple[tuple[str, ...], list[tuple[int, object]]]]] = {}

    def add(self, phrase: str, sense: object, rule: int | None = None) -> None:
        key = key_of(phrase)
        if not key:
            return
        rule = case_rule(phrase) if rule is None else rule
        bucket = self.table.setdefault(key[0], [])
        rest = key[1:]
        for existing_rest, senses in bucket:
            if existing_rest == rest:
                if (rule, sense) not in senses:
                    senses.append((rule, sense))
                return
        bucket.append((rest, [(rule, sense)]))
        bucket.sort(key=lambda item: -len(item[0]))  # longest first

    def scan(self, toks: Tokens) -> list[tuple[int, int, list[object]]]:
        """Longest non-overlapping matches: (first token, end token, senses)."""
        table = self.table
        keys, starts, ends, text = toks.keys, toks.starts, toks.ends, toks.text
        n = len(keys)
        out: list[tuple[int, int, list[object]]] = []
        i = 0
        while i < n:
            bucket = table.get(keys[i])
            if bucket is None:
                i += 1
                continue
            matched = False
            for rest, senses in bucket:
                j = i + 1 + len(rest)
                if j > n:
                    continue
                if rest and tuple(keys[i + 1 : j]) != rest:
                    continue
                if rest and not all(
                    text[ends[k] : starts[k + 1]] in _GAP_OK for k in range(i, j - 1)
                ):
                    continue
                ok = [s for rule, s in senses if _case_ok(text, starts[i], ends[j - 1], rule)]
                if ok:
                    out.append((i, j, ok))
                    i = j
                    matched = True
                    break
            if not matched:
                i += 1
        return out


def _case_ok(text: str, start: int, end: int, rule: int) -> bool:
    if rule == ANY:
        return True
    if rule == UPPER:
        span = text[start:end]
        return not any(c.islower() for c in span)
    if text[start].isupper() or (start > 0 and text[start - 1] in "#@"):
        return True
    # "al-Qaeda", "el-Sisi": a lower-case particle before the capitalised name.
    return any(c.isupper() for c in text[start:end])
