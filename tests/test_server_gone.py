"""A PostgreSQL server that goes away mid-session (stopped by its administrator, as
`pg_ctl stop -m fast` does): the CLI says so in one line, never a traceback; the TUI keeps
running with a notice, the analyst's decisions wait and are written when it is back; a
server password in the URL is never shown. A server of this module's own, since it is
stopped and started again."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner
from tui_support import build_db, make_app, open_review, press, screen_text

import workbench.cli.common as cli_common
from workbench.cli import main
from workbench.store import Store

PASSWORD = "s3cret-pw"  # the test server trusts every connection: the password is unused


@pytest.fixture(scope="module")
def server():
    from conftest import running_cluster

    yield from running_cluster()


@pytest.fixture
def url(server, tmp_path, monkeypatch):
    """A database on the module's server with the seeds' kind of data, its URL with a
    password; the server is running again after the test whatever happened."""
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    plain = server.new_database()
    build_db(plain)
    yield plain.replace("postgres@", f"postgres:{PASSWORD}@", 1)
    try:
        server.start_server()
    except Exception:
        pass  # it was running


def test_cli_read_after_the_server_stopped_is_one_line(server, url, monkeypatch):
    opened = cli_common.Store

    def open_then_lose_the_server(*args, **kwargs):
        store = opened(*args, **kwargs)
        server.stop_server()  # between the command's open and its reads
        return store

    monkeypatch.setattr(cli_common, "Store", open_then_lose_the_server)
    result = CliRunner().invoke(main, ["--db", url, "events", "list", "--status", "all"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "lost the connection to the database server" in lines[0]
    assert "check that the server is running" in lines[0]
    assert PASSWORD not in result.output
    assert lines[0].startswith(f"Error: postgresql://postgres@127.0.0.1:{server.port}/")


def test_cli_write_after_the_server_stopped_is_one_line(server, url):
    server.stop_server()
    result = CliRunner().invoke(main, ["--db", url, "events", "list"])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert "cannot open the database" in result.output and PASSWORD not in result.output


async def test_tui_decisions_wait_for_the_server_and_are_written(server, url):
    app = make_app(url)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_review(pilot, app)
        first = app.screen.current.id
        server.stop_server()
        # Confirm while the server is down: the app keeps running, the mark shows at once
        # and the change waits ("not saved yet"), it is not refused.
        await pilot.press("c")
        deadline = time.monotonic() + 20
        # The count and its notice are two steps of one callback: wait for both.
        while not (app.unsaved and app._notifications) and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert app.is_running and app.unsaved == 1
        said = [n.message for n in app._notifications]
        assert said[-1].startswith("Not saved yet: 1 change(s) wait for the database server (")
        assert "✓…" in screen_text(app)  # decided, not written yet
        # A read meets the server gone: a notice, not the end of the session.
        await pilot.press("n")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any(
            "lost the connection" in n.message for n in app._notifications
        ):
            await pilot.pause(0.1)
        said = [n.message for n in app._notifications]
        assert app.is_running
        assert any("lost the connection to the database server" in m for m in said), said
        assert not any(PASSWORD in m for m in said)
        server.start_server()
        await app.wait_for_writes(timeout=30)
        await press(pilot, app, "n")  # reads work again on a new connection
        assert app.is_running
    with Store(url, analyst="checker") as store:
        row = store.row("events", first)
        assert row["status"] == "confirmed"
        logged = store.scalar(
            "SELECT count(*) FROM action_targets WHERE target = ?", [f"events:{first}"]
        )
        assert logged >= 1


def test_a_write_whose_connection_died_is_not_half_done(server, url):
    """A connection lost inside a write transaction is never replaced there: the rest of
    the transaction fails (the server rolled it back), nothing of it is committed, and the
    next write opens a new connection."""
    from workbench.store import StoreError, change
    from workbench.store.events import set_status

    with Store(url, analyst="ann") as store:
        first, second = [r["id"] for r in store.query("SELECT id FROM events ORDER BY id")][:2]
        with pytest.raises(StoreError, match="lost the connection"), change(store, "two") as tx:
            tx.update("events", first, {"notes": "one"})
            server.stop_server()
            server.start_server()  # back at once: still, no statement of this write runs
            tx.update("events", second, {"notes": "two"})
        assert store.row("events", first)["notes"] != "one"
        assert store.row("events", second)["notes"] != "two"
        set_status(store, first, "rejected")  # the next write reconnects
        assert store.row("events", first)["status"] == "rejected"
