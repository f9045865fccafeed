"""Provides `NameField`: an input that completes actor or place names fuzzily.

Suggestions come from a `NameIndex` (entities and their aliases) and appear under the input;
`down`/`up` pick one and `enter` takes it. Nothing is picked until the analyst moves into
the list, so `enter` on a new name keeps the new name: a name that matches no entity
creates one on save (the hint line says so). With `multi=True` the field holds several
names separated by ";" and completes the last one.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..fuzzy import NameIndex, Suggestion


class NameField(Vertical):
    BINDINGS = [
        Binding("down", "move(1)", "Next suggestion", id="next-suggestion", show=False),
        Binding("up", "move(-1)", "Previous suggestion", id="prev-suggestion", show=False),
    ]

    def __init__(
        self, value: str = "", *, kind: str, multi: bool = False, creates: bool = True, **kwargs
    ):
        super().__init__(**kwargs)
        self.kind = kind
        self.multi = multi
        self.creates = creates
        self.index: NameIndex | None = None
        self.suggestions: list[Suggestion] = []
        self._initial = value

    def compose(self) -> ComposeResult:
        yield Input(self._initial, compact=True, select_on_focus=False)
        options = OptionList(classes="suggestions")
        options.can_focus = False
        options.display = False
        yield options
        hint = Static("", classes="hint")
        hint.display = False
        yield hint

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value

    def set_index(self, index: NameIndex) -> None:
        self.index = index

    def _query(self) -> str:
        value = self.input.value
        return value.rsplit(";", 1)[-1].strip() if self.multi else value.strip()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.input.has_focus:
            self.refresh_suggestions()

    def on_descendant_blur(self) -> None:
        self.query_one(OptionList).display = False
        self.query_one(".hint", Static).display = False

    def refresh_suggestions(self) -> None:
        query = self._query()
        options = self.query_one(OptionList)
        self.suggestions = self.index.suggest(query) if self.index and query else []
        exact = self.index.exact(query) if self.index and query else None
        if exact and self.suggestions and self.suggestions[0].entity_id == exact[1]:
            self.suggestions = self.suggestions[1:] if len(self.suggestions) > 1 else []
        options.clear_options()
        options.add_options(Option(Text(s.label, no_wrap=True)) for s in self.suggestions)
        options.highlighted = None
        options.display = bool(self.suggestions)
        hint = self.query_one(".hint", Static)
        if query and self.index is not None:
            if exact:
                message = f"= {exact[2]}" if exact[2] != query else "known"
            elif self.creates:
                message = f"new {self.kind} “{query}” will be created on save"
            else:
                message = f"not a known {self.kind}"
            hint.update(Text(message + ("  ↓ pick a suggestion" if self.suggestions else "")))
            hint.display = True
        else:
            hint.display = False

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not options.display or not self.suggestions:
            return
        current = options.highlighted
        if current is None:
            options.highlighted = 0 if step > 0 else len(self.suggestions) - 1
        else:
            options.highlighted = (current + step) % len(self.suggestions)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.display and options.highlighted is not None:
            event.stop()
            self.accept(self.suggestions[options.highlighted])

    def accept(self, suggestion: Suggestion) -> None:
        value = suggestion.canonical
        if self.multi and ";" in self.input.value:
            head = self.input.value.rsplit(";", 1)[0]
            value = f"{head}; {value}"
        with self.input.prevent(Input.Changed):
            self.input.value = value
        self.input.cursor_position = len(value)
        self.query_one(OptionList).display = False
        self.refresh_suggestions()
        self.query_one(OptionList).display = False
