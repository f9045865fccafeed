"""A merge teaches extraction: the merged name is recognised in articles ingested later."""

from __future__ import annotations

import pytest

from workbench.resolve import merge_entities, suggest
from workbench.store.entities import find_entity

pytestmark = pytest.mark.backends  # the store on a SQLite file and a PostgreSQL server


def ingest(store, tmp_path, name, text):
    from workbench.extract.run import extract_articles
    from workbench.ingest import ingest_paths

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = ingest_paths(store, [str(path)])
    extract_articles(store, report.added)
    return report.added[0]


def place_mentions(store, article_id):
    return store.query(
        "SELECT m.text, m.entity_id FROM mentions m WHERE m.article_id = ? AND m.kind = 'place'",
        [article_id],
    )


def test_merged_variant_is_recognised_on_later_ingest(store, tmp_path):
    ingest(store, tmp_path, "a.txt", "Warplanes struck the village of Umm Zaytunah on Monday.\n")
    ingest(store, tmp_path, "b.txt", "Shells hit the village of Umm Zaytouna on Tuesday.\n")
    first = find_entity(store, "place", "Umm Zaytunah")
    second = find_entity(store, "place", "Umm Zaytouna")
    assert first and second and first != second
    clusters = [{m.entity_id for m in s.members} for s in suggest(store, "place")]
    assert {first, second} in clusters
    merge_entities(store, [first, second])

    # No "village of" this time: only what the database learnt can find the name.
    later = ingest(store, tmp_path, "c.txt", "Umm Zaytouna was shelled again, residents said.\n")
    found = place_mentions(store, later)
    assert {"text": "Umm Zaytouna", "entity_id": first} in found
    assert store.scalar("SELECT count(*) FROM entities WHERE kind = 'place' AND canonical "
                        "LIKE 'Umm Zayt%'") == 2  # fmt: skip


def test_coordinates_set_on_a_place_teach_extraction(store, tmp_path):
    """Issue 12: a place the gazetteer did not know, placed by the analyst (names screen `e`
    or `names set`), is recognised and placed in articles ingested later; undone, it is not."""
    from workbench.resolve import set_attributes
    from workbench.store import undo

    text = "Warplanes struck the village of Zubdat Harqoush on Monday, killing 3, activists said.\n"
    ingest(store, tmp_path, "a.txt", text)
    place = find_entity(store, "place", "Zubdat Harqoush")
    assert place is not None and "latitude" not in store.row("entities", place)["attrs"]
    later_text = "Zubdat Harqoush was shelled again on Tuesday, killing 2 civilians.\n"
    before = ingest(store, tmp_path, "b.txt", later_text)
    assert not [m for m in place_mentions(store, before) if m["text"] == "Zubdat Harqoush"]

    set_attributes(store, place, {"latitude": "35.5", "longitude": "36.6", "country": "Syria"})
    later = ingest(store, tmp_path, "c.txt", later_text.replace("Tuesday", "Wednesday"))
    assert {"text": "Zubdat Harqoush", "entity_id": place} in place_mentions(store, later)
    placed = store.query("SELECT place_id FROM events WHERE article_id = ?", [later])
    assert [r["place_id"] for r in placed] == [place]

    undo(store)  # the coordinates go: nothing taught any more
    again = ingest(store, tmp_path, "d.txt", later_text.replace("Tuesday", "Thursday"))
    assert not [m for m in place_mentions(store, again) if m["text"] == "Zubdat Harqoush"]
