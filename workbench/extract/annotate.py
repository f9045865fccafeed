"""Provides `annotate`: dictionary matches turned into typed annotations with a reading.

What a match means depends on its neighbours, and each decision is named by a rule:
- `demonym-forces`: "Russian warplanes", "Turkish troops" -> the state forces of Russia/Turkey;
  `demonym-group`: "Syrian civilians", "Iraqi police" -> that country's civilians/police;
  `demonym-agent`: "Russian airstrike", "U.S. attack" -> the forces as the attack's agent.
- `country-as-actor`: a country name not after a place preposition ("Turkey targeted ...")
  stands for its state forces; after one ("in Turkey") it is a place.
- `generic-word`: "the regime", "rebels", "civilians" -> the actor of that kind in the
  article's country (the country most of its places belong to).
- `backer`: "U.S.-backed", "Iran-backed" names a sponsor, never a participant;
  `descriptor`: "rebel-held" describes an area.
The article's country they read is voted before, by `article_country.context_country`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base.actors import PERSON, STATE_FORCES
from ..base.codebook import AIR, CHEMICAL, GRENADE, IED, SUICIDE
from .article_country import (
    BACKER,
    GEO_NOUNS,
    LOCATIVE,
    ORIGIN,
    continent_part,
    dateline,
    name_as_modifier,
    person_surname,
)
from .casualties import CasualtyHit
from .dates import DateHit
from .gazetteer import gazetteer_entry, local_homonym, namesake_population, outlet_words
from .lexicon import ActorEntry, Lexicon, PlaceEntry, Trigger, Weapon
from .tokens import Tokens
from .trigger_context import (
    OBJECT_FLAGS,
    after_doer,
    fire_of_act,
    headline_end,
    object_end,
    object_follows,
)

STRONG_WEAPONS = frozenset(
    (
        CHEMICAL,
        AIR,
        IED,
        SUICIDE,
        GRENADE,
    )
)
AFFILIATE = frozenset(["linked", "affiliated", "inspired", "aligned", "loyal"])
HEAD_GROUPS = frozenset(["unidentified", "rebels", "troops"])
DESCRIPTOR = frozenset(["held", "controlled", "run", "dominated", "occupied", "besieged"])
# Generic groups a country's possessive says whose ("Turkey's army", "Iraq's police").
OWNED = frozenset(["state_forces", "troops", "police"])


# What an annotation read, by kind: an actor's dictionary entry (or, for a generic group
# such as "progov", the group's name), a place's, a weapon, a trigger, a date, a figure.
Payload = ActorEntry | PlaceEntry | Weapon | Trigger | DateHit | CasualtyHit | str | None


@dataclass(slots=True)
class Ann:
    kind: str  # actor | place | weapon | trigger | date | casualty
    i: int  # first token
    j: int  # end token (exclusive)
    start: int
    end: int
    name: str | None = None  # canonical actor/place name
    rule: str = ""
    info: Payload = None
    role: str = ""  # backer | descriptor | origin (actors/places that take no event role)
    weapon: Weapon | None = None  # an aerial/artillery word folded into an actor
    atype: str = ""  # actor type
    country: str = ""
    contextual: bool = False
    confidence: float = 0.8

    # The payload of each kind, typed; reading the wrong kind's is a bug, so it fails. (The
    # check is written out in each: these are read ~200 times per article, and a shared
    # helper doubled the calls.)
    @property
    def trigger(self) -> Trigger:
        info = self.info
        assert isinstance(info, Trigger), self
        return info

    @property
    def date_hit(self) -> DateHit:
        info = self.info
        assert isinstance(info, DateHit), self
        return info

    @property
    def figure(self) -> CasualtyHit:
        info = self.info
        assert isinstance(info, CasualtyHit), self
        return info

    @property
    def arms(self) -> Weapon:
        """A weapon annotation's weapon (not `weapon`, the one folded into an actor)."""
        info = self.info
        assert isinstance(info, Weapon), self
        return info

    @property
    def place_entry(self) -> PlaceEntry:
        info = self.info
        assert isinstance(info, PlaceEntry), self
        return info

    @property
    def actor_entry(self) -> ActorEntry | None:
        """An actor's dictionary entry; None for a generic group ("progov", "civilians")."""
        return self.info if isinstance(self.info, ActorEntry) else None


