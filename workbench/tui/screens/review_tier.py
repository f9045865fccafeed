"""Provides `ReviewTierActions`: a reviewer passes the selected event or sends it back.

Both are store actions (`store.review`), logged and undoable; a coder (not a reviewer), an
event that is not confirmed, or one the reviewer confirmed themselves is refused with the
store's message, and the article reloads.
"""

from __future__ import annotations

from functools import partial

from ...store.review import review_event, send_back
from .review_state import ReviewState


class ReviewTierActions(ReviewState):
    """Mixed into `ReviewScreen` (which declares the bindings)."""

    def action_review_event(self) -> None:
        view = self.current
        if view is None:
            return
        event_id, seen = view.id, view.row["version"]

        def write(store, expect):
            return review_event(store, event_id, expected_version=expect("events", event_id, seen))

        self.app.submit(write, on_done=partial(self._reviewed, "Reviewed"), table="events")

    def action_send_back(self) -> None:
        from .send_back import SendBackScreen

        view = self.current
        if view is None:
            return
        event_id, seen = view.id, view.row["version"]

        def chosen(note: str | None) -> None:
            if not note:
                return

            def write(store, expect):
                version = expect("events", event_id, seen)
                return send_back(store, event_id, note, expected_version=version)

            self.app.submit(write, on_done=partial(self._reviewed, "Sent back"), table="events")

        self.app.push_screen(SendBackScreen(event_id), chosen)

    def _reviewed(self, verb: str, row) -> None:
        self.notify(f"{verb}: event {row['id']}", markup=False)
        self.reload()
        self.app.refresh_progress()
