"""Look-alike names: suggested together only when a respelling or one keyboard slip explains
the difference (workbench.resolve.slips)."""

from __future__ import annotations

import pytest

from workbench.resolve.cluster import Clusterer
from workbench.resolve.scoring import NameInfo
from workbench.resolve.slips import one_slip_apart, slip, vowels_only_apart


def core(name: str) -> tuple[str, ...]:
    return NameInfo.of(0, name).core_written


@pytest.mark.parametrize(
    "a, b",
    [
        ("Jebel Zawiya", "Jabal Zawiya"),  # e read as a
        ("Mohammed Ali", "Muhammad Ali"),
        ("Hezbollah", "Hizballah"),  # o read as a
        ("Damascus", "Damascsu"),  # two neighbours swapped
        ("Aleppo", "Alepo"),  # a doubled letter dropped
        ("Kafranbil", "Kafranbl"),  # a letter dropped inside
        ("Saraqib", "Sarawib"),  # q and w are neighbours
    ],
)
def test_variants_are_one_slip_apart(a, b):
    assert one_slip_apart(core(a), core(b))


@pytest.mark.parametrize(
    "a, b",
    [
        ("Ghushim", "Ghashim"),  # another vowel: another name
        ("Hidikha", "Hadiikhaa"),
        ("Ghazuna", "Ghazunar"),  # a letter added at the end
        ("Damascus", "Damascud"),  # a neighbouring key, but the last letter: another name
        ("Hama", "Hamas"),
        ("Dhalud", "Dhulaad"),
        ("Turkish", "Kurdish"),
    ],
)
def test_look_alikes_are_not(a, b):
    assert not one_slip_apart(core(a), core(b))


def test_slip_kinds():
    assert slip("damascus", "damascus")
    assert slip("damascus", "damsacus")  # swap
    assert slip("damascus", "damaacus")  # s -> a: neighbours
    assert not slip("damascus", "damazcus")  # s -> z: not in the same row
    assert slip("damascus", "dammascus")  # doubled
    assert slip("damascus", "damacus")  # dropped inside
    assert not slip("damascus", "amascus")  # first letter dropped
    assert not slip("damascus", "damascu")  # last letter dropped
    assert not slip("damascus", "dmaascsu")  # two slips


def test_skeleton_allows_left_out_vowels_not_changed_ones():
    assert vowels_only_apart(core("Kafranbil"), core("Kafr Nabl"))
    assert not vowels_only_apart(core("Ghushim"), core("Ghashim"))


def test_clusterer_suggests_typos_and_respellings_but_not_look_alikes():
    names = ["Saraqib", "Sarawib", "Jebel Zawiya", "Jabal al-Zawiya", "Ghushim", "Ghashim",
             "Hidikha", "Hadiikhaa", "Kafranbil", "Kafr Nabl"]  # fmt: skip
    clusterer = Clusterer("place")
    for i, name in enumerate(names):
        clusterer.add(i, name)
    together = {frozenset(names[g] for g in c.groups) for c in clusterer.run()}
    assert frozenset({"Saraqib", "Sarawib"}) in together
    assert frozenset({"Jebel Zawiya", "Jabal al-Zawiya"}) in together
    assert frozenset({"Kafranbil", "Kafr Nabl"}) in together
    assert not any({"Ghushim", "Ghashim"} <= c or {"Hidikha", "Hadiikhaa"} <= c for c in together)


def test_clustering_pauses_the_garbage_collector_and_restores_it():
    import gc

    from workbench.resolve.cluster import gc_paused

    seen = []
    clusterer = Clusterer("place")
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            with gc_paused():
                seen.append(gc.isenabled())
            clusterer.add_all([(1, "Saraqib"), (2, "Sarawib")])
            clusterer.run()
            assert gc.isenabled() is enabled
        finally:
            gc.enable()
    assert seen == [False, False]
