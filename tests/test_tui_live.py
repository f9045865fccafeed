"""Live refresh: another analyst's change reaches the open review screen within a second;
the event list reloads and the changed row is marked with their name."""

from __future__ import annotations

import asyncio
import time

import pytest
from tui_support import build_db, make_app, open_review, screen_text

from workbench.store import Store
from workbench.store.events import update_event

pytestmark = pytest.mark.backends


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


async def test_another_analysts_edit_shows_up_marked(db_path):
    ids = build_db(db_path)
    e1 = ids["events"][0]
    app = make_app(db_path)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_review(pilot, app)
        assert app.screen.current.id == e1
        await asyncio.sleep(0.6)  # the screen's feed is listening
        with Store(db_path, analyst="bob") as bob:
            update_event(bob, e1, {"fatalities": 77})
        committed = time.monotonic()
        # No key is pressed: the change must come to the screen by itself. How fast is a
        # figure for a benchmark (bench/team prints it), not a timed test: under a load of
        # 30 on two cores a poll twice a second has taken 4 s to be scheduled.
        while time.monotonic() - committed < 20:
            await pilot.pause(0.05)
            view = app.screen.current
            if view and view.id == e1 and view.row["fatalities"] == 77:
                break
        assert app.screen.current.row["fatalities"] == 77
        assert app.screen.changed == {e1: "bob"}
        assert "↻ bob" in screen_text(app)
