"""The extractor's reading of one sentence, for add-event (extract/propose.py): the values
come from the sentence's own words, in the article's context, never from a proposal that
folded the sentence into another one; and where the act words are, for the review cursor."""

from __future__ import annotations

from workbench.base.sentences import sentence_spans
from workbench.extract.core import extract
from workbench.extract.propose import propose_for_sentence, trigger_starts

TEXT = (
    "Russian warplanes bombed a market in Ariha on Monday. "
    "Rescue workers said 14 civilians were killed there.\n"
    "Hours later, rebels of the Free Syrian Army attacked an army checkpoint near Idlib, "
    "killing two soldiers.\n"
    "Officials called for calm."
)


def sentence(text: str, start_words: str) -> tuple[int, int]:
    start = text.index(start_words)
    return next((a, b) for a, b in sentence_spans(text) if a == start)


def test_a_sentence_gives_its_own_values_not_its_incidents():
    # The extractor folds the toll of the next sentence into the bombing's proposal...
    (bombing,) = [e for e in extract(TEXT, "2019-07-23").events if e.place == "Ariha"]
    assert bombing.fatalities == 14
    # ...but adding an event from the first sentence takes only what that sentence says.
    values = propose_for_sentence(TEXT, *sentence(TEXT, "Russian"), "2019-07-23")
    assert values["actor1"] == "Military Forces of Russia" and values["location"] == "Ariha"
    assert values["sub_event_type"] == "Air/drone strike"
    assert values["event_date"] == "2019-07-22" and "fatalities" not in values


def test_a_later_sentence_is_read_in_the_articles_context():
    values = propose_for_sentence(TEXT, *sentence(TEXT, "Hours later"), "2019-07-23")
    assert (values["actor1"], values["location"]) == ("Free Syrian Army", "Idlib")
    assert values["fatalities"] == 2 and values["sub_event_type"] == "Armed clash"
    assert values["event_date"] == "2019-07-22"  # "Hours later": the day before's Monday


def test_a_sentence_without_an_act_of_its_own_gives_its_mentions():
    values = propose_for_sentence(TEXT, *sentence(TEXT, "Rescue workers"), "2019-07-23")
    # Civilians are never the doer; the act word ("killed") gives a type to start from.
    assert values.get("actor1") is None and values["actor2"] == "Civilians (Syria)"
    assert values["fatalities"] == 14 and values["sub_event_type"]
    assert propose_for_sentence(TEXT, *sentence(TEXT, "Officials"), "2019-07-23") is None


def test_act_words_are_found_outside_boilerplate_only():
    starts = trigger_starts(TEXT)
    assert TEXT.index("bombed") in starts and TEXT.index("attacked") in starts
    assert not any(TEXT.index("Officials") <= s for s in starts)
    tail = TEXT.index("Hours later")
    assert all(s < tail for s in trigger_starts(TEXT, [(tail, len(TEXT))]))
