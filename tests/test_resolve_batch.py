"""Clustering's preparation done for many names at once gives what the one-name functions
give: base tokens, folds and skeletons (base.batchkeys), NameInfo.many, is_loose's lookup,
the keyed forms (forms.forms_many), and the fuzzy stage's pairs (resolve.fuzzy, resolve.oneedit): those blocking compared
and a slip explains, in the same order."""

from __future__ import annotations

import random
from collections import defaultdict
from itertools import combinations

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from workbench.base import batchkeys, keys
from workbench.base.batchkeys import base_tokens_many, fold_many, skeletons
from workbench.base.keys import base_tokens, fold, skeleton
from workbench.resolve.forms import forms_many, name_forms
from workbench.resolve.fuzzy import fuzzy_pairs
from workbench.resolve.oneedit import one_edit_pairs, slipped
from workbench.resolve.scoring import LOOSE_WORDS, NameInfo, _role, is_loose, roles
from workbench.resolve.slips import may_slip, one_slip_apart, outline, slip

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
    plain = [n for n in names if n.isascii() and not {"`", "@", "#", "\n"} & set(n)]
    assert 5_000 < len(plain) < len(names)  # (all plain: tested at once, in C)
    assert base_tokens_many(plain) == [base_tokens(n) for n in plain]
    words = [w for n in names for w in base_tokens(n)] + ["", "12", "aah", "x\ny", "²"]
    assert fold_many(words) == [fold(w) for w in words]
    folded = [[fold(w) for w in base_tokens(n)] for n in names]
    assert skeletons(folded) == [skeleton(f) for f in folded]


def test_batch_patterns_find_what_the_one_name_patterns_find():
    late = [f"{a}{b}l{c}-{d}" for a in ("", " ", "x", "-", "_", "'") for b in "Aae"
            for c in "DdK" for d in "ha-"]  # fmt: skip
    text = "\n".join(_names() + late)
    for name in ("_LATE_HYPHEN", "_POSSESSIVE", "_INNER_APOSTROPHE", "_ATTACHED_ARTICLE",
                 "_MISTYPED_ARTICLE"):  # fmt: skip
        one, many = getattr(keys, name), getattr(batchkeys, name)
        for case in (text, text.casefold()):
            assert [m.span() for m in many.finditer(case)] == [m.span() for m in one.finditer(case)]
        found = len(one.findall(text)) + len(one.findall(text.casefold()))
        assert found > 20, name  # the corpus reaches the pattern


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
    words += ["", "a", "of", "abc", "abcd", "abcdef"] + sorted(LOOSE_WORDS)
    assert roles(words) == {w: _role(w) for w in words}


def _blocked_pairs(infos: list[NameInfo]) -> list[tuple[int, int]]:
    """The pairs blocking compares, in the order it finds them, as the fuzzy stage found
    them before (one block at a time): names sharing their distinctive words (40 at most),
    then pairs of distinctive words sharing a block and scoring 76 or more."""
    by_core: dict[str, list[int]] = defaultdict(list)
    for i, info in enumerate(infos):
        by_core[info.core_key].append(i)
    out = [pair for same in by_core.values() if len(same) <= 40 for pair in combinations(same, 2)]
    strings = list(by_core)
    blocks: dict[str, list[int]] = defaultdict(list)
    for k, s in enumerate(strings):
        for key in ("^" + s[:3], "$" + s[-3:], "&" + "".join(sorted(set(s)))):
            blocks[key].append(k)
    seen: set[tuple[int, int]] = set()
    for block in blocks.values():
        for x, y in combinations(block, 2):
            if (x, y) not in seen and fuzz.ratio(strings[x], strings[y]) >= 76:
                seen.add((x, y))
                out += [(i, j) for i in by_core[strings[x]] for j in by_core[strings[y]]]
    return out


