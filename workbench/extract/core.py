"""Provides `extract`: text in, mentions and proposed events out. Pure: no database, no I/O.

The extraction is a list of stages (`STAGES`) over one typed document (`doc.Doc`): tokens
and one dictionary pass (trie) -> dictionary readings -> names -> dates -> quantities ->
reference -> layout (sentences, clauses) -> candidates -> incidents -> proposals ->
mentions. Each stage fills one layer and names the module that does the work; each mention
and event names the rules that produced it. To add a stage, write it as `stage(doc)` and
put it in `STAGES` where its inputs are ready.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from ..base.actors import STATE_FORCES
from ..geo.gazetteer import gazetteer
from ..geo.placekey import place_key
from .adversary import article_adversary, article_doer
from .anaphora import refer_back
from .annotate import Ann, annotate
from .areas import tie_to_areas
from .article_country import context_country
from .assemble import find_candidates
from .casualties import ANCHORS as CASUALTY_ANCHORS
from .casualties import CasualtyFinder
from .dates import ANCHORS as DATE_ANCHORS
from .dates import find_dates
from .doc import Doc
from .entities import entities_of, mentions_of
from .event_fold import fold_into_events, fold_retold
from .finalize import country_names_index, finalize
from .gazetteer import (
    big_places,
    country_inside_name,
    not_a_place,
    resolve_place,
    warm_gazetteer,
)
from .headline import headline_doer, headline_toll
from .incident import Incident
from .incidents import group_incidents
from .lexicon import ActorEntry, Lexicon, PlaceEntry, cached_lexicon
from .model import EventProposal, Extraction
from .outlets import outlet_country
from .patterns import KEY_WORDS, LOOSE_PLACE, Found, find_names, loyal_to
from .places_split import split_by_place
from .placing import SET_IN_ARTICLE, article_setting, place_event, set_in_article_note
from .retold_events import fold_told_again
from .text import split_sentences
from .tokens import Tokens, register_anchors, seek

PRIORITY = {"actor": 3, "place": 3, "trigger": 3, "weapon": 2, "date": 1, "casualty": 0}
# Annotations in order of (start, -priority), as one int: sorted alike, without a tuple to
# build and compare per annotation (half the sort's time; 150,000 in a 10 MB article).
_SPAN = max(PRIORITY.values()) + 1
_WEAKER = {kind: _SPAN - 1 - p for kind, p in PRIORITY.items()}  # priorities are 0 or more
# The anchor words the name, date and casualty patterns start from, found in one pass.
register_anchors(KEY_WORDS, DATE_ANCHORS, CASUALTY_ANCHORS)


def extract(
    text: str,
    published: date | str | None = None,
    skip_spans: Iterable[tuple[int, int]] = (),
    dictionaries: Lexicon | Iterable[str] | None = None,
    outlet: str | None = None,
) -> Extraction:
    """Mentions and proposed events of one article: the stages of `STAGES`, in order, over
    one `Doc`.

    `skip_spans` are boilerplate character spans; `dictionaries` is a `Lexicon` or a list of
    user dictionary folders added to the packaged ones; `outlet` the article's outlet, whose
    country is where it happened when the text names no place (outlets.py).
    """
    lex = (
        dictionaries
        if isinstance(dictionaries, Lexicon)
        else cached_lexicon(tuple(dictionaries or ()))
    )
    if isinstance(published, str):
        published = _parse_date(published)
    doc = Doc(text, published, [(int(a), int(b)) for a, b in skip_spans], lex, outlet or "")
    with _cyclic_gc_paused():
        for stage in STAGES:
            stage(doc)
            for layer in SPENT.get(stage, ()):
                setattr(doc, layer, None if layer in ("toks", "found") else [])
        result = doc.result()
        # The layers die here, by reference counting: alive when the collector came back on,
        # its first pass walked them all (every object the stages made since the pause).
        del doc
    return result


class _CollectorPause:
    """Pauses Python's cyclic garbage collector while any thread extracts.

    The stages build hundreds of thousands of live objects for a long article and make
    almost no cycles, so the collector's full passes over the growing heap were pure cost:
    a third of a 10 MB article's time (bench/extract-size). The threads inside are kept by
    id, so that extractions in two threads (the TUI's) leave the collector as they found it,
    and a thread stopped between its last stage and its exit (the watchdog's exception can
    land anywhere) is forgotten at the next extraction instead of holding the pause forever.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._inside: set[int] = set()
        self._paused = False  # the collector was on, and we turned it off

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._lock:
            live = {t.ident for t in threading.enumerate()}
            self._inside = {i for i in self._inside if i in live and i != me}
            if not self._inside and not self._paused and gc.isenabled():
                gc.disable()
                self._paused = True
            self._inside.add(me)
        try:
            yield
        finally:
            with self._lock:
                self._inside.discard(me)
                if not self._inside and self._paused:
                    gc.enable()
                    self._paused = False


_cyclic_gc_paused = _CollectorPause()


# -- the stages, in the order the data flows (doc.py lists the layer each one fills) -------


def tokenise(doc: Doc) -> None:
    toks = doc.toks = Tokens.of(doc.text).unglued(doc.lex.possessives)
    doc.matches = country_inside_name(toks, doc.lex.trie.scan(toks))
    # With no place of the dictionary and no named forces, a local outlet's country comes
    # before the gazetteer's guesses ("in Keira" in a Sudanese paper is no Cairo).
    doc.country = context_country(
        doc.lex,
        toks,
        doc.matches,
        lambda: (
            outlet_country(doc.lex, doc.outlet) or _gazetteer_country(doc.lex, toks, _found(doc))
        ),
        _located(toks.text),
    )


def dictionary(doc: Doc) -> None:
    doc.anns = annotate(doc.lex, doc.tokens, doc.country, doc.matches)


def names(doc: Doc) -> None:
    doc.anns = _loyal_to(doc.lex, doc.text, doc.anns, doc.country, doc.tokens.starts)
    doc.anns += _pattern_anns(doc.lex, doc.tokens, doc.anns, doc.country, _found(doc))


def dates(doc: Doc) -> None:
    doc.anns += _date_anns(doc.text, doc.published, doc.tokens)


def quantities(doc: Doc) -> None:
    doc.anns += _casualty_anns(doc.lex, doc.text, doc.tokens)


def reference(doc: Doc) -> None:
    doc.anns.sort(key=lambda a: a.start * _SPAN + _WEAKER[a.kind])
    doc.anns = refer_back(doc.anns, doc.text)
    doc.tokann = _token_index(doc.anns, len(doc.tokens.keys))


def layout(doc: Doc) -> None:
    doc.sentences = split_sentences(doc.text, doc.skip)


def candidates(doc: Doc) -> None:
    doc.candidates, doc.orphans = find_candidates(
        doc.lex, doc.toks, doc.sentences, doc.anns, doc.tokann, doc.published
    )


def incidents(doc: Doc) -> None:
    # Only the sentences of candidates and orphans are asked about (group_incidents): the
    # others' openings are not read (a regex match per sentence of a long article).
    asked = {c.sent for c in doc.candidates} | {o[0] for o in doc.orphans}
    sentences, shift = doc.sentences, doc.lex.topic_shift
    shifts = frozenset(
        i for i in asked
        if not sentences[i].skip and shift.match(doc.text, sentences[i].start, sentences[i].end)
    )  # fmt: skip
    doc.incidents = group_incidents(doc.candidates, doc.orphans, doc.sentences, shifts)


def areas(doc: Doc) -> None:
    """Places no gazetteer has, tied to the province or district the text puts them in.
    After the incidents: grouping reads a pattern-found place's unknown country as "where
    it lies is unknown", which a province's point does not change."""
    tie_to_areas(doc.lex, doc.text, doc.anns, doc.sentences, doc.country)


def proposals(doc: Doc) -> None:
    """Fields, type and confidence of each incident (finalize.py, tolls.py, scoring.py); one event
    per place (places_split.py). Gated under the floor: a second source only."""
    settings: dict[str | None, Ann | None] = {}  # where the article is set, by country
    for inc in doc.incidents:
        ev = finalize(inc, doc.lex, doc.text, doc.published, doc.country, doc.sentences)
        if ev is not None:
            also = inc.primary.also_places
            same = inc.place is not None and inc.place is inc.primary.place
            split = split_by_place(ev, inc.place, also if same else [], inc.casualties, doc.text)
            if ev.place is None:
                _set_in_article(doc, ev, inc, settings)
            (doc.events if ev.standalone else doc.second_sources).extend(split)
    doc.events = fold_into_events(doc.events, doc.sentences, doc.lex)
    doc.events = fold_retold(doc.events, doc.lex)
    unnamed = {doc.lex.group_actor("unidentified", c)[0] for c in (doc.country, None)}
    headline_doer(doc.events, doc.anns, doc.sentences, doc.text, unnamed)
    headline_toll(doc.events, doc.anns, doc.sentences, doc.text)
    article_doer(doc.events, doc.lex)
    article_adversary(doc.events, doc.anns)
    doc.events = fold_told_again(doc.events, doc.anns)


def _set_in_article(
    doc: Doc, ev: EventProposal, inc: Incident, settings: dict[str | None, Ann | None]
) -> None:
    """An act told with no place of its own: where the article is set, in the country of
    a side that stays at home (a story of London jihadists captured by the SDF is set in
    Syria for them; an army's may be abroad: "the US sent troops to the region").
    Marked: the location stays in `incomplete`, as a publication date leaves the date."""
    sides = inc.agents + inc.targets
    country = next((a.country for a in sides if a.country and a.atype != STATE_FORCES), None)
    country = country or doc.country
    if country not in settings:
        settings[country] = article_setting(doc.anns, doc.sentences, country)
    setting = settings[country]
    if setting is None:
        return
    place_event(ev, setting, doc.lex, doc.text, ev.rules, [])
    ev.place_span = None
    ev.rules.append(SET_IN_ARTICLE)
    told = set_in_article_note(ev.place)
    ev.notes = f"{ev.notes} {told}".strip()


def mentions(doc: Doc) -> None:
    doc.mentions = mentions_of(doc.anns, doc.skip, doc.text)
    doc.entities.update(entities_of(doc.lex, doc.anns, doc.events + doc.second_sources))


STAGES = (tokenise, dictionary, names, dates, quantities, reference, layout, candidates,
          incidents, areas, proposals, mentions)  # fmt: skip
# Layers no later stage reads, dropped by `extract` once their last reader has run: the
# tokens, trie matches and candidates of a long article were all still held while its
# mentions were built (a 10 MB article's peak: 517 -> 367 MB, with the shared token keys).
SPENT = {dictionary: ("matches",), names: ("found",),
         proposals: ("toks", "tokann", "candidates", "orphans", "incidents")}  # fmt: skip


def warm(lex: Lexicon) -> None:
    """Build now what the stages derive from the lexicon on first use (the casualty
    patterns, the country-name pattern, the gazetteer's indexes): once per process and
    lexicon, before the first article rather than inside it. The output is the same either
    way; a worker calls this when it starts, so no article's time budget pays for it."""
    _casualty_finder(lex)
    country_names_index(lex)
    warm_gazetteer(lex)


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _tok(starts: list[int], pos: int) -> int:
    return bisect.bisect_left(starts, pos)


def _token_spans(starts: list[int], hits: Iterable[Any]) -> Iterator[tuple[int, int, Any]]:
    """(first token, end token, hit) of each hit (a date, a figure): as `_tok` would give
    them, each sought from the one before when they come in text order (they do), not by a
    bisection of the whole article's tokens (~80,000 in a 10 MB article)."""
    i = last = 0
    for hit in hits:
        i = seek(starts, hit.start, i if hit.start >= last else 0)
        last = hit.start
        yield i, seek(starts, hit.end, i), hit


def _token_index(anns: list[Ann], n: int) -> list[int]:
    tokann = [-1] * n
    for idx, a in enumerate(anns):
        mine = PRIORITY[a.kind]
        for k in range(a.i, min(a.j, n)):
            cur = tokann[k]
            if cur < 0 or mine > PRIORITY[anns[cur].kind]:
                tokann[k] = idx
    return tokann


def _cover(mask: bytearray, start: int, end: int) -> None:
    mask[start:end] = b"\x01" * (end - start)


def _city_less(lex: Lexicon, f: Found, country: str | None) -> None:
    """ "Jammu City", "Brega City": the town's name is the one the gazetteer knows, unless
    the whole is one ("Kuwait City", "Mexico City")."""
    if not f.name.endswith(" City"):
        return
    base = f.name[: -len(" City")]
    whole = resolve_place(lex, f.name, country, f.place_type)
    # GeoNames lists "Jammu City" among Jammu's names: the town is Jammu.
    if (whole is None or whole.name == base) and resolve_place(
        lex, base, country, f.place_type
    ) is not None:
        f.name = base


ADMIN_TOWN = 10_000  # a district named after a town is a town that big ("(Guntur, AP)")
_ADMIN_AFTER = re.compile(r"\(([A-Z][\w'’ .&-]{1,40}(?:,\s*[A-Z][\w'’ .&-]{1,40}){0,2})\)")


def _found(doc: Doc) -> list[Found]:
    """The names the patterns find (`patterns.find_names`), found once per article: the
    country vote of a report with no dictionary place reads them in `tokenise`, and the
    `names` stage turns them into mentions."""
    if doc.found is None:
        doc.found = find_names(doc.tokens, doc.lex.country_names)
    return doc.found


LOOSE_POPULATION = 20_000
ADMIN_PLACE = "pattern-place-admin"


def _known_town(known, country: str | None) -> bool:
    """A name after "in" with no punctuation after it is a place only when the gazetteer
    knows a town of it this big, in the article's country when it has one ("at Medina
    hospital" in a Somali story is no American town), or it is a place of our dictionary."""
    if isinstance(known, PlaceEntry):
        return True
    return (
        known is not None
        and known.kind == "P"
        and known.population >= LOOSE_POPULATION
        and (country is None or known.country == country)
    )


def _bracket_countries(places: list) -> list[str]:
    """The countries a bracketed name votes for: a province outranks towns ("(Punjab)" is
    a province of India and of Pakistan: both), a city ten times the size of any namesake
    abroad outranks them ("(Delhi)": India's, not the Canadian or American towns); else
    every country that has it, the vote split (the other names decide)."""
    provinces = sorted({p.country for p in places if p.kind == "A1"})
    if provinces:
        return provinces
    biggest: dict[str, int] = {}
    for p in places:
        biggest[p.country] = max(biggest.get(p.country, 0), p.population)
    ranked = sorted(biggest.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) > 1 and ranked[0][1] >= 10 * ranked[1][1]:
        return [ranked[0][0]]
    return sorted(biggest)


def _admin_parts(m: re.Match) -> Iterator[list[str]]:
    """The countries each district or province of a bracket after a town votes for."""
    for part in m.group(1).split(","):
        key = place_key(part)
        places = [
            p
            for p in gazetteer().by_key(key)
            if p.kind == "A1" or (p.population >= ADMIN_TOWN and place_key(p.name) == key)
        ]
        yield _bracket_countries(places)


def _admin_country(text: str, end: int) -> str:
    """ "in Subarnachar (Noakhali, Chittagong)": a name the gazetteer may not know, with
    the districts and provinces it lies in bracketed after it, as ACLED-style reports
    locate a village — the one country the bracket names, else ""."""
    m = _ADMIN_AFTER.match(text, end + 1) if text[end : end + 2] == " (" else None
    if m is None:
        return ""
    countries = {c for votes in _admin_parts(m) if len(votes) == 1 for c in votes}
    return countries.pop() if len(countries) == 1 else ""


LOCATED = 3  # a bracket of districts and provinces outweighs a town (2)
_TOWN_THEN_ADMIN = re.compile(
    r"\b[A-Z][\w'’-]*(?: (?:city|town|village|district|area|locality|tehsil|block|camp))?\Z"
)


def _located(text: str) -> Counter[str]:
    """ "in Jalalabad city (Fazilka, Punjab)": the one country of the districts and
    provinces bracketed after a capitalised name, `LOCATED` votes per bracket. A bracket
    with an acronym in it is a name's short form ("Union (AASU)") or a state's ("(Theni,
    TN)"), which towns abroad share."""
    out: Counter[str] = Counter()
    # From each " (" back to the name before it: scanning the whole text for capitalised
    # words cost a long article more than the brackets it has.
    at = text.find(" (")
    while at >= 0:
        town = _TOWN_THEN_ADMIN.search(text, max(0, at - 60), at)
        m = _ADMIN_AFTER.match(text, at + 1) if town is not None else None
        if (
            m is not None
            and all(re.search("[a-z]", part) for part in m.group(1).split(","))
            and (country := _admin_country(text, at))
        ):
            out[country] += LOCATED
        at = text.find(" (", at + 2)
    return out


def _gazetteer_country(lex: Lexicon, toks: Tokens, found: list[Found]) -> str | None:
    """With no place of the dictionary named, the country of the towns the rules find ("in
    Srinagar", "Kasha village") that the gazetteer knows, the most often named: a short
    report ("Villagers clashed with police in Ranchi") is read in India, and its generic
    actors named for India."""
    votes: dict[str, float] = defaultdict(float)  # a name countries share splits its vote
    # "in Sikandarpur village (Fatehgarh Sahib, Punjab)": the provinces named after a town.
    for m in _ADMIN_AFTER.finditer(toks.text):
        for countries in _admin_parts(m):
            for c in countries:
                votes[c] += 1 / len(countries)
    for key in toks.keys:
        # "Saltha upazila", "Borgu LGA": a unit only some countries have, a surer sign than
        # a town's name that may have a namesake abroad (two votes, as a province in brackets
        # and the town before it).
        if (units := lex.admin_units.get(key)) is not None:
            for c in units:
                votes[c] += 2 / len(units)
    for country in big_places(toks):
        votes[country] += 1
    seen: set[int] = set()  # one vote per mention ("at Goalpara village": two rules read it)
    for f in found:
        if f.kind == "place" and f.start not in seen and not not_a_place(lex, f.name):
            # A copy: `_city_less` renames in place, and the names stage reads these names
            # again with the article's country (which may keep "X City" whole).
            f = replace(f)
            _city_less(lex, f, f.country or None)
            known = resolve_place(lex, f.name, f.country or None, f.place_type)
            if f.rule == LOOSE_PLACE and not _known_town(known, None):
                continue
            if known is not None and known.country:
                votes[known.country] += 1
                seen.add(f.start)
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])[:2]
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None  # a tie is no evidence (it went by a set's order, run by run)
    return ranked[0][0]


