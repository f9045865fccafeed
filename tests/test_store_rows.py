"""Writes beside each other on a PostgreSQL server (store/rows.py), each rule raced by two
connections: decisions on different events do not wait for each other; on the same event
the second waits and is refused as stale naming the first; a new name, a multi-row undo
and everything else run alone; one analyst's actions keep their order; derived counts
(article_odds) and the change feed stay right when commits finish out of id order. And a
SQLite file keeps its one writer."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from names_fixtures import article

from workbench.store import ConflictError, Store, StoreError, undo
from workbench.store.changes import change
from workbench.store.events import add_event, merge_events, set_status, update_event
from workbench.store.live import ChangeFeed
from workbench.store.models import save_odds

WAIT = 10.0  # seconds a thread may take before the test calls it stuck
BLOCKED = 0.7  # seconds a write must go on waiting to count as blocked


CONFIRMABLE = {
    "event_date": "2024-03-01",
    "sub_event_type": "Armed clash",
    "actor1": "Military Forces of Syria",
    "location": "Idlib",
}


@pytest.fixture
def server(pg_url):
    with Store(pg_url, analyst="setup") as setup:
        art = article(setup, "Shelling hit the town. Clashes followed.", "a.txt")
        ids = [add_event(setup, art if n < 4 else None, CONFIRMABLE) for n in range(6)]
    return pg_url, art, ids


class Run:
    """A call on a thread of its own: its result or error, once it ends."""

    def __init__(self, call: Callable[[], object]):
        self.result: object = None
        self.error: BaseException | None = None

        def body() -> None:
            try:
                self.result = call()
            except BaseException as exc:  # handed to the test
                self.error = exc

        self.thread = threading.Thread(target=body, daemon=True)
        self.thread.start()

    def done(self, timeout: float = WAIT) -> bool:
        self.thread.join(timeout)
        return not self.thread.is_alive()

    def value(self) -> object:
        assert self.done(), "the write never ended"
        if self.error is not None:
            raise self.error
        return self.result


@contextmanager
def held(url: str, analyst: str, event_id: int, status: str = "confirmed") -> Iterator[None]:
    """A decision on `event_id` written beside others and held open (its row locked, not
    committed) for the length of the block; committed at its end."""
    started, release = threading.Event(), threading.Event()

    def decide() -> None:
        with (
            Store(url, analyst=analyst) as store,
            change(store, "confirm-event", shared=True) as tx,
        ):
            tx.update("events", event_id, {"status": status}, current=tx.get("events", event_id))
            started.set()
            release.wait(WAIT)

    run = Run(decide)
    assert started.wait(WAIT), run.error
    try:
        yield
    finally:
        release.set()
        run.value()


def test_decisions_on_different_events_do_not_wait_for_each_other(server):
    url, _, ids = server
    with held(url, "ann", ids[0]), Store(url, analyst="bob") as bob:
        other = Run(lambda: set_status(bob, ids[1], "rejected"))
        # Under one write lock for all, bob would wait until ann commits.
        assert other.done(), "bob's decision on another event waited for ann's"
        assert other.value()["status"] == "rejected"


def test_same_event_waits_then_is_refused_as_stale_naming_who(server):
    url, _, ids = server
    with Store(url, analyst="bob") as bob:
        version = bob.row("events", ids[0])["version"]
        with held(url, "ann", ids[0]):
            late = Run(lambda: update_event(bob, ids[0], {"notes": "b"}, expected_version=version))
            assert not late.done(BLOCKED), "bob's write did not wait for ann's row lock"
        with pytest.raises(ConflictError, match=r"event \d+ was changed by ann .*confirm-event"):
            late.value()
        assert bob.row("events", ids[0])["notes"] in (None, "")
        assert bob.row("events", ids[0])["status"] == "confirmed"


def test_a_new_name_is_written_alone_and_only_once(server):
    url, _, ids = server
    with Store(url, analyst="bob") as bob, Store(url, analyst="cat") as cat:
        with held(url, "ann", ids[0]):
            # A name nobody has used: its entity is created with the lock alone, so bob
            # waits for ann's write to end, however unrelated the event.
            first = Run(lambda: update_event(bob, ids[1], {"actor1": "Brand New Brigade"}))
            second = Run(lambda: update_event(cat, ids[2], {"actor1": "Brand New Brigade"}))
            assert not first.done(BLOCKED), "a new name was created beside another write"
        first.value(), second.value()
        assert (
            bob.scalar("SELECT count(*) FROM entities WHERE canonical = 'Brand New Brigade'") == 1
        )
        actor = {bob.row("events", i)["actor1_id"] for i in ids[1:3]}
        assert len(actor) == 1 and None not in actor


def test_one_analysts_undo_waits_for_their_own_write_in_another_window(server):
    url, _, ids = server
    with Store(url, analyst="ann") as ann_here, Store(url, analyst="ann") as ann_there:
        set_status(ann_here, ids[1], "rejected")  # an older action of hers
        with held(url, "ann", ids[0]):
            undone = Run(lambda: undo(ann_there))
            assert not undone.done(BLOCKED), "ann's undo did not wait for her own write"
        newest = ann_here.scalar("SELECT max(id) FROM actions WHERE action = 'confirm-event'")
        assert undone.value().ref == newest  # the write that was under way, not the older
        assert ann_here.row("events", ids[0])["status"] == "proposed"
        assert ann_here.row("events", ids[1])["status"] == "rejected"


def test_undo_of_a_merge_runs_alone(server):
    url, _, ids = server
    with Store(url, analyst="ann") as ann:
        merge_events(ann, ids[2], [ids[3]])
        with held(url, "bob", ids[5]):
            undone = Run(lambda: undo(ann))
            assert not undone.done(BLOCKED), "a merge's undo ran beside another write"
        assert undone.value().action == "merge-events"
        assert ann.row("events", ids[3])["status"] == "proposed"


def test_a_status_change_recounts_doubts_after_the_last_writer(server):
    url, art, ids = server
    with Store(url, analyst="setup") as setup:
        save_odds(setup, "m", [(ids[0], 0.1), (ids[1], 0.2)])
        assert setup.scalar("SELECT doubted FROM article_odds WHERE article_id = ?", [art]) == 2
    with Store(url, analyst="bob") as bob:
        with held(url, "ann", ids[0]):
            other = Run(lambda: set_status(bob, ids[1], "confirmed"))
            assert not other.done(BLOCKED), "bob's recount did not wait for ann's"
        other.value()
        # Counted under the article's lock after ann's commit: neither proposal is doubted.
        assert bob.scalar("SELECT doubted FROM article_odds WHERE article_id = ?", [art]) == 0


def test_the_feed_keeps_an_action_that_commits_after_a_higher_one(server):
    import psycopg

    url, _, _ = server
    feed = ChangeFeed(url, "watcher")
    insert = (
        "INSERT INTO actions (analyst, ts, action, target, before, after, undoable) "
        "VALUES (%s, '2024-01-01T00:00:00Z', 'edit-event', 'events:1', '{}', '{}', 1) RETURNING id"
    )
    with psycopg.connect(url) as early, psycopg.connect(url) as late:
        low = early.execute(insert, ["early"]).fetchone()[0]  # not committed yet
        high = late.execute(insert, ["late"]).fetchone()[0]
        late.commit()
        assert high > low
        assert [c.action_id for c in feed.wait(1.0)] == [high]
        early.commit()
        assert [c.action_id for c in feed.wait(1.0)] == [low]
    feed.close()


def test_racing_decisions_and_undos_lose_nothing(server):
    """Three analysts on two events of one article and one other event, deciding, editing
    and undoing as fast as they can: no deadlock or other error, and every event ends as
    the log's last after-image of it says, its version counting every logged change."""
    url, _, ids = server
    events = [ids[0], ids[1], ids[4]]

    def analyst(name: str, seed: int) -> int:
        rng = random.Random(seed)
        refused = 0
        with Store(url, analyst=name) as store:
            for n in range(40):
                eid = rng.choice(events)
                try:
                    if rng.random() < 0.25:
                        undo(store)
                    elif rng.random() < 0.5:
                        version = store.row("events", eid)["version"]
                        status = rng.choice(["confirmed", "rejected", "proposed"])
                        set_status(store, eid, status, expected_version=version)
                    else:
                        version = store.row("events", eid)["version"]
                        update_event(store, eid, {"notes": f"{name}{n}"}, expected_version=version)
                except ConflictError:
                    refused += 1
        return refused

    runs = [Run(lambda n=n: analyst(f"a{n}", n)) for n in range(3)]
    for run in runs:
        run.value()  # a deadlock or any other error is raised here
    with Store(url, analyst="checker") as store:
        for eid in [*events, ids[2]]:
            key = f"events:{eid}"
            log = store.query(
                "SELECT a.after FROM action_targets t JOIN actions a ON a.id = t.action_id "
                "WHERE t.target = ? ORDER BY a.id",
                [key],
            )
            assert store.row("events", eid) == json.loads(log[-1]["after"])[key]
            assert store.row("events", eid)["version"] == len(log)


