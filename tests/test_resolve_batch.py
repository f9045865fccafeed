"""Clustering's preparation done for many names at once gives what the one-name functions
give: base tokens, folds and skeletons (base.batchkeys), NameInfo.many, is_loose's lookup,
and the fuzzy stage's whole-array slip filter (resolve.fuzzy)."""

from __future__ import annotations

import random

from rapidfuzz.distance import OSA

from workbench.base.batchkeys import base_tokens_many, fold_many, skeletons
from workbench.base.keys import base_tokens, fold, skeleton
from workbench.resolve.fuzzy import candidate_pairs, slip_pairs
from workbench.resolve.scoring import LOOSE_WORDS, NameInfo, is_loose
from workbench.resolve.slips import may_slip, one_slip_apart, outline

# Pieces the one-name functions treat specially: articles glued, hyphenated or mistyped,
# possessives, handles, initials, non-ASCII letters, apostrophes the tables map, newlines.
PIECES = [
    *"abcdehklmnoqstuwyzAEKLSTZ '-.,`@#\n1234_",
    *"éÉßΣ’‘ʼ",
    "al-", "Al-", "el-", "'s", "ash-", "aal-", "l-", "Al", "El", "the ", "The ", "U.S. ",
    "h ", "aw", "ou", "ei", "Brig.", "liwa ", "kafr", "forces", "district",
]  # fmt: skip
REAL = [
    "al-Qaeda-linked militants", "Deir ez-Zor", "Ahrar ash-Sham", "Hay'at Tahrir al-Sham",
    "@SyriaCivilDef", "#Kafranbil", "The White Helmets", "Syrian Democratic Forces' ",
    "U.S.", "[ISIS]", "Liwa Suqur Brig.", "alTirufa", "Kafral-Tuumab", "alD-huubas",
    "Raqqah", "Ma'arrat al-Nu'man", "Jabal al-Zawiya", "Tell Abyad", "Homs", "Hamas",
]  # fmt: skip


def _names(count: int = 20_000) -> list[str]:
    rng = random.Random(18)
    made = ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(count)]
    return REAL + made


def test_batch_keys_equal_the_one_name_functions():
    names = _names()
    assert base_tokens_many(names) == [base_tokens(n) for n in names]
    words = [w for n in names for w in base_tokens(n)] + ["", "12", "aah", "x\ny", "²"]
    assert fold_many(words) == [fold(w) for w in words]
    folded = [[fold(w) for w in base_tokens(n)] for n in names]
    assert skeletons(folded) == [skeleton(f) for f in folded]


def test_name_info_many_equals_one_at_a_time():
    items = list(enumerate(_names(5_000)))
    assert NameInfo.many(items) == [NameInfo.of(g, n) for g, n in items]


def _loose_by_definition(word: str) -> bool:
    """is_loose as its rule says, over every generic word (slow)."""
    if word in LOOSE_WORDS or any(
        w.startswith(word) and 3 <= len(word) < len(w) for w in LOOSE_WORDS
    ):
        return True
    if len(word) < 4:
        return False
    for w in LOOSE_WORDS:
        if len(word) < 6 and (len(w) != len(word) or w[0] != word[0]):
            continue
        if len(word) >= 6 and len(w) < 6:
            continue
        if OSA.distance(word, w) <= 1:
            return True
    return False


def test_is_loose_finds_every_generic_word_one_edit_away():
    rng = random.Random(5)
    loose = sorted(LOOSE_WORDS)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = []
    for _ in range(3_000):
        w = list(rng.choice(loose))
        for _ in range(rng.choice([1, 1, 2])):
            i = rng.randrange(len(w))
            move = rng.choice("sidt")
            if move == "s":
                w[i] = rng.choice(letters)
            elif move == "i":
                w.insert(i, rng.choice(letters))
            elif move == "d" and len(w) > 1:
                del w[i]
            elif move == "t" and i + 1 < len(w):
                w[i], w[i + 1] = w[i + 1], w[i]
        words.append("".join(w))
    found = [w for w in words if is_loose(w)]
    assert len(found) > 1_000  # the test reaches the lookup's cases
    assert [is_loose(w) for w in words] == [_loose_by_definition(w) for w in words]


def test_slip_pairs_are_the_pairs_may_slip_and_one_slip_apart_pass():
    rng = random.Random(7)
    stems = ["Hamdan", "Hamdun", "Jebel Zawiya", "Damascus", "Mohammed Saleh", "Idleb"]
    names = []
    for stem in stems:
        for _ in range(30):
            chars = list(stem)
            i = rng.randrange(1, len(chars) - 1)
            chars[i] = rng.choice("aeiouqwsdmnh")
            names.append("".join(chars))
    infos = NameInfo.many([(i % 50, n) for i, n in enumerate(names)])
    left, right = candidate_pairs(infos)
    assert len(left) > 1_000
    expected = [
        k
        for k, (i, j) in enumerate(zip(left, right, strict=True))
        if infos[i].group != infos[j].group
        and may_slip(outline(infos[i].core_written), outline(infos[j].core_written))
        and one_slip_apart(infos[i].core_written, infos[j].core_written)
    ]
    assert 0 < len(expected) < len(left)
    assert slip_pairs(infos, left, right) == expected
