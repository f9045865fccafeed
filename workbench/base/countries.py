"""Provides country names, their other names and demonyms, from `workbench/data/countries.csv`.

Why: "Turkish forces", "Turkey" and "the Turkish army" are one actor (the state forces of
Turkey), and "UK"/"Britain" or "US"/"U.S."/"United States" are one country. The table is
general knowledge shipped with the package, never fetched. The export reads the same rows
for ISO codes and ACLED regions (`country_info`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .keys import base_tokens
from .names import name_key


@dataclass(frozen=True)
class Country:
    name: str
    iso3: str
    iso: int | None
    region: str


@lru_cache(maxsize=1)
def country_rows() -> tuple[dict[str, str], ...]:
    """The rows of countries.csv (country, iso3, iso, region, aliases, demonyms), read once
    for name resolution, the extractor and the export."""
    text = resources.files("workbench.data").joinpath("countries.csv").read_text("utf-8")
    return tuple(csv.DictReader(text.splitlines()))


def split_list(value: str | None) -> list[str]:
    """ "UK; Britain" -> ["UK", "Britain"]: a ;-separated cell of the table."""
    return [part.strip() for part in (value or "").split(";") if part.strip()]


@lru_cache(maxsize=1)
def country_index() -> dict[str, str]:
    """' '.join(base_tokens(any name or demonym)) -> canonical country name."""
    index: dict[str, str] = {}
    for row in country_rows():
        canonical = row["country"].strip()
        names = [canonical, *row["aliases"].split(";"), *(row.get("demonyms") or "").split(";")]
        for name in names:
            key = " ".join(base_tokens(name.strip()))
            if key:
                index.setdefault(key, canonical)
    return index


def country_of(tokens: list[str]) -> str | None:
    """The country named by these words ('syrian', 'united kingdom', 'us'), if any."""
    return country_index().get(" ".join(tokens))


@lru_cache(maxsize=1)
def country_first_words() -> frozenset[str]:
    return frozenset(key.split(" ")[0] for key in country_index())


def split_country_prefix(tokens: list[str]) -> tuple[str | None, list[str]]:
    """('turkish', 'forces') -> ('Turkey', ['forces']); the longest country prefix wins."""
    if not tokens or tokens[0] not in country_first_words():
        return None, tokens  # no country name starts with this word (the usual case)
    index = country_index()
    for n in range(min(len(tokens), 5), 0, -1):
        country = index.get(" ".join(tokens[:n]))
        if country:
            return country, tokens[n:]
    return None, tokens


@lru_cache(maxsize=1)
def _countries() -> dict[str, Country]:
    table: dict[str, Country] = {}
    for row in country_rows():
        country = Country(
            row["country"], row["iso3"], int(row["iso"]) if row["iso"] else None, row["region"]
        )
        for name in [row["country"], *row["aliases"].split("; ")]:
            table.setdefault(name_key(name), country)
    return table


@lru_cache(maxsize=4096)
def country_info(name: str | None) -> Country | None:
    """The country table's entry for a country name, ISO3 code or alias."""
    return _countries().get(name_key(name)) if name else None
