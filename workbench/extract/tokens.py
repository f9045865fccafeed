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

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import add
from typing import Any

TOKEN = re.compile(r"\w+")
# "\W\W*", not "\W+": a pattern that opens with a character class is scanned for it in C
# (a repeat first is tried at every position); the split is 20% faster, the same runs.
_SPLIT = re.compile(r"(\W\W*)")
_SPLIT_ASCII = re.compile(r"(\W\W*)", re.ASCII)  # same runs on ASCII text, 15% faster
_DROP = dict.fromkeys(map(ord, "ʿʾʻʼ"))
# Text that is ASCII but for these (quotes, dashes, ellipsis, bullet, no-break space: none a
# word character, none changed by lower-casing) is read with them as spaces, the same words
# at the same offsets: most news copy is, and `Tokens.of` then needs no regex.
_PUNCTUATION = "’“”‘–—…•\xa0"
# Lower-cases the ASCII letters and turns every ASCII character that is not a word
# character (`\w` in ASCII: letters, digits, "_") into a space.
_WORDS_ONLY = str.maketrans(
    {chr(c): chr(c).lower() if chr(c).isalnum() or c == ord("_") else " " for c in range(128)}
)
_ONE_MORE = (1).__add__
# Between two words of one name only spacing, hyphens, apostrophes and dots may appear.
# Gaps allowed inside a name: "al-Assad", "U.S.", "Workers' Party" (a plural possessive).
# "" joins a name to the "s" of a possessive written without its apostrophe (`unglued`).
_GAP_OK = frozenset({"", " ", "-", "'", "’", ".", ". ", " -", "- ", "–", "‘", "' ", "’ "})

ANY, CAP, UPPER = 0, 1, 2  # case rules


def where(keys: list[str], words) -> list[int]:
    """Positions of the tokens whose key is in `words` (a set or dict). `compress` over a
    membership map runs in C, several times faster than a comprehension over the tokens."""
    return list(compress(range(len(keys)), map(words.__contains__, keys)))


def seek(values: list[int], x: int, lo: int, step: int = 32) -> int:
    """`bisect.bisect_left(values, x)` where every value before `lo` is known to be below x
    (what is sought comes in order: sentences, figures): it looks a few places on first,
    since a sentence holds a few annotations and tokens. A bisection of the whole article's lists per sentence
    landed on cold memory at each step (~2% of a 10 MB article's time)."""
    probe = lo + step
    if probe < len(values) and values[probe] >= x:
        return bisect.bisect_left(values, x, lo, probe)
    return bisect.bisect_left(values, x, lo)


def fold(word: str) -> str:
    """Lower-case, accent-free form of one word (the trie key)."""
    word = word.lower()
    if word.isascii():
        return word
    word = unicodedata.normalize("NFKD", word.translate(_DROP))
    return "".join(c for c in word if not unicodedata.combining(c))


def key_of(phrase: str) -> tuple[str, ...]:
    if phrase.isascii():  # the words of `Tokens.of`'s ASCII path, without a regex
        return tuple(phrase.translate(_WORDS_ONLY).split())
    return tuple(fold(m.group()) for m in TOKEN.finditer(phrase))


