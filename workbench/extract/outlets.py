"""Provides `outlet_country`: the country a local news outlet reports on, the article's last
clue to where it happened when its text names no place at all.

Local reports and ACLED-style notes seldom repeat the country their outlet covers ("Imbonerakure
beat a man in the market" in a Burundian paper). An outlet counts when its name names a
country, a demonym, or a province or big city that lies in one country ("Dawn (Pakistan)",
"Assam Tribune", "Le Potentiel (Kinshasa)"), or when it is one of the local outlets in
data/outlets.csv whose names name no place ("Radio Dabanga", "Radio Okapi"). International
outlets (AFP, Reuters, The Guardian) and a metadata cell naming outlets of two countries give
nothing.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from ..base.names import name_key
from .gazetteer import big_places
from .lexicon import Lexicon
from .tokens import Tokens

# One metadata cell may list several outlets: "Sudan Tribune; Radio Dabanga".
_SEVERAL = re.compile(r"\s*[;|]\s*|\s+and\s+")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Outlet name or alias key -> country, from data/outlets.csv ("" for an international
    outlet: "Agence France Presse" says nothing of where, whatever its name holds). Keyed
    without spaces: metadata cells often run an outlet's words together ("Mosaiquefm",
    "Madamasr", "StandardMedia")."""
    text = resources.files("workbench.data").joinpath("outlets.csv").read_text("utf-8")
    out: dict[str, str] = {}
    for row in csv.DictReader(text.splitlines()):
        for name in [row["outlet"], *(row.get("aliases") or "").split(";")]:
            if name.strip():
                out[_joined(name)] = row["country"]
    return out


def _joined(name: str) -> str:
    return name_key(name).replace(" ", "")


def outlet_country(lex: Lexicon, outlet: str | None) -> str | None:
    """The one country the outlet(s) named in `outlet` report on, or None."""
    if not outlet or not outlet.strip():
        return None
    memo = lex.cache.setdefault("outlet_country", {})
    if outlet not in memo:
        found = {c for part in _SEVERAL.split(outlet) if (c := _one(lex, part))}
        memo[outlet] = found.pop() if len(found) == 1 else None
    return memo[outlet]


# "Agence France Presse -- English", "Xinhua News Agency - French": the outlet, then which
# of its editions; the edition's words say nothing of where.
_EDITION = re.compile(
    r"\s*[-\u2013\u2014]+\s*(?:(?:in\s+)?(?:English|French|Arabic|Spanish|Portuguese|Russian"
    r"|Chinese|German|Swahili|Hindi|Urdu|Persian|Turkish)|online|web|print)(?:\s+(?:edition|service))?\s*$",
    re.I,
)


_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")
# "Radio Okapi 2 Sep 05", "The Nation 02/01/2008", "MONUC, 18 May 2006.": the day it ran.
_DATED = re.compile(
    r"[,\s]+(?:\d{3,4}\s+gmt\s+)?(?:\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|\d{4}-\d{2}-\d{2})\.?\s*$",
    re.I,
)


def _one(lex: Lexicon, name: str) -> str | None:
    name = _DATED.sub("", _EDITION.sub("", name.strip()))
    # "Deep South Watch (CSCD)": a known outlet followed by its acronym in brackets.
    bare = _joined(_BRACKETS.sub("", name))
    if bare in _table():
        return _table()[bare] or None
    key = _joined(name)
    if key in _table() or not key:
        return _table().get(key) or None
    toks = Tokens.of(name)
    countries: set[str] = set()
    matches: list = lex.trie.scan(toks)  # typed as in article_country.context_country
    for _, _, senses in matches:
        for kind, entry in senses:
            if kind == "place" and entry.country:
                countries.add(entry.country)
            elif kind == "demonym" and isinstance(entry, str):
                countries.add(entry)
    countries.update(big_places(toks))
    return countries.pop() if len(countries) == 1 else None
