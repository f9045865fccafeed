"""Scored proposals: what is missing is marked and lowers the confidence, never drops the
proposal by itself; the marks are stored and an analyst's edit clears them. Invented
sentences."""

from __future__ import annotations

import copy

import pytest
from test_extract_run import add_article

from workbench.extract import extract
from workbench.extract.lexicon import cached_lexicon
from workbench.extract.run import extract_articles
from workbench.extract.scoring import FEATURES, Scorer
from workbench.store.events import update_event

pytestmark = pytest.mark.backends  # the store on a SQLite file and a PostgreSQL server

PUB = "2020-03-10"  # a Tuesday


def test_a_complete_report_outscores_one_without_doer_or_date():
    (full,) = extract("Turkish jets bombed Tal Tamr on Monday, killing four fighters.", PUB).events
    assert full.incomplete == []
    (thin,) = extract("Air strikes hit Tal Tamr, killing four fighters.", PUB).events
    assert thin.incomplete == ["actor1", "date"]
    assert thin.confidence < full.confidence


def test_a_proposal_without_a_place_is_made_and_marked():
    (ev,) = extract("Turkish jets bombed Kurdish fighters on Monday, killing four.", PUB).events
    assert ev.place is None and ev.incomplete == ["location"]


def test_marks_are_stored_and_cleared_by_the_analysts_edit(store):
    aid = add_article(store, "Air strikes hit Tal Tamr, killing four fighters.", PUB)
    extract_articles(store, [aid])
    eid, marks = store.conn.execute("SELECT id, incomplete FROM events").fetchone()
    assert marks == "actor1, date"
    update_event(store, eid, {"actor1": "Military Forces of Turkey"})
    assert store.scalar("SELECT incomplete FROM events WHERE id = ?", [eid]) == "date"
    update_event(store, eid, {"event_date": "2020-03-09", "date_precision": "day"})
    assert store.scalar("SELECT incomplete FROM events WHERE id = ?", [eid]) is None


def test_the_weights_file_names_only_known_features():
    none = (0.0,) * len(FEATURES)
    assert Scorer.from_table({"weights": {f: 0.1 for f in FEATURES}}).confidence(none) == 0.5
    with pytest.raises(ValueError, match="unknown features doer"):
        Scorer.from_table({"weights": {"doer": 1.0}})


def test_the_gate_decides_what_is_proposed_the_confidence_only_scores_it():
    text = "Turkish jets bombed Tal Tamr on Monday, killing four fighters."

    def run(table: dict):
        lex = copy.copy(cached_lexicon())
        lex.scorer = Scorer.from_table(table)
        return extract(text, PUB, dictionaries=lex)

    doubted = run({"bias": -9.0, "gate": {"bias": 3.0, "floor": 0.5}})
    assert [ev.confidence for ev in doubted.events] == [0.0]
    shut = run({"bias": 9.0, "gate": {"bias": -3.0, "floor": 0.5}})
    assert shut.events == [] and [ev.confidence for ev in shut.second_sources] == [1.0]
    # A file with no gate gates with the confidence itself.
    assert run({"bias": -3.0, "floor": 0.5}).events == []
    assert len(run({"bias": 3.0, "floor": 0.5}).events) == 1


def test_events_list_filters_and_sorts_by_confidence(store, db_path):
    import json

    from click.testing import CliRunner

    from workbench.cli import main

    text = (
        "Turkish jets bombed Tal Tamr on Monday, killing four fighters.\n\n"
        "Air strikes hit Ras al-Ain, killing two fighters."
    )
    extract_articles(store, [add_article(store, text, PUB)])
    run = CliRunner().invoke
    out = run(main, ["--db", db_path, "events", "list", "--sort", "confidence", "--format",
                     "jsonl"])  # fmt: skip
    scores = [json.loads(line)["confidence"] for line in out.output.splitlines()]
    assert len(scores) == 2 and scores == sorted(scores, reverse=True)
    out = run(main, ["--db", db_path, "events", "list", "--min-confidence", str(scores[0]),
                     "--format", "jsonl"])  # fmt: skip
    assert len(out.output.splitlines()) == 1
