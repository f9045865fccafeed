"""Provides names found by pattern, not by dictionary: proposed as new entities.

- `pattern-place-of`: "the town of X", "the village of X", "the X district"
- `pattern-place-suffix`: "X province", "X countryside", "X airbase"
- `pattern-place-country`: "in X, Syria", "near X, in Idlib province"
- `pattern-place-prep`: a capitalised name after "in/near/outside" (low confidence)
- `pattern-actor-suffix`: "X Brigade", "X militia", "X forces", "X Front", "X Council"
- `pattern-loyal-to`: "forces loyal to <person or government>" -> that side's militias

Names are capitalised spans (Arabic articles and "bin/abu" joiners allowed inside); month and
weekday names and anything a dictionary already matched are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_JOIN = r"(?:al|el|ad|ar|as|ash|an|az|bin|ibn|abu|abou|umm|de|du)"
NAME = rf"(?:{_JOIN}-)?[A-Z][\w'’]*(?:-[\w'’]+)*(?:[ ](?:{_JOIN}[- ])?[A-Z][\w'’]*(?:-[\w'’]+)*){{0,3}}"
_PLACE_WORD = r"town|city|village|district|neighbou?rhood|suburb|camp|region|municipality|hamlet|area|settlement|province|governorate|sub-district|outskirts"
_PLACE_SUFFIX = r"province|governorate|district|countryside|airbase|air\s+base|airport|military\s+airport|refugee\s+camp|camp|sub-district|dam|border\s+crossing|crossing"
_ACTOR_SUFFIX = (
    r"Brigades?|Battalions?|Division|Regiment|Corps|Front|Movement|Army|Legion|Guards?"
    r"|Council|Committee|Organi[sz]ation|Network|Observatory|Alliance|Militias?|Forces"
    r"|militias?|forces|fighters|rebels|militants|Group|Units|Party|Ministry|Agency"
)
_STOP = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "Near",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "It",
        "He",
        "She",
        "They",
        "We",
        "This",
        "That",
        "These",
        "Those",
        "But",
        "And",
        "Or",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "Since",
        "As",
        "Video",
        "Photo",
        "Image",
        "Reuters",
        "AFP",
        "AP",
    ]
)

PLACE_OF = re.compile(rf"\b(?:the\s+)?(?:{_PLACE_WORD})\s+of\s+(?P<name>{NAME})")
PLACE_SUFFIX = re.compile(rf"\b(?P<name>{NAME})\s+(?P<suffix>{_PLACE_SUFFIX})\b")
PLACE_PREP = re.compile(
    rf"\b(?:in|near|outside|around|at)\s+(?P<name>{NAME})(?=[,.;:]|\s+(?:on|in|near|and|after|where|when|village|town|city)\b)"
)
ACTOR_SUFFIX = re.compile(rf"\b(?P<name>{NAME})\s+(?P<suffix>{_ACTOR_SUFFIX})\b")
LOYAL_TO = re.compile(
    r"\b(?P<head>forces|troops|fighters|militias|militiamen|gunmen|units)\s+(?:loyal\s+to|allied\s+(?:to|with))\s+"
)


@dataclass(slots=True)
class Found:
    kind: str  # actor | place
    start: int
    end: int
    name: str
    rule: str
    confidence: float
    place_type: str = ""
    country: str = ""


PLACE_WORDS = frozenset(
    re.sub(
        r"[^a-z|]", "", _PLACE_WORD.replace("neighbou?rhood", "neighbourhood|neighborhood")
    ).split("|")
)
SUFFIX_WORDS = frozenset(
    [
        "province",
        "governorate",
        "district",
        "countryside",
        "airbase",
        "base",
        "airport",
        "camp",
        "dam",
        "crossing",
    ]
)
ACTOR_WORDS = frozenset(
    [
        "brigade",
        "brigades",
        "battalion",
        "battalions",
        "division",
        "regiment",
        "corps",
        "front",
        "movement",
        "army",
        "legion",
        "guard",
        "guards",
        "council",
        "committee",
        "organisation",
        "organization",
        "network",
        "observatory",
        "alliance",
        "militia",
        "militias",
        "forces",
        "fighters",
        "rebels",
        "militants",
        "group",
        "units",
        "party",
        "ministry",
        "agency",
    ]
)
PREPS = frozenset(["in", "near", "outside", "around", "at"])


def _scan(rx: re.Pattern, text: str, windows: list[tuple[int, int]]):
    return (m for lo, hi in windows for m in rx.finditer(text, lo, hi))


def find_names(toks, country_names: dict[str, str]) -> list[Found]:
    """Candidate new names; `country_names` maps country and governorate names to countries.

    Each pattern runs only near its key words (a pre-filter on the article's tokens).
    """
    text = toks.text
    out: list[Found] = []
    for m in _scan(PLACE_OF, text, toks.windows(PLACE_WORDS, 1, 6)):
        word = m.group(0).split()[-3] if m.group(0).split()[0] == "the" else m.group(0).split()[0]
        out += _place(m, "pattern-place-of", 0.6, word.lower())
    for m in _scan(PLACE_SUFFIX, text, toks.windows(SUFFIX_WORDS, 5, 2)):
        out += _place(m, "pattern-place-suffix", 0.55, m.group("suffix").lower())
    keys, starts = toks.keys, toks.starts
    caps = [
        (starts[k], toks.ends[min(k + 5, len(keys) - 1)])
        for k in range(len(keys) - 1)
        if keys[k] in PREPS and text[starts[k + 1]].isupper()
    ]
    for m in _scan(PLACE_PREP, text, caps):
        rest = text[m.end("name") : m.end("name") + 40]
        country = next((c for n, c in country_names.items() if rest.startswith(f", {n}")), "")
        rule, conf = ("pattern-place-country", 0.6) if country else ("pattern-place-prep", 0.35)
        out += _place(m, rule, conf, "", country)
    for m in _scan(ACTOR_SUFFIX, text, toks.windows(ACTOR_WORDS, 5, 1)):
        name, suffix = m.group("name"), m.group("suffix")
        if _bad(name):
            continue
        full = f"{name} {suffix}"
        out.append(
            Found("actor", m.start("name"), m.end("suffix"), full, "pattern-actor-suffix", 0.5)
        )
    return out


def _bad(name: str) -> bool:
    first = name.split()[0].split("-")[0]
    return first in _STOP or name in _STOP or len(name) < 3


def _place(m: re.Match, rule: str, conf: float, word: str, country: str = "") -> list[Found]:
    name = m.group("name")
    if _bad(name):
        return []
    return [Found("place", m.start("name"), m.end("name"), name, rule, conf, word, country)]
