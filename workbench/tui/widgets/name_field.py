"""Provides `NameField`: an input that completes actor or place names fuzzily.

Suggestions come from a `NameIndex` (entities and their aliases) and appear under the input;
`enter` takes the highlighted one, or the best one when none is highlighted (`down`/`up`
move the highlight), so "Rus" + `enter` is "Military Forces of Russia". A name that matches
no entity is a typo until the analyst says otherwise: the first `enter` asks, the second
keeps it (it becomes a new entity on save). An `enter` before the names are there waits for
them (`set_index`): with no names to match, the letters typed would be taken as new. The
value is selected when the field gets the focus, so typing replaces it. With `multi=True`
the field holds several names separated by ";" and completes the last one. A field given a
ranking (`set_ranked`: the learned model's sub-event types with their scores) shows it,
best first, until the analyst types: `down` and `enter` take one, `enter` alone never does.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...base.names import name_key
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
        self.approved: set[str] = set()  # new names the analyst chose to keep (name keys)
        self.ranked: list[tuple[str, float]] = []  # (name, score), best first: set_ranked
        self.typed = False  # has the analyst typed here (the ranking gives way to matches)
        self.submit_held = False  # enter came before the names (submitted again with them)
        self._initial = value

    def compose(self) -> ComposeResult:
        yield Input(self._initial, compact=True, select_on_focus=True)
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
        if self.submit_held:
            self.submit_held = False
            # Submitted again as enter submits (sent from the app's bindings): one sent from
            # here would stop here, short of the dialog that saves.
            submitted = Input.Submitted(self.input, self.input.value)
            self.input.post_message(submitted.set_sender(self.app))

    def set_ranked(self, ranked: list[tuple[str, float]]) -> None:
        self.ranked = ranked
        if self.input.has_focus and not self.typed:
            self.refresh_suggestions()

    def on_descendant_focus(self) -> None:
        if self.ranked and not self.typed:
            self.refresh_suggestions()

    def _query(self) -> str:
        value = self.input.value
        return value.rsplit(";", 1)[-1].strip() if self.multi else value.strip()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.input.has_focus:
            self.typed = True
            self.refresh_suggestions()

    def on_descendant_blur(self) -> None:
        self.query_one(OptionList).display = False
        self.query_one(".hint", Static).display = False

    def refresh_suggestions(self) -> None:
        if self.ranked and not self.typed:
            self._show_ranked()
            return
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
                close = self.suggestions and self.suggestions[0].close
                message = (
                    f"enter takes {self.suggestions[0].canonical}"
                    if close
                    else f"no {self.kind} “{query}”: enter twice creates it"
                )
            else:
                message = f"not a known {self.kind}"
            hint.update(Text(message + ("  ↓ pick a suggestion" if self.suggestions else "")))
            hint.display = True
        else:
            hint.display = False

    def _show_ranked(self) -> None:
        self.suggestions = [
            Suggestion(name, name, i, score) for i, (name, score) in enumerate(self.ranked[:6])
        ]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(Text(f"{s.canonical}  {s.score:.2f}", no_wrap=True)) for s in self.suggestions
        )
        options.highlighted = None
        options.display = True
        self._hint("ranked by the model, with its score  ↓ pick one")

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
        """Take the highlighted (or best) suggestion, or ask once about a new name; the
        event goes on to the form (next field, or save) unless the analyst is asked."""
        if self.index is None:
            event.stop()  # what enter takes is not known before the names are there
            self.submit_held = True
            self._hint(f"loading the {self.kind} names…")
            return
        options = self.query_one(OptionList)
        query = self._query()
        if not (options.display and options.highlighted is not None):
            # Act on the text as it is now: keys typed before the names loaded, or faster
            # than the list redrew, must not pick from a stale list.
            self.refresh_suggestions()
        if options.display and options.highlighted is not None:
            self.accept(self.suggestions[options.highlighted])
            return
        if self.index is not None and query and self.index.exact(query):
            return  # a known name stays as typed
        if options.display and self.suggestions and self.suggestions[0].close:
            self.accept(self.suggestions[0])
            return
        if query and self.index is not None and self.is_new(query):
            key = name_key(query)
            if key not in self.approved:
                # Nothing close: a typo must not silently become a new entity. Ask once.
                event.stop()
                self.approved.add(key)
                pick = "↓ picks a suggestion, " if self.suggestions else ""
                if self.creates:
                    self._hint(f"no {self.kind} “{query}”: {pick}enter again creates it")
                else:
                    self._hint(f"not a known {self.kind}: {pick}or fix it")

    def is_new(self, name: str) -> bool:
        return self.index is not None and self.index.exact(name) is None

    def unapproved(self) -> list[str]:
        """Names in the field that match no entity and were not confirmed as new."""
        names = [p.strip() for p in self.value.split(";")] if self.multi else [self.value]
        return [
            n
            for n in (n.strip() for n in names)
            if n and self.is_new(n) and name_key(n) not in self.approved
        ]

    def approve(self, names: list[str]) -> None:
        self.approved.update(name_key(n) for n in names)

    def _hint(self, message: str) -> None:
        hint = self.query_one(".hint", Static)
        hint.update(Text(message))
        hint.display = True

    def accept(self, suggestion: Suggestion) -> None:
        value = suggestion.canonical
        if self.multi and ";" in self.input.value:
            head = self.input.value.rsplit(";", 1)[0]
            value = f"{head}; {value}"
        with self.input.prevent(Input.Changed):
            self.input.value = value
        self.input.cursor_position = len(value)
        self.query_one(OptionList).display = False
        self.query_one(".hint", Static).display = False
