"""Provides `FixMentionScreen`: re-link a mention (all its occurrences here) or drop it.

Actor and place mentions re-link to another entity, completed fuzzily, or to a new one
typed in full; any kind can be dropped as a false match. Events of the article that used
the mention follow in the same logged action (see `workbench.store.mentions`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from ...store.mentions import fix_mentions
from ..fuzzy import NameIndex
from ..marks import ENTITY_KINDS
from ..widgets.entities_panel import MentionGroup
from ..widgets.name_field import NameField

if TYPE_CHECKING:
    from ..app import WorkbenchApp


class FixMentionScreen(ModalScreen[dict | None]):
    SCOPE = "Fix mention"
    TYPING = True
    WIDGETS = (NameField,)
    CSS_PATH = "fix_mention.tcss"
    BINDINGS = [
        Binding("ctrl+s", "relink", "Re-link", id="relink-mention"),
        Binding("ctrl+r", "drop", "Drop mention", id="drop-mention"),
        Binding("escape", "cancel", "Cancel", id="cancel-fix"),
    ]

    def __init__(self, group: MentionGroup):
        super().__init__()
        self.group = group
        self.links = group.kind in ENTITY_KINDS

    def compose(self) -> ComposeResult:
        g = self.group
        with Vertical(id="fix-box"):
            title = Text("Fix mention ", style="bold")
            title.append(f"“{g.text}”", style="bold italic")
            title.append(f"  {g.kind}, {len(g.mentions)} in this article")
            yield Static(title)
            now = Text("now: ")
            now.append(
                g.entity or ("(no entity)" if self.links else str(g.mentions[0].get("value") or ""))
            )
            yield Static(now)
            if self.links:
                yield Static(Text(f"Re-link to {g.kind}:"))
                yield NameField(g.entity or g.text, kind=g.kind, id="fix-name")
            yield Static("", id="fix-error")
            yield Static(self._help(), id="fix-help")

    def _help(self) -> Text:
        key = self.app.key_for
        parts = []
        if self.links:
            parts.append(f"enter/{key('relink-mention', 'ctrl+s')} re-link")
        parts.append(f"{key('drop-mention', 'ctrl+r')} drop as false")
        parts.append(f"{key('cancel-fix', 'esc')} cancel")
        return Text(" · ".join(parts))

    def on_mount(self) -> None:
        if self.links:
            self.query_one(NameField).input.focus()
            self._load_index()

    @work(thread=True, group="names")
    def _load_index(self) -> None:
        index = NameIndex(self.app.gateway.names(self.group.kind))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.query_one(NameField).set_index, index)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_relink()

    def action_relink(self) -> None:
        if not self.links:
            self._error(f"{self.group.kind} mentions have no entity; drop it or cancel")
            return
        name = self.query_one(NameField).value.strip()
        if not name:
            self._error("type the name to link to")
            return
        self._submit(name=name)

    def action_drop(self) -> None:
        self._submit(drop=True)

    def _submit(self, name: str | None = None, drop: bool = False) -> None:
        ids = self.group.ids
        versions = {m["id"]: m["version"] for m in self.group.mentions}

        def write(store, _expect):
            return fix_mentions(store, ids, name, drop=drop, expected_versions=versions)

        self.app.submit(write, on_done=self._done, on_error=self._failed)

    def _done(self, result: dict[str, Any]) -> None:
        changed = len(result.get("events", []))
        what = "dropped" if result.get("entity_id") is None else "re-linked"
        self.app.notify(f"Mention {what}; {changed} event(s) followed")
        self.dismiss(result)

    def _failed(self, exc: Exception) -> None:
        self._error(str(exc))

    def _error(self, message: str) -> None:
        self.query_one("#fix-error", Static).update(Text(f"✗ {message}", style="bold"))

    def action_cancel(self) -> None:
        self.dismiss(None)

    if TYPE_CHECKING:
        app = getters.app(WorkbenchApp)
