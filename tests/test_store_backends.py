"""The backend split: parameter markers for psycopg, what differs per backend, and the
statements a server gets in one round trip."""

from __future__ import annotations

import pytest

from workbench.store import Store, StoreError
from workbench.store.backends import backend_for, is_postgres
from workbench.store.changes import Tx, write_action
from workbench.store.events import add_event, set_status

pytestmark = pytest.mark.backends


def test_markers_are_rewritten_outside_quotes_and_comments_only():
    pytest.importorskip("psycopg")
    from workbench.store.backends.pg_connection import convert

    sql, order, has = convert(
        "SELECT '?', \"a?\", x::text, ? -- why?\nFROM t WHERE a LIKE 'x%' AND b = :name"
    )
    assert sql == (
        "SELECT '?', \"a?\", x::text, %s -- why?\nFROM t WHERE a LIKE 'x%%' AND b = %(name)s"
    )
    assert has and order is None
    assert convert("SELECT ?2, ?1, ?1")[:2] == ("SELECT %s, %s, %s", (1, 0, 0))
    assert convert("SELECT 'it''s ?'")[2] is False  # no marker: sent as is, % untouched


def test_a_url_is_a_server_and_anything_else_a_file():
    assert is_postgres("postgresql://ann@db.example/workbench")
    assert is_postgres("postgres://ann@db.example/workbench")
    assert not is_postgres("postgresql.db")
    assert backend_for("team.db").NAME == "sqlite"


def test_the_password_never_shows_in_messages():
    pytest.importorskip("psycopg")
    from workbench.store.backends.pg_connection import describe

    assert describe("postgresql://ann:s3cret@db:5433/wb") == "postgresql://ann@db:5433/wb"


def test_floats_and_text_round_trip_exactly(db_path):
    store = Store(db_path, analyst="tester")
    eid = add_event(store, None, {"sub_event_type": "Attack", "confidence": 0.1})
    # 4-byte floats would give 0.10000000149011612 back, and undo compares exactly.
    assert store.row("events", eid)["confidence"] == 0.1
    assert store.scalar("SELECT confidence FROM events WHERE id = ?", [eid]) == 0.1
    assert store.scalar("SELECT 'a?b' || ? || '%'", ["?"]) == "a?b?%"


def test_search_needs_every_word_as_a_prefix(db_path):
    store = Store(db_path, analyst="tester")
    with store.write():
        for title, text in (("Strike", "Airstrikes hit Idlib"), ("Talks", "Ceasefire in Idlib")):
            store.conn.execute(
                "INSERT INTO articles (content_hash, file, title, text, ingested_at) "
                "VALUES (?, 'f.txt', ?, ?, 'now')",
                [title, title, text],
            )

    def found(*words):
        where = store.sql.article_search("a")
        return [r["title"] for r in store.query(
            f"SELECT title FROM articles a WHERE {where} ORDER BY id",
            [store.sql.search_param(list(words))],
        )]  # fmt: skip

    assert found("idl") == ["Strike", "Talks"]
    assert found("idlib", "air") == ["Strike"]
    assert found("IDLIB", "ceasefire") == ["Talks"]
    assert found("idlib", "nothing") == []


def test_nul_and_the_escape_character_round_trip_exactly(db_path):
    store = Store(db_path, analyst="tester")
    text = "a\x00b \ue000 \ue0000 \x00\x00 end"
    eid = add_event(store, None, {"sub_event_type": "Attack"})
    # Analysts' input is cleaned of NUL where it enters (base/untrusted.py), but a file
    # written before that, or by another tool, holds it, and `db copy` must carry it over.
    with store.write():
        store.conn.execute("UPDATE events SET notes = ? WHERE id = ?", [text, eid])
    assert store.row("events", eid)["notes"] == text
    assert store.scalar("SELECT notes FROM events WHERE notes = ?", [text]) == text
    with store.write():
        store.sql.bulk_insert(store.conn, "distinct_pairs", ["kind", "a", "b"], [[text, 1, 2]])
    assert store.scalar("SELECT kind FROM distinct_pairs") == text


def test_check_passes_a_sound_database_and_notes_control_characters(db_path):
    from click.testing import CliRunner

    from workbench.cli import main

    with Store(db_path, analyst="tester") as store:
        eid = add_event(store, None, {"sub_event_type": "Attack", "notes": "plain"})
    result = CliRunner().invoke(main, ["--db", db_path, "check"])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith(": ok") and "control" not in result.output
    with Store(db_path, analyst="tester") as store, store.write():  # another tool wrote it
        store.conn.execute("UPDATE events SET notes = ? WHERE id = ?", ["a\x1b[2Jb", eid])
    result = CliRunner().invoke(main, ["--db", db_path, "check"])
    assert result.exit_code == 0, result.output
    assert "1 text values hold control or bidi characters (events.notes (1))" in result.output


