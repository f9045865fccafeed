"""Provides the Datasette metadata for a workbench database: table and column descriptions.

`datasette work.db --metadata work-metadata.json` then shows what every table and column
means, facets on the flat `events_flat` view (one row per event, names not ids, created by
a migration), and entity/article names instead of bare ids via `label_column`. Only tables
and columns that exist in this database are described; internal tables (full-text index
shadows, migration bookkeeping) are hidden. JSON is also valid YAML, so the same text serves
a `.yml` file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from ..base.untrusted import json_text
from ..store import Store
from ..store.record import FIELDS, SOURCES_HELP

# The record's fields (store.record) as events_flat shows them.
EVENT_FIELDS = {**{f.name: f.help for f in FIELDS}, "sources": SOURCES_HELP}

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "events_flat": (
        "One row per event (merged-away events left out) with names instead of ids: the "
        "same fields as the JSONL export.",
        EVENT_FIELDS,
    ),
    "events": (
        "Events as stored: proposed by the extractor or added by an analyst, then confirmed, "
        "rejected or merged. Entity columns hold ids; see events_flat for names.",
        {
            "id": "Event id.",
            "article_id": "Article the event was first found in.",
            "actor1_id": "First actor (entities.id).",
            "actor2_id": "Second actor (entities.id).",
            "assoc_actor_1": "Associated actors of actor1 (JSON list of entities.id).",
            "assoc_actor_2": "Associated actors of actor2 (JSON list of entities.id).",
            "place_id": "Place (entities.id).",
            "status": "proposed, confirmed, rejected, or merged (folded into merged_into).",
            "rules": "Extraction rules that proposed it (JSON list).",
            "origin": "extractor, analyst or import.",
            "edited": "1 once an analyst changed any field.",
            "merged_into": "The event this one was merged into.",
            "coder": "Blind double coding: the coder whose private copy this is (empty for "
            "the shared events, the only ones exported).",
            "copy_of": "The shared event a coder's copy was made from; on a double-coded "
            "article's final event, the coder's copy it was first built from.",
            "adjudicated_by": "Who built this final event from the two coders' copies.",
            "adjudicated_at": "When (UTC).",
            "review_note": "The reviewer's comment when the event was sent back to its coder.",
            "created_at": "When the row was created (UTC).",
            "updated_at": "When it last changed (UTC).",
            "version": "Bumped on every change (optimistic concurrency).",
            "incomplete": "Required fields the extractor could not fill (actor1, date, location).",
            **{k: v for k, v in EVENT_FIELDS.items() if k not in ("event_id", "status")},
        },
    ),
    "event_sources": (
        "Which articles report which event, with the supporting quote and its span.",
        {
            "id": "Row id.",
            "event_id": "The event (events.id).",
            "article_id": "The article (articles.id).",
            "quote": "Supporting quote from the article.",
            "start": "Character offset where the quote starts in the article text.",
            "end": "Character offset where it ends.",
            "version": "Bumped on every change.",
        },
    ),
    "articles": (
        "Ingested news articles (idempotent by content hash).",
        {
            "id": "Article id.",
            "content_hash": "sha256 of the original bytes or record ('stub:<hash>' for an "
            "article known only from another analyst's export).",
            "file": "Base name of the ingested file.",
            "record_id": "Record id for JSONL/CSV input.",
            "title": "Title.",
            "outlet": "Publisher (ACLED's source).",
            "url": "URL of the article.",
            "published": "Publication date, ISO.",
            "published_source": "Where the date came from: given, inferred or unknown.",
            "text": "Article text, control characters removed.",
            "boilerplate": "Boilerplate spans (JSON list of [start, end]).",
            "meta": "Other fields of the input record (JSON).",
            "status": "Review status: new, in_review, done.",
            "extracted_at": "When extraction last ran on it.",
            "skipped_chars": "Characters extraction did not read for events (boilerplate, "
            "headings); null before extraction.",
            "extract_error": "Why extraction failed or was stopped (its time limit); null "
            "when it ran, or never ran.",
            "ingested_at": "When it was ingested.",
            "version": "Bumped on every change.",
        },
    ),
    "entities": (
        "Actors and places. A merged entity keeps its row and points at the survivor.",
        {
            "id": "Entity id.",
            "kind": "actor or place.",
            "canonical": "Canonical name.",
            "attrs": "Attributes (JSON): actor type (ACLED inter class) and country; place "
            "admin1, country, latitude, longitude.",
            "origin": "dictionary, extracted, analyst or import.",
            "merged_into": "The entity this one was merged into.",
            "created_at": "When it was created.",
            "version": "Bumped on every change.",
        },
    ),
    "aliases": (
        "Other names of entities (a merged entity's names stay as aliases).",
        {
            "id": "Row id.",
            "entity_id": "The entity (entities.id).",
            "name": "The name as written.",
            "norm": "Normalised exact-match key.",
            "source": "dictionary, merge, analyst or text.",
            "version": "Bumped on every change.",
        },
    ),
    "mentions": (
        "Spans the extractor found in articles: actors, places, dates, weapons, casualties.",
        {
            "id": "Row id.",
            "article_id": "The article (articles.id).",
            "start": "Start character offset.",
            "end": "End character offset.",
            "text": "The mention as written.",
            "kind": "actor, place, date, weapon or casualty.",
            "entity_id": "Resolved entity (entities.id).",
            "value": "Resolved value (JSON): date, count, weapon class.",
            "rule": "Rule that found it.",
            "confidence": "Confidence, 0 to 1.",
            "status": "active or dropped.",
            "edited": "1 once an analyst touched it.",
            "version": "Bumped on every change.",
        },
    ),
    "analysts": (
        "The team: analysts and their roles (a guard against mistakes, not security).",
        {
            "id": "Row id.",
            "name": "Analyst name, as in the action log.",
            "role": "coder, reviewer or admin.",
            "created_at": "When they were added.",
            "version": "Bumped on every change.",
        },
    ),
    "assignments": (
        "Which analyst codes which article; blind = double-coded on the coder's own copy.",
        {
            "id": "Row id.",
            "article_id": "The article (articles.id).",
            "analyst": "The analyst it is assigned to.",
            "blind": "1 for a double-coded article (coded blind on the analyst's own copy).",
            "status": "assigned or done.",
            "assigned_by": "The admin who assigned it.",
            "assigned_at": "When (UTC).",
            "done_at": "When the analyst marked it done.",
            "version": "Bumped on every change.",
        },
    ),
    "actions": (
        "Append-only log of every change: who, when, what, before and after.",
        {
            "id": "Action id.",
            "analyst": "Who.",
            "ts": "When (UTC).",
            "action": "Verb-object id (confirm-event, merge-actors, undo ...).",
            "target": "Rows touched (table:id ...).",
            "before": "Rows before (JSON).",
            "after": "Rows after (JSON).",
            "undoable": "1 if it can be undone.",
            "ref": "For undo/redo: the action undone or redone.",
        },
    ),
}

EXTRA: dict[str, dict[str, Any]] = {
    "events_flat": {"facets": ["status", "event_type", "country"]},
    "events": {"facets": ["status", "event_type"]},
    "articles": {"label_column": "title", "facets": ["status", "outlet"]},
    "entities": {"label_column": "canonical", "facets": ["kind", "origin"]},
    "actions": {"facets": ["analyst", "action"], "sort_desc": "id"},
}


def _tables(store: Store) -> dict[str, list[str]]:
    names = [
        r[0]
        for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name"
        )
    ]
    return {n: [c[1] for c in store.conn.execute(f"PRAGMA table_info([{n}])")] for n in names}


def datasette_metadata(store: Store) -> dict[str, Any]:
    """The metadata document for this database (named after the file, as Datasette does)."""
    tables: dict[str, Any] = {}
    for name, columns in _tables(store).items():
        if name not in TABLES:
            # FTS shadow tables, migration bookkeeping, anything not meant for readers.
            if name.startswith(("articles_fts", "_", "sqlite_")) or name == "action_targets":
                tables[name] = {"hidden": True}
            continue
        description, documented = TABLES[name]
        tables[name] = {
            "description": description,
            "columns": {c: documented[c] for c in columns if c in documented},
            **EXTRA.get(name, {}),
        }
    database = Path(store.path).stem if store.path != ":memory:" else "memory"
    return {
        "title": "Workbench conflict events",
        "description": "Conflict events curated from news articles with Workbench. Start "
        "with events_flat: one row per event, with names and sources.",
        "databases": {database: {"tables": tables}},
    }


def write_metadata(store: Store, out: TextIO) -> int:
    """Write the metadata as JSON; returns the number of tables described."""
    metadata = datasette_metadata(store)
    out.write(json_text(metadata, indent=2))
    out.write("\n")
    tables = next(iter(metadata["databases"].values()))["tables"]
    return sum(1 for t in tables.values() if "description" in t)