_BORDER_WORDS = frozenset(["border", "frontier", "borders"])


def _pair_border(text: str, toks: Tokens, start: int, j: int) -> bool:
    """The second of two countries joined by a hyphen before "border": "the Thai-Cambodia
    border", "the Syria-Turkey frontier" is where two states meet; the act is on one side,
    whose the name does not say, and the country is no actor."""
    return (
        j < len(toks.keys)
        and toks.keys[j] in _BORDER_WORDS
        and start > 1
        and text[start - 1] in "-\u2013"
        and text[start - 2].isalpha()
    )


def named_groups(lex: Lexicon, matches: list, country: str | None) -> dict[str, str]:
    """Generic words refer to the group's actor the article names: after "the Saudi-led
    coalition", "the coalition" is that one; after "Houthi rebels", "the rebels" too."""
    named: dict[str, str] = {}
    for _, _, senses in matches:
        for kind, entry in senses:
            if kind == "actor" and entry.generic:
                for group, countries in entry.generic.items():
                    if country is None or country in countries or group == "coalition":
                        named.setdefault(group, entry.name)
    return named


def annotate(lex: Lexicon, toks: Tokens, country: str | None, matches: list) -> list[Ann]:
    keys, text = toks.keys, toks.text
    named = named_groups(lex, matches, country)
    # The first sentence or line: a headline or note's lede may tell its act in the present.
    first_end = headline_end(text)
    out: list[Ann] = []
    skip_until = -1
    last_place_end = -10
    for n, (i, j, senses) in enumerate(matches):
        if i < skip_until:
            continue
        start, end = toks.starts[i], _end(text, toks.ends[j - 1])
        # The first sense of a kind wins; of actors sharing a name, the article's country's,
        # else the one the name abbreviates ("PDP" is "PDP: Peoples Democratic Party").
        if len(senses) > 1 and sum(k == "actor" for k, _ in senses) > 1:
            surface = text[start:end]
            senses = sorted(senses, key=lambda s: _actor_rank(s, country, surface))
        kinds = dict(reversed(senses))
        after = _suffix(text, end)
        prev = keys[i - 1] if i else ""
        nxt = matches[n + 1] if n + 1 < len(matches) else None
        if after == "led" and (lead := _leader(lex, toks, kinds, i, j, nxt, country)):
            out.append(lead)  # "US-led air strikes": the coalition the US leads struck
            skip_until = lead.j
            continue
        if "demonym" in kinds:
            ann = _demonym(lex, toks, kinds["demonym"], i, j, start, end, nxt, after, country)
            if ann is not None:
                out.append(ann)
                skip_until = ann.j
                continue
        if "actor" in kinds:
            ann = _actor(kinds["actor"], i, j, start, end, after)
            # "al-Qaeda-linked militants": the militants are coded as the group itself.
            # "HTS militants", "Taliban insurgents": a bare armed-group noun is the head of
            # the name, not a second, unidentified actor.
            if (
                nxt
                and (
                    (
                        after in AFFILIATE
                        and nxt[0] == j + 1
                        and any(k == "generic" for k, _ in nxt[2])
                    )
                    or (
                        after is None
                        and nxt[0] == j
                        # "PKK militants", "Kurdistan Workers' Party (PKK) militants"
                        and (text[end : end + 1] == " " or text[end : end + 2] == ") ")
                        and any(k == "generic" and e in HEAD_GROUPS for k, e in nxt[2])
                    )
                )
            ):
                ann.j, ann.end, ann.rule = nxt[1], _end(text, toks.ends[nxt[1] - 1]), "affiliate"
                skip_until = nxt[1]
            out.append(ann)
        elif "place" in kinds:
            if j < len(keys) and keys[j] in outlet_words() and text[toks.starts[j]].isupper():
                continue  # "told the New York Times", "the Washington Post reported"
            entry = _pick_place(senses, country, text[start:end])
            homonym = local_homonym(lex, entry, text[start:end], country)
            if homonym is not None:  # "Homs" in a report from Libya: al-Khums, by its name
                entry = gazetteer_entry(homonym.name, homonym)
            if entry.type == "country" and continent_part(toks, i, j):
                continue  # "across South America": the region, found by the gazetteer
            if entry.type == "country" and _pair_border(text, toks, start, j):
                continue  # "near the Thai-Cambodia border": which side, the name does not say
            if (
                entry.type == "country"
                and prev in LOCATIVE
                and not (nxt and nxt[0] == j)
                and name_as_modifier(toks, j, senses)
            ):
                continue  # "the import of U.S. beef": whose the goods are, not where
            # "Aleppo, Syria" and "the border with Turkey" name places, not actors.
            listed = text[last_place_end:start] in (", ", ",") or (
                text[start - 2 : start] == ", " and text[toks.starts[i - 1]].isupper()
            )
            # "Yemen's rebel-held capital", "Syria's northwest": the country is where.
            where = entry.type == "country" and keys[j : j + 1] == ["s"]
            where = where and bool(GEO_NOUNS.intersection(keys[j + 1 : j + 4]))
            if where and "capital" in keys[j + 1 : j + 4] and entry.capital in lex.places:
                at = j + 1 + keys[j + 1 : j + 4].index("capital")
                cap = lex.places[entry.capital]
                out.append(Ann("place", i, at + 1, start, toks.ends[at], cap.name,
                               "pattern-country-capital", cap, country=cap.country))  # fmt: skip
                skip_until = at + 1
                continue
            # "Sudan's paramilitary Rapid Support Forces": the country says whose, the
            # group that follows is the actor.
            owner_of = (
                keys[j : j + 1] == ["s"]
                and nxt is not None
                and nxt[0] <= j + 3
                and any(k == "actor" for k, _ in nxt[2])
            )
            if (
                entry.type == "country"
                and prev not in LOCATIVE
                and after not in ORIGIN
                and not listed
                and not where
                and not owner_of
            ) and keys[i - 2 : i] != ["border", "with"]:
                out.append(_forces(lex, entry.country, i, j, start, end, "country-as-actor", after))
                continue
            if person_surname(toks, i, out):
                continue  # "police commander Abdullahi Aden said": a man's name, not Aden
            if entry.name in lex.capitals and prev == "by" and i > 1 and keys[i - 2] in BACKER:
                # "Kurdish groups, armed by Washington, ...": the government backs them; it
                # is neither where nor who.
                capital_of = lex.capitals[entry.name]
                out.append(_forces(lex, capital_of, i, j, start, end, "capital-as-actor", "backed"))
                continue
            if _government(lex, entry, keys, i, j, prev, listed):
                # "Ankara has fought the PKK", "Moscow denied": the government, not a place.
                capital_of = lex.capitals[entry.name]
                out.append(_forces(lex, capital_of, i, j, start, end, "capital-as-actor", after))
                continue
            role = "origin" if after in ORIGIN else ""
            if entry.name in lex.capitals and after in BACKER and prev not in LOCATIVE:
                role = "backer"  # "a Riyadh-led coalition": whose backing, not where
            spaced = j < len(keys) and toks.starts[j] == end + 1 and text[end] == " "
            whose = _capital_possessive(lex, entry, keys, j, prev, spaced)
            if whose == "forces":
                # "Moscow's jets", "Ankara's offensive": the government's forces act;
                # "Baghdad troops" are one name, like "Iraqi troops".
                capital_of = lex.capitals[entry.name]
                if keys[j] != "s":
                    j, end, skip_until = j + 1, toks.ends[j], j + 1
                out.append(_forces(lex, capital_of, i, j, start, end, "capital-as-actor", after))
                continue
            if whose == "government":
                role = "government"  # "Washington's main proxy": whose, not where
            if dateline(text, start, end):
                role = "dateline"  # "BEIRUT (Reuters) -": where the reporter was
            out.append(
                Ann(
                    "place",
                    i,
                    j,
                    start,
                    end,
                    entry.name,
                    "dictionary-place",
                    entry,
                    role,
                    country=entry.country,
                )
            )
            last_place_end = end
        elif "generic" in kinds:
            group = kinds["generic"]
            name, atype, c = lex.group_actor(group, country)
            if group in named and named[group] in lex.actors:
                known = lex.actors[named[group]]
                name, atype, c = known.name, known.type, known.country
            if group in OWNED and (owner := _owner(out, keys, i)):
                # "Turkey's army", "Russias troops": the forces of the country named;
                # "ISIL's security forces": the group's own men.
                own = owner.name if owner.kind == "actor" else None
                if own and owner.atype not in (STATE_FORCES, PERSON):
                    name, atype, c = own, owner.atype, owner.country
                else:
                    name, atype, c = lex.group_actor(group, owner.country or country)
            # "rebel-held" is listed whole: its own last word makes it a descriptor too.
            held = j - i > 1 and keys[j - 1] in DESCRIPTOR and text[toks.starts[j - 1] - 1] == "-"
            role = "descriptor" if after in DESCRIPTOR or held else ""
            if _patron(lex, toks, j):
                role = "descriptor"  # "regime allies Iran and Russia": whose allies
            ann = Ann(
                "actor",
                i,
                j,
                start,
                end,
                name,
                "generic-word",
                group,
                role,
                None,
                atype,
                c,
                True,
                0.6,
            )
            if nxt and nxt[0] == j and any(k == "weapon" for k, _ in nxt[2]):
                ann.weapon = next(e for k, e in nxt[2] if k == "weapon")
                ann.j, ann.end = nxt[1], _end(text, toks.ends[nxt[1] - 1])
                skip_until = nxt[1]
            elif j - i > 1:
                # "Government aircraft bombarded ...": the phrase's last word is the weapon.
                ann.weapon = lex.weapon_of.get((keys[j - 1],))
            out.append(ann)
        elif "trigger" in kinds:
            if "hyphen" in kinds["trigger"].flags and "-" not in text[start:end]:
                continue  # "we sit in the yard" is no sit-in
            if "present" in kinds["trigger"].flags and not (
                start < first_end and after_doer(lex, keys, out, i)
            ):
                # "vowed to kill", "the arrest": no doer right before the verb; a present
                # later in a report is habitual ("the jets kill civilians every day").
                continue
            if needs := OBJECT_FLAGS & kinds["trigger"].flags:
                trig = kinds["trigger"]
                last = object_end(lex.object_nouns[min(needs)], toks, i, j, "subject" in trig.flags)
                if last is None or ("holds" in needs and not _taken_captive(lex, toks, i, j, last)):
                    continue  # "sent a message", "reached the town": not what it needs
                if "ignites" in needs and fire_of_act(text, out, start):
                    continue  # "the attack set fuel trucks ablaze": the attack's effect
                if last >= j and "halts" not in needs:
                    # The trigger covers its object: "moved tanks" fires no tank (the people
                    # stopped stay the act's target: "blocked the protesters").
                    j, end = last + 1, _end(text, toks.ends[last])
                    skip_until = j
            out.append(Ann("trigger", i, j, start, end, None, "trigger", kinds["trigger"]))
            if "weapon" in kinds:
                out.append(
                    Ann("weapon", i, j, start, end, None, "dictionary-weapon", kinds["weapon"])
                )
        elif "weapon" in kinds:
            weapon: Weapon = kinds["weapon"]
            out.append(Ann("weapon", i, j, start, end, None, "dictionary-weapon", weapon))
            if weapon.role == "trigger":
                # A named agent ("sarin", "barrel bombs") fixes the type; "rockets" or
                # "missiles" alone are weak evidence of an attack.
                strong = weapon.sub_event_type in STRONG_WEAPONS
                strength = 60 if strong else 35
                if weapon.sub_event_type == CHEMICAL:
                    strength = 70  # "a barrel bomb filled with chlorine" is a chemical attack
                trig = Trigger(
                    text[start:end], weapon.sub_event_type, strength, frozenset({"weapon"})
                )
                out.append(Ann("trigger", i, j, start, end, None, "weapon-trigger", trig))
    return out


