"""Pilot tests of the names and duplicates screens: press keys, assert on the database. The
tests that change names, events and pairs run on both backends (a SQLite file and the
session's PostgreSQL server); those of what the screens show, on a file."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path

import pytest
from names_fixtures import article, mention
from textual.widgets import DataTable, Input, OptionList
from textual.worker import WorkerCancelled
from tui_support import screen_text

import workbench.tui.app
from workbench.store import Store, change
from workbench.store.entities import create_entity, find_entity
from workbench.store.events import add_event
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.duplicates import DuplicatesScreen
from workbench.tui.screens.names import NamesScreen

A1 = (
    "Syrian President Bashar Assad ordered strikes on Kafranbil on Feb. 3, killing 6. "
    "Bashar al-Assad denied it. The Free Idlib Army [@click=app.quit]said[/] it fought back."
)
A2 = "Warplanes hit Kafr Nabl on Feb. 4, killing 6 civilians, the FIA said."


@pytest.fixture
def db(db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = db_path
    store = Store(path, analyst="fixture")
    a1, a2 = article(store, A1, "a1.txt"), article(store, A2, "a2.txt")
    with change(store, "fixture") as tx:
        ids = {
            "full": create_entity(tx, "actor", "Bashar al-Assad", origin="extracted"),
            "titled": create_entity(tx, "actor", "Syrian President Bashar Assad", origin="extracted"),
            "fia": create_entity(tx, "actor", "Free Idlib Army", aliases=["FIA"], origin="extracted"),
            "town": create_entity(tx, "place", "Kafranbil", origin="extracted"),
            "town2": create_entity(tx, "place", "Kafr Nabl", origin="extracted"),
        }  # fmt: skip
    mention(store, a1, "Bashar al-Assad", ids["full"], "actor")
    mention(store, a1, "Syrian President Bashar Assad", ids["titled"], "actor")
    mention(store, a1, "Kafranbil", ids["town"], "place")
    mention(store, a2, "Kafr Nabl", ids["town2"], "place")
    mention(store, a1, "Free Idlib Army", ids["fia"], "actor")
    mention(store, a2, "FIA", ids["fia"], "actor")
    common = {"sub_event_type": "Air/drone strike", "date_precision": "day", "fatalities": "6"}
    ids["e1"] = add_event(store, a1, {**common, "event_date": "2018-02-03", "location": "Kafranbil",
                                      "actor1": "Syrian President Bashar Assad"},
                          quote="ordered strikes on Kafranbil on Feb. 3, killing 6")  # fmt: skip
    ids["e2"] = add_event(store, a2, {**common, "event_date": "2018-02-04", "location": "Kafr Nabl",
                                      "actor2": "FIA"},
                          quote="Warplanes hit Kafr Nabl [bold]on[/bold] Feb. 4")  # fmt: skip
    store.close()
    return path, ids


def q(path, sql, params=()):
    with Store(path, analyst="checker") as store:
        return store.query(sql, params)


def entity(path, entity_id):
    with Store(path, analyst="checker") as store:
        return store.row("entities", entity_id)


class Host(WorkbenchApp):
    """The workbench app opened straight on one screen (whose changes go through the app's
    writer, as every screen's do)."""

    CSS_PATH = str(Path(workbench.tui.app.__file__).with_name("app.tcss"))

    def __init__(self, screen):
        super().__init__(screen.store.path, analyst="tester", animations=False)
        self.first = screen

    def on_mount(self) -> None:
        super().on_mount()  # the queue first, as the app opens
        self.call_after_refresh(self.push_screen, self.first)


async def settle(pilot, app, rounds: int = 3) -> None:
    for _ in range(rounds):
        await pilot.pause()
        wait = getattr(app, "wait_for_writes", None)
        if wait is not None:
            await wait()
        await app.wait_for_background()  # started on a timer after the first page
        for worker in list(app.workers):
            if worker.group not in ("writer", "live") and not worker.is_finished:
                with contextlib.suppress(WorkerCancelled):  # a newer reload replaced it
                    await worker.wait()
        await pilot.pause()
        await asyncio.sleep(0.01)


async def goto(pilot, screen, table_id: str, name: str) -> None:
    """Focus a table and move its cursor to the row naming `name`."""
    table = screen.query_one(f"#{table_id}", DataTable)
    table.focus()
    rows = screen.cluster_rows if table_id == "clusters" else screen.entity_rows
    index = next(i for i, r in enumerate(rows) if r.name == name)
    table.move_cursor(row=index, animate=False)
    await pilot.pause()


@pytest.mark.backends
async def test_merge_into_the_chosen_name_and_undo(db):
    from tui_support import make_app

    path, ids = db
    app = make_app(path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("N")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, NamesScreen)
        names = {r.name for r in screen.cluster_rows}
        assert {
            "Bashar al-Assad",
            "Syrian President Bashar Assad",
            "Kafranbil",
            "Kafr Nabl",
        } <= names
        await goto(pilot, screen, "clusters", "Bashar al-Assad")
        await pilot.press("m")
        await settle(pilot, app)
        assert entity(path, ids["titled"])["merged_into"] == ids["full"]
        assert (
            q(path, "SELECT actor1_id FROM events WHERE id = ?", [ids["e1"]])[0]["actor1_id"]
            == ids["full"]
        )
        assert "Syrian President Bashar Assad" not in {r.name for r in screen.cluster_rows}
        await pilot.press("u")
        await settle(pilot, app)
        assert entity(path, ids["titled"])["merged_into"] is None
        assert (
            q(path, "SELECT actor1_id FROM events WHERE id = ?", [ids["e1"]])[0]["actor1_id"]
            == ids["titled"]
        )
        assert "Syrian President Bashar Assad" in {r.name for r in app.screen.cluster_rows}


@pytest.mark.backends
async def test_exclude_rename_split_and_edit(db):
    path, ids = db
    app = Host(NamesScreen(path))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        # Exclude: the place pair is no longer suggested, and stays out.
        await goto(pilot, screen, "clusters", "Kafr Nabl")
        await pilot.press("x")
        await settle(pilot, app)
        a, b = sorted((ids["town"], ids["town2"]))
        assert q(path, "SELECT * FROM distinct_pairs WHERE kind='entity' AND a=? AND b=?", [a, b])
        assert "Kafr Nabl" not in {r.name for r in screen.cluster_rows}

        # Rename from the entities table.
        await goto(pilot, screen, "entities", "Free Idlib Army")
        await pilot.press("n")
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.value = ""
        await pilot.press(*"Free Idlib Army (FIA)", "enter")
        await settle(pilot, app)
        assert entity(path, ids["fia"])["canonical"] == "Free Idlib Army (FIA)"

        # Split the alias "FIA" back out: the mention written that way goes with it.
        await goto(pilot, screen, "entities", "Free Idlib Army (FIA)")
        await pilot.press("s")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        choices = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        options.highlighted = choices.index("FIA")
        await pilot.press("enter")
        await settle(pilot, app)
        with Store(path) as store:
            new_id = find_entity(store, "actor", "FIA")
        assert new_id not in (None, ids["fia"])
        assert (
            q(path, "SELECT entity_id FROM mentions WHERE text = 'FIA'")[0]["entity_id"] == new_id
        )
        assert (
            q(path, "SELECT actor2_id FROM events WHERE id = ?", [ids["e2"]])[0]["actor2_id"]
            == new_id
        )

        # Edit a place's coordinates.
        await goto(pilot, screen, "entities", "Kafranbil")
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#attr-latitude", Input).value = "35.65"
        dialog.query_one("#attr-longitude", Input).value = "36.56"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        attrs = json.loads(entity(path, ids["town"])["attrs"])
        assert attrs == {"latitude": 35.65, "longitude": 36.56}

        # A bad value is refused with a message; nothing is written.
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#attr-latitude", Input).value = "95"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert json.loads(entity(path, ids["town"])["attrs"])["latitude"] == 35.65
    actions = [
        r["action"]
        for r in q(path, "SELECT action FROM actions WHERE analyst != 'fixture' AND undoable = 1")
    ]
    assert actions == ["exclude-name", "rename-entity", "split-alias", "edit-entity"], actions


async def test_examples_show_article_text_literally(db):
    path, ids = db
    app = Host(NamesScreen(path))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        await goto(pilot, app.screen, "entities", "Free Idlib Army")
        await settle(pilot, app)
        shown = str(app.screen.query_one("#examples").render())
        assert "[@click=app.quit]said[/]" in shown  # markup in an article stays text
        assert app.is_running


@pytest.mark.backends
async def test_duplicates_merge_and_distinct(db):
    path, ids = db
    app = Host(DuplicatesScreen(path))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        # Kafranbil and Kafr Nabl are different entities until merged: no shared place yet.
        assert screen.pairs == []
    with Store(path, analyst="tester") as store:
        from workbench.resolve import merge_entities

        merge_entities(store, [ids["town"], ids["town2"]])
    app = Host(DuplicatesScreen(path))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        screen = app.screen
        assert len(screen.pairs) == 1
        shown = screen_text(app)
        assert "ordered strikes on Kafranbil" in shown
        assert "[bold]on[/bold]" in shown  # quotes are shown as text
        # The pair as the review screen's merge shows it: one row per field, differences
        # marked ≠, each side's article.
        keep, other = screen.pairs[0].a["event_id"], screen.pairs[0].b["event_id"]
        assert f"Merge: m merges event {other} into event {keep}" in shown
        assert f"KEEP {keep}" in shown and f"merge {other}" in shown
        assert "article" in shown and "x: not duplicates" in shown
        await pilot.press("s")  # keep the other one instead
        assert screen.pairs[0].a["event_id"] != keep
        assert f"KEEP {other}" in screen_text(app)
        keep, other = screen.pairs[0].a["event_id"], screen.pairs[0].b["event_id"]
        await pilot.press("m")
        await settle(pilot, app)
        assert q(path, "SELECT status, merged_into FROM events WHERE id = ?", [other]) == [
            {"status": "merged", "merged_into": keep}
        ]
        assert len(q(path, "SELECT * FROM event_sources WHERE event_id = ?", [keep])) == 2
        assert screen.pairs == []


@pytest.mark.backends
async def test_mark_distinct_is_remembered(db):
    path, ids = db
    with Store(path, analyst="tester") as store:
        from workbench.resolve import merge_entities

        merge_entities(store, [ids["town"], ids["town2"]])
    app = Host(DuplicatesScreen(path))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("x")
        await settle(pilot, app)
        assert app.screen.pairs == []
    lo, hi = sorted((ids["e1"], ids["e2"]))
    assert q(path, "SELECT a, b FROM distinct_pairs WHERE kind = 'event'") == [{"a": lo, "b": hi}]


@pytest.mark.backends
async def test_unplaced_places_listed_and_placed_in_one_pass(db):
    """`f` cycles to the places without coordinates, most mentioned first; setting one's
    coordinates (`e`) writes them and takes it off the list."""
    from tui_support import make_app

    path, ids = db
    with Store(path, analyst="fixture") as store, change(store, "fixture") as tx:
        placed = create_entity(tx, "place", "Idlib", attrs={"latitude": 35.9, "longitude": 36.6})
    app = make_app(path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("N")
        await settle(pilot, app)
        screen = app.screen
        for _ in range(3):
            await pilot.press("f")
            await settle(pilot, app)
        assert screen.kind == "unplaced"
        assert {r.name for r in screen.entity_rows} == {"Kafranbil", "Kafr Nabl"}
        assert "places without coordinates" in str(screen.query_one("#names-head").render())
        await goto(pilot, screen, "entities", "Kafranbil")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#attr-latitude", Input).value = "35.65"
        app.screen.query_one("#attr-longitude", Input).value = "36.56"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert json.loads(entity(path, ids["town"])["attrs"])["latitude"] == 35.65
        assert [r.name for r in screen.entity_rows] == ["Kafr Nabl"]
    assert json.loads(entity(path, placed)["attrs"])["latitude"] == 35.9


@pytest.mark.parametrize(("key", "screen_type"), [("N", NamesScreen), ("D", DuplicatesScreen)])
async def test_a_load_that_ends_after_its_screen_closed_is_dropped(db, key, screen_type):
    # Under load the screen's load finished after escape had closed it: filling the removed
    # widgets raised NoMatches in the worker and the app died (bench/hostile).
    from tui_support import make_app

    path, _ = db
    app = make_app(path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press(key)
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, screen_type)
        await pilot.press("escape")
        await settle(pilot, app)
        assert screen not in app.screen_stack
        late = (screen._fill, [], [], 0, {}) if screen_type is NamesScreen else (screen._fill, [])
        done = asyncio.Event()
        # As a worker would: from another thread, once the screen is gone.
        await asyncio.to_thread(screen.deliver, lambda: (late[0](*late[1:]), done.set()))
        await pilot.pause()
        assert not done.is_set()  # dropped, not run on the removed widgets
        assert app.is_running and app.return_code is None
