"""The logged write path: versions, conflicts, undo/redo across processes (both backends)."""

from __future__ import annotations

import contextlib
import json
import random

import pytest

from workbench.store import ConflictError, Store, change, redo, undo
from workbench.store.changes import log_system
from workbench.store.events import add_event, merge_events, set_status, update_event
from workbench.store.history import redo_top, undo_top

pytestmark = pytest.mark.backends


def _event(store):
    return add_event(
        store,
        1,
        {"event_date": "2018-02-04", "sub_event_type": "Air/drone strike", "actor1": "Russia",
         "actor2": "Civilians", "location": "Kafr Nabl", "fatalities": 6},
        quote="after 3 airstrikes targeted Kafranbil",
    )  # fmt: skip


def test_update_bumps_version_and_logs_before_after(seeded):
    eid = _event(seeded)
    row = update_event(seeded, eid, {"fatalities": 7, "notes": "two sources"})
    assert row["version"] == 2 and row["fatalities"] == 7 and row["edited"] == 1
    action = seeded.query("SELECT * FROM actions ORDER BY id DESC LIMIT 1")[0]
    assert action["analyst"] == "tester" and action["action"] == "edit-event"
    before, after = json.loads(action["before"]), json.loads(action["after"])
    assert before[f"events:{eid}"]["fatalities"] == 6
    assert after[f"events:{eid}"]["fatalities"] == 7


def test_stale_version_is_refused_and_names_who(seeded, db_path):
    eid = _event(seeded)
    other = Store(db_path, analyst="bob")
    update_event(other, eid, {"fatalities": 9}, expected_version=1)
    with pytest.raises(ConflictError, match=r"event \d+ was changed by bob"):
        update_event(seeded, eid, {"fatalities": 8}, expected_version=1)
    assert seeded.row("events", eid)["fatalities"] == 9


def test_invalid_values_save_nothing(seeded):
    eid = _event(seeded)
    n = seeded.scalar("SELECT count(*) FROM actions")
    for bad in ({"event_date": "2018-02-30"}, {"fatalities": "-1"}, {"sub_event_type": "Picnic"},
                {"date_precision": "year"}, {"fatalities_low": 9, "fatalities_high": 2}, {"colour": "red"}):  # fmt: skip
        with pytest.raises(ValueError):
            update_event(seeded, eid, bad)
    assert seeded.scalar("SELECT count(*) FROM actions") == n
    assert seeded.row("events", eid)["version"] == 1


def test_undo_redo_restores_exact_values_from_a_new_process(seeded, db_path):
    eid = _event(seeded)
    original = seeded.row("events", eid)
    update_event(
        seeded, eid, {"actor1": "Military Forces of Russia", "fatalities": 5, "notes": "x"}
    )
    changed = seeded.row("events", eid)
    again = Store(db_path, analyst="tester")  # a fresh connection, as after a restart
    assert undo(again).action == "edit-event"
    restored = again.row("events", eid)
    strip = lambda r: {k: v for k, v in r.items() if k != "version"}  # noqa: E731
    assert strip(restored) == strip(original)
    third = Store(db_path, analyst="tester")
    assert redo(third).action == "edit-event"
    assert strip(third.row("events", eid)) == strip(changed)
    # the entity created by the edit came back with the redo, and is gone after undo
    assert (
        third.scalar("SELECT count(*) FROM entities WHERE canonical = 'Military Forces of Russia'")
        == 1
    )
    undo(third)
    assert (
        third.scalar("SELECT count(*) FROM entities WHERE canonical = 'Military Forces of Russia'")
        == 0
    )


def test_undo_is_per_analyst_and_refuses_over_others_changes(seeded, db_path):
    eid = _event(seeded)
    set_status(seeded, eid, "confirmed")
    bob = Store(db_path, analyst="bob")
    assert undo(bob) is None  # bob has done nothing
    update_event(bob, eid, {"notes": "bob was here"})
    with pytest.raises(ConflictError, match="bob"):
        undo(seeded)
    assert seeded.row("events", eid)["status"] == "confirmed"


def test_new_action_clears_redo(seeded):
    eid = _event(seeded)
    set_status(seeded, eid, "confirmed")
    undo(seeded)
    set_status(seeded, eid, "rejected")
    assert redo(seeded) is None
    assert seeded.row("events", eid)["status"] == "rejected"


