"""Provides `check_database`: what `workbench check` reports about a database.

On a SQLite file: SQLite's `integrity_check` (every page, index and constraint: ~55 ms per
MB here, so a command of its own, not a step of every open), its foreign-key check, text
that is not valid UTF-8 (which would stop a listing), and, as a note, strings still holding
control characters (written before ingest cleaned them, or by another tool: shown as
`⟨U+001B⟩`, never sent). On a PostgreSQL server the server keeps pages, foreign keys and
UTF-8 itself (it refuses to store what breaks them), so the check is the note alone.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from .db import Store

_UNSAFE = re.compile(
    rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]"
)
LIMIT = 20  # problems listed per kind


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(store: Store) -> Report:
    report = Report()
    if store.is_postgres:
        _check_server(store, report)
        return report
    conn = store.conn
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({LIMIT})")]
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"integrity check could not run: {exc}")
        return report
    if rows != ["ok"]:
        report.problems += [f"integrity: {r}" for r in rows]
        return report  # a damaged file: the scans below would read garbage
    for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check").fetchmany(LIMIT):
        report.problems.append(f"{table} row {rowid}: refers to a missing {parent} row")
    bad, dirty = _scan_text(conn)
    report.problems += bad[:LIMIT]
    if len(bad) > LIMIT:
        report.problems.append(f"... and {len(bad) - LIMIT} more values that are not UTF-8")
    _dirty_note(report, dirty)
    return report


def _dirty_note(report: Report, dirty: dict[tuple[str, str], int]) -> None:
    if dirty:
        where = ", ".join(f"{t}.{c} ({n})" for (t, c), n in sorted(dirty.items()))
        report.notes.append(
            f"{sum(dirty.values())} text values hold control or bidi characters ({where}); "
            f"they are shown as ⟨U+001B⟩ and never sent to the terminal"
        )


# The characters `_UNSAFE` finds, as a PostgreSQL regular expression; U+E000 is how the
# connection stores NUL (backends/pg_connection.py), so a value holding NUL counts too.
_UNSAFE_SERVER = "[\\x01-\\x08\\x0b-\\x1f\\x7f\\u0080-\\u009f\\u2028-\\u202e\\u2066-\\u2069\\ue000]"


def _check_server(store: Store, report: Report) -> None:
    report.notes.append(
        "a PostgreSQL server keeps its pages, foreign keys and UTF-8 itself; pg_amcheck "
        "checks its tables and indexes"
    )
    columns = store.conn.execute(
        "SELECT c.table_name, c.column_name FROM information_schema.columns c "
        "JOIN information_schema.tables t ON t.table_schema = c.table_schema "
        "AND t.table_name = c.table_name "
        "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
        "AND c.data_type = 'text' ORDER BY 1, 2"
    ).fetchall()
    dirty: dict[tuple[str, str], int] = {}
    for table, column in columns:
        found = store.scalar(
            f'SELECT count(*) FROM "{table}" WHERE "{column}" ~ ?', [_UNSAFE_SERVER]
        )
        if found:
            dirty[(str(table), str(column))] = int(found)
    _dirty_note(report, dirty)


def _scan_text(conn: sqlite3.Connection) -> tuple[list[str], dict[tuple[str, str], int]]:
    bad: list[str] = []
    dirty: dict[tuple[str, str], int] = {}
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%'"
        )
    ]
    columns = {t: [c[1] for c in conn.execute(f"PRAGMA table_info([{t}])")] for t in tables}
    previous = conn.text_factory
    conn.text_factory = bytes  # the values as stored, to find those that do not decode
    try:
        for table in tables:
            for column in columns[table]:
                query = f"SELECT rowid, [{column}] FROM [{table}] WHERE typeof([{column}]) = 'text'"
                for rowid, value in conn.execute(query):
                    try:
                        value.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        bad.append(f"{table} row {rowid}, {column}: not valid UTF-8 ({exc.reason})")
                        continue
                    if _UNSAFE.search(value):
                        dirty[(table, column)] = dirty.get((table, column), 0) + 1
    finally:
        conn.text_factory = previous
    return bad, dirty