# "after being held hostage", "had been held captive", "had taken them hostage": captives
# held before what the sentence tells (their release), not the act of taking them.
_KEPT_BEFORE = frozenset(["being", "been", "had", "having"])


def _taken_captive(lex: Lexicon, toks: Tokens, i: int, j: int, last: int) -> bool:
    """A captor's verb ("took", "held", flag `holds`) at tokens i..j whose object ends in
    "hostage" or "captive" at `last`: people taken, an abduction. Not "hostages are still
    being held" (captives kept, the noun before the verb), nor "released after being held
    hostage" (their captivity the background of the act told), nor "took three soldiers
    captive" (fighters captured in a battle are its prisoners, as ACLED codes them), nor
    "soldiers held hostage in Hajin were exchanged" (the noun right after the verb with no
    object after it: the people before it are the captives, a reduced passive)."""
    keys = toks.keys
    if last < j or (i and keys[i - 1] in _KEPT_BEFORE):
        return False
    if last == j and not object_follows(toks, j + 1):
        return False
    return all(lex.toll_side.get(k) not in ("state", "armed") for k in keys[j:last])


def _leader(lex: Lexicon, toks: Tokens, kinds: dict, i, j, nxt, country) -> Ann | None:
    """ "US-led air strikes", "Saudi-led raids", "Turkish-led forces": the one who leads an
    attack or armed force is its doer, not a backer: the coalition it leads when a name
    says so ("US-led coalition"), else its state forces or the group itself."""
    keys = toks.keys
    # Not a word that is an act only with its doer named ("US-led fight against IS"): the
    # doer would make an act of a campaign told in passing.
    act = (
        nxt is not None
        and nxt[0] == j + 1
        and any(k == "weapon" or (k == "trigger" and "agent" not in e.flags) for k, e in nxt[2])
    )
    if not (act or tuple(keys[j + 1 : j + 2]) in lex.force_nouns):
        return None
    start, end = toks.starts[i], toks.ends[j]  # "US-led"
    for sense in lex.trie.senses_of((*keys[i:j], "led", "coalition")):
        if isinstance(sense, tuple) and sense[0] == "actor":
            entry = sense[1]
            return Ann("actor", i, j + 1, start, end, entry.name, "led-coalition", entry, "", None,
                       entry.type, entry.country)  # fmt: skip
    if "actor" in kinds:
        return _actor(kinds["actor"], i, j + 1, start, end, None)
    owner = kinds.get("demonym") or getattr(kinds.get("place"), "country", "")
    if owner and ("demonym" in kinds or kinds["place"].type == "country"):
        return _forces(lex, owner, i, j + 1, start, end, "demonym-agent", None)
    return None


