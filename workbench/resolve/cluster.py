"""Provides `Clusterer`: groups of names (entities) clustered by keyed forms and fuzzy scoring.

Each group is one entity with one or more names (canonical + aliases). Two groups are linked
when any of their names share a keyed form (`forms.name_forms`) or score high in the fuzzy
stage. The fuzzy stage scores the pairs `fuzzy.fuzzy_pairs` gives: names whose distinctive
words a block of similar spellings holds (the first or last three letters, or the set of
letters: one typo cannot change all three) and a respelling or one keyboard slip explains
(`slips.slip`); those are found from the few spellings one edit apart (`oneedit`), so 50k
names take well under a second there, not the ~20 s that all pairs take. `score_pair`,
which knows what makes look-alikes different, re-scores them, and links those that score
the threshold.

Links are joined best-first with a union-find that refuses any join an analyst excluded
(distinct pairs), so an excluded pair never ends up in one cluster through a third name,
and any similarity link that would chain names that are not close to each other.
"""

from __future__ import annotations

import contextlib
import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..base.names import name_key
from .forms import Form, forms_many, name_forms
from .fuzzy import fuzzy_pairs
from .scoring import NameInfo, score_pair, word_score
from .slips import readings_many, spellings_vowels_apart

SUGGEST_THRESHOLD = 85  # a cluster is suggested only if every link in it scores this or more
MAX_SKELETON_BUCKET = 30  # larger skeleton buckets are coincidences, not transliterations
SKELETON_RATIO = 82  # same consonants must also be a close spelling ("Kafr Nabl" / "Kafranbil")
SKELETON_MIN_LENGTH = 7  # in shorter names a changed vowel is another name ("Khuda" / "Khida")
DOMINANCE = 3  # an ambiguous short form goes to a full name mentioned 3x more than the next
CHAIN_FLOOR = 75  # every pair in a cluster grown by similarity must be at least this close
CHAINABLE = {"similar", "skeleton"}


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector. Clustering 50k names builds about a million
    small lists, tuples and sets that form no reference cycles; the collector's full passes
    over all of them were a third of the run (6.4 -> 4.5 s CPU on bench/names without
    them). Reference counting still frees everything at once; the collector resumes after
    (process-wide, so a thread running meanwhile only defers its own cycle collection)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():  # (never undo a freeze someone else made)
                # Resumed as is, the collector would first walk every object made
                # meanwhile (they all count as new). freeze + unfreeze files them with the
                # old ones unwalked instead; a later full collection still reclaims cycles.
                gc.freeze()
                gc.unfreeze()
            gc.enable()


@dataclass
class Cluster:
    groups: list[int]
    score: float
    links: list[tuple[int, int, float, str]] = field(default_factory=list)


