"""extract_articles: what is written, what a rerun keeps, learnt names, cross-article sources."""

from __future__ import annotations

import json

import pytest

from workbench.extract.run import extract_articles
from workbench.resolve import merge_entities
from workbench.store import change, now
from workbench.store.db import inserted_id
from workbench.store.entities import find_entity

pytestmark = pytest.mark.backends  # the store on a SQLite file and a PostgreSQL server

REPORT_A = (
    "BEIRUT - Russian warplanes bombed a market in the town of Ariha in Idlib province on "
    "Monday, killing 14 civilians, rescue workers said.\n\n"
    "Separately, Turkish troops shelled positions of the YPG near Tal Rifaat on Sunday.\n\n"
    "Turkey vowed to press on with its operation."
)
REPORT_B = (
    "The White Helmets said Russian jets struck a crowded market in Ariha on Monday, "
    "killing 14 people."
)


def add_article(store, text, published="2019-07-23", file="a.txt"):
    with store.write():
        cur = store.conn.execute(
            "INSERT INTO articles (content_hash, file, text, published, ingested_at) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id",
            [f"h-{file}", file, text, published, now()],
        )
        return inserted_id(cur)


def rows(store, sql, params=()):
    return store.query(sql, params)


def test_writes_mentions_events_sources_entities(store):
    aid = add_article(store, REPORT_A)
    summary = extract_articles(store, [aid])
    assert summary["articles"] == 1 and summary["events"] == 2
    events = rows(store, "SELECT * FROM events ORDER BY id")
    air = events[0]
    assert air["status"] == "proposed" and air["origin"] == "extractor"
    assert air["sub_event_type"] == "Air/drone strike"
    assert air["event_type"] == "Explosions/Remote violence"
    assert air["event_date"] == "2019-07-22" and air["fatalities"] == 14
    assert "trigger:bombed" in json.loads(air["rules"])
    names = {
        r["canonical"]: r
        for r in rows(store, "SELECT canonical, kind, attrs, origin FROM entities")
    }
    assert names["Military Forces of Russia"]["origin"] == "dictionary"
    place = json.loads(names["Ariha"]["attrs"])
    assert place["admin1"] == "Idlib" and round(place["latitude"]) == 36
    assert air["actor1_id"] == find_entity(store, "actor", "Russian air force")
    src = rows(store, "SELECT * FROM event_sources WHERE event_id = ?", [air["id"]])[0]
    text = store.scalar("SELECT text FROM articles WHERE id = ?", [aid])
    assert text[src["start"] : src["end"]] == src["quote"] and "Ariha" in src["quote"]
    kinds = {r["kind"] for r in rows(store, "SELECT kind FROM mentions")}
    assert kinds == {"actor", "place", "date", "casualty"}
    assert store.scalar("SELECT extracted_at FROM articles WHERE id = ?", [aid])
    log = rows(store, "SELECT action, undoable FROM actions")
    assert log[-1] == {"action": "extract-articles", "undoable": 0}


def test_rerun_replaces_proposals_but_keeps_analyst_work(store):
    aid = add_article(store, REPORT_A)
    extract_articles(store, [aid])
    air, shelling = rows(store, "SELECT id, version FROM events ORDER BY id")
    mention = rows(store, "SELECT id, version FROM mentions ORDER BY id")[0]
    with change(store, "confirm-event") as tx:
        tx.update("events", air["id"], {"status": "confirmed"}, expected_version=air["version"])
        tx.update("mentions", mention["id"], {"edited": 1, "rule": "analyst"})
    summary = extract_articles(store, [aid], rerun=True)
    assert (summary["events"], summary["kept"]) == (1, 1)  # the proposal alone is replaced
    events = rows(store, "SELECT id, status FROM events ORDER BY id")
    assert events[0] == {"id": air["id"], "status": "confirmed"}  # untouched
    assert len(events) == 2 and events[1]["status"] == "proposed"
    assert shelling["id"]
    assert store.scalar("SELECT rule FROM mentions WHERE id = ?", [mention["id"]]) == "analyst"
    assert store.scalar("SELECT COUNT(*) FROM event_sources WHERE event_id = ?", [air["id"]]) == 1


def test_rejected_events_are_not_proposed_again(store):
    aid = add_article(store, REPORT_A)
    extract_articles(store, [aid])
    first = rows(store, "SELECT id, version FROM events ORDER BY id")[0]
    with change(store, "reject-event") as tx:
        tx.update("events", first["id"], {"status": "rejected"}, expected_version=first["version"])
    extract_articles(store, [aid], rerun=True)
    statuses = [r["status"] for r in rows(store, "SELECT status FROM events ORDER BY id")]
    assert statuses == ["rejected", "proposed"]


