"""Provides `Doers`: who did an act (part of `Finder`).

- `agent-by`: "downed by Syrian rebels", "airstrikes from Assad" (`by_phrase`; passive: the
  other side is the target), "recaptured the town from al-Shabaab" (`taken_from`: who lost it);
- `agent-subject`: the actor the trigger's verb phrase starts from, crossing only
  auxiliaries, light verbs, dates, places and numbers ("Russian jets on Monday carried out
  at least 33 airstrikes"; `subject`), or of the comma segment before ("RSF fighters
  entered the hospital, looted it and opened fire"; `chained`); coordinated actors become
  associated actors (`actor_chain`);
- whether the trigger is passive, its subject what it befell ("were killed"; `is_passive`).
"""

from __future__ import annotations

from ..base.actors import ARMED_TYPES
from ..base.codebook import ABDUCTION, ARRESTS, ATTACK, LOOTING, TERRITORY
from ..base.numbers import UNITS
from ..base.words import DIRECTIONS
from .annotate import Ann
from .cues import SUBORDINATORS, VERB_FORMS, past_verb
from .lexicon import Trigger
from .reference import FIRST_PERSON, SELF_PRONOUNS, STOP, Reference
from .sides import BLAME, CLAIMS, Sides

# The words of how many there were ("by at least a dozen gunmen", "some 20 militants"):
# number words up to twelve only (reading "fourteen" changes how "gunmen killed fourteen
# people" finds its target: tests/golden).
COUNT_WORDS = frozenset(
    [
        *(w for w, n in UNITS.items() if n <= 12),
        "dozens",
        "dozen",
        "scores",
        "hundreds",
        "several",
        "many",
        "least",
        "more",
        "than",
        "about",
        "nearly",
        "some",
    ]
)
# "by a group of gunmen", "a gang of armed men": how many, not who.
GROUP_WORDS = frozenset(["group", "gang", "band", "team", "unit", "squad"])
BY_BRIDGE = frozenset(
    [
        "committed",
        "carried",
        "out",
        "conducted",
        "launched",
        "staged",
        "allegedly",
        "reportedly",
        "apparently",
        "of",
        "its",
        "own",
        "in",
        "on",
        "at",
        "near",
        "the",
        "was",  # "the attack ... was claimed by JNIM"
        "were",  # "the strikes were carried out by Russian jets"
        "had",
        "have",
        "been",
        "claimed",
        "blamed",  # "the attack was blamed on Isis"
    ]
)
# Words between the sides of a fight: "X and allied factions on one side, and Y on the other".
COMPOUND_TAILS = frozenset(
    ["led", "backed", "held", "allied", "aligned", "linked", "based", "dominated", "run",
     "controlled", "supported", "affiliated"]
)  # fmt: skip
# Not "at" ("killed at least 11") nor "as" ("killed as many as").
REDUCED_NEXT = frozenset(["on", "in", "during", "near", "when", "while", "after", "earlier",
                          "last", "yesterday", "outside", "inside"])  # fmt: skip
USERS = frozenset(["used", "run", "held", "controlled", "manned", "occupied", "operated"])
# Words after which a "by" names someone else's doing: "in an area controlled by", "at a
# school run by", "after a meeting called by", "who was wanted by".
PAST_BY = USERS | COMPOUND_TAILS | frozenset(
    ["owned", "which", "who", "that", "when", "after", "before", "while", "as", "and", "but",
     "during", "because", "following", "called", "organised", "organized", "wanted", "sought",
     "accused", "claimed", "arrested", "detained", "caught", "seized"]
)  # fmt: skip
# "fired from the direction of RSF positions", "launched from areas held by the Houthis".
FROM_SKIP = frozenset(["the", "direction", "directions", "of", "positions", "position", "areas",
                       "area", "held", "controlled", "by", "territory", "bases", "base"])  # fmt: skip
# "a landmine left by IS", "a bomb planted by the militants": who set the device.
FIRED = frozenset(["fired", "lobbed", "coming", "sent", "flown", "left", "planted", "laid", "placed",
                   "rigged", "hidden", "buried", "set"])  # fmt: skip
