"""Provides what the store says when the database or the disk fails, and the watch on its
write-ahead log.

- `explain`: a `sqlite3` error as one line that says what happened and what to do (a full
  disk, a read-only file or folder, a write lock held past the busy timeout, text that is
  not UTF-8, a damaged file). Every such error in a write rolls the transaction back, so
  the line can say that nothing was written.
- `WalWatch`: SQLite keeps writing to a `-wal` file it has open even after someone deletes
  or replaces it (a sync tool, a cleanup), and whatever is in that unlinked file is lost
  when the process dies. Before and after each write transaction the store compares the
  file's identity with the one it opened; when it differs, the store copies what it has
  committed into the database file (a checkpoint through its open handle), refuses every
  later write, and says so.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

BUSY_HINT = "another program is writing to it (an import, an extraction, another analyst?)"


def busy(path: str, seconds: float) -> str:
    """The write lock was held by another writer past the busy timeout (either backend)."""
    return (
        f"{path}: the database stayed locked for {seconds:g} s: {BUSY_HINT} "
        f"Nothing was written; try again when it is done."
    )


def explain(exc: sqlite3.Error, path: str, busy_seconds: float) -> str:
    """One line for a sqlite3 error met on the database at `path`."""
    message = str(exc)
    low = message.lower()
    folder = Path(path).resolve().parent if path != ":memory:" else Path(".")
    if "locked" in low or "busy" in low:
        return busy(path, busy_seconds)
    if "readonly" in low or "read-only" in low:
        if not os.access(folder, os.W_OK):
            return (
                f"{path}: its folder {folder} is read-only, and SQLite must create its -wal "
                f"and -shm files there. Nothing was written; make the folder writable or copy "
                f"the database somewhere writable."
            )
        return (
            f"{path}: the database file is read-only. Nothing was written; make it writable "
            f"(chmod u+w) or copy it."
        )
    if "disk is full" in low or "database or disk is full" in low:
        return (
            f"{path}: the disk is full. Nothing was written; free some space on "
            f"{folder} and try again."
        )
    if "unable to open" in low:
        if not os.access(folder, os.W_OK):
            return (
                f"{path}: cannot open the database: its folder {folder} is not writable "
                f"(SQLite keeps -wal and -shm files beside it)."
            )
        return f"{path}: cannot open the database file (check that it exists and is readable)."
    if "could not decode" in low or "utf-8" in low:
        return (
            f"{path}: the database holds text that is not valid UTF-8 (written by another "
            f"tool?). `workbench check` lists where."
        )
    if "malformed" in low or "not a database" in low or "corrupt" in low:
        return (
            f"{path}: the database file is damaged ({message}). Nothing was written; "
            f"`workbench check` reports what is wrong; restore it from a backup or an export."
        )
    if "disk i/o error" in low:
        return (
            f"{path}: the disk reported an I/O error ({message}); nothing was written. Is the "
            f"database on a network or removable drive? Keep it on a local disk."
        )
    return f"{path}: database error ({message})."


class WalWatch:
    """The identity (device, inode) of the database's -wal file, checked at each write."""

    def __init__(self, path: str):
        self.wal = f"{path}-wal" if path != ":memory:" else None
        self.known: tuple[int, int] | None = None
        self.broken: str | None = None  # the message once the WAL has gone

    def _identity(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.wal)  # type: ignore[arg-type]
        except OSError:
            return None
        return info.st_dev, info.st_ino

    def learn(self) -> None:
        """Remember the -wal file this connection has open (after opening, or the first
        transaction)."""
        if self.wal is not None and self.known is None:
            self.known = self._identity()

    def changed(self) -> bool:
        if self.wal is None or self.known is None:
            return False
        return self._identity() != self.known

    def fail(self, conn: sqlite3.Connection, path: str) -> str:
        """Save what this connection committed into the database file and remember that no
        more may be written; returns the message for the analyst."""
        saved = "copied into the database file"
        try:
            conn.execute("PRAGMA wal_checkpoint(FULL)")
        except sqlite3.Error as exc:  # say so: the analyst must know it may be lost
            saved = f"NOT copied into the database file ({exc}): keep this window open"
        self.broken = (
            f"{path}: its write-ahead log ({Path(path).name}-wal) was deleted or replaced "
            f"while the database was open (a sync tool or a cleanup?). What was saved here "
            f"was {saved}; nothing more will be written from this session: close it, reopen "
            f"the database, and keep it out of synced or cleaned folders."
        )
        return self.broken
