"""Provides the SQLite backend: one file in WAL mode, writers queued by `BEGIN IMMEDIATE`.

Why `BEGIN IMMEDIATE`: a plain `BEGIN` takes the write lock only at the first write, so two
processes doing read-then-write deadlock and one gets "database is locked" regardless of the
busy timeout. Taking the lock up front makes writers queue behind the busy timeout instead.
The fragments below have the same names and meaning in `postgres.py`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from . import busy_timeout_ms

NAME = "sqlite"
PK = "INTEGER PRIMARY KEY"
REAL = "REAL"
BLOB = "BLOB"
LIKE_NOCASE = "LIKE"  # SQLite's LIKE ignores ASCII case already
ERRORS: tuple[type[BaseException], ...] = (sqlite3.DatabaseError,)
INTEGRITY_ERRORS: tuple[type[BaseException], ...] = (sqlite3.IntegrityError,)


def connect(path: str) -> sqlite3.Connection:
    from ..db import StoreError

    if path != ":memory:":
        parent = Path(path).parent
        if not parent.exists():
            raise StoreError(f"{path}: directory {parent} does not exist")
        with contextlib.suppress(OSError):
            if not stat.S_ISREG(os.stat(path).st_mode):
                raise StoreError(f"{path}: not a database file (not a regular file)")
    busy_ms = busy_timeout_ms()
    conn = sqlite3.connect(
        path,
        timeout=busy_ms / 1000,
        isolation_level=None,  # we issue BEGIN IMMEDIATE / COMMIT ourselves
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
    conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils' Database set it
    if path != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL is durable in WAL mode against process crashes (kill -9); FULL also survives
    # power loss at some cost per commit.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


# A file has one writer at a time: no write runs beside another, so none locks rows.
FOR_UPDATE = ""


def begin_write(conn: sqlite3.Connection, shared: bool = False, analyst: str = "") -> None:
    """The one write lock, whatever `shared` asks (only a server lets writers run side by
    side; see postgres.begin_write)."""
    conn.execute("BEGIN IMMEDIATE")


def column_names(cur: sqlite3.Cursor) -> list[str] | None:
    """The names of a result's columns (None: the statement returns no rows)."""
    return None if cur.description is None else [c[0] for c in cur.description]


def rows_later(
    conn: sqlite3.Connection, sql: str, params: Any = ()
) -> Callable[[], list[dict[str, Any]]]:
    """Rows of a query, for the caller to take after its next statement (a server sends
    both in one round trip; a file runs this one now)."""
    cur = conn.execute(sql, params)
    names = column_names(cur) or []
    found = [dict(zip(names, values, strict=True)) for values in cur.fetchall()]
    return lambda: found


def send_later(conn: sqlite3.Connection, sql: str, params: Any = ()) -> None:
    """A write whose result nobody reads, sent with the next statement on a server (on the
    one that ends the transaction, at latest); run now on a file."""
    conn.execute(sql, params)


def commit(conn: sqlite3.Connection, notify: bool = False) -> None:
    conn.execute("COMMIT")


def insert_action(
    conn: sqlite3.Connection, insert: str, params: list[Any], targets: list[str]
) -> Callable[[], int]:
    """Write an action row (`insert`: its INSERT ... RETURNING id) and one `action_targets`
    row per row it touched; returns how to read the action's id (here: at once)."""
    row = conn.execute(insert, params).fetchone()
    action_id = int(row[0])
    conn.executemany(
        "INSERT INTO action_targets (action_id, target) VALUES (?, ?)",
        [(action_id, target) for target in targets],
    )
    return lambda: action_id


def describe(path: str) -> str:
    return path


def explain(exc: BaseException, path: str) -> str:
    """One line that says what happened and what to do (see faults.explain)."""
    from ..faults import explain as explain_sqlite

    return explain_sqlite(exc, path, busy_timeout_ms() / 1000)  # type: ignore[arg-type]


def is_lost(exc: BaseException) -> bool:
    return False


def unreachable(conn: sqlite3.Connection) -> bool:
    """A file is never out of reach the way a server is (its faults are explained)."""
    return False


def explain_open(exc: BaseException, path: str) -> str:
    """As `explain`, for an error met while opening the file."""
    if "not a database" in str(exc) or "malformed" in str(exc):
        return f"{path}: not a usable workbench database ({exc})"
    return explain(exc, path)


def quick_check(conn: sqlite3.Connection) -> str | None:
    """SQLite's quick_check (~10 ms per MB): None when it passes, else what it found."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(20)")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == ["ok"] else "; ".join(rows)


def pending(conn: sqlite3.Connection, migrations: Any) -> list[str]:
    """Names of the migrations not yet applied (sqlite-utils keeps the record)."""
    return list(migrations.pending(conn))


def unknown_migrations(conn: sqlite3.Connection, migrations: Any) -> list[str]:
    """Migrations recorded here that this code does not have (a newer workbench)."""
    return list(migrations.unknown(conn))


def migrate(conn: sqlite3.Connection, migrations: Any, stamp: str) -> None:
    """Apply pending migrations; call inside the store's write transaction."""
    if migrations.pending(conn):
        migrations.apply(conn)


def unindexed(expr: str) -> str:
    """`expr`, hidden from the planner's index choice (SQLite's unary plus)."""
    return f"+{expr}"


def bulk_insert(conn: sqlite3.Connection, table: str, cols: list[str], rows: Any) -> None:
    """Insert many rows at once (executemany; SQLite has nothing faster in-process)."""
    names = ", ".join(f'"{c}"' for c in cols)
    marks = ", ".join("?" for _ in cols)
    conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)