# Words that may open a comma segment before its subject: "On Tuesday, RSF fighters ...".
LEAD_WORDS = frozenset(["on", "in", "at", "the", "early", "late", "then", "and", "also"])
# Words between the comma and a verb that shares the subject before: ", and then opened fire".
CHAIN = frozenset(["and", "then", "later", "also", "subsequently", "afterwards", "again"])
PASSIVE_ADVERBS = frozenset(["also", "later", "then", "all", "again", "since", "just", "not"])
LOC_PREPS = frozenset(["in", "near", "on", "at", "outside", "around", "along", "across", "from"])
LOC_NOUNS = frozenset(
    ["countryside", "outskirts", "border", "borders", "area", "areas", "region", "province",
     "district", "suburbs", "suburb", "vicinity", "frontier", "village", "villages", "town",
     "city", "camp", "state", "county", "part", "parts", "side", "north", "south", "east",
     "west", "desert", "mountains", "hills", "forest", "bush", "coast", "neighbourhood",
     "neighborhood", "countrysides", "locality", "zone", "front", "frontline", "highway", "road"]
)  # fmt: skip
LOC_MODS = frozenset(
    [*DIRECTIONS, "the", "a", "of", "nearby", "neighbouring", "neighboring", "remote", "same",
     "and", "its", "their", "main", "northwest", "northeast", "southwest", "southeast"]
)  # fmt: skip