def test_merge_events_is_one_undoable_action(seeded):
    a = _event(seeded)
    b = add_event(seeded, 3, {"event_date": "2018-02-04", "sub_event_type": "Air/drone strike",
                             "actor1": "Russia", "fatalities": 8}, quote="another report")  # fmt: skip
    merge_events(seeded, a, [b])
    assert seeded.row("events", b)["status"] == "merged"
    assert seeded.scalar("SELECT count(*) FROM event_sources WHERE event_id = ?", [a]) == 2
    keep = seeded.row("events", a)
    assert (keep["fatalities"], keep["fatalities_low"], keep["fatalities_high"]) == (6, 6, 8)
    undo(seeded)
    assert seeded.row("events", b)["status"] == "proposed"
    assert seeded.scalar("SELECT count(*) FROM event_sources WHERE event_id = ?", [a]) == 1


def test_a_merge_fills_a_missing_date_with_its_precision(seeded):
    keep = add_event(seeded, 1, {"sub_event_type": "Air/drone strike"}, quote="a strike")
    dated = add_event(seeded, 3, {"event_date": "2018-02-01", "date_precision": "month",
                                  "sub_event_type": "Air/drone strike"}, quote="in February")  # fmt: skip
    merge_events(seeded, keep, [dated])
    row = seeded.row("events", keep)
    assert (row["event_date"], row["date_precision"]) == ("2018-02-01", "month")


def test_rolled_back_change_logs_nothing(seeded):
    eid = _event(seeded)
    n = seeded.scalar("SELECT count(*) FROM actions")
    with pytest.raises(RuntimeError), change(seeded, "edit-event") as tx:
        tx.update("events", eid, {"notes": "half"})
        raise RuntimeError("crash mid-action")
    assert seeded.scalar("SELECT count(*) FROM actions") == n
    assert seeded.row("events", eid)["notes"] == ""


def test_first_decision_puts_the_article_in_review_in_the_same_action(seeded):
    _event(seeded)  # adding an event to article 1 is a decision on it
    assert seeded.row("articles", 1)["status"] == "in_review"
    undo(seeded)  # one undo puts both the event and the article status back
    assert seeded.row("articles", 1)["status"] == "new"
    assert seeded.scalar("SELECT count(*) FROM events") == 0
    add_event(seeded, None, {"sub_event_type": "Armed clash"})  # no article: nothing moves
    assert {r["status"] for r in seeded.query("SELECT status FROM articles")} == {"new"}
    eid = add_event(seeded, 2, {"sub_event_type": "Armed clash"}, quote="q")
    with change(seeded, "toggle-article-done") as tx:
        tx.update("articles", 2, {"status": "done"})
    set_status(seeded, eid, "confirmed")
    assert seeded.row("articles", 2)["status"] == "done"  # a done article stays done


def test_a_decision_or_an_edit_puts_a_new_article_in_review(seeded):
    """The articles' read goes with the event's UPDATE (on a server, in its round trip):
    still in the same action, undone with it."""
    eid = add_event(seeded, 2, {"sub_event_type": "Armed clash"}, quote="q")
    decide = lambda: set_status(seeded, eid, "rejected")  # noqa: E731
    edit = lambda: update_event(seeded, eid, {"notes": "seen"})  # noqa: E731
    for act in (decide, edit):
        with change(seeded, "reopen-article") as tx:
            tx.update("articles", 2, {"status": "new"})
        act()
        assert seeded.row("articles", 2)["status"] == "in_review"
        last = seeded.query("SELECT target FROM actions ORDER BY id DESC LIMIT 1")[0]
        assert last["target"] == f"events:{eid} articles:2"
        undo(seeded)
        assert seeded.row("articles", 2)["status"] == "new"


