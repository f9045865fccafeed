"""Provides `suggest`: scored clusters of actors or places that are probably one entity.

Every live entity takes part with all its names (canonical and aliases, so dictionary alias
knowledge counts), weighted by its mention count. Abbreviations the articles introduce
("Syrian Democratic Forces (SDF)") add links; pairs an analyst declared distinct
(`distinct_pairs`, kind 'entity') are never put in one cluster. Nothing is merged here: the
analyst decides every merge.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..base.keys import looks_like_acronym
from ..store import Store
from ..store.entities import follow
from .acronyms import corpus_pairs
from .catalog import KINDS, mention_counts
from .cluster import SUGGEST_THRESHOLD, Clusterer
from .scoring import NameInfo


@dataclass
class Member:
    entity_id: int
    name: str
    count: int
    origin: str = ""
    aliases: list[str] = field(default_factory=list)


@dataclass
class Suggestion:
    kind: str
    canonical: str
    canonical_id: int
    score: float
    members: list[Member]
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "canonical": self.canonical,
            "score": round(self.score, 1),
            "members": [
                {"name": m.name, "count": m.count, "entity_id": m.entity_id} for m in self.members
            ],
        }

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def canonical_rank(member: Member) -> tuple:
    """Which member names the cluster: a dictionary entry, then the most mentioned, then
    a spelled-out name over an acronym, then the shorter name."""
    return (
        member.origin == "dictionary",
        member.count,
        not looks_like_acronym(member.name),
        -len(member.name),
    )


def distinct_entity_pairs(store: Store) -> list[tuple[int, int]]:
    pairs = []
    for a, b in store.conn.execute("SELECT a, b FROM distinct_pairs WHERE kind = 'entity'"):
        fa, fb = follow(store, a), follow(store, b)
        if fa is not None and fb is not None and fa != fb:
            pairs.append((fa, fb))
    return pairs


def _load(store: Store, kind: str) -> tuple[dict[int, Member], list[tuple[int, str]]]:
    counts = mention_counts(store, kind)
    members: dict[int, Member] = {}
    for eid, canonical, origin in store.conn.execute(
        "SELECT id, canonical, origin FROM entities WHERE kind = ? AND merged_into IS NULL",
        [kind],
    ):
        members[eid] = Member(eid, canonical, counts.get(eid, 0), origin)
    names = [(eid, m.name) for eid, m in members.items()]
    for eid, name in store.conn.execute(
        "SELECT a.entity_id, a.name FROM aliases a JOIN entities e ON e.id = a.entity_id "
        "WHERE e.kind = ? AND e.merged_into IS NULL ORDER BY a.id",
        [kind],
    ):
        if name != members[eid].name:
            members[eid].aliases.append(name)
            names.append((eid, name))
    return members, names


def _link_text_pairs(store: Store, clusterer: Clusterer, names: list[tuple[int, str]]) -> None:
    by_compact: dict[str, set[int]] = {}
    for eid, name in names:
        by_compact.setdefault(NameInfo.of(eid, name).compact, set()).add(eid)
    texts = (row[0] for row in store.conn.execute("SELECT text FROM articles"))
    for (long, short), score in corpus_pairs(texts).items():
        left = by_compact.get(NameInfo.of(0, long).compact, set())
        right = by_compact.get(NameInfo.of(0, short).compact, set())
        for a in left:
            for b in right:
                clusterer.link(a, b, score, f"text: {long} ({short})")


def suggest(
    store: Store, kind: str | None = None, threshold: float = SUGGEST_THRESHOLD
) -> list[Suggestion]:
    """Suggested clusters for one kind (or both), best first."""
    out: list[Suggestion] = []
    for k in [kind] if kind else list(KINDS):
        if k not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {k!r}")
        members, names = _load(store, k)
        clusterer = Clusterer(k, threshold)
        clusterer.add_all(names)
        _link_text_pairs(store, clusterer, names)
        weights = {eid: m.count for eid, m in members.items()}
        for cluster in clusterer.run(weights, distinct_entity_pairs(store)):
            group = sorted((members[g] for g in cluster.groups), key=canonical_rank, reverse=True)
            reasons = [
                f"{members[a].name} ~ {members[b].name}: {score:.0f} ({why})"
                for a, b, score, why in cluster.links
            ]
            out.append(
                Suggestion(k, group[0].name, group[0].entity_id, cluster.score, group, reasons)
            )
    out.sort(key=lambda s: (-s.score, -sum(m.count for m in s.members)))
    return out
