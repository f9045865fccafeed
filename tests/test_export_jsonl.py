"""JSONL export: DESIGN's record with provenance, filters, and the fast encoder's equality."""

from __future__ import annotations

import json

import pytest
from export_helpers import curate, export_text, jsonl_records

from workbench.base.untrusted import json_text
from workbench.export import RECORD_FIELDS, iter_records
from workbench.export.jsonl import JsonLines
from workbench.export.records import EntityCache, EventFilter, iter_rows, to_record
from workbench.export.run import date_bound
from workbench.store import Store, change
from workbench.store.record import SOURCE_FIELDS

pytestmark = pytest.mark.backends  # the store on a SQLite file and a PostgreSQL server


@pytest.fixture
def file_store(tmp_path):
    """A SQLite file's store, for what only a file has (its query planner)."""
    with Store(str(tmp_path / "file.db"), analyst="tester") as store:
        yield store


@pytest.fixture
def curated(store):
    return store, curate(store)


def test_record_fields_and_provenance(curated, tmp_path):
    store, ids = curated
    records = {r["event_id"]: r for r in jsonl_records(store, tmp_path)}
    strike = records[ids["strike"]]
    assert list(strike) == list(RECORD_FIELDS)
    assert strike["status"] == "confirmed" and strike["confirmed_by"] == "tester"
    assert strike["confirmed_at"].endswith("Z")
    assert strike["assoc_actor_1"] == [] and strike["actor2"] == "Civilians (Syria)"
    assert (strike["latitude"], strike["longitude"]) == (35.9306, 36.6339)
    assert (strike["fatalities"], strike["fatalities_low"], strike["fatalities_high"]) == (
        21,
        21,
        30,
    )
    assert len(strike["sources"]) == 2
    for source in strike["sources"]:
        assert list(source) == list(SOURCE_FIELDS)
        article = store.row("articles", source["article_id"])
        assert source["title"] == article["title"] and source["url"] == article["url"]
        assert source["published"] == article["published"]
        assert source["file"] == article["file"] and source["outlet"] == article["outlet"]
        assert source["content_hash"] == article["content_hash"]
        assert article["text"][source["start"] : source["end"]] == source["quote"]
    assert strike["sources"][0]["published"] == "2018-02-05"
    clash = records[ids["clash"]]
    assert clash["assoc_actor_1"] == ["Free Syrian Army", "Syrian National Army"]
    assert clash["date_precision"] == "week" and clash["fatalities"] is None


def test_filters(curated, tmp_path):
    store, ids = curated

    def ids_of(**filters):
        return [r["event_id"] for r in jsonl_records(store, tmp_path, **filters)]

    assert ids_of(status="proposed") == [ids["attack"]]
    assert ids_of(status="rejected") == [ids["wrong"]]
    assert ids_of(status="all", since="2018") == [ids["strike"], ids["clash"]]
    assert ids_of(status="all", until="2017-04") == [ids["attack"], ids["congo"], ids["wrong"]]
    assert ids_of(status="all", since="2017-04-02", until="2017-04-03") == [ids["congo"]]
    assert ids_of(country="syria") == [ids["strike"], ids["clash"]]
    assert ids_of(country="Democratic Republic of Congo") == [ids["congo"]]
    assert ids_of(country="Narnia") == []


def test_country_filter_follows_entity_merges(curated, tmp_path):
    store, ids = curated
    # Merge Afrin into a new place in Turkey: the clash now counts as Turkey's.
    from workbench.store.entities import create_entity, find_entity

    with change(store, "merge-places") as tx:
        survivor = create_entity(tx, "place", "Afrin district", attrs={"country": "Turkey"})
        tx.update("entities", find_entity(store, "place", "Afrin"), {"merged_into": survivor})
    records = jsonl_records(store, tmp_path, country="Turkey")
    assert [(r["event_id"], r["location"]) for r in records] == [(ids["clash"], "Afrin district")]


