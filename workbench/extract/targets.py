"""Provides `Targets`: what an act befell (part of `Finder`).

- `target-object`: "attack on X", "shot down a Russian jet", "targeted Kurdish forces"
  (`objects`, reading past the words `lexicon.toml` lets stand between; "a military vehicle
  belonging to the SDF" is the SDF's);
- `target-civilian-objects`: hospitals, markets, homes; `target-victims`: "6 civilians
  killed"; the people a passive's subject names ("a woman was raped"; `passive_victims`).
"""

from __future__ import annotations

from ..base.actors import ARMED_TYPES
from .annotate import Ann
from .doers import COMPOUND_TAILS, COUNT_WORDS, USERS, Doers

FORMER = frozenset(["former", "ex", "retired", "defected"])


class Targets(Doers):
    def objects(self, t: Ann, end_tok: int, skip_to: int) -> tuple[list[Ann], bool]:
        keys, lex = self.keys, self.lex
        k, steps = max(t.j, skip_to), 0
        while k < end_tok and steps < 10:
            a = self.ann_at(k)
            if a is not None:
                if a.kind == "actor" and a.role != "backer":
                    if self.reports(a):
                        return [], False
                    if isinstance(a.info, str) and (owner := self._owner_after(a.j, end_tok)):
                        return owner, False  # "a military vehicle belonging to the SDF"
                    if self._plain_men(a) and a.i == k:
                        return [], True  # "beheaded two men": people, not gunmen
                    if k > 0 and keys[k - 1] in FORMER:
                        # "shot dead a former rebel commander": one who left the fight is
                        # coded by ACLED as a civilian, not as his old group.
                        return [], True
                    return self.actor_chain(k, end_tok) or [a], False
                if a.kind != "casualty":
                    k, steps = a.j, steps + 1
                    continue
            if keys[k] == "by" and k > t.j and self.is_passive(t) and self.after_trigger(k):
                # "were killed in an ambush by jihadists": the doers; but "repulsed an
                # assault by militants" meets the other side.
                break
            if keys[k] in lex.civilian_targets or keys[k] in lex.victim_nouns:
                owner = self._owner_after(k + 1, end_tok)
                if owner and owner[0].atype in ARMED_TYPES:
                    return owner, False  # "facilities used by Iran-backed militias"
                return [], True
            if (
                self.text[self.starts[k] : self.starts[k] + 1].isupper()  # its first test
                and (b := self._bracketed_actor(k, end_tok)) is not None
            ):
                return [b], False  # "the Sinjar Resistance Units (YBS)": the known acronym
            if (
                keys[k] in lex.target_bridge
                or keys[k].isdigit()
                or keys[k] in lex.bridge
                or keys[k] in COUNT_WORDS
            ):
                k += 1
                steps += 1
                continue
            if (
                k + 1 < end_tok
                and keys[k + 1] in COMPOUND_TAILS
                and self.text[self.starts[k + 1] - 1] in "-‐"
            ):
                k += 2  # "the Kurdish-led SDF", "Iran-backed militias": a modifier
                steps += 1
                continue
            if self._civilian_ahead(k, end_tok):
                return [], True  # "pounded a crowded vegetable market": two describing words
            break
        return [], False

    def _owner_after(self, k: int, end_tok: int) -> list[Ann]:
        """The named owner after a generic word used as an adjective ("a military vehicle")
        or a place noun ending at token k: "belonging to the SDF", "of Iranian-backed
        militias", "used by ..." (but not "executed in their homes by ...": the doers)."""
        first = k
        if k >= end_tok or self.keys[k] not in self.lex.target_bridge:
            return []
        while k < min(end_tok, first + 6):
            b = self.ann_at(k)
            if b is not None:
                return self.actor_chain(k, end_tok) if b.kind == "actor" and not b.role else []
            if self.keys[k] not in self.lex.target_bridge:
                return []
            if self.keys[k] == "by" and (k == first or self.keys[k - 1] not in USERS):
                return []
            k += 1
        return []

    def _civilian_ahead(self, k: int, end_tok: int) -> bool:
        """A civilian place or victim noun one or two plain words after token k."""
        targets, victims = self.lex.civilian_targets, self.lex.victim_nouns
        for x in range(k, min(end_tok, k + 3)):
            if self.ann_at(x) is not None or not self.keys[x].isalpha():
                return False
            if x > k and (self.keys[x] in targets or self.keys[x] in victims):
                return True
        return False

    def _plain_men(self, a: Ann) -> bool:
        """An unidentified-group phrase ending in "men" ("two men"): people when they are
        what an act befell, not gunmen."""
        return a.info == "unidentified" and self.keys[a.j - 1] == "men"

    def passive_victims(self, t: Ann, first_tok: int) -> bool:
        """The subject of a passive trigger is people, not a named side: "a woman was
        raped", "two 16-year-old girls were abducted", "a trader was shot dead" — the act
        befell civilians (a named side or a place before the verb says nothing here)."""
        keys, victims = self.keys, self.lex.victim_nouns
        k, words = t.i - 1, 0
        # Eight words back: "an activist of the ruling Trinamool Congress was shot dead".
        while k >= first_tok and words < 8:
            a = self.ann_at(k)
            if a is not None and a.kind == "actor" and a.info == "unidentified":
                return self._plain_men(a)  # "two men were abducted": people, not gunmen
            if a is not None and a.kind != "casualty":
                return False  # "the town was shelled", "Kurdish fighters were killed"
            key = keys[k]
            if key in victims:
                return True
            if not key.isalnum() or key in self.lex.reporting:
                return False
            k, words = k - 1, words + 1
        return False

    def after_trigger(self, k: int) -> bool:
        b = self.ann_at(k - 1)
        return b is not None and b.kind == "trigger"

    def _bracketed_actor(self, k: int, end_tok: int) -> Ann | None:
        """A known acronym in brackets after an unknown capitalised name at token k (the
        bracket ends the comma clause: it may sit at end_tok)."""
        if not self.text[self.starts[k] : self.starts[k] + 1].isupper():
            return None
        for x in range(k + 1, min(end_tok + 1, k + 7, len(self.keys))):
            a = self.ann_at(x)
            if "(" in self._gap(x):
                return a if a is not None and a.kind == "actor" and not a.role else None
            if x == end_tok:
                return None
            if a is not None or not self.text[self.starts[x] : self.starts[x] + 1].isupper():
                return None
        return None
