"""Confirm rules: the store refuses to confirm an incomplete event, the CLI and the TUI alike."""

from __future__ import annotations

import contextlib

import pytest
from click.testing import CliRunner
from tui_support import build_db, event_row, make_app, open_review, press, settle

from workbench.cli import main
from workbench.store import ConflictError, Store, StoreError
from workbench.store.checks import CheckError, broken, load_rules
from workbench.store.events import add_event, set_status, update_event

pytestmark = pytest.mark.backends


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "tui.db")
    return path, build_db(path)


def run(db, *args):
    return CliRunner().invoke(main, ["--db", db, "--analyst", "tester", *args])


def test_confirm_refuses_missing_required_fields_and_saves_nothing(db):
    path, ids = db
    with Store(path, analyst="tester") as store:
        event_id = add_event(store, ids["articles"][0], {"sub_event_type": "Attack"})
        actions = store.scalar("SELECT count(*) FROM actions")
        with pytest.raises(CheckError) as err:
            set_status(store, event_id, "confirmed")
        message = str(err.value)
        assert "\n" not in message
        assert "no event_date" in message and "no actor1" in message
        assert "no location or country" in message and "sub_event_type" not in message
        assert store.row("events", event_id)["status"] == "proposed"
        assert store.scalar("SELECT count(*) FROM actions") == actions  # nothing logged
        # Complete it: now it confirms.
        update_event(
            store,
            event_id,
            {"event_date": "2018-02-03", "actor1": "Free Syrian Army", "location": "Idlib"},
        )
        assert set_status(store, event_id, "confirmed")["status"] == "confirmed"


def test_a_stale_confirm_is_refused_naming_who_before_the_rules(db):
    """Someone else's change comes first: a confirm made on an older version is refused as
    stale, naming who, even when that change also broke a rule."""
    path, ids = db
    full = {"sub_event_type": "Attack", "event_date": "2018-02-03", "actor1": "Free Syrian Army",
            "location": "Idlib"}  # fmt: skip
    with Store(path, analyst="tester") as store, Store(path, analyst="bob") as bob:
        event_id = add_event(store, ids["articles"][0], full)
        seen = store.row("events", event_id)["version"]
        update_event(bob, event_id, {"actor1": ""})  # now it breaks a rule as well
        with pytest.raises(ConflictError, match="changed by bob"):
            set_status(store, event_id, "confirmed", expected_version=seen)
        assert store.row("events", event_id)["status"] == "proposed"


def test_date_after_the_article_is_refused_within_precision(db):
    path, ids = db
    a1 = ids["articles"][0]  # published 2018-02-05
    base = {"sub_event_type": "Attack", "actor1": "Islamic State", "location": "Idlib"}
    with Store(path, analyst="tester") as store:
        late = add_event(store, a1, {**base, "event_date": "2018-02-09"})
        with pytest.raises(CheckError, match="after the article was published"):
            set_status(store, late, "confirmed")
        # A day late is a time zone; a month-precision date in the article's month is fine.
        ok = add_event(store, a1, {**base, "event_date": "2018-02-06"})
        assert set_status(store, ok, "confirmed")["status"] == "confirmed"
        month = add_event(
            store, a1, {**base, "event_date": "2018-02-20", "date_precision": "month"}
        )
        assert set_status(store, month, "confirmed")["status"] == "confirmed"
        with pytest.raises(CheckError):
            add_event(store, a1, {**base, "event_date": "2018-03-20"}, status="confirmed")


def test_editing_a_confirmed_event_cannot_clear_a_required_field(db):
    """Bug 1: clearing the date of a confirmed event was accepted (empty event_date in export)."""
    path, ids = db
    e1 = ids["events"][0]
    with Store(path, analyst="tester") as store:
        set_status(store, e1, "confirmed")
        with pytest.raises(CheckError, match="no event_date"):
            update_event(store, e1, {"event_date": ""})
        assert store.row("events", e1)["event_date"] == "2018-02-03"
        # A proposed event may be incomplete: clearing is an edit like any other.
        e2 = ids["events"][1]
        assert update_event(store, e2, {"event_date": ""})["event_date"] is None


def test_project_rules_from_toml_and_events_check(db, tmp_path):
    path, ids = db
    e1, e2 = ids["events"][:2]
    with Store(path, analyst="tester") as store:
        set_status(store, e1, "confirmed")
        set_status(store, e2, "confirmed")
    # A rule added later: actor2 is required. Both confirmed events lack it.
    (tmp_path / "workbench.toml").write_text(
        '[confirm]\nrequired = ["event_date", "actor1", "actor2"]\n', encoding="utf-8"
    )
    with Store(path, analyst="tester") as store:
        assert load_rules(store).required == (("event_date",), ("actor1",), ("actor2",))
        assert [e for e, _ in broken(store)] == [e1, e2]
        e4 = ids["events"][3]
        with pytest.raises(CheckError, match="no actor2"):
            set_status(store, e4, "confirmed")
    result = run(path, "events", "check")
    assert result.exit_code == 1
    assert f"event {e1}: no actor2" in result.output
    assert "2 of 2 confirmed event(s) break a rule" in result.output
    refused = run(path, "events", "confirm", str(ids["events"][3]))
    assert refused.exit_code == 1 and "cannot be confirmed: no actor2" in refused.output
    (tmp_path / "workbench.toml").write_text('[confirm]\nrequired = ["colour"]\n')
    with Store(path, analyst="tester") as store, pytest.raises(StoreError, match="colour"):
        load_rules(store)
    (tmp_path / "workbench.toml").write_text('[confirm]\nrequired = ["event_date"]\n')
    assert run(path, "events", "check").exit_code == 0