class Counting:
    """A store's connection, counting its round trips: each statement sent (with those
    deferred to go with it), and each use of the raw connection (what the store sends past
    its own tracking)."""

    def __init__(self, conn):
        self._conn = conn
        self.trips: list[str] = []

    def __getattr__(self, name):
        if name == "raw":
            self.trips.append("(raw)")
        return getattr(self._conn, name)

    def execute(self, sql, *args):
        self.trips.append(sql)
        return self._conn.execute(sql, *args)

    def execute_then(self, sql, *args):
        self.trips.append(sql)
        return self._conn.execute_then(sql, *args)

    def flush(self):
        self.trips.append("(flush)")
        return self._conn.flush()


NEW = {"actor1": "Brand New Brigade", "actor2": "brand new brigade"}


def test_a_decision_takes_few_round_trips(server):
    """Each round trip made under the event's row lock keeps the next analyst of that event
    waiting (and, on a busy machine, waits for a CPU twice). A confirm (with its checks),
    an edit and an undo, counted from the call to its return, notification included: 7, 7
    and 6 at first; 4, 4 and 4 once the articles' read, the names and the undo's top went
    with other statements and the notification with the COMMIT; now 2, 2 and 3: everything
    read under the locks goes in the round trip that takes them, and the row after the
    change is worked out here, so the UPDATE goes with the COMMIT."""
    url, _, ids = server
    with Store(url, analyst="ann") as store:
        store.conn = counting = Counting(store.conn)
        named = {"actor2": "Military Forces of Syria", "location": "Idlib"}  # known names
        for name, act, most in (
            ("confirm", lambda: set_status(store, ids[0], "confirmed"), 2),
            ("edit", lambda: update_event(store, ids[1], {"notes": "x", "fatalities": 2}), 2),
            ("undo", lambda: undo(store), 2),
            # The names' lookup goes with the locks (was 4 and 5: the lookup, the merge it
            # might follow and the place's kind, each a round trip under the locks).
            ("edit naming", lambda: update_event(store, ids[2], named), 2),
            ("undo", lambda: undo(store), 2),
            # A new name: the shared try ends once the lookup finds nothing (2), then the
            # action runs alone: locks with the lookup, the entity, its alias, COMMIT (was 8).
            ("edit naming a new actor", lambda: update_event(store, ids[3], NEW), 6),
        ):
            counting.trips.clear()
            act()
            assert len(counting.trips) <= most, (name, counting.trips)
        assert store.row("events", ids[1])["notes"] == ""  # the edit was undone
        assert store.row("events", ids[0])["status"] == "confirmed"
        assert store.row("events", ids[2])["actor2_id"] is None  # undone too
        row = store.row("events", ids[3])
        assert store.scalar("SELECT canonical FROM entities WHERE id = ?", [row["actor1_id"]]) == (
            "Brand New Brigade"
        )
        assert row["actor2_id"] == row["actor1_id"]  # named twice: one entity
        count = "SELECT COUNT(*) FROM entities WHERE canonical = ?"
        assert store.scalar(count, [NEW["actor1"]]) == 1