def test_events_flat_has_the_same_columns_on_both_backends(db_path, tmp_path):
    """Both views are generated from the record declaration (with each backend's JSON
    fragments): the same columns in the same order."""
    with Store(db_path) as here, Store(str(tmp_path / "file.db")) as file:
        columns = [
            [c[0] for c in s.conn.execute("SELECT * FROM events_flat WHERE 1 = 0").description]
            for s in (here, file)
        ]
    assert columns[0] == columns[1]


def _other_writer(db_path: str) -> Store:
    other = Store(db_path, analyst="bob")
    if other.is_postgres:  # a write lock left held fails the test instead of hanging it
        other.conn.execute("SET lock_timeout = '10s'")
    return other


def test_an_action_row_that_fails_leaves_nothing_written_and_the_lock_free(db_path):
    # On a server the action row goes to the server with the COMMIT, in one round trip
    # (pg_connection.defer): when it fails, the COMMIT must not run.
    store = Store(db_path, analyst="tester")
    eid = add_event(store, None, {"sub_event_type": "Armed clash"})
    actions = store.scalar("SELECT count(*) FROM actions")
    with pytest.raises(store.sql.INTEGRITY_ERRORS), store.write():
        tx = Tx(store, "edit-event")
        tx.update("events", eid, {"notes": "half"})
        write_action(store, tx, ref=10**9)  # no such action: its foreign key fails
    assert store.row("events", eid)["notes"] == ""
    assert store.scalar("SELECT count(*) FROM actions") == actions
    set_status(_other_writer(db_path), eid, "rejected")
    set_status(store, eid, "proposed", expected_version=2)
    assert store.row("events", eid)["version"] == 3


def test_a_write_whose_first_statement_fails_holds_no_lock(db_path):
    # On a server BEGIN and the write lock go with the first statement, in one round trip.
    store = Store(db_path, analyst="tester")
    eid = add_event(store, None, {"sub_event_type": "Armed clash"})
    with pytest.raises(StoreError), store.write():
        store.conn.execute("UPDATE no_such_table SET x = 1")
    assert not store.conn.in_transaction
    with pytest.raises(RuntimeError), store.write():  # before any statement went
        raise RuntimeError("the action changed its mind")
    assert not store.conn.in_transaction
    set_status(_other_writer(db_path), eid, "rejected")
    set_status(store, eid, "proposed", expected_version=2)
    assert store.row("events", eid)["version"] == 3


def test_an_edit_resolves_names_as_find_entity_does(db_path):
    """The names an edit gives are looked up with its locks (entities.find_many_later):
    an alias of a merged entity is its survivor, a place's kind sets the geo precision, a
    new name is created once however often the edit names it, case and spacing aside."""
    from workbench.resolve.curate import merge_entities
    from workbench.store import change
    from workbench.store.entities import create_entity, find_entity
    from workbench.store.events import update_event

    store = Store(db_path, analyst="tester")
    with change(store, "setup") as tx:
        kept = create_entity(tx, "actor", "Syrian Army")
        gone = create_entity(tx, "actor", "Assad forces")
        town = create_entity(tx, "place", "Kafranbil", attrs={"type": "town"})
        province = create_entity(tx, "place", "Idlib", attrs={"type": "province"})
    merge_entities(store, [kept, gone])
    eid = add_event(store, None, {"sub_event_type": "Attack"})
    row = update_event(store, eid, {"actor1": "assad  FORCES", "location": "Kafranbil"})
    assert (row["actor1_id"], row["place_id"], row["geo_precision"]) == (kept, town, 1)
    assert find_entity(store, "actor", "Assad forces") == kept
    row = update_event(store, eid, {"location": " idlib ", "assoc_actor_1": "Syrian Army; x"})
    assert (row["place_id"], row["geo_precision"]) == (province, 3)
    new_names = {"actor1": "New Brigade", "actor2": "new brigade", "assoc_actor_2": ["NEW brigade"]}
    row = update_event(store, eid, new_names)
    new = find_entity(store, "actor", "New Brigade")
    assert row["actor1_id"] == row["actor2_id"] == new
    assert row["assoc_actor_2"] == f"[{new}]"
    assert store.scalar("SELECT COUNT(*) FROM aliases WHERE norm = 'new brigade'") == 1