def _pattern_anns(
    lex: Lexicon, toks: Tokens, anns: list[Ann], country: str | None, found: list[Found]
) -> list[Ann]:
    starts = toks.starts
    out: list[Ann] = []
    taken = [a for a in anns if a.kind in ("actor", "place", "trigger", "weapon")]
    provinces = _Provinces(
        [a for a in taken if a.kind == "place" and a.place_entry.type == "governorate"]
    )
    # Characters already named, as a mask: testing each new name against every mention
    # made a long article quadratic (a 2 MB text spent most of its time here).
    mask = bytearray(len(toks.text) + 1)
    for a in taken:
        _cover(mask, a.start, a.end)
    # The countries the article speaks of (its places and forces): they break a tie between
    # towns abroad that share a name ("Manchester" where the UK is named).
    named = Counter(
        c for a in taken if a.kind in ("place", "actor") and (c := _country_of(a)) and c != country
    )
    for f in found:
        if mask.find(1, f.start, f.end) >= 0:
            continue
        if f.rule == LOOSE_PLACE and (admin := _admin_country(toks.text, f.end)):
            f = replace(f, rule=ADMIN_PLACE, confidence=0.55, country=admin)
        if f.rule == LOOSE_PLACE and not _known_town(
            resolve_place(lex, f.name, country, f.place_type, named), country
        ):
            continue  # left to the other rules ("in Sirwah district")
        _cover(mask, f.start, f.end)
        i, j = _tok(starts, f.start), _tok(starts, f.end)
        if f.kind == "place":
            if not_a_place(lex, f.name):
                continue  # "in Kurdish", "Syrian forces": a people, not a place
            _city_less(lex, f, f.country or country)
            known = resolve_place(lex, f.name, f.country or country, f.place_type, named)
            if isinstance(known, PlaceEntry):  # a hand-entered place under another spelling
                out.append(Ann("place", i, j, f.start, f.end, known.name, f.rule, known,
                               country=known.country, confidence=f.confidence))  # fmt: skip
                continue
            # A province abroad ("from Alabama") is coded as one (geo precision 3).
            kind = known.type if known is not None and known.kind != "P" else ""
            entry = PlaceEntry(
                f.name, kind or f.place_type or "town", country=f.country, origin="extracted",
                geo=known,
            )  # fmt: skip
            province = provinces.of(toks.text, f.start, f.end)
            if province is not None and f.place_type not in ("governorate", "region"):
                # "Borno state's Damboa town", "Bama village in Borno": the new place lies
                # in the province named with it.
                entry.admin1 = province.admin1 or province.name
                entry.country = entry.country or province.country
            out.append(
                Ann("place", i, j, f.start, f.end, f.name, f.rule, entry, confidence=f.confidence)
            )
        else:
            actor = ActorEntry(f.name, origin="extracted")
            out.append(
                Ann("actor", i, j, f.start, f.end, f.name, f.rule, actor, confidence=f.confidence)
            )
    return out


