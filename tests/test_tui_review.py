"""Pilot tests of the review screen: press the bound keys, assert on the database (a SQLite
file and a PostgreSQL server: the analyst's whole flow on both)."""

from __future__ import annotations

import asyncio
import threading

import pytest
from textual import events
from tui_support import (
    build_db,
    event_row,
    held,
    make_app,
    open_review,
    press,
    screen_text,
    settle,
)

from workbench.store import Store
from workbench.tui.screens.review import ReviewScreen

pytestmark = pytest.mark.backends


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def db(db_path):
    return db_path, build_db(db_path)


def rows(path: str, sql: str, params=()) -> list[dict]:
    with Store(path, analyst="checker") as store:
        return store.query(sql, params)


async def test_confirm_moves_to_next_proposed_and_reject(db):
    path, ids = db
    e1, e2, e3, _ = ids["events"]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        assert app.screen.current.id == e1
        await pilot.press("c")
        assert app.screen.current.id == e2  # moved on at once, before the write landed
        await press(pilot, app, "x")
        assert app.screen.current.id == e3
        assert event_row(path, e1)["status"] == "confirmed"
        assert event_row(path, e1)["confirmed_by"] == "tester"
        assert event_row(path, e2)["status"] == "rejected"
        assert event_row(path, e3)["status"] == "proposed"
        assert "✓" in screen_text(app) and "✗" in screen_text(app)
    actions = [r["action"] for r in rows(path, "SELECT action FROM actions WHERE analyst='tester'")]
    assert actions == ["confirm-event", "reject-event"]


async def test_rapid_keys_apply_in_order_without_false_conflicts(db):
    path, ids = db
    e1, e2, e3, _ = ids["events"]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        # Confirm, go back to it and reject it, before the first write is acknowledged.
        await press(pilot, app, "c", "up", "x", "c")
        assert event_row(path, e1)["status"] == "rejected"
        assert event_row(path, e2)["status"] == "confirmed"
        assert event_row(path, e3)["status"] == "proposed"


async def test_undo_and_redo(db):
    path, ids = db
    e1 = ids["events"][0]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "c")
        assert event_row(path, e1)["status"] == "confirmed"
        await press(pilot, app, "u")
        assert event_row(path, e1)["status"] == "proposed"
        assert app.screen.events[0].status == "proposed"  # the view reloaded
        await press(pilot, app, "r")
        assert event_row(path, e1)["status"] == "confirmed"


async def test_edit_with_fuzzy_completed_actor(db):
    path, ids = db
    e2 = ids["events"][1]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "down", "e")
        actor = app.screen.query_one("#f-actor1")
        actor.input.value = ""
        actor.input.focus()
        await pilot.press(*"asad forc")  # a typo'd alias of "Syrian government forces"
        await settle(pilot, app)
        assert actor.suggestions and actor.suggestions[0].entity_id == ids["assad"]
        await pilot.press("down", "enter")
        assert actor.value == "Syrian government forces"
        notes = app.screen.query_one("#f-notes")
        notes.value = "shelling continued overnight"
        await press(pilot, app, "ctrl+s")
        assert type(app.screen).__name__ == "ReviewScreen"
    row = event_row(path, e2)
    assert row["actor1_id"] == ids["assad"]
    assert row["notes"] == "shelling continued overnight"
    assert row["edited"] == 1 and row["version"] == 2
    log = rows(path, "SELECT action, after FROM actions WHERE analyst='tester'")
    assert [r["action"] for r in log] == ["edit-event"]


