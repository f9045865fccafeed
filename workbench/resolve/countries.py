"""Provides country names, their other names and demonyms, read from `countries.tsv`.

Why: "Turkish forces", "Turkey" and "the Turkish army" are one actor (the state forces of
Turkey), and "UK"/"Britain" or "US"/"U.S."/"United States" are one country. The table is
general knowledge shipped with the package, never fetched.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .keys import base_tokens


@lru_cache(maxsize=1)
def country_index() -> dict[str, str]:
    """' '.join(base_tokens(any name or demonym)) -> canonical country name."""
    text = resources.files("workbench.resolve").joinpath("countries.tsv").read_text("utf-8")
    index: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", ""])[:3]
        canonical = cols[0].strip()
        names = [canonical, *cols[1].split("|"), *cols[2].split("|")]
        for name in names:
            key = " ".join(base_tokens(name))
            if key:
                index.setdefault(key, canonical)
    return index


def country_of(tokens: list[str]) -> str | None:
    """The country named by these words ('syrian', 'united kingdom', 'us'), if any."""
    return country_index().get(" ".join(tokens))


def split_country_prefix(tokens: list[str]) -> tuple[str | None, list[str]]:
    """('turkish', 'forces') -> ('Turkey', ['forces']); the longest country prefix wins."""
    index = country_index()
    for n in range(min(len(tokens), 5), 0, -1):
        country = index.get(" ".join(tokens[:n]))
        if country:
            return country, tokens[n:]
    return None, tokens