def _owner(out: list[Ann], keys: list[str], i: int) -> Ann | None:
    """The country or actor whose possessive ends right before token i ("Turkey's",
    "Iraqs", "ISILs"), if any."""
    if i < 2 or keys[i - 1] != "s" or not out or out[-1].j != i - 1:
        return None
    last = out[-1]
    if last.kind == "place" and last.place_entry.type != "country":
        return None  # "Aleppo's police": the city's, not a country's
    return last if last.kind == "actor" or (last.kind == "place" and last.country) else None


def _end(text: str, end: int) -> int:
    # "U.S" -> "U.S.": keep the dot of an abbreviation inside the mention.
    if end < len(text) and text[end] == "." and end >= 2 and text[end - 2] == ".":
        return end + 1
    return end


def _suffix(text: str, end: int) -> str | None:
    """'backed' for "U.S.-backed", None when the word is not hyphen-joined to another."""
    if end < len(text) - 1 and text[end] in "-‐" and text[end + 1].isalpha():
        word = []
        for c in text[end + 1 : end + 20]:
            if not c.isalpha():
                break
            word.append(c)
        return "".join(word).lower()
    return None


def _plain_words(toks: Tokens, a: int, b: int, nxt) -> bool:
    """Tokens a..b are ordinary lower-case words, joined to the next by space or hyphen."""
    if nxt is not None and nxt[0] < b:
        return False  # a dictionary name in between: not one noun phrase
    text = toks.text
    for k in range(a, b):
        if k >= len(toks.keys) or not text[toks.starts[k]].islower():
            return False
        if text[toks.ends[k - 1] : toks.starts[k]] not in (" ", "-"):
            return False
    return True


