"""Pilot tests: the review's sentence cursor moves by paragraph and to the next sentence
with an act word at a key each, and add-event fills the form from that sentence's own
words (issue 13), checked in the database (a SQLite file and a PostgreSQL server)."""

from __future__ import annotations

import threading

import pytest
from tui_support import make_app, open_review, press, settle

from workbench.store import Store, change, now
from workbench.store.entities import create_entity

pytestmark = pytest.mark.backends

TEXT = (
    "News from Idlib\n"
    "Russian warplanes bombed a market in Ariha on Monday. "
    "Rescue workers said 14 civilians were killed there.\n"
    "Officials in Damascus made no comment. Hours later, rebels of the Free Syrian Army "
    "attacked an army checkpoint near Idlib, killing two soldiers.\n"
    "The United Nations called for calm."
)


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def db(db_path):
    path = db_path
    with Store(path, analyst="fixture") as store:
        with change(store, "fixture-entities") as tx:
            fsa = create_entity(tx, "actor", "Free Syrian Army", origin="dictionary")
            idlib = create_entity(tx, "place", "Idlib", origin="dictionary")
        with store.write():
            store.conn.execute(
                "INSERT INTO articles (content_hash, file, title, outlet, published, "
                "published_source, text, boilerplate, ingested_at, extracted_at) "
                "VALUES ('h', 'a.txt', 'Rebels report clashes', 'Wire', '2019-07-23', "
                "'given', ?, '[]', ?, ?)",
                [TEXT, now(), now()],
            )
    return path, {"fsa": fsa, "idlib": idlib}


def rows(path: str, sql: str) -> list[dict]:
    with Store(path, analyst="checker") as store:
        return store.query(sql)


def under_cursor(app) -> str:
    view = app.screen.query_one("ArticleView")
    start, end = view.cursor_span
    return view.text[start:end]


async def test_paragraph_and_act_keys_move_the_cursor(db):
    path, _ = db
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        assert under_cursor(app) == "News from Idlib"
        await press(pilot, app, "right_curly_bracket")
        assert under_cursor(app).startswith("Russian warplanes")
        await press(pilot, app, "right_curly_bracket")
        assert under_cursor(app).startswith("Officials in Damascus")
        # No act word in "Officials ... made no comment": the next act is the attack.
        await press(pilot, app, "right_square_bracket")
        assert under_cursor(app).startswith("Hours later")
        await press(pilot, app, "left_curly_bracket")  # back to the paragraph's start
        assert under_cursor(app).startswith("Officials in Damascus")
        await press(pilot, app, "left_square_bracket")  # "were killed": an act word
        assert under_cursor(app).startswith("Rescue workers")
        await press(pilot, app, "left_square_bracket", "left_square_bracket")
        assert under_cursor(app).startswith("Russian warplanes")  # none before: it stays
        await press(pilot, app, "right_curly_bracket", "right_curly_bracket")
        assert under_cursor(app) == "The United Nations called for calm."
        await press(pilot, app, "right_square_bracket")
        assert under_cursor(app) == "The United Nations called for calm."
        # The first and the last sentence, a key each.
        await press(pilot, app, "home")
        assert under_cursor(app) == "News from Idlib"
        await press(pilot, app, "end")
        assert under_cursor(app) == "The United Nations called for calm."


async def test_a_jump_asked_before_the_act_words_are_read_is_not_lost(db, monkeypatch):
    from workbench.extract import propose

    path, _ = db
    read = propose.trigger_starts
    go = threading.Event()
    monkeypatch.setattr(propose, "trigger_starts", lambda *a: go.wait(10) and read(*a))
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.01)
            if type(app.screen).__name__ == "ReviewScreen" and app.screen.bundle:
                break
        assert app.screen.acts is None  # still being read
        await pilot.press("right_square_bracket")
        assert under_cursor(app) == "News from Idlib"
        go.set()
        await settle(pilot, app)
        assert under_cursor(app).startswith("Russian warplanes")


