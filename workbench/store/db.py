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
from typing import TYPE_CHECKING, Any

from .migrations import migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

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
            self.conn = conn
            self._db: Database | None = None
            self._depth = 0  # nested write() savepoints
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils' Database set it
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
        if not migrations.pending(self.conn):
            return
        with self.write():
            # Re-check under the write lock: another process may have just migrated.
            if migrations.pending(self.conn):
                migrations.apply(self.conn)

    @property
    def db(self) -> Database:
        """sqlite-utils' view of the connection, made on first use: importing sqlite-utils
        (and the numpy it imports) is a tenth of a second no command should pay unasked."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction taken with BEGIN IMMEDIATE; nested calls use savepoints."""
        if self.conn.in_transaction:
            yield from self._savepoint()
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _savepoint(self) -> Iterator[sqlite3.Connection]:
        self._depth += 1
        name = f"workbench_nested_{self._depth}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield self.conn
        except BaseException:
            # An error such as RAISE(ROLLBACK) in a trigger can end the whole transaction,
            # savepoints included: then there is nothing left to roll back to.
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
        finally:
            self._depth -= 1

    # -- reads --------------------------------------------------------------------------

    def row(self, table: str, row_id: int) -> dict[str, Any] | None:
        cur = self.conn.execute(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
        values = cur.fetchone()
        if values is None:
            return None
        return dict(zip([c[0] for c in cur.description], values, strict=True))

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        if cur.description is None:
            raise ValueError("query() is for SQL that returns rows; use conn.execute()")
        names = [c[0] for c in cur.description]
        return [dict(zip(names, values, strict=True)) for values in cur]

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None