def _patron(lex: Lexicon, toks: Tokens, j: int) -> bool:
    """Token j is a patron noun with a name after it ("allies Iran", "backer Turkey")."""
    keys, text = toks.keys, toks.text
    return (
        j + 1 < len(keys)
        and keys[j] in lex.patron_nouns
        and text[toks.starts[j + 1]].isupper()
        and text[toks.ends[j] : toks.starts[j + 1]] == " "
    )


def _role(after: str | None) -> str:
    if after in BACKER:
        return "backer"
    if after in ORIGIN:
        return "origin"
    return "descriptor" if after in DESCRIPTOR else ""


def _government(lex: Lexicon, entry, keys: list[str], i: int, j: int, prev: str, listed) -> bool:
    """A national capital as the subject of a verb of stance or action stands for its
    government; "in Ankara", "Ankara, Turkey", "Damascus has been shelled" do not."""
    if entry.name not in lex.capitals or prev in LOCATIVE or listed or j >= len(keys):
        return False
    if keys[j] in ("is", "was") and keys[j + 1 : j + 2] != ["not"]:
        return keys[j + 1 : j + 2] in (["ready"], ["determined"], ["keen"], ["unwilling"])
    return keys[j] in lex.government_verbs and keys[j + 1 : j + 2] != ["been"]


