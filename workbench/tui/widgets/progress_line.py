"""Provides `ProgressLine`: articles done / total and events confirmed / proposed.

It shows the app's `progress` (refreshed by a worker after each change) plus a short
screen-specific note such as the position in the current article.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ..marks import STATUS_MARKS


class ProgressLine(Widget):
    note: reactive[str] = reactive("")

    def on_mount(self) -> None:
        self.watch(self.app, "progress", self._changed, init=False)

    def _changed(self, _progress: object) -> None:
        self.refresh()

    def render(self) -> Text:
        p = getattr(self.app, "progress", None)
        text = Text(no_wrap=True, overflow="ellipsis")
        if p is not None:
            text.append(f"Articles done {p.articles_done}/{p.articles}")
            text.append(
                f" · events {STATUS_MARKS['confirmed']}{p.confirmed} confirmed"
                f" / {STATUS_MARKS['proposed']}{p.proposed} proposed"
                f" · {STATUS_MARKS['rejected']}{p.rejected} rejected"
            )
            if p.unextracted:
                text.append(f" · {p.unextracted} not extracted yet", style="bold")
            if p.failed:
                text.append(f" · {p.failed} failed extraction", style="bold")
        unsaved = getattr(self.app, "unsaved", 0)
        if unsaved:
            text.append(" · ")
            text.append(f"⧗ {unsaved} not saved yet", style="bold reverse")
        if self.note:
            text.append(f" · {self.note}")
        return text
