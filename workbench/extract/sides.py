"""Provides `Sides`: who fought whom when a sentence names both (part of `Finder`).

"clashes between government forces and the Houthis", "The RSF and the army clashed", "Syrian
troops backed by Russian air power", "troops and allied clan militias known as Macawisley":
coordinated names, backers and the two sides of a fight; and who is named as the doer by
blame or claim ("blamed Russian jets for the strike", "the attack, which Isis claimed").
"""

from __future__ import annotations

from ..base.actors import ARMED_TYPES
from ..base.codebook import ARMED_CLASH
from .annotate import Ann
from .reading import Reading

DEFINITE = frozenset(["the", "this", "that", "these", "those", "its", "their", "his", "her", "s"])
HEADS = frozenset(["fighters", "troops", "forces", "soldiers", "militiamen", "units", "members",
                   "jets", "warplanes", "aircraft", "drones", "gunmen", "militants"])  # fmt: skip
DESCRIBERS = frozenset(["clan", "tribal", "local", "allied", "militias", "militia", "fighters",
                        "forces", "groups", "units", "paramilitary", "paramilitaries"])  # fmt: skip
BETWEEN_STOP = frozenset(["were", "was", "is", "are", "in", "on", "near", "at", "around",
                          "erupted", "broke", "continued", "after", "as", "when", "since",
                          "left", "leaving", "killing", "killed", "that", "which", "who",
                          "according", "said"])  # fmt: skip
ERUPTED = frozenset(
    ["erupted", "broke", "out", "raged", "flared", "continued", "resumed", "took", "place", "in",
     "overnight", "late", "early", "again", "on", "near", "around", "heavy", "fierce"]
)  # fmt: skip
SIDE_LEAD = frozenset(["forces", "fighters", "troops", "units", "militias", "affiliated", "loyal",
                       "aligned", "allied", "linked", "with", "to", "the", "of", "members"])  # fmt: skip
SIDE_WORDS = frozenset(
    ["and", "or", "the", "allied", "its", "their", "both", "factions", "groups", "on", "one",
     "side", "other", "hand", "in", "of", "near", "around", "fighters", "members", "units"]
)  # fmt: skip
ALLIES = frozenset(["allies", "partners", "ally", "partner"])
# Words before a clash word that make it a noun: "killed in clashes", "during heavy fighting".
FIGHT_NOUN_LEAD = frozenset(["in", "during", "amid", "after", "following", "heavy", "fierce",
                             "violent", "renewed", "ongoing", "deadly", "intense", "sporadic",
                             "armed", "the"])  # fmt: skip
BACKING = frozenset(["backed", "supported", "aided", "assisted", "helped", "joined"])


CLAIMS = frozenset(["claimed", "claims", "claiming"])
# Verbs that name who did an act: "blamed Russian jets for the attack", "blamed the bombing
# on Isis", "the attack was blamed on the PKK".
BLAME = frozenset(["blamed", "blames", "blame", "blaming"])


