"""The TUI on a hostile database and under faults (issue 14, items 1, 8, 11): no control
character reaches the screen from any field, markup stays text, a decision waiting for the
database is marked and said to be not saved, and a damaged file gets no writes. On a SQLite
file and a PostgreSQL server, but for the damaged file (its pages are the file's own) and
text that is not UTF-8 (which a server refuses to store)."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Iterator

import pytest
from test_faults import _damage
from tui_support import build_db, event_row, make_app, open_review, press, screen_text, settle

from workbench.store import Store
from workbench.store.backends import is_postgres

pytestmark = pytest.mark.backends

ESC = "\x1b]52;c;cHduZWQ=\x07\x1b[2J\x9b31m"
BIDI = "\u202e"
MARKUP = "[@click=app.quit]x[/]"
BAD = ("\x1b", "\x07", "\x9b", BIDI)


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def db(db_path):
    return db_path, build_db(db_path)


@pytest.fixture
def file_db(tmp_path):
    path = str(tmp_path / "tui.db")
    return path, build_db(path)


def _dirty(path: str) -> None:
    """As an older version or another tool may have left it: raw escapes in every field
    (and, in a file, text that is not UTF-8)."""
    dirt = ESC + BIDI + MARKUP
    with Store(path, analyst="tool") as store, store.write():
        for table, column in (("articles", "title"), ("articles", "outlet"),
                              ("articles", "text"), ("entities", "canonical"),
                              ("aliases", "name"), ("events", "notes"),
                              ("event_sources", "quote")):  # fmt: skip
            store.conn.execute(f"UPDATE {table} SET {column} = {column} || ?", [dirt])
        if not is_postgres(path):
            store.conn.execute("UPDATE articles SET outlet = CAST(x'4fff6b' AS TEXT) WHERE id = 2")


@contextlib.contextmanager
def another_writer(path: str) -> Iterator[None]:
    """Another program holding the write lock for the length of the block."""
    if is_postgres(path):
        import psycopg

        from workbench.store.backends.postgres import WRITE_LOCK

        with psycopg.connect(path) as holder:  # a transaction, rolled back at the end
            holder.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
            yield
            holder.rollback()
        return
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def _safe(app) -> str:
    text = screen_text(app)
    assert not any(b in text for b in BAD), repr(text[:400])
    return text


async def test_no_field_of_a_dirty_database_reaches_the_screen_raw(db):
    path, _ = db
    _dirty(path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        text = _safe(app)
        assert "␛" in text and "[@click=" in text  # shown, not obeyed
        assert is_postgres(path) or "O�k" in text
        await open_review(pilot, app)
        text = _safe(app)
        assert MARKUP in text
        for keys in (["t"], ["t", "e"], ["escape"], ["N"], ["escape"]):
            await press(pilot, app, *keys)
            _safe(app)
        assert app.is_running  # no [@click=app.quit] ran


async def test_a_decision_waiting_for_the_database_is_marked_and_not_saved(db):
    path, ids = db
    first = ids["events"][0]
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot, app)
        with another_writer(path):  # another program writing for a while
            await pilot.press("x")
            await pilot.pause()
            assert "✗…" in screen_text(app)  # decided on screen, not written
            await asyncio.sleep(1.6)
            await pilot.pause()
            assert "not saved yet" in screen_text(app)
            assert event_row(path, first)["status"] == "proposed"
        await settle(pilot, app)
        await asyncio.sleep(0.6)
        await pilot.pause()
        assert event_row(path, first)["status"] == "rejected"
        text = screen_text(app)
        assert "not saved yet" not in text and "✗…" not in text


async def test_a_damaged_database_gets_no_write(file_db):
    path, ids = file_db
    _damage(path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot, app)
        for _ in range(100):
            if app.writer.refuse:
                break
            await asyncio.sleep(0.05)
        assert app.writer.refuse and "damaged" in app.writer.refuse
        await press(pilot, app, "x")
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Not saved:") and "damaged" in m for m in said), said
    assert event_row(path, ids["events"][0])["status"] == "proposed"
