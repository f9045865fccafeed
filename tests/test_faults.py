"""Faults (issue 14, items 6, 8, 9): each is one line that says what happened and what to
do, exit status 1, nothing half-written; a newer or damaged database is refused; a deleted
write-ahead log stops writing after saving what was acknowledged. The refusals of bad input
and of a newer database, and a write lock held past the busy timeout, run on a PostgreSQL
server too; the rest are a SQLite file's own faults (a read-only or full file, bytes that
are not UTF-8, damaged pages, the -wal file)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.store import Store, StoreError
from workbench.store import db as store_db
from workbench.store.backends import is_postgres
from workbench.store.events import add_event, set_status

ROOT = Path(__file__).resolve().parents[1]


def _cli(db: str, *args: str):
    return CliRunner().invoke(main, ["--db", db, *args])


def _one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].lower().startswith("error: "), result.output
    return lines[0]


def _events(db: str) -> list[tuple]:
    """The events as stored, read past the store (which refuses a newer database)."""
    sql = "SELECT id, status, fatalities FROM events ORDER BY id"
    if is_postgres(db):
        import psycopg

        with psycopg.connect(db) as conn:
            return [tuple(r) for r in conn.execute(sql).fetchall()]
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def db(seeded):
    add_event(seeded, 1, {"sub_event_type": "Armed clash", "notes": "base"})
    return seeded.path


@pytest.mark.backends
def test_a_huge_number_is_a_clear_refusal(db):
    before = _events(db)
    line = _one_line_error(_cli(db, "events", "update", "1", "--set", "fatalities=" + "9" * 20))
    assert "fatalities cannot be over 10,000,000" in line
    assert _events(db) == before


@pytest.mark.backends
def test_a_deeply_nested_keymap_is_a_clear_refusal(tmp_path, db):
    keys = tmp_path / "keys.toml"
    keys.write_text("a = " + "[" * 50_000 + "]" * 50_000 + "\n")
    result = _cli(db, "open", "--keymap", str(keys))
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "nested too deeply" in result.output


WRITES = (("events", "confirm", "1"), ("events", "update", "1", "--set", "notes=x"),
          ("events", "add", "--article", "1", "--set", "notes=y"), ("undo",),
          ("events", "reject", "1"), ("ingest", str(ROOT / "seeds")))  # fmt: skip


def _run_writes(db: str, results: dict[tuple[str, ...], Any]) -> None:
    for args in WRITES:
        results[args] = _cli(db, *args)


@contextlib.contextmanager
def _lock_held(db: str, how: str) -> Iterator[Callable[[], None]]:
    """Another writer in the middle of its transaction: holding the write lock (`how` =
    "write lock"), or on a server, writing event 1 beside others ("row lock": the shared
    lock and the event's row lock, as a confirm in another window holds them). Yields how to
    let go early (idempotent)."""
    if is_postgres(db):
        import psycopg

        from workbench.store.backends.postgres import WRITE_LOCK

        holder: Any = psycopg.connect(db, autocommit=True)
        holder.execute("BEGIN")
        if how == "row lock":
            holder.execute(f"SELECT pg_advisory_xact_lock_shared({WRITE_LOCK})")
            holder.execute("SELECT 1 FROM events WHERE id = 1 FOR UPDATE")
        else:
            holder.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
    else:
        holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
    done = threading.Lock()

    def release() -> None:
        if done.acquire(blocking=False):
            holder.execute("ROLLBACK")
            holder.close()

    try:
        yield release
    finally:
        release()


def _stored(db: str) -> tuple[list[tuple], list[tuple]]:
    """The events and the action log, as stored (articles: `ingest` adds none, the seeds
    are stored)."""
    actions = "SELECT id, action, target FROM actions ORDER BY id"
    if is_postgres(db):
        import psycopg

        with psycopg.connect(db) as conn:
            return _events(db), [tuple(r) for r in conn.execute(actions).fetchall()]
    with sqlite3.connect(db) as conn:
        return _events(db), conn.execute(actions).fetchall()


@pytest.mark.backends
def test_a_write_lock_held_past_the_busy_timeout(db, monkeypatch):
    """Every write waits the busy timeout, then fails with one line, exit 1, nothing written:
    behind the write lock, and on a server also behind another analyst's row lock. On a
    server a command used to wait for ever (no lock timeout): a watchdog lets the lock go
    after 20 s, so such a wait fails here instead of hanging the suite."""
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 300)
    monkeypatch.setenv("WORKBENCH_ANALYST", "tester")  # who added event 1: undo has work
    before = _stored(db)
    for how in ("write lock", "row lock") if is_postgres(db) else ("write lock",):
        results: dict[tuple[str, ...], Any] = {}
        with _lock_held(db, how) as release:
            worker = threading.Thread(target=_run_writes, args=(db, results), daemon=True)
            started = time.monotonic()
            worker.start()
            worker.join(20)
            waited = time.monotonic() - started
            release()  # a command still waiting now goes on (and is reported below)
            worker.join(60)
        assert waited < 20, f"{how}: the commands still waited for it after {waited:.0f} s"
        for args in WRITES:
            line = _one_line_error(results[args])
            assert "stayed locked for 0.3 s" in line and "Nothing was written" in line, (
                how, args, line)  # fmt: skip
        assert _stored(db) == before


def test_a_read_only_database_says_so(db):
    store = Store(db)
    store.conn.close()
    store.conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
    with pytest.raises(StoreError, match="read-only. Nothing was written"):
        set_status(store, 1, "rejected")
    store.conn.close()


def test_a_full_disk_rolls_back_and_says_so(db):
    store = Store(db)
    pages = store.scalar("PRAGMA page_count")
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: SQLITE_FULL
    before = _events(db)
    with pytest.raises(StoreError, match="the disk is full. Nothing was written"):
        for _ in range(500):
            add_event(store, 1, {"notes": "x" * 2000})
    store.close()
    assert _events(db)[: len(before)] == before


def test_text_that_is_not_utf8_is_one_line_and_check_finds_it(db):
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET title = CAST(x'41ff42' AS TEXT) WHERE id = 2")
    line = _one_line_error(_cli(db, "articles", "list"))
    assert "not valid UTF-8" in line and "workbench check" in line
    result = _cli(db, "check")
    assert result.exit_code == 1 and "articles row 2, title: not valid UTF-8" in result.output


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.mark.backends
def test_a_database_from_a_newer_version_is_refused_unchanged(db):
    if is_postgres(db):
        with Store(db, analyst="newer") as store, store.write():
            store.conn.execute(
                "INSERT INTO _workbench_migrations (name, applied_at) "
                "VALUES ('m999_from_the_future', '2030-01-01')"
            )
        before = _events(db)
        line = _one_line_error(_cli(db, "events", "confirm", "1"))
        assert "newer version of workbench" in line and "m999_from_the_future" in line
        assert _events(db) == before
        return
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('workbench', 'm999_from_the_future', '2030-01-01')"
        )
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    digest = _digest(db)
    line = _one_line_error(_cli(db, "events", "confirm", "1"))
    assert "newer version of workbench" in line and "m999_from_the_future" in line
    assert _digest(db) == digest


def _damage(path: str) -> None:
    """Overwrite part of an index page: the file still opens and reads, quick_check fails."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    sql = "SELECT rootpage FROM sqlite_master WHERE name = 'mentions_article'"
    root = conn.execute(sql).fetchone()[0]
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * size + 8)  # its cell pointers: cells now point at garbage
        fh.write(b"\x0f\xf0" * 8)


