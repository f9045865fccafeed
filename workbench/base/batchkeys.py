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

from .keys import (
    _ATTACHED_ARTICLE,
    _AW,
    _DIGRAPHS,
    _DOUBLE,
    _GLUED_ARTICLE,
    _INNER_APOSTROPHE,
    _LATE_HYPHEN,
    _MISTYPED_ARTICLE,
    _POSSESSIVE,
    ABBREVIATIONS,
    LOOSE_ARTICLES,
    _join_initials,
    base_tokens,
    fold,
    skeleton,
)

_WORDS_OR_BREAK = re.compile(r"[a-z0-9]+|\n")  # base_tokens' words (_NON_WORD's complement)
_SPECIAL = re.compile(r"[^\x00-\x09\x0b-\x5f\x61-\x7f]|[@#]")  # newline, non-ASCII, `, @, #
_TRAILING_H = re.compile(r"(?<=[^\n][aeiou])h\n")  # fold: a final h after a vowel, 3+ letters
_INNER_VOWEL = re.compile(r"(?<=[^\n])[aeiou]")
_FIRST_VOWEL = re.compile(r"^[aeiou]", re.MULTILINE)
# What base_tokens does to each word: loose articles dropped, abbreviations expanded.
_WORD_MAP: dict[str, str | None] = {**ABBREVIATIONS, **dict.fromkeys(LOOSE_ARTICLES)}


def base_tokens_many(names: list[str]) -> list[list[str]]:
    """[base_tokens(name) for name in names]."""
    plain = [i for i, name in enumerate(names) if not _SPECIAL.search(name)]
    out: list[list[str]] = [[] for _ in names]
    if len(plain) < len(names):
        taken = set(plain)
        for i, name in enumerate(names):
            if i not in taken:
                out[i] = base_tokens(name)
    if not plain:
        return out
    lines = _GLUED_ARTICLE.sub(" ", "\n".join([names[i] for i in plain])).split("\n")
    # The patterns for hyphens and apostrophes run on the names that have one (over all
    # names they cost more than they save), all those names joined as the rest are.
    marked = [k for k, line in enumerate(lines) if "-" in line or "'" in line]
    if marked:
        done = _marked("\n".join([lines[k] for k in marked])).split("\n")
        for k, line in zip(marked, done, strict=True):
            lines[k] = line
    words = _WORDS_OR_BREAK.findall("\n".join(lines).casefold() + "\n")
    get = _WORD_MAP.get
    n = 0
    tokens: list[str] = []
    for word in words:
        if word != "\n":
            mapped = get(word, word)
            if mapped is not None:
                tokens.append(mapped)
            continue
        if len(tokens) > 1 and tokens[0] == "the":
            del tokens[0]
        # Spelled-out initials ("u s") are rare: most names have no one-letter word.
        if any(len(t) == 1 for t in tokens):
            tokens = _join_initials(tokens)
        out[plain[n]] = tokens
        n += 1
        tokens = []
    return out


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
    text = _AW.sub("u", _DOUBLE.sub("", text))
    text = _TRAILING_H.sub("\n", text)
    text = _DOUBLE.sub("", text.replace("o", "u").replace("e", "i"))
    return text[:-1].split("\n")


def skeletons(folded: list[list[str]]) -> list[str]:
    """[skeleton(words) for words in folded]: each list of folded words' skeleton."""
    distinct = list({w for words in folded for w in words})
    if not distinct or any(not w or "\n" in w for w in distinct):
        return [skeleton(words) for words in folded]
    text = "\n".join(distinct)
    text = _FIRST_VOWEL.sub("a", _INNER_VOWEL.sub("", text))
    word_skel = dict(zip(distinct, text.split("\n"), strict=True))
    joined = "\n".join(["".join([word_skel[w] for w in words]) for words in folded])
    return _DOUBLE.sub("", joined).split("\n")
