"""The maps (issue 12): the braille raster (workbench.geo.raster), the confirmed events with
their points (store.mapped), and the three places the TUI draws a map: the review screen's
event detail (`toggle-map`), the names screen, and the whole dataset (`open-map`). What
reads the store runs on a SQLite file and a PostgreSQL server; the two snapshots compare
the drawing on a file only (a snapshot is named by its test: one image each is enough)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select
from tui_support import build_db, make_app, open_review, press, screen_text, settle

from workbench.geo.raster import (
    OTHER,
    SELECTED,
    Mark,
    View,
    caption,
    cell_of,
    draw,
    event_marks,
    fit,
)
from workbench.resolve import set_attributes
from workbench.store import Store
from workbench.store.events import set_status
from workbench.store.mapped import mapped_events
from workbench.tui.widgets.map_view import MapView

pytestmark = pytest.mark.backends

# -- the raster -----------------------------------------------------------------------------


def test_each_point_lights_its_own_braille_dot() -> None:
    view = View(south=0, north=4, west=0, east=2)  # one cell: 2 dots across, 4 down
    assert draw(view, 1, 1, [(3.5, 0.5)]).lines == ["⠁"]  # top left: dot 1
    assert draw(view, 1, 1, [(0.5, 1.5)]).lines == ["⢀"]  # bottom right: dot 8
    assert draw(view, 1, 1, [(3.5, 0.5), (0.5, 1.5)]).lines == ["⢁"]
    assert draw(view, 1, 1, [(9.0, 0.5)]).lines == [" "]  # outside the view: nothing
    wide = draw(View(0, 4, 0, 4), 2, 1, [(1.5, 2.5)])
    assert wide.lines == [" ⠄"]  # the second cell, third dot row, left column


def test_marks_take_their_cell_and_the_last_one_wins() -> None:
    view = View(0, 4, 0, 4)
    raster = draw(
        view,
        2,
        1,
        [(2.5, 0.5)],
        [Mark(1.0, 3.0, "•"), Mark(1.2, 3.1, "◉", "selected"), Mark(50.0, 3.0, "•")],
    )
    assert raster.lines == ["⠂◉"]
    assert raster.marks == [(0, 1, "selected")]
    assert raster.outside == 1


def test_fit_shows_every_point_with_square_dots() -> None:
    points = [(35.6, 36.5), (35.9, 36.6), (35.3, 40.1)]
    for width, height in ((30, 10), (80, 18), (10, 20)):
        view = fit(points, width, height)
        assert all(cell_of(view, width, height, *p) is not None for p in points)
        # Degrees per dot agree once longitude is shrunk by cos(latitude).
        import math

        shrink = math.cos(math.radians((view.south + view.north) / 2))
        across = (view.east - view.west) * shrink / (2 * width)
        down = (view.north - view.south) / (4 * height)
        assert across == pytest.approx(down, rel=0.02)
    # One point: at least min_span degrees tall; none: the inhabited world.
    one = fit([(10.0, 10.0)], 20, 5, min_span=2.0)
    assert one.north - one.south >= 2.0 and one.south < 10 < one.north
    world = fit([], 20, 5)
    assert world.west == -180 and world.east == 180


def test_event_marks_count_per_cell_and_mark_the_selected_last() -> None:
    view = View(0, 4, 0, 4)
    same_cell = [(1.0, 1.0), (1.1, 1.1), (1.2, 0.9)]
    marks = event_marks(view, 2, 1, same_cell + [(3.0, 3.0)], counts=True)
    assert sorted(m.glyph for m in marks) == ["1", "3"]
    many = event_marks(view, 2, 1, [(1.0, 1.0)] * 12, counts=True)
    assert [m.glyph for m in many] == ["+"]
    plain = event_marks(view, 2, 1, [(1.0, 1.0)], selected=(3.0, 3.0))
    assert [(m.glyph, m.kind) for m in plain] == [(OTHER, "mark"), (SELECTED, "selected")]


def test_caption_names_hemispheres_and_width() -> None:
    text = caption(View(-10.0, 5.0, -20.0, 10.0))
    assert text.endswith("10.0°S–5.0°N 20.0°W–10.0°E")
    assert text.startswith("3,336 km across")


# -- fixtures -------------------------------------------------------------------------------

POINTS = {"kafranbil": (35.61, 36.56), "idlib": (35.93, 36.63), "deir": (35.33, 40.14)}


@pytest.fixture
def placed_db(db_path, monkeypatch):
    """The TUI fixture with coordinates on its three places (Syria)."""
    return _placed(db_path, monkeypatch)


@pytest.fixture
def placed_file(tmp_path, monkeypatch):
    return _placed(str(tmp_path / "map.db"), monkeypatch)


def _placed(path: str, monkeypatch) -> tuple[str, dict]:
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/analyst/.config")
    ids = build_db(path)
    with Store(path, analyst="fixture") as store:
        for key, (lat, lon) in POINTS.items():
            set_attributes(
                store, ids[key], {"latitude": str(lat), "longitude": str(lon), "country": "Syria"}
            )
    return path, ids


def _confirm(path: str, event_ids: list[int]) -> None:
    with Store(path, analyst="fixture") as store:
        for eid in event_ids:
            set_status(store, eid, "confirmed")


def _glyphs(app, widget_id: str) -> dict[str, list[tuple[int, int]]]:
    """Where each non-braille glyph is drawn on a map (line, column), caption excluded."""
    widget = app.screen.query_one(f"#{widget_id}", MapView)
    lines = widget.render().plain.split("\n")[:-2]
    found: dict[str, list[tuple[int, int]]] = {}
    for row, line in enumerate(lines):
        for col, char in enumerate(line):
            if char.strip() and not 0x2800 <= ord(char) <= 0x28FF:
                found.setdefault(char, []).append((row, col))
    return found


# -- store ----------------------------------------------------------------------------------


def test_mapped_events_are_the_confirmed_ones_with_points(placed_db) -> None:
    path, ids = placed_db
    e1, e2, e3, e4 = ids["events"]
    _confirm(path, [e1, e2, e4])
    with Store(path, analyst="fixture") as store:
        with store.write():  # a place without coordinates: counted, not drawn
            store.conn.execute("UPDATE entities SET attrs = '{}' WHERE id = ?", [ids["idlib"]])
        data = mapped_events(store)
        assert sorted(e.id for e in data.events) == [e1, e4]
        assert data.unplaced == 1
        assert {(e.lat, e.lon) for e in data.events} == {POINTS["kafranbil"], POINTS["deir"]}
        assert [e.id for e in mapped_events(store, since="2018-03-01").events] == [e4]
        assert [e.id for e in mapped_events(store, until="2018-02-28").events] == [e1]
        only = mapped_events(store, event_type="Violence against civilians")
        assert [e.id for e in only.events] == [e4]
        assert "Battles" in data.types


# -- the review screen ----------------------------------------------------------------------


async def test_review_map_marks_the_selected_event_among_the_others(placed_db) -> None:
    path, _ids = placed_db
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_review(pilot, app)
        fields = app.screen.query_one("#fields")
        assert not app.screen.query_one("#event-map").display
        await press(pilot, app, "g")
        assert app.screen.query_one("#event-map").display and not fields.display
        first = _glyphs(app, "event-map")
        # Event 1 (Kafranbil) selected; event 2 (Idlib) is the other point (event 3 is at
        # Kafranbil too, under the selected mark).
        assert len(first[SELECTED]) == 1 and len(first[OTHER]) == 1
        assert SELECTED in screen_text(app)
        await press(pilot, app, "down")  # event 2: Idlib
        second = _glyphs(app, "event-map")
        assert second[SELECTED] == first[OTHER] and second[OTHER] == first[SELECTED]
        assert "Idlib" in app.screen.query_one("#event-map", MapView).render().plain
        await press(pilot, app, "g")
        assert fields.display and not app.screen.query_one("#event-map").display


async def test_review_map_says_when_the_event_has_no_coordinates(placed_db) -> None:
    path, ids = placed_db
    with Store(path, analyst="fixture") as store, store.write():
        store.conn.execute("UPDATE entities SET attrs = '{}' WHERE id = ?", [ids["kafranbil"]])
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "g")
        text = app.screen.query_one("#event-map", MapView).render().plain
        assert text.startswith("This event: place not in gazetteer")
        assert _glyphs(app, "event-map").get(OTHER)  # Idlib still drawn


# -- the names screen -----------------------------------------------------------------------


async def test_names_map_shows_the_highlighted_place(placed_db) -> None:
    path, _ids = placed_db
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "N")
        screen = app.screen
        table = screen.query_one("#entities", DataTable)
        table.focus()
        await settle(pilot, app)
        seen = {}
        for _ in range(len(screen.entity_rows)):
            row = screen.current()
            text = screen.query_one("#names-map", MapView).render().plain
            seen[row.name] = (row.kind, text)
            await press(pilot, app, "down")
        kind, text = seen["Idlib"]
        assert kind == "place" and SELECTED in text and "Idlib" in text
        assert seen["Islamic State"][1].startswith("An actor")


# -- the whole dataset ----------------------------------------------------------------------


async def test_open_map_counts_confirmed_events_and_filters(placed_db) -> None:
    path, ids = placed_db
    _confirm(path, ids["events"])  # Kafranbil twice, Idlib, Deir ez-Zor
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "M")
        head = app.screen.query_one("#map-head")
        assert "4 on the map" in str(head.render())
        glyphs = _glyphs(app, "dataset-map")
        assert sorted(glyphs) == ["1", "2"] and len(glyphs["1"]) == 2
        since = app.screen.query_one("#map-since", Input)
        since.value = "2018-03"
        await press(pilot, app, "enter")
        assert "1 on the map" in str(head.render())
        assert _glyphs(app, "dataset-map") == {"1": [_glyphs(app, "dataset-map")["1"][0]]}
        since.value = "2018-13"
        await press(pilot, app, "enter")
        assert "✗ since" in str(head.render())
        since.value = ""
        app.screen.query_one("#map-type", Select).value = "Battles"
        await settle(pilot, app)
        assert "1 on the map" in str(head.render()) and "Battles" in str(head.render())
        await press(pilot, app, "escape")
        assert not app.screen.query("#map-head")


def test_open_map_snapshot_without_colour(snap_compare, placed_file, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    path, ids = placed_file
    _confirm(path, ids["events"])

    async def run(pilot):
        await settle(pilot, pilot.app)
        await pilot.press("M")
        await settle(pilot, pilot.app)
        pilot.app.screen.query_one("#map-since", Input).cursor_blink = False

    assert snap_compare(make_app(path), terminal_size=(80, 24), run_before=run)


def test_review_map_snapshot_without_colour(snap_compare, placed_file, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    path, _ids = placed_file

    async def run(pilot):
        await open_review(pilot, pilot.app)
        await pilot.press("g", "down")
        await settle(pilot, pilot.app)

    assert snap_compare(make_app(path), terminal_size=(80, 24), run_before=run)
