"""Provides `MapScreen`: every confirmed event of the dataset on one map (`open-map`).

The map fits the events shown; each cell holds the number of events in it (1-9, `+` for
ten or more) over the towns of their countries, so it reads without colour. A date range
(YYYY, YYYY-MM or YYYY-MM-DD, as the export takes) and an event type narrow it; the head
line says how many events are shown and how many confirmed ones have no coordinates.
Reads run in a thread worker on a connection of their own. A modal screen over the whole
terminal: it changes nothing, and the app-wide keys (undo, search ...) stay out of the date
fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static
from textual.worker import get_current_worker

from ...export.run import date_bound
from ...geo.raster import count_glyph
from ...store import Store
from ...store.mapped import MapData, mapped_events
from ..data import for_screen
from ..widgets.footer import Footer
from ..widgets.map_view import TOWN, MapView

if TYPE_CHECKING:
    from ..app import WorkbenchApp

LEGEND = f"1-9 events in the cell, {count_glyph(10)} ten or more · {TOWN} towns"


class MapScreen(ModalScreen[None]):
    if TYPE_CHECKING:
        app = getters.app(WorkbenchApp)
    SCOPE = "Map"
    TYPING = True  # the focus starts in the date fields
    AUTO_FOCUS = "#map-since"
    DEFAULT_CSS = """
    MapScreen { background: $background; }
    #map-head { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    #map-filters { height: 1; }
    #map-filters > Input { width: 1fr; margin-right: 1; }
    #map-filters > Select { width: 2fr; }
    #dataset-map { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "close", "Back", id="close-map")]

    def __init__(self) -> None:
        super().__init__()
        self.data = MapData()
        self.types_shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="map-head")
        with Horizontal(id="map-filters"):
            yield Input(placeholder="since YYYY[-MM[-DD]]", id="map-since", compact=True)
            yield Input(placeholder="until YYYY[-MM[-DD]]", id="map-until", compact=True)
            yield Select[str]([], prompt="every event type", id="map-type", compact=True)
        yield MapView(id="dataset-map")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def filters(self) -> tuple[str | None, str | None, str | None]:
        """(since, until, event type) from the fields; ValueError names a bad date."""
        since = date_bound(self.query_one("#map-since", Input).value, end=False, name="since")
        until = date_bound(self.query_one("#map-until", Input).value, end=True, name="until")
        chosen = self.query_one("#map-type", Select).value
        return since, until, chosen if isinstance(chosen, str) else None

    def reload(self) -> None:
        try:
            since, until, event_type = self.filters()
        except ValueError as exc:
            self._head(Text(f"✗ {exc}", style="bold"))
            return
        self.load(since, until, event_type)

    @work(thread=True, exclusive=True, group="map-load")
    def load(self, since: str | None, until: str | None, event_type: str | None) -> None:
        with for_screen(Store(self.app.db_path, analyst=self.app.analyst)) as store:
            data = mapped_events(store, since, until, event_type)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, data, since, until, event_type)

    def _show(
        self, data: MapData, since: str | None, until: str | None, event_type: str | None
    ) -> None:
        self.data = data
        if data.types != self.types_shown:
            self.types_shown = data.types
            select = self.query_one("#map-type", Select)
            with select.prevent(Select.Changed):
                select.set_options((t, t) for t in data.types)
                if event_type in data.types:
                    select.value = event_type
        head = Text()
        head.append("Confirmed events", style="bold")
        head.append(f" · {len(data.events)} on the map")
        if data.unplaced:
            head.append(f" · {data.unplaced} without coordinates", style="bold")
        if since or until:
            head.append(f" · {since or '…'} – {until or '…'}")
        head.append(f" · {event_type or 'every type'}")
        self._head(head)
        self.query_one(MapView).show(
            [(e.lat, e.lon) for e in data.events],
            countries={e.country for e in data.events},
            counts=True,
            min_span=2.0,
            note="" if data.events else "No confirmed event with coordinates in this selection.",
            legend=LEGEND,
        )

    def _head(self, text: Text) -> None:
        self.query_one("#map-head", Static).update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.reload()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.reload()

    def action_close(self) -> None:
        self.dismiss(None)
