"""An event id is never handed out twice: a screen or an analyst holding the id of a deleted
proposal can never act on a different event by mistake."""

from __future__ import annotations

import pytest

from workbench.extract.run import extract_articles
from workbench.store import Store
from workbench.store.events import add_event
from workbench.store.history import undo

pytestmark = pytest.mark.backends


def _ids(store: Store) -> set[int]:
    return {r[0] for r in store.conn.execute("SELECT id FROM events")}


def test_a_rerun_never_reuses_the_ids_of_the_proposals_it_replaced(seeded):
    extract_articles(seeded, workers=1)
    first = _ids(seeded)
    assert first
    extract_articles(seeded, rerun=True, workers=1)
    second = _ids(seeded)
    new = second - first
    assert new and len(first - second) >= len(new) - 2  # proposals were replaced
    assert min(new) > max(first)  # by events with ids never used before


def test_an_undone_event_id_is_not_given_to_the_next_event(store):
    first = add_event(store, None, {"event_date": "2020-01-01", "sub_event_type": "Attack"})
    assert undo(store) is not None
    assert _ids(store) == set()
    second = add_event(store, None, {"event_date": "2020-01-02", "sub_event_type": "Attack"})
    assert second > first


def test_the_high_water_mark_survives_reopening(db_path):
    with Store(db_path, analyst="a") as store:
        first = add_event(store, None, {"event_date": "2020-01-01", "sub_event_type": "Attack"})
        undo(store)
    with Store(db_path, analyst="a") as store:
        second = add_event(store, None, {"event_date": "2020-01-03", "sub_event_type": "Attack"})
    assert second > first
