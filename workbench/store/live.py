"""Provides `ChangeFeed`: the actions other analysts commit, as they commit them.

An open screen asks the feed what changed and reloads what it shows. On PostgreSQL the
feed LISTENs: every action row NOTIFYs on commit (trigger m010), so a change arrives as soon
as it is committed, on every machine. A SQLite file has no notifications; the feed asks
for new action rows twice a second (one indexed lookup). Either way the feed reads the
action rows themselves, so a notification never needs to carry, or be trusted for, more
than "look".

On a server, actions on different events commit side by side (store/rows.py), so an action
can become visible after one with a higher id (ids are handed out before the commits
finish). The feed therefore keeps the ids it has not seen below the highest one it has, and
asks for them again at each look until they arrive, for GAP_S seconds: an id still missing
then belongs to a transaction that failed (its action row was never committed).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .db import Store

POLL_S = 0.5  # SQLite: how often to look for new actions
GAP_S = 30.0  # how long an id missing below a seen one is looked for (see above)
MAX_GAPS = 200  # the most such ids kept (the newest): a failed bulk write may skip many


@dataclass(frozen=True)
class Change:
    action_id: int
    analyst: str
    action: str
    targets: tuple[str, ...]  # "table:id" of every row the action touched

    def ids(self, table: str) -> set[int]:
        return {int(t.split(":", 1)[1]) for t in self.targets if t.startswith(f"{table}:")}


class ChangeFeed:
    """Other analysts' actions since the feed was opened, on a connection of its own."""

    def __init__(self, target: str, analyst: str) -> None:
        self.store = Store(target, analyst=analyst)
        self.analyst = self.store.analyst  # on a server: this connection's role
        self.store.sql.listen(self.store.conn)
        self.last = int(self.store.scalar("SELECT coalesce(max(id), 0) FROM actions"))
        self.missing: dict[int, float] = {}  # id below `last` not seen yet -> when noticed

    def wait(self, timeout: float = 1.0) -> list[Change]:
        """Changes by other analysts committed since the last call (waits at most
        `timeout` seconds for one; may return none)."""
        try:
            self.store.sql.wait_for_change(self.store.conn, min(timeout, POLL_S))
            gaps = sorted(self.missing)
            rows = self.store.conn.execute(
                "SELECT id, analyst, action, target FROM actions WHERE id > ?"
                + (f" OR id IN ({', '.join('?' * len(gaps))})" if gaps else "")
                + " ORDER BY id",
                [self.last, *gaps],
            ).fetchall()
        except self.store.sql.ERRORS as exc:
            if not self.store.sql.is_lost(exc):
                raise
            # The server went away: look again later. The next read reconnects (and
            # LISTENs again) and reads every action since the last one seen: none is missed.
            time.sleep(min(timeout, POLL_S))
            return []
        self._note_gaps([int(r[0]) for r in rows])
        return [
            Change(int(i), str(who), str(action), tuple(str(target).split()))
            for i, who, action, target in rows
            if who != self.analyst
        ]

    def _note_gaps(self, ids: list[int]) -> None:
        """Forget the ids that arrived; remember those skipped below the newest."""
        now = time.monotonic()
        for i in ids:
            self.missing.pop(i, None)
        newest = max(ids, default=self.last)
        seen = set(ids)
        for i in range(max(self.last + 1, newest - MAX_GAPS), newest):
            if i not in seen:
                self.missing[i] = now
        self.last = max(self.last, newest)
        for i, noticed in list(self.missing.items()):
            if now - noticed > GAP_S:
                del self.missing[i]
        for i in sorted(self.missing)[:-MAX_GAPS]:
            del self.missing[i]

    def close(self) -> None:
        self.store.close()
