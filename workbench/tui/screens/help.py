"""Provides `HelpScreen`: the keys active on the screen it was opened from, as rebound.

Built from the binding registry and the app's keymap, so it shows the analyst's own keys
(after presets and overrides), each with its binding id for rebinding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..keymap import user_keymap_path

if TYPE_CHECKING:
    from ..app import WorkbenchApp


class HelpScreen(ModalScreen[None]):
    SCOPE = "Help"
    if TYPE_CHECKING:
        app = getters.app(WorkbenchApp)
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="close-help"),
    ]

    def __init__(self, under: Screen):
        super().__init__()
        self.under = under

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(section, keys, id, description) for the screen below, then app-wide keys."""
        from ..registry import scopes

        out = []
        for scope, cls, widgets in scopes():
            if scope == "app" or not isinstance(self.under, cls):
                continue
            for owner in (cls, *widgets):
                for b in owner.__dict__.get("BINDINGS", []):
                    if getattr(b, "id", None):
                        out.append((scope, self.app.key_for(b.id, b.key), b.id, b.description))
        if not isinstance(self.under, ModalScreen):
            for b in type(self.app).__dict__.get("BINDINGS", []):
                if getattr(b, "id", None):
                    out.append(("Everywhere", self.app.key_for(b.id, b.key), b.id, b.description))
        return out

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=True, header_style="bold")
        table.add_column("keys", no_wrap=True)
        table.add_column("what it does")
        table.add_column("id", style="dim", no_wrap=True)
        section = None
        for scope, keys, binding_id, description in self.rows():
            if scope != section:
                section = scope
                table.add_row(Text(scope, style="bold underline"), "", "")
            table.add_row(Text(keys, style="bold"), Text(description), Text(binding_id))
        with VerticalScroll(id="help-box"):
            yield Static(Text("Keys", style="bold"))
            yield Static(table)
            notes = getattr(self.under, "help_notes", None)
            for note in notes() if callable(notes) else []:
                yield Static(Text(note))
            yield Static(
                Text(
                    f'Rebind any id in {user_keymap_path()} (e.g. confirm-event = "c,enter"), '
                    "or start with --keymap FILE / --preset vim. ctrl+p finds any action by name."
                )
            )
