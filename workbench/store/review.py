"""Provides the review tier: a reviewer passes a confirmed event or sends it back.

Coders confirm; a reviewer (or admin) then either marks the event reviewed
(`reviewed_by/at`) or sends it back with a comment: the event returns to proposed with the
comment (`review_note`), its article to in review, and the article to the coder's queue
(their assignment reopened, or made). Nobody reviews an event they confirmed themselves.
Each is one logged, undoable action. `workbench export --status reviewed` exports only
reviewed events.
"""

from __future__ import annotations

from typing import Any

from .changes import Tx, change
from .db import Store, StoreError, now
from .team import require_role


def _reviewable(tx: Tx, event_id: int) -> dict[str, Any]:
    store = tx.store
    require_role(store, "reviewer", "reviewing")
    event = tx.get("events", event_id)
    if event["coder"] is not None:
        raise StoreError(f"event {event_id} is a coder's blind copy: adjudicate it instead")
    if event["status"] != "confirmed":
        raise StoreError(
            f"event {event_id} is {event['status']}: only confirmed events are reviewed"
        )
    if event["confirmed_by"] == store.analyst:
        raise StoreError(f"event {event_id} was confirmed by you: another reviewer reviews it")
    return event


def review_event(
    store: Store, event_id: int, *, expected_version: int | None = None
) -> dict[str, Any]:
    """Mark a confirmed event reviewed."""
    with change(store, "review-event") as tx:
        _reviewable(tx, event_id)
        return tx.update(
            "events", event_id,
            {"reviewed_by": store.analyst, "reviewed_at": now(), "review_note": None},
            expected_version=expected_version,
        )  # fmt: skip


def send_back(
    store: Store, event_id: int, note: str, *, expected_version: int | None = None
) -> dict[str, Any]:
    """Return a confirmed event to its coder, with the reviewer's comment."""
    note = (note or "").strip()
    if not note:
        raise ValueError("sending an event back needs a comment for the coder")
    with change(store, "send-back-event") as tx:
        event = _reviewable(tx, event_id)
        coder = event["confirmed_by"]
        stamp = now()
        row = tx.update(
            "events", event_id,
            {"status": "proposed", "review_note": f"{store.analyst}: {note}",
             "reviewed_by": None, "reviewed_at": None, "confirmed_by": None,
             "confirmed_at": None, "updated_at": stamp},
            expected_version=expected_version,
        )  # fmt: skip
        article_id = event["article_id"]
        if article_id is None:
            return row
        article = tx.get("articles", article_id)
        if article["status"] == "done":
            tx.update("articles", article_id, {"status": "in_review"})
        if coder:
            mine = store.query(
                "SELECT id, status FROM assignments WHERE article_id = ? AND analyst = ?",
                [article_id, coder],
            )
            if mine and mine[0]["status"] == "done":
                tx.update(
                    "assignments", int(mine[0]["id"]), {"status": "assigned", "done_at": None}
                )
            elif not mine:
                tx.insert("assignments", {
                    "article_id": article_id, "analyst": coder, "blind": 0,
                    "assigned_by": store.analyst, "assigned_at": stamp,
                })  # fmt: skip
        return row


def pending_review(store: Store, limit: int = 1000) -> list[dict[str, Any]]:
    """Confirmed events no reviewer has passed yet, oldest confirmation first."""
    return store.query(
        "SELECT id, article_id, event_date, sub_event_type, confirmed_by, confirmed_at "
        "FROM events WHERE coder IS NULL AND status = 'confirmed' AND reviewed_by IS NULL "
        "ORDER BY confirmed_at, id LIMIT ?",
        [limit],
    )
