"""Provides `one_edit_pairs` and `slipped`: which of many strings are one edit apart, found
without comparing every two, and which of those pairs `slips.slip` accepts, as whole arrays.

A string one edit (OSA: a change, an insertion, a deletion or a swap of neighbours) from
another shares with it the string itself or one of its one-letter deletions (SymSpell's
symmetric deletion). So every string and each of its deletions is hashed, a column of
letters at a time for all strings of one length (`deletion_keys`); strings with an equal
hash are the pairs to check, and `rapidfuzz` checks them in C (a hash collision only adds a
pair to check). `slipped` then judges each edit as `slip` does, with array tests instead of
a Python call per pair (most one-edit pairs of names are a changed vowel, no slip).

numpy is imported inside the functions: only clustering needs it (~0.1 s to import).
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .slips import NEIGHBOURS

_BASE = 0x100000001B3  # FNV's 64-bit prime, as a polynomial hash's base (wraps mod 2**64)


def codes(strings: list[str], width: int) -> Any:
    """The strings' code points as a (len(strings), width) uint32 array, padded with 0."""
    import numpy as np

    if width == 0:
        return np.zeros((len(strings), 0), dtype=np.uint32)
    chars = np.array(strings, dtype=f"U{width}")
    return chars.view(np.uint32).reshape(len(strings), width)


def deletion_keys(strings: list[str]) -> tuple[Any, Any]:
    """A hash of each string and of each of its one-letter deletions, and whose it is.
    With prefix hashes P[p] (of s[:p]), deleting letter p of s (length n) leaves
    hash(s) + (P[p] - P[p + 1]) * BASE ** (n - 1 - p)."""
    import numpy as np

    lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
    keys, owners = [], []
    with np.errstate(over="ignore"):
        powers = np.ones(int(lengths.max(initial=0)) + 1, dtype=np.uint64)
        for k in range(1, len(powers)):
            powers[k] = powers[k - 1] * np.uint64(_BASE)
        for n in np.unique(lengths).tolist():
            rows = np.flatnonzero(lengths == n)
            letters = codes([strings[r] for r in rows.tolist()], n).astype(np.uint64)
            prefix = np.zeros((len(rows), n + 1), dtype=np.uint64)
            for p in range(n):
                prefix[:, p + 1] = prefix[:, p] * np.uint64(_BASE) + letters[:, p]
            whole = prefix[:, n]
            deleted = whole[:, None] + (prefix[:, :n] - prefix[:, 1:]) * powers[:n][::-1]
            keys += [whole, deleted.ravel()]
            owners += [rows, np.repeat(rows, n)]
    return np.concatenate(keys), np.concatenate(owners)


def run_pairs(keys: Any) -> tuple[Any, Any]:
    """Positions (e, f), e < f, of every two entries with equal keys in sorted `keys`."""
    import numpy as np

    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    count = np.repeat(ends, ends - starts) - np.arange(len(keys)) - 1
    left = np.repeat(np.arange(len(keys)), count)
    step = np.arange(len(left)) - np.repeat(np.cumsum(count) - count, count) + 1
    return left, left + step


def one_edit_pairs(strings: list[str]) -> tuple[Any, Any]:
    """Indexes (x < y) of the pairs of distinct `strings` one edit (OSA) apart."""
    import numpy as np

    if len(strings) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    keys, owners = deletion_keys(strings)
    order = np.argsort(keys)
    keys, owners = keys[order], owners[order]
    # Only keys two entries share matter (most are one string's own).
    equal = keys[1:] == keys[:-1]
    shared = np.r_[equal, False] | np.r_[False, equal]
    keys, owners = keys[shared], owners[shared]
    e, f = run_pairs(keys)
    a, b = np.minimum(owners[e], owners[f]), np.maximum(owners[e], owners[f])
    pairs = np.unique((a * len(strings) + b)[a != b])
    a, b = pairs // len(strings), pairs % len(strings)
    texts = np.asarray(strings, dtype=object)
    dist = process.cpdist(texts[a], texts[b], scorer=OSA.distance, score_cutoff=1)
    close = np.asarray(dist) <= 1
    return a[close], b[close]


def _neighbour_table() -> Any:
    import numpy as np

    table = np.zeros((128, 128), dtype=bool)
    for x, y in NEIGHBOURS:
        table[ord(x), ord(y)] = True
    return table


def slipped(strings: list[str], a: Any, b: Any) -> Any:
    """`slip(strings[a[k]], strings[b[k]])` for each pair k one edit apart (a bool array):
    the first and last letters kept, a changed letter a keyboard neighbour, an extra letter
    inside the word or doubling its neighbour."""
    import numpy as np

    lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
    matrix = codes(strings, int(lengths.max(initial=0)) + 1)  # (a 0 after every string)
    # x the shorter of each pair (or a, if equal), y the other.
    swap = lengths[a] > lengths[b]
    x, y = np.where(swap, b, a), np.where(swap, a, b)
    n, m = lengths[x], lengths[y]
    differ = matrix[x] != matrix[y]
    first = differ.argmax(axis=1)  # the first letter that differs (or the extra one)
    cx = np.minimum(matrix[x, first], 127)
    cy = np.minimum(matrix[y, first], 127)
    changed = differ.sum(axis=1) == 1  # equal lengths: one letter changed, or two swapped
    same_length = (
        (n == m) & (first > 0) & (~changed | ((first < n - 1) & _neighbour_table()[cx, cy]))
    )
    # One letter longer: the extra one is y[first] (y[first + 1:] == x[first:] is what
    # one edit means); a doubled letter may stand anywhere, another only inside.
    after = matrix[y, np.minimum(first + 1, matrix.shape[1] - 1)]
    before = matrix[y, np.maximum(first - 1, 0)]
    extra = matrix[y, first]
    doubled = ((first > 0) & (before == extra)) | ((first + 1 < m) & (after == extra))
    longer = (n < m) & (doubled | ((first > 0) & (first < m - 1)))
    return same_length | longer
