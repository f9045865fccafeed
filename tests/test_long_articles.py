"""Extraction work grows linearly with the article (issue 14, item 3).

A 2 MB article took 184 s because several steps compared each new item with every earlier
one. Timing tests are flaky on a shared machine, so these count the Python steps the
extractor executes (line and call events inside `workbench/extract`, a deterministic
figure): four times the text must cost about four times the steps, not sixteen. Before the
fix these ratios were 9-12 for every shape below.
"""

from __future__ import annotations

import os
import sys

import pytest

from workbench.extract import cached_lexicon, core, extract
from workbench.ingest.layout import boilerplate_spans

ROOT = os.path.dirname(core.__file__)


def _steps(text: str, skip=()) -> int:
    count = 0

    def local(frame, event, arg):
        nonlocal count
        count += 1
        return local

    def outer(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(ROOT) else None

    lex = cached_lexicon(())
    previous = sys.gettrace()
    sys.settrace(outer)
    try:
        extract(text, "2020-01-01", skip, lex)
    finally:
        sys.settrace(previous)
    return count


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


SHAPES = {
    # one "sentence" with no full stop: the rules read around each trigger in its sentence
    "no-full-stop": "Syrian government warplanes bombed Saraqeb killing 12 civilians and ",
    # "loyal to" phrases: each one rebuilt the list of mentions
    "loyal-to": "Forces loyal to Bashar Assad shelled Douma. ",
    # one paragraph of retellings: each walked back to the paragraph's start, and one
    # incident absorbed them all
    "retellings": "The attack killed 3. The strikes killed 4. It was claimed by the group. ",
    # many incidents: each candidate was compared with every earlier incident
    "incidents": "Houthi rebels fired rockets at Marib on Monday, killing 3. Turkish forces "
    "shelled Afrin on Tuesday, killing 2 civilians.\n\n",
    # names found by pattern: each was tested against every mention before it
    "new-names": "Gunmen attacked the village of Kafr Sousa near Idlib. Borno state's Damboa "
    "town was shelled. ",
    # bulletin items and live-blog entries without a day: each read every date of the article
    # for the bulletin's introduction
    "bulletin": "ALEPPO - Rebels shelled the town, killing 3.\n\n",
    "live-blog": "09:40 - Rebels shelled the town, killing 3.\n\n",
    # embedded tweets: each signature's date was looked for from the article's first mention
    "tweets": "Rebels shelled Idlib, killing 3.\n— Some Name (@handle) February 4, 2018\n",
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_four_times_the_text_costs_about_four_times_the_work(shape):
    unit = SHAPES[shape]
    small, large = _steps(_repeat(unit, 10_000)), _steps(_repeat(unit, 40_000))
    assert large / small < 5.5, f"{shape}: {small} -> {large} steps ({large / small:.1f}x)"


def test_boilerplate_lines_cost_linear_work():
    # "Also Read:" links between paragraphs: each line and mention was tested against
    # every boilerplate span.
    unit = "Houthi rebels fired rockets at Marib on Monday, killing 3.\nAlso Read: Turkish forces shelled Afrin\n"
    small, large = _repeat(unit, 10_000), _repeat(unit, 40_000)
    a = _steps(small, boilerplate_spans(small))
    b = _steps(large, boilerplate_spans(large))
    assert b / a < 5.5, f"{a} -> {b} steps ({b / a:.1f}x)"


def test_a_clause_of_repeated_act_words_tests_each_trigger_once(monkeypatch):
    # "killed killed killed ...": reading back for each trigger's doer passes every trigger
    # before it in the clause, and asked each whether it was passive again: ~140 times per
    # trigger (64 s of CPU for 1 MB). Each trigger is tested once now (the test's first step
    # for a trigger like "killed" is whether it is a reduced relative clause).
    from workbench.extract.candidates import Finder

    calls = 0
    real = Finder._reduced_relative

    def counted(self, t):
        nonlocal calls
        calls += 1
        return real(self, t)

    monkeypatch.setattr(Finder, "_reduced_relative", counted)
    words = 2000
    extract("killed " * words, "2020-01-01", (), cached_lexicon(()))
    assert 0 < calls <= words, f"{calls} passive tests for {words} triggers"


def test_a_claim_is_read_in_the_sentence_that_tells_it_whatever_its_dotless_i():
    # The claim pattern is searched for only in sentences holding "claimed" or "claims"; it
    # ignores case and so also reads "claımed" (a dotless i), a token key of its own: such a
    # sentence is searched too.
    lex = cached_lexicon(())
    text = (
        "The ministry claimed the roads were open.\n\n"
        "A car bomb exploded at a market in Mogadishu on Monday, killing 12 people. "
        "Al-Shabaab, which later {} responsibility, has waged an insurgency."
    )
    for spelling in ("claimed", "claımed", "CLAIMED", "claimſ"):
        (ev,) = extract(text.format(spelling), "2020-01-02", (), lex).events
        assert ev.actor1 == "al-Shabaab", spelling
        assert "agent-claimed-responsibility" in ev.rules
