"""Provides `fuzzy_pairs`: the pairs of names the fuzzy stage of clustering scores, found
from the few spellings one edit apart instead of from every pair a block compares.

Which pairs the stage scores is defined by two tests:

- blocking: names sharing their distinctive words (`core_key`, up to `MAX_SAME_CORE` of
  them), or whose distinctive words share a block (`first_blocks`) and score
  `FUZZY_CUTOFF` or more with `fuzz.ratio`;
- one slip: of different groups, and a spelling of one (`spellings_of`) equal to a
  spelling of the other, or one edit apart and `slips.slip` (a respelling or one keyboard
  slip, first and last letters kept).

Every fuzzy link needs both. Far fewer pairs pass the second (18k of bench/names' 50k
names) than the first (124k), so the second is searched first, for all spellings at once
(`oneedit`), and blocking is tested on those pairs alone.

The pairs come out in the order the blocks would find them (`_ordered`), so the links, and
the ties among them that `cluster.join` breaks by order, are those that scoring every
block's pairs gave (tests/test_resolve_batch.py compares both).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz, process

from .oneedit import one_edit_pairs, run_pairs, slipped
from .scoring import NameInfo
from .slips import folded_spellings, readings_many

FUZZY_CUTOFF = 76  # below this no re-scoring can reach the suggestion threshold
MAX_SAME_CORE = 40  # names sharing distinctive words compared pairwise up to this many


def spellings_of(info: NameInfo) -> list[str]:
    """`slips.spellings(info.core_written)`, distinct, from what `info` holds already: its
    folded distinctive words run together are `info.core_key`."""
    written = "".join(info.core_written)
    out = {info.core_key, written}
    if "e" in written or "o" in written:
        out |= folded_spellings(info.core_written)
    return list(out)


def first_blocks(cores: list[str]) -> list[tuple[int, int, int]]:
    """The three blocks of each distinctive-words string, each named by the first string in
    it: its first three letters, its last three, and its set of letters (OpenRefine's
    1-gram fingerprint, which a swap of two letters keeps: "Naakhar"). One typo cannot
    change all three. (No block by consonant skeleton: a changed vowel, "Hamdan" /
    "Hamdun", is not a slip or a respelling.)"""
    heads: dict[str, int] = {}
    tails: dict[str, int] = {}
    sets: dict[frozenset[str], int] = {}
    return [
        (heads.setdefault(c[:3], r), tails.setdefault(c[-3:], r), sets.setdefault(frozenset(c), r))
        for r, c in enumerate(cores)
    ]


def fuzzy_pairs(names: Sequence[NameInfo]) -> list[tuple[int, int]]:
    """Pairs (i, j) of names (indexes into `names`) of different groups that blocking
    compares and a respelling or one slip explains, in the order blocking finds them."""
    import numpy as np  # here, not at the top: only clustering needs it (~0.1 s to import)

    count = len(names)
    if count < 2:
        return []
    # Every (spelling, name), each once, sorted by spelling.
    flat = [info.core_key for info in names]
    flat += map("".join, [info.core_written for info in names])
    who = list(range(count)) * 2
    eo = [at for at in range(count) if "e" in flat[count + at] or "o" in flat[count + at]]
    for at, extra in zip(eo, readings_many([names[at].core_written for at in eo]), strict=True):
        flat += extra
        who += [at] * len(extra)
    strings = list(dict.fromkeys(flat))
    index = dict(zip(strings, range(len(strings)), strict=True))
    entries = np.unique(np.asarray(list(map(index.__getitem__, flat))) * count + np.asarray(who))
    spelling, name = entries // count, entries % count
    starts = np.searchsorted(spelling, np.arange(len(strings) + 1))
    # Names sharing a spelling, and names with spellings a slip apart.
    e, f = run_pairs(spelling)
    left, right = [name[e]], [name[f]]
    x, y = one_edit_pairs(strings)
    keep = slipped(strings, x, y)
    x, y = x[keep], y[keep]
    sizes_x, sizes_y = starts[x + 1] - starts[x], starts[y + 1] - starts[y]
    sizes = sizes_x * sizes_y  # (nearly always 1 x 1)
    owner = np.repeat(np.arange(len(x)), sizes)
    k = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    left.append(name[starts[x][owner] + k // sizes_y[owner]])
    right.append(name[starts[y][owner] + k % sizes_y[owner]])
    i, j = np.concatenate(left), np.concatenate(right)
    i, j = np.minimum(i, j), np.maximum(i, j)
    pairs = np.unique(i * count + j)
    i, j = pairs // count, pairs % count
    groups = np.asarray([info.group for info in names], dtype=object)
    other = groups[i] != groups[j]
    return _ordered(names, i[other], j[other])


def _ordered(names: Sequence[NameInfo], i: Any, j: Any) -> list[tuple[int, int]]:
    """Those of the pairs blocking compares, oriented and ordered as it finds them: names
    sharing their distinctive words by the order those first appear, then pairs of
    distinctive words by the first block they share (blocks ordered by when they first
    appear, then head, tail, letters), each pair of words in the order they first appear,
    each name pair in name order."""
    import numpy as np

    keys = [info.core_key for info in names]
    rank_of = dict(zip(dict.fromkeys(keys), itertools.count()))  # (in order of appearance)
    rank = np.asarray(list(map(rank_of.__getitem__, keys)))
    cores = np.asarray(list(rank_of), dtype=object)
    blocks = np.asarray(first_blocks(list(rank_of)), dtype=np.int64).reshape(-1, 3)
    ri, rj = rank[i], rank[j]
    same = ri == rj
    same &= np.bincount(rank)[ri] <= MAX_SAME_CORE
    close = ri != rj
    # Oriented as blocking meets them: the name whose distinctive words come first, left.
    flip = close & (ri > rj)
    i, j, ri, rj = (np.where(flip, j, i), np.where(flip, i, j), np.where(flip, rj, ri),
                    np.where(flip, ri, rj))  # fmt: skip
    shared = blocks[ri] == blocks[rj]
    slot = np.where(shared, blocks[ri] * 3 + np.arange(3), np.iinfo(np.int64).max).min(axis=1)
    close &= shared.any(axis=1)
    if close.any():
        scores = process.cpdist(cores[ri[close]], cores[rj[close]], scorer=fuzz.ratio,
                                score_cutoff=FUZZY_CUTOFF)  # fmt: skip
        close[np.flatnonzero(close)] = np.asarray(scores) > 0
    keep = same | close
    i, j, ri, rj, same, slot = i[keep], j[keep], ri[keep], rj[keep], same[keep], slot[keep]
    # Sorted by (0, words, i, j) for shared words, (1, block, words x, words y, i, j) else.
    zero = np.zeros(len(i), dtype=np.int64)
    columns = (
        np.where(same, zero, j), np.where(same, zero, i), np.where(same, j, rj),
        np.where(same, i, ri), np.where(same, ri, slot), ~same,
    )  # fmt: skip
    order = np.lexsort(columns)
    return list(zip(i[order].tolist(), j[order].tolist(), strict=True))
