"""Provides `NamesScreen`: actors and places, their suggested duplicate clusters, and the
analyst's merge, exclude, rename, split and attribute edits.

Self-contained: it takes a `Store` (or a database path) and works pushed on any App. Reads
and writes run in thread workers on its own connection, one at a time; every change is one
logged action (`workbench.resolve`), so the app's undo reverts it and then calls `reload()`.

Left: suggested clusters, one row per member (count, type/country), the suggested canonical
marked ``*``. Right: all entities, most mentioned first, a page of 200 at a time. Below:
where the highlighted entity is mentioned. `merge-names` merges the whole cluster into the
highlighted member; `exclude-name` takes the highlighted member out of its cluster for good.
Article text is untrusted and only ever rendered as `rich.text.Text`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, OptionList, Static
from textual.widgets.data_table import ColumnKey
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...base.actors import type_names
from ...geo.raster import OTHER, SELECTED
from ...resolve import (
    count_entities,
    examples,
    exclude_pairs,
    list_entities,
    merge_entities,
    rename_entity,
    set_attributes,
    split_alias,
    suggest,
)
from ...resolve.attributes import FIELDS
from ...resolve.catalog import UNPLACED, aliases_of, attributes_of
from ...store import Store
from ...store.mapped import point_of
from ..widgets.footer import Footer
from ..widgets.map_view import TOWN, MapView
from .store_screen import StoreScreen

PAGE = 200  # entities rows in the table at a time
MAX_CLUSTER_ROWS = 1000  # member rows shown; more clusters wait until these are resolved
KINDS = (None, "actor", "place", UNPLACED)
SHOWING = {None: "actors and places", UNPLACED: "places without coordinates (e sets them)"}
# (label, key, width) of each table's columns. Fixed widths, the name column taking what its
# pane has left: auto widths were now and then measured from the labels alone after coming
# back from another screen (the columns collapsed to 4 characters), as the queue's were.
CLUSTER_COLUMNS = (("#", "n", 3), ("score", "score", 5), ("", "mark", 1), ("name", "name", 0),
                   ("count", "count", 5), ("type / country", "where", 14))  # fmt: skip
ENTITY_COLUMNS = (("name", "name", 0), ("kind", "kind", 5), ("count", "count", 5),
                  ("type / country", "where", 14), ("aliases", "aliases", 10))  # fmt: skip
MIN_NAME = 16


if TYPE_CHECKING:
    from ..app import WorkbenchApp


@dataclass
class Row:
    entity_id: int
    name: str
    kind: str
    aliases: list[str]
    attrs: dict[str, Any]
    cluster: int | None = None  # index into self.clusters for cluster rows


def where(attrs: dict[str, Any]) -> str:
    return " / ".join(str(attrs[k]) for k in ("type", "country", "admin1") if attrs.get(k))


class NamesScreen(StoreScreen):
    if TYPE_CHECKING:
        app = getters.app(WorkbenchApp)
    SCOPE = "Names"
    CSS_PATH = "names.tcss"
    AUTO_FOCUS = "#clusters"
    BINDINGS = [
        Binding("m", "merge", "Merge cluster into this name", id="merge-names"),
        Binding("x", "exclude", "Exclude from cluster", id="exclude-name"),
        Binding("n", "rename", "Rename", id="rename-entity"),
        Binding("s", "split", "Split an alias", id="split-alias"),
        Binding("e", "edit", "Type/country/coordinates", id="edit-entity"),
        Binding("f", "cycle_kind", "Actors/places/unplaced", id="filter-names-kind"),
        Binding("ctrl+f", "page(1)", "Next page of entities", id="next-names-page", show=False),
        Binding("ctrl+b", "page(-1)", "Prev page of entities", id="prev-names-page", show=False),
        Binding("escape,backspace", "close", "Back", id="close-names"),
    ]

    def __init__(self, store: Store | str | None = None) -> None:
        super().__init__(store)
        self.kind_index = 0
        self.page_offset = 0
        self.total = 0
        self.clusters: list[Any] = []
        self.cluster_rows: list[Row] = []
        self.entity_rows: list[Row] = []
        self._filled: tuple[list, list[dict], int, dict] | None = None  # the last rows shown
        self._filled_width = -1  # the screen width they were laid out for

    @property
    def kind(self) -> str | None:
        return KINDS[self.kind_index]

    def compose(self) -> ComposeResult:
        yield Static(id="names-head")
        with Horizontal(id="names-body"):
            with Vertical(id="clusters-pane"):
                yield Label("Suggested clusters", classes="pane-title")
                clusters: DataTable[Any] = DataTable(id="clusters", cursor_type="row")
                # Columns from the start: the app may ask any screen to reload at any time.
                for label, key, width in CLUSTER_COLUMNS:
                    clusters.add_column(label, key=key, width=width or MIN_NAME)
                yield clusters
            with Vertical(id="entities-pane"):
                yield Label("Actors & places", classes="pane-title")
                entities: DataTable[Any] = DataTable(id="entities", cursor_type="row")
                for label, key, width in ENTITY_COLUMNS:
                    entities.add_column(label, key=key, width=width or MIN_NAME)
                yield entities
        with Horizontal(id="names-foot"):
            yield Static(id="examples")
            yield MapView(id="names-map")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    # -- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="names-load")
    def load(self) -> None:
        with self.db_lock:
            found = suggest(self.store, "place" if self.kind == UNPLACED else self.kind)
            page = list_entities(self.store, self.kind, limit=PAGE, offset=self.page_offset)
            total = count_entities(self.store, self.kind)
            ids = [m.entity_id for s in found for m in s.members]
            attrs = attributes_of(self.store, ids[: MAX_CLUSTER_ROWS + 50])
        if not get_current_worker().is_cancelled:
            self.deliver(self._fill, found, page, total, attrs)

    def on_resize(self) -> None:
        # The name columns take the width the panes have (a resized window too).
        if self._filled is not None and self.size.width != self._filled_width:
            self._fill(*self._filled)

    def _size_names(self) -> None:
        self._filled_width = self.size.width
        for table_id, columns in (("#clusters", CLUSTER_COLUMNS), ("#entities", ENTITY_COLUMNS)):
            table = self.query_one(table_id, DataTable)
            # Each column has a cell of padding either side; 2 for the scroll bar.
            rest = sum(w + 2 for _, _, w in columns if w) + 2 + 2
            pane = self.size.width // 2  # the two panes share the width (names.tcss)
            table.columns[ColumnKey("name")].width = max(MIN_NAME, pane - rest)

    def _fill(self, found: list, page: list[dict], total: int, attrs: dict) -> None:
        self._filled = (found, page, total, attrs)
        self._size_names()
        self.clusters, self.total = found, total
        table = self.query_one("#clusters", DataTable)
        cursor = table.cursor_row
        table.clear()
        self.cluster_rows = []
        for number, cluster in enumerate(found):
            if len(self.cluster_rows) + len(cluster.members) > MAX_CLUSTER_ROWS:
                break
            for i, m in enumerate(cluster.members):
                names = [m.name, *m.aliases]
                row = Row(
                    m.entity_id, m.name, cluster.kind, names, attrs.get(m.entity_id, {}), number
                )
                self.cluster_rows.append(row)
                table.add_row(
                    Text(str(number + 1) if i == 0 else ""),
                    Text(f"{cluster.score:.0f}" if i == 0 else "", justify="right"),
                    Text("*" if m.entity_id == cluster.canonical_id else "", style="bold"),
                    Text(m.name, style="bold" if i == 0 else ""),
                    Text(str(m.count), justify="right"),
                    Text(where(row.attrs)),
                )
        if self.cluster_rows:
            table.move_cursor(row=min(cursor, len(self.cluster_rows) - 1), animate=False)
        self._fill_entities(page)
        self._head()
        self.show_examples()

    def _fill_entities(self, page: list[dict]) -> None:
        table = self.query_one("#entities", DataTable)
        cursor = table.cursor_row
        table.clear()
        self.entity_rows = []
        for e in page:
            names = [e["canonical"], *e["aliases"]]
            self.entity_rows.append(
                Row(e["entity_id"], e["canonical"], e["kind"], names, e["attrs"])
            )
            table.add_row(
                Text(e["canonical"]),
                Text(e["kind"]),
                Text(str(e["count"]), justify="right"),
                Text(where(e["attrs"])),
                Text("; ".join(e["aliases"]), no_wrap=True, overflow="ellipsis"),
            )
        if self.entity_rows:
            table.move_cursor(row=min(cursor, len(self.entity_rows) - 1), animate=False)

    def _head(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("Actors & places", style="bold")
        text.append(f" · showing: {SHOWING.get(self.kind, self.kind)}")
        text.append(f" · {len(self.clusters)} suggested cluster(s)")
        if self.total:
            end = min(self.page_offset + PAGE, self.total)
            text.append(f" · entities {self.page_offset + 1}–{end} of {self.total}")
        self.query_one("#names-head", Static).update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_examples()

    def on_descendant_focus(self) -> None:
        self.show_examples()

    def current(self) -> Row | None:
        """The entity under the cursor of the focused table (clusters when neither is)."""
        focused = self.focused if isinstance(self.focused, DataTable) else None
        table = focused or self.query_one("#clusters", DataTable)
        rows = self.entity_rows if table.id == "entities" else self.cluster_rows
        if not rows or table.cursor_row is None or table.cursor_row >= len(rows):
            return None
        return rows[table.cursor_row]

    def show_examples(self) -> None:
        row = self.current()
        if row is not None and self.is_mounted:
            self.load_examples(row.entity_id, row.name)
            self.show_map(row)

    def show_map(self, row: Row) -> None:
        """The highlighted place, and the other members of its cluster: a merge of places
        far apart is a merge of homonyms."""
        panel = self.query_one(MapView)
        if row.kind != "place":
            panel.show([], note="An actor: no place on the map.")
            return
        point = point_of(row.attrs)
        others = []
        if row.cluster is not None:
            members = [r for r in self.cluster_rows if r.cluster == row.cluster and r is not row]
            others = [r for r in members if point_of(r.attrs)]
        note = ""
        if point is None:
            note = f"No coordinates: {self.app.key_for('edit-entity', 'e')} sets them."
        legend = f"{SELECTED} {row.name}" + (f" {OTHER} same cluster" if others else "")
        panel.show(
            [p for r in others if (p := point_of(r.attrs))],
            point,
            {str(r.attrs.get("country") or "") for r in (row, *others)},
            min_span=3.0,
            note=note,
            legend=f"{legend} {TOWN} towns",
        )

    @work(thread=True, exclusive=True, group="names-examples")
    def load_examples(self, entity_id: int, name: str) -> None:
        with self.db_lock:
            found = examples(self.store, entity_id, limit=3, width=60)
            aliases = aliases_of(self.store, [entity_id])[entity_id]
        text = Text(no_wrap=False)
        text.append(name, style="bold")
        others = [a for a in aliases if a != name]
        if others:
            text.append("  also: " + "; ".join(others), style="italic")
        if not found:
            text.append("\n(no mentions in the articles)")
        for ex in found:
            text.append("\n")
            text.append(f"[{ex['title'][:40]}] ", style="dim")
            text.append("…" + ex["before"] + " ")
            text.append(ex["text"], style="bold reverse")
            text.append(" " + ex["after"] + "…")
        if not get_current_worker().is_cancelled:
            self.deliver(lambda: self.query_one("#examples", Static).update(text))

    # -- writes ---------------------------------------------------------------------------

    def write(self, fn: Callable[[Store], Any], message: Callable[[Any], str]) -> None:
        """Queue one logged change on the app's writer, like every other screen's."""
        self.app.submit(
            lambda store, _expect: fn(store),
            on_done=lambda result: self._written(message(result)),
            on_error=self._failed,
        )

    def _written(self, message: str) -> None:
        self.notify(message, markup=False)
        self.reload()

    def _failed(self, exc: Exception) -> None:
        self.notify(str(exc), severity="error", markup=False)
        self.reload()

    # -- actions --------------------------------------------------------------------------

    def _cluster_row(self) -> Row | None:
        row = self.current()
        if row is None or row.cluster is None:
            self.notify("Move to a member of a suggested cluster first (left table).")
            return None
        return row

    def action_merge(self) -> None:
        row = self._cluster_row()
        if row is None or row.cluster is None:
            return
        ids = [m.entity_id for m in self.clusters[row.cluster].members]
        self.write(
            lambda store: merge_entities(store, ids, into=row.entity_id),
            lambda _: f"Merged {len(ids) - 1} name(s) into {row.name}",
        )

    def action_exclude(self) -> None:
        row = self._cluster_row()
        if row is None or row.cluster is None:
            return
        others = [
            m.entity_id for m in self.clusters[row.cluster].members if m.entity_id != row.entity_id
        ]
        self.write(
            lambda store: exclude_pairs(store, row.entity_id, others),
            lambda _: f"{row.name} is no longer suggested with this cluster",
        )

    def action_rename(self) -> None:
        row = self.current()
        if row is None:
            return

        def done(name: str | None) -> None:
            if name and name.strip() and name.strip() != row.name:
                self.write(
                    lambda store: rename_entity(store, row.entity_id, name),
                    lambda _: f"Renamed to {name.strip()}",
                )

        self.app.push_screen(PromptDialog(f"Rename {row.name}", row.name), done)

    def action_split(self) -> None:
        row = self.current()
        if row is None:
            return
        aliases = row.aliases[1:]
        if not aliases:
            self.notify(f"{row.name} has no other name to split off.")
            return

        def done(alias: str | None) -> None:
            if alias:
                self.write(
                    lambda store: split_alias(store, row.entity_id, alias),
                    lambda new_id: f"{alias} is now its own entity ({new_id})",
                )

        self.app.push_screen(PickDialog(f"Split which name out of {row.name}?", aliases), done)

    def action_edit(self) -> None:
        row = self.current()
        if row is None:
            return

        def done(values: dict | None) -> None:
            if values:
                self.write(
                    lambda store: set_attributes(store, row.entity_id, values),
                    lambda _: f"Updated {row.name}",
                )

        self.app.push_screen(AttributesDialog(row.name, row.kind, row.attrs), done)

    def action_cycle_kind(self) -> None:
        self.kind_index = (self.kind_index + 1) % len(KINDS)
        self.page_offset = 0
        self.reload()

    def action_page(self, step: int) -> None:
        offset = self.page_offset + step * PAGE
        if 0 <= offset < max(self.total, 1):
            self.page_offset = offset
            self.reload()

    def action_close(self) -> None:
        self.app.pop_screen()


class PromptDialog(ModalScreen[str | None]):
    """One line of text; enter saves, escape cancels."""

    SCOPE = "Prompt"
    TYPING = True

    DEFAULT_CSS = """
    PromptDialog { align: center middle; }
    PromptDialog > Vertical { width: 70; height: auto; border: round $accent; padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-prompt")]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text, self.value = title, value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text))
            yield Input(value=self.value, id="prompt")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickDialog(ModalScreen[str | None]):
    """Pick one of a few names; enter picks, escape cancels."""

    SCOPE = "Pick"

    DEFAULT_CSS = """
    PickDialog { align: center middle; }
    PickDialog > Vertical { width: 70; height: auto; max-height: 20; border: round $accent; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-pick")]

    def __init__(self, title: str, choices: list[str]) -> None:
        super().__init__()
        self.title_text, self.choices = title, choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text))
            yield OptionList(*(Option(Text(c), id=str(i)) for i, c in enumerate(self.choices)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class AttributesDialog(ModalScreen[dict | None]):
    """An entity's attributes; enter in the last field (or ctrl+s) saves, escape cancels.
    Values are checked by `workbench.resolve.set_attributes` when saved."""

    SCOPE = "Attributes"
    TYPING = True

    DEFAULT_CSS = """
    AttributesDialog { align: center middle; }
    AttributesDialog > Vertical { width: 70; height: auto; border: round $accent; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel-attributes"),
        Binding("ctrl+s", "save", "Save", id="save-attributes"),
    ]

    def __init__(self, name: str, kind: str, attrs: dict[str, Any]) -> None:
        super().__init__()
        self.entity_name, self.kind, self.attrs = name, kind, attrs

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"{self.entity_name} ({self.kind})", style="bold"))
            for field in FIELDS[self.kind]:
                hint = "; ".join(type_names()) if field == "type" else ""
                yield Label(Text(field + (f" — {hint}" if hint else "")))
                value = self.attrs.get(field)
                yield Input(value="" if value is None else str(value), id=f"attr-{field}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        if event.input is inputs[-1]:
            self.action_save()
        else:
            inputs[inputs.index(event.input) + 1].focus()

    def action_save(self) -> None:
        values = {f: self.query_one(f"#attr-{f}", Input).value for f in FIELDS[self.kind]}
        changed = {f: v for f, v in values.items() if v != str(self.attrs.get(f) or "")}
        self.dismiss(changed or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