def insert_new(
    conn: sqlite3.Connection, table: str, cols: list[str], rows: Any, unique: str
) -> None:
    """Insert many rows in order, skipping those whose `unique` column is already stored:
    multi-row INSERTs, as many rows per statement as the parameter limit allows."""
    rows = list(rows)
    names = ", ".join(f'"{c}"' for c in cols)
    per_statement = max(1, min(len(rows), max_parameters(conn) // len(cols)))
    for at in range(0, len(rows), per_statement):
        chunk = rows[at : at + per_statement]
        values = ", ".join(["(" + ", ".join("?" * len(cols)) + ")"] * len(chunk))
        conn.execute(
            f'INSERT INTO "{table}" ({names}) VALUES {values} ON CONFLICT("{unique}") DO NOTHING',
            [v for row in chunk for v in row],
        )


BULK_CACHE_KIB = 32 * 1024


@contextlib.contextmanager
def bulk_load(conn: sqlite3.Connection) -> Iterator[None]:
    """While a connection writes much (ingest): a page cache of BULK_CACHE_KIB instead of
    SQLite's 2 MB, so that the pages one large transaction changes (the table's, its
    indexes', the full-text index's) stay in memory, not written out and read back: a
    quarter fewer writes and half the reads for 10,000 articles of 4 KB."""
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")


ANALYST_ROLE_DDL: tuple[str, ...] = ()  # a file has no roles: the analyst is who says so


def session_analyst(conn: sqlite3.Connection, requested: str) -> str:
    return requested


def max_parameters(conn: sqlite3.Connection) -> int:
    """How many ? one statement may hold."""
    return conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


def json_ints(expr: str) -> str:
    """A FROM source over the JSON array of ids in `expr`: columns `value` (integer) and
    `key` (position from 0). Give it an alias."""
    return f"json_each({expr})"


def json_value(expr: str, key: str) -> str:
    """The value under `key` of the JSON object in `expr` (NULL when absent)."""
    return f"json_extract({expr}, '$.{key}')"


def json_number(expr: str, key: str) -> str:
    """As `json_value`, as a number."""
    return f"json_extract({expr}, '$.{key}')"


def json_doc(expr: str) -> str:
    """A JSON text column in the form `json_value` reads fastest (a CTE converts it once)."""
    return expr


def json_object(members: str) -> str:
    """A JSON object of `'key', value, ...` pairs."""
    return f"json_object({members})"


def json_list(value: str, rest: str, order: str, of_objects: bool = False) -> str:
    """A scalar subquery: the JSON array text of `value` over `rest` (FROM ... WHERE ...)
    in `order`, '[]' when there is none. `of_objects`: `value` is JSON (a subquery's column
    loses SQLite's JSON subtype, so it is parsed again)."""
    item = "json(v)" if of_objects else "v"
    return f"(SELECT json_group_array({item}) FROM (SELECT {value} AS v {rest} ORDER BY {order}))"


def id_list(expr: str) -> str:
    """The distinct ids of a group, comma-separated (order not guaranteed)."""
    return f"group_concat(DISTINCT {expr})"


def epoch_seconds(expr: str) -> str:
    """Seconds since 1970 of an ISO 8601 UTC timestamp column."""
    return f"CAST(strftime('%s', {expr}) AS INTEGER)"


def reserve_ids(conn: sqlite3.Connection, table: str, count: int) -> list[int]:
    """`count` ids for rows inserted with explicit ids (inside the write transaction): the
    ones SQLite would give, max(id) + 1 on."""
    last = conn.execute(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()[0]
    return list(range(last + 1, last + 1 + count))


def sync_ids(conn: sqlite3.Connection, table: str) -> None:
    """After inserts with explicit ids: nothing to do, SQLite gives max(id) + 1."""


def article_search(alias: str) -> str:
    """A condition on articles `alias` with one parameter, `search_param(words)`."""
    return f"{alias}.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"


def search_param(words: list[str]) -> str:
    """Every word must occur, as a prefix; quoted, so no word is FTS5 syntax."""
    return " ".join(f'"{w}"*' for w in words)


ARTICLE_SEARCH_DDL = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "title, text, content='articles', content_rowid='id')",
    """
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
      INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END
    """,
    """
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
      INSERT INTO articles_fts(articles_fts, rowid, title, text)
      VALUES ('delete', old.id, old.title, old.text);
    END
    """,
    """
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
      INSERT INTO articles_fts(articles_fts, rowid, title, text)
      VALUES ('delete', old.id, old.title, old.text);
      INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END
    """,
)


LIVE_DDL: tuple[str, ...] = ()  # no notifications: the change feed polls
NOTIFY_BY_WRITER_DDL: tuple[str, ...] = ()


def row_trigger(name: str, fired_by: str, when: str, statements: list[str]) -> tuple[str, ...]:
    """A trigger that runs `statements` after each row `fired_by` ("DELETE ON t") touches
    when `when` holds (OLD./NEW. name the row)."""
    body = "".join(f"{s};\n" for s in statements)
    return (f"CREATE TRIGGER {name} AFTER {fired_by} WHEN {when} BEGIN\n{body}END",)


def listen(conn: sqlite3.Connection) -> None:
    """Nothing to subscribe to: `wait_for_change` sleeps, then the feed polls."""


def wait_for_change(conn: sqlite3.Connection, timeout: float) -> None:
    time.sleep(timeout)