def test_same_incident_in_two_articles_is_one_event_with_two_sources(store):
    a = add_article(store, REPORT_A, file="a.txt")
    b = add_article(store, REPORT_B, published="2019-07-22", file="b.txt")
    summary = extract_articles(store, [a, b])
    assert summary["linked"] == 1
    (ev,) = rows(store, "SELECT id FROM events WHERE sub_event_type = 'Air/drone strike'")
    sources = rows(store, "SELECT article_id FROM event_sources WHERE event_id = ?", [ev["id"]])
    assert sorted(s["article_id"] for s in sources) == [a, b]
    # Re-extracting the first article hands the shared event to the second, not deletes it.
    extract_articles(store, [a], rerun=True)
    (ev,) = rows(store, "SELECT id FROM events WHERE sub_event_type = 'Air/drone strike'")
    sources = rows(store, "SELECT article_id FROM event_sources WHERE event_id = ?", [ev["id"]])
    assert sorted(s["article_id"] for s in sources) == [a, b]


def test_merged_names_are_recognised_on_later_runs(store):
    first = add_article(store, "Gunmen of the Liwa Sultan Hamdi Brigade attacked Azaz on Monday.")
    extract_articles(store, [first])
    extracted = find_entity(store, "actor", "Liwa Sultan Hamdi Brigade")
    assert store.row("entities", extracted)["origin"] == "extracted"
    target = find_entity(store, "actor", "Syrian National Army")
    if target is None:
        with change(store, "add-entity") as tx:
            from workbench.store.entities import create_entity

            target = create_entity(tx, "actor", "Syrian National Army")
    merge_entities(store, [extracted, target], into=target)
    later = add_article(
        store, "The Liwa Sultan Hamdi Brigade shelled Tal Rifaat on Friday.", file="c.txt"
    )
    extract_articles(store, [later])
    actor1 = store.scalar("SELECT actor1_id FROM events WHERE article_id = ?", [later])
    assert actor1 == target


def test_all_skips_extracted_articles_unless_rerun(store):
    a = add_article(store, REPORT_A)
    assert extract_articles(store)["articles"] == 1
    assert extract_articles(store)["articles"] == 0
    assert extract_articles(store, rerun=True)["articles"] == 1
    assert a


def test_worker_processes_give_the_same_result(store):
    ids = [add_article(store, REPORT_A.replace("Ariha", town), file=f"{town}.txt")
           for town in ("Ariha", "Saraqib", "Binnish")]  # fmt: skip
    seen = []
    extract_articles(store, ids, workers=2, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (3, 3)
    places = {
        r["canonical"] for r in rows(store, "SELECT canonical FROM entities WHERE kind='place'")
    }
    assert {"Ariha", "Saraqib", "Binnish"} <= places
    # Three strikes on three towns; the Turkish shelling all three report is one event.
    assert store.scalar("SELECT COUNT(*) FROM events") == 4
    shelling = store.scalar("SELECT id FROM events WHERE sub_event_type LIKE 'Shelling%'")
    assert store.scalar("SELECT COUNT(*) FROM event_sources WHERE event_id = ?", [shelling]) == 3


def test_proposal_for_a_sentence(store):
    from workbench.extract.propose import propose_for_sentence, propose_for_span

    aid = add_article(store, REPORT_A)
    text = store.scalar("SELECT text FROM articles WHERE id = ?", [aid])
    start = text.index("Separately")
    end = text.index("\n", start)
    values = propose_for_span(store, aid, start, end)
    assert values["sub_event_type"] == "Shelling/artillery/missile attack"
    assert (values["actor1"], values["location"]) == ("Military Forces of Turkey", "Tal Rifaat")
    threat = text.index("Turkey vowed")
    # A vow is no act: only what its mentions name, no type.
    vowed = propose_for_sentence(text, threat, len(text), "2019-07-23")
    assert "sub_event_type" not in vowed and "confidence" not in vowed


def test_seed_shootdown_reported_twice_is_one_event(seeded):
    # The cross-article case: the Su-25 shot down in seeds 000 and 001.
    extract_articles(seeded)
    rows = seeded.query(
        "SELECT e.id, a.file FROM events e "
        "JOIN event_sources s ON s.event_id = e.id JOIN articles a ON a.id = s.article_id "
        "WHERE e.sub_event_type = 'Disrupted weapons use'"
    )
    assert len({r["id"] for r in rows}) == 1
    assert sorted(r["file"][:3] for r in rows) == ["000", "001"]
