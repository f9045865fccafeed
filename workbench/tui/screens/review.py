"""Provides `ReviewScreen`: one article beside its events and entities, curated by key.

Left: the article text (mentions highlighted by kind, the selected event's evidence reversed
and scrolled into view, the sentence cursor). Right: the article's events with status marks
and the selected event's fields, or (`toggle-entities`) its mentions grouped by kind.

This module holds the layout, loading and navigation; the decisions (confirm, reject,
edit, add, merge, fix-mention, done) are in `review_actions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Input, Static
from textual.worker import get_current_worker

from ...geo.raster import OTHER, SELECTED
from ...store.live import Change, ChangeFeed
from ...store.presence import HEARTBEAT_SECONDS, touch
from ..data import Bundle, EventView
from ..marks import ARTICLE_MARKS, in_words
from ..sentences import spans_of
from ..widgets.article_view import ArticleView, prepare
from ..widgets.entities_panel import EntitiesPanel, group_mentions
from ..widgets.event_fields import EventFields
from ..widgets.event_list import EventList
from ..widgets.event_pair import pair_table, side_of
from ..widgets.footer import Footer
from ..widgets.legend import Legend
from ..widgets.map_view import TOWN, MapView
from ..widgets.progress_line import ProgressLine
from .review_actions import ReviewActions
from .review_cursor import ReviewCursor
from .review_tier import ReviewTierActions

NEEDS_EVENT = {
    "confirm_event",
    "reject_event",
    "edit_event",
    "edit_field",
    "merge_events",
    "reopen_event",
    "review_event",
    "send_back",
}
# A key per field: the form opens on that field with its value selected, so a fix is the
# key, the value's first letters and enter (the panel shows each field's key).
FIELD_KEYS = (
    ("1", "event_date", "edit-date", "Fix the date"),
    ("2", "sub_event_type", "edit-sub-event-type", "Fix the sub-event type"),
    ("3", "actor1", "edit-actor1", "Fix actor 1"),
    ("4", "actor2", "edit-actor2", "Fix actor 2"),
    ("5", "location", "edit-location", "Fix the location"),
    ("6", "fatalities", "edit-fatalities", "Fix the fatalities"),
    ("7", "assoc_actor_1", "edit-assoc-actor-1", "Fix associated actors 1"),
    ("8", "assoc_actor_2", "edit-assoc-actor-2", "Fix associated actors 2"),
    ("9", "date_precision", "edit-date-precision", "Fix the date precision"),
    ("0", "notes", "edit-notes", "Fix the notes"),
)

# The screen's keys, in the help screen's order: (key, action, description, id); the footer
# shows those in SHOWN.
SHOWN = {"confirm-event", "reject-event", "edit-event", "add-event", "next-article",
         "toggle-article-done"}  # fmt: skip
KEYS = (
    ("down", "move_event(1)", "Next event", "next-event"),
    ("up", "move_event(-1)", "Previous event", "prev-event"),
    ("c", "confirm_event", "Confirm", "confirm-event"),
    ("x", "reject_event", "Reject", "reject-event"),
    ("e", "edit_event", "Edit", "edit-event"),
    ("a", "add_event", "Add", "add-event"),
    ("m", "merge_events", "Merge (two presses: keep, merge)", "merge-events"),
    ("o", "reopen_event", "Reopen event", "reopen-event"),
    ("v", "review_event", "Mark reviewed", "review-event"),
    ("b", "send_back", "Send back", "send-back-event"),
    ("n", "move_article(1)", "Next article", "next-article"),
    ("p", "move_article(-1)", "Previous article", "prev-article"),
    ("d", "toggle_article_done", "Done", "toggle-article-done"),
    ("f", "fix_mention", "Fix mention", "fix-mention"),
    ("t", "toggle_entities", "Entities", "toggle-entities"),
    ("g", "toggle_map", "Map", "toggle-map"),
    ("right", "move_cursor(1)", "Next sentence", "next-sentence"),
    ("left", "move_cursor(-1)", "Previous sentence", "prev-sentence"),
    ("right_curly_bracket", "move_paragraph(1)", "Next paragraph", "next-paragraph"),
    ("left_curly_bracket", "move_paragraph(-1)", "Paragraph start / previous", "prev-paragraph"),
    ("right_square_bracket", "move_to_act(1)", "Next sentence with an act word", "next-act"),
    ("left_square_bracket", "move_to_act(-1)", "Previous sentence with an act word", "prev-act"),
    ("ctrl+f", "find_in_article", "Find in the article", "find-in-article"),
    ("escape", "cancel_find", "Close find, cursor back", "cancel-find"),
    ("home", "cursor_to(0)", "First sentence", "first-sentence"),
    ("end", "cursor_to(-1)", "Last sentence", "last-sentence"),
    ("pagedown", "scroll_text(1)", "Scroll text down", "scroll-text-down"),
    ("pageup", "scroll_text(-1)", "Scroll text up", "scroll-text-up"),
    ("backspace", "open_queue", "Back to the queue", "open-queue"),
)  # fmt: skip


if TYPE_CHECKING:
    from ..app import WorkbenchApp

HOLD_LIMIT = 3.0  # seconds a move may hold typed keys before they act where they are


class ReviewScreen(ReviewActions, ReviewTierActions, ReviewCursor):
    SCOPE = "Review"
    if TYPE_CHECKING:
        app = getters.app(WorkbenchApp)
    CSS_PATH = "review.tcss"
    AUTO_FOCUS = None  # no widget holds the focus: the screen's keys act on the events
    BINDINGS = [
        *(
            Binding(key, action, description, id=binding_id, show=binding_id in SHOWN)
            for key, action, description, binding_id in KEYS
        ),
        *(
            Binding(key, f"edit_field('{field}')", label, id=binding_id, show=False)
            for key, field, binding_id, label in FIELD_KEYS
        ),
    ]

    def help_notes(self) -> list[str]:
        """Two-step keys, in a sentence each (the help screen shows them)."""
        merge = self.app.key_for("merge-events", "m")
        return [
            f"Merge takes two presses: {merge} on the event to keep, then select its duplicate "
            f"(both are shown side by side) and {merge} again merges it into the kept one; "
            f"{merge} on the kept one cancels."
        ]

    def __init__(self, article_id: int):
        super().__init__()
        self.article_id = article_id
        self.bundle: Bundle | None = None
        self.events: list[EventView] = []
        self.selected = 0
        self.marked: set[int] = set()
        self.pending: set[int] = set()
        self.changed: dict[int, str] = {}  # events another analyst changed meanwhile
        self._had_event = False  # as the footer is first drawn: no rows yet, no event keys
        self._beat_for: int | None = None
        # Event id -> (the model's ranked types, P(real event)); filled by a worker.
        self.learned: dict[int, tuple[list, float | None]] = {}
        # Keys typed while the article's rows are on their way: held, then replayed once
        # they are shown. The screen is drawn and takes keys before its first rows arrive
        # (they load in a thread; on a server that can take a second), so a field key typed
        # at once acts on the first event instead of being lost; and "n d" marks the
        # article moved to, never the one being left.
        self._opening = True  # until the first rows are shown (_show)
        self._holding = False  # while moving
        self._held: list[events.Key] = []
        self._hold_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="review-head")
        with Horizontal(id="review-body"):
            with Vertical(id="review-left"):
                yield ArticleView(id="article")
                find = Input(placeholder="find in the article", id="find", compact=True)
                find.display, find.disabled = False, True  # find-in-article (review_cursor.py)
                yield find
                yield Legend(id="legend")
            with Vertical(id="review-right"):
                yield Static(id="panel-tabs")
                with ContentSwitcher(initial="events-panel", id="panel"):
                    with Vertical(id="events-panel"):
                        yield EventList(id="events")
                        yield EventFields(id="fields")
                        yield MapView(id="event-map")
                    entities = EntitiesPanel(id="entities")
                    entities.can_focus = False
                    yield entities
        yield ProgressLine(id="progress")
        yield Footer()

    def on_mount(self) -> None:
        self._tabs()
        self.load(self.article_id)
        self.set_interval(HEARTBEAT_SECONDS, self.heartbeat)
        self.follow_changes()

    def on_unmount(self) -> None:
        self._touch(None)  # here, not in a worker: the screen's workers stop with it

    @work(thread=True, group="presence")
    def heartbeat(self) -> None:
        """Tell other analysts' queues which article is open here (see store.presence)."""
        self._touch(self.article_id)

    def _touch(self, article_id: int | None) -> None:
        try:
            self.app.gateway.safe(touch, article_id)
        except Exception:  # presence is a courtesy: never in the way of the work
            pass

    @work(thread=True, exclusive=True, group="live")
    def follow_changes(self) -> None:
        """Other analysts' actions, as they commit (store/live.py): the events reload and
        the rows they changed are marked with their name."""
        if self.app.db_path == ":memory:":
            return
        feed = ChangeFeed(self.app.db_path, self.app.analyst)
        worker = get_current_worker()
        try:
            while not worker.is_cancelled:
                changes = feed.wait(0.5)
                if changes and not worker.is_cancelled:
                    self.app.call_from_thread(self._others_changed, changes)
        finally:
            feed.close()

    def _others_changed(self, changes: list[Change]) -> None:
        shown = {e.id for e in self.events}
        for change in changes:
            who = "".join(ch for ch in change.analyst if ch.isprintable())  # never escapes
            for event_id in change.ids("events") & shown:
                self.changed[event_id] = who
        if any(c.ids("events") or c.ids("event_sources") or c.ids("articles") for c in changes):
            self.reload()  # an event may also have been added to or taken from this article

    def on_screen_suspend(self) -> None:
        # A full screen on top (actors & places, duplicates) may change what this article
        # shows; dialogs report their own changes, so only the former forces a reload.
        self._stale = not isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        if getattr(self, "_stale", False):
            self._stale = False
            self.reload()

    # -- loading ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="bundle")
    def load(self, article_id: int, select_event: int | None = None) -> None:
        if not self.is_attached:
            return  # the screen was closed (or the app quit) before the load began
        bundle = self.app.gateway.bundle(article_id)
        if bundle is not None:
            # The work that grows with the article, here rather than on the UI thread (a
            # 10 MB article has ~120,000 mentions).
            article = bundle.article
            bundle.shown = prepare(
                article["text"], bundle.mentions, spans_of(article.get("boilerplate"))
            )
            bundle.groups = group_mentions(bundle.mentions)
        if not get_current_worker().is_cancelled and self.is_attached:
            self.app.call_from_thread(self._show, bundle, select_event)

    @work(thread=True, exclusive=True, group="place", exit_on_error=False)
    def _place(self, article_id: int) -> None:
        # Apart from the article's bundle: the header's "(3/1234)" never delays a key.
        place = self.app.gateway.place(self.app.queue_query, article_id)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._placed, article_id, place)

    def _placed(self, article_id: int, place: tuple[int, int]) -> None:
        if self.bundle is not None and self.bundle.article["id"] == article_id:
            self.bundle.position, self.bundle.total = place
            self._head()

    def reload(self) -> None:
        current = self.current
        self.load(self.article_id, current.id if current else None)

    def _show(self, bundle: Bundle | None, select_event: int | None) -> None:
        self._fill(bundle, select_event)
        if self._opening:
            self._opening = False
            self._release()  # keys typed while the screen opened act on what it shows

    def _fill(self, bundle: Bundle | None, select_event: int | None) -> None:
        if bundle is None:
            self.notify(f"Article {self.article_id} no longer exists", severity="error")
            return
        same_article = self.bundle is not None and bundle.article["id"] == self.article_id
        if same_article and self.bundle is not None:
            # Kept while the place is counted again (a decision can move it in a filter).
            bundle.position, bundle.total = self.bundle.position, self.bundle.total
        self.bundle, self.article_id = bundle, bundle.article["id"]
        self._place(self.article_id)
        if self._beat_for != self.article_id:  # another article: say so at once
            self._beat_for = self.article_id
            self.heartbeat()
        self.events, self.pending = bundle.events, set()
        if not same_article:
            self.marked, self.changed = set(), {}
        article = bundle.article
        view = self.query_one(ArticleView)
        cursor = view.cursor if same_article else 0
        view.show(
            bundle.shown
            or prepare(article["text"], bundle.mentions, spans_of(article.get("boilerplate")))
        )
        self.read_acts(self.article_id, article["text"], article.get("boilerplate"))
        self.query_one(EntitiesPanel).show(bundle.mentions, bundle.groups)
        key = self.app.key_for
        self.query_one(EventList).empty_hint = (
            f"No events in this article. {key('add-event', 'a')} adds one from the sentence "
            f"under the cursor ({key('prev-sentence', 'left')} / {key('next-sentence', 'right')}"
            " move it)."
        )
        ids = [e.id for e in self.events]
        if select_event in ids:
            index = ids.index(select_event)
        else:
            proposed = [i for i, e in enumerate(self.events) if e.status == "proposed"]
            index = proposed[0] if proposed else 0
        self.select(index)
        if same_article and not self.current:
            view.cursor = cursor
        self._head()
        self._suggest(list(self.events))

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def _suggest(self, events: list[EventView]) -> None:
        learned = self.app.learner.suggestions(events)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._learned, learned)

    def _learned(self, learned: dict[int, tuple[list, float | None]]) -> None:
        self.learned = learned
        self._show_fields()

    def _show_fields(self) -> None:
        fields = self.query_one(EventFields)
        keep = next((e for e in self.events if e.id in self.marked), None)
        if keep is not None and self.current is not None and self.current.id != keep.id:
            # A merge half done: both events side by side before the second press.
            key = self.app.key_for("merge-events", "m")
            then = f"{key} on the kept event cancels."
            fields.update(pair_table(side_of(keep), side_of(self.current), key, then))
            return
        keys = {f: self.app.key_for(i, k) for k, f, i, _ in FIELD_KEYS}
        fields.show(self.current, self._learned_for(self.current), keys)

    def _learned_for(self, view: EventView | None) -> tuple[list, float | None] | None:
        return self.learned.get(view.id) if view is not None else None

    def _head(self) -> None:
        if self.bundle is None:
            return
        article = self.bundle.article
        text = Text(no_wrap=True, overflow="ellipsis")
        status = article["status"]
        text.append(f"{ARTICLE_MARKS.get(status, '?')} {in_words(status)} ", "bold")
        text.append(f"#{article['id']}")
        if self.bundle.total:
            text.append(f" ({self.bundle.position}/{self.bundle.total})")
        text.append(f" · {article['published'] or 'date unknown'}")
        if article["outlet"]:
            text.append(f" · {article['outlet']}")
        if article.get("open_by"):
            # Someone else is on this article now: don't code it twice by accident.
            text.append(f" · ● open by {', '.join(article['open_by'])}", "bold reverse")
        if article["skipped_chars"]:
            # Not read for events (boilerplate, headings): the analyst should know.
            text.append(f" · {article['skipped_chars']} chars skipped", "italic")
        text.append(" — ")
        text.append(article["title"] or article["file"], style="bold")
        self.query_one("#review-head", Static).update(text)

    # -- selection and navigation -----------------------------------------------------

    @property
    def current(self) -> EventView | None:
        return self.events[self.selected] if 0 <= self.selected < len(self.events) else None

    def select(self, index: int) -> None:
        self.selected = max(0, min(index, len(self.events) - 1)) if self.events else 0
        self.refresh_events()
        view = self.current
        article = self.query_one(ArticleView)
        article.set_evidence(self.evidence_span(view) if view else None)
        self.query_one(ProgressLine).note = (
            f"event {self.selected + 1}/{len(self.events)}" if self.events else "no events"
        )
        has_event = view is not None
        if has_event != self._had_event:
            # Only when an event appears or goes: refreshing bindings recomposes the footer.
            self._had_event = has_event
            self.refresh_bindings()

    def refresh_events(self) -> None:
        self.query_one(EventList).show(
            self.events, self.selected, self.marked, self.pending, self.changed
        )
        self._show_fields()
        self._map()

    def _map(self) -> None:
        """The article's events on the map, the selected one marked (only while shown: the
        gazetteer is read for the backdrop)."""
        panel = self.query_one(MapView)
        if not panel.display:
            return
        view = self.current
        others = [e.point for e in self.events if e.point and e is not view]
        note, legend = "", ""
        if view is not None and view.point is not None:
            place = view.values.get("location") or "this event"
            legend = f"{SELECTED} {place} {OTHER} other events {TOWN} towns"
        if view is None:
            note = "No event selected."
        elif view.point is None:
            note = "This event: " + ("place not in gazetteer" if view.unplaced else "no place")
        panel.show(
            others,
            view.point if view else None,
            {e.country for e in self.events if e.point},
            note=note,
            legend=legend,
        )

    def action_toggle_map(self) -> None:
        # The map takes the place of the fields: at 80x24 there is no room for both.
        panel, fields = self.query_one(MapView), self.query_one(EventFields)
        panel.display, fields.display = fields.display, panel.display
        self._map()
        self._tabs()

    def evidence_span(self, view: EventView) -> tuple[int, int] | None:
        if view.start is not None and view.end is not None and view.end > view.start:
            return (view.start, view.end)
        if view.quote and self.bundle:
            found = self.bundle.article["text"].find(view.quote)
            if found >= 0:
                return (found, found + len(view.quote))
        return None

    def action_move_event(self, step: int) -> None:
        if self.events:
            self.select(self.selected + step)

    def action_scroll_text(self, step: int) -> None:
        view = self.query_one(ArticleView)
        if step > 0:
            view.scroll_page_down(animate=False)
        else:
            view.scroll_page_up(animate=False)

    def action_move_article(self, step: int) -> None:
        self._holding = True
        # Never hold keys past a lost move (a refresh may cancel the move's worker).
        self._hold_timer = self.set_timer(HOLD_LIMIT, self._release)
        self._neighbour(step)

    def hold_key(self, event: events.Key) -> bool:
        """Called by the app for a key typed so soon after the one that opened this screen
        that it was queued on the screen below: held like one typed here (True if held)."""
        return self._opening and self._hold(event)

    def _hold(self, event: events.Key) -> bool:
        if self.focused is not None:
            return False  # a field takes the keys
        event.stop()
        event.prevent_default()
        self._held.append(events.Key(event.key, event.character))  # a form may follow
        return True

    def on_key(self, event: events.Key) -> None:
        if self.focused is not None or ((self._opening or self._holding) and self._hold(event)):
            return
        if any(
            b.action.startswith("move_article")
            for b in self._bindings.key_to_bindings.get(event.key, ())
        ):
            # Keys queued behind this one ("n d" in one read) run before the move's action
            # does: hold them from here.
            self._holding = True

    def _release(self) -> None:
        """The rows arrived (opening, or a move's end: arrived, no neighbour, or given up):
        replay the held keys."""
        self._holding = False
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        held, self._held = self._held, []
        for key in held:
            self.app.post_message(key)  # as typed (App.simulate_key drops the character)

    @work(thread=True, exclusive=True, group="bundle")
    def _neighbour(self, step: int) -> None:
        gateway = self.app.gateway
        target = gateway.neighbour(self.app.queue_query, self.article_id, step)
        if target is None:
            self.app.call_from_thread(
                self.notify, "Last article in the queue" if step > 0 else "First article"
            )
            self.app.call_from_thread(self._release)
            return
        bundle = gateway.bundle(target)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._arrive, bundle)

    def _arrive(self, bundle: Bundle | None) -> None:
        if bundle is not None:
            self.app.clear_notifications()  # toasts about the previous article are stale
            self.article_id = bundle.article["id"]
            self.bundle = None  # a different article: reset cursor and merge marks
            self._fill(bundle, None)
        self._release()

    def action_open_queue(self) -> None:
        for screen in self.app.screen_stack:
            if hasattr(screen, "focus_article"):
                screen.focus_article = self.article_id
        self.dismiss()

    def action_toggle_entities(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        showing = switcher.current == "entities"
        switcher.current = "events-panel" if showing else "entities"
        panel = self.query_one(EntitiesPanel)
        # Focusable only while shown, so up/down move the events otherwise.
        panel.can_focus = not showing
        if showing:
            self.set_focus(None)
        else:
            panel.focus()
        self._tabs()

    def _tabs(self) -> None:
        entities = self.query_one(ContentSwitcher).current == "entities"
        text = Text(no_wrap=True)
        text.append(" Events ", style="reverse bold" if not entities else "")
        text.append(" Entities ", style="reverse bold" if entities else "")
        text.append(f" ({self.app.key_for('toggle-entities', 't')})", style="dim")
        text.append(" Map ", style="reverse bold" if self.query_one(MapView).display else "")
        text.append(f"({self.app.key_for('toggle-map', 'g')})", style="dim")
        self.query_one("#panel-tabs", Static).update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NEEDS_EVENT and self.current is None:
            return False
        return super().check_action(action, parameters)