class Doers(Sides, Reference):
    _passive: dict[int, tuple[Ann, bool]]  # see is_passive

    def by_phrase(self, t: Ann, end_tok: int) -> list[Ann]:
        """ "downed by X", "airstrikes from X", "attacks in Syria carried out by X"."""
        keys = self.keys
        k = t.j
        if passive_by(t.trigger):
            return self.actor_chain(k, end_tok)  # "was taken by X", "fell to X"
        # "was murdered in front of his house by X": a passive's doer may come after any
        # words of where and how.
        passive = self.is_passive(t)
        steps = 0
        while k < end_tok and steps < (12 if passive else 8):
            a = self.ann_at(k)
            if a is not None and a.kind in ("place", "date"):
                k, steps = a.j, steps + 1
                continue
            if keys[k] == "from" and "territory" in t.trigger.flags:
                return []  # "recaptured Saraqeb from government forces": the losers
            if keys[k] == "on" and (
                keys[k - 1] in BLAME or not BLAME.isdisjoint(keys[max(0, t.i - 3) : t.i])
            ):
                # "the attack was blamed on Isis", "blamed the bombing on Monday on the PKK"
                x = k + 2 if keys[k + 1 : k + 2] == ["the"] else k + 1
                a = self.ann_at(x) if x < end_tok else None
                if a is not None and a.kind == "actor":
                    return self.actor_chain(k + 1, end_tok)
            if keys[k] in ("by", "from"):
                x = k + 1
                a = self.ann_at(x) if keys[k] == "by" else None
                if (
                    a is not None
                    and a.kind in ("weapon", "trigger")
                    and keys[a.j : a.j + 1] == ["from"]
                ):
                    k, x = a.j, a.j + 1  # "killed by sniper fire from regime forces"
                while keys[k] == "from" and x < min(end_tok, k + 7) and keys[x] in FROM_SKIP:
                    x += 1  # "shells fired from the direction of RSF positions"
                found = self.actor_chain(x, end_tok)
                if found or keys[k] == "by" or not passive:
                    return found
                # "was abducted from his home by X": where from, not who.
            if (
                keys[k] not in BY_BRIDGE
                and keys[k] not in FIRED
                and not (passive and keys[k].isalpha() and keys[k] not in PAST_BY)
            ):
                return []
            k += 1
            steps += 1
        return []

    def taken_from(self, t: Ann, end_tok: int) -> list[Ann]:
        """ "recaptured the town of X ... from al-Shabaab": who lost the ground."""
        if "territory" not in t.trigger.flags:
            return []
        for k in range(t.j, min(end_tok, t.j + 16)):
            a = self.ann_at(k)
            if a is not None and a.kind in ("actor", "trigger"):
                return []  # another side or another action comes first
            if self.keys[k] in ("after", "with", "as", "when", "while", "by"):
                return []
            if self.keys[k] == "from":
                return self.actor_chain(k + 1, end_tok)
        return []

    def actor_chain(self, k: int, end_tok: int) -> list[Ann]:
        """Actors starting at token k, joined by 'and'/'or'/'the'/'allied'."""
        out: list[Ann] = []
        k = self._past_quantity(k, end_tok)
        while k < end_tok:
            a = self.ann_at(k)
            if (
                a is not None
                and a.j < end_tok
                and self.keys[a.j] in COMPOUND_TAILS
                and self.text[a.end : a.end + 1] in "-‐"
            ):
                k = a.j + 1  # "the al Qaeda-linked group JNIM": al-Qaeda only describes
                continue
            if a is not None and a.kind == "actor" and not a.role:
                out.append(a)
                k = a.j
                continue
            if (
                a is None
                and k + 1 < end_tok
                and self.keys[k + 1] in COMPOUND_TAILS
                and self.text[self.starts[k + 1] - 1] in "-‐"
            ):
                k += 2  # "the Kurdish-led SDF": a describing compound before the name
                continue
            nxt = self.ann_at(k + 1) if a is None and k + 1 < end_tok else None
            if nxt is not None and nxt.kind == "actor" and not nxt.role and self.keys[k].isalpha():
                k += 1  # "by the paramilitary Rapid Support Forces": one describing word
                continue
            if (
                a is None
                and nxt is None
                and k + 2 < end_tok
                and self.text[self.starts[k + 1] - 1] in "-‐"
                and self.keys[k].isalpha()
                and self.keys[k + 1].isalpha()
                and (b := self.ann_at(k + 2)) is not None
                and b.kind == "actor"
                and not b.role
            ):
                k += 2  # "by the Kurdish-Arab Syrian Democratic Forces": a describing pair
                continue
            if self.keys[k] in ("the", "and", "or", "either", "allied", "its", "their", "both") or (
                a is not None and a.kind == "actor"
            ):
                k = a.j if a is not None else k + 1
                continue
            break
        return out

    def _past_quantity(self, k: int, end_tok: int) -> int:
        """ "by a group of armed men", "by 5 unidentified men", "by a gang of Imbonerakure":
        how many of them, read past when an actor follows (k unchanged otherwise)."""
        keys, j = self.keys, k
        if keys[j : j + 3] in (["a", g, "of"] for g in GROUP_WORDS):
            j += 3
        while j < min(end_tok, k + 6) and (
            keys[j].isdigit() or keys[j] in COUNT_WORDS or keys[j] in ("a", "an")
        ):
            j += 1
        a = self.ann_at(j) if j < end_tok else None
        return j if j > k and a is not None and a.kind == "actor" and not a.role else k

    def _side_participle(self, a: Ann, first_tok: int) -> int | None:
        """Where "fighting"/"backing" stands before actor `a`, when another actor names who
        does so right before it ("the coalition fighting Islamic State")."""
        p = a.i - 1
        if p > first_tok and self.keys[p] == "the":
            p -= 1
        return p if p > first_tok and self.side_fought(p) is a else None

    def subject(self, t: Ann, first_tok: int, before: int | None = None) -> list[Ann]:
        """The doer named before the trigger, read back from `before` when an aside sits
        between them ("troops, including Iraqi militias, stormed")."""
        keys, bridge = self.keys, self.lex.bridge
        k = (before if before is not None else t.i) - 1
        own = False  # "its jets", "their fighters": the speaker's own forces
        while k >= first_tok:
            a = self.ann_at(k)
            if a is not None and a.kind != "casualty":
                if a.kind == "trigger" and self.is_passive(a):
                    return []  # "two YPG fighters were killed in the fighting": victims
                if a.kind == "actor" and a.i - 1 > first_tok and keys[a.i - 1] == "against":
                    k = a.i - 2  # "the coalition against Islamic State took over": the coalition
                    continue
                if a.kind == "actor" and (p := self._side_participle(a, first_tok)) is not None:
                    k = p - 1  # "Kurdish forces battling the Islamic State captured": the Kurds
                    continue
                if a.kind == "actor" and not a.role:
                    # "the Houthis claimed a drone attack": who claims an attack made it.
                    if self.reports(a) and self.keys[a.j] not in CLAIMS:
                        return []
                    found = self.coordinated(a, first_tok)
                    backer = self.backed_by(found[0], first_tok)
                    return backer + found if backer else found
                k = a.i - 1
                continue
            # Casualty spans are read word by word: they may hold an actor.
            key = keys[k]
            if key == "to" and k - 1 > first_tok:
                # "warplanes returned to hit", "went on to attack": the verb's doer acts
                if (keys[k - 1],) in self.lex.bridge_to:
                    k -= 2
                    continue
                if tuple(keys[k - 2 : k]) in self.lex.bridge_to:
                    k -= 3
                    continue
            if key in bridge or key.isdigit() or key.endswith("ly") or key in COUNT_WORDS:
                own = own or key in ("its", "their")
                k -= 1
                continue
            if past_verb(key) and _joined_verb(keys, k, t.i):
                k -= 1  # "Imbonerakure beat and stripped a man", "officers beat her and stripped her"
                continue
            if own and key == "that":
                k -= 1  # "the coalition said on Sunday that its air strikes ..."
                continue
            if own and key in self.lex.reporting:
                # "the Sudanese army said its aircraft struck": the speaker attacked.
                return self.self_report(k + 1, first_tok, verb_at=k)
            if key in SUPPORT and (w := _with_before(keys, k, first_tok)) is not None:
                k = w - 1  # "Syrian troops with Russian air support entered": the troops
                continue
            if keys[k - 2 : k + 1] == ["claimed", "responsibility", "for"]:
                k -= 3  # "IS claimed responsibility for the attack": IS is the agent
                continue
            if key == "for" and (a := self._blamed(k - 1, first_tok)) is not None:
                return self.coordinated(a, first_tok)  # "blamed Russian jets for the attack"
            if key in CLAIMS:
                k -= 1  # "the Houthis claimed a drone attack": the claimant is the agent
                continue
            if key in FIRST_PERSON and (speaker := self.quoted_speaker(k)):
                return speaker
            if key == "it" and k > first_tok and keys[k - 1] in ("after", "before", "when"):
                # "rebels shot down a jet after it bombed the town": what was named last.
                return self.antecedent(k, nearest=True)
            if key in SELF_PRONOUNS:
                # "Hezbollah said it fired"; else "... the rebels. They shelled": the armed
                # actor named last before the pronoun.
                return self.self_report(k, first_tok) or self.antecedent(k)
            if (p := self._locative_start(k, first_tok)) is not None:
                k = p - 1  # "gunmen in the western countryside overran": where they were
                continue
            if (p := self._name_tail(k, first_tok)) is not None:
                k = p  # "the Joint Forces of the Darfur armed movements repelled"
                continue
            if (p := self._companion_start(k, first_tok)) is not None:
                k = p - 1  # "army units in cooperation with the supporting forces took"
                continue
            # '"Our air defence units shot down ...," the ministry said': the speaker.
            mine = [
                x for x in range(k - 1, max(first_tok, k - 4) - 1, -1) if keys[x] in FIRST_PERSON
            ]
            return self.quoted_speaker(mine[0]) if mine else []
        if own and k < first_tok:
            return self.antecedent(first_tok)  # "... Tehran, and its drones struck"
        if (
            k < first_tok
            and not self.is_passive(t)
            and (opened := self._quoted_start(first_tok)) is not None
        ):
            # 'factions of the so-called "Syrian National Army" shelled': the closing quote
            # is no clause break; read on through the quoted name.
            return self.subject(t, opened, before)
        return self.chained(t, first_tok)

    def chained(self, t: Ann, first_tok: int) -> list[Ann]:
        """ "RSF fighters entered the hospital, looted it and opened fire": a verb that opens
        its comma segment shares the subject of the segment before."""
        x = first_tok
        while x < t.i and self.keys[x] in CHAIN:
            x += 1
        if x < t.i and not (self.keys[x].endswith("ed") or self.keys[x] in VERB_FORMS):
            return []  # ", heavy fighting killed ...": a subject of its own, not a verb
        if self.keys[t.i].endswith("ing") and t.trigger.sub_event_type not in SHARED_ING:
            return []  # "..., killing four": the outcome of the act before, told with it
        k, hops = first_tok, 0
        while hops < 3 and k > 0 and "," in self._gap(k) and not STOP.search(self._gap(k)):
            s = self._segment_start(k)
            x = self.skip_when_where(s, k, LEAD_WORDS)
            a = self.ann_at(x) if x < k else None
            described = self._described(s)
            if a is not None and self.keys[s] in ("the", "a", "an") and described is not None:
                k, hops = s, hops + 1  # "Al-Shabaab, the al Qaeda affiliate, attacked"
                continue
            if a is not None and a.kind == "actor" and not a.role:
                chain = self.actor_chain(x, k)
                after = self.keys[chain[-1].j] if chain and chain[-1].j < k else ""
                if not chain or after in self.lex.passive_aux or after in self.lex.reporting:
                    return []  # "two soldiers were wounded, ...": victims; "X said, ...": a source
                return chain
            if x == s and self.keys[x] in ("who", "which") and "," in self._gap(s):
                # "Houthi rebels, who control much of the north, fired": the relative
                # clause describes the subject just before it.
                return (
                    [] if described is None else self.coordinated(described, self._segment_start(s))
                )
            if a is not None or self.keys[x] in SUBORDINATORS:
                return []
            k, hops = s, hops + 1  # "entered the town, looted it, and burned homes"
        return []

    def _described(self, s: int) -> Ann | None:
        """The actor just before the comma that opens segment s ("RSF fighters, who ...")."""
        if s <= 0 or "," not in self._gap(s):
            return None
        y = s - 1
        while y > s - 4 and self.ann_at(y) is None and self.keys[y] in self.lex.bridge:
            y -= 1
        b = self.ann_at(y)
        return (
            b
            if b is not None and b.kind == "actor" and not b.role and not self.reports(b)
            else None
        )

    def _name_tail(self, k: int, first_tok: int) -> int | None:
        """Last token of the actor an "of the ..." tail ending at token k describes
        ("the Joint Forces of the Darfur armed movements"), or None."""
        x = k
        while x > first_tok and k - x < 5:
            a = self.ann_at(x)
            if a is not None and a.kind != "place":
                return None
            if a is None and not self.keys[x].isalpha():
                return None
            if self.keys[x] == "of":
                b = self.ann_at(x - 1)
                return x - 1 if b is not None and b.kind == "actor" and not b.role else None
            x = a.i - 1 if a is not None else x - 1
        return None

    def _companion_start(self, k: int, first_tok: int) -> int | None:
        """First token of a phrase of unnamed companions ending at token k, right after an
        armed actor ("army units in cooperation with the supporting forces"; not a party:
        "the INC along with other leaders staged a protest" is a crowd's act), or None."""
        keys = self.keys
        for x in range(k, max(first_tok, k - 7), -1):
            if self.ann_at(x) is not None:
                return None
            # The phrase may end past k: "with the allied forces" were bridge words.
            if keys[x] in self.lex.companion_heads and any(
                tuple(keys[x : x + n]) in self.lex.companions for n in (1, 2, 3)
            ):
                a = self.ann_at(x - 1) if x - 1 >= first_tok else None
                armed = a is not None and a.kind == "actor" and a.atype in ARMED_TYPES
                return x if armed else None
        return None

    def _locative_start(self, k: int, first_tok: int) -> int | None:
        """Token of the preposition opening a place phrase ending at token k ("in the western
        countryside", "on the outskirts of Nyala", "near the border"), or None."""
        x, nouns = k, 0
        while x >= first_tok and k - x < 8:
            a = self.ann_at(x)
            if a is not None and a.kind == "place":
                x, nouns = a.i - 1, nouns + 1
                continue
            key = self.keys[x]
            if key in LOC_PREPS and nouns and x < k:
                return x
            if key in LOC_NOUNS:
                nouns += 1
            elif key not in LOC_MODS or a is not None:
                return None
            x -= 1
        return None

    def is_passive(self, t: Ann) -> bool:
        """Whether the trigger's subject is what it befell ("were killed"). Remembered per
        trigger: `subject` asks it of every trigger it reads back over, and a long clause
        of repeated verbs ("killed killed ...", hostile input) asked it ~140 times each."""
        got = self._passive.get(id(t))
        if got is None or got[0] is not t:
            got = self._passive[id(t)] = (t, self._is_passive(t))
        return got[1]

    def _is_passive(self, t: Ann) -> bool:
        keys = self.keys
        prev = keys[t.i - 1] if t.i else ""
        prev2 = keys[t.i - 2] if t.i > 1 else ""
        aux = self.lex.passive_aux
        if "undergo" in t.trigger.flags:
            return True  # "US forces came under fire from ...": the subject was the target
        if "moves" in t.trigger.flags:
            return False  # "reinforcements were rushed to ...": the forces moved are its actor
        if keys[t.i].endswith("ing"):
            return False  # "are massing troops", "were shelling": progressive, active
        if self._reduced_relative(t):
            return True  # "four Kurdish fighters killed on the front line were buried"
        if t.i and (a := self.ann_at(t.i - 1)) is not None and a.kind == "actor":
            return False  # "IS beheaded two men": the group's name, not the verb "is"
        # "were reportedly killed", "were also killed": an adverb between
        return prev in aux or ((prev.endswith("ly") or prev in PASSIVE_ADVERBS) and prev2 in aux)

    def _reduced_relative(self, t: Ann) -> bool:
        """A killing verb right after the people it befell and before a preposition:
        "fighters killed on the battlefront", "two soldiers shot dead near the border"."""
        if "agent" not in t.trigger.flags or t.trigger.sub_event_type != ATTACK or not t.i:
            return False
        if t.j >= len(self.keys) or self.keys[t.j] not in REDUCED_NEXT:
            return False
        a = self.ann_at(t.i - 1)
        prev = self.keys[t.i - 1]
        return (a is not None and a.kind == "actor") or prev in self.lex.victim_nouns


