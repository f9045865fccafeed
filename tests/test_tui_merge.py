"""Pilot tests: a merge inside an article shows both events side by side before it merges;
the footer counts follow a merge on the duplicates screen (issue 13, bug 3); the help says
how the two-step merge key works. The merges run on both backends (a SQLite file and the
session's PostgreSQL server); the help and the layout of the names screen on a file."""

from __future__ import annotations

import re

import pytest
from tui_support import build_db, make_app, open_review, press, screen_text, settle

from workbench.store import Store
from workbench.store.events import add_event


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def row(path: str, event_id: int) -> dict:
    with Store(path, analyst="checker") as store:
        return store.row("events", event_id)


@pytest.mark.backends
async def test_merge_shows_both_events_side_by_side_before_merging(db_path):
    path = db_path
    ids = build_db(path)
    e1, e2, e3, _ = ids["events"]
    app = make_app(path)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "m")  # keep the first event
        assert "Merge:" not in screen_text(app)
        await press(pilot, app, "down", "down")  # the duplicate: e3, same quote, type differs
        text = screen_text(app)
        assert f"KEEP {e1}" in text and f"merge {e3}" in text
        assert "≠ sub-type" in text and "≠ killed" in text and "Shelling/artillery/m" in text
        assert "Attack" in text and text.count("“Assad forces shelled") == 2  # both quotes
        assert row(path, e3)["status"] == "proposed"  # nothing merged yet
        await press(pilot, app, "up")  # another event: it is shown beside the kept one
        assert f"merge {e2}" in screen_text(app)
        await press(pilot, app, "down", "m")
        assert "KEEP" not in screen_text(app)  # merged: the panel shows one event again
    assert (row(path, e3)["status"], row(path, e3)["merged_into"]) == ("merged", e1)
    assert row(path, e2)["status"] == "proposed"


@pytest.mark.backends
async def test_footer_counts_follow_a_merge_on_the_duplicates_screen(db_path):
    path = db_path
    ids = build_db(path)
    with Store(path, analyst="fixture") as store:
        text = store.scalar("SELECT text FROM articles WHERE id = ?", [ids["articles"][1]])
        quote = "Residents fled the area."
        start = text.index(quote)
        values = {"event_date": "2018-02-03", "date_precision": "day",
                  "sub_event_type": "Shelling/artillery/missile attack",
                  "actor1": "Syrian government forces", "location": "Kafranbil"}  # fmt: skip
        add_event(store, ids["articles"][1], values, quote=quote, start=start,
                  end=start + len(quote), origin="extractor")  # fmt: skip
    app = make_app(path)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(pilot, app)
        assert "·5 proposed" in screen_text(app)
        await press(pilot, app, "D")
        assert type(app.screen).__name__ == "DuplicatesScreen" and app.screen.pairs
        await press(pilot, app, "m")
        await press(pilot, app, "escape")
        assert type(app.screen).__name__ == "ReviewScreen"
        assert "·4 proposed" in screen_text(app)


async def test_help_explains_the_two_step_merge(tmp_path):
    path = str(tmp_path / "h.db")
    build_db(path)
    app = make_app(path)
    async with app.run_test(size=(120, 80)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "question_mark")
        text = " ".join(screen_text(app).split())
        assert "Merge takes two presses: m on the event to keep" in text
        await settle(pilot, app)


async def test_names_columns_keep_their_widths_after_another_screen(tmp_path):
    # Bug 5: the Actors & places columns collapsed to their labels' 4 characters after
    # another screen now and then. Fixed widths, the name taking what the pane has left.
    from textual.widgets import DataTable
    from textual.widgets.data_table import ColumnKey

    path = str(tmp_path / "n.db")
    build_db(path)
    app = make_app(path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "N")
        names = app.screen
        table = names.query_one("#entities", DataTable)

        def name_width() -> int:
            return table.columns[ColumnKey("name")].get_render_width(table)

        wide = name_width()
        assert wide >= len("Syrian government forces") + 2
        await press(pilot, app, "D")
        names.reload()  # reloaded while another screen is on top
        await settle(pilot, app)
        await press(pilot, app, "escape")
        assert name_width() == wide and "Syrian government forces" in screen_text(app)
        await pilot.resize_terminal(100, 30)
        await settle(pilot, app)
        assert len("Syrian gov") < name_width() < wide  # the pane is narrower: so is the name
        await pilot.resize_terminal(160, 40)
        await settle(pilot, app)
        assert name_width() == wide


async def test_names_columns_all_show_at_80_columns(tmp_path):
    # Bug 5 as seen in tmux at 80x24 before the widths were fixed: the names collapsed to
    # 4 characters ("Idli"), or the name column took the whole pane and pushed the count and
    # type out of sight on the next visit.
    from textual.widgets import DataTable

    path = str(tmp_path / "n80.db")
    build_db(path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        for _ in range(2):  # opened, closed, opened again
            await press(pilot, app, "N")
            await settle(pilot, app)
            header = screen_text(app).splitlines()[2]
            assert len(re.findall(r"\bcount\b", header)) == 2, header  # both panes' counts
            for table_id in ("#clusters", "#entities"):
                table = app.screen.query_one(table_id, DataTable)
                (name,) = [c for c in table.columns.values() if c.label.plain == "name"]
                width = name.get_render_width(table)
                assert 12 <= width <= 40, (table_id, width)
            await press(pilot, app, "escape")