class Clusterer:
    """Collect names per group, add known links, then `run()`."""

    def __init__(self, kind: str = "actor", threshold: float = SUGGEST_THRESHOLD):
        self.kind = kind
        self.threshold = threshold
        self.names: list[NameInfo] = []
        self.forms: list[list[Form]] = []
        self.links: dict[tuple[int, int], tuple[float, str]] = {}
        # group -> its names' "n" forms, made in `run` for the groups `_close` compares.
        self.keys: dict[int, set[str]] = {}
        self.names_of: dict[int, list[int]] = {}

    def add_all(self, names: Iterable[tuple[int, str]]) -> None:
        """`add` each (group, name), prepared all at once (`NameInfo.many`), with the
        garbage collector paused (see `gc_paused`)."""
        with gc_paused():
            infos = [info for info in NameInfo.many(list(names)) if info.compact]
            kind = self.kind
            self.names += infos
            self.forms += forms_many(infos, kind)

    def add(self, group: int, name: str) -> None:
        info = NameInfo.of(group, name)
        if info.compact:
            self.names.append(info)
            self.forms.append(name_forms(name, self.kind, info.base, info.folded, info.skeleton))

    def link(self, a: int, b: int, score: float, reason: str) -> None:
        """Record evidence that groups a and b are one entity (keeps the best reason)."""
        if a == b:
            return
        pair = (a, b) if a < b else (b, a)
        if pair not in self.links or self.links[pair][0] < score:
            self.links[pair] = (score, reason)

    # -- stage 1: shared keyed forms -----------------------------------------------------

    def _link_forms(self, weights: Mapping[int, float]) -> None:
        buckets = self._buckets()
        skeletons = self._skeleton_links(buckets)
        names = self.names
        for (ns, key), members in buckets.items():
            if len(members) < 2:
                continue  # most forms are one name's own
            if ns == "s":
                for a, b, score in skeletons.get(key, ()):
                    self.link(a, b, score, "skeleton")
                continue
            if ns != "n" and not any(form.primary for _i, form in members):
                continue  # full names sharing a surname or initials: nothing to link
            groups = {names[i].group for i, _ in members}
            if len(groups) < 2:
                continue
            if ns == "n":
                self._link_star(members)
            else:
                self._link_primary(members, weights)

    def _buckets(self) -> dict[tuple[str, str], list[tuple[int, Form]]]:
        """The names having each keyed form (ns, key), in the order the forms first appear."""
        buckets: dict[tuple[str, str], list[tuple[int, Form]]] = defaultdict(list)
        for i, forms in enumerate(self.forms):
            for form in forms:
                buckets[form[:2]].append((i, form))  # (ns, key), sliced in C
        return buckets

    def _skeleton_links(
        self, buckets: dict[tuple[str, str], list[tuple[int, Form]]]
    ) -> dict[str, list[tuple[int, int, float]]]:
        """The links each skeleton bucket makes (groups a, b, score, in order): names of
        different groups, alike (`SKELETON_RATIO`) and apart only by vowels one leaves out.
        The spellings those compare are made for all the pairs' names at once."""
        names = self.names
        pairs: list[tuple[str, int, int, float]] = []
        for (ns, key), members in buckets.items():
            if ns != "s" or not 1 < len(members) <= MAX_SKELETON_BUCKET:
                continue
            for x in range(len(members)):
                i = members[x][0]
                a = names[i]
                for y in range(x + 1, len(members)):
                    j = members[y][0]
                    b = names[j]
                    if a.group == b.group or a.compact[0] != b.compact[0] or a.digits != b.digits:
                        continue
                    if min(len(a.compact), len(b.compact)) < SKELETON_MIN_LENGTH:
                        continue
                    if fuzz.ratio(a.compact, b.compact) >= SKELETON_RATIO:
                        pairs.append((key, i, j, members[x][1].score))
        spelled = self._spelled({n for _key, i, j, _score in pairs for n in (i, j)})
        out: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
        for key, i, j, score in pairs:
            a, b = names[i], names[j]
            written_a, written_b = "".join(a.core_written), "".join(b.core_written)
            if spellings_vowels_apart(spelled[i], spelled[j], written_a, written_b):
                out[key].append((a.group, b.group, score))
        return out

    def _spelled(self, which: Iterable[int]) -> dict[int, frozenset[str]]:
        """`slips.folded_spellings` of these names' distinctive words, by name index: their
        folded key, and for those with an "e" or an "o" its other readings (made at once)."""
        names = self.names
        out = {i: frozenset((names[i].core_key,)) for i in which}
        eo = [
            i
            for i in out
            if "e" in "".join(names[i].core_written) or "o" in "".join(names[i].core_written)
        ]
        out.update(zip(eo, readings_many([names[i].core_written for i in eo]), strict=True))
        return out

    def _link_star(self, members: list[tuple[int, Form]]) -> None:
        hub_i, hub = max(members, key=lambda m: m[1].score)
        hub_key = None
        for i, form in members:
            a, b = self.names[i], self.names[hub_i]
            score = min(form.score, hub.score)
            if score == 100 and hub_key is None:
                hub_key = name_key(b.name)
            if score == 100 and a.name != b.name and name_key(a.name) != hub_key:
                score = 97  # the same name spelled differently
            self.link(a.group, b.group, score, f"{form.rule}/{hub.rule}")

    def _link_primary(self, members: list[tuple[int, Form]], weights: Mapping[int, float]) -> None:
        # An acronym or a lone surname is ambiguous: link it only to a full name that
        # clearly dominates the others sharing it ("SDF" -> "Syrian Democratic Forces").
        fulls: dict[str, tuple[float, int]] = {}
        explained = {self.names[i].group for i, f in members if f.primary} & {
            self.names[j].group for j, f in members if not f.primary
        }
        for j, form in members:
            if form.primary:
                continue
            group = self.names[j].group
            total, best = fulls.get(form.full, (0.0, group))
            if weights.get(group, 0) > weights.get(best, 0):
                best = group
            fulls[form.full] = (total + weights.get(group, 0) + 1, best)
        if not fulls:
            return
        ranked = sorted(fulls.values(), reverse=True)
        if len(ranked) > 1 and ranked[0][0] < DOMINANCE * ranked[1][0]:
            return
        target = ranked[0][1]
        rule = next(f.rule for _j, f in members if not f.primary)
        score = next(f.score for j, f in members if not f.primary and self.names[j].group == target)
        for i, form in members:
            # "UN" is an alias of United Nations itself: its short form is explained already.
            if form.primary and self.names[i].group not in explained:
                self.link(self.names[i].group, target, min(form.score, score), rule)

    # -- stage 2: fuzzy scoring inside blocks --------------------------------------------

    def _link_fuzzy(self) -> None:
        names = self.names
        for i, j in fuzzy_pairs(names):
            a, b = names[i], names[j]
            score = score_pair(a, b)
            if score >= self.threshold:
                self.link(a.group, b.group, score, "similar")

    # -- joining -------------------------------------------------------------------------

    def run(
        self,
        weights: Mapping[int, float] | None = None,
        distinct: Iterable[tuple[int, int]] = (),
    ) -> list[Cluster]:
        """Clusters of two or more groups, best first; `distinct` pairs never share one."""
        weights = weights or {}
        self.keys = {}
        self.names_of = defaultdict(list)
        for i, info in enumerate(self.names):
            self.names_of[info.group].append(i)
        with gc_paused():
            self._link_forms(weights)
            self._link_fuzzy()
            return join(self.links, self.threshold, distinct, self.compatible)

    def compatible(self, left: list[set[int]], right: list[set[int]]) -> bool:
        """May two clusters joined by a similarity link become one? Each is a list of
        blocks (groups joined by rules or text evidence); every block of one must have a
        member close to a member of every block of the other. Similarity is not
        transitive: "Dhamu" ~ "Dhimun" ~ "Dimut" would otherwise chain unrelated places."""
        return all(any(self._close(a, b) for a in x for b in y) for x in left for y in right)

    def _close(self, a: int, b: int) -> bool:
        return any(
            ka == kb or word_score(ka, kb) >= CHAIN_FLOOR
            for ka in self._keys_of(a)
            for kb in self._keys_of(b)
        )

    def _keys_of(self, group: int) -> set[str]:
        keys = self.keys.get(group)
        if keys is None:
            forms = [self.forms[i] for i in self.names_of.get(group, ())]
            keys = self.keys[group] = {f.key for fs in forms for f in fs if f.ns == "n"}
        return keys


