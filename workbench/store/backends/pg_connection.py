"""Provides `Connection`: a psycopg connection that answers the sqlite3 calls the store makes.

The store's SQL is written once with `?` (and, in a few places, `?1` or `:name`) parameter
markers, the style of Python's sqlite3; psycopg speaks `%s` and `%(name)s`. `Connection`
rewrites the markers only: a small scanner that skips quoted strings, identifiers and
comments (a `?` inside a quote is text). The SQL dialect itself is never rewritten; what has
no portable spelling is a fragment in `postgres.py`. Strings are escaped for NUL, which
PostgreSQL text cannot hold.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.string import StrDumperUnknown, TextLoader

from . import busy_timeout_ms
from . import describe as describe  # the URL without its password

_MARKER = re.compile(
    r"""'(?:[^']|'')*'          # a string literal
      | "(?:[^"]|"")*"          # a quoted identifier
      | --[^\n]*                # a line comment
      | /\*.*?\*/               # a block comment
      | ::                      # a cast, not a :name parameter
      | \?(\d+)                 # ?1: numbered parameter
      | \?                      # ?: the next parameter
      | (?<![\w:]):([A-Za-z_]\w*)  # :name
      | %                       # a literal % (psycopg reads % as a marker)
    """,
    re.VERBOSE | re.DOTALL,
)


@functools.lru_cache(maxsize=2048)
def convert(sql: str) -> tuple[str, tuple[int, ...] | None, bool]:
    """`?`-style SQL -> psycopg SQL, the order of numbered parameters (None: in order), and
    whether the statement has parameters at all."""
    numbered: list[int] = []
    has = False

    def sub(m: re.Match[str]) -> str:
        nonlocal has
        text: str = m.group(0)
        if text == "%":
            return "%%"
        if text == "?":
            has = True
            return "%s"
        if m.group(1):
            has = True
            numbered.append(int(m.group(1)) - 1)
            return "%s"
        if m.group(2):
            has = True
            return f"%({m.group(2)})s"
        return text.replace("%", "%%")  # psycopg reads % even inside quotes

    out = _MARKER.sub(sub, sql)
    return out, tuple(numbered) or None, has


# PostgreSQL text cannot hold NUL, which a SQLite file stores (an imported note, a copied
# database): on the way in NUL becomes ESC + "0" and ESC itself ESC + ESC, and back on the
# way out, so every string reads back exactly as written. ESC is a private-use character.
ESC = "\ue000"
_ESCAPED = re.compile(ESC + "(.)", re.DOTALL)


def escape_nul(text: str) -> str:
    if "\x00" in text or ESC in text:
        return text.replace(ESC, ESC + ESC).replace("\x00", ESC + "0")
    return text


def unescape_nul(text: str) -> str:
    if ESC not in text:
        return text
    return _ESCAPED.sub(lambda m: "\x00" if m.group(1) == "0" else m.group(1), text)


class _NulSafeDumper(StrDumperUnknown):  # untyped, as psycopg sends str by default
    def dump(self, obj: Any) -> Any:
        return super().dump(escape_nul(obj))


class _NulSafeLoader(TextLoader):
    def load(self, data: Any) -> Any:
        text = super().load(data)
        return unescape_nul(text) if isinstance(text, str) else text


def _loader(factory: Any) -> type[TextLoader]:
    """A text loader that hands each value, as UTF-8 bytes with its NULs back, to `factory`
    (what sqlite3's `text_factory` does with the bytes stored)."""

    class _FactoryLoader(_NulSafeLoader):
        def load(self, data: Any) -> Any:
            text = super().load(data)
            return factory(text.encode()) if isinstance(text, str) else text

    return _FactoryLoader


class Later:
    """The result of a statement sent later (`Connection.defer`), once it has run."""

    cursor: psycopg.Cursor | None = None

    def result(self) -> psycopg.Cursor:
        if self.cursor is None:
            raise psycopg.InterfaceError("a deferred statement was never sent")
        return self.cursor

    def fetchone(self) -> Any:
        return self.result().fetchone()


class Connection:
    """A psycopg connection with the sqlite3 calls the store uses (`execute`,
    `executemany`, `in_transaction`); autocommit, so BEGIN/COMMIT are the store's own.

    `defer` holds a statement back to go to the server with the next one, in one round trip
    (psycopg's pipeline mode): a write's BEGIN and lock go with what it reads under them,
    its UPDATEs and action row with the COMMIT. Every writer waits while the one holding the lock talks to
    the server, so each round trip saved there is saved for all of them. The server runs
    them in order and stops at the first error (the rest, COMMIT included, are skipped)."""

    backend: Any = None  # postgres.py, which sets it: migrations ask a connection for it

    def __init__(self, url: str):
        self.url = url
        self._text_factory: Any = str
        self._raw = self._open()
        self.in_write = False  # between the store's BEGIN and its COMMIT or ROLLBACK
        self.replay: list[str] = []  # session statements a new connection repeats (LISTEN)
        self.pending: list[tuple[str, Any, Later]] = []  # deferred, not yet sent

    @property
    def text_factory(self) -> Any:
        """As sqlite3's: what text values are read through (`str`: as stored). The TUI reads
        through `untrusted.shown_text`, so that an escape in a title shows as `␛` from a
        server as from a file."""
        return self._text_factory

    @text_factory.setter
    def text_factory(self, factory: Any) -> None:
        self._text_factory = factory
        self._load_text(self._raw)

    def _load_text(self, raw: psycopg.Connection[Any]) -> None:
        loader = _NulSafeLoader if self._text_factory is str else _loader(self._text_factory)
        for name in ("text", "varchar"):
            raw.adapters.register_loader(name, loader)

    @property
    def raw(self) -> psycopg.Connection[Any]:
        """The psycopg connection, for what the store does with it directly (COPY, LISTEN):
        what was deferred is sent first."""
        self._send(None, ())
        return self._raw

    def _open(self) -> psycopg.Connection[Any]:
        # A lock wait ends as SQLite's busy timeout does (the same limit): a writer queued
        # behind a long one is refused with a clear line instead of waiting for ever; the
        # server ends the transaction with the error, so nothing of it is written. Set in the
        # connection's start-up options (no round trip), after any the URL gives.
        options = conninfo_to_dict(self.url).get("options") or ""
        options = f"{options} -c lock_timeout={int(busy_timeout_ms())}".strip()
        raw = psycopg.connect(self.url, autocommit=True, options=options)
        raw.adapters.register_dumper(str, _NulSafeDumper)
        self._load_text(raw)
        return raw

    @property
    def lost(self) -> bool:
        """The server went away (stopped, restarted, the network cut): this connection is
        dead; the next statement outside a write transaction opens a new one."""
        return bool(self._raw.closed or self._raw.broken)

    def _ready(self, sql: str) -> None:
        """Before each statement: track the store's write transaction, and replace a lost
        connection, but never inside a write: the server rolled that transaction back, and
        its remaining statements must fail rather than run on their own."""
        words = sql.lstrip()[:12].upper()
        begins = words.startswith("BEGIN")
        if self.lost and (begins or not self.in_write):
            self.in_write = False
            self._raw = self._open()  # raises psycopg.OperationalError while it is down
            for statement in self.replay:
                self._raw.execute(statement)
        if begins:
            self.in_write = True
        elif words.startswith("COMMIT") or (
            words.startswith("ROLLBACK") and not words.startswith("ROLLBACK TO")
        ):
            self.in_write = False

    def _args(self, sql: str, params: Any) -> tuple[str, Any]:
        query, order, has = convert(sql)
        if not has:
            return sql, None
        if isinstance(params, dict):
            return query, params
        params = list(params)
        return query, [params[i] for i in order] if order else params

    def defer(self, sql: str, params: Any = ()) -> Later:
        """Send `sql` with the next statement, in the same round trip; its result is in the
        returned `Later` once that statement has run."""
        later = Later()
        self.pending.append((sql, params, later))
        return later

    def _send(self, sql: str | None, params: Any) -> psycopg.Cursor | None:
        """Send what was deferred, then `sql` (if any), in one round trip; `sql`'s cursor."""
        if sql is not None and sql.lstrip()[:8].upper() == "ROLLBACK":
            self.pending = []  # nothing held back needs to run: it is all rolled back
        if not self.pending:
            if sql is None:
                return None
            self._ready(sql)
            return self._raw.execute(*self._args(sql, params))
        queued, self.pending = self.pending, []
        statements = [(q, p) for q, p, _ in queued] + ([] if sql is None else [(sql, params)])
        for statement, _ in statements:
            self._ready(statement)
        with self._raw.pipeline():
            cursors = [self._raw.execute(*self._args(q, p)) for q, p in statements]
        for (_, _, later), cur in zip(queued, cursors, strict=False):
            later.cursor = cur
        return cursors[-1] if sql is not None else None

    def execute_then(self, sql: str, then: list[str]) -> bool:
        """Send what was deferred, `sql`, then the statements `then` (no parameters), in one
        round trip. An error up to `sql` is raised as `execute` raises it; one in `then`
        is not: returns whether `then` ran without one (if not, the caller rolls back)."""
        queued, self.pending = self.pending, []
        statements = [(q, p) for q, p, _ in queued] + [(sql, params) for sql, params in
                      [(sql, ()), *((t, ()) for t in then)]]  # fmt: skip
        for statement, _ in statements:
            self._ready(statement)
        cursors: list[psycopg.Cursor] = []
        try:
            with self._raw.pipeline():
                for q, p in statements:
                    cursors.append(self._raw.execute(*self._args(q, p)))
        except psycopg.Error:
            mine = cursors[len(queued)] if len(cursors) > len(queued) else None
            result = None if mine is None else mine.pgresult
            if result is None or result.status != psycopg.pq.ExecStatus.COMMAND_OK:
                raise
            return False
        finally:
            for (_, _, later), cur in zip(queued, cursors, strict=False):
                later.cursor = cur
        return True

    def flush(self) -> None:
        """Send what was deferred now."""
        self._send(None, ())

    def execute(self, sql: str, params: Any = ()) -> psycopg.Cursor:
        cur = self._send(sql, params)
        assert cur is not None
        return cur

    def executemany(self, sql: str, seq: Any) -> psycopg.Cursor:
        self._send(None, ())
        self._ready(sql)
        query, order, _ = convert(sql)
        rows = (list(p) for p in seq)
        cur = self._raw.cursor()
        cur.executemany(query, ([r[i] for i in order] for r in rows) if order else rows)
        return cur

    @property
    def in_transaction(self) -> bool:
        if self.pending:  # a deferred BEGIN: the transaction has begun for the store
            return True
        if self.lost:  # the server ended the transaction; inside a write, it still counts
            return self.in_write
        return self._raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def close(self) -> None:
        self.pending = []
        self._raw.close()


def connect(url: str) -> Connection:
    return Connection(url)
