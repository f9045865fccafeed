"""Team work in the TUI: the "mine" view of the queue, who else has an article, and
blindness (a double coder's screens never show the other coder's decisions)."""

from __future__ import annotations

import pytest
from tui_support import build_db, make_app, open_review, press, screen_text, settle

from workbench.store import Store
from workbench.store.assign import assign_articles
from workbench.store.events import set_status, update_event
from workbench.store.team import set_analyst


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


# Teams on several machines share a server: the team screens on both backends.
pytestmark = pytest.mark.backends


@pytest.fixture
def team_db(db_path):
    """Article 1 double-coded by ana and tester (the analyst driving the app); article 2
    assigned to ana alone; article 3 to nobody. Ana has coded her copy of article 1."""
    path = db_path
    ids = build_db(path)
    a1, a2, _ = ids["articles"]
    with Store(path, analyst="lead") as lead:
        set_analyst(lead, "lead", "admin")
        set_analyst(lead, "ana")
        set_analyst(lead, "tester")
        assign_articles(lead, [a1], ["ana", "tester"], double=1)
        assign_articles(lead, [a2], ["ana"])
    with Store(path, analyst="ana") as ana:
        copies = [r["id"] for r in ana.query("SELECT id FROM events WHERE coder = 'ana'")]
        set_status(ana, copies[0], "confirmed")
        set_status(ana, copies[1], "rejected")
        update_event(ana, copies[2], {"notes": "ANA-SECRET-NOTE", "fatalities": 99})
    ids["ana_copies"] = copies
    return path, ids


async def test_mine_view_is_default_and_shows_who_else(team_db):
    path, ids = team_db
    a1, a2, a3 = ids["articles"]
    app = make_app(path)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot, app)
        queue = app.screen
        assert [r["id"] for r in queue.rows] == [a1]  # only mine, by default
        text = screen_text(app)
        assert "mine" in text and "ana" in text  # ana has it too
        await press(pilot, app, "a")  # all articles
        assert [r["id"] for r in queue.rows] == [a1, a2, a3]
        assert [r["others"] for r in queue.rows] == [["ana"], ["ana"], []]
        await press(pilot, app, "a")
        assert [r["id"] for r in queue.rows] == [a1]


async def test_blind_coder_sees_only_own_copy_and_freezes_it(team_db):
    path, ids = team_db
    a1 = ids["articles"][0]
    app = make_app(path)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(pilot, app)
        review = app.screen
        with Store(path, analyst="checker") as store:
            mine = [r["id"] for r in store.query(
                "SELECT id FROM events WHERE coder = 'tester' ORDER BY id"
            )]  # fmt: skip
        assert [e.id for e in review.events] == mine
        assert {e.status for e in review.events} == {"proposed"}
        for _ in review.events:  # every event's fields on screen, none of ana's decisions
            text = screen_text(app)
            assert "ANA-SECRET-NOTE" not in text and "99" not in text
            # The only marks are the progress line's counters (of the shared events).
            assert text.count("✓") == 1 and text.count("✗") == 1 and "✓0 confirmed" in text
            await press(pilot, app, "down")
        await press(pilot, app, "up")
        assert review.current.id == mine[1]
        await press(pilot, app, "c")  # confirm my second event
        with Store(path, analyst="checker") as store:
            assert store.row("events", mine[1])["status"] == "confirmed"
            assert [store.row("events", i)["status"] for i in ids["ana_copies"]] == [
                "confirmed", "rejected", "proposed"]  # fmt: skip
        await press(pilot, app, "d")  # done: my copy is frozen
        assert "✓ done" in screen_text(app)
        await press(pilot, app, "up", "up", "up")
        assert review.current.id == mine[0]
        await press(pilot, app, "x")
        with Store(path, analyst="checker") as store:
            assert store.row("events", mine[0])["status"] == "proposed"  # refused
            assert store.scalar(
                "SELECT status FROM assignments WHERE analyst = 'tester' AND article_id = ?",
                [a1],
            ) == "done"  # fmt: skip
            assert store.row("articles", a1)["status"] != "done"  # until adjudicated
        await press(pilot, app, "d")  # reopen (logged), then the change is taken
        assert review.current.id == mine[0]
        await press(pilot, app, "x")
        with Store(path, analyst="checker") as store:
            assert store.row("events", mine[0])["status"] == "rejected"


async def test_presence_shows_who_has_an_article_open(team_db):
    from datetime import UTC, datetime, timedelta

    from workbench.store.presence import touch

    path, ids = team_db
    a1, a2, a3 = ids["articles"]
    with Store(path, analyst="ana") as ana:
        touch(ana, a1)  # ana is on article 1 now
    with Store(path, analyst="ben") as ben:
        touch(ben, a3)
        long_ago = (datetime.now(UTC) - timedelta(minutes=2)).isoformat()
        with ben.write():  # ben's screen stopped answering two minutes ago: stale
            ben.conn.execute(
                "UPDATE presence SET seen_at = ? WHERE analyst = ?",
                [long_ago.replace("+00:00", "Z"), "ben"],
            )
    app = make_app(path)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "a")  # all articles
        queue = app.screen
        assert [r["open_by"] for r in queue.rows] == [["ana"], [], []]
        assert "●ana" in screen_text(app)
        await press(pilot, app, "enter")
        assert "open by ana" in screen_text(app)
        with Store(path, analyst="checker") as store:  # and mine is there for the others
            row = store.query("SELECT article_id FROM presence WHERE analyst = 'tester'")
            assert row == [{"article_id": a1}]
        await press(pilot, app, "backspace")
        with Store(path, analyst="checker") as store:
            row = store.query("SELECT article_id FROM presence WHERE analyst = 'tester'")
            assert row == [{"article_id": None}]  # left the article