def _country_of(a: Ann) -> str:
    if a.kind == "place":
        return a.place_entry.country
    return a.country or (a.info.country if isinstance(a.info, ActorEntry) else "")


_OWNER = re.compile(r"\s*['’]s\s+$")
# "Bama, Borno", "Damboa town in Borno", "the districts of Sirwah and Raghwan in Marib": the
# province of a name, and of the name coordinated with it.
_INSIDE = re.compile(
    r"\s*,\s*|(?:\s+and\s+(?:[ae]l-)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?(?=\s+in\s))?"
    r"\s+(?:(?:town|village|district|area)\s+)?(?:in|of)\s+(?:the\s+)?"
)


class _Provinces:
    """The province mentions of a text, found by position (a bisect instead of a scan of
    all of them per name, which was quadratic in a long article)."""

    def __init__(self, provinces: list[Ann]) -> None:
        self.by_end = sorted(range(len(provinces)), key=lambda k: provinces[k].end)
        self.ends = [provinces[k].end for k in self.by_end]
        self.by_start = sorted(range(len(provinces)), key=lambda k: provinces[k].start)
        self.starts = [provinces[k].start for k in self.by_start]
        self.provinces = provinces

    def of(self, text: str, start: int, end: int) -> PlaceEntry | None:
        """The province named right before ("X state's") or right after ("in X state") a
        name; of several, the first mentioned (as the scan in text order found it)."""
        near = self.by_end[
            bisect.bisect_left(self.ends, start - 4) : bisect.bisect_right(self.ends, start)
        ]
        near += self.by_start[
            bisect.bisect_left(self.starts, end) : bisect.bisect_right(self.starts, end + 24)
        ]
        for k in sorted(set(near)):
            p = self.provinces[k]
            if p.end <= start and start - p.end <= 4 and _OWNER.match(text[p.end : start]):
                return p.place_entry
            if p.start >= end and p.start - end <= 24 and _INSIDE.fullmatch(text[end : p.start]):
                return p.place_entry
        return None


