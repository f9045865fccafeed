"""Pilot tests: the model's suggestion on the review screen, and retraining in a worker;
on both backends (a SQLite file and the session's PostgreSQL server: the model and its
scores are stored beside the events)."""

from __future__ import annotations

import pytest
from export_helpers import relax_confirm_rules
from tui_support import build_db, event_row, make_app, open_review, press, screen_text, settle

from workbench.base.codebook import load_codebook
from workbench.learn.definitions import matching_text
from workbench.store import Store
from workbench.store.events import add_event, set_status
from workbench.store.models import load_model
from workbench.tui.widgets.name_field import NameField

pytestmark = pytest.mark.backends


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def db(db_path):
    path = db_path
    return path, build_db(path)


async def test_an_untyped_event_shows_the_suggestion_and_why(db):
    path, ids = db
    quote = matching_text(load_codebook()["Grenade"])
    with Store(path, analyst="fixture") as store:
        untyped = add_event(store, 1, {}, quote=quote)
    app = make_app(path)
    # Wide enough that the type's name is not wrapped beside the field keys' labels.
    async with app.run_test(size=(150, 50)) as pilot:
        await open_review(pilot, app)
        ids = [e.id for e in app.screen.events]
        assert untyped in ids, ids
        app.screen.select(ids.index(untyped))
        await settle(pilot, app)
        text = screen_text(app)
        assert "suggested" in text and "Grenade (Explosions/Remote violence)" in text
        assert "nearest codebook definition" in text
        # The suggested type's codebook definition is shown to check it against.
        definition = load_codebook()["Grenade"].definition
        assert "definition " + " ".join(definition.split()[:3]) in text
        # The edit form ranks the types for the event's evidence, with scores.
        await pilot.press("e")
        await settle(pilot, app)
        assert "Model: Grenade" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot, app)
        # A rule's typed event gets no day-one opinion, and nothing is re-typed.
        app.screen.select(0)
        await settle(pilot, app)
        assert "suggested" not in screen_text(app) and "would say" not in screen_text(app)
    with Store(path) as store:
        assert store.row("events", untyped)["sub_event_type"] == ""


async def test_the_type_list_is_ranked_by_the_model_and_enter_alone_keeps_a_type(db):
    path, ids = db
    quote = matching_text(load_codebook()["Grenade"])
    with Store(path, analyst="fixture") as store:
        untyped = add_event(store, 1, {}, quote=quote)
        typed = store.row("events", ids["events"][0])["sub_event_type"]
    app = make_app(path)
    async with app.run_test(size=(150, 50)) as pilot:
        await open_review(pilot, app)
        events = [e.id for e in app.screen.events]
        app.screen.select(events.index(untyped))
        await press(pilot, app, "2")  # the form, on the sub-event type field
        field = app.screen.query_one("#f-sub_event_type", NameField)
        assert field.ranked[0][0] == "Grenade" and len(field.ranked) == len(load_codebook())
        text = screen_text(app)
        assert "ranked by the model" in text and f"Grenade  {field.ranked[0][1]:.2f}" in text
        await press(pilot, app, "down", "enter")  # take the first: one field, enter saves
        assert event_row(path, untyped)["sub_event_type"] == "Grenade"
        # A rule's type: the list is ranked all the same, but enter keeps what is there.
        app.screen.select([e.id for e in app.screen.events].index(ids["events"][0]))
        await press(pilot, app, "2")
        assert app.screen.query_one("#f-sub_event_type", NameField).ranked
        await press(pilot, app, "enter")
        assert event_row(path, ids["events"][0])["sub_event_type"] == typed
        # Adding an event from a sentence: its type list is ranked for that sentence.
        await press(pilot, app, "a")
        field = app.screen.query_one("#f-sub_event_type", NameField)
        assert field.ranked and "Model: " in screen_text(app)


async def test_the_app_retrains_in_a_worker_when_decisions_changed(db):
    path, ids = db
    relax_confirm_rules(path)  # bare examples: only a type and a quote
    with Store(path, analyst="fixture") as store:
        for _ in range(3):
            add_event(
                store,
                1,
                {"sub_event_type": "Arrests"},
                quote="police detained him",
                status="confirmed",
            )
            set_status(store, add_event(store, 1, {}, quote="a speech on the economy"), "rejected")
    app = make_app(path)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot, app)
        for worker in list(app.workers):
            if worker.group == "learn":
                await worker.wait()
    with Store(path) as store:
        saved = load_model(store, "types")
        assert saved is not None and saved.meta["counts"] == {"Arrests": 3}
        assert saved.meta["rejected"] == 3


def test_the_learner_retrains_after_every_n_decisions_and_rescores(db):
    from workbench.tui.learning import RETRAIN_EVERY, Learner

    path, ids = db
    relax_confirm_rules(path)
    with Store(path, analyst="fixture") as store:
        for _ in range(3):
            add_event(store, 1, {"sub_event_type": "Arrests"}, quote="police detained him",
                      status="confirmed")  # fmt: skip
            set_status(store, add_event(store, 1, {}, quote="a speech on the economy"), "rejected")
    learner = Learner(path)
    assert learner.step() == 10  # trained at start, then every event scored
    assert learner.retrain_if_due() is False and learner.score_due() == 0
    with Store(path, analyst="fixture") as store:
        for n in range(RETRAIN_EVERY):
            assert learner.retrain_if_due() is False, n  # fewer than N new decisions
            add_event(store, 2, {"sub_event_type": "Arrests"}, quote=f"police detained {n}",
                      status="confirmed")  # fmt: skip
        saved = load_model(store, "types")
    assert learner.retrain_if_due() is True
    with Store(path) as store:
        assert load_model(store, "types").examples == saved.examples + RETRAIN_EVERY
    assert learner.score_due() == 10 + RETRAIN_EVERY  # a new model rescores every event