def test_date_bounds():
    assert date_bound("2018", end=False) == "2018-01-01"
    assert date_bound("2018", end=True) == "2018-12-31"
    assert date_bound("2016-02", end=True) == "2016-02-29"
    assert date_bound(" 2018-03-04 ", end=True) == "2018-03-04"
    assert date_bound("", end=True) is None
    for bad in ("2018-13", "18-01-01", "2018-02-30", "last week"):
        with pytest.raises(ValueError):
            date_bound(bad, end=False)


def test_iter_records_is_the_jsonl_file(curated, tmp_path):
    store, _ = curated
    text = export_text(store, "jsonl", tmp_path, status="all")
    expected = "".join(json_text(r) + "\n" for r in iter_records(store, status="all"))
    assert text == expected


AWKWARD = [
    "",
    "plain",
    'quote " and \\ backslash',
    "tab\tnew\nline\rcr",
    "\x00\x1f control \x7f",
    "non-ASCII: Алеппо, حلب, 🚀",
    "\u2028 line separator",
]


def test_fast_lines_equal_json_dumps_on_awkward_values(store):
    with change(store, "seed") as tx:
        article = tx.insert(
            "articles",
            {"content_hash": "h\"1", "file": AWKWARD[3], "title": AWKWARD[5], "url": AWKWARD[2],
             "published": None, "text": "x", "ingested_at": "now", "record_id": ""},
        )  # fmt: skip
        places = [
            tx.insert(
                "entities",
                {
                    "kind": "place",
                    "canonical": name,
                    "attrs": json.dumps(attrs),
                    "created_at": "now",
                },
            )  # fmt: skip
            for name, attrs in [
                (AWKWARD[4], {"latitude": "12.5", "longitude": [1, 2], "country": 7}),
                (AWKWARD[5], {"latitude": 1e-7, "longitude": -0.0, "admin1": True}),
                (AWKWARD[6], {"latitude": 10**20, "longitude": 2.5e300, "country": None}),
            ]
        ]
        for n, text in enumerate(AWKWARD):
            event = tx.insert(
                "events",
                {"event_date": None if n % 2 else "2020-01-01", "notes": text,
                 "place_id": places[n % 3], "actor1_id": places[0], "status": "confirmed",
                 "assoc_actor_1": json.dumps([places[1], 999]), "confidence": (1 / 3, 1, 0.5)[n % 3],
                 "fatalities": n or None, "confirmed_by": text, "created_at": "now",
                 "updated_at": "2020-01-01T00:00:00Z"},
            )  # fmt: skip
            for start in (None, n):
                tx.insert("event_sources", {"event_id": event, "article_id": article,
                                            "quote": text, "start": start, "end": None})  # fmt: skip
    entities = EntityCache(store)
    lines = JsonLines(entities)
    checked = 0
    for row, sources in iter_rows(store, EventFilter("all"), entities):
        expected = json_text(to_record(row, entities, sources))  # escaped, as files are
        assert lines.line(row, sources) == expected
        checked += 1
    assert checked == len(AWKWARD)


@pytest.mark.parametrize(
    "which",
    [
        EventFilter("all"),
        EventFilter("confirmed"),
        EventFilter("reviewed"),
        EventFilter("confirmed", since="2015-01-01", until="2018-12-31"),
        EventFilter("all", country="Syria"),
    ],
    ids=["all", "confirmed", "reviewed", "dates", "country"],
)
def test_export_reads_events_in_id_order_without_sorting(file_store, which):
    """The export's query walks the events in id order. Through an index on a filter column
    (coder IS NULL, status, dates, places) SQLite sorted every row, quotes and titles
    included, in a temporary B-tree before the first one came out (500k events: the
    largest part of the gap to the sqlite3 dump). SQLite's own query plan: a file only."""
    store = file_store
    from workbench.export.records import rows_query
    from workbench.export.synthetic import bulk_events

    bulk_events(store, 300)
    sql, params = rows_query(store, which)
    plan = [row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
    assert plan[0] == "SCAN e", plan
    assert not any("TEMP B-TREE" in step for step in plan), plan
