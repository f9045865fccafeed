"""Clustering keys and pair scoring: transliterations meet, look-alikes stay apart."""

from __future__ import annotations

import pytest

from workbench.base.keys import base_tokens, fingerprint, fold, ngram_fingerprint, skeleton
from workbench.base.names import name_key
from workbench.resolve.acronyms import text_pairs
from workbench.resolve.cluster import SUGGEST_THRESHOLD, Clusterer
from workbench.resolve.forms import name_forms
from workbench.resolve.scoring import NameInfo, score_pair


def clusters(kind: str, *names: str) -> list[list[str]]:
    c = Clusterer(kind)
    for i, name in enumerate(names):
        c.add(i, name)
    return [sorted(names[g] for g in cl.groups) for cl in c.run()]


def test_name_key_is_the_stored_exact_key():
    assert name_key("The #Kafranbil's") == "kafranbil"
    assert name_key("U.S.") == "u s"
    assert name_key("Assad's regime") == "assad regime"


def test_openrefine_fingerprints():
    assert fingerprint("Army Syrian Free") == fingerprint("Free Syrian Army") == "army free syrian"
    assert ngram_fingerprint("Kafr-Nabl") == ngram_fingerprint("kafr nabl")
    assert ngram_fingerprint("Idlib") != ngram_fingerprint("Hama")


@pytest.mark.parametrize(
    "name, tokens",
    [
        ("al-Qaeda-linked militants", ["qaeda", "linked", "militants"]),
        ("Deir ez-Zor", ["deir", "zor"]),
        ("Ahrar ash-Sham", ["ahrar", "sham"]),
        ("Hay'at Tahrir al-Sham", ["hayat", "tahrir", "sham"]),
        ("@SyriaCivilDef", ["syria", "civil", "def"]),
        ("#Kafranbil", ["kafranbil"]),
        ("The White Helmets", ["white", "helmets"]),
        ("Syrian Democratic Forces' ", ["syrian", "democratic", "forces"]),
        ("U.S.", ["us"]),
        ("[ISIS]", ["isis"]),
        ("Liwa Suqur Brig.", ["liwa", "suqur", "brigade"]),
    ],
)
def test_base_tokens(name, tokens):
    assert base_tokens(name) == tokens


def test_fold_and_skeleton_join_transliterations():
    assert fold("raqqah") == fold("raqa") == fold("rakka")
    assert fold("jaish") == fold("jaysh") == fold("jeysh")
    assert fold("deir") == fold("dayr")
    assert fold("idleb") == fold("idlib")
    assert fold("zour") == fold("zawr")
    assert skeleton(["kafr", "nabl"]) == skeleton([fold("kafranbil")])


@pytest.mark.parametrize(
    "a, b",
    [
        ("Kafranbil", "Kafr Nabl"),
        ("Kafr Nabl", "Kfar Nabl"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Deir ez-Zor", "Deir al-Zour"),
        ("Raqqa", "Raqqah"),
        ("Jaish al-Islam", "Jaysh al-Islam"),
        ("Khan Sheikhoun", "Khan Shaykhun"),
        ("Ma'arrat al-Nu'man", "Maarat al-Numan"),
        ("Hezbollah", "Hizballah"),
        ("Idlib", "Idleb"),
        ("Muhammad", "Mohammed"),
        ("Aleppo", "Alepo"),
        ("Damascus", "Damacsus"),
        ("Jabhat al-Nusra", "Jabhat an-Nusra"),
        ("Idlib province", "Idlib"),
        ("southern Idlib countryside", "Idlib"),
    ],
)
def test_variants_of_one_place_cluster(a, b):
    assert clusters("place", a, b) == [sorted([a, b])]


@pytest.mark.parametrize(
    "a, b",
    [
        ("Free Syrian Army", "Free Idlib Army"),
        ("Turkish forces", "Kurdish forces"),
        ("Syrian government", "Syrian rebels"),
        ("Syrian Democratic Forces", "Syrian Arab Republic"),
        ("Idlib", "Free Idlib Army"),
        ("pro-Assad forces", "anti-Assad fighters"),
        ("Syrian Observatory for Human Rights", "Syrian Democratic Forces"),
        ("Russia", "Prussia"),
        ("Hama", "Hamas"),
        ("Homs", "Hamas"),
        ("Bashar al-Assad", "Hassan Haj Ali"),
        ("Syrian Army", "Free Syrian Army"),
        ("Brigade 17", "Brigade 71"),
        ("Hamra Brigade", "Hamra Battalion"),
    ],
)
@pytest.mark.parametrize("kind", ["actor", "place"])
def test_look_alikes_score_below_threshold_and_never_cluster(kind, a, b):
    assert score_pair(NameInfo.of(0, a), NameInfo.of(1, b)) < SUGGEST_THRESHOLD
    assert clusters(kind, a, b) == []


@pytest.mark.parametrize(
    "a, b, rule",
    [
        ("President Bashar al-Assad", "Bashar Assad", "title"),
        ("Russian President Vladimir Putin", "Vladimir Putin", "title"),
        ("Britain-based Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights", "descriptor"),
        ("al-Qaeda-linked militants", "al-Qaeda", "linked"),
        ("Turkish forces", "Turkey", "country"),
        ("Syria's government", "Syrian regime", "country"),
        ("UK", "Britain", "country"),
        ("Bashar al-Assad regime", "Assad's regime", "person-government"),
        ("SDF", "Syrian Democratic Forces", "acronym"),
        ("HTS", "Hayat Tahrir al-Sham", "acronym"),
        ("Assad", "Bashar al-Assad", "surname"),
    ],
)  # fmt: skip
def test_rule_forms_link_names_of_one_actor(a, b, rule):
    assert clusters("actor", a, b) == [sorted([a, b])]
    assert any(f.rule == rule for f in name_forms(a, "actor") + name_forms(b, "actor"))


def test_a_lone_surname_is_not_guessed_between_two_people():
    assert clusters("actor", "Assad", "Bashar al-Assad", "Hafez al-Assad") == []


def test_similarity_does_not_chain_unrelated_names():
    # Each neighbour is one letter from the next; the ends are different places.
    found = clusters("place", "Dhamut", "Dhamuti", "Dhimuti", "Dhimutin")
    for cluster in found:
        assert not {"Dhamut", "Dhimutin"} <= set(cluster)


def test_text_introduces_abbreviations_and_handles():
    text = (
        "an attack on the Syrian Democratic Forces (SDF), a group. Idlib is held by Hayat "
        "Tahrir al-Sham, or HTS, a hard-line group. The White Helmets (@SyriaCivilDef) posted. "
        "According to Reuters (AP) and the UN (OCHA)."
    )
    pairs = {(long, short) for long, short, _ in text_pairs(text)}
    assert pairs == {
        ("Syrian Democratic Forces", "SDF"),
        ("Hayat Tahrir al-Sham", "HTS"),
        ("White Helmets", "@SyriaCivilDef"),
    }
