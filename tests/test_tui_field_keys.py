"""Pilot tests of curation at typing speed: a key per field, the best match with one key,
a new name asked about once, and the form's keyboard bugs (early keys, Esc, unsaved edits,
someone else's change). The tests that write (names matched or created, edits, a second
analyst's change, sources) run on both backends: a SQLite file and the session's PostgreSQL
server."""

from __future__ import annotations

import pytest
from textual import events
from tui_support import build_db, event_row, held, make_app, open_review, press, settle

from workbench.store import Store
from workbench.store.events import update_event


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def db(db_path):
    path = db_path
    return path, build_db(path)


def entity_id(path: str, name: str) -> int | None:
    with Store(path, analyst="checker") as store:
        return store.scalar("SELECT id FROM entities WHERE canonical = ?", [name])


@pytest.mark.backends
async def test_fix_actor_in_five_keys_best_match_replaces_the_value(db):
    path, ids = db
    e2 = ids["events"][1]  # actor1 Free Syrian Army
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "down")
        keys = ["3", "I", "s", "l", "enter"]  # field key, first letters, enter
        await pilot.press(*keys[:1])
        await settle(pilot, app)
        form = app.screen
        assert form.query_one("#f-actor1").input.has_focus
        await pilot.press(*keys[1:4])
        await settle(pilot, app)
        assert form.query_one("#f-actor1").value == "Isl"  # typing replaced the old value
        await press(pilot, app, *keys[4:])
        assert type(app.screen).__name__ == "ReviewScreen"
    assert len(keys) <= 6
    row = event_row(path, e2)
    assert row["actor1_id"] == ids["isis"] and row["version"] == 2
    assert row["location"] if "location" in row else row["place_id"] == ids["idlib"]


@pytest.mark.backends
async def test_fix_date_fatalities_and_type_by_field_keys(db):
    path, ids = db
    e1 = ids["events"][0]  # article published 2018-02-05
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "1", "4", "enter")  # a bare day: the latest 4th
        await press(pilot, app, "6", "d", "o", "z", "e", "n", "s", "enter")
        await press(pilot, app, "2", "A", "i", "r", "enter")
    row = event_row(path, e1)
    assert (row["event_date"], row["date_precision"]) == ("2018-02-04", "day")
    assert row["fatalities"] == 12 and "dozens" in row["notes"] and "ACLED" in row["notes"]
    assert (row["sub_event_type"], row["event_type"]) == (
        "Air/drone strike",
        "Explosions/Remote violence",
    )


@pytest.mark.backends
async def test_a_typo_never_silently_becomes_a_new_actor(db):
    path, ids = db
    e1 = ids["events"][0]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "4", *"Qqzx Brigade", "enter")
        assert type(app.screen).__name__ == "EditEventScreen"  # asked, nothing saved
        assert "enter again creates it" in str(app.screen.query_one("#f-actor2 .hint").render())
        assert event_row(path, e1)["version"] == 1
        await press(pilot, app, "enter")
        assert type(app.screen).__name__ == "ReviewScreen"
    new = entity_id(path, "Qqzx Brigade")
    assert new is not None and event_row(path, e1)["actor2_id"] == new


async def type_before_the_names(pilot, app, *keys: str) -> None:
    """On the first event, `keys` typed while the edit form's names are held back (as on a
    busy server): nothing is decided meanwhile; then the names arrive."""
    await open_review(pilot, app)
    gate = held(app, "names")
    await pilot.press(*keys)
    await pilot.pause()
    assert type(app.screen).__name__ == "EditEventScreen"  # nothing decided without them
    gate.set()
    await settle(pilot, app)


@pytest.mark.backends
async def test_enter_typed_before_the_names_load_takes_the_suggestion(db):
    """A field key, a name's first letters and enter typed before the form's names have
    loaded: enter waits for them and takes the suggestion the form would show (the letters
    were saved as a new place: the field had no names to match them against)."""
    path, ids = db
    e1 = ids["events"][0]  # at Kafranbil
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_before_the_names(pilot, app, "5", *"Idl", "enter")
        assert type(app.screen).__name__ == "ReviewScreen"
    row = event_row(path, e1)
    assert row["place_id"] == ids["idlib"] and row["version"] == 2
    assert entity_id(path, "Idl") is None


@pytest.mark.backends
async def test_save_typed_before_the_names_load_still_asks_about_a_new_name(db):
    """ctrl+s typed before the names have loaded: a name matching none is asked about, as
    once they are there (it became a new actor silently: nothing was known to be new)."""
    path, ids = db
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_before_the_names(pilot, app, "4", *"Qqzx", "ctrl+s")
        assert type(app.screen).__name__ == "EditEventScreen"  # asked, nothing saved
        assert "match no entity" in str(app.screen.query_one("#edit-error").render())
        assert app.screen.query_one("#f-actor2").value == "Qqzx"
    assert event_row(path, ids["events"][0])["version"] == 1
    assert entity_id(path, "Qqzx") is None


