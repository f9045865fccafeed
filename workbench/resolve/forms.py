"""Provides `name_forms`: the keyed forms under which a name is matched exactly when clustering.

A name is reduced in the ways that keep its referent ("President Bashar al-Assad" ->
"bashar assad"; "Britain-based Syrian Observatory ..." -> "syrian observatory ...";
"al-Qaeda-linked militants" -> "qaeda"; "Idlib province" -> "idlib"; "Turkish forces" ->
"turkey"; "Bashar al-Assad regime" -> "assad government"), and each reduction yields forms:

- ``n``: the folded words run together; two names sharing one are the same name.
- ``u``: surname. A one-word name ("Assad") is primary, a 2-4 word person-like name
  ("Bashar Assad") secondary. A primary links to a secondary only when one full name
  clearly dominates (by mentions): "Assad" is not guessed between two Assads.
- ``a``: acronym. A name written in capitals ("SDF") is primary; initials of a longer name
  secondary, linked the same way.
- ``s``: consonant skeleton, for transliterations ("Kafr Nabl" / "Kafranbil"); checked
  again by string similarity before it links.

Scores are what a link through that form is worth (0-100), the lower of the two forms'.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..base.countries import country_first_words, country_index, country_of, split_country_prefix
from ..base.keys import STOPWORDS, base_tokens, fold, initials, looks_like_acronym, skeleton
from ..base.words import (
    BACKED,
    DIRECTIONS,
    GENERIC,
    GOVERNMENT,
    LINKED,
    PLACE_GENERIC,
    STATE_WORDS,
    TITLE_MODIFIERS,
    TITLES,
)

if TYPE_CHECKING:
    from .scoring import NameInfo

LINK_WORDS = {"loyal", "close", "near", "against", "under", "with", "by", "from", "like"}
SURNAME_SCORE = 86
ACRONYM_SCORE = 90
SKELETON_SCORE = 90


class Form(NamedTuple):  # a tuple: made ~100k times per 50k names, three times faster
    ns: str
    key: str
    score: int
    primary: bool
    rule: str
    full: str = ""  # for a secondary: the name it stands for, to tell ambiguity apart


def _form(ns: str, key: str, score: int, primary: bool, rule: str, full: str = "") -> Form:
    # NamedTuple's own __new__ is a Python function; tuple's is C (a fifth of name_forms).
    return _NEW(Form, (ns, key, score, primary, rule, full))


_NEW = tuple.__new__


def compact(tokens: list[str]) -> str:
    return "".join(map(fold, tokens))


def _generic_only(tokens: list[str]) -> bool:
    return all(t in GENERIC or t in STOPWORDS or t in PLACE_GENERIC for t in tokens)


# Words that keep a name from being a person's (countries are looked up apart).
_NOT_PERSON = frozenset(GENERIC | STOPWORDS | PLACE_GENERIC | TITLES)


def person_like(tokens: list[str]) -> bool:
    """2-4 plain words, none generic, none a country: 'bashar assad', 'vladimir putin'."""
    if not 2 <= len(tokens) <= 4 or not _NOT_PERSON.isdisjoint(tokens):
        return False
    countries = country_index()
    return all(t.isalpha() and len(t) > 1 and t not in countries for t in tokens)


def _strip_title(tokens: list[str]) -> tuple[list[str], int] | None:
    """'syrian president bashar assad' -> (['bashar', 'assad'], 94)."""
    if TITLES.isdisjoint(tokens):
        return None
    last = max((i for i, t in enumerate(tokens) if t in TITLES), default=-1)
    if last < 0 or last == len(tokens) - 1 or tokens[last + 1] == "of":
        return None
    rest = tokens[last + 1 :]
    country, head = split_country_prefix(tokens[: last + 1])
    if all(t in TITLES or t in TITLE_MODIFIERS for t in head) and len(rest) <= 4:
        return rest, 94
    # "Kremlin spokesman Dmitry Peskov": unknown words before the title; less sure, and
    # never across a link word ("forces loyal to President X" is not X).
    if last <= 3 and person_like(rest) and not set(head) & (STOPWORDS | LINK_WORDS):
        return rest, 88
    return None


def _strip_place(tokens: list[str]) -> tuple[list[str], int] | None:
    """'idlib province' -> ['idlib']; 'city of aleppo' -> ['aleppo']."""
    if PLACE_GENERIC.isdisjoint(tokens):
        return None
    rest = [t for t in tokens if t not in PLACE_GENERIC]
    if len(rest) == len(tokens):
        return None
    if rest and rest[0] == "of":
        rest = rest[1:]
    score = 94
    if rest and rest[0] in DIRECTIONS:
        rest, score = rest[1:], 88
    return (rest, score) if rest and not _generic_only(rest) else None


def reductions(tokens: list[str], kind: str) -> list[tuple[list[str], int, str]]:
    """The name itself and what it reduces to without changing its referent."""
    out = [(tokens, 100, "name")]
    if len(tokens) == 1:
        return out
    for k in range(1, min(4, len(tokens) - 1) if not BACKED.isdisjoint(tokens) else 0):
        if tokens[k] in BACKED and not _generic_only(tokens[k + 1 :]):
            out.append((tokens[k + 1 :], 94, "descriptor"))
            break
    for k in range(1, len(tokens) if not LINKED.isdisjoint(tokens) else 0):
        if tokens[k] in LINKED and _generic_only(tokens[k + 1 :]) and not _generic_only(tokens[:k]):
            out.append((tokens[:k], 92, "linked"))
            break
    for toks, score, _rule in list(out):
        if kind == "place":
            stripped = _strip_place(toks)
            if stripped:
                out.append((stripped[0], min(score, stripped[1]), "place-word"))
            continue
        titled = _strip_title(toks)
        if titled:
            out.append((titled[0], min(score, titled[1]), "title"))
        if len(toks) >= 2 and toks[-1] in GOVERNMENT:
            head = toks[:-1]
            if 1 <= len(head) <= 3 and all(
                t.isalpha() and t not in GENERIC and country_of([t]) is None for t in head
            ):
                # "Bashar al-Assad regime", "Assad's government" -> "assad government".
                out.append(([head[-1], "government"], min(score, 94), "person-government"))
    return out


def name_forms(
    name: str,
    kind: str,
    tokens: list[str] | None = None,
    folded: list[str] | None = None,
    skel: str | None = None,
) -> list[Form]:
    """Every keyed form of `name` (kind 'actor' or 'place'). `tokens`, `folded`, `skel`:
    its `base_tokens`, their `fold`s and `skeleton`, when the caller has them already."""
    tokens = base_tokens(name) if tokens is None else tokens
    if not tokens:
        return []
    folded = [fold(t) for t in tokens] if folded is None else folded
    forms: list[Form] = []
    folds: dict[str, str] | None = None  # a reduction's words' folds, from `folded`
    for toks, score, rule in reductions(tokens, kind):
        if toks is tokens:
            key = "".join(folded)
            last = folded[-1]
        else:
            if folds is None:
                folds = dict(zip(tokens, folded, strict=True))
            key = "".join([folds.get(t) or fold(t) for t in toks])
            last = folds.get(toks[-1]) or fold(toks[-1])
        forms.append(_form("n", key, 100 if rule == "name" else score, True, rule))
        country, rest = split_country_prefix(toks)
        if country and (not rest or (kind == "actor" and all(t in STATE_WORDS for t in rest))):
            forms.append(_form("n", compact(base_tokens(country)), min(score, 95), True, "country"))
        if kind != "actor":
            continue
        if person_like(toks):
            forms.append(_form("u", last, min(score, SURNAME_SCORE), False, "surname", key))
        if len(toks) >= 2 and rest:
            acro = initials(toks)
            if len(acro) >= 2:
                forms.append(_form("a", acro, min(score, ACRONYM_SCORE), False, "acronym", key))
    if looks_like_acronym(name):
        forms.append(_form("a", "".join(tokens), 100, True, "acronym"))
    elif (
        kind == "actor"
        and len(tokens) == 1
        and len(tokens[0]) >= 3
        and tokens[0].isalpha()
        and tokens[0] not in GENERIC
        and country_of(tokens) is None
    ):
        forms.append(_form("u", folded[0], SURNAME_SCORE, True, "surname"))
    skel = skeleton(folded) if skel is None else skel
    # Four consonants are enough in a longer name ("Hizballah" / "Hezbollah": hzbl), not in
    # a short one ("Homs" / "Hamas": hms).
    if len(skel) >= 5 or (len(skel) == 4 and len("".join(folded)) >= 6):
        forms.append(_form("s", skel, SKELETON_SCORE, True, "skeleton"))
    return forms


def forms_many(infos: Sequence[NameInfo], kind: str) -> list[list[Form]]:
    """[name_forms(info.name, kind, ...) for info in infos], without the reductions for the
    names none of whose words any reduction or country looks at (most names): each word
    is looked at once, the names' forms made from what their words are."""
    words = {w for info in infos for w in info.base}
    countries = country_index()
    triggers = BACKED | LINKED | (PLACE_GENERIC if kind == "place" else TITLES | GOVERNMENT)
    reduced = words & (triggers | country_first_words())
    person = {w for w in words if w.isalpha() and len(w) > 1 and w not in countries}
    person -= _NOT_PERSON
    first = {w: "" if w in STOPWORDS or w.isdigit() else w[0] for w in words}
    out = []
    actor = kind == "actor"
    for info in infos:
        base = info.base
        if not base or not reduced.isdisjoint(base):
            out.append(name_forms(info.name, kind, base, info.folded, info.skeleton))
            continue
        compact, skel = info.compact, info.skeleton
        forms = [_form("n", compact, 100, True, "name")]
        if actor:
            if 2 <= len(base) <= 4 and person.issuperset(base):
                forms.append(_form("u", info.folded[-1], SURNAME_SCORE, False, "surname", compact))
            if len(base) >= 2:
                acro = "".join(map(first.__getitem__, base))
                if len(acro) >= 2:
                    forms.append(_form("a", acro, ACRONYM_SCORE, False, "acronym", compact))
        if looks_like_acronym(info.name):
            forms.append(_form("a", "".join(base), 100, True, "acronym"))
        elif actor and len(base) == 1:
            word = base[0]
            if (
                len(word) >= 3
                and word.isalpha()
                and word not in GENERIC
                and country_of(base) is None
            ):
                forms.append(_form("u", info.folded[0], SURNAME_SCORE, True, "surname"))
        if len(skel) >= 5 or (len(skel) == 4 and len(compact) >= 6):
            forms.append(_form("s", skel, SKELETON_SCORE, True, "skeleton"))
        out.append(forms)
    return out
