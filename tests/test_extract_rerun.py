"""Re-extracting several articles in one batch keeps the events they share."""

from __future__ import annotations

import pytest

from workbench.extract.run import extract_articles
from workbench.store import now
from workbench.store.db import inserted_id

pytestmark = pytest.mark.backends  # the store on a SQLite file and a PostgreSQL server

REPORT_A = (
    "Russian warplanes bombed a market in the town of Ariha in Idlib province on Monday, "
    "killing 14 civilians, rescue workers said."
)
REPORT_B = (
    "The White Helmets said Russian jets struck a crowded market in Ariha on Monday, "
    "killing 14 people."
)


def add_article(store, text, published, file):
    with store.write():
        cur = store.conn.execute(
            "INSERT INTO articles (content_hash, file, text, published, ingested_at) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id",
            [f"h-{file}", file, text, published, now()],
        )
        return inserted_id(cur)


def test_rerun_of_both_sources_in_one_batch_keeps_the_shared_event(store):
    a = add_article(store, REPORT_A, "2019-07-23", "a.txt")
    b = add_article(store, REPORT_B, "2019-07-22", "b.txt")
    assert extract_articles(store, [a, b])["linked"] == 1
    # a is redone first and links to the event b now owns; redoing b must see that link
    # (written in the same transaction) rather than delete the event under it.
    summary = extract_articles(store, [a, b], rerun=True, workers=1)
    assert summary["articles"] == 2
    events = store.query("SELECT id FROM events WHERE sub_event_type = 'Air/drone strike'")
    assert len(events) == 1
    sources = store.query(
        "SELECT article_id FROM event_sources WHERE event_id = ?", [events[0]["id"]]
    )
    assert sorted(s["article_id"] for s in sources) == [a, b]
