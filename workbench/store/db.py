"""Provides `Store`: one SQLite file, opened safely, with serialized, logged writes.

Why `BEGIN IMMEDIATE`: a plain `BEGIN` takes the write lock only at the first write, so two
processes doing read-then-write deadlock and one gets "database is locked" regardless of the
busy timeout. Taking the lock up front makes writers queue behind the busy timeout instead.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from .migrations import migrations

BUSY_TIMEOUT_MS = 10_000
DEFAULT_DB = "workbench.db"


def now() -> str:
    """UTC timestamp, ISO 8601 with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_analyst() -> str:
    name = os.environ.get("WORKBENCH_ANALYST")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "analyst"


def default_db_path() -> str:
    return os.environ.get("WORKBENCH_DB") or DEFAULT_DB


class StoreError(Exception):
    """A problem the user can act on; the message is shown as is."""


class ConflictError(StoreError):
    """A change was made against a stale version of a row."""


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just wrote (sqlite3 types `lastrowid` as optional)."""
    if cur.lastrowid is None:
        raise StoreError("an insert wrote no row")
    return cur.lastrowid


class Store:
    """The database, plus the one write path every change goes through."""

    def __init__(self, path: str | os.PathLike[str] | None = None, analyst: str | None = None):
        self.path = str(path or default_db_path())
        self.analyst = analyst or default_analyst()
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.exists():
                raise StoreError(f"{self.path}: directory {parent} does not exist")
        try:
            conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,  # we issue BEGIN IMMEDIATE / COMMIT ourselves
                check_same_thread=False,
            )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.db = Database(conn)
            if self.path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable in WAL mode against process crashes (kill -9); FULL also
            # survives power loss at some cost per commit.
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable workbench database ({exc})") from exc

    def _migrate(self) -> None:
        if not migrations.pending(self.db):
            return
        with self.write():
            # Re-check under the write lock: another process may have just migrated.
            pending = migrations.pending(self.db)
            if pending:
                migrations.apply(self.db)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        """One write transaction taken with BEGIN IMMEDIATE; nested calls use savepoints."""
        if self.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # -- reads --------------------------------------------------------------------------

    def row(self, table: str, row_id: int) -> dict[str, Any] | None:
        cur = self.conn.execute(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
        values = cur.fetchone()
        if values is None:
            return None
        return dict(zip([c[0] for c in cur.description], values, strict=True))

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None
