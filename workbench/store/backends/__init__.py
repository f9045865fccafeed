"""Provides the two backends of the store: SQLite (the default file) and PostgreSQL.

Each backend is one small module holding what differs between them: how a connection is
opened, how a write transaction is taken, and the few SQL fragments that have no portable
spelling (search, JSON arrays, id sequences, the `events_flat` view). Every other statement
is written once, in SQL both accept. The store picks the backend from the target:
`postgresql://...` (or `postgres://...`) is a server, anything else a SQLite file.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from types import ModuleType
from urllib.parse import urlsplit, urlunsplit

URL_PREFIXES = ("postgresql://", "postgres://")


def is_postgres(target: str | os.PathLike[str]) -> bool:
    return str(target).startswith(URL_PREFIXES)


def busy_timeout_ms() -> int:
    """How long a writer waits for a lock another holds (SQLite's busy timeout, a server's
    lock_timeout)."""
    from .. import db  # read when used: tests shorten it

    return db.BUSY_TIMEOUT_MS


def describe(target: str) -> str:
    """The target as messages and logs show it: a server's URL without its password."""
    if not is_postgres(target):
        return target
    parts = urlsplit(target)
    if parts.password is None:
        return target
    host = parts.hostname or ""
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(parts._replace(netloc=f"{user}{host}{port}"))


def backend_for(target: str | os.PathLike[str]) -> ModuleType:
    if is_postgres(target):
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite


def fragments(db: object) -> ModuleType:
    """The backend of a connection handed to a migration (a `sqlite3` connection, or a
    PostgreSQL connection, which names its backend)."""
    from . import sqlite

    return getattr(db, "backend", sqlite)


def database_errors() -> tuple[type[BaseException], ...]:
    """The error classes of every backend in use in this process (psycopg's only once it
    has been imported: no server error can happen before)."""
    errors: tuple[type[BaseException], ...] = (sqlite3.DatabaseError,)
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        errors += (psycopg.Error,)
    return errors


def explain_error(exc: BaseException, target: str) -> str:
    """One line for a database error met on `target` (a file's or a server's; a server's
    URL without its password)."""
    return str(backend_for(target).explain(exc, target))
