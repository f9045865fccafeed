"""Provides `ReviewActions`: the review screen's decisions, each one logged change.

The screen updates at once (the event shows its new mark, the cursor moves on) and the
change is queued for the writer thread; the row that comes back (with its new version)
replaces the local one. A refused change (someone else changed the event, or an invalid
value) is reported and the article reloads, so the screen never shows what is not saved.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual import work
from textual.widgets import ContentSwitcher
from textual.worker import get_current_worker

from ...store.entities import article_country
from ...store.events import merge_events, set_article_status, set_status
from ..sentences import prefill
from ..sentences import spans_of as _spans
from ..widgets.article_view import ArticleView
from ..widgets.entities_panel import EntitiesPanel, group_mentions
from .review_state import ReviewState


class ReviewActions(ReviewState):
    """Mixed into `ReviewScreen` (which declares the bindings)."""

    # -- confirm / reject / reopen --------------------------------------------------

    def action_confirm_event(self) -> None:
        self._decide("confirmed")

    def action_reject_event(self) -> None:
        self._decide("rejected")

    def action_reopen_event(self) -> None:
        self._decide("proposed", advance=False)

    def _decide(self, status: str, advance: bool = True) -> None:
        view = self.current
        if view is None:
            return
        if view.status != status:
            event_id, seen = view.id, view.row["version"]
            view.row = {**view.row, "status": status}
            self.pending.add(event_id)

            def write(store, expect):
                version = expect("events", event_id, seen)
                return set_status(store, event_id, status, expected_version=version)

            self.app.submit(
                write,
                on_done=partial(self._written, event_id),
                on_error=partial(self._refused, event_id),
                table="events",
            )
        if advance:
            self._advance()
        else:
            self.select(self.selected)

    def _advance(self) -> None:
        """To the next proposed event after the current one (wrapping), else stay."""
        count = len(self.events)
        for step in range(1, count + 1):
            index = (self.selected + step) % count
            if self.events[index].status == "proposed" and self.events[index].id not in self.marked:
                self.select(index)
                return
        self.select(self.selected)
        keys = self.app.key_for("toggle-article-done", "d"), self.app.key_for("next-article", "n")
        self.notify(
            f"Every event here is decided: {keys[0]} marks the article done, {keys[1]} moves on"
        )

    def _written(self, event_id: int, row: dict[str, Any]) -> None:
        self.pending.discard(event_id)
        for view in self.events:
            if view.id == event_id and isinstance(row, dict):
                view.row = row
        self.refresh_events()
        self.app.refresh_progress()

    def _refused(self, event_id: int, exc: Exception) -> None:
        """A decision the store refused (a confirm rule, someone else's change): say why in
        one line and show the event as it is saved, selected so it can be fixed."""
        self.pending.discard(event_id)
        self.app.show_error(exc, reload=False)
        self.load(self.article_id, event_id)
        self.app.refresh_progress()

    # -- merge ------------------------------------------------------------------------

    def action_merge_events(self) -> None:
        view = self.current
        if view is None:
            return
        if not self.marked:
            self.marked = {view.id}
            key = self.app.key_for("merge-events", "m")
            self.notify(f"Event {view.id} kept; select the duplicate and press {key} again")
            self.refresh_events()
            return
        keep = next(iter(self.marked))
        if keep == view.id:
            self.marked = set()
            self.notify("Merge cancelled")
            self.refresh_events()
            return
        other = view.id
        self.marked = set()

        def done(_row: Any) -> None:
            self.notify(f"Merged event {other} into event {keep}")
            self.load(self.article_id, keep)
            self.app.refresh_progress()

        self.app.submit(lambda store, _: merge_events(store, keep, [other]), on_done=done)

    # -- the article ------------------------------------------------------------------

    def action_toggle_article_done(self) -> None:
        if self.bundle is None:
            return
        article = self.bundle.article
        status = "in_review" if article["status"] == "done" else "done"
        article_id = article["id"]
        article["status"] = status
        self._head()

        def done(row: dict[str, Any]) -> None:
            if self.bundle and self.bundle.article["id"] == article_id:
                self.bundle.article.update(row)
                self._head()
            self.app.refresh_progress()

        self.app.submit(lambda store, _: set_article_status(store, article_id, status), done)

    # -- dialogs ----------------------------------------------------------------------

    def action_edit_event(self) -> None:
        self.action_edit_field(None)

    def action_edit_field(self, field: str | None) -> None:
        """The edit form, on one field when given (typing replaces its value)."""
        from .edit_event import EditEventScreen

        view = self.current
        if view is None or self.bundle is None:
            return
        if view.id in self.pending:
            self.notify("Still saving this event; try again in a moment")
            return
        self.app.push_screen(
            EditEventScreen(article=self.bundle.article, event=view, focus=field),
            partial(self._after_dialog, None),
        )

    def action_add_event(self) -> None:
        if self.bundle is not None:
            self._prefill(*self.query_one(ArticleView).cursor_span)

    @work(thread=True, exclusive=True, group="prefill")
    def _prefill(self, start: int, end: int) -> None:
        # The extractor is pure (text in, proposals out): no database lock needed.
        bundle = self.bundle
        if bundle is None:
            return  # the screen moved on to another article meanwhile
        article = bundle.article
        skip = _spans(article.get("boilerplate"))
        values = prefill(article["text"], bundle.mentions, start, end, article["published"], skip)
        if not values.get("location"):
            # The sentence names no place: the article's country (confirming needs one).
            country = self.app.gateway.safe(article_country, article["id"])
            if country:
                values["location"] = country
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._open_add, start, end, values)

    def _open_add(self, start: int, end: int, values: dict[str, Any]) -> None:
        from .edit_event import EditEventScreen

        if self.bundle is None:
            return
        article = self.bundle.article
        quote = article["text"][start:end]
        screen = EditEventScreen(article=article, values=values, span=(start, end, quote))
        self.app.push_screen(screen, partial(self._after_dialog, None))

    def action_fix_mention(self) -> None:
        from .fix_mention import FixMentionScreen

        if self.bundle is None:
            return
        panel = self.query_one(EntitiesPanel)
        if self.query_one("#panel", ContentSwitcher).current == "entities":
            group = panel.current()
        else:
            start, end = self.query_one(ArticleView).cursor_span
            inside = [m for m in self.bundle.mentions if start <= m["start"] and m["end"] <= end]
            groups = group_mentions(inside)
            group = groups[0] if len(groups) == 1 else None
            if len(groups) > 1:
                self.action_toggle_entities()
                panel.highlight_mention(groups[0].mentions[0]["id"])
                self.notify("Several mentions in this sentence: pick one, then fix it")
                return
            if not groups:
                key = self.app.key_for("toggle-entities", "t")
                self.notify(f"No mention in this sentence; {key} lists all of the article's")
                return
        if group is not None:
            self.app.push_screen(FixMentionScreen(group), partial(self._after_dialog, None))

    def _after_dialog(self, select: int | None, result: Any) -> None:
        if result is None:
            return
        if isinstance(result, dict) and result.get("select"):
            select = result["select"]
        self.load(self.article_id, select or (self.current.id if self.current else None))
        self.app.refresh_progress()