# The armed of a government's possessions: a capital told before one of these
# stands for the state ("Baghdad troops"); before an operation's name it may be where.
_ARMED = frozenset(
    ["jets", "warplanes", "bombers", "drones", "forces", "troops", "soldiers", "military", "army"]
)


def _capital_possessive(
    lex: Lexicon, entry, keys: list[str], j: int, prev: str, spaced: bool
) -> str:
    """ "forces" or "government" when a national capital's possessive says whose, not
    where ("Moscow's jets", "Washington's main proxy"); "" otherwise ("Damascus's suburbs")."""
    if entry.name not in lex.capitals or prev in LOCATIVE or j >= len(keys):
        return ""
    if keys[j] != "s":
        # Told attributively, only the very next word: "Baghdad troops attacked",
        # "Ankara officials said" (not "Damascus airport", "the Kabul police", nor a
        # dateline's "TRIPOLI - Forces loyal to ...").
        if not spaced:
            return ""
        head = keys[j]
        if head in lex.government_forces_possessions and head in _ARMED:
            return "forces"
        return "government" if head in lex.government_possessions else ""
    heads = keys[j + 1 : j + 4]
    if lex.government_forces_possessions.intersection(heads):
        return "forces"
    return "government" if lex.government_possessions.intersection(heads) else ""


def _actor_rank(sense: tuple, country: str | None, surface: str) -> tuple[bool, bool]:
    kind, entry = sense
    if kind != "actor":
        return (False, False)
    abroad = bool(country) and getattr(entry, "country", "") != country
    return (abroad, not getattr(entry, "name", "").startswith(f"{surface}:"))


def _pick_place(senses: list, country: str | None, surface: str) -> PlaceEntry:
    places = [e for k, e in senses if k == "place"]
    for entry in places:
        if entry.country == country:
            return entry
    if len(places) > 1:  # none in the article's country: the larger namesake ("Tripoli")
        return max(places, key=lambda e: namesake_population(surface, e.country))
    return places[0]


