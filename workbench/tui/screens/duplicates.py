"""Provides `DuplicatesScreen`: cross-article duplicate event candidates, both quotes side by
side, merged into one event with both sources or marked distinct (remembered).

Self-contained like the names screen: it takes a `Store` (or a database path), reads and
writes in thread workers on its own connection, and every change is one logged action, so
the app's undo reverts it and calls `reload()`. The event on the left is the one kept by a
merge; `swap-duplicate` changes sides. Quotes are article text: rendered as `Text` only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from ...resolve import duplicate_candidates, mark_distinct
from ...store import Store
from ...store.events import merge_events
from ..widgets.event_pair import Side, pair_table
from ..widgets.footer import Footer
from .store_screen import StoreScreen

PAGE = 200  # candidate pairs in the table at a time


if TYPE_CHECKING:
    from ..app import WorkbenchApp


class DuplicatesScreen(StoreScreen):
    if TYPE_CHECKING:
        app = getters.app(WorkbenchApp)
    SCOPE = "Duplicates"
    CSS_PATH = "duplicates.tcss"
    AUTO_FOCUS = "#pairs"
    BINDINGS = [
        Binding("m", "merge", "Merge right into left", id="merge-duplicates"),
        Binding("x", "distinct", "Not duplicates", id="mark-distinct"),
        Binding("s", "swap", "Swap sides", id="swap-duplicate"),
        Binding("ctrl+f", "page(1)", "Next page of pairs", id="next-duplicates-page", show=False),
        Binding("ctrl+b", "page(-1)", "Prev page of pairs", id="prev-duplicates-page", show=False),
        Binding("escape,backspace", "close", "Back", id="close-duplicates"),
    ]

    def __init__(self, store: Store | str | None = None) -> None:
        super().__init__(store)
        self.pairs: list[Any] = []
        self.swapped: set[frozenset[int]] = set()  # pairs the analyst turned around
        self.page_offset = 0
        self.total = 0

    def compose(self) -> ComposeResult:
        yield Static(id="dup-head")
        pairs: DataTable[Any] = DataTable(id="pairs", cursor_type="row")
        # Columns from the start: the app may ask any screen to reload at any time.
        pairs.add_columns("score", "date", "sub-event type", "events", "where / who", "why")
        yield pairs
        # The pair as the review screen's merge shows it (widgets/event_pair.py).
        yield Static(id="pair")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="duplicates-load")
    def load(self) -> None:
        with self.db_lock:
            # Candidates are computed in full, then paged: one pass over open events.
            pairs = duplicate_candidates(self.store)
        if not get_current_worker().is_cancelled:
            self.deliver(self._fill, pairs)

    def _fill(self, pairs: list) -> None:
        self.total = len(pairs)
        self.page_offset = min(self.page_offset, max(0, (self.total - 1) // PAGE * PAGE))
        self.pairs = [self._oriented(p) for p in pairs[self.page_offset : self.page_offset + PAGE]]
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for p in self.pairs:
            table.add_row(
                Text(str(p.score), justify="right"),
                Text(p.a["event_date"] or ""),
                Text(p.a["sub_event_type"]),
                Text(" & ".join(str(i) for i in sorted((p.a["event_id"], p.b["event_id"])))),
                Text(p.a["location"] or p.a["actor1"] or p.b["location"] or p.b["actor1"]),
                Text("; ".join(p.reasons[2:]) or "dates agree"),
            )
        if self.pairs:
            table.move_cursor(row=min(cursor, len(self.pairs) - 1), animate=False)
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append("Duplicate events", style="bold")
        if self.total:
            head.append(
                f" · pairs {self.page_offset + 1}–{self.page_offset + len(self.pairs)} of {self.total}"
            )
            head.append(" · left is kept when merging")
        else:
            head.append(" · no candidate pairs")
        self.query_one("#dup-head", Static).update(head)
        self.show_current()

    def _oriented(self, pair: Any) -> Any:
        # Keep a confirmed event by default: an analyst already vouched for it.
        prefer_b = pair.b["status"] == "confirmed" and pair.a["status"] != "confirmed"
        if prefer_b != (frozenset((pair.a["event_id"], pair.b["event_id"])) in self.swapped):
            pair.a, pair.b = pair.b, pair.a
        return pair

    def current(self) -> Any | None:
        table = self.query_one(DataTable)
        if not self.pairs or table.cursor_row is None or table.cursor_row >= len(self.pairs):
            return None
        return self.pairs[table.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_current()

    def show_current(self) -> None:
        pair = self.current()
        shown: Any = Text("")
        if pair is not None:
            keys = [
                self.app.key_for(i, k)
                for i, k in (
                    ("merge-duplicates", "m"),
                    ("mark-distinct", "x"),
                    ("swap-duplicate", "s"),
                )
            ]
            then = f"{keys[1]}: not duplicates (remembered) · {keys[2]}: keep the other one."
            shown = pair_table(_side(pair.a), _side(pair.b), keys[0], then)
        self.query_one("#pair", Static).update(shown)

    # -- writes ---------------------------------------------------------------------------

    def write(self, fn: Callable[[Store], Any], message: str) -> None:
        """Queue one logged change on the app's writer, like every other screen's."""
        self.app.submit(
            lambda store, _expect: fn(store),
            on_done=lambda _result: self._done(message, "information"),
            on_error=lambda exc: self._done(str(exc), "error"),
        )

    def _done(self, message: str, severity: SeverityLevel) -> None:
        self.notify(message, severity=severity, markup=False)
        self.reload()
        self.app.refresh_progress()  # a merge changes the counts every screen's footer shows

    def action_merge(self) -> None:
        pair = self.current()
        if pair is not None:
            keep, other = pair.a["event_id"], pair.b["event_id"]
            self.write(
                lambda store: merge_events(store, keep, [other]),
                f"Event {other} merged into event {keep} (both sources kept)",
            )

    def action_distinct(self) -> None:
        pair = self.current()
        if pair is not None:
            a, b = pair.a["event_id"], pair.b["event_id"]
            self.write(lambda store: mark_distinct(store, a, b), f"Events {a} and {b} are distinct")

    def action_swap(self) -> None:
        pair = self.current()
        if pair is not None:
            self.swapped ^= {frozenset((pair.a["event_id"], pair.b["event_id"]))}
            pair.a, pair.b = pair.b, pair.a
            self.show_current()

    def action_page(self, step: int) -> None:
        offset = self.page_offset + step * PAGE
        if 0 <= offset < self.total:
            self.page_offset = offset
            self.reload()

    def action_close(self) -> None:
        self.app.pop_screen()


def _side(ev: dict[str, Any]) -> Side:
    """A candidate's event (resolve.duplicates: names, not ids) for the pair view."""
    return Side(ev["event_id"], ev["status"], ev, ev.get("quote") or "", ev.get("title") or "")
