"""Provides `base_tokens_many`, `fold_many` and `skeletons`: `keys.base_tokens`, `keys.fold`
and `keys.skeleton` of many names or words at once, with the same results.

Clustering prepares every name the workbench knows (50,000 in bench/names) and nearly every
word in them is new, so neither function's per-call cost nor a cache helps: a regex
substitution costs a microsecond a call whatever it does. Here each step of the one-name
functions runs once over all the names (or words) joined by newlines, which none of the
patterns can match across (`.` and `[a-z]` never match a newline, and a newline is a word
boundary and a non-word character, as the start and end of a name are). Names the joined
form could change are left to the one-name function: those with a newline, a character the
accent and apostrophe tables change (non-ASCII or "`"), or an @handle or #hashtag (whose
camelCase split is a callback per match).
"""

from __future__ import annotations

import re
from itertools import compress
from operator import not_

from .keys import (
    _AW,
    _DIGRAPHS,
    _DOUBLE,
    _GLUED_ARTICLE,
    ABBREVIATIONS,
    ARTICLES,
    LOOSE_ARTICLES,
    _join_initials,
    base_tokens,
    fold,
    skeleton,
)

# keys' patterns for hyphens and apostrophes, each opening with a character (or a few) and
# testing what stands before it behind it, as _GLUED_ARTICLE does, so that `re` skips to
# the next such character instead of trying the whole pattern at every position (over
# 50k names, 450M instructions -> ...). tests/test_resolve_batch.py compares them.
_LATE_HYPHEN = re.compile(r"[Aa](?<!\w[Aa])l([A-Z])-(?=[a-z])")  # keys: \b[Aa]l([A-Z])-(?=[a-z])
_POSSESSIVE = re.compile(r"'(?:(?<=\w')s\b|(?<=s')(?=\W|$))")
_INNER_APOSTROPHE = re.compile(r"'(?<=\w')(?=\w)")


def _opening(words: set[str], before: str) -> re.Pattern[str]:
    """`words` each followed by a hyphen, where `before` (a class) does not precede them,
    written as branches by first letter (longest words first within each)."""
    heads: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        heads.setdefault(word[0], []).append(word[1:])
    branches = [f"{h}(?<!{before}{h})(?:{'|'.join(rest)})" for h, rest in sorted(heads.items())]
    return re.compile("(?:" + "|".join(branches) + ")-")


_ATTACHED_ARTICLE = _opening(ARTICLES, r"\w")  # keys: \b(al|el|...)-
_MISTYPED_ARTICLE = re.compile(  # keys: (?<![\w-])(aal|all|sl|ak|aj|l)-(?=\w)
    _opening({"aal", "all", "sl", "ak", "aj", "l"}, r"[\w-]").pattern + r"(?=\w)"
)
_SEPARATORS = bytes(
    c if chr(c) in "0123456789abcdefghijklmnopqrstuvwxyz\n" else 32 for c in range(256)
)
_SPECIAL = re.compile(r"[^\x00-\x09\x0b-\x5f\x61-\x7f]|[@#]")  # newline, non-ASCII, `, @, #
# fold: a final h after a vowel, 3+ letters (the "h" first, for `re` to skip to it).
_TRAILING_H = re.compile(r"h(?<=[^\n][aeiou]h)\n")
_INNER_VOWEL = re.compile(r"(?<=[^\n])[aeiou]")
_FIRST_VOWEL = re.compile(r"^[aeiou]", re.MULTILINE)
# What base_tokens does to each word: loose articles dropped, abbreviations expanded.
_WORD_MAP: dict[str, str | None] = {**ABBREVIATIONS, **dict.fromkeys(LOOSE_ARTICLES)}
_TOUCHED = frozenset([*_WORD_MAP, "the", *"0123456789abcdefghijklmnopqrstuvwxyz"])


def _has_special(text: str) -> bool:
    """Has ASCII `text` a character `_SPECIAL` finds, newlines apart? (`in` is C's memchr;
    a regex tries each position.)"""
    return "`" in text or "@" in text or "#" in text


def base_tokens_many(names: list[str]) -> list[list[str]]:
    """[base_tokens(name) for name in names]."""
    joined = "\n".join(names)
    if joined.isascii() and joined.count("\n") == len(names) - 1 and not _has_special(joined):
        return _plain_tokens(joined)  # (no name is special: the usual case, tested in C)
    plain = [i for i, name in enumerate(names) if not _SPECIAL.search(name)]
    out: list[list[str]] = [[] for _ in names]
    if len(plain) < len(names):
        taken = set(plain)
        for i, name in enumerate(names):
            if i not in taken:
                out[i] = base_tokens(name)
    if plain:
        for i, tokens in zip(
            plain, _plain_tokens("\n".join([names[i] for i in plain])), strict=True
        ):
            out[i] = tokens
    return out


