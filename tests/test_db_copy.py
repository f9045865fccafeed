"""`workbench db copy`: SQLite -> PostgreSQL -> SQLite keeps every row, the undo state and
the export byte for byte; on a server each analyst is their database role."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from export_helpers import curate, export_text

from workbench.cli import main
from workbench.store import Store, redo, undo
from workbench.store.copy import TABLES
from workbench.store.events import add_event, update_event
from workbench.store.models import cache_vectors, save_model


def _copy(src: str, dst: str) -> str:
    result = CliRunner().invoke(main, ["db", "copy", src, dst])
    assert result.exit_code == 0, result.output
    return result.output


def _dump(store: Store) -> dict[str, list[tuple]]:
    order = {
        "action_targets": "action_id, target",
        "id_sequence": "name",
        "learned_models": "kind",
        "learned_vectors": "key",
        "event_odds": "event_id",
        "article_odds": "article_id",
    }
    return {
        t: [tuple(r) for r in store.conn.execute(f'SELECT * FROM "{t}" ORDER BY {order.get(t, "id")}')]
        for t in TABLES
    }  # fmt: skip


def test_round_trip_through_a_server_keeps_rows_undo_state_and_export(tmp_path, pg_cluster):
    first = str(tmp_path / "first.db")
    with Store(first, analyst="tester") as store:
        ids = curate(store)
        update_event(
            store,
            ids["strike"],
            {"notes": "quote \u00e9\t\u201cq\u201d \x00 nul", "confidence": 0.1},
        )
        undo(store)  # an undone action: redo must still find it after the copies
        with store.write():  # text from before input was cleaned of NUL (or another tool)
            store.conn.execute(
                "UPDATE events SET notes = ? WHERE id = ?", ["old \x00 note", ids["clash"]]
            )
        save_model(store, "types", b"\x00model\xff", examples=3, decisions=2, meta={"k": 1})
        cache_vectors(store, [("v1", b"\x00\x01\xfe")])
        before = export_text(store, "csv", tmp_path, status="all")
        rows = _dump(store)
    server = pg_cluster.new_database()
    out = _copy(first, server)
    assert "events" in out and "actions" in out
    back = str(tmp_path / "back.db")
    _copy(server, back)
    with Store(back, analyst="tester") as store:
        assert _dump(store) == rows  # every table, ids and floats included
        assert export_text(store, "csv", tmp_path, status="all") == before
    with Store(server, analyst="tester") as store:
        assert export_text(store, "csv", tmp_path, status="all") == before
        assert redo(store).action == "edit-event"  # the undo stack came along
        assert store.row("events", ids["strike"])["confidence"] == 0.1
        new = update_event(store, ids["clash"], {"notes": "after the copy"})
        assert new["version"] > 1  # the server's id sequences continue past the copied rows


def test_copy_refuses_a_database_that_has_data(tmp_path):
    src, dst = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    for path in (src, dst):
        with Store(path) as store:
            curate(store)
    result = CliRunner().invoke(main, ["db", "copy", src, dst])
    assert result.exit_code == 1
    assert "is not empty (articles has rows)" in result.output


def _readme_sql() -> list[str]:
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = text.split("```sql\n", 1)[1].split("```", 1)[0]
    return [s.strip() for s in block.split(";\n") if s.strip()]


def test_each_analyst_is_their_role_set_up_as_the_readme_says(pg_cluster, monkeypatch):
    import psycopg

    url = pg_cluster.new_database(template=pg_cluster.template())
    with psycopg.connect(url, autocommit=True) as admin:
        for statement in _readme_sql():  # the README's set-up, as written
            admin.execute(statement.replace("'change-me'", "'pw'").replace("ann", "ann_x"))
    ann = url.replace("postgres@", "ann_x:pw@")
    monkeypatch.setenv("WORKBENCH_ANALYST", "bob")  # a name ann would like to act under
    with Store(ann) as store:
        assert store.analyst == "ann_x"
        event_id = add_event(store, None, {"sub_event_type": "Attack"})
        assert store.scalar("SELECT analyst FROM actions ORDER BY id DESC LIMIT 1") == "ann_x"
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            store.conn.execute("UPDATE actions SET analyst = 'bob'")
        assert undo(store).ref  # her own undo stack is found under her role
        assert store.row("events", event_id) is None
    with Store(url, analyst="admin") as store:  # the owner of the tables writes any name
        add_event(store, None, {"sub_event_type": "Attack"})
        assert store.scalar("SELECT analyst FROM actions ORDER BY id DESC LIMIT 1") == "admin"