async def test_new_name_creates_entity_and_invalid_value_saves_nothing(db):
    path, ids = db
    e1 = ids["events"][0]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "e")
        form = app.screen
        form.query_one("#f-actor2").input.value = "Hay'at Tahrir al-Sham"
        form.query_one("#f-fatalities").value = "lots"
        await press(pilot, app, "ctrl+s")
        assert type(app.screen).__name__ == "EditEventScreen"  # still open
        assert "not a count" in screen_text(app)
        assert event_row(path, e1)["version"] == 1  # nothing saved half-way
        form.query_one("#f-fatalities").value = "7"
        form.query_one("#f-event_date").value = "2018-02-30"
        await press(pilot, app, "ctrl+s")
        assert type(app.screen).__name__ == "EditEventScreen"
        assert event_row(path, e1)["version"] == 1
        form.query_one("#f-event_date").value = "2018-02-04"
        await press(pilot, app, "ctrl+s")
        # A name matching no entity is asked about once, then created.
        assert type(app.screen).__name__ == "EditEventScreen"
        assert "match no entity" in str(form.query_one("#edit-error").render())
        assert event_row(path, e1)["version"] == 1
        await press(pilot, app, "ctrl+s")
        assert type(app.screen).__name__ == "ReviewScreen"
    row = event_row(path, e1)
    assert (row["fatalities"], row["event_date"]) == (7, "2018-02-04")
    created = rows(path, "SELECT * FROM entities WHERE canonical = ?", ["Hay'at Tahrir al-Sham"])
    assert len(created) == 1 and row["actor2_id"] == created[0]["id"]


async def test_add_event_from_the_sentence_under_the_cursor(db):
    path, ids = db
    a1 = ids["articles"][0]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        view = app.screen.query_one("ArticleView")
        text = view.text
        target = text.index("The Free Syrian Army")
        while view.cursor_span[0] != target:
            await pilot.press("right")
        await press(pilot, app, "a")
        form = app.screen
        assert type(form).__name__ == "EditEventScreen"
        # Prefilled from what the extractor found in the sentence.
        assert form.query_one("#f-actor1").value == "Free Syrian Army"
        assert form.query_one("#f-location").value == "Idlib"
        form.query_one("#f-sub_event_type").input.value = "Armed clash"
        await press(pilot, app, "ctrl+s")
        assert type(app.screen).__name__ == "ReviewScreen"
        new_id = app.screen.current.id
    assert new_id not in ids["events"]
    row = event_row(path, new_id)
    assert row["actor1_id"] == ids["fsa"] and row["place_id"] == ids["idlib"]
    assert row["origin"] == "analyst" and row["sub_event_type"] == "Armed clash"
    (src,) = rows(path, "SELECT * FROM event_sources WHERE event_id = ?", [new_id])
    assert src["article_id"] == a1 and text[src["start"] : src["end"]] == src["quote"]
    assert src["quote"].startswith("The Free Syrian Army")


async def test_merge_two_events_keeps_both_sources(db):
    path, ids = db
    e1, _, e3, _ = ids["events"]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "m", "down", "down", "m")
        assert [e.id for e in app.screen.events] == [e1, ids["events"][1]]
    assert event_row(path, e3)["status"] == "merged"
    assert event_row(path, e3)["merged_into"] == e1
    sources = rows(path, "SELECT * FROM event_sources WHERE event_id = ?", [e1])
    assert len(sources) >= 1
    merged = rows(path, "SELECT action FROM actions WHERE analyst='tester'")
    assert [r["action"] for r in merged] == ["merge-events"]


async def test_next_article_and_toggle_done(db):
    path, ids = db
    a1, a2, a3 = ids["articles"]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        assert app.screen.article_id == a1
        await press(pilot, app, "d")
        assert rows(path, "SELECT status FROM articles WHERE id=?", [a1])[0]["status"] == "done"
        assert app.progress.articles_done == 1
        await press(pilot, app, "n")
        assert app.screen.article_id == a2
        assert app.screen.current.id == ids["events"][3]
        await press(pilot, app, "n", "p")
        assert app.screen.article_id == a2
        await press(pilot, app, "p", "d")
        assert app.screen.article_id == a1
    assert rows(path, "SELECT status FROM articles WHERE id=?", [a1])[0]["status"] == "in_review"


async def test_keys_typed_while_moving_act_on_the_article_moved_to(db):
    """'n d' typed faster than the next article loads marks the next article done, never
    the one being left (the keys are held until it arrives, then replayed)."""
    path, ids = db
    a1, a2, _ = ids["articles"]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        screen = app.screen
        gate = held(app, "neighbour")  # the move is still on its way while "d" is typed
        await pilot.press("n", "d")
        assert screen.article_id == a1
        gate.set()
        await settle(pilot, app)
        await app.wait_for_writes()
        assert screen.article_id == a2
    status = {r["id"]: r["status"] for r in rows(path, "SELECT id, status FROM articles")}
    assert status[a2] == "done" and status[a1] != "done"