def join(
    links: dict[tuple[int, int], tuple[float, str]],
    threshold: float,
    distinct: Iterable[tuple[int, int]] = (),
    compatible: Callable[[list[set[int]], list[set[int]]], bool] | None = None,
) -> list[Cluster]:
    """Best-first union of links at or above `threshold`, refusing excluded pairs and
    similarity links between clusters that `compatible` rejects."""
    apart: dict[int, set[int]] = defaultdict(set)
    for a, b in distinct:
        apart[a].add(b)
        apart[b].add(a)
    parent: dict[int, int] = {}
    members: dict[int, set[int]] = {}
    blocks: dict[int, list[set[int]]] = {}  # root -> groups joined by rules, not similarity
    # root -> its cluster's links (in the order joined) and lowest score; the Clusters are
    # made at the end, not at every join.
    joined: dict[int, list[tuple[int, int, float, str]]] = {}
    lowest: dict[int, float] = {}

    def root(x: int) -> int:
        if x not in parent:
            parent[x], members[x], blocks[x] = x, {x}, [{x}]
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), (score, reason) in sorted(links.items(), key=lambda kv: -kv[1][0]):
        if score < threshold:
            break
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        if apart:
            small, big = sorted((members[ra], members[rb]), key=len)
            if any(apart.get(x, set()) & big for x in small):
                continue
        similar = reason in CHAINABLE
        if compatible and similar and not compatible(blocks[ra], blocks[rb]):
            continue
        parent[rb] = ra
        members[ra] |= members.pop(rb)
        if similar:
            blocks[ra] += blocks.pop(rb)
        else:
            block_a = next(x for x in blocks[ra] if a in x)
            blocks_b = blocks.pop(rb)
            block_b = next(x for x in blocks_b if b in x)
            blocks[ra] = [x for x in blocks[ra] if x is not block_a]
            blocks[ra] += [x for x in blocks_b if x is not block_b] + [block_a | block_b]
        links_a = joined.setdefault(ra, [])
        links_a += joined.pop(rb, ())
        links_a.append((a, b, score, reason))
        lowest[ra] = min(lowest.get(ra, 100.0), lowest.pop(rb, 100.0), score)
    out = [Cluster(sorted(members[r]), lowest[r], found) for r, found in joined.items()]
    out.sort(key=lambda c: (-c.score, -len(c.groups), c.groups[0]))
    return out