def _variants(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    stems = ["Hamdan", "Hamdun", "Jebel Zawiya", "Damascus", "Mohammed Saleh", "Idleb",
             "Liwa Suqur al-Sham", "Kafr Nabl", "Free Idlib Army", "Ahrar ash-Sham"]  # fmt: skip
    names = []
    for _ in range(count):
        chars = list(rng.choice(stems))
        for _ in range(rng.choice([1, 1, 2])):
            i = rng.randrange(1, len(chars) - 1)
            move = rng.choice("sidt")
            if move == "s":
                chars[i] = rng.choice("aeiouqwsdmnhy ")
            elif move == "i":
                chars.insert(i, rng.choice([chars[i], "e", "o", "k"]))
            elif move == "d":
                del chars[i]
            elif i + 1 < len(chars):
                chars[i], chars[i + 1] = chars[i + 1], chars[i]
        names.append("".join(chars))
    return names


def test_fuzzy_pairs_are_the_blocked_pairs_one_slip_apart_in_blocking_order():
    names = _variants(900, 7) + _names(600)
    infos = NameInfo.many([(i % 120, n) for i, n in enumerate(names)])
    blocked = _blocked_pairs(infos)
    assert len(blocked) > 5_000
    expected = [
        (i, j)
        for i, j in blocked
        if infos[i].group != infos[j].group
        and may_slip(outline(infos[i].core_written), outline(infos[j].core_written))
        and one_slip_apart(infos[i].core_written, infos[j].core_written)
    ]
    assert 1_000 < len(expected) < len(blocked)
    assert fuzzy_pairs(infos) == expected


def test_one_edit_pairs_and_slipped_are_osa_and_slip_of_every_pair():
    rng = random.Random(3)
    strings = sorted({"".join(rng.choice("aabdeiklmsu") for _ in range(rng.randint(0, 6)))
                      for _ in range(700)} | {"é", "éa", "aé", "ß", "ab", "ba", "abb"})  # fmt: skip
    a, b = one_edit_pairs(strings)
    found = list(zip(a.tolist(), b.tolist(), strict=True))
    expected = [
        (x, y) for x, y in combinations(range(len(strings)), 2)
        if OSA.distance(strings[x], strings[y]) == 1
    ]  # fmt: skip
    assert len(expected) > 500 and "" in strings
    assert sorted(found) == expected
    assert slipped(strings, a, b).tolist() == [slip(strings[x], strings[y]) for x, y in found]
    assert 0 < sum(slipped(strings, a, b)) < len(found)


# Names each reduction of forms.name_forms takes apart, and look-alikes of them.
REDUCED = [
    "Syrian President Bashar al-Assad", "Kremlin spokesman Dmitry Peskov", "Turkish forces",
    "Idlib province", "southern Idlib countryside", "city of Aleppo", "al-Qaeda-linked militants",
    "Assad regime", "Bashar al-Assad's government", "US-backed SDF", "Iran-backed militias",
    "Syrian Democratic Forces", "SDF", "Assad", "Putin", "Vladimir Putin", "Russia", "Hamas",
    "the United Nations", "UN", "forces loyal to President Assad", "Free Idlib Army",
    "Commander Ali Hassan", "Ahrar al-Sham Brigade", "Hezbollah-backed Suqur Brigade", "Homs", "Kafr Nabl district", "Iraq",
]  # fmt: skip


def test_forms_many_equals_name_forms_one_at_a_time():
    names = REDUCED + _variants(600, 4) + _names(4_000)
    infos = [info for info in NameInfo.many(list(enumerate(names))) if info.compact]
    for kind in ("actor", "place"):
        expected = [name_forms(i.name, kind, i.base, i.folded, i.skeleton) for i in infos]
        rules = {form.rule for forms in expected for form in forms}
        assert {"name", "skeleton", "country"} <= rules  # the test reaches the rules
        assert {"surname", "acronym", "title", "descriptor", "person-government"} <= rules or (
            kind == "place" and "place-word" in rules
        )
        assert forms_many(infos, kind) == expected


def test_undoubled_drops_what_the_double_pattern_drops():
    rng = random.Random(9)
    texts = ["", "\n", "\n\n", "aa", "a\na", "aa\n\nbb\n", "abba\n", "é", "éé a"]
    texts += ["".join(rng.choice("aab\n ") for _ in range(rng.randint(0, 30))) for _ in range(500)]
    assert [batchkeys._undoubled(t) for t in texts] == [keys._DOUBLE.sub("", t) for t in texts]
