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
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base.untrusted import clean_field
from .faults import WalWatch, explain
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
        # Recorded in every action and confirmation, and shown to other analysts: untrusted
        # like any string from outside (an environment variable can hold escapes).
        self.analyst = clean_field(analyst or default_analyst()) or "analyst"
        self.wal = WalWatch(self.path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.exists():
                raise StoreError(f"{self.path}: directory {parent} does not exist")
            with contextlib.suppress(OSError):
                if not stat.S_ISREG(os.stat(self.path).st_mode):
                    raise StoreError(f"{self.path}: not a database file (not a regular file)")
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
            self.wal.learn()
        except StoreError:
            self._close_failed()
            raise
        except sqlite3.DatabaseError as exc:
            self._close_failed()
            if "not a database" in str(exc) or "malformed" in str(exc):
                raise StoreError(f"{self.path}: not a usable workbench database ({exc})") from exc
            raise StoreError(explain(exc, self.path, BUSY_TIMEOUT_MS / 1000)) from exc

    def _close_failed(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()

    def _migrate(self) -> None:
        newer = migrations.unknown(self.conn)
        if newer:
            # Opening it would apply our older steps beside theirs, or write rows their
            # schema does not expect: refuse before anything is written.
            raise StoreError(
                f"{self.path}: this database was written by a newer version of workbench (it "
                f"has {newer[-1]}, which this version does not know). Nothing was changed; "
                f"upgrade workbench to open it."
            )
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
        """One write transaction taken with BEGIN IMMEDIATE; nested calls use savepoints.

        A database error (a full disk, a lock held past the busy timeout, a read-only file)
        rolls the whole transaction back and becomes a `StoreError` saying what to do; a
        write-ahead log deleted or replaced under us stops all writing (see `faults`)."""
        if self.conn.in_transaction:
            yield from self._savepoint()
            return
        if self.wal.broken:
            raise StoreError(self.wal.broken)
        if self.wal.changed():
            raise StoreError(self.wal.fail(self.conn, self.path))
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            self.wal.learn()
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as exc:
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            raise StoreError(explain(exc, self.path, BUSY_TIMEOUT_MS / 1000)) from exc
        if self.wal.changed():
            # Committed into a log that is no longer the database's: copy it into the
            # database file now, while this connection can still read it.
            self.wal.fail(self.conn, self.path)

    def check_quick(self) -> str | None:
        """SQLite's quick_check (~10 ms per MB): None when it passes, else what it found."""
        try:
            rows = [r[0] for r in self.conn.execute("PRAGMA quick_check(20)")]
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return None if rows == ["ok"] else "; ".join(rows)

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
