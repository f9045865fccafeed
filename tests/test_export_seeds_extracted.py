"""Every format on the seeds after extraction and a scripted review of its proposals.

The extractor's output may change, so the assertions derive expectations from the database
(entity attributes, the country table), not from what the extractor found this time.
"""

from __future__ import annotations

import json

import pytest
from export_helpers import csv_rows, export_text, jsonl_records

from workbench.base.actors import inter_code
from workbench.base.countries import country_info
from workbench.seeds import ingest_seeds
from workbench.store import Store
from workbench.store.checks import problems
from workbench.store.entities import entity_attrs
from workbench.store.events import set_status, update_event

pytestmark = pytest.mark.backends  # the store on a SQLite file and a PostgreSQL server


@pytest.fixture
def reviewed(store):
    """Extract the seeds; confirm proposals with a place that pass the confirm rules, reject
    the rest, fix one count."""
    ingest_seeds(store)
    proposals = store.query("SELECT * FROM events WHERE status = 'proposed' ORDER BY id")
    assert len(proposals) >= 2, "the extractor proposes too few events on the seeds to review"
    confirmed = []
    for event in proposals:
        if event["place_id"] is not None and not problems(store, event):
            set_status(store, event["id"], "confirmed")
            confirmed.append(event["id"])
        else:
            set_status(store, event["id"], "rejected")
    if confirmed:
        update_event(store, confirmed[0], {"fatalities": 7, "notes": "Checked by hand."})
    return store, confirmed


def test_csv_values_follow_the_entities(reviewed, tmp_path):
    store, confirmed = reviewed
    rows = csv_rows(store, tmp_path)
    assert [int(r["event_id"]) for r in rows] == confirmed
    for row in rows:
        event = store.row("events", int(row["event_id"]))
        for n in (1, 2):
            actor = event[f"actor{n}_id"]
            code = inter_code(entity_attrs(store, actor)) if actor else None
            assert row[f"inter{n}"] == ("" if code is None else str(code))
        place = entity_attrs(store, event["place_id"])
        known = country_info(place.get("country"))
        assert row["iso"] == (str(known.iso) if known else "")
        assert row["event_id_cnty"] == (f"{known.iso3}{event['id']}" if known else "")
        assert row["latitude"] == ("" if place.get("latitude") is None else str(place["latitude"]))
        targeted = event["event_type"] == "Violence against civilians" or (
            event["event_type"] == "Explosions/Remote violence" and row["inter2"] == "7"
        )
        assert (row["civilian_targeting"] == "Civilian targeting") == targeted
    if confirmed:
        first = next(r for r in rows if int(r["event_id"]) == confirmed[0])
        assert (first["fatalities"], first["notes"]) == ("7", "Checked by hand.")


def test_all_formats_agree(reviewed, tmp_path):
    store, confirmed = reviewed
    records = jsonl_records(store, tmp_path)
    assert [r["event_id"] for r in records] == confirmed
    collection = json.loads(export_text(store, "geojson", tmp_path))
    located = [r for r in records if r["latitude"] is not None and r["longitude"] is not None]
    assert [f["properties"] for f in collection["features"]] == located
    view = store.query("SELECT * FROM events_flat WHERE status = 'confirmed' ORDER BY event_id")
    for row in view:
        for name in ("assoc_actor_1", "assoc_actor_2", "sources"):
            row[name] = json.loads(row[name])
    assert view == records


def test_round_trip_of_the_reviewed_seeds(reviewed, tmp_path):
    from workbench.export.importer import import_file

    store, _ = reviewed
    path = tmp_path / "reviewed.jsonl"
    path.write_text(export_text(store, "jsonl", tmp_path, status="all"))
    original = jsonl_records(store, tmp_path, status="all")
    with Store(str(tmp_path / "other.db")) as other:
        ingest_seeds(other, extract=False)
        report = import_file(other, str(path))
        assert report.added == len(original) and report.articles_stubbed == 0
        again = jsonl_records(other, tmp_path, status="all")

    def comparable(record):
        record = {k: v for k, v in record.items() if k != "event_id"}
        record["sources"] = [
            {k: v for k, v in s.items() if k != "article_id"} for s in record["sources"]
        ]
        return record

    assert [comparable(r) for r in again] == [comparable(r) for r in original]