def test_a_failed_notification_fails_no_action(server, monkeypatch):
    """The notification goes after the COMMIT in the same round trip: if it fails, the
    action is still committed, reported as done, and the connection is clean for the next."""
    from workbench.store.backends import postgres

    monkeypatch.setattr(postgres, "NOTIFY", ["BEGIN", "SELECT 1 / 0", "COMMIT"])
    url, _, ids = server
    with Store(url, analyst="ann") as store:
        row = set_status(store, ids[5], "rejected")
        again = set_status(store, ids[5], "proposed", expected_version=row["version"])
        assert again["version"] == row["version"] + 1
    with Store(url, analyst="checker") as store:
        assert store.row("events", ids[5])["status"] == "proposed"
        actions = store.query("SELECT action FROM actions WHERE analyst = 'ann' ORDER BY id")
        assert [a["action"] for a in actions] == ["reject-event", "reopen-event"]


def test_a_sqlite_file_keeps_one_writer(tmp_path, monkeypatch):
    from workbench.store import db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    path = str(tmp_path / "one.db")
    with Store(path, analyst="ann") as ann, Store(path, analyst="bob") as bob, ann.write(True):
        assert not ann.shared
        with pytest.raises(StoreError, match="locked|busy"), bob.write(shared=True):
            pass
