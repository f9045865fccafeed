"""Datasette: the events_flat view equals the JSONL export; metadata describes the tables."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from export_helpers import curate, jsonl_records

from workbench.cli import main
from workbench.export.datasette import datasette_metadata
from workbench.export.synthetic import bulk_events
from workbench.store import change
from workbench.store.record import RECORD_FIELDS

LISTS = ("assoc_actor_1", "assoc_actor_2", "sources")


def view_rows(store):
    rows = store.query("SELECT * FROM events_flat ORDER BY event_id")
    for row in rows:
        for name in LISTS:
            row[name] = json.loads(row[name])
    return rows


# The view is generated from the record on both backends (JSON fragments per backend).
@pytest.mark.backends
def test_view_rows_equal_jsonl_export(store, tmp_path):
    curate(store)
    # Entity merges are followed in both: Idlib merged into a new survivor.
    with change(store, "merge-places") as tx:
        from workbench.store.entities import create_entity, find_entity

        survivor = create_entity(tx, "place", "Idlib city", attrs={"country": "Syria"})
        tx.update("entities", find_entity(store, "place", "Idlib"), {"merged_into": survivor})
    records = jsonl_records(store, tmp_path, status="all")
    rows = view_rows(store)
    assert [list(r) for r in rows] == [list(RECORD_FIELDS)] * len(records)
    assert rows == records
    assert any(r["location"] == "Idlib city" for r in rows)


@pytest.mark.backends
def test_view_equals_jsonl_on_bulk_data(store, tmp_path):
    bulk_events(store, 600)
    assert view_rows(store) == jsonl_records(store, tmp_path, status="all")


def test_metadata_describes_tables_and_columns(store):
    curate(store)
    meta = datasette_metadata(store)
    tables = meta["databases"]["test"]["tables"]  # named after the file, as Datasette does
    for name in ("events_flat", "events", "event_sources", "articles", "entities", "aliases"):
        columns = [c[1] for c in store.conn.execute(f"PRAGMA table_info([{name}])")]
        assert tables[name]["description"]
        missing = set(columns) - set(tables[name]["columns"])
        assert not missing, f"{name}: undocumented columns {sorted(missing)}"
    assert tables["entities"]["label_column"] == "canonical"
    assert tables["articles_fts"] == {"hidden": True}


def test_cli_writes_metadata_file(store, db_path, tmp_path):
    out = tmp_path / "metadata.json"
    result = CliRunner().invoke(main, ["--db", db_path, "export", "--format",
                                       "datasette-metadata", "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    meta = json.loads(out.read_text())
    assert "events_flat" in meta["databases"]["test"]["tables"]
    assert "tables described" in result.output
