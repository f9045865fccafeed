"""Merge, split, rename, attributes and exclusion: one logged action each, undone in one step."""

from __future__ import annotations

import hashlib
import json

import pytest

from workbench.resolve import (
    exclude_pairs,
    list_entities,
    merge_entities,
    rename_entity,
    set_attributes,
    split_alias,
    suggest,
)
from workbench.store import ConflictError, StoreError, change, undo
from workbench.store.db import now
from workbench.store.entities import create_entity, find_entity
from workbench.store.events import add_event

pytestmark = pytest.mark.backends

TEXT = (
    "Syrian President Bashar Assad said on Monday that Bashar al-Assad would not resign. "
    "Assad's forces shelled Kafranbil. Residents of Kafr Nabl fled."
)


def entity(store, kind, name, aliases=(), origin="extracted"):
    with change(store, "add-entity") as tx:
        return create_entity(tx, kind, name, aliases=list(aliases), origin=origin)


def article(store, text=TEXT, file="a.txt"):
    with store.write():
        cur = store.conn.execute(
            "INSERT INTO articles (content_hash, file, title, text, ingested_at) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id",
            [hashlib.sha256(text.encode()).hexdigest(), file, file, text, now()],
        )
        return cur.fetchone()[0]


def mention(store, article_id, surface, entity_id, kind="actor"):
    text = store.scalar("SELECT text FROM articles WHERE id = ?", [article_id])
    start = text.index(surface)
    with store.write():
        cur = store.conn.execute(
            'INSERT INTO mentions (article_id, start, "end", text, kind, entity_id) '
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            [article_id, start, start + len(surface), surface, kind, entity_id],
        )
        return cur.fetchone()[0]


def snapshot(store):
    tables = ("entities", "aliases", "mentions", "events", "event_sources", "distinct_pairs")
    return {t: store.query(f"SELECT * FROM {t} ORDER BY id") for t in tables}


def without_versions(snap):
    return {
        t: [{k: v for k, v in r.items() if k != "version"} for r in rows]
        for t, rows in snap.items()
    }


@pytest.fixture
def assad(store):
    """Three extracted entities for one person, one article, mentions and events."""
    aid = article(store)
    ids = {
        "full": entity(store, "actor", "Bashar al-Assad"),
        "titled": entity(store, "actor", "Syrian President Bashar Assad"),
        "short": entity(store, "actor", "Assad"),
        "town": entity(store, "place", "Kafranbil"),
        "town2": entity(store, "place", "Kafr Nabl"),
    }
    mention(store, aid, "Bashar al-Assad", ids["full"])
    mention(store, aid, "Syrian President Bashar Assad", ids["titled"])
    mention(store, aid, "Kafranbil", ids["town"], "place")
    mention(store, aid, "Kafr Nabl", ids["town2"], "place")
    e1 = add_event(
        store,
        aid,
        {
            "actor1": "Syrian President Bashar Assad",
            "location": "Kafr Nabl",
            "assoc_actor_1": ["Assad"],
            "sub_event_type": "Shelling/artillery/missile attack",
            "event_date": "2019-05-06",
            "date_precision": "day",
        },
        quote="Assad's forces shelled Kafranbil.",
    )
    e2 = add_event(store, aid, {"actor2": "Bashar al-Assad", "location": "Kafranbil"})
    return {**ids, "aid": aid, "e1": e1, "e2": e2}


def test_merge_moves_names_events_and_mentions_in_one_undoable_action(store, assad):
    before = snapshot(store)
    survivor = merge_entities(store, [assad["full"], assad["titled"], assad["short"]])
    assert survivor == assad["full"]
    loser = store.row("entities", assad["titled"])
    assert loser["merged_into"] == survivor  # kept, not deleted
    names = {
        r["name"] for r in store.query("SELECT name FROM aliases WHERE entity_id = ?", [survivor])
    }
    assert {"Bashar al-Assad", "Syrian President Bashar Assad", "Assad"} <= names
    # Extraction resolves names through the aliases table: the old names now find the survivor.
    assert find_entity(store, "actor", "Syrian President Bashar Assad") == survivor
    assert find_entity(store, "actor", "assad") == survivor
    e1 = store.row("events", assad["e1"])
    assert e1["actor1_id"] == survivor and json.loads(e1["assoc_actor_1"]) == [survivor]
    assert store.row("events", assad["e2"])["actor2_id"] == survivor
    assert store.scalar("SELECT count(*) FROM mentions WHERE entity_id = ?", [survivor]) == 2
    assert (
        store.query("SELECT action FROM actions ORDER BY id DESC LIMIT 1")[0]["action"]
        == "merge-actors"
    )
    listed = list_entities(store, "actor")
    assert [e["entity_id"] for e in listed] == [survivor]
    assert listed[0]["count"] == 2

    undo(store)
    assert without_versions(snapshot(store)) == without_versions(before)


def test_merge_into_a_chosen_survivor_fills_missing_attributes(store, assad):
    set_attributes(store, assad["full"], {"type": "state forces", "country": "Syria"})
    survivor = merge_entities(store, [assad["full"], assad["short"]], into=assad["short"])
    assert survivor == assad["short"]
    attrs = json.loads(store.row("entities", survivor)["attrs"])
    assert attrs == {"type": "State forces", "country": "Syria"}


