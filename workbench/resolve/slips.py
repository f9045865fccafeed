"""Provides `one_slip_apart`: may two look-alike names be one name, respelled or mistyped?

A similarity score says how alike two strings are, not why, and distinct names are often
alike: "Thadhan" and "Thaahaan", "Ghushim" and "Ghashim", "Hidikha" and "Hadiikha" score 86
to 92 with `fuzz.ratio`, as high as a real typo. What tells a variant from another name is
how the two differ. A variant is either

- a respelling: the same letters under another transliteration. `fold` equates most of
  them (ou/oo/u, ee/i, ay/ai/ei, q/k, doubled letters, a trailing h); here an "e" may also
  read "a" and an "o" "a" ("Jebel" / "Jabal", "Mohammed" / "Muhammad", "Hezbollah" /
  "Hizballah"), since Arabic has three vowels and "e"/"o" stand for any of them;
- or one keyboard slip on top of that: a neighbouring key hit instead ("Damascus" /
  "Damascud"), two neighbours swapped ("Dmaascus"), a letter doubled or dropped. A slip
  keeps the first and the last letter: a different or missing letter at either end makes
  another word ("Hama" / "Hamas", "Ghazuna" / "Ghazunar").

A different vowel where no transliteration would put one ("Ghushim" / "Ghashim") or a
consonant not next to it on the keyboard ("Tadhan" / "Thadhan") is another name. Only the
distinctive words are compared: generic ones ("army", "brigade", "Jabal", "Tell") are
compared loosely by the scorer already.

`vowels_dropped` is the transliteration move the consonant-skeleton rule stands for: short
vowels left out ("Kafranbil" / "Kafr Nabl"), never changed.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA

from ..base.batchkeys import fold_many
from ..base.keys import fold

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
NEIGHBOURS = frozenset(
    pair for row in _ROWS for a, b in zip(row, row[1:], strict=False) for pair in ((a, b), (b, a))
)
VOWELS = frozenset("aeiou")
# How "e" and "o" may be read besides fold's own reading ("e" as "i", "o" as "u").
_READINGS = (str.maketrans("e", "a"), str.maketrans("o", "a"), str.maketrans("eo", "aa"))


@lru_cache(maxsize=65_536)
def folded_spellings(words: tuple[str, ...]) -> frozenset[str]:
    """The words run together, folded, also under the other readings of "e" and "o" (the
    same reading for every word)."""
    out = {"".join(fold(w) for w in words)}
    if any("e" in w or "o" in w for w in words):
        for reading in _READINGS:
            out.add("".join(fold(w.translate(reading)) for w in words))
    return frozenset(out)


def readings_many(written: list[tuple[str, ...]]) -> list[frozenset[str]]:
    """[folded_spellings(words) for words in written]: every reading's words folded at once
    (`fold_many`), not one `fold` call per word. (For many names, most without an "e" or
    an "o", the caller does better to use their folded key as their one spelling.)"""
    joined = [" ".join(ws) for ws in written]  # (base tokens have no spaces)
    read = [
        [text, *(text.replace(a, "a").replace(b, "a") for a, b in _READ_AS_A)] for text in joined
    ]
    texts = list({text for texts in read for text in texts})
    words = list({w for text in texts for w in text.split(" ")})
    fold_of = dict(zip(words, fold_many(words), strict=True))
    folded = {text: "".join([fold_of[w] for w in text.split(" ")]) for text in texts}
    return [frozenset([folded[text] for text in texts]) for texts in read]


# The readings of `_READINGS` as replacements (str.translate is several times slower).
_READ_AS_A = (("e", "e"), ("o", "o"), ("e", "o"))


@lru_cache(maxsize=65_536)
def spellings(words: tuple[str, ...]) -> frozenset[str]:
    """`folded_spellings` and the words as written (a slip is made on the written word)."""
    return folded_spellings(words) | {"".join(words)}


def slip(x: str, y: str) -> bool:
    """Equal, or one keyboard slip apart with the first and last letters kept."""
    if x == y:
        return True
    if len(x) > len(y):
        x, y = y, x
    if len(y) - len(x) > 1:
        return False
    if len(x) == len(y):
        diff = [i for i in range(len(x)) if x[i] != y[i]]
        if len(diff) == 1:
            i = diff[0]
            return 0 < i < len(x) - 1 and (x[i], y[i]) in NEIGHBOURS
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            i = diff[0]
            return i > 0 and x[i] == y[i + 1] and x[i + 1] == y[i]
        return False
    i = 0
    while i < len(x) and x[i] == y[i]:
        i += 1
    if x[i:] != y[i + 1 :]:
        return False
    # y[i] is the extra letter: a doubled one may stand anywhere, another only inside.
    doubled = (i > 0 and y[i - 1] == y[i]) or (i + 1 < len(y) and y[i + 1] == y[i])
    return doubled or 0 < i < len(y) - 1


def vowels_dropped(x: str, y: str) -> bool:
    """The vowels of one are the other's with some left out (none changed)."""
    vx = [c for c in x if c in VOWELS]
    vy = [c for c in y if c in VOWELS]
    if len(vx) > len(vy):
        vx, vy = vy, vx
    if len(vx) == len(vy):
        return False
    rest = iter(vy)
    return all(v in rest for v in vx)


Outline = tuple[frozenset[str], int, int]


@lru_cache(maxsize=65_536)
def outline(words: tuple[str, ...]) -> Outline:
    """What `may_slip` compares: the spellings' first letters, shortest and longest length."""
    forms = spellings(words)
    return frozenset(f[:1] for f in forms), min(map(len, forms)), max(map(len, forms))


def may_slip(a: Outline, b: Outline) -> bool:
    """A quick test `one_slip_apart` needs to pass (given the two words' outlines): a slip
    keeps the first letter and changes the length by one at most. It rules out a third of
    the fuzzy stage's pairs before they are scored."""
    return a[1] <= b[2] + 1 and b[1] <= a[2] + 1 and not a[0].isdisjoint(b[0])


def one_slip_apart(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Are the distinctive words `a` and `b` (as written) one name respelled, or one slip
    apart?"""
    return spellings_slip(spellings(a), spellings(b))


def spellings_slip(sa: frozenset[str], sb: frozenset[str]) -> bool:
    """`one_slip_apart`, given the two `spellings`."""
    if not sa.isdisjoint(sb):
        return True
    # A slip is one edit: rapidfuzz rules out the rest in C, `slip` judges the edit.
    return any(OSA.distance(x, y, score_cutoff=1) <= 1 and slip(x, y) for x in sa for y in sb)


def vowels_only_apart(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One slip apart, or the same but for vowels one of them leaves out."""
    fa, fb = folded_spellings(a), folded_spellings(b)
    return spellings_vowels_apart(fa, fb, "".join(a), "".join(b))


def spellings_vowels_apart(fa: frozenset[str], fb: frozenset[str], a: str, b: str) -> bool:
    """`vowels_only_apart`, given the two `folded_spellings` and the words run together."""
    if spellings_slip(fa | {a}, fb | {b}):
        return True
    # Folded only: a long vowel written double ("Hadiikhaa") is not two vowels.
    return any(vowels_dropped(x, y) for x in fa for y in fb)