async def test_names_that_never_come_leave_the_form_closable_and_create_nothing(db, monkeypatch):
    """The names' read meets the server gone: the keys held for them act (Esc closes the
    form) and a typed name is not saved unchecked."""
    path, ids = db
    app = make_app(path)

    class Gone(Exception):
        pass

    def gone(*args):
        raise Gone("the server went away")

    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        app.gateway.names = gone
        monkeypatch.setattr(app.gateway.store.sql, "is_lost", lambda exc: isinstance(exc, Gone))
        await press(pilot, app, "4", *"Qqzx", "ctrl+s")
        assert type(app.screen).__name__ == "EditEventScreen"
        assert "names have not loaded" in str(app.screen.query_one("#edit-error").render())
        await press(pilot, app, "escape", "escape")  # unsaved: asked, then dropped
        assert type(app.screen).__name__ == "ReviewScreen"
    assert event_row(path, ids["events"][0])["version"] == 1
    assert entity_id(path, "Qqzx") is None


async def test_keys_typed_while_the_form_builds_are_kept(db):
    """Bug 2: keys typed in the first moments after the field key were lost."""
    path, ids = db
    e2 = ids["events"][1]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "down")
        # As a fast typist: every key queued before the app runs any of them.
        for key in ("3", "I", "s", "l"):
            app._driver.send_message(events.Key(key, key))
        await settle(pilot, app)
        assert app.screen.query_one("#f-actor1").value == "Isl"
        await press(pilot, app, "enter")
    assert event_row(path, e2)["actor1_id"] == ids["isis"]


async def test_escape_asks_before_dropping_typed_values(db):
    """Bug 12: unsaved edits were lost silently on Esc and ctrl+q."""
    path, ids = db
    e1 = ids["events"][0]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "0", *"checked")
        await press(pilot, app, "escape")
        assert type(app.screen).__name__ == "EditEventScreen"
        assert "Unsaved changes" in str(app.screen.query_one("#edit-error").render())
        await press(pilot, app, "ctrl+q")
        assert app.is_running and type(app.screen).__name__ == "EditEventScreen"
        await press(pilot, app, "ctrl+s")
        assert type(app.screen).__name__ == "ReviewScreen"
        # Nothing typed: Esc closes at once.
        await press(pilot, app, "e", "escape")
        assert type(app.screen).__name__ == "ReviewScreen"
    assert event_row(path, e1)["notes"] == "checked"


async def test_escape_then_a_letter_read_as_alt_letter_is_both(db):
    """Bug 11: Esc and a quick letter reach the app as alt+letter; in the form that is Esc,
    then the letter for the review screen (here: confirm)."""
    path, ids = db
    e1 = ids["events"][0]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "e")
        assert type(app.screen).__name__ == "EditEventScreen"
        await press(pilot, app, "alt+c")
        assert type(app.screen).__name__ == "ReviewScreen"
    assert event_row(path, e1)["status"] == "confirmed"


@pytest.mark.backends
async def test_someone_elses_change_keeps_the_typed_edit(db):
    """Bug 10: a refused change threw the typed edit away."""
    path, ids = db
    e1 = ids["events"][0]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "e")
        form = app.screen
        with Store(path, analyst="bob") as store:
            update_event(store, e1, {"fatalities": 9})
        form.query_one("#f-notes").value = "my note"
        await press(pilot, app, "ctrl+s")
        assert type(app.screen).__name__ == "EditEventScreen"  # still open, value kept
        assert form.query_one("#f-notes").value == "my note"
        other = str(form.query_one("#edit-other").render())
        assert "Fatalities: 9" in other and "version 2" in other
        await press(pilot, app, "ctrl+s")  # save over it: only the field I changed
        assert type(app.screen).__name__ == "ReviewScreen"
    row = event_row(path, e1)
    assert (row["notes"], row["fatalities"]) == ("my note", 9)


@pytest.mark.backends
async def test_two_quotes_of_one_article_are_one_source(db):
    """Bug 4: "sources 2 articles" when both sources were one article."""
    path, ids = db
    e1, e2 = ids["events"][:2]  # two sentences of article 1
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "m")  # keep e1
        screen = app.screen
        await press(pilot, app, *["down"] * [e.id for e in screen.events].index(e2), "m")
        await settle(pilot, app)
        kept = next(e for e in app.screen.events if e.id == e1)
        assert kept.sources == 1
        assert "2 articles" not in str(app.screen.query_one("EventFields").render())
    with Store(path, analyst="checker") as store:
        assert store.scalar("SELECT count(*) FROM event_sources WHERE event_id = ?", [e1]) == 2


async def test_a_toast_about_one_article_does_not_follow_to_the_next(db):
    """Bug 9: a toast about the previous article stayed on the next one."""
    path, ids = db
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "m")  # "Event 1 kept; select the duplicate ..."
        assert any("kept" in n.message for n in app._notifications)
        await press(pilot, app, "n")
        assert app.screen.article_id == ids["articles"][1]
        assert not any("kept" in n.message for n in app._notifications)
