"""A common English word that is also a GeoNames place is no place without context (issue
12): "Police said ...", "Mobile phone networks", "Of the 12 killed" name Police (Poland,
34,000 people), Mobile (Alabama, 183,000) and, by its spelling key, Ufa (1.1 million); only
"in Mobile, Alabama" or "the town of Battle" makes them places. The sentences are our own."""

from __future__ import annotations

import pytest

from workbench.extract import extract
from workbench.geo.gazetteer import gazetteer

# (word, a sentence where it is no place); each word is a GeoNames place big enough to be
# accepted abroad if the rules took it for a place name.
NO_PLACE = [
    ("Police", "Police said gunmen killed three people in Aleppo on Monday."),
    ("Police", "Gunmen killed two guards at Police headquarters in Kirkuk on Monday."),
    ("Of", "Of the 12 people killed in the shelling of Idlib on Monday, five were children."),
    ("Mobile", "Mobile phone networks were cut after rebels shelled Daraa on Monday."),
    ("Mobile", "Militants attacked soldiers of the Mobile Brigade in Maiduguri on Monday."),
    ("Battle", "Battle lines shifted as rebels attacked Hama on Monday, killing six soldiers."),
    ("Bar", "Bar owners said gunmen attacked a cafe in Baghdad on Monday, killing two people."),
    ("Deal", "Deal or no deal, rebels shelled Idlib on Monday, killing five civilians."),
    ("Split", "Split between the factions widened after gunmen killed two commanders in Deraa."),
    ("Reading", "Reading the statement, the spokesman said jets bombed Saraqeb on Monday."),
    ("Union", "A car bomb exploded near Union headquarters in Mosul on Monday, killing three."),
    ("Independence", "Five people were killed in Independence Day celebrations in Aden on Monday."),
    ("Most", "Most of the victims were children, the monitor said after jets bombed Ariha."),
    ("Nice", "Nice weather did not stop the shelling of Douma on Monday, which killed four."),
    ("Sale", "Sale of the seized weapons began after rebels captured Kafranbel on Monday."),
]


@pytest.mark.parametrize("word", sorted({w for w, _ in NO_PLACE}))
def test_each_word_is_a_geonames_place(word: str) -> None:
    """The test means something only while the gazetteer has a place by that key."""
    assert gazetteer().find(word), word


@pytest.mark.parametrize(("word", "sentence"), NO_PLACE)
def test_a_common_word_is_no_place_without_context(word: str, sentence: str) -> None:
    result = extract(sentence, "2020-03-03")
    places = [m for m in result.mentions if m.kind == "place"]
    assert places, "the sentence's real place was lost"
    assert not [m for m in places if word in m.text.split()], [m.text for m in places]
    assert all(word not in (e.place or "").split() for e in result.events)
    assert ("place", word) not in result.entities


def test_with_context_the_word_is_the_place() -> None:
    result = extract("Gunmen opened fire at a bar in Mobile, Alabama, on Saturday, killing two.")
    assert [e.place for e in result.events] == ["Mobile"]
    assert result.entities[("place", "Mobile")].attrs["country"] == "United States"