def case_rule(phrase: str) -> int:
    if phrase.isascii():  # the tests below, where only A-Z are upper-case letters
        if phrase.islower() or phrase == phrase.lower():
            return ANY
        if phrase.isupper() and sum(map(str.isalpha, phrase)) <= 6:
            return UPPER
        return CAP
    letters = [c for c in phrase if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return UPPER  # acronyms: SDF, US, IS, WHO
    if any(c.isupper() for c in phrase):
        return CAP
    return ANY


# The union of the sets passed to `Tokens.anchored` (grows only; the sets are constants).
_ANCHOR_WORDS: set[str] = set()
_ANCHOR_SETS: set[int] = set()


@dataclass(slots=True)
class Tokens:
    """An article's words: folded keys and character offsets, index-aligned."""

    text: str
    keys: list[str]
    # The distinct keys (a few hundred in an article of a thousand words): what is sought in
    # every token can be ruled out at a test per word.
    words: dict[str, str]
    starts: list[int]
    ends: list[int]
    # (size of the anchor vocabulary, positions of its words), see `anchored`.
    _hits: tuple[int, list[int]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, text: str) -> Tokens:
        plain = text
        if not plain.isascii():
            for mark in _PUNCTUATION:
                if mark in plain:
                    plain = plain.replace(mark, " ")
        if plain.isascii():
            # Every non-word character a space: splitting at each space gives the words and
            # empty strings between runs of them, each piece one character after the last
            # one's end (all in C; a regex split cost 3x more).
            parts = plain.translate(_WORDS_ONLY).split(" ")
            keys = list(compress(parts, parts))
            starts = list(compress(accumulate(map(_ONE_MORE, map(len, parts)), initial=0), parts))
            return cls(text, *_shared(keys), starts, list(map(add, starts, map(len, keys))))
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters change length when lower-cased
            spans = [m.span() for m in TOKEN.finditer(text)]
            keys = [fold(text[s:e]) for s, e in spans]
            return cls(text, *_shared(keys), [s for s, _ in spans], [e for _, e in spans])
        # One split into alternating word / non-word runs and running sums of their lengths
        # give every word and its offsets without a match object per word (all in C).
        parts = (_SPLIT_ASCII if text.isascii() else _SPLIT).split(lowered)
        bounds = list(accumulate(map(len, parts), initial=0))
        keys, starts, ends = parts[0::2], bounds[0::2], bounds[1::2]
        if not keys[-1]:  # the text ends with a non-word run
            del keys[-1], starts[-1], ends[-1]
        if keys and not keys[0]:  # ... or starts with one
            del keys[0], starts[0], ends[0]
        if not text.isascii():
            keys = [k if k.isascii() else fold(k) for k in keys]
        return cls(text, *_shared(keys), starts, ends)

    def unglued(self, possessives: dict[str, int]) -> Tokens:
        """The tokens with each possessive written without its apostrophe ("Assads forces",
        "Syrias Aleppo", "the armys units": keys in `possessives`, with the case rule each
        needs) read as two, "Assad" and "s", as "Assad's" is: scraped reports drop
        apostrophes, and a name must still be found, and its possessive read, there."""
        if possessives.keys().isdisjoint(self.words):
            return self  # most articles hold none
        at = where(self.keys, possessives)
        text = self.text
        at = [
            k
            for k in at
            if _case_ok(text, self.starts[k], self.ends[k] - 1, possessives[self.keys[k]])
        ]
        if not at:
            return self
        keys: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        done = 0
        for k in at:  # one pass: an article may hold thousands ("Syrias")
            keys += self.keys[done:k]
            starts += self.starts[done:k]
            ends += self.ends[done:k]
            cut = self.ends[k] - 1
            keys += (self.keys[k][:-1], "s")
            starts += (self.starts[k], cut)
            ends += (cut, self.ends[k])
            done = k + 1
        keys += self.keys[done:]
        starts += self.starts[done:]
        ends += self.ends[done:]
        return Tokens(text, *_shared(keys), starts, ends)

    def anchored(self, words: frozenset[str]) -> list[int]:
        """Positions of the tokens whose key is in `words`, a module-level set (dates',
        casualties' and name patterns' anchor words). One pass over the tokens finds the
        words of every such set; each caller then keeps its own from those few hits."""
        register_anchors(words)
        hits = self._hits
        if hits is None or hits[0] != len(_ANCHOR_WORDS):  # a set registered since
            hits = self._hits = (len(_ANCHOR_WORDS), where(self.keys, _ANCHOR_WORDS))
        keys = self.keys
        return [k for k in hits[1] if keys[k] in words]


def register_anchors(*sets: frozenset[str]) -> None:
    """Add module-level sets to the anchor vocabulary of `Tokens.anchored` now. A set first
    met inside an article has that article's anchor hits found again, a pass over all its
    tokens (0.13 s of a 10 MB article each): `core` registers its stages' sets at import,
    so that a process's first article (a worker's, bench/extract-size's) finds them once."""
    for words in sets:
        if id(words) not in _ANCHOR_SETS:
            _ANCHOR_SETS.add(id(words))
            _ANCHOR_WORDS.update(words)


def _shared(keys: list[str]) -> tuple[list[str], dict[str, str]]:
    """The keys with one string object per distinct word: a long article repeats a few
    thousand words, and a string per token was ~50 bytes each (75 MB of a 10 MB article).
    And the distinct words (`Tokens.words`)."""
    seen: dict[str, str] = {}
    return list(map(seen.setdefault, keys, keys)), seen


class Trie:
    """Word-sequence table: first word -> {number of further words: {further words: senses}}.

    A sense is kept with its case rule. Lookups per position are one dict access per
    possible length, longest first, so a common first word ("al", "government") with many
    continuations costs no more than a rare one.
    """

    def __init__(self) -> None:
        self.table: dict[str, list[tuple[int, dict[tuple[str, ...], list]]]] = {}
        # First word -> [the second words of its longer phrases, its `table` lengths, the
        # senses of the word alone or None]: what `scan` reads per hit, in one lookup. "in"
        # and "a" begin phrases only ("in the north"), so "in" before any other word is
        # passed over at one set test instead of a lookup per phrase length, and a name
        # before a word that goes on none of its longer phrases ("Syria said") is read as
        # one word, without the loop over lengths.
        self.firsts: dict[str, list[Any]] = {}
        # The first words and the anchor words of `Tokens.anchored` in one set, so that
        # one pass over an article's tokens finds both (the sizes it was built at, and it).
        self._sought: tuple[int, int, set[str]] = (-1, -1, set())

    def add(self, phrase: str, sense: object, rule: int | None = None) -> None:
        key = key_of(phrase)
        if len(key) > 1 and key[0] == "the":
            key = key[1:]  # "the regime" is found as "regime"; the article is not the name
        if not key:
            return
        rule = case_rule(phrase) if rule is None else rule
        first = self.firsts.get(key[0])
        if first is None:
            first = self.firsts[key[0]] = [set(), self.table.setdefault(key[0], []), None]
        if len(key) > 1:
            first[0].add(key[1])
        lengths = first[1]
        rest = key[1:]
        for size, entries in lengths:
            if size == len(rest):
                senses = entries.setdefault(rest, [])
                break
        else:
            entries = {rest: []}
            lengths.append((len(rest), entries))
            lengths.sort(key=lambda item: -item[0])  # longest first
            senses = entries[rest]
            if not rest:
                first[2] = senses
        if (rule, sense) not in senses:
            senses.append((rule, sense))

    def senses_of(self, key: tuple[str, ...]) -> list[object]:
        """The senses of one phrase by its key, whatever its case."""
        for size, entries in self.table.get(key[0], ()) if key else ():
            if size == len(key) - 1:
                return [sense for _, sense in entries.get(key[1:], ())]
        return []

    def scan(self, toks: Tokens) -> list[tuple[int, int, list[object]]]:
        """Longest non-overlapping matches: (first token, end token, senses)."""
        keys, starts, ends, text = toks.keys, toks.starts, toks.ends, toks.text
        n = len(keys)
        out: list[tuple[int, int, list[object]]] = []
        done = 0  # first token not yet covered by a match
        senses: list | None
        firsts = self.firsts
        sought = self._sought
        if sought[:2] != (len(firsts), len(_ANCHOR_WORDS)):
            sought = self._sought = (len(firsts), len(_ANCHOR_WORDS), _ANCHOR_WORDS.union(firsts))
        hits = where(keys, sought[2])
        # The anchor words' positions, as `Tokens.anchored` would find them in another pass.
        toks._hits = (sought[1], [k for k in hits if keys[k] in _ANCHOR_WORDS])
        for i in hits:
            if i < done:
                continue
            entry = firsts.get(keys[i])
            if entry is None:
                continue  # an anchor word only
            follow, lengths, alone = entry
            if i + 1 >= n or keys[i + 1] not in follow:
                # No longer phrase goes on with the next word (most hits): the word alone,
                # if it is a phrase, read without the loop below.
                if alone is None:
                    continue
                if len(alone) == 1:
                    rule, sense = alone[0]
                    # `_case_ok` written out for the common cases (a capitalised name).
                    if (
                        rule == ANY
                        or (rule == CAP and text[starts[i]].isupper())
                        or _case_ok(text, starts[i], ends[i], rule)
                    ):
                        out.append((i, i + 1, [sense]))
                        done = i + 1
                    continue
                ok = [
                    s
                    for rule, s in alone
                    if rule == ANY or _case_ok(text, starts[i], ends[i], rule)
                ]
                if ok:
                    out.append((i, i + 1, ok))
                    done = i + 1
                continue
            for size, entries in lengths:  # longest first: a one-word phrase's comes last
                j = i + 1 + size
                if size == 0:
                    senses = entries[()]
                elif j > n or (senses := entries.get(tuple(keys[i + 1 : j]))) is None:
                    continue
                elif size == 1:  # two words, one gap (most phrases): no generator
                    if text[ends[i] : starts[i + 1]] not in _GAP_OK:
                        continue
                elif not all(text[ends[k] : starts[k + 1]] in _GAP_OK for k in range(i, j - 1)):
                    continue
                if len(senses) == 1:  # most phrases have one sense: no comprehension
                    rule, sense = senses[0]
                    fits = rule == ANY or _case_ok(text, starts[i], ends[j - 1], rule)
                    ok = [sense] if fits else []
                else:
                    ok = [
                        s
                        for rule, s in senses
                        if rule == ANY or _case_ok(text, starts[i], ends[j - 1], rule)
                    ]  # most senses match in any case: no call for those
                if ok:
                    out.append((i, j, ok))
                    done = j
                    break
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