async def test_keys_typed_in_one_burst_with_the_move_follow_it(db):
    """'n d' arriving in one read from the terminal: 'd' is queued before the move's action
    runs, and still marks the article moved to."""
    path, ids = db
    a1, a2, _ = ids["articles"]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        for key in ("n", "d"):
            app._driver.send_message(events.Key(key, key))
        await settle(pilot, app)
        await app.wait_for_writes()
        assert app.screen.article_id == a2
    status = {r["id"]: r["status"] for r in rows(path, "SELECT id, status FROM articles")}
    assert status[a2] == "done" and status[a1] != "done"


async def open_with_rows_held(pilot, app) -> tuple[ReviewScreen, threading.Event]:
    """The first article opened from the queue with its rows held back until the returned
    gate is set (as on a busy server): the review screen is drawn and takes keys, with no
    event current yet."""
    await settle(pilot, app)
    gate = held(app, "bundle")
    await pilot.press("enter")
    for _ in range(3):
        await pilot.pause()  # the screen is up (drawn, taking keys), its rows are not
    screen = app.screen
    assert isinstance(screen, ReviewScreen) and screen.current is None
    return screen, gate


async def test_a_key_typed_while_the_article_loads_acts_once_it_is_there(db):
    """A field key, the name's first letters and enter typed while the review screen's rows
    are still loading are held, and act on the first event once it is there (the key was
    lost: the screen refused event actions with no event current)."""
    path, ids = db
    e1 = ids["events"][0]  # the first proposed event of the first article: Kafranbil
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, gate = await open_with_rows_held(pilot, app)
        await pilot.press("5", *"Idl", "enter")  # location's key, first letters, enter
        await pilot.pause()
        assert app.screen is screen and screen.current is None  # held: nothing to act on
        gate.set()
        await settle(pilot, app)
        assert app.screen is screen and screen.current.id == e1  # the form came and went
    row = event_row(path, e1)
    assert row["place_id"] == ids["idlib"] and row["version"] == 2


@pytest.mark.parametrize("gap", [0, 1, 2, 3])
async def test_a_key_typed_right_after_enter_in_the_queue_is_held_too(db, gap):
    """A key typed so soon after the queue's enter that it is still queued on the queue
    screen when the review screen opens reaches the app from below: held as well (lost
    before). `gap`: event-loop turns between the two keys (which turns reach this path
    depends on Textual's dispatch; a regression fails at least one). 0: both in one read
    from the terminal, so the "5" reached the queue before the table's RowSelected did (the
    queue now opens the article in the enter's own handler)."""
    path, ids = db
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        app._driver.send_message(events.Key("enter", "\r"))
        for _ in range(gap):
            await asyncio.sleep(0)
        app._driver.send_message(events.Key("5", "5"))
        await settle(pilot, app)
        assert type(app.screen).__name__ == "EditEventScreen"
        assert app.screen.focus_field == "location"


async def test_the_footer_offers_the_event_keys_once_the_rows_arrive(db):
    """The footer is first drawn with no event current (no confirm key); once the rows
    arrive it offers the event keys (it kept the no-event ones)."""
    path, _ = db
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, gate = await open_with_rows_held(pilot, app)
        footer = {key.action for key in screen.query("FooterKey")}
        assert "confirm_event" not in footer and "add_event" in footer
        gate.set()
        await settle(pilot, app)
        assert screen.current is not None
        footer = {key.action for key in screen.query("FooterKey")}
        assert {"confirm_event", "reject_event", "edit_event"} <= footer, footer
        assert "Confirm" in screen_text(app).splitlines()[-1]


async def test_fix_mention_relinks_and_events_follow(db):
    path, ids = db
    e1, _, e3, _ = ids["events"]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await pilot.press("t")  # the Entities panel, focused on its first mention
        await settle(pilot, app)
        panel = app.screen.query_one("EntitiesPanel")
        assert panel.current().text == "Assad forces"
        await press(pilot, app, "f")
        field = app.screen.query_one("NameField")
        field.input.value = ""
        await pilot.press(*"Syrian Arab Army")
        await press(pilot, app, "enter")  # a new name: asked once ...
        assert type(app.screen).__name__ == "FixMentionScreen"
        await press(pilot, app, "enter")  # ... and kept
        assert type(app.screen).__name__ == "ReviewScreen"
    (new,) = rows(path, "SELECT * FROM entities WHERE canonical = 'Syrian Arab Army'")
    (mention,) = rows(path, "SELECT * FROM mentions WHERE text = 'Assad forces'")
    assert mention["entity_id"] == new["id"] and mention["edited"] == 1
    # Both events whose evidence holds the mention now name the new actor.
    assert event_row(path, e1)["actor1_id"] == new["id"]
    assert event_row(path, e3)["actor1_id"] == new["id"]
    assert event_row(path, ids["events"][1])["actor1_id"] == ids["fsa"]