def test_check_reports_a_damaged_database(tmp_path):
    db = str(tmp_path / "w.db")
    assert _cli(db, "ingest", str(ROOT / "seeds")).exit_code == 0
    assert _cli(db, "check").exit_code == 0
    _damage(db)
    result = _cli(db, "check")
    assert result.exit_code == 1 and "error: integrity" in result.output


WRITER = textwrap.dedent(
    """
    import os, sys
    from workbench.store import Store
    from workbench.store.events import add_event
    store = Store(sys.argv[1], analyst="tui")
    add_event(store, 1, {"notes": "acknowledged"})
    print("written", flush=True)
    sys.stdin.readline()  # meanwhile the -wal file is deleted
    try:
        add_event(store, 1, {"notes": "after"})
        print("wrote after", flush=True)
    except Exception as exc:
        print(type(exc).__name__, exc, flush=True)
    os._exit(0)  # dies without closing, as a killed process does
    """
)


def test_a_deleted_wal_stops_writing_and_keeps_what_was_acknowledged(db):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, db],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert proc.stdout.readline().strip() == "written"
    os.remove(db + "-wal")
    out, _ = proc.communicate("\n", timeout=60)
    assert out.startswith("StoreError") and "was deleted or replaced" in out, out
    assert "copied into the database file" in out
    with Store(db) as store:
        notes = [r[0] for r in store.conn.execute("SELECT notes FROM events")]
    assert "acknowledged" in notes and "after" not in notes
