"""Pilot tests of the search box and the export dialog bugs found in the curation trial (a
SQLite file and a PostgreSQL server)."""

from __future__ import annotations

import pytest
from textual import events
from tui_support import build_db, make_app, press, settle

pytestmark = pytest.mark.backends


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


async def test_letters_typed_right_after_slash_reach_the_search_box(db_path):
    """Bug 6: the search box lost what was typed right after opening it."""
    path = db_path
    build_db(path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        for key, char in (("slash", "/"), ("I", "I"), ("S", "S")):  # all queued at once
            app._driver.send_message(events.Key(key, char))
        await settle(pilot, app)
        search = app.screen.query_one("#search")
        assert search.display and search.value == "IS"
        await press(pilot, app, "I", "S", "enter")
        assert app.queue_query.search == "ISIS"
        assert app.screen.total == 1


async def test_export_dialog_refuses_a_mismatched_name_and_a_missing_folder(tmp_path, db_path):
    """Bug 7: JSONL went into a file named .csv without a word; a missing folder gave an
    internal '[Errno 2] ... .part' message."""
    path = db_path
    build_db(path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "X")
        screen = app.screen
        screen.query_one("#export-format").query("RadioButton")[1].value = True  # jsonl
        await settle(pilot, app)
        target = tmp_path / "out.csv"
        screen.query_one("#export-path").value = str(target)
        await press(pilot, app, "ctrl+s")
        message = str(screen.query_one("#export-message").render())
        assert "ends .csv but the format is jsonl" in message and not target.exists()
        missing = tmp_path / "nope" / "out.jsonl"
        screen.query_one("#export-path").value = str(missing)
        await press(pilot, app, "ctrl+s")
        message = str(screen.query_one("#export-message").render())
        assert f"the folder {missing.parent} does not exist" in message
        assert "Errno" not in message and ".part" not in message
