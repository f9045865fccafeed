"""The change feed: another analyst's committed action reaches an open screen within a
second, on both backends; one's own actions are not reported back."""

from __future__ import annotations

import threading
import time

import pytest

from workbench.store import Store
from workbench.store.events import add_event, update_event
from workbench.store.live import ChangeFeed

pytestmark = pytest.mark.backends


def test_another_analysts_change_arrives_within_a_second(db_path):
    alice = Store(db_path, analyst="alice")
    eid = add_event(alice, None, {"sub_event_type": "Attack"})
    feed = ChangeFeed(db_path, "alice")
    update_event(alice, eid, {"notes": "mine"})  # alice's own: not reported

    def bob_edits():
        with Store(db_path, analyst="bob") as bob:
            update_event(bob, eid, {"notes": "bob's"})

    time.sleep(0.3)
    started = time.monotonic()
    threading.Thread(target=bob_edits).start()
    seen = []
    while not seen and time.monotonic() - started < 5:
        seen = feed.wait(1.0)
    delay = time.monotonic() - started
    feed.close()
    assert [(c.analyst, c.action, c.ids("events")) for c in seen] == [("bob", "edit-event", {eid})]
    assert delay < 1.0 + 0.5  # bob's own write takes part of it on a loaded machine
