"""Pilot tests: the model's suggestion on the review screen, and retraining in a worker."""

from __future__ import annotations

import pytest
from export_helpers import relax_confirm_rules
from tui_support import build_db, make_app, open_review, screen_text, settle

from workbench.base.codebook import load_codebook
from workbench.learn.definitions import matching_text
from workbench.store import Store
from workbench.store.events import add_event, set_status
from workbench.store.models import load_model


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "tui.db")
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
