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
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.types.string import StrDumperUnknown, TextLoader


def describe(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(parts._replace(netloc=f"{user}{host}{port}"))


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


class Connection:
    """A psycopg connection with the sqlite3 calls the store uses (`execute`,
    `executemany`, `in_transaction`); autocommit, so BEGIN/COMMIT are the store's own."""

    backend: Any = None  # postgres.py, which sets it: migrations ask a connection for it

    def __init__(self, url: str):
        self.url = url
        self.raw = psycopg.connect(url, autocommit=True)
        self.raw.adapters.register_dumper(str, _NulSafeDumper)
        self.raw.adapters.register_loader("text", _NulSafeLoader)

    def _args(self, sql: str, params: Any) -> tuple[str, Any]:
        query, order, has = convert(sql)
        if not has:
            return sql, None
        if isinstance(params, dict):
            return query, params
        params = list(params)
        return query, [params[i] for i in order] if order else params

    def execute(self, sql: str, params: Any = ()) -> psycopg.Cursor:
        return self.raw.execute(*self._args(sql, params))

    def executemany(self, sql: str, seq: Any) -> psycopg.Cursor:
        query, order, _ = convert(sql)
        rows = (list(p) for p in seq)
        cur = self.raw.cursor()
        cur.executemany(query, ([r[i] for i in order] for r in rows) if order else rows)
        return cur

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()


def connect(url: str) -> Connection:
    return Connection(url)
