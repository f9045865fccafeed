"""The base layer: one sentence splitter (the extractor's), actor types, number words."""

from __future__ import annotations

from datetime import date

import pytest
from golden import articles

from workbench.base import codebook
from workbench.base.actors import actor_type, inter_code, type_names
from workbench.base.calendar import dates_agree
from workbench.base.numbers import words_to_int
from workbench.base.sentences import sentence_spans
from workbench.extract.text import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rebels struck on Feb. 3 in Idlib. Five died.", ["Rebels struck on Feb. 3 in Idlib.",
                                                          "Five died."]),
        ("U.S. forces left. Gen. Smith stayed.", ["U.S. forces left.", "Gen. Smith stayed."]),
        # An initialism ends a sentence before a word that only opens one.
        ("Crowds marched in Washington, D.C. Unlike last week, it rained.",
         ["Crowds marched in Washington, D.C.", "Unlike last week, it rained."]),
        ("They met U.S. officials. The U.N. The talks went on.",
         ["They met U.S. officials.", "The U.N.", "The talks went on."]),
        ("The U.S. President spoke. J. The A. B. Smith", ["The U.S. President spoke.",
                                                          "J. The A. B. Smith"]),
        ('He said "they fled." Then it rained.', ['He said "they fled.', "Then it rained."]),
        ("Shelling hit Ariha. 12 died.", ["Shelling hit Ariha.", "12 died."]),
        ("It ended. and more", ["It ended. and more"]),  # a lower-case word goes on
        # A bracketed tag after the stop is no part of the sentence.
        ("Police dispersed them. [size=no report]", ["Police dispersed them.",
                                                     "[size=no report]"]),
        ("It ended. [sic] more", ["It ended. [sic] more"]),
        ("Headline without stop\n\nBody text.  ", ["Headline without stop", "Body text."]),
        ("", []),
    ],
)  # fmt: skip
def test_sentences(text, expected):
    assert sentences(text) == expected


def test_the_review_cursor_reads_the_extractors_sentences():
    """Every shipped article splits alike for the extractor and for the review screen."""
    for label, row in articles():
        text = row["text"]
        assert sentence_spans(text) == [(s.start, s.end) for s in split_sentences(text, [])], label


@pytest.mark.parametrize(
    "attrs, code",
    [
        ({"type": "State forces"}, 1),
        ({"type": "rebels"}, 2),
        ({"actor_type": "Ethnic militia"}, 4),
        ({"type": "External/Other forces"}, 8),
        ({"inter": 7}, 7),
        ({"inter": "6"}, 6),
        ({"inter": 9}, None),
        ({"type": "Person"}, None),
        ({}, None),
    ],
)
def test_inter_code(attrs, code):
    assert inter_code(attrs) == code


def test_actor_types_are_acleds_eight_in_inter_order():
    assert type_names() == (
        "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters",
        "Protesters", "Civilians", "External/Other forces",
    )  # fmt: skip
    assert actor_type(" rebel   GROUP") == "Rebel group"
    assert actor_type("external") == "External/Other forces"
    with pytest.raises(ValueError, match="type must be one of: State forces"):
        actor_type("rebels")


def test_the_type_names_the_rules_use_are_the_codebooks():
    """A constant of base/codebook.py misspelt, or a row renamed in codebook.csv, would
    leave the rules naming a type no event can have."""
    book = codebook.load_codebook()
    kinds = {e.event_type for e in book.values()}
    named = {k: v for k, v in vars(codebook).items() if k.isupper() and isinstance(v, str)}
    assert len(named) > 20
    assert {k: v for k, v in named.items() if v not in book and v not in kinds} == {}
    assert codebook.sub_event_types(codebook.BATTLES) == {
        codebook.ARMED_CLASH,
        codebook.GOV_REGAINS,
        codebook.NSA_OVERTAKES,
    }


@pytest.mark.parametrize(
    "words, value",
    [("eleven", 11), ("twenty one", 21), ("two hundred", 200), ("a thousand", 1000),
     ("three thousand five hundred", 3500), ("dozen", None), ("", None)],
)  # fmt: skip
def test_number_words(words, value):
    assert words_to_int(words) == value


@pytest.mark.parametrize(
    "a, b, agree",
    [
        (("2020-03-10", "day"), ("2020-03-11", "day"), True),
        (("2020-03-10", "day"), ("2020-03-12", "day"), False),
        (("2020-03-10", "week"), ("2020-03-16", "day"), True),
        (("2020-03-10", "week"), ("2020-03-18", "day"), False),
        (("2020-03-01", "month"), ("2020-03-31", "day"), True),
        (("2020-03-31", "day"), ("2020-04-01", "month"), False),  # the month, not 31 days
        (("2020-03-10", "unknown"), ("2020-03-10", "day"), False),
    ],
)
def test_dates_agree_by_precision(a, b, agree):
    (day_a, prec_a), (day_b, prec_b) = a, b
    assert (
        dates_agree(date.fromisoformat(day_a), prec_a, date.fromisoformat(day_b), prec_b) is agree
    )
    assert (
        dates_agree(date.fromisoformat(day_b), prec_b, date.fromisoformat(day_a), prec_a) is agree
    )
