"""A few deterministic screenshots at 80x24: the queue, the review screen, the edit form.

Update after a deliberate visual change with `pytest tests/test_tui_snapshots.py
--snapshot-update`, and look at the SVGs before committing them.
"""

from __future__ import annotations

import pytest
from tui_support import build_db, make_app, settle


@pytest.fixture
def app(tmp_path, monkeypatch):
    # Fixed paths: the help text shows the user's keymap path.
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/analyst/.config")
    monkeypatch.delenv("NO_COLOR", raising=False)
    path = str(tmp_path / "snap.db")
    build_db(path)
    return make_app(path)


def steps(*groups):
    async def run(pilot):
        await settle(pilot, pilot.app)
        for keys in groups:
            await pilot.press(*keys)
            await settle(pilot, pilot.app)
        steady_cursor(pilot.app)

    return run


def steady_cursor(app) -> None:
    """A blinking cursor is drawn or not by the clock: keep it drawn."""
    from textual.widgets import Input

    for field in app.screen.query(Input):
        field.cursor_blink = False


def test_queue(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps())


def test_review_second_event(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps(["enter"], ["down"]))


def test_edit_form_with_suggestions(snap_compare, app):
    async def run(pilot):
        await steps(["enter"], ["down", "e"])(pilot)
        field = pilot.app.screen.query_one("#f-actor1")
        for _ in range(500):  # the names load in a worker: type once they are there
            if field.index is not None:
                break
            await pilot.pause(0.01)
        field.input.value = ""
        # The shot shows the cursor: a blink (every 0.5 s) on a slow run hid it now and then.
        field.input.cursor_blink = False
        field.input.focus()
        await pilot.press(*"asad")
        await settle(pilot, pilot.app)
        await pilot.press("down")
        await settle(pilot, pilot.app)
        steady_cursor(pilot.app)
        await settle(pilot, pilot.app)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run)


def test_field_key_edit_no_color_beside_the_evidence(snap_compare, tmp_path, monkeypatch):
    """NO_COLOR at 80x24: the form opened by a field key (`3`, actor 1) on the right, the
    article with the evidence marked on the left, the evidence sentence atop the form."""
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/analyst/.config")
    monkeypatch.setenv("NO_COLOR", "1")  # read when the app is built
    path = str(tmp_path / "snap.db")
    build_db(path)
    app = make_app(path)
    run = steps(["enter"], ["down", "3"])

    async def steady(pilot):
        await run(pilot)
        await settle(pilot, pilot.app)

    assert snap_compare(app, terminal_size=(80, 24), run_before=steady)
