"""Provides adjudication: the final events of a double-coded article, built from its coders'
copies once both are done.

The final events are the article's shared events (`coder` NULL, the ones exported). Taking
a coder's value (`take_values`) writes it into the final event of that row: the shared
event the coder's copy was made from when it is still undecided and no other row's,
otherwise a new shared event with the copy's sources; its `copy_of` then names that copy,
which is how a row finds its final event again (`final_of`). The final event is confirmed, keeps the coder whose value
was taken first as `confirmed_by`, and records who adjudicated (`adjudicated_by/at`, and
as the event's reviewer, `reviewed_by/at`).
`finish_adjudication` rejects the shared proposals no coder kept and marks the article
done. Each step is one logged, undoable action; only reviewers and admins adjudicate.
"""

from __future__ import annotations

from typing import Any

from .changes import Tx, change
from .checks import check_confirmable
from .db import Store, StoreError, now
from .events import _to_columns, public_values, validate
from .record import EDITABLE
from .team import require_role


def coders_done(store: Store, article_id: int) -> list[str]:
    """The article's two blind coders, when both copies are done (else an error)."""
    rows = store.query(
        "SELECT analyst, status FROM assignments WHERE article_id = ? AND blind = 1 "
        "ORDER BY analyst",
        [article_id],
    )
    if len(rows) < 2:
        raise StoreError(f"article {article_id} is not double-coded")
    waiting = [r["analyst"] for r in rows if r["status"] != "done"]
    if waiting:
        raise StoreError(
            f"article {article_id}: {', '.join(waiting)} not done yet; adjudication waits "
            "for both coders"
        )
    return [str(r["analyst"]) for r in rows]


def _final_for(tx: Tx, copy: dict[str, Any], article_id: int) -> int:
    """The shared event a copy's values go into: the one it was copied from while still
    undecided, else a new one with the copy's sources."""
    store = tx.store
    origin = copy.get("copy_of")
    if origin is not None:
        shared = store.row("events", int(origin))
        # Not yet the final event of another row (both coders' copies of one proposal
        # may end up in different rows).
        if (
            shared
            and shared["coder"] is None
            and shared["status"] == "proposed"
            and (shared["copy_of"] is None)
        ):
            tx.update("events", int(origin), {"copy_of": copy["id"]})
            return int(origin)
    stamp = now()
    values = {k: v for k, v in copy.items() if k not in ("id", "version")}
    # A final event's `copy_of` names the copy it was first built from (see `final_of`).
    values.update(coder=None, copy_of=copy["id"], origin="adjudication", status="proposed",
                  article_id=article_id, created_at=stamp, updated_at=stamp)  # fmt: skip
    final = tx.insert("events", values)
    for src in store.query(
        'SELECT article_id, quote, start, "end" FROM event_sources WHERE event_id = ? ORDER BY id',
        [copy["id"]],
    ):
        tx.insert("event_sources", {**src, "event_id": final})
    return final


def final_of(store: Store, copy_ids: list[int]) -> int | None:
    """The final event already built for a row of copies, if any (a final event's
    `copy_of` names the copy it was first built from, so each row keeps its own)."""
    for copy_id in copy_ids:
        found = store.scalar("SELECT id FROM events WHERE coder IS NULL AND copy_of = ?", [copy_id])
        if found is not None:
            return int(found)
    return None


def take_values(
    store: Store,
    article_id: int,
    copy_id: int,
    fields: list[str] | None = None,
    final_id: int | None = None,
    copies: list[int] | None = None,
) -> dict[str, Any]:
    """Write a coder's copy's values (all, or only `fields`) into the row's final event
    (`final_id`; else the one already built for the row's `copies`; else the one
    `_final_for` finds or makes): one logged action. Returns the final event. Looking the
    row up here, in the transaction, means two quick keys never build two final events."""
    with change(store, "adjudicate-event") as tx:
        require_role(store, "reviewer", "adjudicating")
        coders = coders_done(store, article_id)
        copy = tx.get("events", copy_id)
        if copy["coder"] not in coders or copy["article_id"] != article_id:
            raise StoreError(f"event {copy_id} is not a coder's copy of article {article_id}")
        if final_id is None:
            final_id = final_of(store, copies or [copy_id])
        if final_id is None:
            final_id = _final_for(tx, copy, article_id)
        final = tx.get("events", final_id)
        if final["coder"] is not None:
            raise StoreError(f"event {final_id} is a coder's copy, not a final event")
        wanted = list(EDITABLE) if fields is None else fields
        values = public_values(store, copy)
        clean = validate({f: values[f] for f in wanted}, public_values(store, final))
        cols = _to_columns(tx, clean)
        stamp = now()
        # Adjudicating is the review of a double-coded event: a reviewer has weighed both
        # codings, so the final event counts as reviewed (`export --status reviewed`).
        cols.update(status="confirmed", edited=1, updated_at=stamp, adjudicated_by=store.analyst,
                    adjudicated_at=stamp, reviewed_by=store.analyst, reviewed_at=stamp)  # fmt: skip
        if final["status"] != "confirmed":
            cols.update(confirmed_by=copy["coder"], confirmed_at=stamp)
        row = tx.update("events", final_id, cols)
        check_confirmable(store, row)
        return row


def drop_final(
    store: Store, final_id: int | None, copies: list[int] | None = None
) -> dict[str, Any]:
    """The adjudicator's "no such event": the final event (`final_id`, or the one built for
    the row's copies) is rejected."""
    with change(store, "adjudicate-event") as tx:
        require_role(store, "reviewer", "adjudicating")
        if final_id is None:
            final_id = final_of(store, copies or [])
        if final_id is None:
            raise StoreError("no final event to reject yet: take a coder's event first")
        final = tx.get("events", final_id)
        if final["coder"] is not None:
            raise StoreError(f"event {final_id} is a coder's copy, not a final event")
        stamp = now()
        return tx.update("events", final_id, {"status": "rejected", "updated_at": stamp,
                                              "adjudicated_by": store.analyst,
                                              "adjudicated_at": stamp})  # fmt: skip


def finish_adjudication(store: Store, article_id: int) -> dict[str, Any]:
    """Reject the shared proposals nobody kept and mark the article done: one action."""
    with change(store, "finish-adjudication") as tx:
        require_role(store, "reviewer", "adjudicating")
        coders_done(store, article_id)
        stamp = now()
        for row in store.query(
            "SELECT id FROM events WHERE coder IS NULL AND status = 'proposed' AND id IN ("
            "SELECT id FROM events WHERE article_id = ? "
            "UNION SELECT event_id FROM event_sources WHERE article_id = ?)",
            [article_id, article_id],
        ):
            tx.update("events", int(row["id"]), {"status": "rejected", "updated_at": stamp,
                                                 "adjudicated_by": store.analyst,
                                                 "adjudicated_at": stamp})  # fmt: skip
        return tx.update("articles", article_id, {"status": "done"})
