"""Provides `context_country`: the country an article is about (the tokenise stage's vote,
before any match is read as an actor or a place), and the readings of a place name it shares
with the dictionary stage (`annotate.py`): a dateline ("BEIRUT (Reuters) -"), a person's
family name ("commander Abdullahi Aden"), a place preposition before it, "-based" after it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..base.actors import EXTERNAL_FORCES, PERSON
from .gazetteer import namesake_population
from .lexicon import Lexicon
from .tokens import Tokens

if TYPE_CHECKING:
    from .annotate import Ann

LOCATIVE = frozenset(
    [
        "in",
        "into",
        "inside",
        "across",
        "throughout",
        "near",
        "from",
        "to",
        "toward",
        "towards",
        "at",
        "outside",
        "around",
        "within",
        "via",
        "over",
        "of",
        "neighbouring",
        "neighboring",
        "northern",
        "southern",
        "eastern",
        "western",
        "northwestern",
        "northeastern",
        "southwestern",
        "southeastern",
        "north",
        "south",
        "east",
        "west",
        "central",
        "entire",
    ]
)
ORIGIN = frozenset(["based", "born", "made"])
# "US-backed", "Iranian-led": whose backing, not where (nor who acts).
BACKER = frozenset(
    ["backed", "led", "supported", "sponsored", "allied", "aligned", "funded", "armed", "trained"]
)
# Words of a part of a country: "Syria's north", "the north of Syria".
GEO_NOUNS = frozenset(
    ["capital", "north", "south", "east", "west", "northeast", "northwest", "southeast",
     "southwest", "northern", "southern", "eastern", "western", "central", "province",
     "region", "border", "countryside", "coast", "oblast", "governorate", "city", "town"]
)  # fmt: skip
# Words before "of" that make the country after it whose, not where ("the president of
# Venezuela", "the people of Syria"; also a name: "President Lopez of Venezuela").
_WHOSE_OF = frozenset(
    ["government", "governments", "people", "citizens", "embassy", "embassies", "king",
     "queen", "army", "forces", "ministry", "republic", "kingdom", "state", "leaders",
     "prime", "foreign", "ally", "allies", "friends", "enemy", "enemies", "nationals"]
)  # fmt: skip
# The prepositions that place a country named after them: LOCATIVE's, but not where
# something came from or went ("beef imports from the United States", "fighters sent to
# Syria"), which tells nothing of where the article's events happen.
_PLACING = LOCATIVE - frozenset(["from", "to", "toward", "towards", "via"])


def context_country(
    lex: Lexicon,
    toks: Tokens,
    matches: list,
    towns: Callable[[], str | None] | None = None,
    located: Counter[str] | None = None,
) -> str | None:
    """The country most places belong to: towns count twice, a country name once when it
    is read as a place ("in Syria"), not at all when it is an actor ("Russia said").
    `located`: votes of the districts and provinces bracketed after a town ("Jalalabad
    (Fazilka, Punjab)"), as ACLED-style notes locate it; they outweigh a town, whose name
    may have a namesake abroad in the dictionary."""
    votes: Counter[str] = Counter(located or ())
    actors: Counter[str] = Counter()
    people: Counter[str] = Counter()  # demonyms of people, not forces
    named: Counter[str] = Counter()  # country names in any role ("JOS, Nigeria -")
    shared: list[str] = []  # names several countries' places share ("Tripoli")
    for i, j, senses in matches:
        if person_surname(toks, i, []):
            continue  # "commander Abdullahi Aden": no vote for Yemen
        if j < len(toks.keys) and (toks.keys[j] in ORIGIN or toks.keys[j] in BACKER):
            # "a Canada-based trader", "UK-based monitor", "US-backed fighters": not where
            # it happened, nor the country of who acted.
            continue
        if i > 1 and toks.keys[i - 1] == "in" and toks.keys[i - 2] in ORIGIN:
            # "a minority group based in China's Xinjiang", "born in Syria": where someone
            # comes from, not where the report's acts happened.
            continue
        kind, entry = senses[0]
        if kind == "place" and entry.type == "country":  # a country's name first: few matches
            if continent_part(toks, i, j):
                continue
            if name_as_modifier(toks, j, senses):
                senses = [(k, e) for k, e in senses if k != "place"]  # "U.S. beef", "US jets"
        for kind, entry in senses:
            if kind == "place" and entry.country:
                # A name several countries share ("Tripoli") says little: one vote each.
                if len(senses) > 1 and sum(k == "place" for k, _ in senses) > 1:
                    votes.update(e.country for k, e in senses if k == "place" and e.country)
                    shared.append(toks.text[toks.starts[i] : toks.ends[j - 1]])
                elif entry.type != "country":
                    votes[entry.country] += 2
                elif _placed(toks, i):
                    votes[entry.country] += 1
                elif dateline(toks.text, toks.starts[i], toks.ends[j - 1]):
                    votes[entry.country] += 2  # "CULIACAN, Mexico (AP) -"
                else:
                    named[entry.country] += 1
                break
            # External forces (mercenaries, coalitions) say nothing of where, nor a name
            # actors of several countries share ("PDP": Nigeria's party and Kashmir's).
            if (
                kind == "actor"
                and entry.country
                and entry.type not in (PERSON, EXTERNAL_FORCES)
                and (len(senses) == 1 or len({e.country for k, e in senses if k == "actor"}) == 1)
            ):
                actors[entry.country] += 1
            elif kind == "demonym" and isinstance(entry, str):
                if j < len(toks.keys) and toks.keys[j] in lex.victim_nouns:
                    people[entry] += 1  # "two Swedish nationals", "an Egyptian teacher"
                else:
                    actors[entry] += 1
    if not votes:
        # No place of the dictionary: the country of the named forces ("Malian troops
        # killed ..."); else of the towns and provinces the gazetteer knows (`towns`: "in
        # Ranchi", "(Kadapa, Andhra Pradesh)"), or the outlet's; else of the people it
        # befell, who may be foreigners ("Egyptian workers were abducted"); else the
        # country the article names, in a dateline or as a subject.
        if actors:
            return actors.most_common(1)[0][0]
        found = towns() if towns is not None else None
        if found:
            return found
        if people:
            return people.most_common(1)[0][0]
        return named.most_common(1)[0][0] if named else None
    # A tie between places ("Tripoli" alone) goes to the country of the named actors, then
    # to the country whose place of that name is the larger (Tripoli, Libya: 1.3 million;
    # Tripoli, Lebanon: 230,000), as a reader with no other clue takes it.
    top = max(votes.values())
    tied = [c for c, v in votes.items() if v == top]
    if len(tied) == 1:
        return tied[0]
    return max(
        tied, key=lambda c: (actors[c], max((namesake_population(n, c) for n in shared), default=0))
    )


# Words that may follow a country named as a place ("in the US on Monday", "the UK said").
_AFTER_PLACE = frozenset(
    [
        "on", "in", "at", "to", "for", "with", "by", "from", "of", "over", "since", "after",
        "before", "last", "this", "when", "where", "which", "who", "that", "as", "but", "amid",
        "during", "until", "while", "under", "into", "near", "and", "or", "nor", "has", "had",
        "have", "is", "was", "are", "were", "will", "would", "could", "can", "may", "might",
        "said", "says", "did", "does",
        # "the U.S. state of Ohio", "on US soil": the country is where.
        "state", "states", "city", "cities", "town", "capital", "border", "soil", "mainland",
        "territory",
    ]
)  # fmt: skip


def _placed(toks: Tokens, i: int) -> bool:
    """Whether the preposition before token i places the country named there: "in Syria",
    "the north of Syria" (not "the president of Venezuela", "imports from the US")."""
    prev = toks.keys[i - 1] if i else ""
    return prev in _PLACING and not (prev == "of" and i > 1 and _whose_of(toks, i - 2))


def _whose_of(toks: Tokens, k: int) -> bool:
    """Whether token k, right before "of" and a country, makes the country whose: a
    title, a word of a state's people or bodies, or a name."""
    key = toks.keys[k]
    return key in TITLES or key in _WHOSE_OF or toks.text[toks.starts[k]].isupper()


_CONTINENT_PARTS = frozenset(["south", "central", "north", "latin"])


def continent_part(toks: Tokens, i: int, j: int) -> bool:
    """The word "America" in "South America", "Latin America": a part of a continent, not the
    United States (the country's short name, which the dictionary matches alone)."""
    return bool(
        i
        and toks.keys[i] == "america"
        and toks.keys[i - 1] in _CONTINENT_PARTS
        and toks.text[toks.starts[i] : toks.ends[j - 1]] == "America"
    )


def name_as_modifier(toks: Tokens, j: int, senses) -> bool:
    """A name that is also a demonym ("US", "U.S.") written before a lower-case noun ("of
    U.S. beef", "US jets"): whose the thing is, not where the article is set."""
    if j >= len(toks.keys) or toks.keys[j] in _AFTER_PLACE:
        return False
    word = toks.text[toks.starts[j] : toks.ends[j]]
    return (
        word.isalpha()
        and word.islower()
        and not word.endswith(("ing", "ed"))
        and any(k == "demonym" for k, _ in senses)
    )


TITLES = frozenset(["commander", "spokesman", "spokeswoman", "official", "minister", "governor",
                    "mayor", "chief", "leader", "general", "colonel", "president", "mr", "mrs",
                    "ms", "dr", "sheikh", "imam", "journalist", "activist", "doctor", "brigadier",
                    "captain", "lieutenant", "analyst", "researcher", "director", "lawmaker",
                    "senator", "judge", "envoy", "ambassador", "correspondent", "reporter"])  # fmt: skip


def person_surname(toks: Tokens, i: int, out: list[Ann]) -> bool:
    """The place name follows a title and a given name: it is a family name."""
    if i < 2 or toks.keys[i - 2] not in TITLES or (out and out[-1].j > i - 1):
        return False
    given = toks.text[toks.starts[i - 1] : toks.ends[i - 1]]
    gap = toks.text[toks.ends[i - 1] : toks.starts[i]]
    return given[:1].isupper() and gap == " " and toks.keys[i - 2] in TITLES


_DATELINE = re.compile(
    r"(?:/[A-Z][\w.]*(?: [A-Z][\w.]*)?)*(?:,?\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?(?:,?\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?:\s*\([^)\n]{1,30}\))?\s*[-—–:]"
)


def dateline(text: str, start: int, end: int) -> bool:
    """ "BEIRUT (Reuters) -", "ISTANBUL/BEIRUT -", "GOMA, Congo -": where the reporter was."""
    if start and text[start - 1] == " " and text[start:end].isupper() and end - start > 2:
        # A headline run into the text: "... in E. Afghan province KABUL, Dec. 13 (Xinhua)
        # -- Ten civilians ...": a capitalised city with a date or an agency, then a dash.
        found = _DATELINE.match(text, end)
        if found is not None and ("(" in found.group() or any(c.isdigit() for c in found.group())):
            return True
    if start and text[start - 1] not in "\n":
        # A dateline opens its line within a few words; looking further back for the line's
        # start made a long text without line breaks quadratic.
        lo = max(0, start - 200)
        line = text.rfind("\n", lo, start) + 1
        if line == 0 and lo > 0:
            return False
        if text[start - 1] == "(" and start - 1 == line:
            # "(Nairobi, June 12, 2024) - The Rapid Support Forces ...": a report's dateline
            return _PAREN_DATELINE.match(text, end) is not None
        if not _DATELINE_HEAD.fullmatch(text, line, start):
            return False
    return _DATELINE.match(text, end) is not None


_PAREN_DATELINE = re.compile(r"[^)\n]{0,40}\)\s*[-—–:]")
_DATELINE_HEAD = re.compile(r"[A-Z][A-Z .'-]+(?:/|,\s*)")
