"""Provides `Store`: one database (a SQLite file or a PostgreSQL server), opened safely,
with serialized, logged writes.

The target picks the backend (`backends/`): `postgresql://user@host/db` is a server,
anything else a SQLite file. `store.conn` answers the sqlite3 calls the code uses
(`execute`, `executemany`, `in_transaction`) on both, and `store.sql` is the backend module
with the few SQL fragments that have no portable spelling. Writers queue for one write
lock on both (`BEGIN IMMEDIATE`; an advisory lock on the server).
"""

from __future__ import annotations

import contextlib
import getpass
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base.untrusted import clean_field
from .backends import backend_for, is_postgres
from .faults import WalWatch
from .migrations import migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 10_000  # how long a writer waits for a lock (SQLite busy timeout; lock_timeout)
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


def config_dir(target: str) -> Path | None:
    """Where the project's workbench.toml lives: beside a SQLite file; for a server,
    `WORKBENCH_CONFIG_DIR` or the current folder (None for an in-memory database)."""
    if is_postgres(target):
        return Path(os.environ.get("WORKBENCH_CONFIG_DIR") or ".").resolve()
    if target == ":memory:":
        return None
    return Path(target).resolve().parent


class StoreError(Exception):
    """A problem the user can act on; the message is shown as is."""


class ConflictError(StoreError):
    """A change was made against a stale version of a row."""


class NeedsExclusive(Exception):
    """A write begun beside others (`Store.write(shared=True)`) reached a step only a
    writer alone may take (see store/rows.py): it is rolled back and run again alone."""


def inserted_id(cur: Any) -> int:
    """The id an `INSERT ... RETURNING id` wrote: the same on both backends (psycopg has no
    `lastrowid`)."""
    row = cur.fetchone()
    if row is None:
        raise StoreError("an insert wrote no row")
    return int(row[0])


class Store:
    """The database, plus the one write path every change goes through."""

    def __init__(self, path: str | os.PathLike[str] | None = None, analyst: str | None = None):
        self.path = str(path or default_db_path())
        # Recorded in every action and confirmation, and shown to other analysts: untrusted
        # like any string from outside (an environment variable can hold escapes).
        self.analyst = clean_field(analyst or default_analyst()) or "analyst"
        self.sql = backend_for(self.path)
        self.is_postgres = is_postgres(self.path)
        # The watch on SQLite's -wal file (see faults); a server has none to watch.
        self.wal = WalWatch(":memory:" if self.is_postgres else self.path)
        self._db: Database | None = None
        self._depth = 0  # nested write() savepoints
        # The write under way runs beside others (a server's shared lock; store/rows.py)
        self.shared = False
        self.logged = False  # the write under way has written an action row
        self.row_locks: set[str] = set()  # "table:id" a shared write has locked
        try:
            self.conn: Any = self.sql.connect(self.path)
            self._migrate()
            self.analyst = self.sql.session_analyst(self.conn, self.analyst)
            self.wal.learn()
        except StoreError:
            self._close_failed()
            raise
        except self.sql.ERRORS as exc:
            self._close_failed()
            raise StoreError(self.sql.explain_open(exc, self.path)) from exc

    def _close_failed(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()

    def _migrate(self) -> None:
        newer = self.sql.unknown_migrations(self.conn, migrations)
        if newer:
            # Opening it would apply our older steps beside theirs, or write rows their
            # schema does not expect: refuse before anything is written.
            raise StoreError(
                f"{self.sql.describe(self.path)}: this database was written by a newer version "
                f"of workbench (it has {newer[-1]}, which this version does not know). Nothing "
                f"was changed; upgrade workbench to open it."
            )
        if not self.sql.pending(self.conn, migrations):
            return
        with self.write():
            # Re-check under the write lock: another process may have just migrated.
            self.sql.migrate(self.conn, migrations, now())

    @property
    def db(self) -> Database:
        """sqlite-utils' view of a SQLite connection, made on first use: importing
        sqlite-utils (and the numpy it imports) is a tenth of a second no command should pay
        unasked."""
        if self.is_postgres:
            raise StoreError("sqlite-utils works on SQLite files only")
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    @property
    def config_dir(self) -> Path | None:
        return config_dir(self.path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self, shared: bool = False) -> Iterator[Any]:
        """One write transaction, taken so that writers queue (`BEGIN IMMEDIATE` on SQLite,
        an advisory lock on PostgreSQL); nested calls use savepoints (and the outer write's
        lock). `shared`, on a server only: beside other such writes, each locking the rows
        it changes (store/rows.py; a step that needs the lock alone raises NeedsExclusive).

        A database error (a full disk, a lock held past the busy timeout, a read-only file,
        a server gone) rolls the whole transaction back and becomes a `StoreError` saying
        what to do; a write-ahead log deleted or replaced under us stops all writing (see
        `faults`)."""
        if self.conn.in_transaction:
            yield from self._savepoint()
            return
        if self.wal.broken:
            raise StoreError(self.wal.broken)
        if self.wal.changed():
            raise StoreError(self.wal.fail(self.conn, self.path))
        self.shared = shared and self.is_postgres
        self.logged = False
        self.row_locks = set()
        try:
            self.sql.begin_write(self.conn, self.shared, self.analyst)
            self.wal.learn()
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self.sql.commit(self.conn, self.logged)
        except self.sql.ERRORS as exc:
            # Also when COMMIT itself failed: on a server the action row goes with it (see
            # pg_connection.defer), and its error leaves the transaction to roll back.
            if self.conn.in_transaction:
                with contextlib.suppress(*self.sql.ERRORS):
                    self.conn.execute("ROLLBACK")
            if isinstance(exc, self.sql.INTEGRITY_ERRORS):
                raise
            raise StoreError(self.sql.explain(exc, self.path)) from exc
        finally:
            self.shared = False
        if self.wal.changed():
            # Committed into a log that is no longer the database's: copy it into the
            # database file now, while this connection can still read it.
            self.wal.fail(self.conn, self.path)

    def check_quick(self) -> str | None:
        """The backend's quick integrity check: None when it passes, else what it found."""
        problem: str | None = self.sql.quick_check(self.conn)
        return problem

    def _savepoint(self) -> Iterator[Any]:
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
        cur = self.conn.execute(f'SELECT * FROM "{table}" WHERE id = ?', [row_id])
        values = cur.fetchone()
        if values is None:
            return None
        return dict(zip(self.sql.column_names(cur), values, strict=True))

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        names = self.sql.column_names(cur)
        if names is None:
            raise ValueError("query() is for SQL that returns rows; use conn.execute()")
        return [dict(zip(names, values, strict=True)) for values in cur.fetchall()]

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None
