"""GeoJSON export: a valid FeatureCollection of the events that have coordinates."""

from __future__ import annotations

import json

import pytest
from export_helpers import curate, export_text, jsonl_records

from workbench.export import export_to_file
from workbench.export.geojson import point

pytestmark = pytest.mark.backends  # the store on a SQLite file and a PostgreSQL server


def test_feature_collection_of_located_events(store, tmp_path):
    ids = curate(store)
    collection = json.loads(export_text(store, "geojson", tmp_path, status="all"))
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    features = collection["features"]
    located = [ids["strike"], ids["clash"], ids["congo"]]  # "Somewhere" has no coordinates
    assert [f["id"] for f in features] == located
    records = {r["event_id"]: r for r in jsonl_records(store, tmp_path, status="all")}
    for feature in features:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]  # RFC 7946: longitude first
        props = feature["properties"]
        assert (lon, lat) == (props["longitude"], props["latitude"])
        assert props == records[feature["id"]]  # properties are the JSONL record
    congo = next(f for f in features if f["id"] == ids["congo"])
    assert congo["geometry"]["coordinates"] == [15.3125, -4.3217]


def test_count_and_empty_collection(store, tmp_path):
    curate(store)
    out = tmp_path / "none.geojson"
    assert export_to_file(store, str(out), "geojson", status="rejected") == 0
    assert json.loads(out.read_text()) == {"type": "FeatureCollection", "features": []}
    assert export_to_file(store, str(out), "geojson") == 3


def test_point_rejects_what_is_not_a_coordinate():
    assert point(35.9, 36.6) == [36.6, 35.9]
    assert point("-4.3", "15.3") == [15.3, -4.3]
    for lat, lon in [(None, 1), (91, 0), (0, 181), ("x", 1), (float("nan"), 1), (True, 1)]:
        assert point(lat, lon) is None