async def test_add_event_from_a_sentence_takes_that_sentences_words(db):
    path, ids = db
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot, app)
        # The bombing: its toll is in the next sentence, so the form has none.
        await press(pilot, app, "right_square_bracket", "a")
        form = app.screen
        assert type(form).__name__ == "EditEventScreen"
        assert form.query_one("#f-location").value == "Ariha"
        assert form.query_one("#f-sub_event_type").value == "Air/drone strike"
        assert form.query_one("#f-fatalities").value == ""
        await press(pilot, app, "escape", "escape")
        # Two paragraphs down and the next act: the attack, with its own actors and toll.
        await press(pilot, app, "right_curly_bracket", "right_square_bracket", "a")
        form = app.screen
        assert form.query_one("#f-actor1").value == "Free Syrian Army"
        assert form.query_one("#f-location").value == "Idlib"
        assert form.query_one("#f-fatalities").value == "2"
        assert form.query_one("#f-sub_event_type").value == "Armed clash"
        assert form.query_one("#f-event_date").value == "2019-07-22"
        await press(pilot, app, "ctrl+s")
        while type(app.screen).__name__ == "EditEventScreen":  # asked about new names once
            await press(pilot, app, "ctrl+s")
    (event,) = rows(path, "SELECT * FROM events")
    assert event["actor1_id"] == ids["fsa"] and event["place_id"] == ids["idlib"]
    assert (event["fatalities"], event["sub_event_type"]) == (2, "Armed clash")
    assert (event["event_date"], event["origin"]) == ("2019-07-22", "analyst")
    (source,) = rows(path, "SELECT * FROM event_sources")
    assert source["quote"].startswith("Hours later") and source["quote"].endswith("soldiers.")


async def test_an_event_added_from_a_sentence_naming_no_place_is_in_the_articles_country(db):
    path, ids = db
    with Store(path, analyst="fixture") as store:
        with change(store, "fixture-places") as tx:
            syria = create_entity(
                tx, "place", "Syria", attrs={"type": "country", "country": "Syria"}
            )
        with store.write():
            store.conn.execute(
                "UPDATE entities SET attrs = ? WHERE id = ?",
                ['{"type": "city", "country": "Syria"}', ids["idlib"]],
            )
            start = TEXT.index("Idlib")
            store.conn.execute(
                'INSERT INTO mentions (article_id, start, "end", text, kind, entity_id, rule, '
                "confidence) VALUES (1, ?, ?, 'Idlib', 'place', ?, 'fixture', 1.0)",
                [start, start + 5, ids["idlib"]],
            )
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "end", "a")  # "The United Nations called for calm."
        form = app.screen
        assert type(form).__name__ == "EditEventScreen"
        assert form.query_one("#f-location").value == "Syria"
        await press(pilot, app, "ctrl+s")
        while type(app.screen).__name__ == "EditEventScreen":
            await press(pilot, app, "ctrl+s")
    (event,) = rows(path, "SELECT * FROM events")
    assert (event["place_id"], event["geo_precision"]) == (syria, 3)


async def test_find_moves_the_cursor_to_the_next_sentence_holding_the_text(db):
    path, _ = db
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "ctrl+f", *"chec")
        assert under_cursor(app).startswith("Hours later")  # "checkpoint"
        await press(pilot, app, "enter", "a")  # kept there; keys reach the screen again
        form = app.screen
        assert type(form).__name__ == "EditEventScreen"
        assert form.query_one("#f-actor1").value == "Free Syrian Army"
        await press(pilot, app, "escape", "escape")
        assert type(app.screen).__name__ == "ReviewScreen"
        # From the cursor on, then from the top: "Idlib" is next in the attack's sentence.
        await press(pilot, app, "home", "ctrl+f", *"idlib")
        assert under_cursor(app).startswith("Hours later")
        await press(pilot, app, "escape")  # escape puts the cursor back
        assert under_cursor(app) == "News from Idlib"
        await press(pilot, app, "ctrl+f", *"zzz", "enter")  # nowhere: the cursor stays
        assert under_cursor(app) == "News from Idlib"
        await press(pilot, app, "right_curly_bracket")
        assert under_cursor(app).startswith("Russian warplanes")
