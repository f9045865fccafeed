"""Provides `score_pair`: how likely two names that look alike are one entity (0-100).

String similarity alone merges look-alikes that are different entities: "Turkish forces" /
"Kurdish forces" score 85 with `fuzz.ratio`, "Russia" / "Prussia" 92, "Hama" / "Hamas" 89,
and "Mamad Democratic Council" / "Madad Democratic Council" 96 because the shared generic
tail dominates. What this scorer does about it:

- names of several words are compared word by word: every word needs a counterpart, and
  the score is that of the worst-matching distinctive word (generic words such as "army",
  "brigade", "liwa" or "Kafr" only have to agree loosely);
- a different first letter costs 15 points (typos rarely hit it: "Prussia" is not a typo);
- words of five letters or fewer never match by similarity alone ("Hama" / "Hamas"),
  except one change inside a five-letter word with both ends kept;
- different numbers never match ("Brigade 17" / "Brigade 71").

A single typo in a word of six letters or more ("Damascus" / "Damacsus") scores 88.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from ..base.batchkeys import base_tokens_many, fold_many, skeletons
from ..base.keys import STOPWORDS, base_tokens, fold, skeleton, word_skeleton
from ..base.words import GENERIC, PLACE_GENERIC, PLACE_HEADS, TITLES

_VOWELS = set("aeiou")
SHORT = 5  # words this short or shorter never link by similarity alone
SHORT_CAP = 80
WORD_MISMATCH_CAP = 70
FIRST_LETTER_PENALTY = 15
LOOSE_WORDS = {fold(w) for w in GENERIC | PLACE_GENERIC | PLACE_HEADS | TITLES}
# Written abbreviations of generic words: "Def" (Defense), "Lib" (Liberation), "Dem".
_LOOSE_PREFIXES = {w[:n] for w in LOOSE_WORDS for n in range(3, len(w))}


# A word one edit from a generic word (OSA: a change, an insertion, a deletion or a swap)
# of six letters or more keeps either its first two or its last two letters (the edit is
# in the other end), and its length is within one of it: those are looked up, then checked.
_LOOSE_NEAR: dict[tuple[int, str], list[str]] = {}
for _w in sorted(LOOSE_WORDS):
    if len(_w) >= 6:
        for _size in (len(_w) - 1, len(_w), len(_w) + 1):
            _LOOSE_NEAR.setdefault((_size, "^" + _w[:2]), []).append(_w)
            _LOOSE_NEAR.setdefault((_size, "$" + _w[-2:]), []).append(_w)
    # A short generic word mistyped keeps its first letter and length ("Liws", "Matj").
    _LOOSE_NEAR.setdefault((len(_w), _w[0]), []).append(_w)


@lru_cache(maxsize=262_144)
def is_loose(word: str) -> bool:
    """A generic word, its abbreviation ("Def"), or one typo away ("Liberstion")."""
    if word in LOOSE_WORDS or word in _LOOSE_PREFIXES:
        return True
    size = len(word)
    if size < 4:
        return False
    if size < 6:
        # Anything else one edit from a short generic word ("husha" from "hush") is a name.
        near = _LOOSE_NEAR.get((size, word[0]), ())
    else:
        near = _LOOSE_NEAR.get((size, "^" + word[:2]), []) + _LOOSE_NEAR.get(
            (size, "$" + word[-2:]), []
        )
    return any(OSA.distance(word, w, score_cutoff=1) <= 1 for w in near)


_DROPPED, _GENERIC, _DISTINCTIVE = 0, 1, 2


def roles(words: Iterable[str]) -> dict[str, int]:
    """{word: _role(word)} for many distinct folded words: `is_loose` written out in one
    loop (clustering 50k names, nearly every word is new: a call and a cache lookup per
    word cost more than the test)."""
    out: dict[str, int] = {}
    near_get = _LOOSE_NEAR.get
    distance = OSA.distance
    for word in words:
        size = len(word)
        if size <= 1 or word in STOPWORDS:
            out[word] = _DROPPED
        elif word in LOOSE_WORDS or word in _LOOSE_PREFIXES:
            out[word] = _GENERIC
        elif size < 4:
            out[word] = _DISTINCTIVE
        else:
            if size < 6:
                near = near_get((size, word[0]), ())
            else:
                near = near_get((size, "^" + word[:2]), []) + near_get((size, "$" + word[-2:]), [])
            out[word] = _DISTINCTIVE
            for w in near:
                if distance(word, w, score_cutoff=1) <= 1:
                    out[word] = _GENERIC
                    break
    return out


class NameInfo(NamedTuple):  # a tuple: made once per name, tuple.__new__ is C (see _made)
    group: int
    name: str
    base: list[str]  # base_tokens, unfolded (for keyed forms)
    folded: list[str]  # base_tokens folded
    compact: str  # folded words run together
    tokens: list[str]  # folded words, stopwords removed
    core: list[str]  # the distinctive folded words (not generic)
    digits: str
    skeleton: str
    core_written: tuple[str, ...]  # the distinctive words as written (all words if none)
    core_key: str  # what the fuzzy stage blocks and compares on: the distinctive words

    @classmethod
    def of(cls, group: int, name: str) -> NameInfo:
        base = base_tokens(name)
        folded = list(map(fold, base))
        role = {t: _role(t) for t in folded}
        others = {t for t, r in role.items() if r != _DISTINCTIVE}
        return _made(group, name, base, folded, skeleton(folded), role, others)

    @classmethod
    def many(cls, items: Sequence[tuple[int, str]]) -> list[NameInfo]:
        """`of` each (group, name), each step done for all of them at once: the words'
        keys in a few passes over them all (`base.batchkeys`), each distinct word folded
        and given its role once (clustering 50k names, nearly every word is new)."""
        bases = base_tokens_many([name for _group, name in items])
        words = list({w for base in bases for w in base})
        folded_words = fold_many(words)
        fold_of = dict(zip(words, folded_words, strict=True))
        role = roles(set(folded_words))
        others = {t for t, r in role.items() if r != _DISTINCTIVE}
        folds = [list(map(fold_of.__getitem__, base)) for base in bases]
        return [
            _made(group, name, base, folded, skel, role, others)
            for (group, name), base, folded, skel in zip(
                items, bases, folds, skeletons(folds), strict=True
            )
        ]


def _role(word: str) -> int:
    """A folded word's role in a name: dropped (a stopword, a letter), generic, distinctive."""
    if word in STOPWORDS or len(word) <= 1:
        return _DROPPED
    return _GENERIC if is_loose(word) else _DISTINCTIVE