class Sides(Reading):
    """Part of `Finder`."""

    def between(self, t: Ann, end_tok: int) -> list[Ann]:
        """ "fighting between government forces and the Houthis", "clashes erupted between
        HTS and allied factions on one side, and regime forces on the other": both sides."""
        # "Fighting erupted overnight in Tripoli between ...": when and where may come first.
        k = self.skip_when_where(t.j, min(end_tok, t.j + 8), ERUPTED - {"between"})
        if k >= end_tok or self.keys[k] != "between":
            return []
        out: list[Ann] = []
        k += 1
        while k < min(end_tok, t.j + 30):
            a = self.ann_at(k)
            if a is not None and a.kind == "actor":
                # "..., supported by the Saudi-led coalition, and ...": a backer, no side.
                backer = self.keys[k - 1] == "by"
                if not a.role and not backer and all(b.name != a.name for b in out):
                    out.append(a)
                k = a.j
                continue
            if a is not None and a.kind == "place" or self.keys[k] in SIDE_WORDS:
                k = a.j if a is not None else k + 1
                continue
            if out and self.keys[k] not in BETWEEN_STOP and a is None:
                # "forces affiliated with the Government of Yemen, supported by ..., and
                # Ansar Allah forces": describing words between the two sides.
                k += 1
                continue
            if not out and a is None and self.keys[k] in self.lex.nationals:
                k += 1  # "between Palestinians and Israeli forces": a people (a crowd) first
                continue
            if not out and a is None and self.keys[k] in SIDE_LEAD:
                k += 1  # "between forces affiliated with the Government": to the first name
                continue
            break
        return out

    def partner(self, t: Ann, objects: list[Ann]) -> Ann | None:
        """ "29 rebels were killed in clashes with regime troops", "fighting with the SDF":
        the armed side a fight was with, named right after a clash noun ("in clashes",
        "during heavy fighting") and "with". Not after a verb ("activists clashed with TDP
        workers": the subject fought, though no list names it), nor a crowd ("clashes with
        demonstrators")."""
        if t.trigger.sub_event_type != ARMED_CLASH or not objects or t.i == 0:
            return None
        if self.keys[t.i - 1] not in FIGHT_NOUN_LEAD:
            return None
        a = objects[0]
        k = t.j + (self.keys[t.j : t.j + 2] == ["with", "the"])
        with_ = self.keys[t.j : t.j + 1] == ["with"] and a.i == k + 1
        return a if with_ and a.kind == "actor" and a.atype in ARMED_TYPES else None

    def coordinated(self, a: Ann, first_tok: int) -> list[Ann]:
        """[a] plus actors before it joined by 'and' / 'and allied' / 'along with'."""
        keys = self.keys
        found = [a]
        k = a.i - 1
        if k - 1 >= first_tok and keys[k - 1 : k + 1] in (["known", "as"], ["also", "called"]):
            # "government troops and allied clan militias known as Macawisley": the name of
            # the allied force; read back past its description to the "and".
            k -= 2
            while k > first_tok and keys[k] in HEADS | DESCRIBERS and self.ann_at(k) is None:
                k -= 1
        elif k - 2 >= first_tok and keys[k] == "s" and (p := self.ann_at(k - 1)) is not None:
            # "Syrian troops and fighters from Lebanon's Hezbollah": past the owner's name
            # and "fighters from" to the "and".
            k = p.i - 1
            if k - 1 >= first_tok and keys[k] in ("from", "of") and keys[k - 1] in HEADS:
                k -= 2
        elif k - 1 >= first_tok and keys[k] in ("from", "of") and keys[k - 1] in HEADS:
            k -= 2  # "Syrian troops and fighters from Hezbollah": past "fighters from"
        elif k >= first_tok and keys[k] == "called":
            k -= 1
            while k > first_tok and keys[k] in HEADS | DESCRIBERS and self.ann_at(k) is None:
                k -= 1
        if k >= first_tok and keys[k] in ("the", "its", "their"):
            k -= 1  # "The Rapid Support Forces (RSF) and the Sudanese army clashed"
            if k < first_tok or keys[k] not in ("and", "or", "in", "from", "among"):
                return found
        if k - 1 >= first_tok and keys[k] in ("in", "from", "among") and keys[k - 1] in ALLIES:
            # "the army and its allies in the Joint Forces repelled": the army leads
            k -= 2
            k -= k >= first_tok and keys[k] in ("its", "their")
            if k < first_tok or keys[k] not in ("and", "with"):
                return found
        while k >= first_tok and self.keys[k] in ("and", "allied", "or", "with", "along"):
            k -= 1
            while k > first_tok and keys[k] in HEADS and self.ann_at(k) is None:
                k -= 1  # "RSF fighters and allied Arab militias": the name before its noun
            b = self.ann_at(k) if k >= first_tok else None
            if b is not None and b.kind == "actor" and not b.role:
                if self._object_of_verb(b, first_tok):
                    break  # "the army shelled the RSF and the militia": objects
                if all(x.name != b.name for x in found):
                    found.insert(0, b)
                k = b.i - 1
                # "the Rapid Support Forces (RSF)": the full name before its acronym
                full = self.ann_at(k) if k >= first_tok else None
                if full is not None and full.kind == "actor" and full.name == b.name:
                    k = full.i - 1
        return found

    def _object_of_verb(self, b: Ann, first_tok: int) -> bool:
        """The actor follows a trigger ("shelled the RSF"): it is acted upon, not acting."""
        k = b.i - 1
        while k >= first_tok and self.keys[k] in DEFINITE:
            k -= 1
        prev = self.ann_at(k) if k >= first_tok else None
        return prev is not None and prev.kind == "trigger"

    def backed_by(self, a: Ann, first_tok: int) -> list[Ann]:
        """ "Syrian troops backed by Russian air power recaptured": the troops lead."""
        k = a.i - 1
        if k - 1 < first_tok or self.keys[k] != "by" or self.keys[k - 1] not in BACKING:
            return []
        k -= 2
        while k >= first_tok:
            b = self.ann_at(k)
            if b is not None and b.kind == "actor" and not b.role:
                return [b]
            if b is None and self.keys[k] not in self.lex.bridge:
                return []
            k = b.i - 1 if b is not None else k - 1
        return []

    def claimed_after(self, t: Ann, end_tok: int) -> Ann | None:
        """The actor of ", which <actor> claimed" within a dozen words after the trigger."""
        keys = self.keys
        for k in range(t.j, min(end_tok, t.j + 12)):
            if keys[k] == "which":
                x = k + 2 if keys[k + 1 : k + 2] == ["the"] else k + 1
                a = self.ann_at(x) if x < end_tok else None
                if a is None or a.kind != "actor" or "," not in self._gap(k):
                    return None
                return a if keys[a.j : a.j + 1] and keys[a.j] in CLAIMS else None
        return None

    def _blamed(self, k: int, first_tok: int) -> Ann | None:
        """The actor ending at token k right after a verb of blame ("blamed Sudanese army
        jets", the jets a weapon after the actor), else None."""
        a = self.ann_at(k) if k >= first_tok else None
        if a is not None and a.kind == "weapon" and a.i > first_tok:
            a = self.ann_at(a.i - 1)
        if a is None or a.kind != "actor" or a.i <= first_tok:
            return None
        return a if self.keys[a.i - 1] in BLAME else None
