"""Provides `EditEventScreen`: every field of one event, or a new event from a sentence.

Opened on one field (`focus`, from a field key of the review screen) it is a quick fix:
the value is selected so typing replaces it, `enter` takes the best suggestion and saves.
Keys typed before the form's names have loaded are held, and replayed into the field once
they are there: `enter` or a save must act as they would with the names shown (what is new,
what is close), never on letters matched against nothing.
The form sits on the right so the article and its evidence stay in view; the evidence
sentence is repeated at its top. Actor and place fields complete fuzzily from entities and
their aliases; a name matching none is asked about once before it becomes a new entity.
The date takes ISO, a bare day of the month or a phrase the extractor reads; fatalities take
digits, number words or "dozens" (12, noted). Values are checked with the store's own
`validate` before anything is written, and the write is one transaction: an invalid value
keeps the form open with a message and nothing is saved. Only fields the analyst changed
are sent, so the log records exactly what changed. Someone else's change since loading
keeps the typed values in the form and shows the other version beside them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ...base.codebook import load_codebook
from ...store import ConflictError
from ...store.events import add_event, update_event, validate
from ...store.record import BY_NAME, PRECISIONS
from ...store.record import FIELDS as RECORD
from ..count_input import read_count
from ..data import EventView
from ..date_input import read_date
from ..fuzzy import NameIndex
from ..widgets.name_field import NameField

# The editable fields of the record (store.record), in its order: field -> (label, what its
# NameField completes, or None for a plain input; several names?).
_COMPLETES = {"actor": "actor", "actors": "actor", "place": "place", "choice": None}
FIELDS: dict[str, tuple[str, str | None, bool]] = {
    f.name: (
        f.label,
        f.choices if f.kind == "choice" else _COMPLETES.get(f.kind),
        f.kind == "actors",
    )
    for f in RECORD
    if f.editable
}
# Hints in the plain inputs, by kind (or by the set a number is chosen from).
PLACEHOLDERS = {
    "date": "YYYY-MM-DD or a phrase: Feb. 3, last Monday",
    "geo precision": "1 exact · 2 near · 3 region",
    "score": "0 to 1",
}


def placeholder(name: str) -> str:
    field = BY_NAME[name]
    return PLACEHOLDERS.get(field.choices or field.kind, "")


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


if TYPE_CHECKING:
    from ..app import WorkbenchApp


class EditEventScreen(ModalScreen[dict | None]):
    SCOPE = "Edit"
    TYPING = True
    WIDGETS = (NameField,)
    CSS_PATH = "edit_event.tcss"
    AUTO_FOCUS = ""  # the field takes the focus once the names are there (`_release`)
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-event"),
        Binding("escape", "cancel", "Cancel", id="cancel-edit"),
    ]

    def __init__(
        self,
        *,
        article: dict[str, Any],
        event: EventView | None = None,
        values: dict[str, Any] | None = None,
        span: tuple[int, int, str] | None = None,
        focus: str | None = None,
    ):
        super().__init__()
        self.focus_field = focus if focus in FIELDS else "event_date"
        self.quick = focus in FIELDS  # one field: enter saves
        self.held: list[events.Key] = []  # typed before the names were there
        self.ready = False  # the names are there (or will not come): keys act
        self.names_loaded = False
        self.typed_early = False
        self.discard_asked = False
        self.article = article
        self.event = event
        self.span = span  # (start, end, quote) when adding from a sentence
        self.original = {f: as_text((event.values if event else {}).get(f)) for f in FIELDS}
        self.initial = dict(self.original)
        for field, value in (values or {}).items():
            if field in FIELDS:
                self.initial[field] = as_text(value)
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box"):
            yield Static(self._title(), id="edit-title")
            yield Static(self._evidence(), id="edit-evidence")
            yield Static("", id="edit-other")
            model = Static("", id="edit-model")
            model.display = False  # shown when the model has something to say (_model_ranked)
            yield model
            with VerticalScroll(id="edit-fields"):
                for field, (label, kind, multi) in FIELDS.items():
                    with Horizontal(classes="edit-row"):
                        yield Label(label, classes="edit-label")
                        if kind:
                            yield NameField(
                                self.initial[field],
                                kind=kind,
                                multi=multi,
                                creates=kind in ("actor", "place"),
                                id=f"f-{field}",
                            )
                        else:
                            yield Input(
                                self.initial[field],
                                placeholder=placeholder(field),
                                compact=True,
                                select_on_focus=True,
                                id=f"f-{field}",
                            )
            yield Static("", id="edit-error")
            yield Static(self._help(), id="edit-help")

    def _title(self) -> Text:
        if self.event is not None:
            text = Text(f"Edit event {self.event.id}", style="bold")
            text.append(f"  (version {self.event.row['version']}, {self.event.status})")
            return text
        text = Text("Add an event from: ", style="bold", no_wrap=True, overflow="ellipsis")
        text.append(f"“{self.span[2] if self.span else ''}”", style="italic")
        return text

    def _evidence(self) -> Text:
        quote = self.event.quote if self.event is not None else (self.span or (0, 0, ""))[2]
        return Text(f"“{quote}”" if quote else "(no evidence quote)", style="italic")

    def _help(self) -> Text:
        keys = self.app.key_for("save-event", "ctrl+s"), self.app.key_for("cancel-edit", "esc")
        enter = "enter takes the best match and saves" if self.quick else "enter next field"
        return Text(f"{keys[0]} save · {keys[1]} cancel · {enter} · ↓↑ pick")

    def field_input(self, field: str) -> Input:
        widget = self.query_one(f"#f-{field}")
        return (
            widget.input if isinstance(widget, NameField) else self.query_one(f"#f-{field}", Input)
        )

    def on_mount(self) -> None:
        self._load_indexes()
        self._rank_types()

    @work(thread=True, group="model", exit_on_error=False)
    def _rank_types(self) -> None:
        # The sub-event types ranked by the model for this event's evidence (tui/learning.py).
        quote = self.event.quote if self.event else (self.span[2] if self.span else "")
        if not quote:
            return
        probe = EventView(row={"id": 0, "status": "proposed"}, values={}, quote=quote)
        ranked, _ = self.app.learner.suggestions([probe]).get(0, ([], None))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._model_ranked, ranked)

    def _model_ranked(self, ranked: list) -> None:
        if not ranked:
            return
        # The type list is ranked by the model, with its scores (the analyst picks; nothing
        # is typed for them).
        field = self.query_one("#f-sub_event_type", NameField)
        field.set_ranked([(s.sub_event_type, s.score) for s in ranked])
        typed = self.original["sub_event_type"].strip()
        if typed and ranked[0].source == "codebook":
            return  # day one, a type already given is not second-guessed (as on review)
        text = Text("Model: ", style="bold", no_wrap=True, overflow="ellipsis")
        text.append(" · ".join(f"{s.sub_event_type} {s.score:.2f}" for s in ranked[:4]))
        text.append(f"  ({ranked[0].why()})", style="dim")
        widget = self.query_one("#edit-model", Static)
        widget.update(text)
        widget.display = True

    def _type_early(self, char: str) -> None:
        """A key that arrived before the field had the focus: the first replaces the value
        (as typing into the selected value would), the rest follow it; enter ("\n")
        submits what was typed, as it would in the field."""
        target = self.field_input(self.focus_field)
        if char == "\n":
            self.call_later(target.action_submit)  # after the focus lands (save or next)
            return
        target.select_on_focus = False  # the focus, when it lands, must not select them
        if isinstance(target.parent, NameField):
            # Typed, though before the focus: the model's ranking, if it comes later, gives
            # way to the matches of what was typed (enter would take its first otherwise).
            target.parent.typed = True
        target.value = (target.value if self.typed_early else "") + char
        target.cursor_position = len(target.value)
        self.typed_early = True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The focused field's row marks its label (edit_event.tcss): Textual restyles the
        # focused widget's ancestors, never the label beside it, so `:focus-within` showed
        # whichever row had the focus when the labels were last styled.
        for row in self.query(".edit-row"):
            row.set_class(row in event.widget.ancestors, "-focused")

    def hold_key(self, event: events.Key) -> bool:
        """Before the names are there every key is held (True), the ones reaching the form
        and those queued on the screen below (`WorkbenchApp._on_key`), in the order typed."""
        if self.ready:
            return False
        event.stop()
        event.prevent_default()
        self.held.append(events.Key(event.key, event.character))
        return True

    def _release(self) -> None:
        """The names are there (or will not come): the field takes the focus (at once, so
        the keys replayed reach it) and the held keys are replayed as typed. Run from the
        app's queue, after the keys already in it (held too)."""
        if self.ready:
            return
        self.ready = True
        self.set_focus(self.field_input(self.focus_field))
        held, self.held = self.held, []
        for key in held:
            # Sent as the driver sends keys (from the app), so that they bubble back to it
            # and its bindings (enter, ctrl+s); from this screen they would stop at it.
            self.app.post_message(key.set_sender(self.app))

    def on_key(self, event: events.Key) -> None:
        if self.hold_key(event):
            return
        if event.key.startswith("alt+") and len(event.key) == 5:
            # A terminal reads Esc and a letter typed quickly after it as alt+letter: in a
            # form no alt key is bound, so it is Esc, then the letter for the screen below.
            event.stop()
            event.prevent_default()
            if self.action_cancel():
                self.app.call_later(self.app.simulate_key, event.key[-1])
            return
        # The fields are the form's only inputs: a key that reaches it outside them was
        # typed before the field had the focus.
        typed = "\n" if event.key == "enter" else event.character if event.is_printable else ""
        if typed and not isinstance(self.focused, Input):
            event.stop()
            event.prevent_default()
            self.typeahead(typed)

    def typeahead(self, char: str) -> bool:
        """A key typed before the field had the focus (see `WorkbenchApp._on_key`); "\n"
        is enter."""
        self._type_early(char)
        return True

    @work(thread=True, group="names")
    def _load_indexes(self) -> None:
        gateway = self.app.gateway
        codebook = load_codebook()
        indexes = {
            "actor": NameIndex(gateway.names("actor"), gateway.name_info("actor")),
            "place": NameIndex(gateway.names("place"), gateway.name_info("place")),
            "sub-event type": NameIndex([(k, i, k) for i, k in enumerate(codebook)]),
            "event type": NameIndex(
                [
                    (t, i, t)
                    for i, t in enumerate(dict.fromkeys(e.event_type for e in codebook.values()))
                ]
            ),
            "precision": NameIndex([(p, i, p) for i, p in enumerate(PRECISIONS)]),
        }
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._set_indexes, indexes)

    def _set_indexes(self, indexes: dict[str, NameIndex]) -> None:
        self.names_loaded = True
        for field in self.query(NameField):
            field.set_index(indexes[field.kind])
        self.app.call_later(self._release)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "names" and event.state == WorkerState.ERROR:
            # No names (the server gone): keys act again, so Esc closes the form; a changed
            # name is not saved (`action_save`), enter in its field waits (NameField).
            self.show_error(f"Names not loaded: {event.worker.error}")
            self._release()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.quick:
            self.action_save()
        else:
            self.focus_next()

    # -- saving -----------------------------------------------------------------------

    def form_values(self) -> dict[str, str]:
        return {f: self._field(f).value for f in FIELDS}

    def _field(self, name: str) -> Input | NameField:
        widget = self.query_one(f"#f-{name}")
        assert isinstance(widget, Input | NameField)
        return widget

    def changes(self) -> dict[str, Any]:
        """Fields that differ from the event as loaded (all non-empty ones when adding)."""
        values = self.form_values()
        changed: dict[str, Any] = {
            f: v for f, v in values.items() if v.strip() != self.original[f].strip()
        }
        for field in ("fatalities", "fatalities_low", "fatalities_high"):
            if field in changed:
                changed[field], note = read_count(changed[field])
                if note and note not in values["notes"]:
                    changed["notes"] = "; ".join(n for n in (values["notes"].strip(), note) if n)
        if "event_date" in changed:
            iso, precision = read_date(changed["event_date"], self.article.get("published"))
            changed["event_date"] = iso
            if precision and "date_precision" not in changed:
                changed["date_precision"] = precision
        return changed

    def action_save(self) -> None:
        if self.saving:
            return
        try:
            values = self.changes()
            current = self.event.values if self.event else None
            validate(values, current)
        except ValueError as exc:
            self.show_error(str(exc))
            return
        if not values and self.event is not None:
            self.dismiss(None)
            return
        fields = {f.id or "": f for f in self.query(NameField)}
        if not self.names_loaded and any(i[2:] in values for i in fields):
            # Which names are new is not known yet: never create one unasked.
            self.show_error("The names have not loaded: a changed name cannot be checked yet")
            return
        new = {i: names for i, f in fields.items() if i[2:] in values and (names := f.unapproved())}
        if new:
            # A typo must not silently become a new actor: ask once.
            for field_id, names in new.items():
                self.query_one(f"#{field_id}", NameField).approve(names)
            listed = ", ".join(f"“{n}”" for v in new.values() for n in v)
            key = self.app.key_for("save-event", "ctrl+s")
            self.show_error(f"{listed} match no entity: {key} again creates them, or fix them")
            return
        self.saving = True
        self.show_error("Saving…", error=False)
        if self.event is not None:
            event_id, seen = self.event.id, self.event.row["version"]

            def write(store, expect):
                version = expect("events", event_id, seen)
                return update_event(store, event_id, values, expected_version=version)

            self.app.submit(write, on_done=self._saved, on_error=self._failed, table="events")
        else:
            assert self.span is not None  # adding: the sentence the event comes from
            start, end, quote = self.span
            article_id = self.article["id"]

            def write(store, _expect):
                return add_event(store, article_id, values, quote=quote, start=start, end=end)

            self.app.submit(write, on_done=self._saved, on_error=self._failed)

    def _saved(self, result: Any) -> None:
        event_id = result if isinstance(result, int) else (result or {}).get("id")
        self.dismiss({"select": event_id})

    def _failed(self, exc: Exception) -> None:
        self.saving = False
        if isinstance(exc, ConflictError) and self.event is not None:
            # Keep what was typed; show the version now saved beside it.
            self.show_error(str(exc))
            self._load_other(self.event.id)
            return
        self.show_error(f"Not saved: {exc}")

    @work(thread=True, group="other")
    def _load_other(self, event_id: int) -> None:
        view = self.app.gateway.event(event_id, self.article["id"])
        if view is not None and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_other, view)

    def _show_other(self, view: EventView) -> None:
        """The other analyst's version: fields where it differs from what was loaded."""
        text = Text(f"Saved now (version {view.row['version']}):", style="bold")
        for field, (label, _kind, _multi) in FIELDS.items():
            theirs = as_text(view.values.get(field))
            if theirs != self.original[field]:
                text.append(f"\n{label}: {theirs or '—'}  (you: {self.form_values()[field]})")
        key = self.app.key_for("save-event", "ctrl+s")
        text.append(f"\n{key} saves your values over it (only the fields you changed)")
        self.event = view
        other = self.query_one("#edit-other", Static)
        other.update(text)
        other.add_class("-shown")

    def has_unsaved(self) -> bool:
        try:
            return bool(self.changes()) and not self.saving
        except ValueError:
            return True

    def show_error(self, message: str, error: bool = True) -> None:
        box = self.query_one("#edit-error", Static)
        box.set_class(error, "-error")
        box.update(Text(("✗ " if error else "") + message))

    def action_cancel(self) -> bool:
        """Close without saving (asking first when something was typed); True if closed."""
        if self.has_unsaved() and not self.discard_asked:
            self.discard_asked = True
            key = self.app.key_for("cancel-edit", "esc")
            save = self.app.key_for("save-event", "ctrl+s")
            self.show_error(f"Unsaved changes: {key} again discards them, {save} saves")
            return False
        self.dismiss(None)
        return True

    if TYPE_CHECKING:
        app = getters.app(WorkbenchApp)
