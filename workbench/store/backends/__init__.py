"""Provides the two backends of the store: SQLite (the default file) and PostgreSQL.

Each backend is one small module holding what differs between them: how a connection is
opened, how a write transaction is taken, and the few SQL fragments that have no portable
spelling (search, JSON arrays, id sequences, the `events_flat` view). Every other statement
is written once, in SQL both accept. The store picks the backend from the target:
`postgresql://...` (or `postgres://...`) is a server, anything else a SQLite file.
"""

from __future__ import annotations

import os
from types import ModuleType

URL_PREFIXES = ("postgresql://", "postgres://")


def is_postgres(target: str | os.PathLike[str]) -> bool:
    return str(target).startswith(URL_PREFIXES)


def backend_for(target: str | os.PathLike[str]) -> ModuleType:
    if is_postgres(target):
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite


def fragments(db: object) -> ModuleType:
    """The backend of a connection handed to a migration (a sqlite_utils `Database` or a
    PostgreSQL connection)."""
    from . import sqlite

    return getattr(db, "backend", sqlite)