# "conducted a raid ..., arresting 11 men", "entered the town, taking control of it": these
# participles are the same doer's next act.
SHARED_ING = frozenset([ARRESTS, ABDUCTION, LOOTING, *TERRITORY])
SUPPORT = frozenset(["support", "backing", "cover", "help", "assistance"])


def _with_before(keys: list[str], k: int, first_tok: int) -> int | None:
    """Token of the "with" opening "with (Russian air) support" that ends at token k."""
    for x in range(k - 1, max(first_tok, k - 5) - 1, -1):
        if keys[x] == "with":
            return x
    return None


# "beat her and stripped her": the object of the first of two verbs that share a doer.
_OBJECT_PRONOUNS = frozenset(["her", "him", "them", "it", "us", "me"])


def _joined_verb(keys: list[str], k: int, end: int) -> bool:
    """Whether the verb at k is joined by "and" to the verbs after it, up to the trigger at
    `end`, with at most an object pronoun between ("beat and stripped", "beat her and
    stripped"): the doer before it is the trigger's too."""
    x = k + 1 if k + 1 < end and keys[k + 1] in _OBJECT_PRONOUNS else k
    return x + 1 < end and keys[x + 1] == "and"


def passive_by(trig: Trigger) -> bool:
    """A trigger that ends with its doer's preposition: "was taken by", "fell to" (but "set
    fire to" is followed by the target)."""
    last = trig.phrase.rsplit(" ", 1)[-1]
    return last == "by" or (last == "to" and "territory" in trig.flags)
