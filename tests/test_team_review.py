"""The review tier: reviewers pass or send back confirmed events; export --status reviewed."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from tui_support import build_db, make_app, open_review, press, settle

from workbench.cli import main
from workbench.store import Store, StoreError, undo
from workbench.store.events import set_status, update_event
from workbench.store.review import review_event, send_back
from workbench.store.team import set_analyst


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


pytestmark = pytest.mark.backends


@pytest.fixture
def confirmed(db_path):
    """ana (coder) confirmed the first three events; tester and rui review."""
    path = db_path
    ids = build_db(path)
    with Store(path, analyst="lead") as lead:
        set_analyst(lead, "lead", "admin")
        set_analyst(lead, "ana")
        set_analyst(lead, "rui", "reviewer")
        set_analyst(lead, "tester", "reviewer")
    with Store(path, analyst="ana") as ana:
        for event_id in ids["events"][:3]:
            set_status(ana, event_id, "confirmed")
    return path, ids


def cli(path, analyst, *args):
    return CliRunner().invoke(main, ["--db", path, "--analyst", analyst, *args])


def test_review_pass_send_back_and_export(confirmed):
    path, ids = confirmed
    e1, e2, e3, e4 = ids["events"]
    with (
        Store(path, analyst="ana") as ana,
        pytest.raises(StoreError, match="needs the reviewer role; ana is a coder"),
    ):
        review_event(ana, e1)
    with Store(path, analyst="rui") as rui:
        with pytest.raises(StoreError, match="only confirmed events are reviewed"):
            review_event(rui, e4)
        with pytest.raises(ValueError, match="needs a comment"):
            send_back(rui, e1, "  ")
    assert "3 confirmed event(s) waiting" in cli(path, "rui", "review").output
    result = cli(path, "rui", "review", str(e1), str(e2))
    assert result.exit_code == 0, result.output
    result = cli(path, "rui", "review", str(e3), "--send-back", "wrong place")
    assert result.exit_code == 0 and "sent back" in result.output
    with Store(path, analyst="checker") as store:
        row = store.row("events", e3)
        assert row["status"] == "proposed" and row["review_note"] == "rui: wrong place"
        assert store.query("SELECT analyst, status FROM assignments") == [
            {"analyst": "ana", "status": "assigned"}]  # fmt: skip
    reviewed = cli(path, "lead", "export", "--status", "reviewed", "--format", "jsonl")
    records = [json.loads(line) for line in reviewed.output.splitlines()]
    assert sorted(r["event_id"] for r in records) == [e1, e2]
    assert {(r["confirmed_by"], r["reviewed_by"]) for r in records} == {("ana", "rui")}
    csv_out = cli(path, "lead", "export", "--status", "reviewed", "--format", "csv").output
    assert "reviewed_by,reviewed_at" in csv_out.splitlines()[0] and ",rui," in csv_out
    # An edit after review clears it; so does reopening.
    with Store(path, analyst="ana") as ana:
        update_event(ana, e2, {"notes": "changed after review"})
        assert ana.row("events", e2)["reviewed_by"] is None
    # The reviewer's send-back is undoable like anything else.
    with Store(path, analyst="rui") as rui:
        undo(rui)
        assert rui.row("events", e3)["status"] == "confirmed"
        with pytest.raises(StoreError, match="confirmed by you"):
            set_status(rui, e4, "confirmed")
            review_event(rui, e4)


async def test_send_back_from_the_review_screen_reaches_the_coder(confirmed):
    path, ids = confirmed
    e1 = ids["events"][0]
    app = make_app(path)  # tester, a reviewer
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(pilot, app)
        assert app.screen.current.id == e1
        await press(pilot, app, "b")
        await pilot.press(*"actor1 is the police")
        await press(pilot, app, "enter")
        await settle(pilot, app)
        with Store(path, analyst="checker") as store:
            row = store.row("events", e1)
            assert row["status"] == "proposed"
            assert row["review_note"] == "tester: actor1 is the police"
        await press(pilot, app, "down", "v")  # the second: passed
        with Store(path, analyst="checker") as store:
            assert store.row("events", ids["events"][1])["reviewed_by"] == "tester"
    # The coder's queue opens on the article sent back, and the comment is on screen.
    from tui_support import screen_text

    from workbench.tui import build_app

    coder = build_app(path, analyst="ana", animations=False)
    async with coder.run_test(size=(140, 40)) as pilot:
        await settle(pilot, coder)
        assert [r["id"] for r in coder.screen.rows] == [ids["articles"][0]]
        await press(pilot, coder, "enter")
        assert "actor1 is the police" in screen_text(coder)
