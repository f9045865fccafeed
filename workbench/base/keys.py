"""Provides the clustering keys for names: OpenRefine-style fingerprints plus transliteration folding.

None of these keys is stored: they only decide which names are compared and how closely, so
they can improve without a migration (the stored exact key is `names.name_key`).

- `fingerprint` / `ngram_fingerprint`: OpenRefine's keying functions (token set; character
  n-gram set), which catch re-ordered words and spacing/punctuation differences.
- `base_tokens`: lower-cased words with hashtags, @handles (camelCase split), possessives,
  apostrophes, Arabic articles attached by a hyphen (al-/el-/ash-/as-/ad-/an-/ar-/at-/az-...),
  a leading "the" removed and spelled-out initials ("U.S.") joined.
- `fold`: one word with transliteration variants folded (ou/oo->u, ei/ey/ai->ay, q->k,
  ph->f, doubled letters, a trailing h after a vowel, e->i, o->u), so "Raqqah"/"Raqa",
  "Jaish"/"Jaysh" and "Idleb"/"Idlib" agree.
- `skeleton`: consonants only (first letter kept, initial vowels as "a"), which makes
  "Kafranbil" and "Kafr Nabl" or "Deir ez-Zor" and "Dayr az Zawr" agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .names import strip_accents

# Arabic definite article and its sun-letter assimilations, written "al-Sham", "ash-Sham".
ARTICLES = {
    "al", "el", "ul", "il", "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az",
    "ed", "en", "er", "es", "esh", "et", "ez",
}  # fmt: skip
# Written as separate words ("Dayr az Zawr") only these are unambiguous; "as", "at", "an"
# are English words and are dropped only when attached by a hyphen.
LOOSE_ARTICLES = {"al", "el", "ul", "az", "ez", "ash", "adh", "ath", "esh"}
STOPWORDS = {"of", "the", "and", "for", "in", "on", "de", "du", "la", "le", "des", "to"}

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2018\u2019\u02bc\u02bb\u02bf\u02be`\u00b4"})
_HYPHENS = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2212"})
_HANDLE = re.compile(r"(?<![\w])[@#](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\W|$)")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_ATTACHED_ARTICLE = re.compile(r"\b(" + "|".join(sorted(ARTICLES, key=len, reverse=True)) + r")-")
# Mistyped, still joined by a hyphen to the next word: "aal-", "all-", "sl-".
_MISTYPED_ARTICLE = re.compile(r"(?<![\w-])(aal|all|sl|ak|aj|l)-(?=\w)")
# Typed without its hyphen or space: "alTirufa", "Kafral-Tuumab". (Both branches open with
# the vowel, and the word boundary before it is tested behind it, so `re` skips to the
# next a or e instead of trying the pattern at every position: 10x faster over long text.)
_GLUED_ARTICLE = re.compile(r"[AaEe](?:(?<!\w[AaEe])l(?=[A-Z][a-z])|(?<=[a-z]{4})l-)")
# The hyphen typed one letter late: "alD-huubas".
_LATE_HYPHEN = re.compile(r"\b[Aa]l([A-Z])-(?=[a-z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _split_handle(match: re.Match[str]) -> str:
    # "@SyriaCivilDef" -> "Syria Civil Def"; "#Kafranbil" -> "Kafranbil".
    return " " + _CAMEL.sub(" ", match.group(1)) + " "


# Common written abbreviations of generic words, expanded so "Brig." meets "Brigade".
ABBREVIATIONS = {
    "brig": "brigade", "bde": "brigade", "bn": "battalion", "btn": "battalion",
    "gen": "general", "col": "colonel", "lt": "lieutenant", "maj": "major", "capt": "captain",
    "sgt": "sergeant", "cmdr": "commander", "sh": "sheikh", "govt": "government",
    "dept": "department", "intl": "international", "natl": "national", "mt": "mount",
    "assn": "association", "div": "division", "regt": "regiment", "pres": "president",
}  # fmt: skip


def base_tokens(name: str) -> list[str]:
    """Words of a name with the noise that never tells two entities apart removed."""
    text = strip_accents(name)
    if not text.isascii() or "`" in text:  # the only ASCII character the tables change
        text = text.translate(_APOSTROPHES).translate(_HYPHENS)
    # Each pattern runs only when its trigger character is there: this is called per name.
    if "@" in text or "#" in text:
        text = _HANDLE.sub(_split_handle, text)
    if "l" in text:
        text = _GLUED_ARTICLE.sub(" ", text)
        if "-" in text:
            text = _LATE_HYPHEN.sub(r" \1", text)
    text = text.casefold()
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
        text = _INNER_APOSTROPHE.sub("", text)  # "hay'at" -> "hayat"
    if "-" in text:
        text = _ATTACHED_ARTICLE.sub(" ", text)
        text = _MISTYPED_ARTICLE.sub(" ", text)
    tokens = [t for t in _NON_WORD.split(text) if t]
    tokens = [ABBREVIATIONS.get(t, t) for t in tokens if t not in LOOSE_ARTICLES]
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return _join_initials(tokens)


def _join_initials(tokens: list[str]) -> list[str]:
    """'u s' -> 'us', 'u n' -> 'un' (spelled-out initials become one acronym token)."""
    out: list[str] = []
    run = ""
    for t in tokens:
        if len(t) == 1 and t.isalpha():
            run += t
            continue
        if run:
            out.append(run)
            run = ""
        out.append(t)
    if run:
        out.append(run)
    return out


# A letter the next one repeats: removing these undoubles a word ("raqqa" -> "raqa") as
# `(.)\1+` -> `\1` does, without the Python-level template expansion per match (5x faster).
_DOUBLE = re.compile(r"(.)(?=\1)")
_AW = re.compile(r"aw(?![aeiouy])")  # "Zawr" = "Zour", "Hawsh" = "Hosh"
_DIGRAPHS = [("ph", "f"), ("ck", "k"), ("q", "k"), ("dj", "j"), ("ou", "u"), ("oo", "u"),
             ("ee", "i"), ("ei", "ay"), ("ey", "ay"), ("ai", "ay"), ("ae", "ay")]  # fmt: skip


@lru_cache(maxsize=262_144)
def fold(token: str) -> str:
    """Fold one word's transliteration variants: 'raqqah' -> 'raka', 'jaish' -> 'jaysh'.

    Arabic has three vowels; "e" and "o" in a transliteration stand for i/a and u, so they
    fold to "i" and "u" ("Idleb" = "Idlib", "Mohammed" ~ "Muhammad").
    """
    if token.isdigit():
        return token
    for a, b in _DIGRAPHS:
        if a in token:
            token = token.replace(a, b)
    token = _AW.sub("u", _DOUBLE.sub("", token))
    if len(token) > 2 and token[-1] == "h" and token[-2] in "aeiou":
        token = token[:-1]
    return _DOUBLE.sub("", token.replace("o", "u").replace("e", "i"))


_DROP_VOWELS = str.maketrans("", "", "aeiou")


@lru_cache(maxsize=262_144)
def _skeleton_word(token: str) -> str:
    if not token:
        return ""
    head = "a" if token[0] in "aeiou" else token[0]
    return head + token[1:].translate(_DROP_VOWELS)


def skeleton(tokens: list[str]) -> str:
    """Consonant skeleton of folded tokens: 'kafr nabl' and 'kafranbil' -> 'kfrnbl'."""
    if len(tokens) == 1:
        return word_skeleton(tokens[0])
    return _DOUBLE.sub("", "".join(_skeleton_word(t) for t in tokens))


@lru_cache(maxsize=262_144)
def word_skeleton(token: str) -> str:
    return _DOUBLE.sub("", _skeleton_word(token))


def fingerprint(name: str) -> str:
    """OpenRefine fingerprint: sorted unique words after normalisation."""
    return " ".join(sorted(set(base_tokens(name))))


def ngram_fingerprint(name: str, n: int = 2) -> str:
    """OpenRefine n-gram fingerprint: sorted unique character n-grams, spaces removed."""
    text = "".join(base_tokens(name))
    return "".join(sorted({text[i : i + n] for i in range(max(len(text) - n + 1, 1))}))


def initials(tokens: list[str]) -> str:
    """First letters of the words that carry meaning: 'syrian democratic forces' -> 'sdf'."""
    return "".join([t[0] for t in tokens if t not in STOPWORDS and t and not t.isdigit()])


_NOT_LETTER = re.compile(r"[^A-Za-z]")


def looks_like_acronym(name: str) -> bool:
    """'SDF', 'U.S.', '[ISIS]', 'HTS' - written in capitals, 2-6 letters."""
    if " " in name.strip() or name[1:].islower():  # (at most one capital: most names)
        return False
    letters = _NOT_LETTER.sub("", name)
    if not 2 <= len(letters) <= 6:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper >= len(letters) - 1 and upper >= 2
