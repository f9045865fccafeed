"""`workbench names ...` and `workbench events duplicates|distinct` through the real CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from names_fixtures import article, mention

from workbench.cli import main
from workbench.resolve import duplicate_candidates
from workbench.store import Store, change
from workbench.store.entities import create_entity, find_entity
from workbench.store.events import add_event, merge_events

pytestmark = pytest.mark.backends

A1 = "Russian jets struck Kafranbil on Monday, killing 6 civilians, the SDF said."
A2 = "Six civilians died in an airstrike on Kafr Nabl, the Syrian Democratic Forces (SDF) said."


@pytest.fixture
def db(db_path):
    store = Store(db_path, analyst="tester")
    a1, a2 = article(store, A1, "a1.txt"), article(store, A2, "a2.txt")
    with change(store, "add-entities") as tx:
        ids = {n: create_entity(tx, k, n, origin="extracted") for n, k in [
            ("Kafranbil", "place"), ("Kafr Nabl", "place"), ("SDF", "actor"),
            ("Syrian Democratic Forces", "actor"), ("Military Forces of Russia", "actor")]}  # fmt: skip
    mention(store, a1, "Kafranbil", ids["Kafranbil"], "place")
    mention(store, a2, "Kafr Nabl", ids["Kafr Nabl"], "place")
    mention(store, a1, "SDF", ids["SDF"], "actor")
    mention(store, a2, "Syrian Democratic Forces", ids["Syrian Democratic Forces"], "actor")
    common = {"sub_event_type": "Air/drone strike", "date_precision": "day"}
    e1 = add_event(store, a1, {**common, "event_date": "2018-02-05", "location": "Kafranbil",
                               "actor1": "Military Forces of Russia", "fatalities": "6"},
                   quote="Russian jets struck Kafranbil on Monday")  # fmt: skip
    e2 = add_event(store, a2, {**common, "event_date": "2018-02-06", "location": "Kafranbil",
                               "fatalities": "6"}, quote="Six civilians died in an airstrike")  # fmt: skip
    store.close()
    return db_path, ids, e1, e2


def run(db_path, *args):
    result = CliRunner().invoke(main, ["--db", db_path, "--analyst", "tester", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_names_list_json(db):
    db_path, ids, *_ = db
    rows = json.loads(run(db_path, "names", "list", "--kind", "place", "--format", "json"))
    assert {r["canonical"] for r in rows} == {"Kafranbil", "Kafr Nabl"}
    assert set(rows[0]) == {"entity_id", "kind", "canonical", "aliases", "count"}
    assert all(r["count"] == 1 for r in rows)


def test_names_suggest_merge_split(db):
    db_path, ids, *_ = db
    found = json.loads(run(db_path, "names", "suggest", "--format", "json"))
    groups = {frozenset(m["name"] for m in s["members"]): s for s in found}
    assert frozenset({"SDF", "Syrian Democratic Forces"}) in groups
    assert frozenset({"Kafranbil", "Kafr Nabl"}) in groups
    sdf = groups[frozenset({"SDF", "Syrian Democratic Forces"})]
    assert sdf["canonical"] == "Syrian Democratic Forces" and sdf["score"] >= 85
    assert set(sdf["members"][0]) == {"name", "count", "entity_id"}
    assert "\t" in run(db_path, "names", "suggest")  # table (tab-separated off a terminal)

    out = run(db_path, "names", "merge", str(ids["Kafr Nabl"]), str(ids["Kafranbil"]),
              "--into", str(ids["Kafranbil"]))  # fmt: skip
    assert "into" in out
    store = Store(db_path)
    assert find_entity(store, "place", "Kafr Nabl") == ids["Kafranbil"]
    assert {r["place_id"] for r in store.query("SELECT place_id FROM events")} == {ids["Kafranbil"]}
    store.close()
    rows = json.loads(run(db_path, "names", "list", "--kind", "place", "--format", "json"))
    assert rows == [{"entity_id": ids["Kafranbil"], "kind": "place", "canonical": "Kafranbil",
                     "aliases": ["Kafr Nabl"], "count": 2}]  # fmt: skip

    run(db_path, "names", "split", str(ids["Kafranbil"]), "Kafr Nabl")
    store = Store(db_path)
    assert find_entity(store, "place", "Kafr Nabl") == ids["Kafr Nabl"]
    store.close()
    # Split pairs are remembered as distinct: no longer suggested.
    found = json.loads(run(db_path, "names", "suggest", "--kind", "place", "--format", "json"))
    assert found == []


def test_names_rename_set_exclude_and_errors(db):
    db_path, ids, *_ = db
    run(db_path, "names", "rename", str(ids["SDF"]), "Syrian Democratic Forces (SDF)")
    run(db_path, "names", "set", str(ids["Kafranbil"]), "lat=35.6", "lon=36.56", "admin1=Idlib")
    run(db_path, "names", "exclude", str(ids["SDF"]), str(ids["Syrian Democratic Forces"]))
    found = json.loads(run(db_path, "names", "suggest", "--kind", "actor", "--format", "json"))
    assert found == []
    bad = CliRunner().invoke(
        main, ["--db", db_path, "names", "set", str(ids["Kafranbil"]), "type=x"]
    )
    assert bad.exit_code != 0 and "no attribute" in bad.output
    bad = CliRunner().invoke(
        main, ["--db", db_path, "names", "merge", str(ids["SDF"]), str(ids["Kafranbil"])]
    )
    assert bad.exit_code == 1 and "actor with a place" in bad.output
    bad = CliRunner().invoke(main, ["--db", db_path, "names", "split", "999", "x"])
    assert bad.exit_code == 1 and "no entity" in bad.output


def test_events_duplicates_distinct_and_merge(db):
    db_path, ids, e1, e2 = db
    pairs = json.loads(run(db_path, "events", "duplicates", "--format", "json"))
    assert len(pairs) == 1
    pair = pairs[0]
    assert {pair["a"]["event_id"], pair["b"]["event_id"]} == {e1, e2}
    assert "same place" in pair["reasons"]
    assert {pair["a"]["quote"], pair["b"]["quote"]} == {
        "Russian jets struck Kafranbil on Monday", "Six civilians died in an airstrike"}  # fmt: skip
    run(db_path, "events", "distinct", str(e1), str(e2))
    assert json.loads(run(db_path, "events", "duplicates", "--format", "json")) == []
    assert "already" in run(db_path, "events", "distinct", str(e2), str(e1))


def test_duplicate_rules(db):
    db_path, ids, e1, e2 = db
    store = Store(db_path, analyst="tester")
    assert len(duplicate_candidates(store)) == 1
    # Outside the date precision: not a candidate; a week's precision brings it back.
    store.conn.execute("UPDATE events SET event_date = '2018-02-09' WHERE id = ?", [e2])
    assert duplicate_candidates(store) == []
    store.conn.execute("UPDATE events SET date_precision = 'week' WHERE id = ?", [e2])
    assert len(duplicate_candidates(store)) == 1
    # Another sub-event type: not a candidate.
    store.conn.execute(
        "UPDATE events SET sub_event_type = 'Shelling/artillery/missile attack' WHERE id = ?", [e2]
    )
    assert duplicate_candidates(store) == []
    store.conn.execute("UPDATE events SET sub_event_type = 'Air/drone strike' WHERE id = ?", [e2])
    # Merged: one event with both sources, no candidates left.
    merge_events(store, e1, [e2])
    sources = store.query("SELECT article_id FROM event_sources WHERE event_id = ?", [e1])
    assert len(sources) == 2
    assert duplicate_candidates(store) == []
    store.close()


def test_list_unplaced_places(db_path):
    """`names list --kind unplaced`: places without coordinates, most mentioned first."""
    path = db_path
    with Store(path, analyst="t") as store, change(store, "fixture") as tx:
        create_entity(tx, "place", "Khan Touman", origin="extracted")
        create_entity(tx, "place", "Idlib", attrs={"latitude": 35.9, "longitude": 36.6})
        create_entity(tx, "actor", "Free Syrian Army")
    out = CliRunner().invoke(main, ["--db", path, "names", "list", "--kind", "unplaced",
                                    "--format", "json"])  # fmt: skip
    assert out.exit_code == 0, out.output
    assert [r["canonical"] for r in json.loads(out.output)] == ["Khan Touman"]
    out = CliRunner().invoke(main, ["--db", path, "names", "suggest", "--kind", "unplaced"])
    assert out.exit_code == 0, out.output
