"""The articles queue: paging from SQLite, status filter, full-text search, and the app shell."""

from __future__ import annotations

import pytest
from tui_support import build_db, make_app, press, screen_text, settle

from workbench.store import Store, now


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def many_articles(path: str, n: int) -> None:
    with Store(path, analyst="fixture") as store, store.write():
        store.conn.executemany(
            "INSERT INTO articles (content_hash, file, title, text, status, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    f"h{i}",
                    f"{i}.txt",
                    f"Report {i}",
                    f"Clashes near town{i % 7} " + ("airstrike" if i % 50 == 0 else "shelling"),
                    "done" if i % 10 == 0 else "new",
                    now(),
                )
                for i in range(n)
            ],
        )


@pytest.mark.backends  # search, paging and the write path differ per backend
async def test_pages_filter_and_search(db_path):
    path = db_path
    many_articles(path, 250)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        queue = app.screen
        assert len(queue.rows) == 100 and queue.total == 250  # one page in the widget
        assert "1–100 of 250" in screen_text(app)
        await press(pilot, app, "n", "n")
        assert queue.rows[0]["title"] == "Report 200" and len(queue.rows) == 50
        await pilot.press("n")  # past the end: stays
        await settle(pilot, app)
        assert queue.page_offset == 200
        await pilot.press("s", "s", "s")  # all -> new -> in_review -> done
        await settle(pilot, app)
        assert queue.total == 25 and all(r["status"] == "done" for r in queue.rows)
        await pilot.press("s")
        await pilot.press("slash")
        await press(pilot, app, *"airstr", "enter")
        assert queue.total == 5
        assert {r["title"] for r in queue.rows} == {f"Report {i}" for i in range(0, 250, 50)}
        await pilot.press("slash")
        await pilot.press(*' "near OR', "enter")  # FTS syntax is quoted, never an error
        await settle(pilot, app)
        assert queue.total == 0
        assert app.is_running


async def test_help_and_command_palette_list_actions(tmp_path):
    path = str(tmp_path / "h.db")
    build_db(path)
    app = make_app(path)
    # Tall enough for the review's keys and the app-wide ones at once (the help scrolls).
    async with app.run_test(size=(100, 70)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "enter")
        await press(pilot, app, "question_mark")
        text = screen_text(app)
        for binding_id in ("confirm-event", "next-article", "undo", "fix-mention"):
            assert binding_id in text
        await press(pilot, app, "escape")
        commands = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Confirm", "Reject", "Next article", "Undo", "Export dataset"} <= commands


@pytest.mark.backends  # search, paging and the write path differ per backend
async def test_quit_waits_for_pending_writes(db_path):
    path = db_path
    ids = build_db(path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "enter")
        await pilot.press("c", "c", "c", "q")
        await pilot.pause()
    with Store(path, analyst="checker") as store:
        statuses = [store.row("events", e)["status"] for e in ids["events"][:3]]
    assert statuses == ["confirmed"] * 3


@pytest.mark.backends  # search, paging and the write path differ per backend
async def test_export_from_the_app_with_progress(db_path, tmp_path):
    path = db_path
    ids = build_db(path)
    with Store(path, analyst="fixture") as store:
        from workbench.store.events import set_status

        set_status(store, ids["events"][0], "confirmed")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "X")
        screen = app.screen
        assert type(screen).__name__ == "ExportScreen"
        target = tmp_path / "out.jsonl"
        screen.query_one("#export-path").value = str(target)
        screen.query_one("#export-format").query("RadioButton")[1].value = True
        await pilot.press("ctrl+s")
        await settle(pilot, app)  # waits for the export worker too
        assert "✓ 1 events written" in screen_text(app)
        assert screen.query_one("ProgressBar").percentage == 1.0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and f'"event_id": {ids["events"][0]}' in lines[0]


async def test_export_dialog_filters_by_date_and_says_what_is_wrong(tmp_path):
    path = str(tmp_path / "f.db")
    ids = build_db(path)
    with Store(path, analyst="fixture") as store:
        dates = [store.row("events", e)["event_date"] for e in ids["events"]]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "X")
        screen = app.screen
        target = tmp_path / "f.jsonl"
        screen.query_one("#export-path").value = str(target)
        screen.query_one("#export-format").query("RadioButton")[1].value = True  # jsonl
        screen.query_one("#export-status").query("RadioButton")[1].value = True  # all
        screen.query_one("#export-since").value = "not-a-date"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert "✗" in screen_text(app) and not target.exists()
        first = min(d for d in dates if d)
        screen.query_one("#export-since").value = first
        screen.query_one("#export-until").value = first
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines and all(f'"event_date": "{first}"' in line for line in lines)
    assert len(lines) == sum(d == first for d in dates) < len(dates)


async def test_names_and_duplicates_screens_open(tmp_path):
    path = str(tmp_path / "n.db")
    build_db(path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "N")
        assert type(app.screen).__name__ == "NamesScreen"
        await press(pilot, app, "escape")
        await press(pilot, app, "D")
        assert type(app.screen).__name__ == "DuplicatesScreen"
        await press(pilot, app, "escape")
        assert type(app.screen).__name__ == "ArticlesScreen"


def test_animations_off_over_ssh(tmp_path, monkeypatch):
    path = str(tmp_path / "a.db")
    build_db(path)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5555 10.0.0.2 22")
    from workbench.tui import build_app

    assert build_app(path).animation_level == "none"
    assert build_app(path, animations=False).animation_level == "none"
    monkeypatch.delenv("SSH_CONNECTION")
    assert build_app(path).animation_level != "none"


async def test_command_palette_runs_a_review_action(tmp_path):
    path = str(tmp_path / "p.db")
    ids = build_db(path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "enter")
        await press(pilot, app, "ctrl+p")
        await press(pilot, app, *"reject")
        await press(pilot, app, "enter")
        assert type(app.screen).__name__ == "ReviewScreen"
    with Store(path, analyst="checker") as store:
        assert store.row("events", ids["events"][0])["status"] == "rejected"


async def test_review_reloads_after_the_names_screen(tmp_path):
    path = str(tmp_path / "r.db")
    ids = build_db(path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "enter")
        await press(pilot, app, "N")
        with Store(path, analyst="colleague") as other:
            from workbench.store.events import update_event

            update_event(other, ids["events"][0], {"notes": "renamed meanwhile"})
        await press(pilot, app, "escape")
        assert type(app.screen).__name__ == "ReviewScreen"
        assert app.screen.current.row["notes"] == "renamed meanwhile"
