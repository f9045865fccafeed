"""Provides `Candidate`: one clause that reports an act, with its arguments; `Orphan`, a
sentence of figures with no act of its own; and `Finder`, the reader the candidate rules ask
(`assemble.find_candidates` builds the candidates with it).

A clause (split at ";", ", and", ", while" ...) with a trigger not under a cue (`cues.py`:
hypothetical, negated, habitual, another sense) becomes one candidate; its arguments come
from the clause, then the sentence. `Finder` is put together from its parts, in the order
they build on each other: `Reference` (reference.py) and `Sides` (sides.py), `Doers`
(doers.py: who did it), `Targets` (targets.py: what it befell) and `Cues` (cues.py).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import NamedTuple

from .annotate import Ann
from .cues import Cues
from .lexicon import Lexicon
from .sides import DEFINITE
from .targets import Targets
from .text import Sentence, comma_start


@dataclass(slots=True)
class Candidate:
    sent: int
    clause: tuple[int, int]
    triggers: list[Ann]
    agents: list[Ann] = field(default_factory=list)
    targets: list[Ann] = field(default_factory=list)
    civilian_target: bool = False
    passive: bool = False
    place: Ann | None = None
    date: Ann | None = None
    date_rule: str = ""
    week_date: bool = False  # the date is a video's upload date: the event is on or before
    historical: bool = False
    casualties: list[Ann] = field(default_factory=list)
    weapons: list = field(default_factory=list)
    anaphoric: bool = False
    rules: list[str] = field(default_factory=list)
    kind: tuple[str, bool] | None = None  # cached (type, generic?)
    days_after: int | None = None  # "Hours later" 0, "The next day" 1: after the last incident
    # "A day after the Kabul assault, ...": the places the anchor phrase names, to find the
    # incident the days count from (else the last one told).
    anchor_places: frozenset[str] = frozenset()
    also_places: list[Ann] = field(default_factory=list)  # "struck X and Y": one event each

    @property
    def main(self):
        return max(self.triggers, key=lambda a: a.trigger.strength).trigger


class Orphan(NamedTuple):
    """A sentence with figures, or a claimant, and no act of its own ("The toll rose to
    23"): what it tells goes to an incident told around it (incidents.py)."""

    sent: int
    casualties: list[Ann]
    places: list[Ann]
    claimant: Ann | None
    dates: list[Ann]


class Finder(Cues, Targets):
    def __init__(self, lex: Lexicon, toks, anns: list[Ann], tokann: list[int]):
        self.lex, self.keys, self.anns, self.tokann = lex, toks.keys, anns, tokann
        self.text, self.starts = toks.text, toks.starts
        self.published = None
        # The candidates of the sentences before (filled as sentences are read): "Rebels also
        # attacked ..." takes the day of the act it adds to.
        self.made = []
        self.quote_marks = None
        self.intro_date = []
        self._passive = {}  # see Doers.is_passive

    def anaphoric(self, t: Ann, first_tok: int) -> bool:
        k = t.i - 1
        while k >= first_tok and (self.keys[k] in self.lex.bridge and self.keys[k] not in DEFINITE):
            k -= 1
        if k >= first_tok and self.keys[k] in DEFINITE:
            # "s" counts only as a possessive ("Assad's strikes"), not the end of "U.S".
            return self.keys[k] != "s" or self.text[self.starts[k] - 1] in "'’"
        a = self.ann_at(k) if k >= first_tok else None
        return a is not None and a.kind == "date" and self.keys[a.j - 1] == "s"


def in_span(anns: list[Ann], start: int, end: int, kind: str) -> list[Ann]:
    return [a for a in anns if a.kind == kind and start <= a.start and a.end <= end]


def first_token(sent: Sentence, pos: int, starts: list[int]) -> int:
    return bisect.bisect_left(starts, comma_start(sent, pos))
