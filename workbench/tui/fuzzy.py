"""Provides `NameIndex`: fuzzy completion of actor and place names over entities and aliases.

Completion runs on each keystroke, so the scorer matters: `WRatio` understands partial and
reordered names ("asad forces" -> "Forces of Bashar al-Assad") but is ~50x slower than
`ratio`. Prefix hits are cheap and exact, so they are ranked first and `WRatio` only ranks
the rest, with a score cutoff so weak candidates are dropped early.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from ..base.names import name_key


@dataclass(frozen=True)
class Suggestion:
    name: str  # the alias or canonical name that matched
    canonical: str
    entity_id: int
    score: float

    @property
    def label(self) -> str:
        return self.canonical if self.name == self.canonical else f"{self.canonical} ({self.name})"


class NameIndex:
    """All names of one entity kind; entity ids are live (merges followed)."""

    def __init__(self, rows: list[tuple[str, int, str]]):
        self.rows = rows
        # Folded once here, not per keystroke.
        self.folded = [utils.default_process(r[0]) for r in rows]
        self.keys = {name_key(r[0]): r for r in rows}

    def exact(self, text: str) -> tuple[str, int, str] | None:
        return self.keys.get(name_key(text))

    def suggest(self, text: str, limit: int = 6, cutoff: float = 60) -> list[Suggestion]:
        query = text.strip()
        if not query or not self.rows:
            return []
        folded = utils.default_process(query)
        hits: dict[int, Suggestion] = {}
        for (name, eid, canonical), key in zip(self.rows, self.folded, strict=True):
            if key.startswith(folded) and eid not in hits:
                hits[eid] = Suggestion(name, canonical, eid, 100.0)
                if len(hits) >= limit:
                    break
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
                hits[eid] = Suggestion(name, canonical, eid, score)
        ranked = sorted(hits.values(), key=lambda s: (-s.score, len(s.canonical)))
        return ranked[:limit]