async def test_fix_mention_enter_before_the_names_takes_the_suggestion(db):
    """A name's first letters and enter typed before the fix dialog's names have loaded:
    enter waits for them and takes the suggestion (a new entity was made of the letters)."""
    path, ids = db
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "t")  # the Entities panel, on "Assad forces"
        gate = held(app, "names")
        await pilot.press("f", *"Free Syr", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "FixMentionScreen"  # nothing decided yet
        gate.set()
        await settle(pilot, app)
        assert type(app.screen).__name__ == "ReviewScreen"
    (mention,) = rows(path, "SELECT * FROM mentions WHERE text = 'Assad forces'")
    assert mention["entity_id"] == ids["fsa"]
    assert not rows(path, "SELECT id FROM entities WHERE canonical = 'Free Syr'")


async def test_drop_mention(db):
    path, ids = db
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await pilot.press("t", "down")  # the second actor
        await settle(pilot, app)
        assert app.screen.query_one("EntitiesPanel").current().text == "Free Syrian Army"
        await press(pilot, app, "f")
        await press(pilot, app, "ctrl+r")
    (mention,) = rows(path, "SELECT * FROM mentions WHERE text = 'Free Syrian Army'")
    assert mention["status"] == "dropped"
    assert event_row(path, ids["events"][1])["actor1_id"] is None


async def test_conflict_is_refused_with_a_notice_and_reloads(db):
    path, ids = db
    e1 = ids["events"][0]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        # The screen's live feed would reload the row before the key (test_tui_live.py
        # covers that): stop it, so the confirmation is made against the version shown,
        # which the colleague has made stale, as on a busy server between two refreshes.
        app.workers.cancel_group(app.screen, "live")
        with Store(path, analyst="colleague") as other:
            from workbench.store.events import update_event

            update_event(other, e1, {"notes": "checked by a colleague"})
        assert app.screen.current.row["notes"] != "checked by a colleague"  # still stale
        await press(pilot, app, "c")
        assert event_row(path, e1)["status"] == "proposed"  # refused
        notices = [n.message for n in app._notifications]
        assert any("colleague" in m for m in notices)
        assert app.screen.events[0].row["notes"] == "checked by a colleague"  # reloaded


async def test_article_text_is_never_markup(db):
    path, ids = db
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app, row=2)
        assert app.screen.article_id == ids["articles"][2]
        text = screen_text(app)
        assert "[@click=app.quit]click me[/]" in text
        assert "[bold]bold[/bold]" in text
        assert app.is_running


async def test_no_color_keeps_every_state_visible(db, monkeypatch):
    path, ids = db
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot, app, row=1)  # an article with a blank line
        await press(pilot, app, "c")
        text = screen_text(app)
        assert "✓" in text and "┃" in text  # status mark and evidence bar, not colour
        assert event_row(path, ids["events"][3])["status"] == "confirmed"


async def test_a_place_without_coordinates_is_flagged(db):
    """An event at a place the gazetteer did not know (no coordinates) says so; a placed
    one does not."""
    path, ids = db
    with Store(path, analyst="fixture") as store, store.write():
        store.conn.execute(
            "UPDATE entities SET attrs = ? WHERE id = ?",
            ['{"latitude": 35.93, "longitude": 36.63}', ids["idlib"]],
        )
    e1, e2, _, _ = ids["events"]
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot, app)
        assert app.screen.current.id == e1  # at Kafranbil: no coordinates
        assert "place not in gazetteer" in screen_text(app)
        await press(pilot, app, "down")
        assert app.screen.current.id == e2  # at Idlib: placed
        assert "place not in gazetteer" not in screen_text(app)
