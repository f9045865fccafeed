"""Provides `bulk_events`: a large, deterministic synthetic dataset inserted with raw SQL.

For the export benchmark (`bench/export`) and the crash-during-export test, which need
hundreds of thousands of events quickly: going through the logged change API would write an
action per event. This is a system write (`store.write()` + executemany), nothing analysts
would undo, and it is never called by the application itself.
"""

from __future__ import annotations

import json
import random
from typing import Any

from ..base.actors import type_names
from ..base.codebook import load_codebook
from ..base.names import name_key
from ..store import Store, now

COUNTRIES = (
    ("Syria", 35.0, 38.0),
    ("Iraq", 33.0, 44.0),
    ("Yemen", 15.5, 48.0),
    ("Democratic Republic of Congo", -3.2, 23.6),
    ("Mali", 17.0, -4.0),
    ("Colombia", 4.6, -74.1),
)
WORDS = [
    "forces",
    "attacked",
    "the",
    "village",
    "near",
    "the",
    "river",
    "at",
    "dawn;",
    "residents",
    "reported",
    "heavy",
    "gunfire",
    "and",
    "several",
    "houses",
    "burned",
    "while",
    "the",
    "militia",
    "withdrew",
    "toward",
    "the",
    "hills",
]


EVENT_COLUMNS = [
    "id",
    "article_id",
    "event_date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "actor1_id",
    "actor2_id",
    "assoc_actor_1",
    "place_id",
    "geo_precision",
    "fatalities",
    "notes",
    "status",
    "confirmed_by",
    "confirmed_at",
    "created_at",
    "updated_at",
]


def _text(rng: random.Random, words: int) -> str:
    # One `choices` call, not a `choice` per word: the text was most of a 500k-event build.
    return " ".join(rng.choices(WORDS, k=words))


def bulk_events(
    store: Store,
    n_events: int,
    *,
    seed: int = 7,
    actors: int = 2000,
    places: int = 5000,
    events_per_article: int = 10,
    batch: int = 20_000,
) -> None:
    """Insert `n_events` events with entities, articles and ~1.3 sources per event."""
    rng = random.Random(seed)
    stamp = now()
    subs = list(load_codebook().values())
    types = type_names()
    n_articles = max(1, n_events // events_per_article)
    with store.write():
        conn = store.conn

        def bulk(table: str, cols: list[str], rows: list[tuple[Any, ...]]) -> None:
            store.sql.bulk_insert(conn, table, cols, rows)  # COPY on a server

        base = int(conn.execute("SELECT coalesce(max(id), 0) FROM entities").fetchone()[0])
        actor_ids = list(range(base + 1, base + actors + 1))
        place_ids = list(range(base + actors + 1, base + actors + places + 1))
        entity_rows = []
        for i, eid in enumerate(actor_ids):
            attrs: dict[str, Any] = {"type": types[i % len(types)], "country": COUNTRIES[i % 6][0]}
            entity_rows.append((eid, "actor", f"Actor group {i}", json.dumps(attrs), stamp))
        for i, eid in enumerate(place_ids):
            country, lat, lon = COUNTRIES[i % len(COUNTRIES)]
            attrs = {
                "country": country,
                "admin1": f"Province {i % 40}",
                "latitude": round(lat + rng.uniform(-2, 2), 4),
                "longitude": round(lon + rng.uniform(-2, 2), 4),
            }
            entity_rows.append((eid, "place", f"Town {i}", json.dumps(attrs), stamp))
        bulk(
            "entities",
            ["id", "kind", "canonical", "attrs", "origin", "created_at"],
            [(*r[:4], "dictionary", r[4]) for r in entity_rows],
        )
        bulk(
            "aliases",
            ["entity_id", "name", "norm", "source"],
            [(r[0], r[2], name_key(r[2]), "dictionary") for r in entity_rows],
        )
        first_article = int(conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])
        article_rows = [
            (
                f"synthetic-{seed}-{first_article + a}",
                f"bulk-{a}.txt",
                f"Report {a}: {_text(rng, 6)}",
                f"Outlet {a % 50}",
                f"https://news.example/{a}",
                f"20{10 + a % 14:02d}-{1 + a % 12:02d}-{1 + a % 28:02d}",
                "given",
                _text(rng, 60),
                stamp,
                "done",
            )
            for a in range(n_articles)
        ]
        bulk(
            "articles",
            ["content_hash", "file", "title", "outlet", "url", "published", "published_source"]
            + ["text", "ingested_at", "status"],
            article_rows,
        )
        first_event = int(conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0])
        for start in range(0, n_events, batch):
            events, sources = [], []
            for k in range(start, min(n_events, start + batch)):
                eid = first_event + k + 1
                article = first_article + 1 + k // events_per_article
                sub = subs[k % len(subs)]
                assoc = [rng.choice(actor_ids)] if k % 5 == 0 else []
                fatalities = rng.choice((None, 0, 1, 3, 12, 40))
                status = ("confirmed", "confirmed", "confirmed", "proposed", "rejected")[k % 5]
                events.append(
                    (
                        eid,
                        article,
                        f"20{10 + k % 14:02d}-{1 + k % 12:02d}-{1 + k % 28:02d}",
                        ("day", "day", "week", "month")[k % 4],
                        sub.event_type,
                        sub.sub_event_type,
                        rng.choice(actor_ids),
                        rng.choice(actor_ids) if k % 3 else None,
                        json.dumps(assoc),
                        rng.choice(place_ids),
                        1 + k % 3,
                        fatalities,
                        _text(rng, 18),
                        status,
                        "bulk" if status == "confirmed" else None,
                        stamp if status == "confirmed" else None,
                        stamp,
                        stamp,
                    )
                )
                # Every third event is also reported by the previous article.
                reporters = (
                    [article, article - 1]
                    if k % 3 == 0 and article > first_article + 1
                    else [article]
                )
                for n, source in enumerate(reporters):
                    quote = _text(rng, 20)
                    sources.append((eid, source, quote, 10 * n, 10 * n + len(quote)))
            bulk("events", EVENT_COLUMNS, events)
            bulk("event_sources", ["event_id", "article_id", "quote", "start", "end"], sources)
        for table in ("entities", "articles", "events"):  # ids given: move the sequences on
            store.sql.sync_ids(conn, table)
