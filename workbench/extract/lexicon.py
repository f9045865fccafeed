"""Provides `Lexicon`: the extractor's dictionaries, loaded from data files, as one trie.

Sources, later ones adding to earlier ones: the packaged `workbench/data` files, any user
folders (`--dictionary DIR`, same file names and columns, see data/README.md), and names an
analyst taught the database (aliases from merges and edits). An entry with a name already
known extends it (more aliases; non-empty attributes replace), so a user file can add a
spelling without repeating the rest.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .inflect import WEAKER, inflected
from .scoring import Scorer
from .tokens import ANY, CAP, Trie, key_of
from .world import add_world

if TYPE_CHECKING:
    from ..geo.gazetteer import GeoPlace

FILES = ("actors.csv", "places.csv", "demonyms.csv", "weapons.csv", "triggers.csv")
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "az", "an", "ez", "es", "ed", "at"})


@dataclass(slots=True)
class ActorEntry:
    name: str
    type: str = ""
    country: str = ""
    aliases: list[str] = field(default_factory=list)
    generic: dict[str, list[str]] = field(default_factory=dict)  # group -> countries
    acts_for: str = ""
    origin: str = "dictionary"


@dataclass(slots=True)
class PlaceEntry:
    name: str
    type: str = ""
    admin1: str = ""
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    aliases: list[str] = field(default_factory=list)
    capital: str = ""
    origin: str = "dictionary"
    # The GeoNames place a name found by pattern resolved to (extract/gazetteer.py): it gives
    # the entity its coordinates and province, never the rules a location they lacked.
    geo: GeoPlace | None = None
    # What the coordinates stand for when they are not the place's own (ACLED geo precision
    # 3): "province" (a place no gazetteer has, at its province's point), "region" (a world
    # region or continent, at a point among its countries), "district" or "area" (a
    # district or part of a province named with it). See extract/gazetteer.py, areas.py.
    point_of: str = ""
    # The area whose point it is, and how the text named it (extract/areas.py): the note.
    area: str = ""


@dataclass(frozen=True, slots=True)
class Weapon:
    cls: str
    role: str  # trigger | modifier | none
    sub_event_type: str


# "People's", "Lord's": the possessive written without its apostrophe is the same name.
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


# A trigger at least this strong names its act; a weaker one only a default type, refined by
# weapons and targets (data/README.md, triggers.csv).
FULL_STRENGTH = 40
# The `[cues]` of lexicon.toml that stop a trigger wherever they stand before it (cues.py).
CUE_NAMES = ("hypothetical", "negation", "habitual")


@dataclass(frozen=True, slots=True)
class Trigger:
    phrase: str
    sub_event_type: str
    strength: int
    flags: frozenset[str]


class Lexicon:
    """Everything the rules look words up in; built once per process and reused."""

    def __init__(
        self,
        tables: list[dict[str, list[dict[str, str]]]],
        lexicon: dict,
        learnt: tuple[tuple[str, str, str, dict], ...] = (),
    ) -> None:
        self.actors: dict[str, ActorEntry] = {}
        self.places: dict[str, PlaceEntry] = {}
        self.demonyms: dict[str, str] = {}
        self.weapons: list[tuple[str, Weapon]] = []
        self.triggers: list[Trigger] = []
        for table in tables:
            self._load(table, lexicon.get("verbs", {}).get("irregular", {}))
        add_world(self.places, self.demonyms, _country_place)
        for kind, alias, canonical, attrs in learnt:
            self.add_learnt(kind, alias, canonical, attrs)
        self.words = lexicon
        self.templates = lexicon["groups"]["templates"]
        self.group_types = lexicon["groups"]["types"]
        self.quantities: dict[str, int] = lexicon["quantities"]
        self.defaults: dict[tuple[str, str], str] = {}  # (group, country) -> actor name
        self._groups: dict[tuple[str, str | None], tuple[str, str, str]] = {}  # group_actor's
        self.forces_of: dict[str, str] = {}  # country -> its state forces actor
        self.country_place: dict[str, str] = {}  # country -> its country place entry
        # Countries named with "the" after "of" ("Military Forces of the United States"),
        # as the dictionary's own actors of that country are named.
        self.the_countries = {
            e.country for e in self.actors.values() if e.name.endswith(f"Forces of the {e.country}")
        }
        self.trie = Trie()
        self._index()

    # -- loading ---------------------------------------------------------------------------

    def _load(
        self, table: dict[str, list[dict[str, str]]], irregular: Mapping[str, Sequence[str]]
    ) -> None:
        entry: ActorEntry | PlaceEntry
        for row in table.get("actors.csv", ()):
            entry = self.actors.get(row["name"]) or ActorEntry(row["name"])
            self.actors[entry.name] = entry
            entry.type = row.get("type") or entry.type
            entry.country = row.get("country") or entry.country
            entry.acts_for = row.get("acts_for") or entry.acts_for
            entry.aliases += _split(row.get("aliases"))
            for spec in _split(row.get("generic")):
                group, _, countries = spec.partition(":")
                entry.generic[group] = countries.split("|") if countries else [entry.country]
        for row in table.get("places.csv", ()):
            entry = self.places.get(row["name"]) or PlaceEntry(row["name"])
            self.places[entry.name] = entry
            for col, attr in (("type", "type"), ("admin1", "admin1"), ("country", "country")):
                setattr(entry, attr, row.get(col) or getattr(entry, attr))
            entry.capital = row.get("capital") or entry.capital
            if row.get("latitude") and row.get("longitude"):
                entry.lat, entry.lon = float(row["latitude"]), float(row["longitude"])
            entry.aliases += _split(row.get("aliases"))
        for row in table.get("demonyms.csv", ()):
            self.demonyms[row["demonym"]] = row["country"]
        # A later table's row for the same phrase (a user's dictionary) replaces the
        # packaged one instead of competing with it.
        weapons = {key_of(p): (p, w) for p, w in self.weapons}
        for row in table.get("weapons.csv", ()):
            weapon = Weapon(row["class"], row.get("role") or "none", row.get("sub_event_type", ""))
            weapons[key_of(row["phrase"])] = (row["phrase"], weapon)
        self.weapons = list(weapons.values())
        triggers = {key_of(t.phrase): t for t in self.triggers}
        listed = {key_of(row["phrase"]) for row in table.get("triggers.csv", ())}
        for row in table.get("triggers.csv", ()):
            flags = frozenset((row.get("flags") or "").split())
            strength = int(row.get("strength") or 50)
            trig = Trigger(row["phrase"], row["sub_event_type"], strength, flags)
            triggers[key_of(row["phrase"])] = trig
            for form in inflected(row["phrase"], irregular):
                # "withdrawing troops" for "withdrew troops", unless a row says otherwise.
                if (key := key_of(form)) not in listed and key not in triggers:
                    triggers[key] = Trigger(form, trig.sub_event_type, strength - WEAKER, flags)
        self.triggers = list(triggers.values())

    def add_learnt(self, kind: str, alias: str, canonical: str, attrs: dict) -> None:
        """A name the database knows (merge/analyst alias) for `canonical`."""
        entry: ActorEntry | PlaceEntry
        if kind == "actor":
            entry = self.actors.setdefault(canonical, ActorEntry(canonical, origin="analyst"))
            if not entry.type and attrs.get("type"):
                entry.type, entry.country = attrs.get("type", ""), attrs.get("country", "")
        else:
            entry = self.places.setdefault(canonical, PlaceEntry(canonical, origin="analyst"))
            if entry.lat is None and attrs.get("latitude") is not None:
                entry.admin1, entry.country = attrs.get("admin1", ""), attrs.get("country", "")
                entry.lat, entry.lon = attrs.get("latitude"), attrs.get("longitude")
        if alias not in entry.aliases:
            entry.aliases.append(alias)

    # -- indexing --------------------------------------------------------------------------

    def _index(self) -> None:
        trie = self.trie
        entry: ActorEntry | PlaceEntry
        glued: set[str] = set()  # "assads" of "Assads forces", an alias written bare
        for entry in self.actors.values():
            for name in (entry.name, *entry.aliases):
                trie.add(name, ("actor", entry))
                if (bare := _POSSESSIVE.sub("s", name)) != name:
                    trie.add(bare, ("actor", entry))  # "Peoples Protection Units", as ACLED writes
                    glued.update(set(key_of(bare)) - set(key_of(name)))
            for group, countries in entry.generic.items():
                for country in countries:
                    self.defaults[(group, country)] = entry.name
                    if group == "state_forces":
                        self.forces_of[country] = entry.name
        for entry in self.places.values():
            if entry.type == "country":
                self.country_place[entry.country] = entry.name
            for name in (entry.name, *entry.aliases):
                trie.add(name, ("place", entry))
                for variant in _spelling_variants(name):
                    # "Nayrab" for "al-Nayrab": one bare word matches only capitalised.
                    trie.add(variant, ("place", entry), ANY if " " in variant else CAP)
        for demonym, country in self.demonyms.items():
            trie.add(demonym, ("demonym", country))
        for group, phrases in self.words["generic"].items():
            for phrase in phrases:
                trie.add(phrase, ("generic", group), ANY)
        for phrase, weapon in self.weapons:
            trie.add(phrase, ("weapon", weapon))
        # The weapon a generic phrase ends in ("government aircraft", "regime helicopters").
        self.weapon_of = {key_of(phrase): weapon for phrase, weapon in self.weapons}
        for trig in self.triggers:
            trie.add(trig.phrase, ("trigger", trig), ANY)
        self.possessives = _possessives(trie, glued)
        # Per-process helpers built from this lexicon, each of its own type.
        self.cache: dict[str, Any] = {}
        self.country_names = {
            name: entry.country
            for entry in self.places.values()
            if entry.type in ("country", "governorate")
            for name in (entry.name, *entry.aliases)
        }
        # National capitals and their countries: "Ankara said" is Turkey's government.
        self.capitals = {
            self.places[e.capital].name: e.country
            for e in self.places.values()
            if e.type == "country" and e.capital in self.places and e.country
        }
        self.government_verbs = frozenset(self.words["grammar"]["government_verbs"])
        self.government_possessions = frozenset(self.words["grammar"]["government_possessions"])
        self.government_forces_possessions = frozenset(
            self.words["grammar"]["government_forces_possessions"]
        )
        self.senses = {key_of(k): frozenset(v) for k, v in self.words.get("senses", {}).items()}
        self.senses_before = {
            key_of(k): frozenset(tuple(p.split()) for p in v)
            for k, v in self.words.get("senses_before", {}).items()
        }
        self.senses_after = {
            key_of(k): frozenset(v) for k, v in self.words.get("senses_after", {}).items()
        }
        self.senses_window = {
            key_of(k): frozenset(v) for k, v in self.words.get("senses_window", {}).items()
        }
        self.bridge = frozenset(self.words["grammar"]["bridge"])
        self.side_participles = frozenset(self.words["grammar"]["side_participles"])
        self.bridge_to = frozenset(tuple(p.split()) for p in self.words["grammar"]["bridge_to"])
        self.companions = frozenset(tuple(p.split()) for p in self.words["grammar"]["companions"])
        self.companion_heads = frozenset(p[0] for p in self.companions)
        self.passive_aux = frozenset(self.words["grammar"]["passive_aux"])
        self.reporting = frozenset(self.words["grammar"]["reporting"])
        self.media_verbs = frozenset(self.words["grammar"]["media_verbs"])
        self.continuation = frozenset(self.words["grammar"]["continuation"])
        self.subject_pronouns = frozenset(self.words["grammar"]["subject_pronouns"])
        self.auxiliaries = frozenset(self.words["grammar"]["auxiliaries"])
        self.patron_nouns = frozenset(self.words["grammar"]["patron_nouns"])
        self.hazard_intro = frozenset(self.words["grammar"]["hazard_intro"])
        shifts = "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in self.words["grammar"]["topic_shift"]
        )
        self.topic_shift = re.compile(rf"[\s\"“'‘(]*(?:{shifts})\b", re.I)
        joins = "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in self.words["grammar"]["new_act_joins"]
        )
        self.new_act_joins = re.compile(rf"\s(?:{joins})\s+", re.I)
        self.range_markers = _phrases(self.words["grammar"]["range_markers"])
        self.motives = _phrases(self.words["grammar"]["motive"])
        self.cues = {name: _phrases(words) for name, words in self.words["cues"].items()}
        # First words of the cue phrases: a window position is looked at only when its word
        # can start one.
        self.cue_firsts = {name: frozenset(p[0] for p in ph) for name, ph in self.cues.items()}
        # Any of them, for the windows that hold none (most).
        self.cue_heads = frozenset().union(*(self.cue_firsts[n] for n in CUE_NAMES))
        self.cue_words = {
            name: frozenset(p[0] for p in ph if len(p) == 1) for name, ph in self.cues.items()
        }
        nouns = self.words["nouns"]
        self.force_nouns = _phrases(nouns["force"])
        self.civilian_nouns = _phrases(nouns["civilian"])
        self.victim_nouns = frozenset(nouns["victims"])
        self.person_nouns = frozenset(" ".join(key_of(p)) for p in nouns["person"])
        self.single_nouns = frozenset(nouns["single"])
        self.arms_nouns = frozenset(nouns["arms"])
        self.ground_nouns = frozenset(nouns["ground"])
        self.incident_nouns = frozenset(nouns["incidents"])
        # What a trigger flagged `moves`, `agrees`, `arms`, `holds`, `halts` or `ignites` needs
        # as its object or after it (annotate).
        self.object_nouns = {
            "moves": frozenset(nouns["moved"]),
            "agrees": frozenset(nouns["agreed"]),
            "arms": frozenset(nouns["arms"]),
            "holds": frozenset(nouns["held"]),
            "halts": frozenset(nouns["halted"]) | frozenset(nouns["crowd"]),
            "ignites": frozenset(nouns["ignited"]),
        }
        self.crowd_nouns = frozenset(nouns["crowd"])
        # "rebel groups" -> ("rebel", "groups"): crowd words that are no crowd after the word
        # before them.
        self.armed_groups = frozenset(key_of(p) for p in nouns["armed_groups"])
        # Plural demonyms standing for people: "clashes between Palestinians and ...".
        self.nationals = frozenset(
            key_of(d)[-1] + "s" for d in self.demonyms if not d.endswith(("s", "sh", "ese"))
        )
        self.civilian_targets = frozenset(nouns["civilian_targets"])
        self.target_bridge = frozenset(nouns["target_bridge"])
        tolls = self.words["tolls"]
        self.toll_whole = frozenset(tolls["whole"])
        self.toll_partitive = tuple(tolls["partitive"])
        self.toll_people: str = tolls["people"]
        self.toll_broad = frozenset(tolls["broad"])
        # victim noun -> its side ("soldiers" -> state): counts of different sides add up.
        self.toll_side = {
            " ".join(key_of(noun)): side
            for side, nouns_ in self.words["toll_sides"].items()
            for noun in nouns_
        }
        self.scorer = Scorer.from_table(_read_toml((), "confidence.toml"))
        # "upazila" -> ("Bangladesh",): a unit word that says which country a report is in.
        self.admin_units = {k: tuple(v) for k, v in self.words["admin_units"].items()}

    def group_actor(self, group: str, country: str | None) -> tuple[str, str, str]:
        """(name, type, country) of the actor a generic word stands for in `country`."""
        # Asked ~35 times per article for a handful of pairs; a built lexicon never changes.
        found = self._groups.get((group, country))
        if found is None:
            found = self._groups[(group, country)] = self._group_actor(group, country)
        return found

    def template_group(self, name: str) -> tuple[str, str] | None:
        """(group, country) of a name a `[groups] templates` row makes ("Police Forces of
        Iraq" -> ("police", "Iraq")), the first row that fits; None for any other name."""
        for group, template in self.templates.items():
            head, _, tail = template.partition("{country}")
            if name.startswith(head) and name.endswith(tail):
                country = name[len(head) : len(name) - len(tail)]
                if country.startswith("the ") and country[4:] in self.the_countries:
                    country = country[4:]
                return group, country
        return None

    def crowd_words(self, keys: Sequence[str]) -> set[str]:
        """The crowd nouns among the key words, those of a group named as an armed
        organisation ("rival jihadist groups") left out."""
        return {
            k
            for i, k in enumerate(keys)
            if k in self.crowd_nouns and (i == 0 or (keys[i - 1], k) not in self.armed_groups)
        }

    def names_group(self, name: str | None, group: str) -> bool:
        """Whether `name` is the actor the `[groups]` template of `group` makes, of any
        country or of none ("Rioters (India)", "Rioters")."""
        if not name:
            return False
        found = self.template_group(name)
        return (found is not None and found[0] == group) or name == self.group_actor(group, None)[0]

    def _group_actor(self, group: str, country: str | None) -> tuple[str, str, str]:
        if country and (group, country) in self.defaults:
            name = self.defaults[(group, country)]
            return name, self.actors[name].type, country
        template = self.templates.get(group, "{country}")
        if country:
            named = (
                f"the {country}"
                if " of {country}" in template and country in self.the_countries
                else country
            )
            return template.format(country=named), self.group_types.get(group, ""), country
        bare = template.replace(" ({country})", "").replace(" of {country}", "")
        return bare.replace("{country}", "").strip(), self.group_types.get(group, ""), ""


def _possessives(trie: Trie, glued: set[str]) -> dict[str, int]:
    """Possessives written without their apostrophe, as scraped reports have them, and the
    case each needs (`Tokens.unglued`): a one-word name's, capitalised as the name is
    ("Assads", "Aleppos", "ISILs"; not "Cars" for "CAR"), and a word's ending in a
    consonant and "y", in any case ("the armys units": its plural would be "-ies"). Not
    when the word with its "s" is itself in a name or word list ("Homs", "Houthis";
    `glued`, the bare possessives of aliases, do not count), nor for a common word's
    plural ("Towns", "regimes") or a people's ("Arabs")."""
    words: set[str] = set(trie.table)
    common: set[str] = set()
    proper: dict[str, int] = {}  # a one-word name -> its case rule ("Aleppo", "ISIL")
    for first, lengths in trie.table.items():
        for size, entries in lengths:
            for rest, senses in entries.items():
                if size:  # a longer phrase: its words, and whether it is a people's
                    words.update(rest)
                    if any(isinstance(s, tuple) and s[0] == "demonym" for _, s in senses):
                        common.add(first)
                    continue
                for rule, sense in senses:
                    kind = sense[0] if isinstance(sense, tuple) else ""
                    if rule == ANY or kind == "demonym":
                        common.add(first)
                    elif kind in ("actor", "place"):
                        proper[first] = min(rule, proper.get(first, rule))
    out = {w + "s": rule for w, rule in proper.items() if w not in common and len(w) > 1}
    out.update(
        (w + "s", ANY) for w in words if len(w) > 2 and w[-1] == "y" and w[-2] not in "aeiouy"
    )
    return {k: rule for k, rule in out.items() if k not in words or k in glued}


def _country_place(name: str, aliases: list[str]) -> PlaceEntry:
    entry = PlaceEntry(name, "country", country=name)
    entry.aliases = list(aliases)
    return entry


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _phrases(words: list[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(key_of(w) for w in words if key_of(w))


def _spelling_variants(name: str) -> list[str]:
    """'Jisr al-Shughur' -> 'Jisr Shughur', 'JisralShughur'-style joins: common variants."""
    words = list(key_of(name))
    out = []
    core = [w for w in words if w not in ARTICLES]
    if 2 <= len(core) < len(words):
        out.append(" ".join(core))
    elif len(core) == 1 and len(words) > 1 and words[0] in ARTICLES and len(core[0]) >= 5:
        out.append(core[0])  # "al-Nayrab" -> "Nayrab" (not "al-Bab" -> "Bab": too short)
    if 2 <= len(words) <= 3 and len("".join(words)) >= 7:
        out.append("".join(words))
    return out


def _read_dir(folder: Path | None) -> dict[str, list[dict[str, str]]]:
    table: dict[str, list[dict[str, str]]] = {}
    for name in FILES:
        if folder is None:
            text = resources.files("workbench.data").joinpath(name).read_text("utf-8")
        else:
            path = folder / name
            if not path.exists():
                continue
            text = path.read_text("utf-8-sig")
        rows = [
            {k.strip(): (v or "").strip() for k, v in row.items() if k}
            for row in csv.DictReader(text.splitlines())
        ]
        table[name] = [r for r in rows if any(r.values())]
    return table


def _read_toml(folders: tuple[str, ...], name: str) -> dict:
    """A packaged TOML data file, or the last user folder's file of that name instead."""
    for folder in reversed(folders):
        path = Path(folder) / name
        if path.exists():
            return tomllib.loads(path.read_text("utf-8"))
    return tomllib.loads(resources.files("workbench.data").joinpath(name).read_text("utf-8"))


def _read_lexicon(folders: tuple[str, ...]) -> dict:
    text = resources.files("workbench.data").joinpath("lexicon.toml").read_text("utf-8")
    words = tomllib.loads(text)
    for folder in folders:
        path = Path(folder) / "lexicon.toml"
        if path.exists():
            extra = tomllib.loads(path.read_text("utf-8"))
            for section, values in extra.items():
                for key, value in values.items():
                    base = words.setdefault(section, {})
                    if isinstance(value, list) and isinstance(base.get(key), list):
                        base[key] = base[key] + value
                    else:
                        base[key] = value
    return words


def build_lexicon(
    folders: tuple[str, ...] = (), learnt: tuple[tuple[str, str, str, str], ...] = ()
) -> Lexicon:
    """Packaged data + user folders + learnt (kind, alias, canonical, attrs-json) names."""
    for folder in folders:
        if not Path(folder).is_dir():
            raise FileNotFoundError(f"dictionary folder {folder} does not exist")
    tables = [_read_dir(None)] + [_read_dir(Path(f)) for f in folders]
    names = tuple((k, a, c, json.loads(attrs or "{}")) for k, a, c, attrs in learnt)
    lex = Lexicon(tables, _read_lexicon(folders), names)
    if folders:
        lex.scorer = Scorer.from_table(_read_toml(folders, "confidence.toml"))
    return lex


def cached_lexicon(
    folders: Iterable[str] = (), learnt: Iterable[tuple[str, str, str, str]] = ()
) -> Lexicon:
    """The lexicon of these folders and learnt names, built once per process. However it
    is called: `cached_lexicon()`, `(())` and `((), ())` were three cache keys, and a
    process asking in two ways built it twice (extract's `(folders,)` and a caller's
    `((), ())`: 0.4 s more at start-up, a second copy in memory)."""
    return _cached_lexicon(tuple(folders), tuple(learnt))


@lru_cache(maxsize=4)
def _cached_lexicon(
    folders: tuple[str, ...], learnt: tuple[tuple[str, str, str, str], ...]
) -> Lexicon:
    return build_lexicon(folders, learnt)
