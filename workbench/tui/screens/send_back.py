"""Provides `SendBackScreen`: the reviewer's comment when sending an event back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class SendBackScreen(ModalScreen[str | None]):
    """Returns the comment (enter), or None (escape)."""

    SCOPE = "Send back"
    TYPING = True

    CSS_PATH = "send_back.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-send-back")]

    def __init__(self, event_id: int):
        super().__init__()
        self.event_id = event_id

    def compose(self) -> ComposeResult:
        with Vertical(id="send-back-box"):
            yield Label(f"Send event {self.event_id} back to its coder: what is wrong?",
                        markup=False)  # fmt: skip
            yield Input(placeholder="comment for the coder, enter to send", id="send-back-note")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())
        else:
            self.notify("Write a comment for the coder", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)