def _actor(entry: ActorEntry, i: int, j: int, start: int, end: int, after: str | None) -> Ann:
    role = _role(after)
    rule = "dictionary-actor" if entry.origin == "dictionary" else "learnt-alias"
    return Ann(
        "actor", i, j, start, end, entry.name, rule, entry, role, None, entry.type, entry.country
    )


def _forces(lex: Lexicon, country: str, i, j, start, end, rule: str, after) -> Ann:
    name, atype, c = lex.group_actor("state_forces", country)
    role = _role(after)
    return Ann(
        "actor", i, j, start, end, name, rule, "state_forces", role, None, atype, c, False, 0.7
    )


def _demonym(lex, toks, country, i, j, start, end, nxt, after, ctx) -> Ann | None:
    keys, text = toks.keys, toks.text
    if after in BACKER or after in ORIGIN:
        return _forces(lex, country, i, j, start, end, "demonym-backer", after)
    # "Syrian civilians", "Iraqi police": a group word right after the demonym.
    if nxt and nxt[0] == j:
        for kind, entry in nxt[2]:
            if kind == "generic":
                name, atype, c = lex.group_actor(entry, country)
                e = _end(text, toks.ends[nxt[1] - 1])
                return Ann(
                    "actor", i, nxt[1], start, e, name, "demonym-group", entry, "", None, atype, c
                )
    # "US drone strike", "Russian air raid": the attack word must stay a trigger.
    if nxt and nxt[0] == j and nxt[1] > j + 1 and any(k == "trigger" for k, _ in nxt[2]):
        return _forces(lex, country, i, j, start, end, "demonym-agent", after)
    # "Iraqi counter-terrorism forces": up to two lower-case words before the force noun.
    for skip in range(3):
        if skip and not _plain_words(toks, j, j + skip, nxt):
            break
        for size in (2, 1):
            at = j + skip
            words = tuple(keys[at : at + size])
            if len(words) == size and (words in lex.force_nouns or words in lex.civilian_nouns):
                group = "civilians" if words in lex.civilian_nouns else "state_forces"
                name, atype, c = lex.group_actor(group, country)
                e = _end(text, toks.ends[at + size - 1])
                weapon = None
                if nxt and nxt[0] == at:
                    weapon = next((w for k, w in nxt[2] if k == "weapon"), None)
                if weapon is not None and weapon.role == "trigger" and at == j:
                    # "Israeli artillery killed ...": the weapon stays the attack word.
                    return _forces(lex, country, i, j, start, end, "demonym-agent", after)
                rule = "demonym-group" if group == "civilians" else "demonym-forces"
                return Ann("actor", i, at + size, start, e, name, rule, group, "", weapon, atype, c)
    if nxt and nxt[0] == j:
        for kind, entry in nxt[2]:
            if kind == "weapon" and entry.role == "trigger":
                # "a Russian guided bomb struck": the weapon stays the attack word.
                return _forces(lex, country, i, j, start, end, "demonym-agent", after)
            if kind == "weapon" and entry.role == "modifier":
                name, atype, c = lex.group_actor("state_forces", country)
                e = _end(text, toks.ends[nxt[1] - 1])
                return Ann(
                    "actor",
                    i,
                    nxt[1],
                    start,
                    e,
                    name,
                    "demonym-forces",
                    "state_forces",
                    "",
                    entry,
                    atype,
                    c,
                )
            if kind == "trigger":
                return _forces(lex, country, i, j, start, end, "demonym-agent", after)
    # "Syrian and Russian jets", "Russian or regime warplanes": coordinated demonyms (or a
    # demonym and the article's forces) share the noun that follows.
    if (
        keys[j : j + 1] in (["and"], ["or"])
        and nxt
        and nxt[0] == j + 1
        and any(k == "demonym" or k == "generic" and e in OWNED for k, e in nxt[2])
    ):
        return _forces(lex, country, i, j, start, end, "demonym-coordinated", after)
    return None
