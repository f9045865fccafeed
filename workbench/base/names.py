"""Provides `name_key`, the exact-match key stored in `aliases.norm`.

It folds only what never distinguishes two entities: case, accents, hashtags and @handles,
possessives, a leading "the", punctuation and spacing. Fuzzier keys used for clustering
(transliteration folding, fingerprints) live in `workbench.base.keys` and are never stored,
so they can improve without a migration. Changing `name_key` needs a migration that
recomputes `aliases.norm`.
"""

from __future__ import annotations

import re
import unicodedata

_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b|(?<=s)['\u2019](?=\s|$)")
_NON_WORD = re.compile(r"[^\w]+")
_LEADING_THE = re.compile(r"^the\s+")


def strip_accents(text: str) -> str:
    if text.isascii():
        return text  # nothing to strip; the common case, and clustering calls this a lot
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(name: str) -> str:
    """'The #Kafranbil's' -> 'kafranbil'; 'U.S.' -> 'u s'; "Assad's regime" -> 'assad regime'."""
    text = strip_accents(name).casefold().strip()
    text = text.replace("#", " ").replace("@", " ")
    text = _POSSESSIVE.sub("", text)
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    text = " ".join(text.split())
    return _LEADING_THE.sub("", text)
