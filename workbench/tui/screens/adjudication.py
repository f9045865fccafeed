"""Provides `AdjudicationScreen`: a double-coded article's two codings side by side.

Each row of events is a pair matched by the rule of `workbench eval` (or one coder's
unpaired event), shown field by field: the first coder's value, the second's, and the
final event's. `≠` marks fields where the coders differ. `1` takes the first coder's value
of the field under the cursor (on the row's title line: their whole event; on an event the
coder did not code: "no event", which rejects the final one), `2` the second's, `e` edits
the final event, `d` finishes (the article is done). Every key is one logged, undoable
store action (`store.adjudicate`); nothing here writes SQL.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from ...agreement import aligned
from ...store.adjudicate import (
    coders_done,
    drop_final,
    final_of,
    finish_adjudication,
    take_values,
)
from ...store.events import public_values
from ..widgets.footer import Footer

FIELDS = ("event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2",
          "location", "fatalities", "notes")  # fmt: skip


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return str(value).replace("\n", " ")


def load_rows(store: Any, article_id: int) -> dict[str, Any]:
    """Everything the screen shows, read in a worker."""
    a, b = coders_done(store, article_id)[:2]
    rows = []
    for rec_a, rec_b in aligned(store, article_id, a, b):
        ids = [r["event_id"] for r in (rec_a, rec_b) if r is not None]
        final_id = final_of(store, ids)
        final = store.row("events", final_id) if final_id else None
        rows.append({
            "a": rec_a, "b": rec_b, "final_id": final_id,
            "final": public_values(store, final) if final else None,
            "final_status": final["status"] if final else None,
        })  # fmt: skip
    return {"coders": (a, b), "rows": rows}


if TYPE_CHECKING:
    from ..app import WorkbenchApp


class AdjudicationScreen(Screen):
    SCOPE = "Adjudication"
    if TYPE_CHECKING:
        app = getters.app(WorkbenchApp)
    CSS_PATH = "adjudication.tcss"
    AUTO_FOCUS = "#adjudication"
    BINDINGS = [
        Binding("1", "take(0)", "Take first coder's", id="take-first"),
        Binding("2", "take(1)", "Take second coder's", id="take-second"),
        Binding("e", "edit_final", "Edit final", id="edit-final"),
        Binding("d", "finish", "Finish", id="finish-adjudication"),
        Binding("escape,backspace", "close", "Back", id="close-adjudication"),
    ]

    def __init__(self, article_id: int):
        super().__init__()
        self.article_id = article_id
        self.coders: tuple[str, str] = ("", "")
        self.rows: list[dict[str, Any]] = []
        self.lines: list[tuple[int, str | None]] = []  # table line -> (row, field or None)

    def compose(self) -> ComposeResult:
        yield Static(id="adj-head")
        yield DataTable(id="adjudication", cursor_type="row", zebra_stripes=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key, width in (("", "mark", 1), ("Field", "field", 15), ("First", "a", 28),
                                  ("Second", "b", 28), ("Final", "final", 28)):  # fmt: skip
            table.add_column(label, key=key, width=width)
        self.reload()

    @work(thread=True, exclusive=True, group="adjudication")
    def reload(self) -> None:
        try:
            data = self.app.gateway.safe(load_rows, self.article_id)
        except Exception as exc:  # not double-coded, or a coder is not done
            self.app.call_from_thread(partial(self.app.show_error, exc, False, saving=False))
            self.app.call_from_thread(self.dismiss)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._fill, data)

    def _fill(self, data: dict[str, Any]) -> None:
        self.coders, self.rows = data["coders"], data["rows"]
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        self.lines = []
        a, b = self.coders
        table.columns[next(k for k in table.columns if k.value == "a")].label = Text(a)
        table.columns[next(k for k in table.columns if k.value == "b")].label = Text(b)
        for n, row in enumerate(self.rows):
            coded = [Text(f"#{rec['event_id']}" if rec else "no event", style="bold")
                     for rec in (row["a"], row["b"])]  # fmt: skip
            final = f"#{row['final_id']} {row['final_status']}" if row["final_id"] else "—"
            table.add_row(Text("▸"), Text(f"event {n + 1}", style="bold"), *coded, Text(final))
            self.lines.append((n, None))
            for field in FIELDS:
                va = _show(row["a"].get(field)) if row["a"] else ""
                vb = _show(row["b"].get(field)) if row["b"] else ""
                vf = _show(row["final"].get(field)) if row["final"] else ""
                differ = bool(row["a"] and row["b"] and va != vb)
                style = "bold reverse" if differ else ""
                table.add_row(Text("≠" if differ else " "), Text(field), Text(va, style=style),
                              Text(vb, style=style), Text(vf))  # fmt: skip
                self.lines.append((n, field))
        if cursor is not None and self.lines:
            table.move_cursor(row=min(cursor, len(self.lines) - 1), animate=False)
        differences = sum(1 for row in self.rows for f in FIELDS if row["a"] and row["b"]
                          and _show(row["a"].get(f)) != _show(row["b"].get(f)))  # fmt: skip
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(f"Adjudicate article #{self.article_id}", style="bold")
        head.append(
            f" · {a} vs {b} · {len(self.rows)} event row(s) · {differences} field(s) differ"
        )
        self.query_one("#adj-head", Static).update(head)

    def _here(self) -> tuple[dict[str, Any], str | None] | None:
        table = self.query_one(DataTable)
        if not self.lines or table.cursor_row is None:
            return None
        n, field = self.lines[table.cursor_row]
        return self.rows[n], field

    def action_take(self, side: int) -> None:
        here = self._here()
        if here is None:
            return
        row, field = here
        rec = row["a"] if side == 0 else row["b"]
        article_id, final_id = self.article_id, row["final_id"]
        # The row's copies: the store finds the row's final event in the same transaction,
        # even when this key comes before the screen has seen the previous one's result.
        copies = [r["event_id"] for r in (row["a"], row["b"]) if r is not None]
        if rec is None:  # this coder coded no such event: the final one goes
            self.app.submit(lambda store, _: drop_final(store, final_id, copies),
                            on_done=lambda _r: self.reload())  # fmt: skip
            return
        copy_id = rec["event_id"]
        fields = None if field is None else [field]
        self.app.submit(
            lambda store, _: take_values(store, article_id, copy_id, fields, final_id, copies),
            on_done=lambda _r: self.reload(),
        )

    def action_edit_final(self) -> None:
        from .edit_event import EditEventScreen

        here = self._here()
        if here is None or here[0]["final_id"] is None:
            self.notify("Take a coder's event first, then edit the final one", markup=False)
            return
        view = self.app.gateway.event(here[0]["final_id"], self.article_id)
        article = self.app.gateway.safe(lambda s: s.row("articles", self.article_id))
        if view is not None:
            self.app.push_screen(EditEventScreen(article=article, event=view), self._edited)

    def _edited(self, _result: dict[str, Any] | None) -> None:
        self.reload()

    def action_finish(self) -> None:
        article_id = self.article_id

        def done(_row: Any) -> None:
            self.notify(f"Article {article_id} adjudicated", markup=False)
            self.app.refresh_progress()
            self.dismiss()

        self.app.submit(lambda store, _: finish_adjudication(store, article_id), on_done=done)

    def action_close(self) -> None:
        self.dismiss()