def test_merge_refuses_kinds_and_merged_entities(store, assad):
    with pytest.raises(StoreError, match="actor with a place"):
        merge_entities(store, [assad["full"], assad["town"]])
    merge_entities(store, [assad["full"], assad["short"]])
    with pytest.raises(StoreError, match="was merged into"):
        merge_entities(store, [assad["short"], assad["titled"]])
    with pytest.raises(ValueError):
        merge_entities(store, [assad["full"]])


def test_merge_checks_versions(store, assad):
    stale = store.row("entities", assad["titled"])["version"]
    rename_entity(store, assad["titled"], "President Assad")
    with pytest.raises(ConflictError):
        merge_entities(
            store, [assad["full"], assad["titled"]], expected_versions={assad["titled"]: stale}
        )


def test_merge_places_repoints_place_of_events(store, assad):
    merge_entities(store, [assad["town"], assad["town2"]])
    assert store.row("events", assad["e1"])["place_id"] == assad["town"]
    assert (
        store.query("SELECT action FROM actions ORDER BY id DESC LIMIT 1")[0]["action"]
        == "merge-places"
    )


def test_split_moves_the_alias_its_mentions_and_events_out(store, assad):
    merge_entities(store, [assad["town"], assad["town2"]])
    before = snapshot(store)
    new_id = split_alias(store, assad["town"], "kafr nabl")
    # The entity merged in under that name comes back, rather than a new one.
    assert new_id == assad["town2"]
    assert store.row("entities", new_id)["merged_into"] is None
    assert find_entity(store, "place", "Kafr Nabl") == new_id
    assert find_entity(store, "place", "Kafranbil") == assad["town"]
    moved = store.query("SELECT text FROM mentions WHERE entity_id = ?", [new_id])
    assert [m["text"] for m in moved] == ["Kafr Nabl"]
    # The article names the town both ways, so its events stay with the original entity.
    assert store.row("events", assad["e1"])["place_id"] == assad["town"]
    a, b = sorted((assad["town"], new_id))
    assert store.query(
        "SELECT * FROM distinct_pairs WHERE kind = 'entity' AND a = ? AND b = ?", [a, b]
    )
    undo(store)
    assert without_versions(snapshot(store)) == without_versions(before)


def test_split_creates_a_new_entity_and_follows_events_named_only_by_that_alias(store):
    a1 = article(store, "Fighters of the Free Idlib Army attacked.", "b.txt")
    a2 = article(store, "The FIA said it attacked the base.", "c.txt")
    fia = entity(store, "actor", "Free Idlib Army", aliases=["FIA"])
    mention(store, a1, "Free Idlib Army", fia)
    mention(store, a2, "FIA", fia)
    ev1 = add_event(store, a1, {"actor1": "Free Idlib Army"})
    ev2 = add_event(store, a2, {"actor1": "FIA"})
    assert store.row("events", ev2)["actor1_id"] == fia
    new_id = split_alias(store, fia, "FIA")
    assert new_id != fia and store.row("entities", new_id)["canonical"] == "FIA"
    assert store.row("events", ev2)["actor1_id"] == new_id
    assert store.row("events", ev1)["actor1_id"] == fia
    with pytest.raises(StoreError, match="canonical name"):
        split_alias(store, fia, "Free Idlib Army")
    with pytest.raises(StoreError, match="has no alias"):
        split_alias(store, fia, "Free Syrian Army")


def test_rename_keeps_the_old_name_and_refuses_anothers_name(store, assad):
    rename_entity(store, assad["titled"], "Bashar Hafez al-Assad")
    row = store.row("entities", assad["titled"])
    assert row["canonical"] == "Bashar Hafez al-Assad"
    assert find_entity(store, "actor", "Syrian President Bashar Assad") == assad["titled"]
    with pytest.raises(StoreError, match="merge instead"):
        rename_entity(store, assad["titled"], "Assad")
    undo(store)
    assert store.row("entities", assad["titled"])["canonical"] == "Syrian President Bashar Assad"


def test_attributes_are_checked(store, assad):
    set_attributes(
        store, assad["town"], {"lat": "35.5", "lon": 36.5, "admin1": " Idlib ", "country": "Syria"}
    )
    attrs = json.loads(store.row("entities", assad["town"])["attrs"])
    assert attrs == {"latitude": 35.5, "longitude": 36.5, "admin1": "Idlib", "country": "Syria"}
    with pytest.raises(ValueError, match="between -90 and 90"):
        set_attributes(store, assad["town"], {"latitude": 95, "longitude": 1})
    with pytest.raises(ValueError, match="go together"):
        set_attributes(store, assad["town"], {"latitude": ""})
    with pytest.raises(ValueError, match="no attribute"):
        set_attributes(store, assad["town"], {"type": "Rebel group"})
    with pytest.raises(ValueError, match="type must be one of"):
        set_attributes(store, assad["full"], {"type": "warlord"})
    set_attributes(store, assad["full"], {"type": "external/other forces"})
    assert (
        json.loads(store.row("entities", assad["full"])["attrs"])["type"] == "External/Other forces"
    )


def test_excluded_member_leaves_the_cluster_and_stays_out(store, assad):
    def groups():
        return [sorted(m.entity_id for m in s.members) for s in suggest(store, "actor")]

    assert sorted([assad["full"], assad["titled"], assad["short"]]) in groups()
    assert exclude_pairs(store, assad["short"], [assad["full"], assad["titled"]]) == 2
    assert exclude_pairs(store, assad["short"], [assad["full"]]) == 0  # remembered already
    assert groups() == [sorted([assad["full"], assad["titled"]])]
    undo(store)
    assert sorted([assad["full"], assad["titled"], assad["short"]]) in groups()