def test_cli_add_full_iso_date_is_day_precision(db):
    """Bug 8: `events add --set event_date=2018-02-04` stored precision 'unknown'."""
    path, ids = db
    result = run(
        path, "events", "add", "--article", str(ids["articles"][0]),
        "--set", "event_date=2018-02-04", "--set", "sub_event_type=Attack",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    event_id = int(result.output.split()[-1])
    assert event_row(path, event_id)["date_precision"] == "day"


async def test_tui_confirm_refused_with_the_reason_and_stays_on_the_event(db):
    path, ids = db
    with Store(path, analyst="fixture") as store:
        update_event(store, ids["events"][1], {"actor1": ""})
    e2 = ids["events"][1]
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        await press(pilot, app, "down", "c")
        await settle(pilot, app)
        assert event_row(path, e2)["status"] == "proposed"
        assert app.screen.current.id == e2  # back on the refused event, to fix it
        assert app.screen.current.status == "proposed"
        notes = [n.message for n in app._notifications]
        assert any("cannot be confirmed: no actor1" in n for n in notes), notes


@contextlib.asynccontextmanager
async def reviewing_confirmed(path, event_id):
    """The review screen on a confirmed event: (pilot, app)."""
    with Store(path, analyst="fixture") as store:
        set_status(store, event_id, "confirmed")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_review(pilot, app)
        app.screen.select([e.id for e in app.screen.events].index(event_id))
        yield pilot, app


async def test_tui_edit_clearing_date_of_confirmed_event_is_refused(db):
    """Bug 1 through the edit form: the form stays open with the reason; nothing saved."""
    path, ids = db
    e1 = ids["events"][0]
    async with reviewing_confirmed(path, e1) as (pilot, app):
        await press(pilot, app, "e")
        app.screen.query_one("#f-event_date").value = ""
        await press(pilot, app, "ctrl+s")
        assert type(app.screen).__name__ == "EditEventScreen"
        assert "no event_date" in str(app.screen.query_one("#edit-error").render())
    assert event_row(path, e1)["event_date"] == "2018-02-03"


async def test_tui_clearing_the_date_by_keys_is_refused_on_a_confirmed_event(db):
    """Bug 1 as an analyst does it: the date's field key (the value selected), backspace,
    enter to save: refused with the reason; on a proposed event the same keys save (an
    incomplete proposal is allowed; confirming it is not)."""
    path, ids = db
    e1, e2 = ids["events"][:2]
    async with reviewing_confirmed(path, e1) as (pilot, app):
        await press(pilot, app, "1", "backspace", "enter")
        assert type(app.screen).__name__ == "EditEventScreen"
        assert "no event_date" in str(app.screen.query_one("#edit-error").render())
        await press(pilot, app, "escape")
        if type(app.screen).__name__ != "ReviewScreen":  # warned of the unsaved change
            await press(pilot, app, "escape")
        assert type(app.screen).__name__ == "ReviewScreen"
        app.screen.select([e.id for e in app.screen.events].index(e2))
        await press(pilot, app, "1", "backspace", "enter")
        assert event_row(path, e2)["event_date"] is None
        await press(pilot, app, "c")
        assert event_row(path, e2)["status"] == "proposed"
    assert event_row(path, e1)["event_date"] == "2018-02-03"


def test_geo_precision_follows_the_place_and_goes_with_it(tmp_path):
    from workbench.store import change
    from workbench.store.entities import create_entity

    with Store(str(tmp_path / "g.db"), analyst="tester") as store:
        with change(store, "places") as tx:
            create_entity(tx, "place", "Kafr Nabl", attrs={"type": "town", "country": "Syria"})
            create_entity(tx, "place", "Idlib Governorate", attrs={"type": "governorate"})
            create_entity(tx, "place", "Syria", attrs={"type": "country", "country": "Syria"})
        event_id = add_event(store, None, {"location": "Kafr Nabl"})
        assert store.row("events", event_id)["geo_precision"] == 1
        assert (
            update_event(store, event_id, {"location": "Idlib Governorate"})["geo_precision"] == 3
        )
        assert update_event(store, event_id, {"location": "Syria"})["geo_precision"] == 3
        assert update_event(store, event_id, {"location": ""})["geo_precision"] is None
        # Given explicitly, the analyst's value wins.
        row = update_event(store, event_id, {"location": "Kafr Nabl", "geo_precision": 2})
        assert row["geo_precision"] == 2
