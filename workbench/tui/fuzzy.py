"""Provides `NameIndex`: fuzzy completion of actor and place names over entities and aliases.

Completion runs on each keystroke, so the scorer matters: `WRatio` understands partial and
reordered names ("asad forces" -> "Forces of Bashar al-Assad") but is ~50x slower than
`ratio`. Prefix hits are cheap and exact, so they are ranked first and `WRatio` only ranks
the rest, with a score cutoff so weak candidates are dropped early.

Among equally good hits the likelier entity ranks first: armed and state actors before a
person named in passing, entities used by more events before unused ones ("Rus" ->
Military Forces of Russia before Vladimir Putin). A country's name typed in an actor field
offers that country's state forces first ("Russia" -> Military Forces of Russia).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process, utils

from ..base.actors import ARMED_TYPES
from ..base.names import name_key

# Good enough for `enter` to take without asking: a prefix, or a near spelling ("Rusia").
CLOSE = 85
# ACLED's armed actor types, as an entity's `type` attribute may spell them.
_ARMED = {t.casefold() for t in ARMED_TYPES} | {"external forces"}


@dataclass(frozen=True)
class Suggestion:
    name: str  # the alias or canonical name that matched
    canonical: str
    entity_id: int
    score: float
    close: bool = False  # a prefix or near spelling of what was typed

    @property
    def label(self) -> str:
        return self.canonical if self.name == self.canonical else f"{self.canonical} ({self.name})"


def weight(attrs: dict[str, Any], uses: int) -> float:
    """How likely an entity is meant, all else equal."""
    kind = str(attrs.get("type") or "").casefold()
    bonus = 2.0 if kind in _ARMED else 0.0
    if attrs.get("role") == "person":
        bonus -= 2.0
    return bonus + math.log1p(uses)


class NameIndex:
    """All names of one entity kind; entity ids are live (merges followed).

    `info` maps entity id -> (attrs, number of events using it), for ranking."""

    def __init__(
        self,
        rows: list[tuple[str, int, str]],
        info: dict[int, tuple[dict[str, Any], int]] | None = None,
    ):
        self.rows = rows
        # Folded once here, not per keystroke.
        self.folded = [utils.default_process(r[0]) for r in rows]
        self.keys = {name_key(r[0]): r for r in rows}
        info = info or {}
        self.weights = {eid: weight(attrs, uses) for eid, (attrs, uses) in info.items()}
        canonical = {eid: c for _, eid, c in rows}
        self.forces: dict[str, list[int]] = {}  # folded country -> its state forces
        for eid, (attrs, _uses) in info.items():
            kind = str(attrs.get("type") or "").casefold()
            if attrs.get("country") and kind == "state forces" and eid in canonical:
                folded = utils.default_process(str(attrs["country"]))
                self.forces.setdefault(folded, []).append(eid)
        self.canonical = canonical

    def exact(self, text: str) -> tuple[str, int, str] | None:
        return self.keys.get(name_key(text))

    def suggest(self, text: str, limit: int = 6, cutoff: float = 60) -> list[Suggestion]:
        query = text.strip()
        if not query or not self.rows:
            return []
        folded = utils.default_process(query)
        hits: dict[int, Suggestion] = {}
        if len(folded) >= 3:
            for country, eids in self.forces.items():
                if country.startswith(folded):
                    for eid in eids:
                        name = self.canonical[eid]
                        hits[eid] = Suggestion(name, name, eid, 101.0, True)
        for (name, eid, canonical), key in zip(self.rows, self.folded, strict=True):
            if key.startswith(folded) and eid not in hits:
                hits[eid] = Suggestion(name, canonical, eid, 100.0, True)
        for _, score, idx in process.extract(
            folded,
            self.folded,
            scorer=fuzz.WRatio,
            processor=None,
            limit=limit * 4,
            score_cutoff=cutoff,
        ):
            name, eid, canonical = self.rows[idx]
            if eid not in hits:
                close = fuzz.ratio(folded, self.folded[idx]) >= CLOSE
                hits[eid] = Suggestion(name, canonical, eid, score, close)
        ranked = sorted(
            hits.values(),
            key=lambda s: (-s.score, -self.weights.get(s.entity_id, 0.0), len(s.canonical)),
        )
        return ranked[:limit]
