"""Provides `fuzzy_pairs`: the pairs of names the fuzzy stage of clustering may link, found a
block at a time in C and filtered with whole-array tests instead of a Python call per pair.

Names are blocked by the first and last three letters of their distinctive words (one typo
cannot change both) and by their set of letters; inside a block `rapidfuzz` keeps the pairs
whose distinctive words score `FUZZY_CUTOFF` or more (`cdist` for a large block, `cpdist`
over every small block's pairs at once). Names sharing all their distinctive words are
paired too (up to `MAX_SAME_CORE` of them). Of those pairs only the ones a respelling or one
keyboard slip explains go on to be scored (`slips.may_slip` and `slips.one_slip_apart`,
computed here for all pairs at once: lengths and first letters as arrays, the edit distance
between every two spellings by `cpdist`, `slips.slip` only for the pairs one edit apart).

The pairs come out in the order the stage scored them one by one before, so the links, and
the ties among them that `cluster.join` breaks by order, are the same.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .scoring import NameInfo
from .slips import folded_spellings, slip

FUZZY_CUTOFF = 76  # below this no re-scoring can reach the suggestion threshold
PARALLEL_BLOCK = 256  # cdist with workers=-1 only pays for itself on larger blocks
SMALL_BLOCK = 12  # smaller blocks go to one cpdist together: cdist costs ~0.1 ms a call
MAX_SAME_CORE = 40  # names sharing distinctive words compared pairwise up to this many


def _close_core_pairs(strings: list[str]) -> list[tuple[int, int]]:
    """Pairs (x < y) of distinctive-word strings that share a block and score
    `FUZZY_CUTOFF` or more, each once, in the order the blocks first find them."""
    import numpy as np  # here, not at the top: only clustering needs it (~0.1 s to import)

    blocks: dict[str, list[int]] = defaultdict(list)
    for s_i, s in enumerate(strings):
        blocks["^" + s[:3]].append(s_i)
        blocks["$" + s[-3:]].append(s_i)
        # (No block by consonant skeleton: a changed vowel, "Hamdan" / "Hamdun", is not a
        # slip or a respelling, so such pairs are never linked; see slips.py.)
        # OpenRefine's 1-gram fingerprint: a swap of two letters keeps it ("Naakhar").
        blocks["&" + "".join(sorted(set(s)))].append(s_i)
    # Every block's candidate pairs in block order; a small block's are scored afterwards,
    # all together, so `found` holds (x, y, already scored) and `pending` their texts.
    found_x: list[int] = []
    found_y: list[int] = []
    checked: list[bool] = []
    for block in blocks.values():
        size = len(block)
        if size < 2:
            continue
        if size < SMALL_BLOCK:
            for x in range(size):
                for y in range(x + 1, size):
                    found_x.append(block[x])
                    found_y.append(block[y])
                    checked.append(False)
            continue
        texts = [strings[k] for k in block]
        matrix = process.cdist(
            texts,
            texts,
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_CUTOFF,
            dtype=np.uint8,
            workers=-1 if size >= PARALLEL_BLOCK else 1,
        )
        rows, cols = np.nonzero(np.triu(matrix, 1))
        found_x += np.asarray(block)[rows].tolist()
        found_y += np.asarray(block)[cols].tolist()
        checked += [True] * len(rows)
    xs, ys = np.asarray(found_x, dtype=np.int64), np.asarray(found_y, dtype=np.int64)
    keep = np.asarray(checked, dtype=bool)
    todo = np.flatnonzero(~keep)
    if len(todo):
        cores = np.asarray(strings, dtype=object)
        scores = process.cpdist(
            cores[xs[todo]], cores[ys[todo]], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
            dtype=np.uint8,
        )  # fmt: skip
        keep[todo] = scores > 0
    xs, ys = xs[keep], ys[keep]
    # Each pair once, where it was first found.
    _, first = np.unique(xs * len(strings) + ys, return_index=True)
    first.sort()
    return list(zip(xs[first].tolist(), ys[first].tolist(), strict=True))


def candidate_pairs(names: Sequence[NameInfo]) -> tuple[list[int], list[int]]:
    """Pairs of names (indexes into `names`) to score: those sharing their distinctive
    words first, then those whose distinctive words are close (`_close_core_pairs`)."""
    by_core: dict[str, list[int]] = defaultdict(list)
    for i, info in enumerate(names):
        by_core[info.core_key].append(i)
    left: list[int] = []
    right: list[int] = []
    for same in by_core.values():
        if 1 < len(same) <= MAX_SAME_CORE:
            # Same distinctive words; the generic ones may still differ ("Free X Army" / "X").
            for x in range(len(same)):
                for y in range(x + 1, len(same)):
                    left.append(same[x])
                    right.append(same[y])
    members = list(by_core.values())
    for x, y in _close_core_pairs(list(by_core)):
        a, b = members[x], members[y]
        if len(a) == len(b) == 1:
            left.append(a[0])
            right.append(b[0])
        else:
            for i in a:
                for j in b:
                    left.append(i)
                    right.append(j)
    return left, right


def spellings_of(info: NameInfo) -> list[str]:
    """`slips.spellings(info.core_written)`, distinct, from what `info` holds already: its
    folded distinctive words run together are `info.core_key`."""
    written = "".join(info.core_written)
    out = {info.core_key, written}
    if "e" in written or "o" in written:
        out |= folded_spellings(info.core_written)
    return list(out)


def slip_pairs(names: Sequence[NameInfo], left: list[int], right: list[int]) -> list[int]:
    """Positions k of the pairs (left[k], right[k]) of different groups whose distinctive
    words a respelling or one slip explains: `may_slip` and `one_slip_apart` of each."""
    import numpy as np

    if not left:
        return []
    flat: list[str] = []
    starts: list[int] = []
    sizes_of: list[int] = []
    for info in names:
        starts.append(len(flat))
        spelled = spellings_of(info)
        sizes_of.append(len(spelled))
        flat += spelled
    counts = np.asarray(sizes_of, dtype=np.int64)
    offsets = np.asarray(starts, dtype=np.int64)
    lengths = np.fromiter(map(len, flat), dtype=np.int64, count=len(flat))
    bit_of: dict[str, int] = {}
    firsts = [bit_of.setdefault(s[:1], len(bit_of)) for s in flat]
    if len(bit_of) > 62:  # (never with base_tokens' [a-z0-9] words; kept exact anyway)
        firsts = [0] * len(flat)
    bits = np.left_shift(np.int64(1), np.asarray(firsts, dtype=np.int64))
    shortest = np.minimum.reduceat(lengths, offsets)
    longest = np.maximum.reduceat(lengths, offsets)
    letters = np.bitwise_or.reduceat(bits, offsets)
    groups = np.asarray([info.group for info in names], dtype=object)
    a, b = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    # may_slip: lengths within one and a first letter in common; and not one group already.
    ok = (shortest[a] <= longest[b] + 1) & (shortest[b] <= longest[a] + 1)
    if len(bit_of) <= 62:
        ok &= (letters[a] & letters[b]) != 0
    ok &= groups[a] != groups[b]
    pos = np.flatnonzero(ok)
    a, b = a[pos], b[pos]
    # one_slip_apart: every spelling of one against every spelling of the other.
    n, m = counts[a], counts[b]
    sizes = n * m
    owner = np.repeat(np.arange(len(pos)), sizes)
    k = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    m_rep = m[owner]
    qi = offsets[a][owner] + k // m_rep
    ci = offsets[b][owner] + k % m_rep
    texts = np.asarray(flat, dtype=object)
    dist = process.cpdist(texts[qi], texts[ci], scorer=OSA.distance, score_cutoff=1, dtype=np.int8)
    same = np.zeros(len(pos), dtype=bool)
    same[owner[dist == 0]] = True
    for e in np.flatnonzero(dist == 1).tolist():
        o = owner[e]
        if not same[o] and slip(flat[qi[e]], flat[ci[e]]):
            same[o] = True
    return pos[same].tolist()