def _plain_tokens(joined: str) -> list[list[str]]:
    """base_tokens of each of the names `joined` by newlines, none of them special."""
    lines = _GLUED_ARTICLE.sub(" ", joined).split("\n")
    # The patterns for hyphens and apostrophes run on the names that have one (over all
    # names they cost more than they save), all those names joined as the rest are.
    marked = [k for k, line in enumerate(lines) if "-" in line or "'" in line]
    if marked:
        done = _marked("\n".join([lines[k] for k in marked])).split("\n")
        for k, line in zip(marked, done, strict=True):
            lines[k] = line
    # The words of every name at once, in C: every byte but a letter, a digit or a newline
    # made a space (the text is ASCII), each line split at spaces. The few names with a
    # word base_tokens maps or drops, "the" or a one-letter word are then finished apart.
    text = "\n".join(lines).lower().encode("ascii").translate(_SEPARATORS).decode("ascii")
    tokens = list(map(str.split, text.split("\n")))
    for k in compress(range(len(tokens)), map(not_, map(_TOUCHED.isdisjoint, tokens))):
        tokens[k] = _finished(tokens[k])
    return tokens


def _finished(words: list[str]) -> list[str]:
    """What base_tokens does to a name's words: mapped, "the" dropped, initials joined."""
    get = _WORD_MAP.get
    tokens = [mapped for word in words if (mapped := get(word, word)) is not None]
    if len(tokens) > 1 and tokens[0] == "the":
        del tokens[0]
    if any(len(t) == 1 for t in tokens):
        tokens = _join_initials(tokens)
    return tokens


def _marked(text: str) -> str:
    """What base_tokens does to names (joined by newlines) with a hyphen or an apostrophe
    after _GLUED_ARTICLE, casefolded. Each pattern runs where base_tokens would run it: a
    name without the hyphen or apostrophe a pattern needs is not changed by it."""
    if "-" in text:
        text = _LATE_HYPHEN.sub(r" \1", text)
    text = text.casefold()
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
        text = _INNER_APOSTROPHE.sub("", text)
    if "-" in text:
        text = _ATTACHED_ARTICLE.sub(" ", text)
        text = _MISTYPED_ARTICLE.sub(" ", text)
    return text


def fold_many(words: list[str]) -> list[str]:
    """[fold(word) for word in words]."""
    plain = [w for w in words if not w.isdigit() and "\n" not in w]
    if len(plain) == len(words):
        return _fold_plain(words)
    folded = iter(_fold_plain(plain))
    return [fold(w) if w.isdigit() or "\n" in w else next(folded) for w in words]


def _fold_plain(words: list[str]) -> list[str]:
    if not words:
        return []
    text = "\n".join(words) + "\n"
    for a, b in _DIGRAPHS:
        if a in text:
            text = text.replace(a, b)
    text = _AW.sub("u", _undoubled(text))
    text = _TRAILING_H.sub("\n", text)
    text = _undoubled(text.replace("o", "u").replace("e", "i"))
    return text[:-1].split("\n")


def skeletons(folded: list[list[str]]) -> list[str]:
    """[skeleton(words) for words in folded]: each list of folded words' skeleton."""
    distinct = list({w for words in folded for w in words})
    text = "\n".join(distinct)
    if not distinct or "" in distinct or text.count("\n") != len(distinct) - 1:
        return [skeleton(words) for words in folded]
    if text.isascii() and "A" not in text:
        # Every vowel but a word's first dropped, a first one made "a": the first ones
        # marked "A", the rest deleted by bytes.translate (in C), the mark made "a".
        text = "\n" + text
        for vowel in "aeiou":
            text = text.replace("\n" + vowel, "\nA")
        text = text[1:].encode("ascii").translate(None, b"aeiou").decode("ascii").replace("A", "a")
    else:
        text = _FIRST_VOWEL.sub("a", _INNER_VOWEL.sub("", text))
    word_skel = dict(zip(distinct, text.split("\n"), strict=True)).__getitem__
    joined = "\n".join(["".join(map(word_skel, words)) for words in folded])
    return _undoubled(joined).split("\n")


def _undoubled(text: str) -> str:
    """_DOUBLE.sub("", text): each letter the next one repeats dropped (newlines kept).
    `re` tries that pattern at every position; numpy compares all neighbours at once
    (clustering, the only caller, has numpy imported anyway)."""
    if not text.isascii():
        return _DOUBLE.sub("", text)
    import numpy as np

    codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    keep = np.ones(len(codes), dtype=bool)
    keep[:-1] = (codes[:-1] != codes[1:]) | (codes[:-1] == 10)  # ("." is not a newline)
    return codes[keep].tobytes().decode("ascii")
