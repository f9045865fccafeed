"""Provides `MapView`: events on a small braille map, over the towns of their countries.

Thin: `workbench.geo.raster` projects and draws; this widget keeps what to show, fits the
view to its own size on every render (so a resize redraws it), and styles the cells. The
backdrop (the gazetteer's populated places of the countries shown) is read in a thread
worker the first time a country is shown; the gazetteer is never opened before a map is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual import work
from textual.widget import Widget

from ...geo.raster import OTHER, SELECTED, caption, draw, event_marks, fit

Point = tuple[float, float]
TOWN = "⣿"  # shown in the legend for the backdrop's dots


def towns_of(countries: Iterable[str]) -> list[Point]:
    """The populated places of the countries (the map's backdrop)."""
    from ...geo.gazetteer import gazetteer

    found: list[Point] = []
    for country in sorted(set(countries)):
        found.extend(gazetteer().towns(country))
    return found


class MapView(Widget, can_focus=False):
    COMPONENT_CLASSES = {"map-view--town", "map-view--mark", "map-view--selected"}
    DEFAULT_CSS = """
    MapView {
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .map-view--town { color: $text-muted; }
        & > .map-view--mark { text-style: bold; }
        & > .map-view--selected { text-style: bold reverse; }
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.points: list[Point] = []
        self.selected: Point | None = None
        self.counts = False
        self.min_span = 1.0
        self.note = ""
        self.legend = ""
        self.backdrop: list[Point] = []
        self._countries: frozenset[str] = frozenset()

    def show(
        self,
        points: Sequence[Point],
        selected: Point | None = None,
        countries: Iterable[str] = (),
        *,
        counts: bool = False,
        min_span: float = 1.0,
        note: str = "",
        legend: str = "",
    ) -> None:
        """Draw `points` (with `counts`: how many fall in each cell) and `selected` marked,
        over the towns of `countries`; `note` is a first line (what the map cannot show)."""
        self.points, self.selected, self.counts = list(points), selected, counts
        self.min_span, self.note = min_span, note
        self.legend = legend or f"{SELECTED} this event {OTHER} other events {TOWN} towns"
        wanted = frozenset(c for c in countries if c)
        if wanted != self._countries:
            self._countries = wanted
            self.backdrop = []
            if wanted:
                self._load(wanted)
        self.refresh()

    @work(thread=True, exclusive=True, group="map-backdrop")
    def _load(self, countries: frozenset[str]) -> None:
        backdrop = towns_of(countries)
        self.app.call_from_thread(self._loaded, countries, backdrop)

    def _loaded(self, countries: frozenset[str], backdrop: list[Point]) -> None:
        if countries == self._countries:
            self.backdrop = backdrop
            self.refresh()

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if self.note:
            text.append(self.note + "\n", style="bold")
            height -= 1
        shown = [*self.points, *([self.selected] if self.selected else [])]
        if not shown:
            if not self.note:
                text.append("No coordinates to show.")
            return text
        rows = height - 2 if height >= 6 else height  # the caption and legend when room
        if width < 4 or rows < 1:
            return text
        view = fit(shown, width, rows, min_span=self.min_span)
        marks = event_marks(view, width, rows, self.points, self.selected, self.counts)
        raster = draw(view, width, rows, self.backdrop, marks)
        town = self.get_component_rich_style("map-view--town")
        styles = {
            kind: self.get_component_rich_style(f"map-view--{kind}")
            for kind in ("mark", "selected")
        }
        lines = []
        for line in raster.lines:
            lines.append(Text(line, style=town, no_wrap=True, end=""))
        for row, col, kind in raster.marks:
            lines[row].stylize(styles[kind], col, col + 1)
        text.append_text(Text("\n").join(lines))
        if rows < height:
            text.append("\n" + caption(view), style="dim")
            text.append("\n" + self.legend, style="dim")
        return text
