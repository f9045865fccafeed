"""The log and the undo messages name entities instead of their ids (issue 13, legibility):
`workbench log` and `undo` through CliRunner, the app's undo message through the Pilot; on
both backends (a SQLite file and the session's PostgreSQL server)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from tui_support import build_db, make_app, open_review, press

from workbench.cli import main
from workbench.resolve import rename_entity
from workbench.store import Store
from workbench.store.events import update_event

pytestmark = pytest.mark.backends


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def run(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", db, "--analyst", "tester", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_log_and_undo_say_names_not_ids(db_path):
    path = db_path
    ids = build_db(path)
    e1 = ids["events"][0]
    with Store(path, analyst="tester") as store:
        update_event(store, e1, {"location": "", "actor1": "Free Syrian Army"})
    line = run(path, "log", "--target", f"events:{e1}").splitlines()[0]
    assert f"event {e1}" in line and "location: Kafranbil -> —" in line
    assert "actor1: Syrian government forces -> Free Syrian Army" in line
    assert "place_id" not in line and "actor1_id" not in line and "None" not in line
    said = run(path, "undo")
    assert "location: — -> Kafranbil" in said and "edit-event" in said
    # Names are looked up when read: a renamed entity reads as it is called now.
    with Store(path, analyst="tester") as store:
        rename_entity(store, ids["kafranbil"], "Kafr Nabl")
    assert "location: — -> Kafr Nabl" in run(path, "log", "--target", f"events:{e1}")


async def test_the_apps_undo_message_names_the_place(db_path):
    path = db_path
    ids = build_db(path)
    e1 = ids["events"][0]
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot, app)
        assert app.screen.current.id == e1
        await press(pilot, app, "5", "backspace", "enter")  # clear the location
        with Store(path, analyst="checker") as store:
            assert store.row("events", e1)["place_id"] is None
        await press(pilot, app, "u")
        said = [n.message for n in app._notifications][-1]
        assert said.startswith("Undid edit-event:") and "location: — -> Kafranbil" in said
        assert "place_id" not in said
    with Store(path, analyst="checker") as store:
        assert store.row("events", e1)["place_id"] == ids["kafranbil"]
