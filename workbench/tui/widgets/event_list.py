"""Provides `EventList`: the article's events, one line each, with status marks.

Not focusable: the review screen's keys move the selection, so `up`/`down` mean the same
thing wherever the analyst is looking. Only the window around the selection is rendered.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from rich.text import Text
from textual.widget import Widget

from ..data import EventView
from ..marks import CHANGED_MARK, MERGE_MARK, PENDING_MARK, SELECTED_MARK, status_mark


def event_label(view: EventView) -> str:
    v = view.values
    what = v.get("sub_event_type") or v.get("event_type") or "(no type)"
    parts = [v.get("event_date") or "????-??-??", what]
    if v.get("location"):
        parts.append(v["location"])
    if v.get("actor1"):
        parts.append(v["actor1"])
    if view.status == "proposed" and view.row.get("origin") == "extractor":
        # How likely the proposal is right, and a mark when a required field is missing.
        conf = view.row.get("confidence")
        parts.append(f"{conf:.0%}{'?' if view.row.get('incomplete') else ''}")
    return " · ".join(parts)


class EventList(Widget, can_focus=False):
    COMPONENT_CLASSES = {
        "event-list--selected",
        "event-list--proposed",
        "event-list--confirmed",
        "event-list--rejected",
        "event-list--pending",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.events: list[EventView] = []
        self.selected = 0
        self.marked: set[int] = set()
        self.pending: set[int] = set()
        self.changed: dict[int, str] = {}  # event id -> the other analyst who changed it
        self.empty_hint = "No events in this article."

    def show(
        self,
        events: list[EventView],
        selected: int,
        marked: AbstractSet[int] = frozenset(),
        pending: AbstractSet[int] = frozenset(),
        changed: dict[int, str] | None = None,
    ) -> None:
        self.events, self.selected = events, selected
        self.marked, self.pending = set(marked), set(pending)
        self.changed = dict(changed or {})
        self.refresh(layout=True)

    def render(self) -> Text:
        if not self.events:
            return Text(self.empty_hint, no_wrap=False)
        height = self.size.height or len(self.events)
        top = max(0, min(self.selected - height // 2, len(self.events) - height))
        lines = []
        for index in range(top, min(len(self.events), top + height)):
            view = self.events[index]
            chosen = index == self.selected
            line = Text(no_wrap=True, overflow="ellipsis", end="")
            line.append(SELECTED_MARK if chosen else " ")
            line.append(status_mark(view.status))
            # A decision shown before it is written: the mark, then "…" (not colour alone:
            # NO_COLOR and monochrome terminals show it too).
            pending = view.id in self.pending
            line.append(MERGE_MARK if view.id in self.marked else PENDING_MARK if pending else " ")
            line.append(" ")
            if view.id in self.changed:  # first, so a narrow list never cuts it off
                line.append(f"{CHANGED_MARK} {self.changed[view.id]}: ")
            line.append(event_label(view))
            line.stylize(self.get_component_rich_style(f"event-list--{view.status}", default=None))
            if view.id in self.pending:
                line.stylize(self.get_component_rich_style("event-list--pending"))
            if chosen:
                line.stylize(self.get_component_rich_style("event-list--selected"))
            lines.append(line)
        return Text("\n", no_wrap=True).join(lines)

    def get_content_height(self, container, viewport, width) -> int:
        return len(self.events) if self.events else 2