def _loyal_to(lex: Lexicon, text: str, anns: list[Ann], country: str | None, starts) -> list[Ann]:
    """ "forces loyal to Bashar Assad" -> pro-government forces of Syria."""
    if "loyal to" not in text and "allied to" not in text and "allied with" not in text:
        return anns  # a substring test is far cheaper than the regex over the whole text
    by_start = {a.start: a for a in anns if a.kind == "actor"}
    replaced: set[int] = set()  # ids of the mentions folded into a "loyal to" one
    added: list[Ann] = []
    for m in loyal_to(text):
        pos = m.end()
        if text.startswith("the ", pos):
            pos += 4
        inner = by_start.get(pos)
        if inner is None:
            continue
        entry = inner.info if isinstance(inner.info, ActorEntry) else None
        state = inner.atype == STATE_FORCES or (
            entry is not None and entry.acts_for in lex.forces_of.values()
        )
        if state:
            name, atype, c = lex.group_actor("progov", inner.country or country)
            new = Ann("actor", _tok(starts, m.start()), inner.j, m.start(), inner.end, name, "pattern-loyal-to", "progov",
                      atype=atype, country=c)  # fmt: skip
        else:
            new = Ann("actor", _tok(starts, m.start()), inner.j, m.start(), inner.end, inner.name, "pattern-loyal-to",
                      inner.info, atype=inner.atype, country=inner.country)  # fmt: skip
        replaced.add(id(inner))
        added.append(new)
    # Rebuilt once at the end: rebuilding the list per phrase was quadratic in a long text.
    return [a for a in anns if id(a) not in replaced] + added if added else anns


def _date_anns(text: str, published: date | None, toks: Tokens) -> list[Ann]:
    out = []
    starts = toks.starts
    for i, j, hit in _token_spans(starts, find_dates(text, published, toks)):
        out.append(Ann("date", i, j, hit.start, hit.end, None, hit.rule, hit))
    return out


def _casualty_finder(lex: Lexicon) -> CasualtyFinder:
    finder = lex.cache.get("casualties")
    if finder is None:
        finder = lex.cache["casualties"] = CasualtyFinder(lex)
    return finder


def _casualty_anns(lex: Lexicon, text: str, toks: Tokens) -> list[Ann]:
    finder = _casualty_finder(lex)
    out = []
    starts = toks.starts
    for i, j, hit in _token_spans(starts, finder.find(text, toks)):
        out.append(Ann("casualty", i, j, hit.start, hit.end, None, hit.rule, hit))
    return out