def _replayed_stacks(store: Store, analyst: str) -> tuple[list[int], list[int]]:
    """The undo and redo stacks by replaying the analyst's whole log (how history.py read
    them before it read only their tops)."""
    done: list[int] = []
    undone: list[int] = []
    for row in store.query(
        "SELECT id, action, undoable, ref FROM actions WHERE analyst = ? "
        "AND (undoable = 1 OR action IN ('undo', 'redo')) ORDER BY id",
        [analyst],
    ):
        if row["action"] == "undo":
            if done and done[-1] == row["ref"]:
                undone.append(done.pop())
        elif row["action"] == "redo":
            if undone and undone[-1] == row["ref"]:
                done.append(undone.pop())
        elif row["undoable"]:
            done.append(row["id"])
            undone.clear()
    return done, undone


def test_undo_and_redo_tops_match_replaying_the_log(store, db_path):
    """Random histories of two analysts (actions, undos, redos, refusals, system rows): the
    tops undo and redo read by index are those of the replayed log after every step."""
    rng = random.Random(17)
    bob = Store(db_path, analyst="bob")
    ids = {s.analyst: [add_event(s, None, {"sub_event_type": "Armed clash"}) for _ in range(3)]
           for s in (store, bob)}  # fmt: skip
    shared = ids["tester"][0]  # bob's edits here make some of tester's undos refused
    for step in range(160):
        who = store if rng.random() < 0.7 else bob
        r = rng.random()
        with contextlib.suppress(ConflictError):
            if r < 0.35:
                undo(who)
            elif r < 0.6:
                redo(who)
            elif r < 0.65:
                log_system(who, "extract-run", "runs:1", {"n": step})
            else:
                eid = shared if who is bob and r > 0.95 else rng.choice(ids[who.analyst])
                update_event(who, eid, {"notes": f"{who.analyst} {step}"})
        for s in (store, bob):
            done, undone = _replayed_stacks(store, s.analyst)
            assert undo_top(s) == (done[-1] if done else None), step
            assert redo_top(s) == (undone[-1] if undone else None), step
    bob.close()


def test_the_logged_after_image_is_the_row_stored(seeded):
    """A decision's or an edit's row after the change is worked out by the store, not read
    back from the database (on a server the UPDATE then goes with the COMMIT): after every
    kind of change, and its undo and redo, the log's after-image, the row returned and the
    row stored are equal, types included."""
    eid = _event(seeded)
    article = add_event(seeded, 2, {"sub_event_type": "Armed clash"}, quote="q")
    with change(seeded, "reopen-article") as tx:  # a decision puts article 2 in review
        tx.update("articles", 2, {"status": "new"})
    steps = [
        lambda: update_event(seeded, eid, {"fatalities": 9, "notes": "a\x1b[31m note\x00"}),
        lambda: update_event(seeded, eid, {"confidence": 1, "fatalities_low": 2}),
        lambda: update_event(seeded, eid, {"confidence": "0.1", "fatalities_high": 12}),
        lambda: update_event(seeded, eid, {"event_date": "2018-02-01", "fatalities": ""}),
        lambda: update_event(seeded, eid, {"sub_event_type": "Shelling/artillery/missile attack"}),
        lambda: update_event(seeded, eid, {"actor1": "A Group Never Named Before"}),
        lambda: update_event(seeded, eid, {"location": "Idlib", "assoc_actor_1": "Russia; X"}),
        lambda: update_event(seeded, eid, {"geo_precision": 3, "date_precision": "month"}),
        lambda: set_status(seeded, eid, "confirmed"),
        lambda: set_status(seeded, eid, "rejected"),
        lambda: set_status(seeded, article, "confirmed"),
        lambda: undo(seeded),
        lambda: redo(seeded),
        lambda: set_status(seeded, eid, "proposed"),
        lambda: undo(seeded),
        lambda: undo(seeded),
        lambda: redo(seeded),
    ]
    for n, step in enumerate(steps):
        returned = step()
        action = seeded.query("SELECT target, after FROM actions ORDER BY id DESC LIMIT 1")[0]
        after = json.loads(action["after"])
        for target in action["target"].split():
            table, row_id = target.split(":")
            stored = seeded.row(table, int(row_id))
            assert after[target] == stored, (n, target)
            assert json.dumps(after[target]) == json.dumps(stored), (n, target)  # 1 vs 1.0
            if isinstance(returned, dict) and table == "events" and stored["id"] == returned["id"]:
                assert returned == stored, n
    assert seeded.row("articles", 2)["status"] == "in_review"