def _made(
    group: int,
    name: str,
    base: list[str],
    folded: list[str],
    skel: str,
    role: dict[str, int],
    others: set[str],
) -> NameInfo:
    """The NameInfo of a name; `role` gives each folded word's role, `others` holds the
    words whose role is not distinctive."""
    compact = "".join(folded)
    if others.isdisjoint(folded):  # every word distinctive (most names)
        tokens, core, written, core_key = folded[:], folded[:], base, compact
    else:
        roles = [role[t] for t in folded]
        tokens = [t for t, r in zip(folded, roles, strict=True) if r]
        core = [t for t, r in zip(folded, roles, strict=True) if r == _DISTINCTIVE]
        written = [w for w, r in zip(base, roles, strict=True) if r == _DISTINCTIVE]
        core_key = "".join(core) or compact
    digits = "" if compact.isalpha() else "".join(c for c in compact if c.isdigit())
    # tuple.__new__, positional: NamedTuple's own __new__ is a Python function.
    return _NEW(NameInfo, (
        group, name, base, folded, compact, tokens, core, digits, skel, tuple(written or base),
        core_key,
    ))  # fmt: skip


_NEW = tuple.__new__


@lru_cache(maxsize=262_144)
def words_match(a: str, b: str) -> bool:
    """Loose agreement, for generic words and for checking every word has a counterpart."""
    if a == b:
        return True
    if a in LOOSE_WORDS and b in LOOSE_WORDS:
        # Two known generic words: "militias" is not "military", but "forces" is "force"
        # and "Kafr" is "Kfar".
        return a.rstrip("s") == b.rstrip("s") or word_skeleton(a) == word_skeleton(b)
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True  # "def" / "defense", "brig" / "brigade"
    if fuzz.ratio(a, b) >= 75:
        return True
    return len(a) >= 3 and word_skeleton(a) == word_skeleton(b)


def words_agree(a: list[str], b: list[str]) -> bool:
    """Every word of each name has a counterpart in the other."""
    return all(any(words_match(x, y) for y in b) for x in a) and all(
        any(words_match(y, x) for x in a) for y in b
    )


def word_score(x: str, y: str) -> float:
    """Similarity of two folded words (or two names run together)."""
    if x == y:
        return 100.0
    longest = max(len(x), len(y))
    distance = OSA.distance(x, y)
    score = max(fuzz.ratio(x, y), 100.0 * (1 - distance / longest))
    if distance == 1 and longest > SHORT:
        score = max(score, 88.0)
    if longest <= SHORT:
        # In so short a word a difference usually makes another word ("Hama" / "Hamas");
        # one change inside a five-letter word, both ends kept, is taken for a typo.
        inside = distance == 1 and len(x) == len(y) == SHORT and (x[0], x[-1]) == (y[0], y[-1])
        score = 86.0 if inside else min(score, SHORT_CAP)
    if x[0] != y[0] and not (x[0] in _VOWELS and y[0] in _VOWELS):
        score -= FIRST_LETTER_PENALTY
    return score


def _worst_core(a: list[str], b: list[str]) -> float:
    worst = 100.0
    for x in a:
        worst = min(worst, max(word_score(x, y) for y in b))
    for y in b:
        worst = min(worst, max(word_score(y, x) for x in a))
    return worst


def score_pair(a: NameInfo, b: NameInfo) -> float:
    if a.compact == b.compact:
        return 97.0
    if a.digits != b.digits or not a.compact or not b.compact:
        return 0.0
    if len(a.tokens) >= 2 and len(b.tokens) >= 2:
        if not words_agree(a.tokens, b.tokens):
            return min(word_score(a.compact, b.compact), WORD_MISMATCH_CAP)
        if a.core and b.core:
            score = _worst_core(a.core, b.core)
            if len(a.core) == len(b.core) >= 2:
                # One typo in a short word of a longer name ("Lajal Lutin" / "Lajak Lutin").
                score = max(score, word_score("".join(a.core), "".join(b.core)))
            return min(score, 97.0)
        if a.core or b.core:
            return WORD_MISMATCH_CAP  # one has a distinctive word, the other none
        return min(_worst_core(a.tokens, b.tokens), 97.0)  # all generic: "Homs Brigade"
    return word_score(a.compact, b.compact)
